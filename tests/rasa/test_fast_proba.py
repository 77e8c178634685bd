"""The per-turn classifier's probabilities (bot/uke8_bot/fast_proba.py: the weights laid out once
at load, so no call copies them) are scikit-learn's own, on the product's trained model."""
from __future__ import annotations

import pytest

from tests.rasa.bot_env import run_check


@pytest.mark.timeout(300)
def test_fast_probabilities_are_scikit_learns():
    checks = run_check("tests/rasa/checks/fast_proba_check.py")
    texts = checks.pop("texts")
    assert texts > 500 and checks == dict.fromkeys(checks, True) and len(checks) == 6, checks
