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
        ("ikke mer enn to måneder", "under_26_uker"),  # at most: no negation of the amount
        ("tre uker til, ikke mer", "under_26_uker"),  # negations belong to the pattern rules
        ("vet ikke", None),
        # numbers that are not the sick leave do not decide it
        ("Jeg har jobbet der i 12 år, så jeg regner med å være tilbake om tre uker", "under_26_uker"),
        ("eg har vore tilsett i 20 år og er nok borte eit par veker til", "under_26_uker"),
        ("det skjedde for 2 år siden", None),
        ("jobbet der i 15 år", None),
        # a guess between numbers, or numbers on both sides, is not certain
        ("kanskje to måneder, kanskje et år", None),
        ("enten 3 uker eller 1 år", None),
        ("3 uker, men det kan bli et år", None),
        ("tja, 4 uker", None),
        ("kommer an på, 2 mnd eller mer", None),
        # a unit is a whole word with its endings: "en arbeidsgiver" is no year
        ("Jeg har en arbeidsgiver som virkelig stiller opp for meg", None),
        ("noen dager til", "under_26_uker"),  # "noen" folds to "non"
        ("ti ukers tid", "under_26_uker"),
        ("eitt år", "over_26_uker"),
        # any negation leaves the number to the pattern rules and the classifier
        ("kommer ikke til å bli over 26 uker", None),
        ("langt fra seks måneder, bare noen uker til", None),
        ("blir aldri et år", None),
        # when something happens is not how long the leave lasts
        ("Jeg har fått time hos spesialist om fem uker, og det avgjør mye", None),
        ("operasjonen er om to måneder", None),
        ("svar på MR om en uke", None),
        ("jeg er tilbake om fem uker", "under_26_uker"),
    ],
)
def test_duration_answer(text, code):
    assert duration_answer(text) == code


def test_weeks_mentioned():
    assert weeks_mentioned("tre uker") == 3
    assert weeks_mentioned("ett år") == 52
    assert weeks_mentioned("ingen tall her") is None
