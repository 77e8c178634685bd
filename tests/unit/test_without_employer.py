"""People without an employer (PRODUCT.md §2, triage-v2) through the pure layers: the
catalogue's variant (no q2, q1 about work in general), the asking texts, the combined-message
understanding (no q2 answer is ever taken), the Rasa domain's conditional questions, and the
SMS wording. The rules themselves are in test_rules_v2.py."""
from __future__ import annotations

import re

import pytest

from tests.unit.test_combined import ALL_THREE, T, all_three, parse, ranking
from uke8.rasa_domain import EMPLOYER_SLOT, build_domain
from uke8.sms import render, texts
from uke8.triage import catalogue, messages
from uke8.triage.asking_texts import noted, numbered_help, summary_question
from uke8.triage.rules import Answers, CaseFacts, classify
from uke8.understanding.combined import carried_answers
from uke8.understanding.reading import read_message

EMPLOYER_WORDS = re.compile(r"arbeidsgiver|arbeidsplass|oppfølgingsplan|jobben|sjef", re.IGNORECASE)
Q1_GENERAL = "Hvor sannsynlig er det at du kommer tilbake i arbeid?"


# --- the catalogue ----------------------------------------------------------------------


def test_questions_without_employer():
    assert catalogue.question_order(True) == ("q1", "q2", "q3", "q3_grunn")
    assert catalogue.question_order(False) == ("q1", "q3", "q3_grunn")
    q1 = catalogue.question("q1", har_arbeidsgiver=False)
    assert q1.text == Q1_GENERAL
    # the same slot, codes and buttons: a digit or a button means the same on both
    assert (q1.slot, q1.options) == (catalogue.QUESTIONS["q1"].slot, catalogue.QUESTIONS["q1"].options)
    assert catalogue.question("q1") is catalogue.QUESTIONS["q1"]
    assert catalogue.question("q3", False) is catalogue.QUESTIONS["q3"]
    with pytest.raises(KeyError):
        catalogue.question("q2", har_arbeidsgiver=False)


def test_next_question_and_completeness_skip_q2():
    answered_q1 = {"retur": "usikker"}
    assert catalogue.next_question(answered_q1).id == "q2"
    assert catalogue.next_question(answered_q1, har_arbeidsgiver=False).id == "q3"
    assert catalogue.next_question({}, False).text == Q1_GENERAL
    done = {"retur": "usikker", "varighet": "usikker", "varighet_usikker_grunn": "annet"}
    assert catalogue.is_complete(done, har_arbeidsgiver=False) and not catalogue.is_complete(done)
    assert not catalogue.is_complete({"retur": "usikker", "varighet": "usikker"}, False)


def test_snapshot_carries_the_words_shown_and_its_version():
    shown = catalogue.snapshot("q1", har_arbeidsgiver=False)
    assert shown["text"] == Q1_GENERAL and shown["catalogue_version"] == "catalogue-v1-uten-arbeidsgiver"
    assert len(shown["catalogue_version"]) <= 32  # the column's width
    assert catalogue.snapshot("q1")["catalogue_version"] == "catalogue-v1"
    assert catalogue.snapshot("q3", False)["text"] == catalogue.QUESTIONS["q3"].text


# --- the asking texts -------------------------------------------------------------------


def test_confirmations_and_help_speak_of_work_in_general():
    for code in catalogue.QUESTIONS["q1"].codes:
        text = messages.confirmation_question("retur", code, har_arbeidsgiver=False)
        assert "tilbake i arbeid" in text and not EMPLOYER_WORDS.search(text)
        assert "jobben" in messages.confirmation_question("retur", code)
    with pytest.raises(ValueError):
        messages.confirmation_question("relasjon", "god", har_arbeidsgiver=False)
    help_text = numbered_help("q1", har_arbeidsgiver=False)
    assert Q1_GENERAL in help_text and not EMPLOYER_WORDS.search(help_text)
    assert "tilbake i jobben" in numbered_help("q1")
    pairs = [("retur", "veldig_sannsynlig"), ("varighet", "under_26_uker")]
    for text in (noted(pairs, False), summary_question(pairs, False)):
        assert "tilbake i arbeid" in text and not EMPLOYER_WORDS.search(text)


# --- understanding: no q2 answer is ever taken -------------------------------------------


