"""triage-v1 (PRODUCT.md §2); its value objects and the outcome texts (§3) are in
test_rule_values_and_texts.py.

The exhaustive test compares ``classify`` with an oracle written as data straight from the
PRODUCT.md tables, over every answer combination (missing answers included), grade, flag and
deadline state.
"""

from __future__ import annotations

import itertools

import pytest

from uke8.triage.rules import (
    Answers,
    Assessment,
    Classification,
    classify,
)
from uke8.triage.screening import CaseFacts

K = "kartlegging"
IA = "ikke_aktuell_na"

SLOTS = ("retur", "relasjon", "varighet", "varighet_usikker_grunn")
VALUES = {
    "retur": ("veldig_sannsynlig", "usikker", "lite_sannsynlig"),
    "relasjon": ("god", "vanskelig", "verken_eller"),
    "varighet": ("under_26_uker", "over_26_uker", "usikker"),
    "varighet_usikker_grunn": ("behandling", "annet"),
}
GRADES = (0, 29, 30, 31, 100)

HIGH = "grad >= 30"
LOW = "grad < 30"
ANY = "any grad"
GRADE_TEST = {HIGH: lambda g: g >= 30, LOW: lambda g: g < 30, ANY: lambda g: True}

# PRODUCT.md §2, "Proposed kartlegging if any of these holds", in table order.
# (code, answers that must be present with one of these codes, grade, case flag,
#  fires only when nothing at all was answered)
KARTLEGGING_TABLE = [
    (
        "retur_usikker_eller_lite_sannsynlig",
        {"retur": {"usikker", "lite_sannsynlig"}},
        ANY, None, False,
    ),
    (
        "varighet_over_26_uker",
        {"retur": {"veldig_sannsynlig"}, "relasjon": {"god"}, "varighet": {"over_26_uker"}},
        ANY, None, False,
    ),
    (
        "relasjon_vanskelig_eller_verken_eller",
        {"retur": {"veldig_sannsynlig"}, "relasjon": {"vanskelig", "verken_eller"}},
        ANY, None, False,
    ),
    ("ubesvart_grad_30_eller_mer", {}, HIGH, None, True),
    ("varighet_usikker_grad_30_eller_mer", {"varighet": {"usikker"}}, HIGH, None, False),
    (
        "varighet_usikker_annet_enn_behandling",
        {"varighet": {"usikker"}, "varighet_usikker_grunn": {"annet"}},
        ANY, None, False,
    ),
    ("usikre_inngangsvilkar", {}, ANY, "usikre_inngangsvilkar", False),
    ("gjentakende_fravaer", {}, ANY, "gjentakende_fravaer", False),
]

# "Otherwise proposed ikke aktuell nå, with one of" (the answered ones).
IKKE_AKTUELL_TABLE = [
    (
        "god_relasjon_kort_varighet",
        {"retur": {"veldig_sannsynlig"}, "relasjon": {"god"}, "varighet": {"under_26_uker"}},
        ANY,
    ),
    (
        "usikker_varighet_behandling_lav_grad",
        {"varighet": {"usikker"}, "varighet_usikker_grunn": {"behandling"}},
        LOW,
    ),
]

# What applies at the deadline when nothing else fires.
NO_ANSWER_TABLE = [
    (HIGH, K, "ubesvart_grad_30_eller_mer"),
    (LOW, IA, "ubesvart_lav_grad"),
]


def _answers_match(required: dict, answers: dict) -> bool:
    return all(answers.get(slot) in allowed for slot, allowed in required.items())


