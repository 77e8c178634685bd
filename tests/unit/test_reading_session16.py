"""Readings added in session 16 (issue 13), each a kind found in round 39's recorded-wrong lines
(tests/nlu_eval/README.md): a remark on the questions themselves is no answer ("Eg må tenkje litt
på det", "Oi, så mange spørsmål", "det spørsmålet er vanskelig"), a time that belongs to a
treatment after which the length will be known, a hope without its pronoun, a verb-first
condition with its verb-first consequence, not being able to say, and how little contact feels;
and the typo reading no longer depends on the process's hash seed.
The examples are worded anew, not copied from the sets. Rankings are synthetic, so a pass means
the rule decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.unit.test_combined import T, parse, ranking
from tests.unit.test_reading_session12 import _taken
from uke8.understanding.clause_signals import CAN_SAY_INSTEAD, CANNOT_SAY, HOPE, PUTS_OFF, QUESTION_REMARK, V1_CONSEQUENCE, WHETHER_RETURN
from uke8.understanding.duration import duration_answer
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern
from uke8.understanding.reading import read_message
from uke8.settings import PROJECT_ROOT


def _folded(text: str) -> str:
    return fold(normalise(text))


@pytest.mark.parametrize("text, puts_off", [
    ("Jeg må tenke litt mer på det", True),
    ("det spørsmålet må eg tenkje over", True),
    ("Jeg er ikke helt klar for å svare på det", True),
    ("Puh, så mange spørsmål", True),
    ("Jeg har et annet spørsmål først", True),
    ("Jeg får heller si hva jeg vet", True),
    ("Jeg må tenke på om jeg vil tilbake", False),   # what is weighed is the return itself
    ("Jeg tenker på det hver dag", False),
    ("Det er ikke noe spørsmål", False),             # a sure answer
    ("Jeg må tenke på helsa først", False),
])
def test_a_remark_that_puts_the_answer_off_is_told_from_an_answer(text, puts_off):
    assert bool(PUTS_OFF.search(_folded(text))) is puts_off


@pytest.mark.parametrize("text, remark", [
    ("Hmm, vanskelig spørsmål", True),
    ("Dette spørsmålet var litt rart", True),
    ("Det er bare et spørsmål om tid", False),
    ("Samarbeidet er vanskelig", False),
])
def test_a_remark_on_the_question_is_told_from_a_verdict(text, remark):
    assert bool(QUESTION_REMARK.search(_folded(text))) is remark


@pytest.mark.parametrize("text, turn", [
    ("Jeg kan i alle fall si at lederen er grei", True),
    ("Det eg veit sikkert er at eg treng tid", True),
    ("Jeg kan si at jeg er usikker", False),
])
def test_a_turn_to_what_one_can_say_instead(text, turn):
    assert bool(CAN_SAY_INSTEAD.search(_folded(text))) is turn


def test_putting_the_question_off_answers_only_the_other_questions():
    text = "Eg må tenkje meir på det. Men sjefen min er kjempegrei"
    p = parse(text, ranking(("q2_god", 0.6), ("usikker", 0.35)),
              ranking(("usikker", 0.93)), ranking(("q2_god", 0.99)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken.get("own", (None, None))[1] != "accept"
    assert taken["relasjon"] == ("god", "accept")


def test_a_remark_on_the_question_then_a_turn_to_what_one_can_say_is_no_answer():
    text = "Puh, det spørsmålet er tungt. Jeg kan i alle fall si at sjefen er grei nok"
    p = parse(text, ranking(("usikker", 0.9), ("q2_god", 0.08)),
              ranking(("out_of_scope", 0.5)), ranking(("usikker", 0.92)), ranking(("q2_god", 0.97)))
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) != ("usikker", "accept")
    assert _taken(reading)["relasjon"] == ("god", "accept")


def test_a_remark_on_the_question_with_reasons_after_it_is_still_a_doubt():
    # most writers mean a doubt by it ("Vanskelig spørsmål. Mye må falle på plass først")
    text = "Vanskelig spørsmål. Mye må på plass først hjemme"
    p = parse(text, ranking(("q3_grunn_annet", 0.6), ("usikker", 0.3)),
              ranking(("usikker", 0.98)), ranking(("q3_grunn_annet", 0.9)))
    own = read_message("q1", text, p, {}, T).own
    assert (own.code, own.action) == ("usikker", "accept")


@pytest.mark.parametrize("text, code", [
    ("Skal opereres om to uker, og etter det vet vi mer", None),
    ("legen ser på meg igjen om tre uker, først da får jeg vite mer", None),
    ("Jeg er tilbake om to uker", "under_26_uker"),
])
def test_a_time_after_which_more_is_known_is_not_the_length(text, code):
    assert duration_answer(text) == code


def test_the_time_of_a_treatment_before_more_is_known_is_not_recorded_as_the_length():
    text = "Vet ikke. Skal på opptrening i fire uker, og deretter vet vi mer"
    p = parse(text, ranking(("usikker", 0.8), ("q3_under_26_uker", 0.15)),
              ranking(("usikker", 0.99)), ranking(("q3_under_26_uker", 0.9)), ranking(("usikker", 0.7)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken.get("varighet", (None, None))[0] != "under_26_uker"


@pytest.mark.parametrize("text, hope", [
    ("venter på svar. haaper aa komme tilbake", True),
    ("Håper å kome attende", True),
    ("Sjefen håper jeg kommer tilbake", False),   # someone else's hope
])
def test_a_hope_without_its_pronoun(text, hope):
    assert bool(HOPE.search(_folded(text))) is hope


def test_a_hope_without_its_pronoun_is_not_recorded_as_a_return():
    text = "vet ikke hvor lenge, venter på svar fra legen. håper å komme tilbake"
    p = parse(text, ranking(("q3_grunn_behandling", 0.8), ("usikker", 0.15)),
              ranking(("usikker", 0.99)), ranking(("q3_grunn_behandling", 0.99)), ranking(("q1_veldig_sannsynlig", 0.96)))
    taken = _taken(read_message("q2", text, p, {}, T))
    assert taken.get("retur", (None, None))[1] != "accept"


def test_also_whether_one_returns_is_no_verdict():
    assert WHETHER_RETURN.match(_folded("også om eg kjem tilbake til jobben"))


def test_the_consequence_of_a_verb_first_condition_is_only_confirmed():
    assert V1_CONSEQUENCE.match(_folded("er eg tilbake"))
    text = "Det kjem an på behandlinga. Går det bra, er eg tilbake"
    p = parse(text, ranking(("q3_grunn_behandling", 0.9)),
              ranking(("q3_grunn_behandling", 0.99)), ranking(("q1_lite_sannsynlig", 0.3), ("stopp", 0.2)),
              ranking(("q1_veldig_sannsynlig", 0.99)))
    taken = _taken(read_message("q3_grunn", text, p, {"varighet": "usikker"}, T))
    assert taken.get("retur", (None, None))[1] != "accept"


@pytest.mark.parametrize("text, code", [
    ("jeg er ikke ferdig med den jobben ennå", None),
    ("eg er ferdig med den jobben", "lite_sannsynlig"),
])
def test_not_done_with_the_job_is_not_done_with_it(text, code):
    assert match_pattern("q1", text) == code


def test_not_being_able_to_say_leaves_little_contact_unrecorded():
    assert CANNOT_SAY.match(_folded("så det kan jeg ikke si noe om"))
    text = "Har nesten ikke snakket med dem, så det kan jeg ikke si så mye om"
    p = parse(text, ranking(("q2_vanskelig", 0.7), ("usikker", 0.2)),
              ranking(("q2_vanskelig", 0.9)), ranking(("usikker", 0.99)))
    own = read_message("q2", text, p, {}, T).own
    assert own.action != "accept"


@pytest.mark.parametrize("text, code", [
    ("har ikke hørt noe fra sjefen og det er tungt", None),
    ("har ikke hørt noe fra sjefen, men det går fint", "verken_eller"),
])
def test_how_little_contact_feels_decides_whether_it_is_neither(text, code):
    assert match_pattern("q2", text) == code


def test_a_typo_is_read_the_same_whatever_the_hash_seed():
    # correct_typos once tried a word's deletions in a set's order: "usannsynleg" was read as
    # "sannsynleg" (likely) in one process and left alone in another; the bot's process starts
    # with a random seed. Now the deletions go in order and "usannsynleg" is a key word.
    words = "ikkje usannsynleg, om ein månaden eller to, tilbke, sannsynnlig, vanskeilg, elendgi, sykmeldng"
    code = f"from uke8.understanding.normalise import normalise; print(normalise({words!r}))"
    readings = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)}, cwd=PROJECT_ROOT,
                               capture_output=True, text=True, check=True).stdout for seed in (0, 1, 5, 7)}
    assert len(readings) == 1
    assert "usannsynleg" in readings.pop()
