"""After the questions, every message that is not a global intent reaches
action_after_questions (data/rules/after_questions.yml), never the "forsto ikke" fallback; the
person's own questions reach action_global, which answers them and passes them on."""
from __future__ import annotations


import pytest
import yaml

from tests.rasa.bot_env import predicted_exactly
from uke8.settings import PROJECT_ROOT

RULES = PROJECT_ROOT / "data" / "rules" / "after_questions.yml"
# Keep their own handling after the questions (data/rules/global.yml, conversation.yml).
GLOBAL = {"start", "stopp", "menneske", "ikke_lagre", "endret_situasjon", "personvern", "hvorfor", "sykepenger", "hva_er_kartlegging"}
# Answered and passed on to the veileder after the questions (actions/global_intents.py).
PASSED_ON = {"personvern", "hvorfor", "sykepenger", "hva_er_kartlegging"}
STATES = ("ferdig", "avsluttet")


def _covered(action: str = "action_after_questions") -> set[tuple[str, str]]:
    covered = set()
    for rule in yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]:
        status = rule["condition"][0]["slot_was_set"][0]["samtale_status"]
        intents = [step["intent"] for step in rule["steps"] if "intent" in step]
        actions = [step.get("action") for step in rule["steps"] if "action" in step]
        assert actions in (["action_after_questions"], ["action_global"]), rule
        if actions == [action]:
            covered |= {(status, intent) for intent in intents}
    return covered


def test_every_non_global_intent_has_an_after_questions_rule_in_both_states():
    """A new intent without such a rule would get "forsto ikke" after the questions."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    wanted = {(status, intent) for status in STATES for intent in [*domain["intents"], "nlu_fallback"] if intent not in GLOBAL}
    assert wanted - _covered() == set()
    assert {intent for _, intent in _covered()} & GLOBAL == set()


def test_the_persons_own_questions_are_answered_and_passed_on_in_both_states():
    assert _covered("action_global") == {(status, intent) for status in STATES for intent in PASSED_ON}


@pytest.mark.timeout(300)
def test_after_the_questions_the_model_predicts_action_after_questions(tmp_path):
    assert predicted_exactly("tests/rasa/after_questions_paths.yml", tmp_path)["accuracy"] == 1.0