def oracle(answers: dict, grade: int, flags: dict, deadline_passed: bool):
    """Returns (classification, reasons) or None, by reading the tables above."""
    given = {slot: code for slot, code in answers.items() if code is not None}
    asked = ["retur", "relasjon", "varighet"] + (
        ["varighet_usikker_grunn"] if given.get("varighet") == "usikker" else []
    )
    complete = all(slot in given for slot in asked)
    empty = not given
    if not complete and not deadline_passed:
        return None

    fired = [
        code
        for code, required, grade_rule, flag, only_no_answer in KARTLEGGING_TABLE
        if _answers_match(required, given)
        and GRADE_TEST[grade_rule](grade)
        and (flag is None or flags[flag])
        and (not only_no_answer or empty)
    ]
    if fired:
        return K, tuple(fired)
    for code, required, grade_rule in IKKE_AKTUELL_TABLE:
        if _answers_match(required, given) and GRADE_TEST[grade_rule](grade):
            return IA, (code,)
    assert not complete, f"the tables leave complete answers unclassified: {given}"
    for grade_rule, classification, code in NO_ANSWER_TABLE:
        if GRADE_TEST[grade_rule](grade):
            return classification, (code,)
    raise AssertionError("unreachable")


def _all_answer_dicts():
    for combo in itertools.product(*[(None, *VALUES[slot]) for slot in SLOTS]):
        yield dict(zip(SLOTS, combo))


CASES = [
    (answers, grade, gj, usikre, deadline)
    for answers in _all_answer_dicts()
    for grade in GRADES
    for gj in (False, True)
    for usikre in (False, True)
    for deadline in (False, True)
]


def _case_id(case) -> str:
    answers, grade, gj, usikre, deadline = case
    shown = "/".join(a or "-" for a in answers.values())
    return f"{shown}|g{grade}|gj{int(gj)}|ui{int(usikre)}|fr{int(deadline)}"


def _facts(grade, gj=False, usikre=False) -> CaseFacts:
    return CaseFacts(sykmeldingsgrad=grade, gjentakende_fravaer=gj, usikre_inngangsvilkar=usikre)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_whole_table(case):
    answers, grade, gj, usikre, deadline = case
    expected = oracle(
        answers, grade, {"gjentakende_fravaer": gj, "usikre_inngangsvilkar": usikre}, deadline
    )
    got = classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline)
    if expected is None:
        assert got is None
    else:
        assert got == Assessment(Classification(expected[0]), expected[1], "triage-v1")


def test_enumeration_covers_the_space():
    assert len(CASES) == (4 * 4 * 4 * 3) * len(GRADES) * 2 * 2 * 2
    outcomes = set()
    for answers, grade, gj, usikre, deadline in CASES:
        result = classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline)
        if result is not None:
            outcomes.update(result.reasons)
    # Every rule of §2 is reached by the enumeration.
    assert outcomes == {code for code, *_ in KARTLEGGING_TABLE} | {
        "god_relasjon_kort_varighet",
        "usikker_varighet_behandling_lav_grad",
        "ubesvart_lav_grad",
    }


# --- one hand-written case per named rule -----------------------------------------------


def _classify(grade=50, deadline_passed=False, gj=False, usikre=False, **answers):
    return classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline_passed)


