"""The reply to a message after the questions (uke8/triage/after_questions.py): a real answer
from the case state, never "forsto ikke", short after the first, and SMS-shaped by SMS."""
from __future__ import annotations

import pytest

from uke8.privacy import redact_health
from uke8.sms import gsm7, render
from uke8.triage import notices
from uke8.triage.after_questions import (GOODBYE, GREETING, MESSAGE, THANKS, CaseFacts, every_reply, is_small_talk, message_kind,
                                         reply)
from uke8.triage.messages import NOT_UNDERSTOOD


def test_the_first_reply_says_what_was_recorded_what_happens_next_and_how_to_reach_nav():
    text = reply(CaseFacts("kartlegging"), MESSAGE, 0)
    assert "registrert" in text and "tar kontakt med deg for å avtale en samtale" in text
    assert "nav.no/skriv-til-oss" in text and "55 55 33 33" in text
    assert "situasjonen min har endret seg" in text
    ikke = reply(CaseFacts("ikke_aktuell_na"), MESSAGE, 0)
    assert "trenger du ikke et samarbeid med oss" in ikke and "55 55 33 33" in ikke
    assert "tar kontakt" not in ikke


def test_an_outcome_without_every_answer_does_not_claim_the_answers_were_given():
    text = reply(CaseFacts("kartlegging", all_answered=False), MESSAGE, 0)
    assert "ikke fått svar på alle spørsmålene" in text and "registrert svarene" not in text


def test_until_messages_reach_the_veileder_the_reply_does_not_promise_it():
    now = reply(CaseFacts("kartlegging"), MESSAGE, 0)
    assert "ser ikke meldinger her" in now and "leser meldingen" not in now
    later = reply(CaseFacts("kartlegging"), MESSAGE, 0, reaches_veileder=True)
    assert later.startswith("Takk, meldingen din er sendt til veilederen din.") and "ser ikke" not in later
    assert "svarer deg her" in later and "55 55 33 33" in later


def test_the_receipt_is_short_after_the_first_and_promises_no_answer_to_an_opted_out_person():
    first = reply(CaseFacts("ikke_aktuell_na"), MESSAGE, 0, reaches_veileder=True)
    second = reply(CaseFacts("ikke_aktuell_na"), MESSAGE, 1, reaches_veileder=True)
    assert second.startswith("Takk, meldingen din er sendt") and len(second) < len(first)
    stopped = reply(CaseFacts("kartlegging", opted_out=True), MESSAGE, 0, reaches_veileder=True)
    assert "sendt til veilederen" in stopped and "svarer deg" not in stopped
    # a greeting is not stored: nothing claims it was sent
    assert "sendt til veilederen" not in reply(CaseFacts("kartlegging"), GREETING, 0, reaches_veileder=True)


@pytest.mark.parametrize(("text", "small"), [
    ("takk", True), ("Tusen takk!", True), ("ok", True), ("hei", True), ("Hei igjen", True), ("ha det bra", True),
    ("takk, men kan vi ta det på telefon?", False), ("hei, jeg lurer på en ting", False), ("", False),
])
def test_small_talk_is_not_a_message_for_the_veileder(text, small):
    assert is_small_talk(text) is small


def test_later_messages_get_a_short_reply_and_thanks_or_bye_a_friendly_one():
    first = reply(CaseFacts("ikke_aktuell_na"), MESSAGE, 0)
    second = reply(CaseFacts("ikke_aktuell_na"), MESSAGE, 1)
    assert len(second) < len(first) / 2 and "55 55 33 33" in second
    assert reply(CaseFacts("ikke_aktuell_na"), THANKS, 0).startswith("Bare hyggelig!")
    assert reply(CaseFacts("ikke_aktuell_na"), GOODBYE, 3).startswith("Ha det fint!")
    assert reply(CaseFacts("kartlegging"), GREETING, 0).startswith("Hei!")


def test_opted_out_and_tailored_cases_are_not_told_about_an_outcome():
    stopped = reply(CaseFacts("kartlegging", opted_out=True), MESSAGE, 0)
    assert "ikke vil bli kontaktet" in stopped and "tar kontakt med deg for å avtale" not in stopped
    tailored = reply(CaseFacts(None, tailored=True), MESSAGE, 0)
    assert "trenger ikke å svare" in tailored and "registrert" not in tailored


@pytest.mark.parametrize(("intent", "text", "kind"), [
    ("takk", "tusen takk!", THANKS), ("q1_veldig_sannsynlig", "ok", THANKS), ("ja", "Okei.", THANKS),
    ("out_of_scope", "greit 👍", THANKS), ("hade", "ha det", GOODBYE), ("hilsen", "hei", GREETING),
    ("q3_grunn_behandling", "ok, men jeg lurer på om jeg kan jobbe litt hjemmefra", MESSAGE),
    (None, "", MESSAGE), ("nei", "nei", MESSAGE),
])
def test_message_kind(intent, text, kind):
    assert message_kind(intent, text) == kind


def test_no_reply_is_forsto_ikke():
    for text in every_reply():
        assert "forsto" not in text.lower() and "forstår ikke" not in text.lower()
        assert NOT_UNDERSTOOD not in text


def test_every_sms_reply_is_gsm7_within_two_segments_without_health_or_sick_leave():
    for text in set(every_reply(sms=True)):
        sms = render.render_message({"text": text})
        seg = gsm7.segments(sms)
        assert seg.encoding == gsm7.GSM7 and seg.count <= 2, (seg, sms)
        assert redact_health(sms).categories == ()
        assert not [w for w in notices.SMS_FORBIDDEN if w in sms.lower()], sms


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        reply(CaseFacts(None), "noe", 0)
