"""The Rasa project itself: the domain is generated from the catalogue, Rasa accepts the
project, and the button paths are predicted exactly by the trained model (`rasa test core`)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from uke8.rasa_domain import DOMAIN_PATH, render_domain
from uke8.settings import PROJECT_ROOT

RASA = PROJECT_ROOT / ".venv-bot" / "bin" / "rasa"
CURRENT_MODEL = PROJECT_ROOT / "models" / "current"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}


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
    if not CURRENT_MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    model = (PROJECT_ROOT / CURRENT_MODEL.read_text().strip()).resolve()
    result = subprocess.run(
        [str(RASA), "test", "core", "--model", str(model), "--stories", "tests/rasa/button_paths.yml", "--out", str(tmp_path), "--no-plot"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8") if (tmp_path / "failed_test_stories.yml").exists() else ""
    assert "story:" not in failed, failed
    report = json.loads((tmp_path / "story_report.json").read_text())
    assert report["accuracy"] == 1.0, report


@pytest.mark.timeout(300)
def test_rasa_hot_path_fixes_change_no_behaviour():
    """bot/uke8_bot/speedups.py, run inside Rasa's own environment."""
    result = subprocess.run([str(PROJECT_ROOT / ".venv-bot" / "bin" / "python"), "tests/rasa/checks/speedups_check.py"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    checks = json.loads(result.stdout.strip().splitlines()[-1])
    assert checks == {"patched": True, "same_classes": True, "topic_is_none": True, "unknown_raises": True,
                      "late_subclass": True, "valid_accepted": True, "invalid_refused": [True, True, True]}