def _full(retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker", grunn=None):
    return dict(retur=retur, relasjon=relasjon, varighet=varighet, varighet_usikker_grunn=grunn)


def test_retur_usikker():
    assert _classify(**_full(retur="usikker")) == Assessment(
        Classification.KARTLEGGING, ("retur_usikker_eller_lite_sannsynlig",)
    )


def test_retur_lite_sannsynlig():
    assert _classify(**_full(retur="lite_sannsynlig")).reasons == (
        "retur_usikker_eller_lite_sannsynlig",
    )


def test_retur_unsure_overrides_good_relation_and_short_duration():
    # Nothing about q2/q3 rescues an unsure return to work.
    assert _classify(**_full(retur="usikker")).classification is Classification.KARTLEGGING


def test_varighet_over_26_uker():
    assert _classify(**_full(varighet="over_26_uker")).reasons == ("varighet_over_26_uker",)


def test_varighet_over_26_uker_needs_likely_return_and_good_relation():
    assert _classify(**_full(retur="usikker", varighet="over_26_uker")).reasons == (
        "retur_usikker_eller_lite_sannsynlig",
    )
    assert _classify(**_full(relasjon="vanskelig", varighet="over_26_uker")).reasons == (
        "relasjon_vanskelig_eller_verken_eller",
    )


@pytest.mark.parametrize("relasjon", ["vanskelig", "verken_eller"])
def test_relasjon_vanskelig_eller_verken_eller(relasjon):
    assert _classify(**_full(relasjon=relasjon)).reasons == (
        "relasjon_vanskelig_eller_verken_eller",
    )


def test_relasjon_rule_needs_likely_return():
    assert _classify(**_full(retur="lite_sannsynlig", relasjon="vanskelig")).reasons == (
        "retur_usikker_eller_lite_sannsynlig",
    )


@pytest.mark.parametrize(("grade", "fires"), [(0, False), (29, False), (30, True), (31, True)])
def test_varighet_usikker_grad_boundary(grade, fires):
    result = _classify(grade=grade, **_full(varighet="usikker", grunn="behandling"))
    if fires:
        assert result == Assessment(
            Classification.KARTLEGGING, ("varighet_usikker_grad_30_eller_mer",)
        )
    else:
        assert result == Assessment(
            Classification.IKKE_AKTUELL_NA, ("usikker_varighet_behandling_lav_grad",)
        )


def test_varighet_usikker_annet_enn_behandling():
    assert _classify(grade=20, **_full(varighet="usikker", grunn="annet")).reasons == (
        "varighet_usikker_annet_enn_behandling",
    )


def test_varighet_usikker_annet_and_high_grade_records_both():
    assert _classify(grade=30, **_full(varighet="usikker", grunn="annet")).reasons == (
        "varighet_usikker_grad_30_eller_mer",
        "varighet_usikker_annet_enn_behandling",
    )


def test_usikre_inngangsvilkar_flag():
    assert _classify(usikre=True, **_full()) == Assessment(
        Classification.KARTLEGGING, ("usikre_inngangsvilkar",)
    )


def test_gjentakende_fravaer_regardless_of_answers():
    assert _classify(gj=True, **_full()) == Assessment(
        Classification.KARTLEGGING, ("gjentakende_fravaer",)
    )
    low_grade_treatment = _full(varighet="usikker", grunn="behandling")
    assert _classify(grade=10, gj=True, **low_grade_treatment).reasons == ("gjentakende_fravaer",)


def test_every_matching_reason_in_table_order():
    result = _classify(
        grade=100, gj=True, usikre=True, **_full(retur="usikker", varighet="usikker", grunn="annet")
    )
    assert result.reasons == (
        "retur_usikker_eller_lite_sannsynlig",
        "varighet_usikker_grad_30_eller_mer",
        "varighet_usikker_annet_enn_behandling",
        "usikre_inngangsvilkar",
        "gjentakende_fravaer",
    )


def test_god_relasjon_kort_varighet():
    assert _classify(grade=100, **_full()) == Assessment(
        Classification.IKKE_AKTUELL_NA, ("god_relasjon_kort_varighet",)
    )


def test_usikker_varighet_behandling_lav_grad():
    assert _classify(grade=29, **_full(varighet="usikker", grunn="behandling")) == Assessment(
        Classification.IKKE_AKTUELL_NA, ("usikker_varighet_behandling_lav_grad",)
    )


def test_complete_answers_do_not_wait_for_the_deadline():
    before = _classify(**_full(), deadline_passed=False)
    after = _classify(**_full(), deadline_passed=True)
    assert before == after == Assessment(
        Classification.IKKE_AKTUELL_NA, ("god_relasjon_kort_varighet",)
    )


# --- no answer --------------------------------------------------------------------------


def test_no_answer_waits_for_the_deadline():
    assert _classify(grade=100, gj=True, usikre=True) is None


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (0, (IA, ("ubesvart_lav_grad",))),
        (29, (IA, ("ubesvart_lav_grad",))),
        (30, (K, ("ubesvart_grad_30_eller_mer",))),
        (31, (K, ("ubesvart_grad_30_eller_mer",))),
        (100, (K, ("ubesvart_grad_30_eller_mer",))),
    ],
)
def test_no_answer_at_deadline(grade, expected):
    result = _classify(grade=grade, deadline_passed=True)
    assert (result.classification, result.reasons) == expected


