"""Readings added in session 19 (issue 13), each a kind found in round 51's and round 52's
recorded-wrong lines and misses (tests/nlu_eval/README.md): short answers that say their verdict
plainly (plain_verdicts.py), a digit with sure or estimating words, a hope then a doubt said alone,
a short reason that names its kind, an uncertainty made stronger ("høyst usikkert om …"), a
refusal to talk as a complaint, and the length as a noun ("usikker på lengda").
The examples are worded anew, not copied from the sets. Rankings are synthetic, so a pass means
the rule decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from tests.unit.test_reading_session12 import _taken
from uke8.understanding.clause_signals import HOPE_THEN_DOUBT
from uke8.understanding.contact import complains
from uke8.understanding.interpret import interpret
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern
from uke8.understanding.reading import read_message


@pytest.mark.parametrize("text, both", [
    ("Håpar, men tvilar", True),                     # no object after the hope
    ("håper d men tviler nok", True),                # SMS "d" for "det"
    ("ønskjer det, men har mine tvil om det", True),  # a wish, and "har mine tvil"
    ("vil gjerne det, men tviler", True),
    ("Jeg håper det, men tviler veldig", False),     # a strong doubt: unlikely
    ("Jeg har mine tvil", False),                    # no hope beside it
])
def test_more_hopes_then_doubts_are_told(text, both):
    assert bool(HOPE_THEN_DOUBT.search(fold(normalise(text)))) is both


def test_a_hope_then_a_doubt_said_alone_is_recorded_unsure():
    text = "håper d men tviler nok"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9), ("usikker", 0.05)), ranking(("usikker", 0.3)), ranking(("q1_lite_sannsynlig", 0.95)))
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("usikker", "accept")


@pytest.mark.parametrize("text, code", [
    ("Det er temmelig usikkert om eg kjem attende", "usikker"),    # an intensifier before the doubt
    ("Det er høyst uklart om jeg går tilbake", "usikker"),
    ("Jeg er helt sikker på at det ikke blir aktuelt.", "lite_sannsynlig"),
    ("kommer ann på hvordan ryggen blir", "usikker"),               # "ann" for "an"
])
def test_doubts_and_verdicts_about_the_return(text, code):
    assert match_pattern("q1", text) == code


def test_sure_it_will_not_happen_is_no_verdict_when_it_is_about_something_else():
    assert match_pattern("q1", "Jeg er sikker på at det ikke blir aktuelt med gradert") != "lite_sannsynlig"


def test_a_boss_who_will_not_talk_is_a_complaint_not_little_contact():
    text = "lederen vil ikkje snakke med meg"
    assert complains(text)
    assert match_pattern("q2", text) != "verken_eller"


@pytest.mark.parametrize("text, code", [
    ("usikker på lengda", "usikker"),
    ("lengden vet jeg ikke", "usikker"),
    ("vet ikke om jeg orker i lengden", None),   # "in the long run": no length
])
def test_the_length_as_a_noun(text, code):
    assert match_pattern("q3", text) == code


@pytest.mark.parametrize("question, text, code", [
    ("q2", "1 helt klart", "god"),
    ("q3", "2 vil eg tru", "over_26_uker"),
    ("q1", "3 sånn det ser ut no", "lite_sannsynlig"),
    ("q1", "1 definitivt", "veldig_sannsynlig"),
])
def test_a_digit_with_sure_or_estimating_words_is_that_option(question, text, code):
    meaning = interpret(question, text, None, T)
    assert (meaning.code, meaning.action, meaning.source) == (code, "accept", "digit")


def test_a_digit_with_a_unit_is_still_no_option():
    assert interpret("q3", "2 uker", None, T).source != "digit"


@pytest.mark.parametrize("text, whole, code", [
    ("skal ta røntgen neste uke", ranking(("q3_grunn_behandling", 0.7), ("q3_grunn_annet", 0.25)), "behandling"),
    ("møte med lederen på fredag", ranking(("q3_grunn_annet", 0.3), ("q3_grunn_behandling", 0.25), ("out_of_scope", 0.2)), "annet"),
    ("faren min er dårlig og trenger meg", ranking(("q3_grunn_annet", 0.35), ("q3_grunn_behandling", 0.3)), "annet"),
])
def test_a_short_reason_that_names_its_kind_is_recorded(text, whole, code):
    reading = read_message("q3_grunn", text, parse(text, whole), {"varighet": "usikker"}, T)
    assert (reading.own.code, reading.own.action) == (code, "accept")


def test_a_reason_naming_both_treatment_and_the_employer_is_not_recorded_on_the_words():
    text = "legen skal snakke med sjefen min"
    reading = read_message("q3_grunn", text, parse(text, ranking(("q3_grunn_behandling", 0.7), ("q3_grunn_annet", 0.25))),
                           {"varighet": "usikker"}, T)
    assert reading.own.action != "accept"


@pytest.mark.parametrize("question, text, code", [
    ("q1", "null tvil om det", "veldig_sannsynlig"),
    ("q1", "sannsynligvis", "veldig_sannsynlig"),           # "probably", not "sannsynligvis ikke"
    ("q1", "ja, mest trolig", "veldig_sannsynlig"),
    ("q1", "satsar på det", "veldig_sannsynlig"),
    ("q1", "Eg trur eg kjem, ja.", "veldig_sannsynlig"),     # the belief, with no negation in it
    ("q1", "eg skal skifte jobb", "lite_sannsynlig"),
    ("q1", "skal finne meg en ny jobb", "lite_sannsynlig"),
    ("q2", "heilt elendig", "vanskelig"),
    ("q2", "bare dritt altså", "vanskelig"),
    ("q2", "stadig gnisninger med sjefen", "vanskelig"),
    ("q2", "lederen ignorerer meg", "vanskelig"),
    ("q2", "ikkje dårleg i det heile teke", "god"),
    ("q2", "det varierer", "verken_eller"),
    ("q3", "knapt så lenge", "under_26_uker"),
    ("q3", "klart over et halvt år", "over_26_uker"),
    ("q3", "fram til litt etter jul", "under_26_uker"),
])
def test_short_plain_verdicts(question, text, code):
    assert match_pattern(question, text) == code


@pytest.mark.parametrize("question, text, not_code", [
    ("q1", "vurderer å bytte jobb", "lite_sannsynlig"),       # a thought, not a plan
    ("q1", "sannsynligvis ikke", "veldig_sannsynlig"),
    ("q2", "ingen gnisninger", "vanskelig"),
    ("q2", "det har vært noen gnisninger", "vanskelig"),       # some friction: one side of the middle
    ("q2", "dritt bra", "vanskelig"),                          # the intensifier
    ("q2", "ikke noe å klage på, men heller ikke noe mer", "god"),  # one side of a weighing
    ("q2", "det varierer ikke", "verken_eller"),
])
def test_short_plain_verdicts_keep_their_limits(question, text, not_code):
    assert match_pattern(question, text) != not_code


@pytest.mark.parametrize("question, text, code", [
    ("q2", "eg og leiaren har krasja fleire gonger", "vanskelig"),   # a falling out
    ("q2", "samarbeidet har surnet", "vanskelig"),
    ("q3", "kan bli under el. over et halvt år", "usikker"),          # both options named
    ("q3", "lenger eller kortere enn 6 mnd, vet ikke", "usikker"),
])
def test_falling_out_and_both_options(question, text, code):
    assert match_pattern(question, text) == code


def test_friction_said_in_passing_after_a_weighing_is_no_verdict():
    assert match_pattern("q2", "Blandet, men før har det vært mye gnisninger") != "vanskelig"


@pytest.mark.parametrize("token, word", [("sekker", "sikker"), ("sekkert", "sikkert")])
def test_sms_and_dialect_words_read_as_bokmal(token, word):
    from uke8.understanding.dialect import bokmal_word
    assert bokmal_word(token) == word


def test_ag_is_the_employer():
    from uke8.understanding.employer_words import BOSS
    assert BOSS.search(fold(normalise("forholdet til AG er godt")))


@pytest.mark.parametrize("text, open_question, whole, clauses, reason", [
    # a doubt of how long, and the job named as its reason: q3_grunn "annet", confirmed
    ("sjefen overser meg. usikker hvor lenge pga situasjonen på jobben", "q2",
     ranking(("q2_vanskelig", 0.6), ("usikker", 0.3)), (ranking(("q2_vanskelig", 0.97)), ranking(("usikker", 0.95))), ("annet", "confirm")),
    # a treatment named beside it: the classifier's to read, nothing added here
    ("usikker hvor lenge pga operasjonen", "q3", ranking(("usikker", 0.95)), (), None),
    # no doubt of how long: no reason to give
    ("kommer tilbake pga jobben min er viktig", "q1", ranking(("q1_veldig_sannsynlig", 0.95)), (), None),
])
def test_a_reason_beside_a_doubt_of_how_long(text, open_question, whole, clauses, reason):
    reading = read_message(open_question, text, parse(text, whole, *clauses), {}, T)
    assert _taken(reading).get("varighet_usikker_grunn") == reason


@pytest.mark.parametrize("text, code", [
    ("samarbeidet med sjefen er helt ødelagt", "vanskelig"),
    ("konflikten med leiinga har øydelagt alt", "vanskelig"),
])
def test_a_broken_relation(text, code):
    assert match_pattern("q2", text) == code


def test_a_relation_not_broken_is_no_complaint_by_this_rule():
    assert match_pattern("q2", "forholdet er ikke ødelagt") != "vanskelig"


def test_not_the_illness_but_the_boss_is_a_reason_beside_a_doubt():
    text = "vet ikke hvor lenge, det er ikke sykdommen men sjefen"
    p = parse(text, ranking(("usikker", 0.95)), ranking(("usikker", 0.97)), ranking(("q3_grunn_annet", 0.4)), ranking(("q2_vanskelig", 0.5)))
    reading = read_message("q3", text, p, {}, T)
    assert _taken(reading).get("varighet_usikker_grunn") == ("annet", "confirm")


def test_more_or_less_is_no_two_options_of_how_long():
    assert match_pattern("q3", "Et par måneder til. Sjefen er grei, verken mer eller mindre.") != "usikker"


@pytest.mark.parametrize("question, text, code", [
    ("q1", "det ser lovende ut", "veldig_sannsynlig"),
    ("q1", "ser ingen grunn til at eg ikkje skal kome attende", "veldig_sannsynlig"),   # two negations
    ("q1", "har takka ja til ein ny jobb", "lite_sannsynlig"),
    ("q2", "av og til bra, av og til ikke", "verken_eller"),
    ("q2", "halvt greit, halvt dårlig", "verken_eller"),
    ("q2", "null tillit", "vanskelig"),
    ("q3", "det kan bli kort, men kan også bli lenge", "usikker"),
])
def test_more_plain_verdicts(question, text, code):
    assert match_pattern(question, text) == code


def test_the_outlook_denied_is_no_plain_likely():
    assert match_pattern("q1", "det ser ikke lyst ut") != "veldig_sannsynlig"


def test_a_short_reason_that_rules_out_the_health_is_recorded_beside_the_boss():
    text = "sjefen, ikke kroppen"
    p = parse(text, ranking(("q3_grunn_annet", 0.7), ("q2_vanskelig", 0.2)), ranking(("q2_vanskelig", 0.96)), ranking(("q3_grunn_annet", 0.6)))
    reading = read_message("q3_grunn", text, p, {"varighet": "usikker"}, T)
    assert (reading.own.code, reading.own.action) == ("annet", "accept")


@pytest.mark.parametrize("text, weeks", [
    ("Eg trur det blir til hausten", True),           # "det blir til …": the length itself
    ("det blir nok helt til sommeren", True),
    ("jobben blir lagt ned til sommeren", False),    # something else ends
])
def test_it_will_be_until_names_the_end_of_the_leave(text, weeks):
    from datetime import date

    from uke8.understanding.leave_span import asked_on, total_weeks
    with asked_on(date(2026, 12, 4)):
        assert (total_weeks(fold(normalise(text))) is not None) is weeks


@pytest.mark.parametrize("question, text, code", [
    ("q2", "det har vore så mykje bråk med leiaren", "vanskelig"),
    ("q2", "de nektet meg tilrettelegging", "vanskelig"),
    ("q2", "fikk en skriftlig advarsel mens jeg var syk", "vanskelig"),
])
def test_what_the_employer_did(question, text, code):
    assert match_pattern(question, text) == code


@pytest.mark.parametrize("text, known", [
    ("kommer tilbake, men ikke før etter sommeren", True),   # the earliest end, not the latest
    ("tilbake før sommeren", False),                         # the latest end: says nothing of a long leave
    ("regner med å jobbe igjen i løpet av februar", True),
])
def test_ends_of_the_leave_session19(text, known):
    from datetime import date

    from uke8.understanding.leave_span import asked_on, total_weeks
    with asked_on(date(2026, 12, 4)):
        assert (total_weeks(fold(normalise(text))) is not None) is known


def test_a_dialect_hope_then_doubt():
    assert HOPE_THEN_DOUBT.search(fold(normalise("Håpe det, men e tvile litt")))


@pytest.mark.parametrize("text, code", [
    ("Eg trur ikkje eg er frisk før til sommaren", "over_26_uker"),   # not before an end past the half year
    ("neppe tilbake før neste høst", "over_26_uker"),
    ("ikke tilbake før jul", None),                                   # at least until Christmas: says nothing more
    ("kanskje ikke klar før til sommeren", None),                     # a maybe: not recorded on the date
])
def test_not_before_an_end(text, code):
    from datetime import date

    from uke8.understanding.duration import duration_answer
    from uke8.understanding.leave_span import asked_on
    with asked_on(date(2026, 12, 4)):
        assert duration_answer(text) == code


def test_no_problems_with_the_boss_is_no_complaint():
    assert match_pattern("q2", "Aldri hatt noen problemer med lederen") != "vanskelig"


@pytest.mark.parametrize("text, whole, clauses, retur", [
    # the return said to depend on something while the employer is asked: unsure, confirmed
    ("vanskeleg. det kjem an på om eg får ny avdeling om eg kjem attende", ranking(("q2_vanskelig", 0.9)),
     (ranking(("q2_vanskelig", 0.97)), ranking(("q3_grunn_annet", 0.6))), ("usikker", "confirm")),
    # what depends is how long, and the return is said plainly: the return as said
    ("grei sjef. kommer tilbake, men hvor lenge avhenger av operasjonen", ranking(("q2_god", 0.9)),
     (ranking(("q2_god", 0.97)), ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("usikker", 0.8))), ("veldig_sannsynlig", "accept")),
])
def test_a_return_that_depends_while_another_question_is_open(text, whole, clauses, retur):
    reading = read_message("q2", text, parse(text, whole, *clauses), {}, T)
    assert _taken(reading).get("retur") == retur


def test_gets_is_not_the_father_in_folded_text():
    # folded, "får" reads "far": a wait for a treatment's answer is no family reason
    from uke8.understanding.treatment import other_reason
    assert not other_reason("får svar på biopsien snart")
    assert other_reason("far min er alvorlig sjuk")
    text = "får svar på biopsien snart"
    reading = read_message("q3_grunn", text, parse(text, ranking(("q3_grunn_behandling", 0.7), ("q3_grunn_annet", 0.25))),
                           {"varighet": "usikker"}, T)
    assert (reading.own.code, reading.own.action) == ("behandling", "accept")


def test_a_reason_that_names_no_treatment_beside_a_doubt_of_how_long_is_offered_as_annet():
    text = "vet ikke hvor lenge, det avhenger av om jeg får omplassering"
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.97)), ranking(("q3_grunn_behandling", 0.3), ("q3_grunn_annet", 0.3)))
    reading = read_message("q3", text, p, {}, T)
    assert _taken(reading).get("varighet_usikker_grunn") == ("annet", "confirm")
