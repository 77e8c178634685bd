"""triage-v1's value objects (Answers, Assessment), the reason texts and what the person is
told afterwards (PRODUCT.md §2–§3); split from test_rules.py, which holds the rule table."""

from __future__ import annotations

import dataclasses
import re

import pytest

from uke8.triage import messages
from uke8.triage.rules import (
    REASON_TEXTS,
    RULE_VERSION,
    Answers,
    Assessment,
    Classification,
    classify,
)
# the rule table and its helpers live with the table's tests
from tests.unit.test_rules import CASES, KARTLEGGING_TABLE, SLOTS, _facts, _full

# --- Answers ----------------------------------------------------------------------------


def test_answers_reject_unknown_codes():
    with pytest.raises(ValueError):
        Answers(retur="god")
    with pytest.raises(ValueError):
        Answers(varighet="26")
    with pytest.raises(ValueError):
        Answers.from_mapping({"relasjon": "dårlig"})


def test_answers_accept_text_only_code():
    assert Answers(relasjon="verken_eller").relasjon == "verken_eller"


def test_answers_from_mapping():
    answers = Answers.from_mapping(
        {"retur": "usikker", "relasjon": "", "varighet": None, "kanal": "sms", "other": "x"}
    )
    assert answers == Answers(retur="usikker")
    assert Answers.from_mapping({}) == Answers()


def test_answers_as_dict_round_trip():
    answers = Answers(**_full(varighet="usikker", grunn="annet"))
    assert answers.as_dict() == {
        "retur": "veldig_sannsynlig",
        "relasjon": "god",
        "varighet": "usikker",
        "varighet_usikker_grunn": "annet",
    }
    assert Answers.from_mapping(answers.as_dict()) == answers
    assert Answers().as_dict() == dict.fromkeys(SLOTS)


def test_answers_empty_and_complete():
    assert Answers().is_empty and not Answers().is_complete
    assert not Answers(retur="usikker").is_empty
    assert Answers(**_full()).is_complete
    assert not Answers(**_full(varighet="usikker")).is_complete
    assert Answers(**_full(varighet="usikker", grunn="behandling")).is_complete


def test_answers_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Answers().retur = "usikker"  # type: ignore[misc]


def test_assessment_defaults_and_enum_values():
    assert RULE_VERSION == "triage-v1"
    assert Assessment(Classification.KARTLEGGING, ()).rule_version == "triage-v1"
    assert [c.value for c in Classification] == [
        "kartlegging", "ikke_aktuell_na", "tilpasset_hilsen", "ekskludert_ingen_hilsen",
    ]


# --- reason texts -----------------------------------------------------------------------

ALL_REASON_CODES = {code for code, *_ in KARTLEGGING_TABLE} | {
    "god_relasjon_kort_varighet",
    "usikker_varighet_behandling_lav_grad",
    "ubesvart_lav_grad",
    "ekskludert_ingen_hilsen",
    "tilpasset_hilsen",
    "svangerskapsrelatert",
    "uforetrygd_100_under_50_stilling",
    "alder_65_eller_mer",
    "alvorlig_diagnose",
    # triage-v2, people without an employer (test_rules_v2.py)
    "uten_arbeidsgiver",
    "retur_i_arbeid_kort_varighet",
}


def test_reason_texts_cover_every_code():
    assert set(REASON_TEXTS) == ALL_REASON_CODES
    for code, text in REASON_TEXTS.items():
        assert text and "_" not in text, code
        assert not text[0].islower(), code


def test_reason_text_example():
    assert REASON_TEXTS["retur_usikker_eller_lite_sannsynlig"] == (
        "Usikker på eller lite sannsynlig å komme tilbake i jobben"
    )


# --- what the person is told afterwards (messages.outcome_message) ----------------------

RECURRING = (
    "Vi ser at du har hatt flere fravær og ønsker å høre med deg om det er noe vi kan gjøre "
    "for å unngå videre sykefravær."
)
SPEC_IKKE_AKTUELL = (
    "Hei og takk for svaret ditt. Du har god dialog med arbeidsgiveren din og tror at du blir "
    "friskmeldt innen seks måneder. Vi vurderer at du ikke har behov for et samarbeid med oss "
    "nå for å komme tilbake til arbeidsforholdet ditt. Skulle situasjonen endre seg, er det "
    "fint om du tar kontakt med oss."
)
PRESSURE = re.compile(
    r"forhåndsvarsel|sykepeng|stans|plikt|må svare|sanksjon|aktivitetskrav", re.IGNORECASE
)


