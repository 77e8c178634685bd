"""Screening before any message (PRODUCT.md §2, first table), over every flag combination."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from uke8.triage.screening import CaseFacts, Screening, ScreeningResult, screen

# The spec table as data: (detail code, result it leads to, predicate over the facts).
SCREENING_TABLE = [
    ("svangerskapsrelatert", "ekskludert_ingen_hilsen", lambda f: f["svangerskapsrelatert"]),
    (
        "uforetrygd_100_under_50_stilling",
        "ekskludert_ingen_hilsen",
        lambda f: f["uforetrygd_100"] and f["stillingsprosent"] < 50,
    ),
    (
        "alder_65_eller_mer",
        "tilpasset_hilsen",
        lambda f: f["alder"] is not None and f["alder"] >= 65,
    ),
    ("alvorlig_diagnose", "tilpasset_hilsen", lambda f: f["alvorlig_diagnose"]),
]
PRECEDENCE = ["ekskludert_ingen_hilsen", "tilpasset_hilsen"]


def oracle(facts: dict) -> tuple[str, tuple[str, ...]]:
    matched = [(code, result) for code, result, holds in SCREENING_TABLE if holds(facts)]
    if not matched:
        return "sporsmal", ()
    result = next(r for r in PRECEDENCE if any(m[1] == r for m in matched))
    return result, (result, *[code for code, _ in matched])


AXES = {
    "svangerskapsrelatert": (False, True),
    "uforetrygd_100": (False, True),
    "stillingsprosent": (49, 50),
    "alder": (None, 64, 65),
    "alvorlig_diagnose": (False, True),
    "gjentakende_fravaer": (False, True),
    "usikre_inngangsvilkar": (False, True),
    "sykmeldingsgrad": (29, 100),
}
COMBINATIONS = [dict(zip(AXES, values)) for values in itertools.product(*AXES.values())]


def _id(facts: dict) -> str:
    return ",".join(f"{k}={v}" for k, v in facts.items())


@pytest.mark.parametrize("facts", COMBINATIONS, ids=_id)
def test_every_combination(facts):
    expected_result, expected_reasons = oracle(facts)
    screening = screen(CaseFacts(**facts))
    assert screening == Screening(ScreeningResult(expected_result), expected_reasons)


def test_enumeration_size():
    assert len(COMBINATIONS) == 2 * 2 * 2 * 3 * 2 * 2 * 2 * 2


def test_result_values():
    assert ScreeningResult.SPORSMAL == "sporsmal"
    assert ScreeningResult.TILPASSET_HILSEN == "tilpasset_hilsen"
    assert ScreeningResult.EKSKLUDERT == "ekskludert_ingen_hilsen"
    assert [r.value for r in ScreeningResult] == [
        "sporsmal", "tilpasset_hilsen", "ekskludert_ingen_hilsen",
    ]


def test_defaults_ask_the_questions():
    assert screen(CaseFacts(sykmeldingsgrad=100)) == Screening(ScreeningResult.SPORSMAL, ())


def test_age_boundary():
    assert screen(CaseFacts(50, alder=64)).result is ScreeningResult.SPORSMAL
    assert screen(CaseFacts(50, alder=65)) == Screening(
        ScreeningResult.TILPASSET_HILSEN, ("tilpasset_hilsen", "alder_65_eller_mer")
    )
    assert screen(CaseFacts(50, alder=80)).result is ScreeningResult.TILPASSET_HILSEN


def test_unknown_age_is_not_tailored():
    assert screen(CaseFacts(50, alder=None)).result is ScreeningResult.SPORSMAL


def test_serious_diagnosis_gets_tailored_greeting():
    assert screen(CaseFacts(50, alvorlig_diagnose=True)) == Screening(
        ScreeningResult.TILPASSET_HILSEN, ("tilpasset_hilsen", "alvorlig_diagnose")
    )


def test_pregnancy_excluded():
    assert screen(CaseFacts(50, svangerskapsrelatert=True)) == Screening(
        ScreeningResult.EKSKLUDERT, ("ekskludert_ingen_hilsen", "svangerskapsrelatert")
    )


def test_disability_boundary():
    assert screen(CaseFacts(50, uforetrygd_100=True, stillingsprosent=49)) == Screening(
        ScreeningResult.EKSKLUDERT, ("ekskludert_ingen_hilsen", "uforetrygd_100_under_50_stilling")
    )
    assert screen(CaseFacts(50, uforetrygd_100=True, stillingsprosent=50)).result is (
        ScreeningResult.SPORSMAL
    )
    # A small position alone, without 100 % uføretrygd, excludes nobody.
    assert screen(CaseFacts(50, stillingsprosent=20)).result is ScreeningResult.SPORSMAL


def test_exclusion_wins_and_lists_every_match():
    facts = CaseFacts(
        50,
        alder=70,
        alvorlig_diagnose=True,
        svangerskapsrelatert=True,
        uforetrygd_100=True,
        stillingsprosent=10,
    )
    assert screen(facts) == Screening(
        ScreeningResult.EKSKLUDERT,
        (
            "ekskludert_ingen_hilsen",
            "svangerskapsrelatert",
            "uforetrygd_100_under_50_stilling",
            "alder_65_eller_mer",
            "alvorlig_diagnose",
        ),
    )


def test_triage_flags_do_not_affect_screening():
    facts = CaseFacts(100, gjentakende_fravaer=True, usikre_inngangsvilkar=True)
    assert screen(facts).result is ScreeningResult.SPORSMAL


def test_facts_are_frozen_with_contract_defaults():
    facts = CaseFacts(sykmeldingsgrad=40)
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.alder = 70  # type: ignore[misc]
    assert facts == CaseFacts(
        sykmeldingsgrad=40,
        gjentakende_fravaer=False,
        usikre_inngangsvilkar=False,
        alder=None,
        alvorlig_diagnose=False,
        svangerskapsrelatert=False,
        uforetrygd_100=False,
        stillingsprosent=100,
    )
