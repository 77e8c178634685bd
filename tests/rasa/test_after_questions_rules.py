"""After the questions, every message that is not a global intent reaches
action_after_questions (data/rules/after_questions.yml), never the "forsto ikke" fallback."""
from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from tests.rasa.test_rasa_project import CURRENT_MODEL, ENV, RASA
from uke8.settings import PROJECT_ROOT

RULES = PROJECT_ROOT / "data" / "rules" / "after_questions.yml"
# Keep their own handling after the questions (data/rules/global.yml, conversation.yml).
GLOBAL = {"start", "stopp", "menneske", "ikke_lagre", "endret_situasjon", "personvern", "hvorfor", "sykepenger", "hva_er_kartlegging"}
STATES = ("ferdig", "avsluttet")


def _covered() -> set[tuple[str, str]]:
    covered = set()
    for rule in yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]:
        status = rule["condition"][0]["slot_was_set"][0]["samtale_status"]
        intents = [step["intent"] for step in rule["steps"] if "intent" in step]
        assert [step.get("action") for step in rule["steps"] if "action" in step] == ["action_after_questions"], rule
        covered |= {(status, intent) for intent in intents}
    return covered


def test_every_non_global_intent_has_an_after_questions_rule_in_both_states():
    """A new intent without such a rule would get "forsto ikke" after the questions."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    wanted = {(status, intent) for status in STATES for intent in [*domain["intents"], "nlu_fallback"] if intent not in GLOBAL}
    assert wanted - _covered() == set()
    assert {intent for _, intent in _covered()} & GLOBAL == set()


@pytest.mark.timeout(300)
def test_after_the_questions_the_model_predicts_action_after_questions(tmp_path):
    if not CURRENT_MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    model = (PROJECT_ROOT / CURRENT_MODEL.read_text().strip()).resolve()
    result = subprocess.run(
        [str(RASA), "test", "core", "--model", str(model), "--stories", "tests/rasa/after_questions_paths.yml", "--out", str(tmp_path), "--no-plot"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8") if (tmp_path / "failed_test_stories.yml").exists() else ""
    assert "story:" not in failed, failed
    assert json.loads((tmp_path / "story_report.json").read_text())["accuracy"] == 1.0