def test_a_message_answering_all_three_carries_no_q2_without_employer():
    p = all_three(ranking(("q1_veldig_sannsynlig", 0.95), ("usikker", 0.05)))
    with_employer = [c.question_id for c in carried_answers("q1", ALL_THREE, p, {}, T)]
    without = [(c.question_id, c.meaning.code) for c in carried_answers("q1", ALL_THREE, p, {}, T, har_arbeidsgiver=False)]
    assert with_employer == ["q1", "q2", "q3"]
    assert without == [("q1", "veldig_sannsynlig"), ("q3", "under_26_uker")]
    reading = read_message("q1", ALL_THREE, p, {}, T, har_arbeidsgiver=False)
    assert "q2" not in [c.question_id for c in reading.others]


def test_an_employer_answer_while_q1_is_open_is_no_answer_without_employer():
    text = "arbeidsgiveren min har vært grei"
    p = parse(text, ranking(("q2_god", 0.97), ("q1_veldig_sannsynlig", 0.03)))
    assert [c.question_id for c in read_message("q1", text, p, {}, T).others] == ["q2"]
    assert read_message("q1", text, p, {}, T, har_arbeidsgiver=False).others == ()
    # and while q3 is open, after q1
    text3 = "sjefen er veldig grei, og jeg blir frisk om en måned"
    p3 = parse(text3, ranking(("q2_god", 0.5), ("q3_under_26_uker", 0.5)),
               ranking(("q2_god", 0.98), ("q2_vanskelig", 0.02)), ranking(("q3_under_26_uker", 0.97), ("q3_over_26_uker", 0.03)))
    carried = carried_answers("q3", text3, p3, {"retur": "usikker"}, T, har_arbeidsgiver=False)
    assert [c.question_id for c in carried] == ["q3"]


# --- the Rasa domain --------------------------------------------------------------------


def test_domain_asks_q1_and_the_meeting_by_the_employer_slot():
    domain = build_domain()
    assert domain["slots"][EMPLOYER_SLOT]["type"] == "bool" and domain["slots"][EMPLOYER_SLOT]["initial_value"] is True
    condition = [{"type": "slot", "name": EMPLOYER_SLOT, "value": False}]
    retur = domain["responses"]["utter_ask_retur"]
    assert retur[1]["condition"] == condition and retur[1]["text"] == Q1_GENERAL
    assert [b["payload"] for b in retur[0]["buttons"]] == [b["payload"] for b in retur[1]["buttons"]]
    assert "condition" not in retur[0] and retur[0]["text"] == catalogue.QUESTIONS["q1"].text
    for slot in ("relasjon", "varighet", "varighet_usikker_grunn"):  # the same words for everyone (q2 is skipped)
        assert [list(v) for v in domain["responses"][f"utter_ask_{slot}"]] == [["text", "buttons"]]
    meeting = domain["responses"]["utter_ask_moteform"]
    assert meeting[1]["condition"] == condition
    assert [b["title"] for b in meeting[1]["buttons"]] == ["På NAV-kontoret", "Video", "Telefon"]
    assert "condition" not in meeting[0] and len(meeting[0]["buttons"]) == 4


# --- SMS --------------------------------------------------------------------------------


def _v2_outcomes():
    facts = CaseFacts(sykmeldingsgrad=50, har_arbeidsgiver=False)
    for answers in ({"retur": "veldig_sannsynlig", "varighet": "under_26_uker"}, {"retur": "usikker", "varighet": "over_26_uker"}, {}):
        for flags in ({}, {"gjentakende_fravaer": True}):
            case_facts = CaseFacts(**{**facts.__dict__, **flags})
            result = classify(Answers(**answers), case_facts, deadline_passed=True)
            yield result.classification.value, result.reasons


@pytest.mark.parametrize("classification, reasons", list(_v2_outcomes()))
def test_every_v2_outcome_has_an_sms_version_without_employer(classification, reasons):
    chat = messages.outcome_message(classification, reasons, har_arbeidsgiver=False)
    assert chat in texts.SMS_VERSIONS
    sms = render.render_message({"text": chat})
    assert not EMPLOYER_WORDS.search(sms) and "55 55 33 33" in sms
    assert "fravær" not in sms and "friskmeld" not in sms
    assert render.gsm7.segments(sms).count <= 2


def test_greeting_and_privacy_by_sms_without_employer():
    greeting = render.render_message({"text": messages.greeting(False)})
    privacy = render.render_message({"text": messages.privacy_notice(False)})
    assert greeting == texts.GREETING_SMS_UTEN_ARBEIDSGIVER and "to korte" in greeting
    assert privacy == render.to_gsm(texts.PRIVACY_SMS_UTEN_ARBEIDSGIVER) and not EMPLOYER_WORDS.search(privacy)
    q1 = render.render_message(build_domain()["responses"]["utter_ask_retur"][1])
    assert q1.startswith(Q1_GENERAL) and "1 Jeg tror det er veldig sannsynlig" in q1
