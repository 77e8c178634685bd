"""The intent classifier's optional features (issue 13 item 4), inside Rasa's own environment:
Snowball stems, spelling to the nearest training word, one scorer per question. All are off by
default in the component; config.yml turns on spelling and the per-question scorers (bench/nlu.py
measures the variants)."""
from __future__ import annotations

import pytest
import yaml

from tests.rasa.bot_env import run_check
from uke8.settings import PROJECT_ROOT
from uke8.understanding.interpret import ANSWER_INTENTS


@pytest.mark.timeout(300)
def test_classifier_options_train_store_and_classify():
    checks = run_check("tests/rasa/checks/classifier_options_check.py")
    assert checks == dict.fromkeys(checks, True) and len(checks) == 14, checks


def test_config_question_scorers_match_the_answer_mapping():
    """config.yml's per-question scorers cover exactly the intents that answer each question in
    uke8/understanding (ANSWER_INTENTS): a question added or an intent renamed there must be
    added here too, or its scorer would learn the wrong codes."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    classifier = next(c for c in config["pipeline"] if c["name"].endswith("FoldedTfidfIntentClassifier"))
    assert {q: set(i) for q, i in classifier["question_intents"].items()} == {q: set(m) for q, m in ANSWER_INTENTS.items()}
    assert classifier["question_negatives"] == "global"
