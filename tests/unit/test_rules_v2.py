"""triage-v2: people without an employer (PRODUCT.md §2), and what they are told (§3).

The exhaustive test compares ``classify`` for a case with ``har_arbeidsgiver=False`` with an
oracle written from the spec's sentence and the v1 table: `uten_arbeidsgiver` unless q1 is
`veldig_sannsynlig` and q3 `under_26_uker`; beside it every v1 kartlegging reason that needs
no q2; otherwise "ikke aktuell nå" with `retur_i_arbeid_kort_varighet`. Every answer
combination (q2 included: it must not count), grade, flag and deadline state.
"""

from __future__ import annotations

import re

import pytest

from tests.unit.test_rule_values_and_texts import PRESSURE, RECURRING, _assert_common, distinct_assessments
from tests.unit.test_rules import CASES, GRADE_TEST, KARTLEGGING_TABLE, _answers_match
from uke8.triage import messages
from uke8.triage.rules import (
    REASON_TEXTS,
    RULE_VERSION,
    RULE_VERSION_V2,
    Answers,
    Assessment,
    Classification,
    classify,
    rule_version_for,
)
from uke8.triage.screening import CaseFacts

K = "kartlegging"
IA = "ikke_aktuell_na"

# The v1 kartlegging reasons that need no q2 answer still apply (in v1's table order).
WITHOUT_Q2 = [row for row in KARTLEGGING_TABLE if "relasjon" not in row[1]]


def oracle_v2(answers: dict, grade: int, flags: dict, deadline_passed: bool):
    given = {slot: code for slot, code in answers.items() if code is not None and slot != "relasjon"}
    asked = ["retur", "varighet"] + (["varighet_usikker_grunn"] if given.get("varighet") == "usikker" else [])
    complete = all(slot in given for slot in asked)
    if not complete and not deadline_passed:
        return None
    back_soon = given.get("retur") == "veldig_sannsynlig" and given.get("varighet") == "under_26_uker"
    fired = [] if back_soon else ["uten_arbeidsgiver"]
    fired += [
        code
        for code, required, grade_rule, flag, only_no_answer in WITHOUT_Q2
        if _answers_match(required, given)
        and GRADE_TEST[grade_rule](grade)
        and (flag is None or flags[flag])
        and (not only_no_answer or not given)
    ]
    if fired:
        return K, tuple(fired)
    assert back_soon
    return IA, ("retur_i_arbeid_kort_varighet",)


def _facts(grade, gj=False, usikre=False) -> CaseFacts:
    return CaseFacts(sykmeldingsgrad=grade, gjentakende_fravaer=gj, usikre_inngangsvilkar=usikre, har_arbeidsgiver=False)


def _case_id(case) -> str:
    answers, grade, gj, usikre, deadline = case
    shown = "/".join(a or "-" for a in answers.values())
    return f"{shown}|g{grade}|gj{int(gj)}|ui{int(usikre)}|fr{int(deadline)}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_whole_table_without_employer(case):
    answers, grade, gj, usikre, deadline = case
    expected = oracle_v2(answers, grade, {"gjentakende_fravaer": gj, "usikre_inngangsvilkar": usikre}, deadline)
    got = classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline)
    if expected is None:
        assert got is None
    else:
        assert got == Assessment(Classification(expected[0]), expected[1], "triage-v2")


def test_enumeration_reaches_every_v2_reason_and_no_q2_reason():
    reasons = set()
    for answers, grade, gj, usikre, deadline in CASES:
        result = classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline)
        if result is not None:
            reasons.update(result.reasons)
    assert reasons == {"uten_arbeidsgiver", "retur_i_arbeid_kort_varighet"} | {row[0] for row in WITHOUT_Q2}
    # the rules that need q2, and the ikke-aktuell rules uten_arbeidsgiver outweighs, never fire
    assert not reasons & {"varighet_over_26_uker", "relasjon_vanskelig_eller_verken_eller", "god_relasjon_kort_varighet",
                          "usikker_varighet_behandling_lav_grad", "ubesvart_lav_grad"}


# --- one hand-written case per decision -------------------------------------------------


def _v2(grade=50, deadline_passed=False, gj=False, usikre=False, **answers):
    return classify(Answers(**answers), _facts(grade, gj, usikre), deadline_passed=deadline_passed)


def test_back_within_26_weeks_is_ikke_aktuell():
    assert _v2(retur="veldig_sannsynlig", varighet="under_26_uker") == Assessment(
        Classification.IKKE_AKTUELL_NA, ("retur_i_arbeid_kort_varighet",), "triage-v2")


def test_complete_without_q2():
    # q1 and q3 complete the round: no q2 is waited for
    assert _v2(retur="usikker", varighet="under_26_uker") is not None
    assert _v2(retur="veldig_sannsynlig", varighet="usikker") is None  # q3_grunn still to come


def test_likely_but_long_is_kartlegging_uten_arbeidsgiver_only():
    assert _v2(retur="veldig_sannsynlig", varighet="over_26_uker") == Assessment(
        Classification.KARTLEGGING, ("uten_arbeidsgiver",), "triage-v2")


