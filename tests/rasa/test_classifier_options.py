"""The intent classifier's optional features (issue 13 item 4), inside Rasa's own environment:
Snowball stems, spelling to the nearest training word, one scorer per question. All are off by
default, so config.yml trains the same model as before (bench/nlu.py measures the variants)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from uke8.settings import PROJECT_ROOT

ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}


@pytest.mark.timeout(300)
def test_classifier_options_train_store_and_classify():
    result = subprocess.run([str(PROJECT_ROOT / ".venv-bot" / "bin" / "python"), "tests/rasa/checks/classifier_options_check.py"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    checks = json.loads(result.stdout.strip().splitlines()[-1])
    assert checks == dict.fromkeys(checks, True) and len(checks) == 14, checks


def test_config_question_scorers_match_the_answer_mapping():
    """config.yml's per-question scorers cover exactly the intents that answer each question in
    uke8/understanding (ANSWER_INTENTS): a question added or an intent renamed there must be
    added here too, or its scorer would learn the wrong codes."""
    import yaml

    from uke8.understanding.interpret import ANSWER_INTENTS

    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    classifier = next(c for c in config["pipeline"] if c["name"].endswith("FoldedTfidfIntentClassifier"))
    assert {q: set(i) for q, i in classifier["question_intents"].items()} == {q: set(m) for q, m in ANSWER_INTENTS.items()}
    assert classifier["question_negatives"] == "global"
