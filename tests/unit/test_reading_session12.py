"""Readings added in session 12 (issue 13), each found in the recorded-wrong lines of a blind
combined set after its figure was taken (tests/nlu_eval/README.md): hope, then doubt ("men om
det går er usikkert", a condition or what it depends on after "men", after a correction), a
return under a condition or after a concession, the return put in doubt in words, the question
put back mid-message, "verken … eller" that is no middle answer, strong words beside little
contact, a dated event and how long a treatment takes as no length of leave, and a reason about
the job. Terse writers, typos and what is not to be taken are in test_reading_session12_terse.py.
The examples are worded anew, not copied from the sets. Rankings are synthetic, so a pass means
the rule decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from uke8.understanding.clause_signals import DOUBT_OBJECT, EVENT_DATE, put_back_topic
from uke8.understanding.reading import read_message
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern


def _folded(text: str) -> str:
    return fold(normalise(text))


def _taken(reading) -> dict[str, tuple[str, str]]:
    out = {c.slot: (c.meaning.code, c.meaning.action) for c in reading.others}
    if reading.own.kind == "answer":
        out["own"] = (reading.own.code, reading.own.action)
    return out


@pytest.mark.parametrize("text, code", [
    # a list of people after "verken" is no verdict of the middle
    ("Har aldri hatt noe problem med verken lederen eller HR", None),
    ("eg har ikkje hatt trøbbel med korkje sjefen eller kollegaene", None),
    ("verken sjefen eller personalavdelingen har ringt", None),
    ("hverken med min leder eller med kollegaene", None),
    # the middle, said outright, still is
    ("verken godt eller dårlig", "verken_eller"),
    ("korkje bra eller dårleg med sjefen", "verken_eller"),
    ("Samarbeidet er hverken spesielt bra eller dårlig", "verken_eller"),
])
def test_neither_nor_over_a_list_of_people_is_no_middle_answer(text, code):
    assert match_pattern("q2", text) == code


@pytest.mark.parametrize("text", [
    "Heilt ræva. Har ikkje snakka med sjefen på ein månad",
    "Elendig, vi har ikke hatt kontakt siden jul",
    "Helt håpløst, null kontakt",
    "dritt. har ikke pratet med lederen siden mai",
])
def test_strong_words_of_complaint_beside_little_contact_are_no_middle(text):
    assert match_pattern("q2", text) != "verken_eller"


@pytest.mark.parametrize("text", ["Har ikke snakket med sjefen på to måneder", "lite kontakt med lederen i det siste"])
def test_little_contact_alone_is_still_the_middle(text):
    assert match_pattern("q2", text) == "verken_eller"


@pytest.mark.parametrize("text, code", [
    ("Om jeg kommer tilbake til samme jobb er likevel usikkert", "usikker"),
    ("Om eg kjem tilbake i same stilling er framleis uvisst", "usikker"),
    ("om jeg kommer tilbake blir nok uklart en stund", "usikker"),
    ("Tilbake i jobben blir jeg neppe", "lite_sannsynlig"),
    ("Tilbake dit kommer jeg neppe", "lite_sannsynlig"),
    ("tilbake blir jeg nok ikke før i mars", None),  # when, not whether
])
def test_fronted_return_doubts_and_denials(text, code):
    assert match_pattern("q1", text) == code


@pytest.mark.parametrize("text, own_object", [
    ("men om det går er verkeleg usikkert", False), ("men om det blir sånn vet jeg ikke", False),
    ("men vet ikke om jeg orker vaskinga i lengden", True), ("usikker på om det holder", False),
])
def test_a_doubt_about_it_points_back(text, own_object):
    assert bool(DOUBT_OBJECT.search(_folded(text))) is own_object


def test_a_doubt_about_it_takes_back_the_hope_just_given():
    text = "Hvor lenge vet jeg ikke, venter på time hos spesialist. Jeg håper å komme tilbake, men om det går er veldig usikkert."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.6)), ranking(("q3_grunn_behandling", 0.99)),
              ranking(("q1_veldig_sannsynlig", 0.98)), ranking(("usikker", 0.97)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"][0] == "usikker"
    assert taken["varighet"] == ("usikker", "accept")


@pytest.mark.parametrize("text, topic", [
    ("Tilbake i samme jobb?", "q1"), ("Hvor lenge?", "q3"), ("Sannsynlig?", "q1"), ("Kommer jeg tilbake?", "q1"),
    ("Sjefen er grei.", None), ("Forholdet til sjefen?", None),
])
def test_the_topic_of_a_question_put_back(text, topic):
    assert put_back_topic(_folded(text)) == topic


def test_the_question_put_back_in_the_middle_is_answered_by_the_clause_after_it():
    text = "Om et par måneder er jeg nok frisk. Tilbake i samme jobb? Det avhenger av om de kan gi meg lettere oppgaver."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), ranking(("q3_under_26_uker", 0.9)),
              ranking(("q1_veldig_sannsynlig", 0.98)), ranking(("q3_grunn_annet", 0.99)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"] == ("usikker", "accept")
    assert taken.get("varighet", ("under_26_uker",))[0] == "under_26_uker"


def test_a_question_put_back_is_not_answered_by_a_clause_about_something_else():
    text = "Hvor lenge? Sjefen har vært grei hele veien."
    p = parse(text, ranking(("q2_god", 0.9)), ranking(("q3_over_26_uker", 0.5)), ranking(("q2_god", 0.97)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert "varighet" not in taken


@pytest.mark.parametrize("text, dated", [
    ("operasjonen er neste måned", True), ("skal til MR i neste uke", True), ("kontroll denne uka", True),
    ("trenger nok to måneder til", False), ("borte i mange uker", False),
])
def test_a_date_of_an_event(text, dated):
    assert bool(EVENT_DATE.search(_folded(text))) is dated


def test_a_doubt_that_depends_on_a_dated_operation_answers_the_question_asked():
    text = "Det er usikkert, avhenger av hvordan det går med operasjonen neste måned. Sjefen er grei."
    p = parse(text, ranking(("q3_grunn_behandling", 0.4), ("q2_god", 0.3), ("usikker", 0.1)), ranking(("usikker", 0.98)),
              ranking(("q3_grunn_behandling", 0.9)), ranking(("q2_god", 0.96)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"] == ("usikker", "accept")
    assert "varighet" not in taken


def test_a_reason_about_the_job_is_only_confirmed_as_the_reason_for_not_knowing_how_long():
    text = "Det kommer an på om de finner en annen stilling til meg. Jeg vet ikke hvor lenge jeg blir sykmeldt."
    p = parse(text, ranking(("q3_grunn_annet", 0.6), ("usikker", 0.38)), ranking(("q3_grunn_annet", 0.97)), ranking(("usikker", 0.7)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"] == ("usikker", "accept")
    assert taken["varighet"] == ("usikker", "accept")
    assert taken.get("varighet_usikker_grunn", ("annet", "confirm")) == ("annet", "confirm")


def test_a_fronted_doubt_after_men_takes_back_the_hope():
    text = "Lederen vil ha meg tilbake, og jeg vil også, men om jeg tåler kveldsvaktene er et stort spørsmålstegn."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q1_veldig_sannsynlig", 0.6)), ranking(("q1_veldig_sannsynlig", 0.3)),
              ranking(("q3_grunn_annet", 0.4), ("usikker", 0.2)))
    own = read_message("q1", text, p, {}, T).own
    assert own.code == "usikker" or own.action == "choose" and "usikker" in own.offered


@pytest.mark.parametrize("tail", ["men om det skjer avhenger av om kneet blir bra", "men det kommer an på hvordan hodet blir",
                                  "men det kmr helt an på om de kan gi meg andre oppgaver"])
def test_what_it_depends_on_after_men_takes_back_the_hope(tail):
    text = f"Sjefen er grei og jeg vil gjerne tilbake, {tail}."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), ranking(("q2_god", 0.97)), ranking(("q1_veldig_sannsynlig", 0.98)),
              ranking(("q3_grunn_annet", 0.9)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"][0] == "usikker" or taken["own"][1] == "choose"
    assert taken["own"] != ("veldig_sannsynlig", "accept")


def test_a_correction_then_what_it_depends_on_takes_back_the_return():
    text = "Ja, jeg skal tilbake, eller, jeg håper det i alle fall, det avhenger av om de kan tilrettelegge."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("ja", 0.99)), ranking(("q1_veldig_sannsynlig", 1.0)),
              ranking(("q2_verken_eller", 0.9)), ranking(("q3_over_26_uker", 0.5)), ranking(("q3_grunn_annet", 0.9)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken["own"] != ("veldig_sannsynlig", "accept")
    assert "varighet" not in taken


@pytest.mark.parametrize("text", [
    "Det er vanskelig å si. Det kommer an på hvordan skulderen svarer på opptreningen. Sjefen er grei, men har dårlig tid.",
    "Det kommer an på operasjonen i mars. Går den bra, kommer jeg tilbake.",
])
def test_what_the_return_depends_on_is_no_reason_for_not_knowing_how_long(text):
    from uke8.understanding.clauses import clause_spans
    n = len(clause_spans(text))
    rankings = [ranking(("q3_grunn_behandling", 0.9))] + [ranking(("q2_god", 0.6))] * (n - 1)
    p = parse(text, ranking(("q3_grunn_behandling", 0.6), ("usikker", 0.3)), *rankings)
    taken = _taken(read_message("q1", text, p, {}, T))
    assert "varighet" not in taken and "varighet_usikker_grunn" not in taken


@pytest.mark.parametrize("text, about_time", [("hun har dårlig tid", False), ("lite tid til prat", False), ("trenger litt tid", True)])
def test_being_busy_is_no_word_of_time(text, about_time):
    from uke8.understanding.clause_signals import ABOUT_TIME
    assert bool(ABOUT_TIME.search(_folded(text))) is about_time


@pytest.mark.parametrize("text, doubt", [("men det er ikke sikkert", True), ("vil tilbake men vet ik om det går", True), ("det er sikkert", False)])
def test_words_of_doubt(text, doubt):
    from uke8.understanding.clause_signals import BARE_DOUBT
    assert bool(BARE_DOUBT.search(_folded(text))) is doubt


@pytest.mark.parametrize("text", ["Vi snakker ikke samme språk lenger. Hver samtale ender med at jeg gråter.",
                                  "vi snakkar ikkje same språk, og eg gret etter kvart møte"])
def test_not_speaking_the_same_language_is_no_little_contact(text):
    assert match_pattern("q2", text) != "verken_eller"


@pytest.mark.parametrize("tail", ["men bare hvis de flytter meg til en annen avdeling", "men så lenge smertene er som nå, ser jeg det ikke for meg",
                                  "men det står og faller på om kneet tåler det"])
def test_a_condition_after_men_takes_back_the_hope(tail):
    text = f"Jeg vil gjerne tilbake, {tail}."
    from uke8.understanding.clauses import clause_spans
    n = len(clause_spans(text))
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), *[ranking(("q1_veldig_sannsynlig", 0.97))] + [ranking(("q3_grunn_annet", 0.6))] * (n - 1))
    own = read_message("q1", text, p, {}, T).own
    assert (own.code, own.action) != ("veldig_sannsynlig", "accept")


def test_without_that_i_do_not_know_takes_back_a_conditional_return():
    text = "Så lenge jeg får jobbe redusert, kommer jeg tilbake. Uten det vet jeg ikke."
    from uke8.understanding.clauses import clause_spans
    n = len(clause_spans(text))
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), *[ranking(("q1_veldig_sannsynlig", 0.97))] * (n - 1) + [ranking(("usikker", 0.9))])
    own = read_message("q1", text, p, {}, T).own
    assert (own.code, own.action) != ("veldig_sannsynlig", "accept")


@pytest.mark.parametrize("text, code", [
    ("Det er nesten helt sikkert at jeg ikke kommer tilbake", "lite_sannsynlig"),
    ("det er klart at eg ikkje kjem tilbake dit", "lite_sannsynlig"),
    ("det er ikke sikkert at jeg ikke kommer tilbake", None),
])
def test_sure_of_not_going_back(text, code):
    assert match_pattern("q1", text) == code


def test_a_correction_after_men_nei_stands_over_a_pattern():
    text = "Først tenkte jeg middels, men nei, det er faktisk bra."
    p = parse(text, ranking(("q2_god", 0.75), ("q2_verken_eller", 0.2)), ranking(("q2_verken_eller", 0.8)), ranking(("nei", 0.99)),
              ranking(("q2_god", 0.9)))
    own = read_message("q2", text, p, {}, T).own
    assert (own.code, own.action) == ("god", "accept")


@pytest.mark.parametrize("text", ["Problemet er ikke sjefen", "problemet e ikkje leiaren", "problemet ligger ikke hos lederen"])
def test_the_boss_named_as_not_the_problem(text):
    from uke8.understanding.clause_signals import NOT_THE_PROBLEM
    assert NOT_THE_PROBLEM.search(_folded(text))


def test_a_reason_given_as_the_answer_to_q3_grunn_is_its_answer():
    text = "At jeg ikke vet om jeg har en jobb å komme tilbake til. Så det er lite sannsynlig at jeg kommer tilbake."
    p = parse(text, ranking(("q3_grunn_annet", 0.99)), ranking(("q3_grunn_annet", 0.8)), ranking(("q1_lite_sannsynlig", 0.99)))
    taken = _taken(read_message("q3_grunn", text, p, {"varighet": "usikker"}, T))
    assert taken.get("retur", ("lite_sannsynlig",))[0] == "lite_sannsynlig"
    assert taken["own"][0] == "annet"


@pytest.mark.parametrize("text, expected", [
    ("men det står og faller på om ryggen holder", ["men det står og faller på om ryggen holder"]),
    ("alt sto og falt med lederen", ["alt sto og falt med lederen"]),
])
def test_stands_and_falls_is_one_expression(text, expected):
    from uke8.understanding.clauses import clauses
    assert clauses(text) == expected


@pytest.mark.parametrize("text, code", [
    ("Samarbeidet med arbeidsgiveren er litt opp og ned", "verken_eller"),
    ("forholdet til sjefen har vært opp og ned", "verken_eller"),
    ("formen min er opp og ned og sjefen er grei", None),
])
def test_up_and_down_said_of_the_collaboration(text, code):
    assert match_pattern("q2", text) == code


def test_neither_knowing_how_long_nor_whether_is_no_middle_answer():
    assert match_pattern("q2", "Før det veit eg korkje kor lenge eg blir sjukmeld eller om eg kan gå tilbake") is None
    assert match_pattern("q2", "verken om jeg kommer tilbake eller når") is None


@pytest.mark.parametrize("text", ["men han er heller ikke ubehagelig", "dei er ikkje uhyggelege"])
def test_not_unpleasant_is_no_complaint(text):
    from uke8.understanding.clause_signals import NOT_A_COMPLAINT
    assert NOT_A_COMPLAINT.search(_folded(text))


def test_forresten_after_the_verb_is_an_aside_inside_the_clause():
    from uke8.understanding.clauses import clauses
    assert clauses("Forholdet til sjefen er forresten sånn passe, han har ikke ringt") == [
        "Forholdet til sjefen er forresten sånn passe", "han har ikke ringt"]


def test_a_concession_before_the_verdict_is_no_answer():
    text = "Selv om jeg helst vil tilbake, tror jeg ikke det går. Legen sier kneet ikke tåler det."
    p = parse(text, ranking(("q2_verken_eller", 0.8), ("q1_veldig_sannsynlig", 0.05), ("q1_lite_sannsynlig", 0.04)),
              ranking(("q1_veldig_sannsynlig", 0.91), ("q1_lite_sannsynlig", 0.06)), ranking(("q3_grunn_behandling", 0.64)))
    own = read_message("q1", text, p, {}, T).own
    assert (own.code, own.action) != ("veldig_sannsynlig", "accept")


@pytest.mark.parametrize("text, code", [
    ("Hvis operasjonen går som den skal, regner jeg med å komme tilbake", "usikker"),
    ("Dersom ryggen blir bra, kjem eg tilbake", "usikker"),
    ("hvis du lurer, kommer jeg tilbake helt sikkert", None),
])
def test_a_return_under_a_condition_is_unsure(text, code):
    assert match_pattern("q1", text) == code


def test_a_return_under_a_condition_in_a_clause_of_its_own_is_not_recorded_at_once():
    text = "Sjefen er grei. Hvis operasjonen går bra, kommer jeg tilbake."
    p = parse(text, ranking(("q2_god", 0.9)), ranking(("q2_god", 0.99)), ranking(("q1_veldig_sannsynlig", 0.99)))
    reading = read_message("q2", text, p, {}, T)
    assert all(not (c.slot == "retur" and c.meaning.action == "accept" and c.meaning.code == "veldig_sannsynlig") for c in reading.others)


@pytest.mark.parametrize("text, aside", [("nei, mer enn det", True), ("mye bedre enn det", True), ("mer enn et halvt år", False)])
def test_a_comparison_with_what_came_before_answers_nothing_new(text, aside):
    from uke8.understanding.clause_signals import AGREES
    assert bool(AGREES.match(_folded(text))) is aside


@pytest.mark.parametrize("text", ["men kommer an på det", "men avhenger av spesialisten"])
def test_what_it_depends_on_without_a_subject_takes_back_the_hope(text):
    from uke8.understanding.clause_signals import FRONTED_DOUBT
    assert FRONTED_DOUBT.match(_folded(text))


def test_how_long_a_treatment_takes_as_what_the_return_depends_on_is_only_confirmed_as_the_length():
    text = "Det er usikkert. Det kommer an på hvor lang tid rehabiliteringen tar."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.98)), ranking(("q3_grunn_behandling", 0.75), ("q3_over_26_uker", 0.16)))
    reading = read_message("q1", text, p, {}, T)
    assert reading.own.code == "usikker"
    assert all(c.meaning.action != "accept" for c in reading.others if c.slot == "varighet")


@pytest.mark.parametrize("text, code", [
    ("Noen uker går bra", None), ("kan bli alt fra noen uker til mange måneder", None), ("mobba av leder i 2 år, orker ikke mer", None),
    ("et par uker er nok", "under_26_uker"),
])
def test_weeks_described_a_range_and_time_gone_by_are_no_length(text, code):
    from uke8.understanding.duration import duration_answer
    assert duration_answer(text) == code


@pytest.mark.parametrize("text", ["sjefen har vore lite forståingsfull", "de har vært svært lite forståelsesfulle", "lite hjelpsom leder"])
def test_little_of_a_good_thing_is_a_complaint(text):
    assert match_pattern("q2", text) == "vanskelig"


@pytest.mark.parametrize("text, doubt", [("men kan ikke love noe", True), ("lover ingenting", True), ("jeg lover å komme", False)])
def test_no_promise_is_a_doubt(text, doubt):
    from uke8.understanding.clause_signals import BARE_DOUBT
    assert bool(BARE_DOUBT.search(_folded(text))) is doubt


def test_being_honest_corrects_what_came_before():
    from uke8.understanding.clause_signals import CORRECTION
    assert CORRECTION.match(_folded("jeg skal være ærlig: det er vanskelig mellom oss"))
    assert CORRECTION.match(_folded("for å være ærlig, ikke så bra"))


def test_a_doubt_that_points_back_at_how_long_answers_how_long():
    from uke8.understanding.clause_owner import shared_owner
    assert shared_owner("så det vet jeg ikke", "q1", set(), False, after="q3") == "q3"
    assert shared_owner("så det vet jeg ikke", "q1", set(), False) == "q1"


def test_kommer_ann_paa_is_what_it_depends_on():
    from uke8.understanding.clause_signals import DEPENDS_ON
    assert DEPENDS_ON.search(_folded("kommer ann på hvordan operasjonen går"))


def test_a_sure_other_reason_where_the_words_only_name_a_treatment_is_offered_both_ways():
    text = "Jeg vet ikke hva skanningen viser. Det avgjør alt."
    p = parse(text, ranking(("q3_grunn_annet", 0.93)), ranking(("q3_grunn_annet", 0.9)), ranking(("q3_grunn_annet", 0.6)))
    own = read_message("q3_grunn", text, p, {"varighet": "usikker"}, T).own
    assert own.action == "choose" and set(own.offered) == {"behandling", "annet"}
