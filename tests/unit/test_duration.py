"""Numeric durations on q3 (the person is at week 8 already)."""
from __future__ import annotations

import pytest

from uke8.understanding.duration import duration_answer, weeks_mentioned


@pytest.mark.parametrize(
    "text, code",
    [
        ("håper å være tilbake om to uker", "under_26_uker"),
        ("kanskje tre veka til", "under_26_uker"),
        ("et par maneder", "under_26_uker"),
        ("1 mnd", "under_26_uker"),
        ("innen fire måneder", "under_26_uker"),
        ("minst ett år sier legen", "over_26_uker"),
        ("mer enn et halvt år", "over_26_uker"),
        ("eit og eit halvt år", "over_26_uker"),
        ("8 måneder", "over_26_uker"),
        ("5 måneder", None),  # from now or in total? let the classifier and confirmation decide
        ("mer enn to måneder", None),
        ("ikke mer enn to måneder", None),  # negations belong to the pattern rules
        ("vet ikke", None),
    ],
)
def test_duration_answer(text, code):
    assert duration_answer(text) == code


def test_weeks_mentioned():
    assert weeks_mentioned("tre uker") == 3
    assert weeks_mentioned("ett år") == 52
    assert weeks_mentioned("ingen tall her") is None
