"""Readings by the words added in session 7 (issue 13): a chance given as a percentage, doubt
denied ("tviler ikke på det"), a fronted "om jeg kommer tilbake, vet jeg ikke", a hedge whose
object clause is about another question, back at work or declared fit within days, and news
of a change typed with no question open. Rankings are synthetic and confidently wrong, so a
pass means the words decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from uke8.understanding.combined import carried_answers
from uke8.understanding.reading import read_message
from uke8.understanding.duration import duration_answer
from uke8.understanding.interpret import interpret
from uke8.understanding.patterns import chance_answer, match_pattern

WRONG_FOR_Q1 = ranking(("q1_veldig_sannsynlig", 0.5), ("q1_lite_sannsynlig", 0.3), ("q3_grunn_annet", 0.2))


@pytest.mark.parametrize("text, code", [
    ("sjansen er vel rundt 10 prosent", "lite_sannsynlig"),
    ("100% 👍", "veldig_sannsynlig"),
    ("90 % sikker på det", "veldig_sannsynlig"),
    ("kanskje 20%", "lite_sannsynlig"),
    ("50 prosent", "usikker"),
])
def test_a_chance_as_a_percentage_answers_q1(text, code):
    meaning = interpret("q1", text, {"intent_ranking": WRONG_FOR_Q1}, T)
    assert (meaning.code, meaning.action, meaning.source) == (code, "accept", "pattern")


@pytest.mark.parametrize("text", [
    "er 50 % sykmeldt nå",  # the sick leave, not a chance
    "jobber 40 prosent",
    "skal starte på 50 % om to uker",  # a share of the work
    "tilbake i 80 %",
    "90 % sikker på at jeg ikke kommer tilbake",  # negated: the classifier reads it
    "kanskje 60-70%",  # a range: left to the classifier
    "35 %",  # between the bands
    "30 % eller 80 %",  # two numbers
])
def test_other_percentages_are_left_to_the_classifier(text):
    assert chance_answer(text) is None
    assert match_pattern("q3", text) is None or "sykmeldt" in text  # and no other question takes it


@pytest.mark.parametrize("text", ["tviler ikke på det", "nei, tviler ikke", "ingen tvil", "det er ingen tvil om det",
                                  "eg tvilar ikkje på det", "tviler ikke på at jeg kommer tilbake"])
def test_doubt_denied_is_likely(text):
    assert match_pattern("q1", text) == "veldig_sannsynlig"


@pytest.mark.parametrize("text", ["tviler på det", "tviler ikke på at det blir vanskelig", "ingen tvil om at jeg slutter"])
def test_doubt_kept_or_about_something_else_is_not_read_as_likely(text):
    assert match_pattern("q1", text) != "veldig_sannsynlig"


@pytest.mark.parametrize("text", [
    "om jeg skal tilbake til samme jobb vet jeg ikke",
    "om eg kjem tilbake dit, veit eg ikkje",
    "om æ kjem tebake, vett æ itj",
    "om jeg kommer tilbake er jeg usikker på",
    "hvorvidt jeg begynner igjen der vet jeg ikke helt",
])
def test_a_fronted_whether_i_return_followed_by_not_knowing_is_unsure(text):
    meaning = interpret("q1", text, {"intent_ranking": WRONG_FOR_Q1}, T)
    assert (meaning.code, meaning.source) == ("usikker", "pattern")


@pytest.mark.parametrize("text", ["hvis jeg kommer tilbake blir det i redusert stilling", "om jeg kommer tilbake? ja, det vet jeg"])
def test_a_condition_about_returning_is_no_doubt(text):
    assert match_pattern("q1", text) is None


def test_a_hedge_about_returning_is_no_answer_to_how_long():
    # "aner ikke om jeg kommer tilbake dit" is about the return: how long is the next clause's
    text = "aner ikke om jeg kommer tilbake dit. blir nok lenge"
    assert match_pattern("q3", text) is None
    p = parse(text, ranking(("usikker", 0.9), ("q3_over_26_uker", 0.1)),
              ranking(("usikker", 0.9), ("q1_lite_sannsynlig", 0.1)), ranking(("q3_over_26_uker", 0.96), ("q3_under_26_uker", 0.04)))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q3", text, p, {}, T)}
    assert carried == {"q1": "usikker", "q3": "over_26_uker"}
    # the same hedge alone, or about how long, still answers q3; "det kommer an på om …" too
    for text in ("aner ikke", "har ingen anelse om hvor lenge", "det kommer an på om jeg får begynne igjen"):
        assert match_pattern("q3", text) == "usikker", text
    assert match_pattern("q1", "aner ikke om de vil ha meg tilbake") == "usikker"
    assert match_pattern("q1", "aner ikke hvor lenge") is None  # how long: q3's own pattern reads it


@pytest.mark.parametrize("text", ["blir friskmeldt på fredag", "begynner på jobb igjen neste uke", "er tilbake på jobben over helga",
                                  "eg byrjar å jobbe att på måndag", "friskmeldt fra neste mandag", "starter opp igjen i morgen"])
def test_back_at_work_within_days_is_under_half_a_year(text):
    assert duration_answer(text) == "under_26_uker"
    meaning = interpret("q3", text, {"intent_ranking": ranking(("endret_situasjon", 0.91), ("q3_over_26_uker", 0.09))}, T)
    assert (meaning.code, meaning.action) == ("under_26_uker", "accept")


@pytest.mark.parametrize("text", ["time hos legen på fredag", "blir friskmeldt neste uke? vet ikke", "blir ikke friskmeldt på fredag",
                                  "skal snakke med sjefen neste uke"])
def test_an_appointment_or_a_doubtful_date_is_not_a_duration(text):
    assert duration_answer(text) is None


def test_over_the_weekend_is_a_time_not_more_than():
    assert duration_answer("over 26 uker") == "over_26_uker"
    assert duration_answer("er tilbake på jobben over helga") == "under_26_uker"


def test_with_no_question_open_news_of_the_job_or_the_leave_is_offered_as_a_changed_situation():
    news = interpret(None, "ble sagt opp i går", {"intent_ranking": ranking(("q1_lite_sannsynlig", 0.87), ("endret_situasjon", 0.05))}, T)
    assert (news.kind, news.code, news.action, news.offered) == ("global", "endret_situasjon", "confirm", ("endret_situasjon",))
    # not from a doubtful answer, the employer or plain doubt: those still get the receipt only
    for name in ("q2_god", "usikker", "q3_grunn_annet"):
        other = interpret(None, "...", {"intent_ranking": ranking((name, 0.9), ("out_of_scope", 0.05))}, T)
        assert other.action == "reask" and other.offered == (), name
    weak = interpret(None, "...", {"intent_ranking": ranking(("q3_under_26_uker", 0.3), ("out_of_scope", 0.25))}, T)
    assert weak.offered == ()


@pytest.mark.parametrize("text", ["absolutt ikke", "nei, definitivt ikkje!", "aldri i livet", "overhodet ikke", "på ingen måte"])
def test_a_flat_no_with_a_strong_word_is_unlikely(text):
    meaning = interpret("q1", text, {"intent_ranking": WRONG_FOR_Q1}, T)
    assert (meaning.code, meaning.source) == ("lite_sannsynlig", "pattern")


@pytest.mark.parametrize("text", ["absolutt", "ikke sikkert", "absolutt ikke umulig"])
def test_a_strong_word_alone_or_a_doubt_is_no_flat_no(text):
    assert match_pattern("q1", text) != "lite_sannsynlig"


def test_a_clause_pointing_back_speaks_of_the_clause_before_it():
    text = "Eg skal tilbake, men leiaren min er ikkje lett å samarbeide med, det er ganske vanskeleg"
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9), ("q2_vanskelig", 0.1)), ranking(("q1_veldig_sannsynlig", 1.0)),
              ranking(("q2_vanskelig", 0.55), ("q2_god", 0.4)), ranking(("q2_vanskelig", 0.98), ("q2_god", 0.02)))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)}
    assert carried == {"q1": "veldig_sannsynlig", "q2": "vanskelig"}
    # without the clause before it about the employer, "det er ganske vanskelig" is about nothing asked
    text = "Eg skal tilbake, det er ganske vanskeleg"
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9), ("q2_vanskelig", 0.1)), ranking(("q1_veldig_sannsynlig", 1.0)),
              ranking(("q2_vanskelig", 0.98), ("q2_god", 0.02)))
    assert {c.question_id for c in carried_answers("q1", text, p, {}, T)} == {"q1"}


@pytest.mark.parametrize("text", ["jeg vet ikke om jeg kommer tilbake til samme jobb", "usikker på om jeg kommer tilbake",
                                  "eg veit ikkje om eg kjem tilbake"])
def test_not_knowing_whether_one_returns_is_unsure_about_the_return(text):
    meaning = interpret("q1", text, {"intent_ranking": WRONG_FOR_Q1}, T)
    assert (meaning.code, meaning.source) == ("usikker", "pattern")
    assert match_pattern("q3", text) is None


def test_a_stated_duration_beside_not_knowing_whether_one_returns_answers_how_long():
    # the whole message reads as "usikker" (the doubt about the return colours it); its clauses
    # say how long (over half a year) and that the return is unsure
    text = "Over et halvt år. Og jeg vet ikke om jeg kommer tilbake til samme jobb."
    p = parse(text, ranking(("usikker", 0.9), ("q3_over_26_uker", 0.1)), ranking(("q3_over_26_uker", 1.0)),
              ranking(("q3_grunn_annet", 0.69), ("usikker", 0.19), ("q1_veldig_sannsynlig", 0.1)))
    reading = read_message("q3", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("over_26_uker", "accept")
    assert {c.question_id: c.meaning.code for c in reading.others} == {"q1": "usikker"}


def test_a_reason_that_speaks_of_the_employer_also_answers_q2_confirmed():
    text = "Kommer nok ikke tilbake. Det er mye styr med sjefen"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9), ("q3_grunn_annet", 0.1)), ranking(("q1_lite_sannsynlig", 1.0)),
              ranking(("q3_grunn_annet", 0.94), ("q2_vanskelig", 0.05), ("q2_god", 0.01)))
    carried = {c.question_id: c.meaning for c in carried_answers("q1", text, p, {}, T)}
    assert (carried["q2"].code, carried["q2"].action) == ("vanskelig", "confirm")
    # a reason with no word about the employer, or with next to nothing pointing at q2, is no q2 answer
    # (since session 22 "konflikt med sjefen" is read by its words: see test_reading_session22.py)
    for second, ranked in (("Det er mye usikkerhet rundt stillingen", (("q3_grunn_annet", 0.94), ("q2_vanskelig", 0.06))),
                           ("Det er mye styr med sjefen", (("q3_grunn_annet", 0.99), ("q2_vanskelig", 0.01)))):
        text = "Kommer nok ikke tilbake. " + second
        p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 1.0)), ranking(*ranked))
        assert "q2" not in {c.question_id for c in carried_answers("q1", text, p, {}, T)}, second


def test_he_or_she_after_a_clause_about_the_boss_speaks_of_the_boss():
    text = "eg har ikkje lyst tilbake til den leiaren, ho har gjort livet surt for meg"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 0.99), ("q2_vanskelig", 0.01)),
              ranking(("q2_vanskelig", 0.95), ("q2_god", 0.05)))
    assert {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)} == {"q1": "lite_sannsynlig", "q2": "vanskelig"}
    text = "eg har ikkje lyst tilbake til den jobben, ho har gjort livet surt for meg"  # no boss named before
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 0.99), ("q2_vanskelig", 0.01)),
              ranking(("q2_vanskelig", 0.95), ("q2_god", 0.05)))
    assert "q2" not in {c.question_id for c in carried_answers("q1", text, p, {}, T)}


def test_sure_of_neither_is_unsure():
    text = "Eg er verken sikker på at eg kjem tilbake eller at eg ikkje gjer det"
    assert interpret("q1", text, {"intent_ranking": WRONG_FOR_Q1}, T).code == "usikker"
    assert match_pattern("q1", "verken bra eller dårlig") is None  # that is q2's, with no "sikker"


def test_starting_part_time_soon_implies_the_return_confirmed_with_its_offer():
    text = "har allerede snakka med sjefen om å starte gradert om et par uker"
    p = {"intent_ranking": ranking(("q3_under_26_uker", 0.88), ("q1_veldig_sannsynlig", 0.03), ("q2_god", 0.03))}
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action, reading.own.offered) == ("veldig_sannsynlig", "confirm", ("veldig_sannsynlig",))
    # (since session 9 a graded start gives no length of the leave: part-time sick leave goes on)
    assert {c.question_id: c.meaning.code for c in reading.others} == {}


@pytest.mark.parametrize("text", ["har fått sparken så nei", "jeg har sagt opp", "stillingen min er lagt ned", "eg er oppsagt",
                                  "ble sagt opp i forrige uke"])
def test_a_job_that_is_gone_is_unlikely_to_go_back_to(text):
    assert interpret("q1", text, {"intent_ranking": ranking(("endret_situasjon", 0.6), ("q1_lite_sannsynlig", 0.3))}, T).code == "lite_sannsynlig"


@pytest.mark.parametrize("text", ["hvis jeg får sparken", "har fått sparken, kanskje", "sagt opp? nei", "sjefen har sagt opp to andre"])
def test_a_doubt_a_condition_or_someone_else_leaving_is_no_job_gone(text):
    assert match_pattern("q1", text) != "lite_sannsynlig"


@pytest.mark.parametrize("text", ["ikke så god ikke så dårlig", "ikkje bra, ikkje dårleg", "sjef er ok, ikke så god ikke så dårlig"])
def test_not_good_and_not_bad_is_neither(text):
    assert match_pattern("q2", text) == "verken_eller"


def test_not_knowing_the_return_and_how_long_answers_how_long_too():
    assert match_pattern("q3", "helt usikker på alt, både om jeg kommer tilbake og hvor lenge") == "usikker"


def test_dialect_weeks_count():
    assert duration_answer("tenke det bli ein tre-fire vekka te") == "under_26_uker"


def test_and_so_on_ends_a_list_and_starts_no_clause():
    from uke8.understanding.clauses import clauses
    assert clauses("det er mest økonomi og sånt som gjør det vanskelig å planlegge, sjefen er grei") == [
        "det er mest økonomi og sånt som gjør det vanskelig å planlegge", "sjefen er grei"]


def test_an_answer_not_asked_for_said_with_a_doubt_is_confirmed_not_recorded():
    text = "Økonomien, og at jeg kanskje ikke har jobb å gå tilbake til"
    p = parse(text, ranking(("q3_grunn_annet", 0.9), ("q1_lite_sannsynlig", 0.1)), ranking(("q3_grunn_annet", 1.0)),
              ranking(("q1_lite_sannsynlig", 0.95), ("usikker", 0.05)))
    carried = {c.question_id: c.meaning for c in carried_answers("q3_grunn", text, p, {"varighet": "usikker"}, T)}
    assert (carried["q1"].code, carried["q1"].action) == ("lite_sannsynlig", "confirm")


@pytest.mark.parametrize("second", ["De har forøvrig vært veldig ryddige med meg", "Vi har hatt en del krangel"])
def test_they_and_quarrels_speak_of_the_workplace(second):
    text = "Jeg kommer nok ikke tilbake. " + second
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 1.0)), ranking(("q2_god", 0.9), ("q2_vanskelig", 0.1)))
    assert "q2" in {c.question_id for c in carried_answers("q1", text, p, {}, T)}
    text = "Jeg kommer nok ikke tilbake. Det er bare sånn"  # nothing about the workplace
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 1.0)), ranking(("q2_god", 0.9), ("q2_vanskelig", 0.1)))
    assert "q2" not in {c.question_id for c in carried_answers("q1", text, p, {}, T)}


@pytest.mark.parametrize("text", ["Vet ikke om jeg klarer den jobben igjen", "Jeg ikke vet om jeg kan komme tilbake",
                                  "ærlig talt vet jeg ikke om jeg kommer tilbake", "Jeg har lyst tilbake, men vet ærlig talt ikke",
                                  "Jeg vet ikke en gang om jeg har en jobb å komme tilbake til"])
def test_more_ways_of_not_knowing_whether_one_returns(text):
    assert match_pattern("q1", text) == "usikker"


@pytest.mark.parametrize("text", ["jeg vet ikke om jeg skal til legen", "jeg vil tilbake, men vet ikke når"])
def test_not_knowing_something_else_is_no_doubt_about_the_return(text):
    assert match_pattern("q1", text) is None


def test_no_idea_about_the_return_or_how_long_answers_both():
    text = "ingen aning om jeg kommer tilbake eller hvor lenge jeg må være borte"
    assert match_pattern("q1", text) == match_pattern("q3", text) == "usikker"


def test_about_a_month_or_so_is_a_duration_and_danish_weeks_count():
    assert duration_answer("jeg skal tilbake om en måned eller så") == "under_26_uker"
    assert duration_answer("et par uger te") == "under_26_uker"
    assert duration_answer("kort eller lang tid, tre eller ni måneder") is None  # "eller" between two is still a doubt


def test_a_pictograph_ends_a_clause_and_stays_with_it():
    from uke8.understanding.clauses import clauses
    assert clauses("100% tilbake 👍 trenger bare et par uker til") == ["100% tilbake 👍", "trenger bare et par uker til"]
    assert clauses("chill, sjefen er digg 👍") == ["chill", "sjefen er digg 👍"]


@pytest.mark.parametrize("boss", ["avdelingslederen", "butikksjefen", "formannen", "bas", "manageren", "ledern"])
def test_the_boss_by_any_name_speaks_of_the_workplace(boss):
    text = f"Jeg kommer nok ikke tilbake. {boss} er en drittsekk"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("q1_lite_sannsynlig", 1.0)), ranking(("q2_vanskelig", 0.95)))
    assert "q2" in {c.question_id for c in carried_answers("q1", text, p, {}, T)}


def test_the_one_clause_about_the_open_question_decides_over_the_whole():
    # q2 open: the whole reads "vanskelig" from the job's problems; only one clause speaks of the employer
    text = "Lederen min er helt topp. Det er jobben som er problemet"
    p = parse(text, ranking(("q2_vanskelig", 0.9), ("q2_god", 0.1)), ranking(("q2_god", 0.99)), ranking(("q3_grunn_annet", 0.7), ("q1_lite_sannsynlig", 0.3)))
    reading = read_message("q2", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("god", "accept")
    # two clauses about the employer: the whole message still decides
    text = "Lederen min er helt topp. Men sjefen over henne er et problem"
    p = parse(text, ranking(("q2_vanskelig", 0.9), ("q2_god", 0.1)), ranking(("q2_god", 0.99)), ranking(("q2_vanskelig", 0.9)))
    assert read_message("q2", text, p, {}, T).own.code != "god"


@pytest.mark.parametrize("text", ["Har ikke hatt kontakt med arbeidsgiver", "Det er lite kontakt med arbeidsgiveren", "har snakket lite med leder",
                                  "sjefen og jeg har ikke snakket sammen på lenge", "helt ok, ikke noe mer", "grei nok, men ikkje noko meir"])
def test_little_contact_or_fine_but_no_more_is_neither(text):
    assert match_pattern("q2", text) == "verken_eller"


@pytest.mark.parametrize("text", ["vi har ikke snakket sammen siden, og siste samtale endte i krangel",
                                  "lite kontakt, og den kontakten vi har er sur", "vi snakkar ikkje saman lenger"])
def test_little_contact_with_a_complaint_is_left_to_the_classifier(text):
    assert match_pattern("q2", text) is None


@pytest.mark.parametrize("text", ["sjefen har ikke tatt kontakt, hun bryr seg ikke", "ingen kontakt, han svarer aldri",
                                  "sender mail og får aldri svar", "hun bryr seg null"])
def test_a_plain_complaint_is_difficult_even_beside_little_contact(text):
    assert match_pattern("q2", text) == "vanskelig"


@pytest.mark.parametrize("text", ["sjefen bryr seg om meg", "han svarer alltid fort"])
def test_caring_and_answering_are_no_complaint(text):
    assert match_pattern("q2", text) is None


def test_a_complaint_in_the_next_clause_is_not_overruled_by_little_contact():
    text = "vi har ikke snakket sammen siden jeg leverte sykmeldingen, og siste samtale endte i krangel"
    p = parse(text, ranking(("q2_vanskelig", 0.9)), ranking(("q2_vanskelig", 0.6), ("q2_verken_eller", 0.4)),
              ranking(("q3_grunn_annet", 0.9)), ranking(("q2_vanskelig", 0.95)))
    reading = read_message("q2", text, p, {}, T)
    assert reading.own.code == "vanskelig" and reading.own.source == "nlu"


def test_a_short_qualifier_settles_the_clause_before_it():
    # (the qualifier stays in the clause it qualifies: clauses.py)
    text = "Eg skal tilbake, samarbeidet med leiaren er heilt greitt, verken bra eller dårleg"
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q1_veldig_sannsynlig", 1.0)), ranking(("q2_god", 0.9)))
    carried = {c.question_id: c.meaning for c in carried_answers("q1", text, p, {}, T)}
    assert (carried["q2"].code, carried["q2"].action) == ("verken_eller", "accept")


def test_a_plain_yes_before_the_rest_is_a_clause_and_soon_back_is_a_duration():
    from uke8.understanding.clauses import clauses
    assert clauses("Ja. To uker til så er jeg på plass") == ["Ja", "To uker til så er jeg på plass"]
    assert duration_answer("jeg er snart tilbake") == duration_answer("kommer snart tilbake") == "under_26_uker"
    assert duration_answer("blir ikke snart tilbake") is None


def test_how_long_something_has_lasted_is_not_the_leave_to_come():
    assert duration_answer("teamlederen har mobbet meg i over et år") is None
    assert duration_answer("har hatt vondt i to år") is None
    assert duration_answer("har fått sykmelding i tre uker til") == "under_26_uker"
    assert duration_answer("har vært sykmeldt i åtte uker, tror det blir et år til") == "over_26_uker"


def test_a_hedge_later_in_a_message_is_about_what_came_before_it():
    # q1 open: "det kommer an på …" follows "aner ikke hvor lenge"; it says nothing of the return
    text = "kommer tilbake. lederen er super. aner ikke hvor lenge, det kommer an på hvordan hodet mitt er"
    p = parse(text, ranking(("usikker", 0.9), ("q1_veldig_sannsynlig", 0.1)), ranking(("q1_veldig_sannsynlig", 0.95)),
              ranking(("q2_god", 0.95)), ranking(("usikker", 0.9)), ranking(("usikker", 0.5), ("q3_grunn_annet", 0.5)))
    reading = read_message("q1", text, p, {}, T)
    assert not (reading.own.code == "usikker" and reading.own.action == "accept")


def test_a_clause_about_how_long_something_has_gone_on_answers_no_duration():
    text = "nei. orker ikke mer av den plassen. teamlederen har mobbet meg i over et år"
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.9)), ranking(("nei", 0.97)), ranking(("q1_lite_sannsynlig", 0.87)),
              ranking(("q3_over_26_uker", 0.88), ("q2_vanskelig", 0.11)))
    assert "q3" not in {c.question_id for c in carried_answers("q1", text, p, {}, T)}