def _assert_common(text: str) -> None:
    assert "ta kontakt" in text
    assert "nav.no/skriv-til-oss" in text
    assert "55 55 33 33" in text
    assert not PRESSURE.search(text)
    assert "_" not in text  # no reason code leaks into the text


def distinct_assessments(cases, facts):
    """Every distinct assessment the rules give over `cases` (answers, grade, flags, deadline)."""
    seen = set()
    for answers, grade, gj, usikre, deadline in cases:
        result = classify(Answers(**answers), facts(grade, gj, usikre), deadline_passed=deadline)
        if result is not None and result not in seen:
            seen.add(result)
            yield result


ALL_ASSESSMENTS = list(distinct_assessments(CASES, _facts))


@pytest.mark.parametrize(
    "assessment", ALL_ASSESSMENTS, ids=lambda a: f"{a.classification}:{'+'.join(a.reasons)}"
)
def test_outcome_message_for_every_reachable_assessment(assessment):
    text = messages.outcome_message(assessment.classification, assessment.reasons)
    _assert_common(text)
    assert (RECURRING in text) is ("gjentakende_fravaer" in assessment.reasons)
    if assessment.classification is Classification.KARTLEGGING:
        assert "samtale" in text
        assert "oppfølgingsplan" in text and "«Ditt sykefravær»" in text
        for mode in ("NAV-kontoret", "video", "telefon", "arbeidsplassen"):
            assert mode in text
        assert "dager" in text and "tidspunkt" in text
    else:
        assert "ikke har behov for et samarbeid med oss nå" in text
        assert "aktuelt senere" in text


def test_kartlegging_message():
    text = messages.outcome_message("kartlegging", ["retur_usikker_eller_lite_sannsynlig"])
    assert text.startswith("Hei, og takk for svarene dine.")
    assert RECURRING not in text


def test_kartlegging_recurring_variant():
    text = messages.outcome_message("kartlegging", ("gjentakende_fravaer",))
    assert RECURRING in text
    assert text.index("takk") < text.index(RECURRING) < text.index("oppfølgingsplan")


def test_kartlegging_unanswered_does_not_thank_for_answers():
    text = messages.outcome_message(Classification.KARTLEGGING, ("ubesvart_grad_30_eller_mer",))
    assert "takk for svarene" not in text
    assert "helt i orden" in text


def test_ikke_aktuell_verbatim_for_good_relation():
    text = messages.outcome_message("ikke_aktuell_na", ["god_relasjon_kort_varighet"])
    assert text.startswith(SPEC_IKKE_AKTUELL)
    _assert_common(text)


def test_ikke_aktuell_adapted_for_treatment():
    text = messages.outcome_message("ikke_aktuell_na", ["usikker_varighet_behandling_lav_grad"])
    assert "behandlingen" in text and "lav grad" in text
    assert "friskmeldt innen seks måneder" not in text
    assert "Skulle situasjonen endre seg, er det fint om du tar kontakt med oss." in text


def test_ikke_aktuell_unanswered():
    text = messages.outcome_message("ikke_aktuell_na", ["ubesvart_lav_grad"])
    assert "takk for svaret" not in text
    assert "friskmeldt" not in text
    _assert_common(text)


def test_ikke_aktuell_unknown_reason_falls_back_gracefully():
    text = messages.outcome_message("ikke_aktuell_na", ["veileder_overstyrt"])
    _assert_common(text)
    assert "friskmeldt" not in text


def test_tailored_and_excluded_outcomes():
    assert messages.outcome_message("tilpasset_hilsen", ["alder_65_eller_mer"]) == (
        messages.TAILORED_GREETING
    )
    with pytest.raises(ValueError):
        messages.outcome_message("ekskludert_ingen_hilsen", ["svangerskapsrelatert"])
    with pytest.raises(ValueError):
        messages.outcome_message("noe_annet", [])
