"""The meeting time the person picks (uke8/understanding/slot_choice.py): buttons, digits,
ordinals, weekdays, dates and times in bokmål and nynorsk, with typos; several fitting slots
ask which, a time that was not offered is no match, and requests for another time, to move or
to cancel are told apart. Pure: fixed dates here meet no clock."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from uke8.clock import OSLO
from uke8.understanding.slot_choice import (ANOTHER_TIME, ASK, CANCEL, MOVE, NO_MATCH, NONE, PICK, Choice, _one_edit,
                                            read_choice)

TUE = datetime(2027, 1, 12, 10, 0, tzinfo=OSLO)  # tirsdag 12. januar kl. 10.00
THU = datetime(2027, 1, 14, 13, 30, tzinfo=OSLO)  # torsdag 14. januar kl. 13.30
FRI = datetime(2027, 1, 15, 10, 0, tzinfo=OSLO)  # fredag 15. januar kl. 10.00
TWO = (TUE, THU)
THREE = (TUE, THU, FRI)


def pick(i: int) -> Choice:
    return Choice(PICK, i)


def ask(*i: int) -> Choice:
    return Choice(ASK, candidates=i)


@pytest.mark.parametrize("text, expected", [
    # buttons (payload = the digit) and SMS digits
    ("1", pick(0)), ("2", pick(1)), (" 2. ", pick(1)), ("nr 2", pick(1)), ("nummer 1", pick(0)), ("alternativ 2", pick(1)),
    ("to", pick(1)), ("en", pick(0)), ("3", Choice(NO_MATCH)), ("tre", Choice(NO_MATCH)),
    # ordinals, bokmål and nynorsk
    ("den andre passer", pick(1)), ("Den første passer fint", pick(0)), ("den fyrste passar best", pick(0)),
    ("den forste", pick(0)), ("siste", pick(1)), ("den siste tida passar", pick(1)), ("jeg tar den 2.", pick(1)),
    ("jeg tar 2", pick(1)), ("tar nr to", pick(1)),
    # weekdays, with typos and nynorsk names
    ("torsdag er fint", pick(1)), ("Tirsdag passer", pick(0)), ("tysdag passar fint", pick(0)),
    ("torsdagen", pick(1)), ("torsdg er fint", pick(1)), ("tosrdag passer", pick(1)), ("tirsdagg", pick(0)),
    ("tors", pick(1)),
    # dates
    ("12. januar", pick(0)), ("14 jan passer", pick(1)), ("12.1", pick(0)), ("14.01 er fint", pick(1)),
    ("12/1", pick(0)), ("den 14. passer", pick(1)), ("14.1.2027", pick(1)),
    # times
    ("kl 10 passer", pick(0)), ("kl. 13.30", pick(1)), ("13:30", pick(1)), ("klokka 10", pick(0)), ("10:00 er bra", pick(0)),
    ("10 passer", pick(0)), ("halv to, altså 13.30", pick(1)), ("formiddagen passer best", pick(0)),
    ("ettermiddag", pick(1)),
    # combinations narrow each other
    ("torsdag kl 13.30 passer", pick(1)), ("tirsdag 12. januar kl. 10", pick(0)),
    # negation and a choice
    ("ikke den første, men den andre", pick(1)), ("tirsdag passer ikke, men torsdag går fint", pick(1)),
    ("jeg vil heller ha en annen dag enn tirsdag, torsdag passer", pick(1)),
    ("Nei, den andre", pick(1)), ("ja, torsdag", pick(1)),
])
def test_two_slots(text, expected):
    assert read_choice(text, TWO) == expected


@pytest.mark.parametrize("text, expected", [
    ("tirsdag eller torsdag", ask(0, 1)), ("begge passer", ask(0, 1, 2)), ("ja", ask(0, 1, 2)), ("det passer fint", ask(0, 1, 2)),
    ("kl 10", ask(0, 2)), ("formiddag", ask(0, 2)), ("den første eller tredje", ask(0, 2)),
    ("tirsdag passer ikke", ask(1, 2)), ("den første passer ikke", ask(1, 2)),
    ("tursdag", ask(0, 1)),  # one typo from both tirsdag and torsdag
    ("den midterste", pick(1)), ("den tredje", pick(2)), ("tredje", pick(2)), ("3", pick(2)), ("fredag kl 10", pick(2)),
    ("15. januar", pick(2)), ("fredag", pick(2)), ("siste", pick(2)),
])
def test_three_slots(text, expected):
    assert read_choice(text, THREE) == expected


@pytest.mark.parametrize("text", [
    "ingen av dem passer", "Ingen av tidene passer for meg", "ingen av dei passar", "kan vi ta en annen dag?",
    "har dere andre tider?", "ingen passer", "kan vi finne et annet tidspunkt", "det passer ikke", "jeg kan ikke da",
    "Eg kan ikkje nokon av dagane", "verken tirsdag eller torsdag", "tirsdag og torsdag passer ikke",
    "kan vi ta det neste uke?", "ein annan dag, takk", "ingen av dem", "tirsdag passer ikke, torsdag kan jeg heller ikke",
])
def test_another_time(text):
    assert read_choice(text, TWO).kind == ANOTHER_TIME


@pytest.mark.parametrize("text", ["kan vi flytte møtet?", "Jeg må utsette samtalen", "kan me flytta det", "kan vi endre tidspunkt?",
                                  "jeg må avlyse og finne en ny tid"])
def test_move(text):
    assert read_choice(text, (TUE,)).kind == MOVE


@pytest.mark.parametrize("text", ["jeg må avlyse", "Avlys møtet", "jeg trenger ikke noe møte likevel", "kan du avbestille samtalen",
                                  "eg vil ikkje ha noko møte"])
def test_cancel(text):
    assert read_choice(text, TWO).kind == CANCEL


@pytest.mark.parametrize("text, expected", [
    ("fredag passer", Choice(NO_MATCH)), ("kl 15", Choice(NO_MATCH)), ("20. februar", Choice(NO_MATCH)), ("den tredje", Choice(NO_MATCH)),
    ("må jeg ta med noe?", Choice(NONE)), ("takk for beskjed", Choice(NONE)), ("", Choice(NONE)),
    ("kan vi ta det om 2 uker i stedet", Choice(NONE)), ("jeg jobber 20 % nå", Choice(NONE)),
    ("jeg er litt nervøs", Choice(NONE)),
])
def test_nothing_offered_is_picked(text, expected):
    assert read_choice(text, TWO) == expected


def test_one_slot_yes_picks_it_and_no_slots_reads_nothing():
    assert read_choice("ja, det passer fint", (TUE,)) == pick(0)
    assert read_choice("ok", (TUE,)) == pick(0)
    assert read_choice("2", ()) == Choice(NONE)


def test_slots_are_read_in_oslo_time_whatever_their_offset():
    utc = (TUE.astimezone(timezone.utc), THU.astimezone(timezone.utc))
    assert read_choice("kl 10", utc) == pick(0) and read_choice("13:30", utc) == pick(1)


def test_relative_days_need_today():
    assert read_choice("i morgen passer", TWO, today=date(2027, 1, 13)) == pick(1)
    assert read_choice("i morgon", TWO, today=date(2027, 1, 11)) == pick(0)
    assert read_choice("i morgen passer", TWO) == Choice(NONE)


def test_ae_oe_aa_spellings():
    assert read_choice("den foerste", TWO) == pick(0)
    assert read_choice("laurdag", (datetime(2027, 1, 16, 10, tzinfo=OSLO),)) == pick(0)
    assert read_choice("loerdag passer", (datetime(2027, 1, 16, 10, tzinfo=OSLO),)) == pick(0)


def test_one_edit():
    assert _one_edit("torsdg", "torsdag") and _one_edit("tosrdag", "torsdag") and _one_edit("torsdagg", "torsdag")
    assert not _one_edit("fredag", "torsdag") and not _one_edit("tsrodag", "torsdag")


@pytest.mark.parametrize("text, expected", [
    ("tirsdag og torsdag passer", ask(0, 1)), ("tirsdag eller torsdag passer ikke", Choice(ANOTHER_TIME)),
    ("kl 10 eller 13.30", ask(0, 1)), ("torsdag passer, nei forresten, torsdag passer ikke", ask(0, 1)),
    ("Torsdag er fint, men helst på video", pick(1)), ("jeg kan alle dager unntatt tirsdag", ask(1)),  # confirmed, not guessed
])
def test_clauses_take_their_sides(text, expected):
    assert read_choice(text, TWO) == expected


def test_any_text_is_read_without_error():
    import random

    rng = random.Random(16)
    alphabet = "abcdefghijklmnopqrstuvwxyzæøå0123456789 .,:/!?-"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        choice = read_choice(text, THREE)
        assert choice.index is None or 0 <= choice.index < 3
        assert all(0 <= i < 3 for i in choice.candidates)
