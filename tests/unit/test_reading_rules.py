"""The readings added for people who write it their own way (issue 13): hedges that answer the
open question, mixed answers about the employer, the whole sick-pay period, "svarer 1",
"how long is unknown", q3_grunn's words against a doubtful classifier, small talk around an
answer, and doubtful requests with no question open offered as buttons. Rankings are synthetic;
the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking  # synthetic parses: the whole message's ranking, each clause's by span
from uke8.triage import topics
from uke8.understanding.clauses import clauses
from uke8.understanding.combined import carried_answers
from uke8.understanding.reading import read_message
from uke8.understanding.interpret import GLOBAL_OFFER, interpret
from uke8.understanding.patterns import match_pattern
from uke8.understanding.treatment import mentions_treatment

# The classifier would say otherwise: every one of these is read by its words.
CONFIDENT_WRONG = ranking(("q3_grunn_behandling", 0.9), ("q1_lite_sannsynlig", 0.05), ("q2_vanskelig", 0.05))


@pytest.mark.parametrize("question_id", ["q1", "q3"])
@pytest.mark.parametrize("text", [
    "Det kommer an på hva fysioterapeuten mener",
    "kjem an på kva kirurgen seier",
    "tja, kommer helt an på om skulderen blir bedre",
    "avhenger av om jeg får en annen arbeidstid",
    "har ingen anelse, ingen har sagt noe",
    "aner ikke ærlig talt",
    "æ har itj peiling",
    "femti-femti vil jeg si",
    "50-50",
])
def test_a_message_opening_with_a_hedge_is_unsure(question_id, text):
    meaning = interpret(question_id, text, {"intent_ranking": CONFIDENT_WRONG})
    assert (meaning.code, meaning.action, meaning.source) == ("usikker", "accept", "pattern")


@pytest.mark.parametrize("question_id, text", [
    ("q2", "det kommer an på dagen"),  # q2 has no "usikker"
    ("q1", "jeg har ikke tenkt å komme tilbake"),  # "har ikke" is no "har ikke peiling"
    ("q1", "jeg kommer tilbake, men det kommer an på når"),  # a hedge later in the message
    ("q3_grunn", "kommer an på svaret fra legen"),  # what it depends on is the answer itself
])
def test_a_hedge_elsewhere_is_left_to_the_classifier(question_id, text):
    assert interpret(question_id, text, {"intent_ranking": CONFIDENT_WRONG}).source != "pattern"


@pytest.mark.parametrize("text", [
    "litt bra og litt dårlig", "noe godt, noe mindre bra", "både godt og vanskelig", "det går opp og ned",
    "det er blandet", "sånn passe", "både-og", "dels greit, dels tungt",
])
def test_some_good_and_some_bad_about_the_employer_is_neither(text):
    assert match_pattern("q2", text) == "verken_eller"


@pytest.mark.parametrize("text", ["helsa går opp og ned hele tiden, men sjefen er kjempegrei", "bra", "ikke så bra"])
def test_a_longer_up_and_down_or_a_plain_answer_is_not_a_mixed_one(text):
    assert match_pattern("q2", text) != "verken_eller"  # ("kjempegrei" itself says good: session 8)


@pytest.mark.parametrize("text, code", [
    ("regner med å bruke hele sykepengeperioden", "over_26_uker"),
    ("blir nok sjukmeld ut sjukepengeperioden", "over_26_uker"),
    ("trolig helt til maksdato", "over_26_uker"),
    ("hvor lenge er det ingen som vet", "usikker"),
    ("kor lang tid det tek, veit eg ikkje", "usikker"),
    ("usikker på hvor lenge", "usikker"),
    ("hvor lenge jeg blir borte er uklart", "usikker"),
])
def test_how_long_in_words(text, code):
    assert match_pattern("q3", text) == code


@pytest.mark.parametrize("text, code", [("svarer 1", "god"), ("alt 2", "vanskelig"), ("jeg velger 1", "god"), ("går for 2 takk", "vanskelig")])
def test_saying_which_option_with_its_number(text, code):
    meaning = interpret("q2", text, None)
    assert (meaning.code, meaning.action, meaning.source) == (code, "accept", "digit")


def test_two_weeks_is_still_a_duration_not_an_option():
    assert interpret("q3", "går for 2 uker", None).source != "digit"


@pytest.mark.parametrize("text, treatment", [
    ("det er ikke jobben, det er at jeg venter på strålebehandling", True),
    ("venter på time hos spesialist", True),
    ("kjem an på kva MR-en viser", True),
    ("kommer an på svaret fra CT", True),
    ("venter på svar på en søknad om en annen stilling", False),
    ("det har ikke noe med behandlingen å gjøre, det er sjefen", False),
])
def test_treatment_words(text, treatment):
    assert mentions_treatment(text) is treatment


def test_q3_grunn_offers_both_where_the_words_disagree_with_a_doubtful_classifier():
    doubtful_other = ranking(("q3_grunn_annet", 0.7), ("q3_grunn_behandling", 0.3))
    text = "det er ikke jobben, det er at jeg venter på strålebehandling"
    own = read_message("q3_grunn", text, parse(text, doubtful_other, doubtful_other, doubtful_other), {"varighet": "usikker"}, T).own
    assert (own.action, set(own.offered)) == ("choose", {"annet", "behandling"})
    text = "venter på svar på en søknad om en annen stilling"
    doubtful_treatment = ranking(("q3_grunn_behandling", 0.75), ("q3_grunn_annet", 0.25))
    own = read_message("q3_grunn", text, parse(text, doubtful_treatment), {"varighet": "usikker"}, T).own
    assert (own.action, own.offered) == ("choose", ("behandling", "annet"))
    # agreeing with the words: recorded (since session 19, a short reason that names a treatment
    # and nothing else is taken at the classifier's fair certainty; reading._names_its_kind)
    own = read_message("q3_grunn", "venter på operasjon", parse("venter på operasjon", doubtful_treatment), {"varighet": "usikker"}, T).own
    assert (own.code, own.action) == ("behandling", "accept")


def test_small_talk_around_an_answer_does_not_hide_it():
    text = "Fint, vi prates hver uke"
    p = parse(text, ranking(("hade", 0.8), ("q2_god", 0.1)), ranking(("q2_god", 0.95)), ranking(("hade", 0.9)))
    own = read_message("q2", text, p, {}, T).own
    assert (own.code, own.action) == ("god", "accept")
    alone = read_message("q2", "vi prates", {"intent_ranking": ranking(("hade", 0.9))}, {}, T).own
    assert (alone.kind, alone.code) == ("global", "hade")
    # a real request still wins over the answer beside it
    text = "Bra. Men jeg vil snakke med en veileder"
    p = parse(text, ranking(("menneske", 0.9)), ranking(("q2_god", 0.95)), ranking(("menneske", 0.95)))
    assert read_message("q2", text, p, {}, T).own.code == "menneske"


def test_a_clause_settles_an_offer_of_two_it_names_plainly():
    text = "Usikker. Det har vært mye krangel med lederen min, og det er en del av grunnen"
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.3), ("usikker", 0.25), ("q2_vanskelig", 0.4)),
              ranking(("usikker", 1.0)), ranking(("q2_vanskelig", 0.92)), ranking(("q2_vanskelig", 0.3), ("q1_veldig_sannsynlig", 0.2)))
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("usikker", "accept")
    assert [(c.question_id, c.meaning.code) for c in reading.others] == [("q2", "vanskelig")]


@pytest.mark.parametrize("text, expected", [
    ("kor lenge eg er sjukmeld, veit eg heller ikkje", ["kor lenge eg er sjukmeld, veit eg heller ikkje"]),
    ("Om eg kjem tilbake dit, er eg ikkje sikker på. Sjefen er grei", ["Om eg kjem tilbake dit, er eg ikkje sikker på", "Sjefen er grei"]),
    ("både ja og nei om jeg kommer tilbake. Sjefen er grei", ["både ja og nei om jeg kommer tilbake", "Sjefen er grei"]),
    ("jeg kommer tilbake, sjefen er grei", ["jeg kommer tilbake", "sjefen er grei"]),  # no fronted clause: two
    ("Om jeg kommer tilbake og når det skjer, avhenger av operasjonen. Vet ikke ennå",
     ["Om jeg kommer tilbake og når det skjer, avhenger av operasjonen", "Vet ikke ennå"]),  # a condition says nothing alone
    ("om to uker er jeg tilbake og sjefen er grei", ["om to uker er jeg tilbake", "sjefen er grei"]),  # "om" as a time
])
def test_a_fronted_clause_and_both_halves_stay_together(text, expected):
    assert clauses(text) == expected


def test_a_short_first_doubt_answers_the_question_asked_when_how_long_has_its_own_clause():
    text = "Usikker. Sjefen er grei. Hvor lenge jeg blir borte, kommer an på operasjonen"
    p = parse(text, ranking(("usikker", 0.5), ("q3_grunn_behandling", 0.4)),
              ranking(("usikker", 1.0)), ranking(("q2_god", 0.95)), ranking(("q3_grunn_behandling", 0.6), ("usikker", 0.4)))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)}
    assert carried["q1"] == "usikker" and carried["q3"] == "usikker" and carried["q2"] == "god"
    # without a clause of its own about how long, a doubt beside a treatment is about how long
    text = "vet ikke helt, venter på operasjon"
    p = parse(text, ranking(("q3_grunn_behandling", 0.99)), ranking(("usikker", 0.99)), ranking(("q3_grunn_behandling", 0.99)))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)}
    assert "q1" not in carried and carried["q3"] == "usikker"


def test_with_no_question_open_a_doubtful_request_is_offered_and_off_topic_is_taken_as_such():
    assert interpret(None, "...", {"intent_ranking": ranking(("sykepenger", 0.5), ("out_of_scope", 0.3))}, T).action == "confirm"
    two = interpret(None, "...", {"intent_ranking": ranking(("personvern", 0.3), ("hvorfor", 0.25), ("out_of_scope", 0.2))}, T)
    assert (two.action, two.offered) == ("choose", ("personvern", "hvorfor"))
    off = interpret(None, "...", {"intent_ranking": ranking(("out_of_scope", 0.4), ("sykepenger", GLOBAL_OFFER / 2))}, T)
    assert (off.code, off.action) == ("ute_av_omfang", "accept")
    answer_like = interpret(None, "...", {"intent_ranking": ranking(("q2_god", 0.9), ("out_of_scope", 0.05))}, T)
    assert answer_like.action == "reask" and answer_like.offered == ()
    # stopp is never offered: it is honoured or left alone
    assert interpret(None, "...", {"intent_ranking": ranking(("stopp", 0.4), ("out_of_scope", 0.3))}, T).offered == ()
    doubtful_stop = interpret(None, "...", {"intent_ranking": ranking(("stopp", 0.4), ("personvern", 0.2))}, T)
    assert (doubtful_stop.code, doubtful_stop.offered) == ("stopp", ())  # the forms read the code: it stays
    assert interpret(None, "...", {"intent_ranking": ranking(("sykepenger", 0.9))}, T).action == "accept"


def test_every_offerable_request_has_a_button():
    from uke8.understanding.interpret import OFFERABLE_GLOBALS
    assert set(topics.TOPIC_BUTTONS) == set(OFFERABLE_GLOBALS)
    text, buttons = topics.topic_offer(("sykepenger", "personvern"))
    assert [b["payload"] for b in buttons] == ["/sykepenger", "/personvern"] and "knapp" in text
    assert topics.topic_offer(("stopp",)) is None
