"""Readings by the words added in session 8 (issue 13), each found in the misses of a combined
set after its blind figure was taken: the whole leave from a named start and end, how long so
far plus how much more, a denied return put first, done with the job, hard to work with, little
contact in more words, fixed expressions and qualifiers that stay in their clause, and a plain
first answer over a doubtful later clause. Rankings are synthetic and confidently wrong, so a
pass means the words decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

import pytest

from tests.unit.test_combined import T, parse, ranking
from uke8.understanding.clauses import clauses
from uke8.understanding.combined import carried_answers
from uke8.understanding.reading import read_message
from uke8.understanding.duration import duration_answer, whole_leave_answer
from uke8.understanding.leave_span import total_weeks
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern


def weeks(text: str) -> float | None:
    return total_weeks(fold(normalise(text)))


@pytest.mark.parametrize("text, code", [
    ("Har vært borte siden nyttår og legen tror jeg er klar i løpet av mars", "under_26_uker"),
    ("skal bare være borte til over jul, ble sykmeldt i midten av november", "under_26_uker"),
    ("Jeg har vært sykmeldt siden januar og regner med å være tilbake i mars.", "under_26_uker"),
    ("Siden jeg ble sykmeldt i august, tror jeg det blir til 1. desember.", "under_26_uker"),
    ("Doktor sier jeg er syk ut året, og nå er det april.", "over_26_uker"),
    ("sykmeldt fra februar, tilbake i oktober", "over_26_uker"),
    ("Jeg har vært sykmeldt i fem måneder allerede og legen mener det trengs minst tre måneder til.", "over_26_uker"),
    ("har vært sykmeldt i tre uker, trenger to uker til", "under_26_uker"),
])
def test_the_whole_leave_from_its_start_and_end_or_so_far_and_more(text, code):
    assert duration_answer(text) == whole_leave_answer(text) == code


@pytest.mark.parametrize("text", [
    "sykmeldt i mars, tilbake i mars",  # the same month twice says nothing
    "tilbake i mars",  # no start: left to the classifier and its confirmation
    "har vært sykmeldt i to uker",  # only how long so far
    "har mobbet meg i over et år",
    "sykmeldt siden mai og tilbake i desember",  # seven months in all: between the bands
])
def test_no_whole_leave_without_both_ends(text):
    assert whole_leave_answer(text) is None


def test_the_span_counts_months_across_new_year():
    assert weeks("sykmeldt i november, tilbake i februar") == pytest.approx(3 * 4.35)


def test_over_jul_is_a_time_not_more_than():
    assert duration_answer("ble sykmeldt i oktober, borte til over jul") == "under_26_uker"
    assert duration_answer("over 26 uker") == "over_26_uker"


@pytest.mark.parametrize("text, code", [
    ("Jeg regner med å være tilbake etter et par uker til", "under_26_uker"),
    ("frisk etter tre måneder", "under_26_uker"),
    ("et halvt år eller mer", "over_26_uker"),
    ("Jeg trenger kanskje tre uker til, ikke mer.", "under_26_uker"),
    ("sykmeldt i februar, berre ut våren", "under_26_uker"),
])
def test_after_a_return_and_or_more(text, code):
    assert duration_answer(text) == code


def test_etter_alone_is_still_the_past():
    assert duration_answer("etter ti år i firmaet") is None


@pytest.mark.parametrize("question, text, code", [
    ("q1", "Men tilbake til busselskapet kjem æ ikkje", "lite_sannsynlig"),
    ("q1", "eg e ferdig der", "lite_sannsynlig"),
    ("q1", "Jeg finner ny jobb etterpå.", "lite_sannsynlig"),
    ("q1", "bas har kasta meg ut", "lite_sannsynlig"),
    ("q1", "Det e usikkert om eg har noen jobb å komme tilbake te", "usikker"),
    ("q1", "jeg vill gjerne tilbake men vet ikke om dem vil ha meg", "usikker"),
    ("q1", "Det er vanskeleg å seie om eg kjem tilbake til same stilling", "usikker"),
    ("q1", "Om jeg kommer tilbake er også usikkert.", "usikker"),
    ("q1", "Det er vanskeleg å seie no, det kjem an på korleis hjartet held seg.", "usikker"),
    ("q2", "Sjefen var umogleg å samarbeide med.", "vanskelig"),
    ("q2", "Sjefen og jeg har aldri gått godt sammen.", "vanskelig"),
    ("q2", "Bassen og æ har aldri kommi overens", "vanskelig"),
    ("q2", "Formannen og æ har itj vært på talefot på fleire år", "vanskelig"),
    ("q2", "Butikksjefen og jeg får ikke til å samarbeide.", "vanskelig"),
    ("q2", "Samarbeidet med rektor har vore tungt lenge", "vanskelig"),
    ("q2", "Formannen og eg har eit greitt forhold, ikkje meir enn det.", "verken_eller"),
    ("q2", "Relasjonen til sjefen er helt nøytral", "verken_eller"),
    ("q2", "Leder er ok, ikke så mye prat, bare ok.", "verken_eller"),
    ("q2", "me har ikkje så my kontakt", "verken_eller"),
    ("q2", "etter det har jeg ikke hatt noe særlig kontakt med ledelsen", "verken_eller"),
    ("q2", "Jeg synes det er vanskelig å svare på. Vi har hatt lite kontakt", "verken_eller"),
    ("q2", "sjefen e sånn passe egt ikke noe spes", "verken_eller"),
    ("q2", "det er sånn middels", "verken_eller"),
    ("q2", "Normal. Ikke venner, ikke fiender.", "verken_eller"),
    ("q2", "so-so", "verken_eller"),
    ("q2", "Ikkje god", "vanskelig"),
    ("q2", "nei, ikkje noko bra", "vanskelig"),
    ("q2", "Sjef og meg, vi har problem.", "vanskelig"),
    ("q2", "det er problemer med sjefen", "vanskelig"),
    ("q2", "Sjef ringer ikke så mye, det går greit", "verken_eller"),
    ("q2", "Sjefen er ok, ikke noe spesielt", "verken_eller"),
    ("q2", "Samarbeid m/ sjef: 5 av 10, verken bra el. dårlig.", "verken_eller"),
    ("q1", "Om eg kjem tilbake? Det veit eg ærleg talt ikkje.", "usikker"),
    ("q3", "eg trur ikkje det blir før om eit halvt år eller meir", "over_26_uker"),
    ("q3", "heller ikkje kor lenge eg blir sjukmeld", "usikker"),
    ("q3", "Det heng saman med at eg ikkje veit kor lenge eg treng å vere sjukmeld", "usikker"),
])
def test_plain_words_decide(question, text, code):
    assert match_pattern(question, text) == code


@pytest.mark.parametrize("question, text", [
    ("q1", "tilbake kommer jeg ikke før i mars"),  # when, not whether
    ("q1", "kanskje jeg finner ny jobb"),  # a doubt leaves it open
    ("q1", "om de finner ei anna stilling til meg, er det fint"),
    ("q1", "fått ny stilling i samme firma"),
    ("q2", "ikke vanskelig å samarbeide med"),
    ("q2", "samarbeidet har ikke vært tungt"),
    ("q2", "vi har ikke kommet sammen for et møte"),
    ("q2", "god kontakt med sjefen"),
    ("q2", "Eg har aldri hatt problem med arbeidsgjevaren min"),
    ("q2", "ingen problemer med sjefen"),
    ("q2", "vi har ingen problem"),
    ("q1", "vanskelig å si hvor lenge"),  # about how long, not the return
])
def test_near_misses_are_left_to_the_classifier(question, text):
    assert match_pattern(question, text) is None


@pytest.mark.parametrize("text, expected", [
    ("Avdelingslederen og jeg har ikke så mye med hverandre å gjøre", ["Avdelingslederen og jeg har ikke så mye med hverandre å gjøre"]),
    ("de på jobben og jeg har et dårlig forhold. tror ikke jeg kommer tilbake",
     ["de på jobben og jeg har et dårlig forhold", "tror ikke jeg kommer tilbake"]),
    ("eg veit rett og slett ikkje", ["eg veit rett og slett ikkje"]),
    ("Min gamle sjef var helt ok, ikke noe mer å si om det", ["Min gamle sjef var helt ok, ikke noe mer å si om det"]),
    ("Bas er ok, ikke venn, ikke problem. Trenger en måned.", ["Bas er ok, ikke venn, ikke problem", "Trenger en måned"]),
    # (a label is ranked apart from its answer since session 9; combined.pieces puts it back)
    ("Retur: lite sannsynlig. Varighet: ca 2 mnd totalt.", ["lite sannsynlig", "ca 2 mnd totalt"]),
    ("Sjefen er grei. Om eg kjem tilbake? Det veit eg ikkje.", ["Sjefen er grei", "Om eg kjem tilbake? Det veit eg ikkje"]),
    ("Jeg er sykmeldt siden januar og tilbake i mars", ["Jeg er sykmeldt siden januar", "tilbake i mars"]),
    ("Om jeg kommer tilbake til samme jobb vet jeg ikke, og samarbeidet har vært tungt",
     ["Om jeg kommer tilbake til samme jobb vet jeg ikke", "samarbeidet har vært tungt"]),
])
def test_subjects_expressions_and_qualifiers_stay_in_one_clause(text, expected):
    assert clauses(text) == expected


def test_a_start_and_an_end_in_two_clauses_answer_how_long():
    text = "Jeg kommer helt sikkert tilbake. Har vært sykmeldt siden januar og regner med å være tilbake i mars."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q1_veldig_sannsynlig", 0.99)),
              ranking(("q3_over_26_uker", 0.9)), ranking(("q3_over_26_uker", 0.9)))
    carried = {c.question_id: c.meaning for c in carried_answers("q1", text, p, {}, T)}
    assert (carried["q3"].code, carried["q3"].action) == ("under_26_uker", "accept")


def test_a_plain_first_answer_outweighs_a_doubtful_later_clause():
    text = "Dårlig. Han har sagt at jeg er sløv. Jeg tror jeg må være sykmeldt lenge, minst ett år."
    p = parse(text, ranking(("q3_over_26_uker", 0.9), ("q2_vanskelig", 0.1)), ranking(("q2_vanskelig", 0.99)),
              ranking(("q2_god", 0.7), ("q2_vanskelig", 0.2), ("out_of_scope", 0.1)),
              ranking(("q3_over_26_uker", 0.6), ("q3_under_26_uker", 0.4)), ranking(("q3_over_26_uker", 1.0)))
    reading = read_message("q2", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("vanskelig", "accept")


def test_we_after_the_boss_speaks_of_the_employer():
    text = "sjefen e helt ok, vi snakker ikke så mye sammen"
    p = parse(text, ranking(("q2_god", 0.5), ("q2_verken_eller", 0.5)), ranking(("q2_god", 0.5), ("q2_verken_eller", 0.5)),
              ranking(("q2_vanskelig", 0.9)))
    carried = {c.question_id: c.meaning for c in carried_answers("q1", text, p, {}, T)}
    assert (carried["q2"].code, carried["q2"].action) == ("verken_eller", "accept")


@pytest.mark.parametrize("clause, expected", [
    ("Retur: ja", ("q1", "ja")),
    ("Samarbeid m/ sjef: 5 av 10, verken bra el. dårlig", ("q2", "5 av 10, verken bra el. dårlig")),
    ("Tid: 6 uker totalt", ("q3", "6 uker totalt")),
    ("Grunn: ingen spesiell", ("q3_grunn", "ingen spesiell")),
    ("klokka: 10", None),  # a label about no question
    ("jobben og sjefen: helt ok", None),  # a label about two
])
def test_a_label_names_the_question_its_answer_is_for(clause, expected):
    from uke8.understanding.clause_subjects import labelled
    assert labelled(clause) == expected


def test_labelled_answers_are_taken_for_their_questions():
    text = "Samarbeid: bra, 8 av 10. Retur: ja, nesten sikkert. Tid: 6 uker totalt."
    assert clauses(text) == ["bra", "ja", "nesten sikkert", "6 uker totalt"]  # ("8 av 10": too few letters; labels: test_reading_session9)
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.4), ("q2_god", 0.3), ("q3_under_26_uker", 0.3)),
              ranking(("q2_god", 0.99)), ranking(("ja", 0.98)),
              ranking(("q1_veldig_sannsynlig", 0.6), ("q3_under_26_uker", 0.4)), ranking(("q3_under_26_uker", 0.9)))
    reading = read_message("q2", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("god", "accept")
    assert {c.question_id: (c.meaning.code, c.meaning.action) for c in reading.others} == {
        "q1": ("veldig_sannsynlig", "accept"), "q3": ("under_26_uker", "accept")}


def test_the_question_put_back_answers_nothing():
    text = "Kommer jeg tilbake? Kanskje, kanskje ikke. Borte en måned til."
    assert clauses(text) == ["Kommer jeg tilbake", "Kanskje", "kanskje ikke", "Borte en måned til"]
    p = parse(text, ranking(("usikker", 0.6), ("q3_under_26_uker", 0.4)), ranking(("q1_veldig_sannsynlig", 0.99)),
              ranking(("usikker", 0.9)), ranking(("usikker", 0.9)), ranking(("q3_under_26_uker", 0.95)))
    carried = {c.question_id: c.meaning for c in carried_answers("q2", text, p, {}, T)}
    assert "q1" not in carried or carried["q1"].code == "usikker"


@pytest.mark.parametrize("clause", ["Jeg har vært lærer ved denne skolen i elleve år", "Jeg jobbe på restaurant fire år"])
def test_years_at_a_job_are_no_leave(clause):
    text = f"{clause}. Jeg kommer tilbake."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9)), ranking(("q3_over_26_uker", 0.99)), ranking(("q1_veldig_sannsynlig", 0.99)))
    assert "q3" not in {c.question_id for c in carried_answers("q1", text, p, {}, T)}


def test_a_long_message_is_still_read_clause_by_clause():
    text = "Hei. Jeg svarer nå. Jeg kommer tilbake. Sjefen er grei. Trenger to uker til. Takk. Ha det."
    assert len(clauses(text)) == 7
    assert clauses("verken bra el. dårlig, ca. 2 mnd") == ["verken bra el. dårlig", "ca. 2 mnd"]


def test_a_plain_answer_to_another_question_stands_beside_a_weak_offer():
    text = "æ kjæm tebake itj no problem sjefen e kjempegrei"
    p = {"intent_ranking": ranking(("q2_god", 0.88), ("q1_veldig_sannsynlig", 0.05), ("q1_lite_sannsynlig", 0.04),
                                   ("q2_vanskelig", 0.03))}
    reading = read_message("q1", text, p, {}, T)
    assert reading.own.action == "choose"
    # since session 10 an answer to a question not asked needs 0.95 from the classifier alone to be
    # recorded (combined.UNASKED_ACCEPT); at 0.88 it would be confirmed, and beside an offer a
    # confirmation waits: q2 is asked in its turn
    assert reading.others == ()
    p = {"intent_ranking": ranking(("q2_god", 0.955), ("q1_veldig_sannsynlig", 0.02), ("q1_lite_sannsynlig", 0.02),
                                   ("q2_vanskelig", 0.005))}
    assert [(c.question_id, c.meaning.code, c.meaning.action) for c in read_message("q1", text, p, {}, T).others] == [
        ("q2", "god", "accept")]


def test_a_subject_pair_before_a_comma_stays_with_what_is_said_of_it():
    assert clauses("Sjef og jeg, vi snakker ikke mye, det er ok, ikke bra ikke dårlig.") == [
        "Sjef og jeg, vi snakker ikke mye", "det er ok, ikke bra ikke dårlig"]


@pytest.mark.parametrize("question, text, code", [
    ("q1", "Tebake kjem je itte, det er je sikker på.", "lite_sannsynlig"),  # "itte": inland for "ikke"
    ("q1", "Om je kjem tebake er je itte sikker på.", "usikker"),
    ("q1", "helt sikker på at jeg kommer tilbake sykmeldt fra mars til ut mai", "veldig_sannsynlig"),
    ("q3", "Veit itte åssen lenge", "usikker"),
])
def test_spoken_negations_and_sure_to_return(question, text, code):
    assert match_pattern(question, text) == code


@pytest.mark.parametrize("text", ["jeg er ikke sikker på at jeg kommer tilbake", "sikker på at jeg ikke kommer tilbake"])
def test_sure_of_not_returning_is_no_sure_return(text):
    assert match_pattern("q1", text) != "veldig_sannsynlig"


@pytest.mark.parametrize("text, expected", [
    ("kommer tilbake helt klart savner kollegaene enhetsleder har vært kjempegrei hele veien",
     ["kommer tilbake helt klart savner kollegaene", "enhetsleder har vært kjempegrei hele veien"]),
    ("samarbeidet med leder er vanskelig", ["samarbeidet med leder er vanskelig"]),
    ("eg gruar meg kvar gong sjefen ringer", ["eg gruar meg kvar gong sjefen ringer"]),
    ("ja absolutt\nsjefen er grei\nmå bare bli ferdig", ["ja absolutt", "sjefen er grei", "må bare bli ferdig"]),
    ("Sykmeldingen varer fra oktober til og med desember.", ["Sykmeldingen varer fra oktober til og med desember."]),
])
def test_the_boss_as_a_new_subject_starts_a_clause_without_punctuation(text, expected):
    assert clauses(text) == expected


@pytest.mark.parametrize("text, code", [
    ("Sykmeldingsperioden forventes å vare fra oktober til og med desember.", "under_26_uker"),
    ("noen uker, tops", "under_26_uker"),
])
def test_to_and_with_and_tops(text, code):
    assert duration_answer(text) == code


def test_a_whole_and_its_own_clause_that_disagree_are_both_offered():
    text = "Det er bra med sjefen. Jeg vet ikke hvor lenge jeg er syk."
    p = parse(text, ranking(("q2_vanskelig", 0.9), ("q2_god", 0.1)), ranking(("q2_god", 0.88), ("q2_vanskelig", 0.12)),
              ranking(("usikker", 0.9)))
    reading = read_message("q2", text, p, {}, T)
    assert (reading.own.action, set(reading.own.offered)) == ("choose", {"god", "vanskelig"})
    assert [(c.question_id, c.meaning.code) for c in reading.others] == [("q3", "usikker")]


def test_a_plain_duration_in_a_one_clause_message_is_kept_beside_its_answer():
    text = "helt sikker på at jeg kommer tilbake sykmeldt fra mars til ut mai"
    p = {"intent_ranking": ranking(("q1_lite_sannsynlig", 0.7), ("q1_veldig_sannsynlig", 0.3))}
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("veldig_sannsynlig", "accept")
    assert [(c.question_id, c.meaning.code, c.meaning.action) for c in reading.others] == [("q3", "under_26_uker", "accept")]


def test_numbered_answers_follow_the_order_of_the_questions():
    text = "1. tror ikke jeg kommer tilbake\n2. formannen og jeg er uvenner\n3. lenge, over et halvt år"
    assert clauses(text)[0] == "1. tror ikke jeg kommer tilbake"
    spans = clauses(text)
    p = parse(text, ranking(("q1_lite_sannsynlig", 0.5), ("q2_vanskelig", 0.5)),
              *[ranking(("out_of_scope", 0.9), ("q1_veldig_sannsynlig", 0.1))] * len(spans))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)}
    assert carried.get("q3") == "over_26_uker"


@pytest.mark.parametrize("clause, expected", [
    ("Hvor lenge – over 26 uker", ("q3", "over 26 uker")),
    ("- tilbake i jobben: usikker", ("q1", "usikker")),
])
def test_a_dash_or_a_bullet_labels_an_answer_too(clause, expected):
    from uke8.understanding.clause_subjects import labelled
    assert labelled(clause) == expected


def test_not_knowing_how_long_does_not_reach_across_a_full_stop():
    assert match_pattern("q3", "Hvor lenge – over 26 uker. Tilbake – usikker.") is None
    assert match_pattern("q3", "Kor lenge? Veit ikkje.") == "usikker"
    assert clauses("jeg kommer tilbake - sjefen er grei") == ["jeg kommer tilbake", "sjefen er grei"]


@pytest.mark.parametrize("text, code", [
    ("sjefen er dritbra forresten", "god"), ("kjempegrei, men lite kontakt", "verken_eller"), ("ikke kjempebra", None),
])
def test_a_strong_prefix_is_praise(text, code):
    assert match_pattern("q2", text) == code


def test_a_treatment_named_to_be_denied_is_no_treatment_reason():
    text = "Jeg er usikker. Varigheten er uviss, og den avhenger av omorganiseringen, ikke av medisinsk behandling."
    p = parse(text, ranking(("usikker", 0.9)), *[ranking(("usikker", 0.9))] * 3, ranking(("q3_grunn_behandling", 0.95)))
    carried = {c.question_id: c.meaning.code for c in carried_answers("q1", text, p, {}, T)}
    assert carried.get("q3_grunn") != "behandling"


def test_a_whether_clause_with_its_answer_is_one_and_alone_says_nothing():
    assert clauses("Og om jeg kommer tilbake, det er jeg usikker på.") == ["Og om jeg kommer tilbake, det er jeg usikker på."]
    text = "Sjefen er grei. Om jeg kommer tilbake"
    p = parse(text, ranking(("q2_god", 0.9)), ranking(("q2_god", 0.99)), ranking(("q1_veldig_sannsynlig", 0.99)))
    assert "q1" not in {c.question_id for c in carried_answers("q2", text, p, {}, T)}


def test_a_doubt_goes_to_the_open_question_when_another_clause_says_how_long_is_unknown():
    text = "Jeg er så usikker. Hvor lenge vet jeg heller ikke, jeg står på venteliste til operasjon."
    p = parse(text, ranking(("usikker", 0.9)), ranking(("usikker", 0.99)), ranking(("usikker", 0.9)),
              ranking(("q3_grunn_behandling", 0.99)))
    reading = read_message("q1", text, p, {}, T)
    assert (reading.own.code, reading.own.action) == ("usikker", "accept")
