"""Readings added in session 21 (issue 13), each a kind found in rounds 61 and 62's development
sets (tests/nlu_eval/README.md): a later clause that declines the open question by name, "hard to
say exactly, but …", the collaboration called merely fine, no contact wanted, a new employer's
contract signed, irony after looking forward to the return, young writers' English and slang, a
scornful question answered at once, short comparisons concluded with "så ja"/"så nei", the health
swinging or a treatment named alone as the reason, and the length left to the doctor. The examples
are worded anew, not copied from the sets. Rankings are synthetic, so a pass means the rule
decided; the real model is measured by `uke8 eval-nlu` (README)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.unit.test_combined import T, parse, ranking
from tests.unit.test_reading_session12 import _taken
from uke8.understanding.clauses import clauses
from uke8.understanding.clause_signals import DECLINES, FINE, KNOWS_IT, MERELY_FINE, PRECISION_HEDGE
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern, middle_in_words
from uke8.understanding.reading import read_message
from uke8.understanding.sarcasm import ironic_return
from uke8.understanding.treatment import health_swings


def _folded(text: str) -> str:
    return fold(normalise(text))


@pytest.mark.parametrize("question, text, code", [
    # a new employer's contract signed: not going back
    ("q1", "Jeg har signert arbeidsavtale med en ny arbeidsgiver i byen", "lite_sannsynlig"),
    ("q1", "har skrevet under kontrakt hos et annet firma, begynner i mars", "lite_sannsynlig"),
    ("q1", "Jeg har ikke signert noe med en ny arbeidsgiver ennå", None),
    # no contact wanted with the boss is a complaint, not merely little contact
    ("q2", "jeg vil helst ikke ha kontakt med sjefen nå", "vanskelig"),
    ("q2", "eg ønskjer ikkje kontakt med leiaren min", "vanskelig"),
    # young writers' English, read as the option's own words
    ("q1", "very unlikely tbh", "lite_sannsynlig"),
    ("q1", "very likely", "veldig_sannsynlig"),
    # the boss in slang
    ("q2", "sjefen er skikkelig chill", "god"),
    ("q2", "lederen min er en legende da", "god"),
    ("q2", "sjefen er helt toxic", "vanskelig"),
    ("q2", "samarbeidet er meh", "verken_eller"),
    # a scornful question answered at once; a question alone may be meant
    ("q1", "trur du eg vil tilbake til den gjengen? nei takk", "lite_sannsynlig"),
    ("q1", "tror du jeg kommer tilbake?", None),
    # a short comparison, concluded
    ("q1", "mye bedre enn i høst, så ja", "veldig_sannsynlig"),
    ("q1", "verre enn før, så nei", "lite_sannsynlig"),
    ("q1", "sjefen er bedre nå, så ja", None),  # (the boss named: about the employer, not the return)
    ("q1", "nja, det er litt opp og ned", "usikker"),
    ("q1", "tja, tror nok det egentlig", "veldig_sannsynlig"),
    # the relationship set against other times
    ("q2", "bedre enn noen gang", "god"),
    ("q2", "mykje verre enn før", "vanskelig"),
    ("q2", "Lederen og jeg har aldri fungert godt sammen", "vanskelig"),
    # fine, nothing to complain of, nothing more ("noe" folds to "no")
    ("q2", "helt ok, ikke noe å klage på, men heller ikke noe ekstra", "verken_eller"),
    # expecting to be back, with no length after it
    ("q1", "Reknar med å vere der att etter nyttår", "veldig_sannsynlig"),
    ("q1", "regner med å være tilbake om en måned", None),
    # a return under a condition is unsure, unless the chance is named after it
    ("q1", "Hvis alt går etter planen, er jeg tilbake i januar", "usikker"),
    ("q1", "Hvis alt går etter planen, er jeg tilbake i januar. Jeg ser det som sannsynlig at jeg kommer tilbake", None),
    # frankness between the verb and the doubt
    ("q1", "Jeg er ærlig talt usikker på om jeg kommer tilbake", "usikker"),
    # no length of one's own
    ("q3", "tar en dag om gangen", "usikker"),
    ("q3", "ikkje før til sumaren, trur eg", None),  # (a season: read from the day of asking, below)
    # round 63: negation, litotes and irony
    ("q1", "Det skal mye til for at jeg ikke kommer tilbake", "veldig_sannsynlig"),
    ("q1", "Det skal mye til for at jeg kommer tilbake", "lite_sannsynlig"),
    ("q1", "Jeg ser ikke for meg noe annet enn å komme tilbake", "veldig_sannsynlig"),
    ("q1", "Sjansen er absolutt ikke liten", "veldig_sannsynlig"),
    ("q1", "ja, det er ikkje snakk om noko anna", "veldig_sannsynlig"),
    ("q1", "Jeg kan ikke utelukke noe ennå", "usikker"),
    ("q1", "Det ville i så fall vært et lite mirakel", "lite_sannsynlig"),
    ("q2", "Dårlig er det ikke, men godt vil jeg ikke kalle det heller", "verken_eller"),
    ("q2", "jeg ønsker ingen kontakt", "vanskelig"),
    ("q2", "men samarbeidet har aldri vært noe særlig", "verken_eller"),  # (the clause after "Sjefen har vært grei,")
    # what the employer does
    ("q2", "Ledelsen vil ikke ha meg tilbake", "vanskelig"),
    ("q2", "sjefen vil ikke ha meg tilbake før jeg er helt frisk", None),
    ("q2", "dei har frose meg ut sidan i sommar", "vanskelig"),
    ("q2", "Jeg har mistet all tillit til ledelsen", "vanskelig"),
    ("q2", "forholdet til sjefen er ikke så bra", "vanskelig"),
    # round 60, read after its measurement
    ("q2", "Føler meg savnet", "god"),
    ("q2", "de har holdt meg oppdatert hele veien", "god"),
    ("q2", "Savner kollegaene og sjefen.", "god"),
    ("q2", "savner at sjefen ringer", None),
    ("q2", "Har ikke noe dårlig å si om sjefen", "god"),
    ("q2", "sjefen har kjørt meg ut av bedriften", "vanskelig"),
    ("q2", "lederen har vært kjip mot meg", "vanskelig"),
    ("q1", "har egentlig bestemt meg for å slutte", "lite_sannsynlig"),
    ("q1", "jeg har ikke bestemt meg for å slutte", None),
])
def test_words_read_as_session_21_found_them(question, text, code):
    assert match_pattern(question, text) == code


def test_the_length_left_to_the_doctor_is_a_hedge_that_claims_no_clause():
    assert match_pattern("q3", "det må legen avgjøre") == "usikker"
    assert match_pattern("q3", "det er opp til kirurgen", hedges=False) is None  # the clause may give the reason


def test_the_middle_in_words_is_not_little_contact():
    assert middle_in_words("Forholdet er ok, ikke noe å klage på, men heller ikke noe mer")
    assert not middle_in_words("Sjefen har ikke snakket med meg siden jeg ble syk")


@pytest.mark.parametrize("text", ["Når det gjelder retur, vil jeg ikke ta stilling til det nå", "det ønsker jeg ikke å gå nærmere inn på"])
def test_declining_in_other_words(text):
    assert DECLINES.search(_folded(text))


@pytest.mark.parametrize("signal, text, found", [
    (KNOWS_IT, "Eller, egentlig vet jeg det", True),
    (KNOWS_IT, "det vet jeg sikkert", True),
    (KNOWS_IT, "egentlig vet jeg ikke", False),
    (PRECISION_HEDGE, "Vanskelig å si nøyaktig", True),
    (PRECISION_HEDGE, "vanskeleg å seie heilt sikkert", True),
    (PRECISION_HEDGE, "vanskelig å si", False),  # a doubt of its own
    (MERELY_FINE, "samarbeidet med arbeidsgiver er greit", True),
    (MERELY_FINE, "forholdet til sjefen er helt ok", True),
    (MERELY_FINE, "samarbeidet er greit, hun er en god leder", False),
    (FINE, "sjefen e heilt grei", True),
])
def test_session_21_signals(signal, text, found):
    assert bool(signal.search(_folded(text))) == found


def test_a_later_clause_that_declines_the_open_question_by_name_leaves_it_open():
    text = "Sjefen er grei, og jeg trenger et par måneder til. Når det gjelder retur, vil jeg ikke ta stilling til det nå."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.9), ("usikker", 0.05)), ranking(("q2_god", 0.99)),
              ranking(("q3_under_26_uker", 0.97)), ranking(("stopp", 0.4), ("usikker", 0.3)))
    reading = read_message("q1", text, p, {}, T)
    assert reading.declined and reading.own.action == "reask"
    assert _taken(reading)["relasjon"] == ("god", "accept")


def test_hard_to_say_exactly_but_an_estimate_gives_the_estimate():
    text = "Vanskelig å si nøyaktig, men jeg tror til langt ut på sommeren."
    p = parse(text, ranking(("usikker", 0.9), ("q3_over_26_uker", 0.08)), ranking(("usikker", 0.99)), ranking(("q3_over_26_uker", 0.9)))
    taken = _taken(read_message("q3", text, p, {}, T))
    assert taken["own"][0] == "over_26_uker" and taken["own"][1] != "reask"


def test_fine_but_is_the_middle_confirmed_never_good_recorded():
    text = "Ja, jeg tror det. Sjefen er helt grei, men jeg orker ikke mer av den jobben."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.95)), ranking(("ja", 1.0)), ranking(("q1_veldig_sannsynlig", 0.95)),
              ranking(("q2_god", 0.99)), ranking(("q1_lite_sannsynlig", 0.6), ("usikker", 0.3)))
    taken = _taken(read_message("q1", text, p, {}, T))
    assert taken.get("relasjon") != ("god", "accept")
    assert taken.get("relasjon") in (None, ("verken_eller", "confirm"))


def test_the_collaboration_merely_fine_is_only_confirmed():
    text = "Jeg kommer tilbake. Samarbeidet med arbeidsgiveren er greit."
    p = parse(text, ranking(("q1_veldig_sannsynlig", 0.97)), ranking(("q1_veldig_sannsynlig", 0.99)), ranking(("q2_god", 0.99)))
    assert _taken(read_message("q1", text, p, {}, T))["relasjon"] == ("god", "confirm")


def test_a_reason_stands_or_falls_with_its_doubt():
    text = "usikker, venter på svar på MR. lederen har vært grei"
    p = parse(text, ranking(("usikker", 0.7), ("q3_grunn_behandling", 0.2)), ranking(("usikker", 0.86), ("q1_lite_sannsynlig", 0.1)),
              ranking(("q3_grunn_behandling", 0.999)), ranking(("q2_god", 0.999)))
    taken = _taken(read_message("q1", text, p, {}, T))
    if "varighet" in taken and taken["varighet"][1] != "accept":
        assert taken.get("varighet_usikker_grunn", (None, "confirm"))[1] == "confirm"


@pytest.mark.parametrize("text, code", [
    ("tja, kjemoen", "behandling"),                          # a treatment named alone
    ("Én dag er jeg ok, neste dag er alt tungt", "annet"),  # the health swings, no treatment
])
def test_short_reasons_are_offered_by_their_kind(text, code):
    other = "annet" if code == "behandling" else "behandling"
    heard = ranking((f"q3_grunn_{other}", 0.5), (f"q3_grunn_{code}", 0.45))
    p = parse(text, heard, *[heard] * (len(clauses(text)) if len(clauses(text)) > 1 else 0))
    own = read_message("q3_grunn", text, p, {"varighet": "usikker"}, T).own
    assert own.code == code and own.action in ("accept", "confirm")


def test_health_swings_and_irony_are_told():
    assert health_swings("Ryggen er bra en uke, så blir den verre igjen")
    assert not health_swings("det svinger, og jeg venter på operasjon")
    assert ironic_return("gleder meg SÅ mye til å komme tilbake 🙄")
    assert not ironic_return("gler meg faktisk til å komme tilbake")


def test_a_season_in_dialect_is_read_from_the_day_of_asking():
    text = "ikkje før til sumaren"
    p = parse(text, ranking(("q3_over_26_uker", 0.6), ("q3_under_26_uker", 0.3)))
    own = read_message("q3", text, p, {}, T, asked_on=date(2026, 12, 4)).own
    assert (own.code, own.action) == ("over_26_uker", "accept")


def test_done_not_before_a_season_is_read_from_the_day_of_asking():
    text = "Eg trur ikkje eg er ferdig før til hausten"
    p = parse(text, ranking(("q3_under_26_uker", 0.88), ("q3_over_26_uker", 0.1)))
    own = read_message("q3", text, p, {}, T, asked_on=date(2026, 12, 4)).own
    assert own.code == "over_26_uker"


def test_praise_beside_being_pushed_out_is_never_recorded():
    text = "Fantastisk, de prøver bare å bli kvitt meg"
    p = parse(text, ranking(("q2_god", 0.95)), ranking(("q2_god", 0.95)), ranking(("q2_vanskelig", 0.7)))
    own = read_message("q2", text, p, {}, T).own
    assert own.action == "choose" and set(own.offered) == {"god", "vanskelig"}


def test_how_one_feels_beside_a_doubt_of_how_long_is_the_reason_confirmed():
    text = "Sjefen er grei. Men jeg aner ikke hvor lenge jeg blir borte, psyken er helt på bunn."
    p = parse(text, ranking(("q2_god", 0.97)), ranking(("q2_god", 0.99)), ranking(("usikker", 0.98)), ranking(("q3_grunn_annet", 0.6)))
    taken = _taken(read_message("q2", text, p, {}, T))
    assert taken["varighet"][0] == "usikker"
    assert taken["varighet_usikker_grunn"] == ("annet", "confirm")
