"""Readings added in session 10 (issue 13), each found in the recorded-wrong lines of a blind
combined set after its figure was taken (tests/nlu_eval/README.md): years at the job and an
earlier episode are no length of leave, "veko" is weeks, several short qualifiers in a row still
qualify, and a complaint only about not being called, beside little contact, is confirmed.
Rankings are synthetic, so a pass means the rule decided; the real model is measured by
`uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from uke8.understanding.clause_subjects import qualifies
from uke8.understanding.combined import read_message
from uke8.understanding.duration import duration_answer, only_past_durations
from uke8.understanding.patterns import little_contact, match_pattern, not_contacted


def _taken(reading) -> set[tuple[str, str, str]]:
    own = {(reading.own.code, reading.own.action)}
    return {(c.slot, c.meaning.code, c.meaning.action) for c in reading.others} | {("own", *o) for o in own}


@pytest.mark.parametrize("text", [
    "samarbeidet har vært bra i alle de 12 årene jeg har jobbet der",
    "de ti årene jeg var ansatt der har vært fine",
    "sjefen har vore grei dei 20 åra eg har køyrt for han",
    "forrige gang jeg kom tilbake gikk det galt etter to uker",
    "sist gang gikk det bra i tre måneder før jeg ble syk igjen",
    "den gangen var jeg borte i ett år",
])
def test_years_at_the_job_and_an_earlier_episode_are_no_length_of_leave(text):
    assert duration_answer(text) is None
    assert only_past_durations(text)


@pytest.mark.parametrize("text, code", [
    ("tre veko te", "under_26_uker"),
    ("fire vekor til, kanskje", "under_26_uker"),
    ("i alle fall tre uker til", "under_26_uker"),  # "alle" alone is no span looked back on
    ("to måneder jeg har igjen", "under_26_uker"),  # "jeg har igjen": time to come
    ("minst et år til", "over_26_uker"),
])
def test_weeks_in_dialect_and_time_still_to_come(text, code):
    assert duration_answer(text) == code


def test_a_duration_of_years_at_the_job_leaves_the_clause_to_its_own_question():
    text = "Takk for at dere spør. Samarbeidet har vært godt i alle de 15 årene jeg har jobbet der. Men jeg skal gå av med pensjon i stedet for å gå tilbake."
    p = parse(text, ranking(("q2_god", 0.6), ("q1_lite_sannsynlig", 0.3)), ranking(("takk", 1.0)),
              ranking(("q2_god", 0.9)), ranking(("q1_lite_sannsynlig", 0.9)))
    reading = read_message("q2", text, p, {}, T)
    assert "varighet" not in {c.slot for c in reading.others}
    assert reading.own.code == "god"


def test_an_earlier_episode_gives_no_length_of_leave_for_a_question_not_asked():
    text = "Forrige gang jeg kom tilbake gikk det galt etter to uker. Så jeg er usikker. Sjefen er grei."
    p = parse(text, ranking(("usikker", 0.8)), ranking(("q3_under_26_uker", 0.9)), ranking(("usikker", 1.0)), ranking(("q2_god", 0.97)))
    reading = read_message("q1", text, p, {}, T)
    assert "varighet" not in {c.slot for c in reading.others if c.meaning.action == "accept"}
    assert (reading.own.code, reading.own.action) == ("usikker", "accept")


@pytest.mark.parametrize("clauses_, index, expected", [
    (["Arbeidsgiver har vært helt grei", "sånn midt på treet, hverken bra eller dårlig"], 1, True),
    (["Arbeidsgiver har vært helt grei", "vi har aldri hatt noe særlig å snakke om på de møtene vi har hatt"], 1, False),
])
def test_several_short_qualifiers_in_a_row_still_qualify(clauses_, index, expected):
    parts = [(c, None) for c in clauses_]
    assert qualifies("q2", index, parts, ["q2"] * len(parts)) is expected


def test_neither_good_nor_bad_after_fine_is_neither():
    text = "Leder har vært helt grei, sånn midt på treet, verken bra eller dårlig. Kommer tilbake om en måned."
    p = parse(text, ranking(("q2_verken_eller", 0.9)), ranking(("q2_god", 0.99)), ranking(("q2_verken_eller", 1.0)),
              ranking(("q1_veldig_sannsynlig", 0.95)))
    reading = read_message("q1", text, p, {}, T)
    assert ("relasjon", "verken_eller", "accept") in _taken(reading)
    assert ("relasjon", "god", "accept") not in _taken(reading)


@pytest.mark.parametrize("text, expected", [
    ("dei har ikkje ringt ein einaste gong", True),
    ("sjefen har ikke tatt kontakt", True),
    ("lederen har ikke kontaktet meg siden mars", True),
    ("sjefen ringte i går og var grei", False),
])
def test_not_being_called(text, expected):
    assert not_contacted(text) is expected


def test_not_being_called_beside_little_contact_is_confirmed_not_recorded():
    text = "Usikker. Jeg har nesten ikke kontakt med arbeidsgiveren, de har ikke ringt en eneste gang."
    p = parse(text, ranking(("q2_vanskelig", 0.8)), ranking(("usikker", 1.0)), ranking(("q2_vanskelig", 0.45), ("q1_lite_sannsynlig", 0.2)),
              ranking(("q2_vanskelig", 0.98)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert ("relasjon", "vanskelig", "confirm") in taken
    assert ("own", "usikker", "accept") in taken


def test_a_real_complaint_beside_little_contact_is_still_recorded():
    text = "Usikker. Jeg har nesten ikke kontakt med arbeidsgiveren, og sjefen kjefter på meg når vi snakker."
    p = parse(text, ranking(("q2_vanskelig", 0.8)), ranking(("usikker", 1.0)), ranking(("q2_vanskelig", 0.45), ("q1_lite_sannsynlig", 0.2)),
              ranking(("q2_vanskelig", 0.98)))
    assert ("relasjon", "vanskelig", "accept") in _taken(read_message("q1", text, p, {}, T))


@pytest.mark.parametrize("text, expected", [
    ("lederen snakker ikke pent til meg", False),  # how he speaks: a complaint, not little contact
    ("sjefen snakker ikke til meg lenger", False),
    ("vi har ikke snakket sammen siden mars", True),
    ("har snakket lite med leder", True),
])
def test_the_manner_of_speaking_is_no_little_contact(text, expected):
    assert little_contact(text) is expected


def test_no_respect_is_difficult():
    assert match_pattern("q2", "min leder snakker ikke pent, jeg føler ikke respekt") != "verken_eller"