def test_other_reasons_stand_beside_uten_arbeidsgiver():
    assert _v2(grade=100, retur="lite_sannsynlig", varighet="usikker", varighet_usikker_grunn="annet").reasons == (
        "uten_arbeidsgiver", "retur_usikker_eller_lite_sannsynlig", "varighet_usikker_grad_30_eller_mer",
        "varighet_usikker_annet_enn_behandling")


def test_treatment_and_low_grade_is_still_kartlegging():
    # v1 says ikke aktuell (usikker_varighet_behandling_lav_grad); v2 only with the two answers
    assert _v2(grade=20, retur="veldig_sannsynlig", varighet="usikker", varighet_usikker_grunn="behandling").reasons == (
        "uten_arbeidsgiver",)


def test_flags_make_kartlegging_even_when_back_soon():
    assert _v2(gj=True, usikre=True, retur="veldig_sannsynlig", varighet="under_26_uker") == Assessment(
        Classification.KARTLEGGING, ("usikre_inngangsvilkar", "gjentakende_fravaer"), "triage-v2")


def test_no_answer_by_the_deadline():
    assert _v2(grade=100, deadline_passed=True).reasons == ("uten_arbeidsgiver", "ubesvart_grad_30_eller_mer")
    # without an employer nobody else follows a low grade up: silence is not "back soon"
    assert _v2(grade=20, deadline_passed=True) == Assessment(Classification.KARTLEGGING, ("uten_arbeidsgiver",), "triage-v2")
    assert _v2(grade=20) is None


def test_a_stray_q2_answer_does_not_count():
    # (the register changed the case during a round after q2 was answered)
    assert _v2(retur="veldig_sannsynlig", relasjon="vanskelig", varighet="under_26_uker").reasons == (
        "retur_i_arbeid_kort_varighet",)
    assert _v2(deadline_passed=True, grade=20, relasjon="god").reasons == ("uten_arbeidsgiver",)


def test_v1_is_unchanged_with_an_employer():
    with_employer = CaseFacts(sykmeldingsgrad=50)
    assert with_employer.har_arbeidsgiver is True and rule_version_for(with_employer) == RULE_VERSION == "triage-v1"
    assert rule_version_for(_facts(50)) == RULE_VERSION_V2 == "triage-v2"
    assert classify(Answers(retur="veldig_sannsynlig", varighet="under_26_uker"), with_employer, deadline_passed=False) is None


def test_reason_texts():
    for code in ("uten_arbeidsgiver", "retur_i_arbeid_kort_varighet"):
        assert "arbeidsgiver" in REASON_TEXTS[code] and "_" not in REASON_TEXTS[code]


# --- what they are told afterwards ------------------------------------------------------

EMPLOYER_WORDS = re.compile(r"arbeidsgiver|arbeidsplass|arbeidsforhold|oppfølgingsplan|jobben|sjef", re.IGNORECASE)


ALL_V2 = list(distinct_assessments(CASES, _facts))


@pytest.mark.parametrize("assessment", ALL_V2, ids=lambda a: f"{a.classification}:{'+'.join(a.reasons)}")
def test_outcome_message_names_no_employer(assessment):
    text = messages.outcome_message(assessment.classification, assessment.reasons, har_arbeidsgiver=False)
    _assert_common(text)
    assert not EMPLOYER_WORDS.search(text), text
    assert (RECURRING in text) is ("gjentakende_fravaer" in assessment.reasons)
    if assessment.classification is Classification.KARTLEGGING:
        for mode in ("NAV-kontoret", "video", "telefon"):
            assert mode in text
        assert "dager" in text and "tidspunkt" in text
    else:
        assert "ikke har behov for et samarbeid med oss nå" in text and "aktuelt senere" in text


def test_ikke_aktuell_message_without_employer():
    text = messages.outcome_message("ikke_aktuell_na", ["retur_i_arbeid_kort_varighet"], har_arbeidsgiver=False)
    assert text.startswith("Hei og takk for svarene dine. Du tror at du kommer tilbake i arbeid, og at du blir "
                           "friskmeldt innen seks måneder. Vi vurderer at du ikke har behov for et samarbeid med oss "
                           "nå for å komme tilbake i arbeid.")
    # a flag-driven kartlegging (no uten_arbeidsgiver among the reasons) names no employer either
    flagged = messages.outcome_message("kartlegging", ["gjentakende_fravaer"], har_arbeidsgiver=False)
    assert not EMPLOYER_WORDS.search(flagged)


def test_greeting_and_privacy_without_employer():
    assert messages.greeting(False) != messages.GREETING and "to spørsmål" in messages.greeting(False)
    assert messages.greeting(True) == messages.GREETING
    assert messages.privacy_notice(True) == messages.PRIVACY_NOTICE
    notice = messages.privacy_notice(False)
    assert not EMPLOYER_WORDS.search(notice) and notice.startswith("Før vi begynner: ") and "veilederen din" in notice
    for text in (messages.greeting(False), notice):
        assert not PRESSURE.search(text)
    assert [code for code, _ in messages.meeting_modes(False)] == ["nav_kontor", "video", "telefon"]
