"""The Rasa project itself: the domain is generated from the catalogue, Rasa accepts the
project, and the button paths are predicted exactly by the trained model (`rasa test core`)."""
from __future__ import annotations

import subprocess

import pytest

from tests.rasa.bot_env import ENV, RASA, predicted_exactly, run_check
from uke8.rasa_domain import DOMAIN_PATH, render_domain
from uke8.settings import PROJECT_ROOT



def test_domain_is_generated_from_the_catalogue():
    assert DOMAIN_PATH.read_text(encoding="utf-8") == render_domain(), "domain.yml is stale: run `uke8 gen-domain`"


def test_question_texts_are_not_retyped_outside_the_catalogue():
    q1 = "Hvor sannsynlig er det at du kommer tilbake"
    hits = subprocess.run(["git", "grep", "-l", q1, "--", ".", ":!tests", ":!domain.yml", ":!*.md"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.split()
    assert hits == ["uke8/triage/catalogue.py"]


@pytest.mark.timeout(300)
def test_rasa_validates_the_project():
    result = subprocess.run([str(RASA), "data", "validate", "--domain", "domain.yml", "--data", "data", "--config", "config.yml"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.timeout(300)
def test_button_paths_are_predicted_exactly(tmp_path):
    report = predicted_exactly("tests/rasa/button_paths.yml", tmp_path)
    assert report["accuracy"] == 1.0, report


@pytest.mark.timeout(300)
def test_rasa_hot_path_fixes_change_no_behaviour():
    """bot/uke8_bot/speedups.py, run inside Rasa's own environment."""
    checks = run_check("tests/rasa/checks/speedups_check.py")
    corpus = checks.pop("corpus")
    assert checks == {"patched": True, "same_classes": True, "topic_is_none": True, "unknown_raises": True,
                      "late_subclass": True, "valid_accepted": True, "invalid_refused": [True, True, True],
                      "same_verdicts": True}
    assert corpus["responses"] > 1000 and 100 < corpus["valid"] < corpus["responses"] - 100, corpus  # both kinds, many
