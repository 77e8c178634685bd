"""Readings added in session 15 (issue 13), each a kind found in round 36's recorded-wrong lines
or its declared development sets (tests/nlu_eval/README.md): a wish before "men" is no verdict,
"kommer an på hva dere mener" asks what the question means instead of hedging, and the employer
as neither one thing nor its opposite. The examples are worded anew, not copied from the sets.
Rankings are synthetic, so a pass means the rule decided; the real model is measured by
`uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from tests.unit.test_reading_session12 import _taken
from uke8.understanding.clause_signals import WHETHER_RETURN, WISH
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.employer_words import BOSS
from uke8.understanding.patterns import match_pattern
from uke8.understanding.reading import read_message


@pytest.mark.parametrize("text, wish", [
    ("Jeg vil jo tilbake", True),
    ("eg har så lyst å kome attende", True),
    ("jeg ønsker", True),
    ("jeg vil ikke tilbake dit", False),   # a negated wish is a verdict
    ("jeg vil si at sjefen er grei", False),  # "vil si" says, it does not wish
])
def test_a_wish_is_told_from_a_verdict(text, wish):
    assert bool(WISH.match(fold(normalise(text)))) is wish


def test_the_verdict_after_a_wish_and_men_is_confirmed_not_the_wish():
    text = "Jeg har veldig lyst til å komme tilbake, men jeg tror ærlig talt ikke det går."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95), ("q1_lite_sannsynlig", 0.04)),
              ranking(("q1_veldig_sannsynlig", 0.99)), ranking(("q1_lite_sannsynlig", 0.93)))
    assert _taken(read_message("q1", text, p, {}, T))["own"] == ("lite_sannsynlig", "confirm")


def test_a_wish_heard_as_the_answer_with_no_clear_verdict_after_men_offers_both():
    text = "Jeg vil gjerne tilbake, men lederen har gjort det umulig for meg der."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.92), ("q1_lite_sannsynlig", 0.06)),
              ranking(("q1_veldig_sannsynlig", 0.99)), ranking(("q2_vanskelig", 0.9), ("q1_lite_sannsynlig", 0.08)))
    own = read_message("q1", text, p, {}, T).own
    assert own.action == "choose" and set(own.offered) == {"veldig_sannsynlig", "lite_sannsynlig"}


def test_a_wish_joined_by_og_still_answers():
    text = "Jeg vil gjerne tilbake, og jeg tror det går fint."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("q1_veldig_sannsynlig", 0.99)),
              ranking(("q1_veldig_sannsynlig", 0.95)))
    assert _taken(read_message("q1", text, p, {}, T))["own"] == ("veldig_sannsynlig", "accept")


@pytest.mark.parametrize("text, code", [
    ("Det kommer an på hva dere mener med samme jobb", None),
    ("avhenger av hvordan man ser det", None),
    ("Det kommer an på hva legen sier", "usikker"),
    ("kjem an på korleis det går med ryggen", "usikker"),
])
def test_depending_on_what_the_question_means_is_no_hedge(text, code):
    assert match_pattern("q1", text) == code


@pytest.mark.parametrize("text, code", [
    ("leder er ikke snill, men ikke slem heller", "verken_eller"),
    ("ikkje vener og ikkje uvener", "verken_eller"),
    ("not bad, not good, just normal", "verken_eller"),
    ("ikke noe problem, ikke sur heller", None),   # two kind verdicts: no middle
    ("ikke grei og ikke hyggelig", None),          # two unkind verdicts: no middle
])
def test_not_the_one_and_not_its_opposite_is_neither(text, code):
    assert match_pattern("q2", text) == code


def test_the_verdict_after_a_wish_to_a_question_not_asked_is_only_confirmed():
    text = "Jeg vil gjerne tilbake til jobben, men jeg tror det blir vanskelig å komme tilbake til jobben"
    p = parse(text, ranking(("usikker", 0.9), ("q1_veldig_sannsynlig", 0.1)),
              ranking(("q1_veldig_sannsynlig", 0.95), ("usikker", 0.05)),
              ranking(("q1_lite_sannsynlig", 0.97), ("usikker", 0.03)))
    assert _taken(read_message("q2", text, p, {}, T)).get("retur") == ("lite_sannsynlig", "confirm")


def test_a_sure_doubt_and_a_clause_heard_as_a_return_are_both_offered():
    # the whole reads a doubt, another clause says how long is not known either, and one clause
    # was heard as a sure return: nothing is recorded about going back, both are offered
    text = ("Jeg er litt usikker, for å si det rett ut. Det kan hende jeg kommer tilbake, men jeg tør ikke love noe. "
            "Og hvor lenge jeg må være sykmeldt vet jeg heller ikke, det kommer an på hva legen sier.")
    p = parse(text, ranking(("usikker", 0.99)), ranking(("usikker", 0.99)), ranking(("q2_vanskelig", 0.55), ("usikker", 0.2)),
              ranking(("q1_veldig_sannsynlig", 0.9), ("usikker", 0.1)), ranking(("usikker", 0.98)), ranking(("usikker", 0.7)),
              ranking(("q3_grunn_behandling", 0.99)))
    own = read_message("q1", text, p, {}, T).own
    assert own.action == "choose" and set(own.offered) == {"usikker", "veldig_sannsynlig"}


def test_a_hope_to_return_is_offered_beside_the_doubt_not_recorded():
    text = "Jeg håper jeg kommer tilbake. Skal til kontroll hos legen om to uker."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), ranking(("q1_veldig_sannsynlig", 0.97)),
              ranking(("q3_grunn_behandling", 0.9)))
    own = read_message("q1", text, p, {}, T).own
    assert own.action == "choose" and set(own.offered) == {"veldig_sannsynlig", "usikker"}


def test_a_hope_said_with_sure_words_still_records_the_return():
    text = "Jeg håper jeg kommer tilbake, det er jeg ganske sikker på. Sjefen er grei."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("q1_veldig_sannsynlig", 0.98)),
              ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q2_god", 0.98)))
    assert _taken(read_message("q1", text, p, {}, T))["own"] == ("veldig_sannsynlig", "accept")


def test_a_doubt_settled_by_the_options_own_words():
    text = "Jeg vet ikke om jeg skal tilbake dit i det hele tatt, lite sannsynlig vel."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.8)), ranking(("q1_lite_sannsynlig", 0.99)))
    assert _taken(read_message("q3", text, p, {}, T)).get("retur") == ("lite_sannsynlig", "confirm")


@pytest.mark.parametrize("text, code", [
    ("Eg er i tvil om eg kjem tilbake", "usikker"),
    ("jeg er ikke i tvil om at jeg kommer tilbake", None),
])
def test_in_doubt_about_going_back(text, code):
    assert match_pattern("q1", text) == code


@pytest.mark.parametrize("text, skipped", [
    ("både om eg kjem tilbake", True),
    ("og om jeg kommer tilbake i jobben min", True),
    ("om jeg kommer tilbake er usikkert", False),      # the verdict is in the clause
    ("om jeg kommer tilbake så blir det i redusert stilling", False),
])
def test_whether_one_returns_is_no_verdict(text, skipped):
    assert bool(WHETHER_RETURN.match(fold(normalise(text)))) is skipped


@pytest.mark.parametrize("text", ["Direktøren har vært tålmodig", "styret har vært ryddige med meg", "rådmannen er grei"])
def test_the_top_of_an_organisation_is_the_employer(text):
    assert BOSS.search(fold(normalise(text)))