def test_no_answer_with_flags_lists_them_after_the_grade_rule():
    assert _classify(grade=60, gj=True, usikre=True, deadline_passed=True).reasons == (
        "ubesvart_grad_30_eller_mer",
        "usikre_inngangsvilkar",
        "gjentakende_fravaer",
    )
    assert _classify(grade=20, gj=True, deadline_passed=True) == Assessment(
        Classification.KARTLEGGING, ("gjentakende_fravaer",)
    )


# --- stopped halfway --------------------------------------------------------------------


def test_partial_waits_for_the_deadline():
    assert _classify(retur="lite_sannsynlig") is None
    assert _classify(retur="veldig_sannsynlig", relasjon="god", varighet="usikker") is None


def test_partial_answers_given_count():
    assert _classify(retur="lite_sannsynlig", deadline_passed=True, grade=10) == Assessment(
        Classification.KARTLEGGING, ("retur_usikker_eller_lite_sannsynlig",)
    )


def test_partial_rule_needing_a_missing_answer_does_not_fire():
    # q2 missing: neither the relation rule nor the over-26 rule can fire.
    result = _classify(
        retur="veldig_sannsynlig", varighet="over_26_uker", deadline_passed=True, grade=10
    )
    assert result == Assessment(Classification.IKKE_AKTUELL_NA, ("ubesvart_lav_grad",))


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (29, Assessment(Classification.IKKE_AKTUELL_NA, ("ubesvart_lav_grad",))),
        (30, Assessment(Classification.KARTLEGGING, ("ubesvart_grad_30_eller_mer",))),
    ],
)
def test_partial_nothing_fires_falls_back_to_no_answer_rules(grade, expected):
    result = _classify(
        grade=grade, deadline_passed=True, retur="veldig_sannsynlig", relasjon="god"
    )
    assert result == expected


def test_partial_high_grade_unsure_duration_without_reason():
    result = _classify(
        grade=30, deadline_passed=True, **_full(varighet="usikker", grunn=None)
    )
    assert result.reasons == ("varighet_usikker_grad_30_eller_mer",)


def test_partial_low_grade_unsure_duration_without_reason_is_unanswered():
    # usikker_varighet_behandling_lav_grad needs q3_grunn to be present.
    result = _classify(grade=10, deadline_passed=True, **_full(varighet="usikker", grunn=None))
    assert result == Assessment(Classification.IKKE_AKTUELL_NA, ("ubesvart_lav_grad",))


def test_partial_with_treatment_reason_but_no_q1():
    # Free text can fill later slots first; the treatment rule has the answers it needs.
    result = _classify(
        grade=10, deadline_passed=True, varighet="usikker", varighet_usikker_grunn="behandling"
    )
    assert result == Assessment(
        Classification.IKKE_AKTUELL_NA, ("usikker_varighet_behandling_lav_grad",)
    )


def test_partial_flag_fires_without_no_answer_reason():
    # Something fired, so the no-answer rules stay out (unlike an empty answer set).
    result = _classify(grade=60, gj=True, deadline_passed=True, retur="veldig_sannsynlig")
    assert result == Assessment(Classification.KARTLEGGING, ("gjentakende_fravaer",))


def test_stale_reason_is_ignored_when_duration_is_known():
    # Someone who first said "usikker" and "annet" and then corrected q3.
    result = _classify(grade=10, **_full(varighet="under_26_uker", grunn="annet"))
    assert result == Assessment(Classification.IKKE_AKTUELL_NA, ("god_relasjon_kort_varighet",))
