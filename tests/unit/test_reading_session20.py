"""Readings added in session 20 (issue 13), each a kind found in round 57's development sets
(tests/nlu_eval/README.md): a whether-clause that carries its own verdict, a question put back
before a one-word answer, a doubt then a hope, the person's own view after someone else's, what
decides the return, answers that tell what happened (a restart agreed, a job ended by agreement,
adjustments refused, a hint to leave), and numbers that are no length of leave (an age, years at
work, the last working day). The examples are worded anew, not copied from the sets. Rankings are
synthetic, so a pass means the rule decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from tests.unit.test_reading_session12 import _taken
from uke8.understanding.clause_owner import specific_owner
from uke8.understanding.clause_signals import DECLINES, HOPE_THEN_DOUBT, OTHER_LEAVE, SURE_DENIED, YEARS_AT_WORK
from uke8.understanding.clauses import clauses
from uke8.understanding.duration import duration_answer, weeks_mentioned
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern
from uke8.understanding.reading import read_message
from uke8.understanding.treatment import mentions_treatment, other_errand


@pytest.mark.parametrize("text, expected", [
    # the whether-clause has its verdict ("er usikkert"): what follows "og" is a clause of its own
    ("Om eg kjem attende er uvisst, og eg treng nokre veker til",
     ["Om eg kjem attende er uvisst", "eg treng nokre veker til"]),
    ("om jeg går tilbake vet jeg ikke, og sjefen er grei", ["om jeg går tilbake vet jeg ikke", "sjefen er grei"]),
    # without a verdict it is still the fronted part of what follows
    ("om jeg kommer tilbake og når det blir, avgjør legen", ["om jeg kommer tilbake og når det blir, avgjør legen"]),
])
def test_a_whether_clause_with_its_own_verdict_stands_alone(text, expected):
    assert clauses(text) == expected


def test_a_one_word_answer_after_a_question_put_back_answers_it():
    text = "Et par måneder til. Tilbake i jobben? Tviler."
    p = parse(text, ranking(("q3_under_26_uker", 0.6)), ranking(("q3_under_26_uker", 0.99)),
              ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 0.96), ("usikker", 0.02)))
    taken = _taken(read_message("q3", text, p, {}, T))
    assert taken["own"] == ("under_26_uker", "accept")
    assert taken["retur"][0] == "lite_sannsynlig"


def test_a_bare_whether_clause_before_a_dash_is_a_question_put_back():
    text = "Samarbeidet er tungt. Og om jeg går tilbake – ikke sikker i det hele tatt."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("q2_vanskelig", 0.97)),
              ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("usikker", 0.99)))
    taken = _taken(read_message("q2", text, p, {}, T))
    assert taken["own"] == ("vanskelig", "accept")
    assert taken["retur"][0] == "usikker"


@pytest.mark.parametrize("text, both", [
    ("Tvilar, men håpar", True),                          # the doubt first, then the hope
    ("jeg tviler litt, men håper fortsatt", True),
    ("håper det, men foten er stiv så jeg tviler", True),  # the doubt after its reason
    ("tviler sterkt, men håper", False),                  # a strong doubt stays a doubt
])
def test_doubt_and_hope_in_either_order_are_told(text, both):
    assert bool(HOPE_THEN_DOUBT.search(fold(normalise(text)))) is both


def test_a_doubt_then_a_hope_said_alone_is_recorded_unsure():
    text = "tviler, men håper"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 0.95)), ranking(("usikker", 0.3)))
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("usikker", "accept")


@pytest.mark.parametrize("text, denied", [
    ("men selv er jeg ikke så sikker", True),
    ("men sjølv er eg ikkje heilt sikker på det", True),
    ("men selv er jeg sikker", False),
])
def test_the_persons_own_doubt_after_someone_elses_view(text, denied):
    assert bool(SURE_DENIED.match(fold(normalise(text)))) is denied


def test_anothers_belief_taken_back_by_the_person_is_unsure():
    text = "Legen tror jeg er tilbake snart, men selv er jeg ikke så sikker på det."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.8)), ranking(("q1_veldig_sannsynlig", 0.96)),
              ranking(("q1_veldig_sannsynlig", 0.6), ("usikker", 0.35)))
    reading = read_message("q1", text, p, {}, T)
    assert reading.own.code == "usikker"


@pytest.mark.parametrize("question, text, code", [
    ("q1", "Det spørs korleis operasjonen går.", "usikker"),
    ("q1", "Resultatet avgjør om jeg kan gå tilbake", "usikker"),
    ("q1", "Vi har avtalt at jeg begynner igjen etter jul", "veldig_sannsynlig"),
    ("q1", "eg startar med tre dagar i veka frå februar", "veldig_sannsynlig"),
    ("q1", "Vi har signert sluttavtale, og jeg går i januar", "lite_sannsynlig"),
    ("q2", "Eg har spurt om tilpassing mange gonger, men dei seier berre nei", "vanskelig"),
    ("q2", "Lederen har hintet om at jeg burde slutte", "vanskelig"),
    ("q2", "fekk skriftleg åtvaring", "vanskelig"),
    ("q2", "sjefn e den beste", "god"),
    ("q1", "ja ja ja", "veldig_sannsynlig"),
    ("q1", "no way jeg går tilbake dit", "lite_sannsynlig"),   # English, read "aldri i livet"
    ("q1", "maybe, kommer an på legen", "usikker"),
    ("q1", "Vanskelig å si på nåværende tidspunkt", "usikker"),
    ("q3", "kan vere under 26 veker, kan vere over", "usikker"),  # both sides named
    ("q3", "kanskje over et halvt år, kanskje under", "usikker"),
])
def test_answers_that_tell_what_happened(question, text, code):
    assert match_pattern(question, text) == code


@pytest.mark.parametrize("text, not_code", [
    ("jeg begynner i ny jobb etter jul", "veldig_sannsynlig"),  # a new job is no return (it is unlikely)
    ("håper å begynne igjen etter jul", "veldig_sannsynlig"),   # a wish, no plan
    ("skal begynne igjen i januar hvis kneet holder", "veldig_sannsynlig"),  # a plan with a condition
    ("sjefen presser meg til å skrive under på sluttavtale", "lite_sannsynlig"),  # pressed, not agreed
    ("vi har snakket om sluttavtale", "lite_sannsynlig"),
])
def test_what_is_only_wished_weighed_or_pressed_is_no_verdict(text, not_code):
    assert match_pattern("q1", text) != not_code


def test_a_time_buying_lead_in_answers_nothing_and_the_doubt_goes_to_the_open_question():
    assert specific_owner("Hva skal jeg si", {"intent_ranking": ranking(("q1_veldig_sannsynlig", 0.4))}, T) is None
    text = "Kva skal eg seie, eg veit ikkje."
    p = parse(text, ranking(("usikker", 0.6)), ranking(("out_of_scope", 0.5), ("q1_lite_sannsynlig", 0.3)), ranking(("usikker", 0.96)))
    taken = _taken(read_message("q3", text, p, {}, T))
    assert taken["own"][0] == "usikker" and "retur" not in taken


@pytest.mark.parametrize("text, not_leave", [
    ("Eg er 58 år", True),                      # an age
    ("jeg fyller 62 år", True),
    ("har jobba der i tretti år", True),        # years at work, in tens
    ("har vært sykmeldt i to år", False),
])
def test_ages_and_years_at_work_are_no_length_of_leave(text, not_leave):
    assert bool(YEARS_AT_WORK.search(fold(normalise(text)))) is not_leave


def test_the_last_working_day_is_the_jobs_end_and_counts_genitive_units():
    assert OTHER_LEAVE.search(fold(normalise("siste arbeidsdag er i februar")))
    assert weeks_mentioned(fold(normalise("to ukers opphold"))) == pytest.approx(2.0)


@pytest.mark.parametrize("text, treatment, errand", [
    ("går i samtaleterapi", True, False),
    ("dosen på antidepressiva skal justeres", True, False),
    ("har ikke fått en eneste oppfølgingssamtale", False, True),  # the employer's follow-up
])
def test_treatment_words_and_the_employers_follow_up(text, treatment, errand):
    assert mentions_treatment(text) is treatment
    assert other_errand(text) is errand


def test_irony_is_no_praise():
    assert match_pattern("q2", "Verdens beste sjef, liksom.") != "god"


@pytest.mark.parametrize("text, expected", [
    ("Vi har et godt forhold, meg og lederen.", ["Vi har et godt forhold, meg og lederen."]),  # an apposition stays: one clause
    ("samarbeidet er både og. og jeg er borte ut januar", ["samarbeidet er både og", "jeg er borte ut januar"]),
    ("Ja. Og sjefen er grei.", ["Ja. Og sjefen er grei."]),  # a plain yes first stays with what follows
])
def test_clause_edges_of_session_20(text, expected):
    assert clauses(text) == expected


def test_a_plain_yes_after_a_question_put_back_answers_it_but_not_an_ironic_one():
    text = "Vet ikke. Tilbake i jobben? Ja."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.99)), ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("ja", 0.99)))
    assert _taken(read_message("q3", text, p, {}, T))["retur"] == ("veldig_sannsynlig", "accept")
    ironic = "Tilbake? Jada, rett etter at jeg vinner i Lotto."
    p = parse(ironic, ranking(("q1_veldig_sannsynlig", 0.5)), ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("ja", 0.99)),
              ranking(("out_of_scope", 0.5)))
    assert read_message("q1", ironic, p, {}, T).own.action != "accept"


def test_a_correction_takes_back_the_answer_that_was_read():
    text = "Over 26 uker, tror jeg. Eller... nei, jeg er faktisk usikker."
    p = parse(text, ranking(("usikker", 0.6)), ranking(("q3_over_26_uker", 0.99)), ranking(("q1_veldig_sannsynlig", 0.6)),
              ranking(("usikker", 0.4)), ranking(("nei", 0.99)), ranking(("usikker", 0.97)))
    taken = _taken(read_message("q3", text, p, {}, T))
    assert taken["own"][0] == "usikker" and "retur" not in taken


@pytest.mark.parametrize("text, declines", [
    ("Det spørsmålet står jeg over.", True),             # skips the question
    ("eg står over det", True),
    ("det står over 26 uker i sykmeldingen", False),     # a length written somewhere
])
def test_skipping_the_question_is_declining_it(text, declines):
    assert bool(DECLINES.search(fold(normalise(text)))) is declines


def test_weeks_set_against_other_weeks_are_no_length_and_not_bad_on_the_contrary_is_good():
    assert duration_answer("noen uker ringer hun mye, andre uker ingenting") is None
    assert duration_answer("noen uker til") == "under_26_uker"
    assert match_pattern("q2", "ikke dårlig, tvert imot") == "god"


def test_weeks_set_against_other_weeks_in_the_next_clause_are_no_length_of_leave():
    text = "Jeg skal tilbake. Noen uker ringer sjefen mye, andre uker ingenting."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q1_veldig_sannsynlig", 0.99)),
              ranking(("q3_under_26_uker", 0.97)), ranking(("out_of_scope", 0.6)))
    assert "varighet" not in _taken(read_message("q1", text, p, {}, T))
