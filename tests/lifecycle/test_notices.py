"""The texts sent outside a conversation: plain, voluntary, and an SMS never tells anything about health."""
from __future__ import annotations

from datetime import date

import pytest

from uke8.triage import notices

UNTIL = date(2026, 12, 14)
SMS = [notices.sms_opening(), notices.reminder_sms(), notices.tailored_greeting_sms(), notices.ask_again_sms()]
CHAT = [notices.invitation_chat(UNTIL), notices.reminder_chat(UNTIL), notices.tailored_greeting_chat(),
        notices.ask_again_chat(UNTIL)]


@pytest.mark.parametrize("text", SMS)
def test_an_sms_says_nothing_about_health_or_sick_leave(text):
    lowered = text.lower()
    for word in ("sykmeld", "sykemeld", "syk", "helse", "diagnose", "lege", "behandling"):
        assert word not in lowered
    assert "nav" in lowered
    assert "stopp" in lowered or "trenger ikke å svare" in lowered


def test_the_first_sms_says_who_we_are_and_how_to_check_it():
    opening = notices.sms_opening()
    assert opening.startswith("Hei, dette er NAV.")
    assert "nav.no" in opening and "55 55 33 33" in opening and "passord" in opening
    assert "frivillig" in opening and "STOPP" in opening


@pytest.mark.parametrize("text", SMS + CHAT)
def test_no_text_threatens_or_nags(text):
    lowered = text.lower()
    for word in ("sykepenger", "forhåndsvarsel", "plikt", "må svare", "stanse", "frist"):
        assert word not in lowered


def test_chat_notices_carry_the_link_placeholder_and_its_last_day():
    for text in CHAT:
        assert notices.LINK_PLACEHOLDER in text
    assert "14. desember" in notices.invitation_chat(UNTIL) and "frivillig" in notices.invitation_chat(UNTIL)


def test_a_forbidden_word_in_an_sms_is_refused():
    with pytest.raises(ValueError):
        notices.sms_text("Hei, du er sykmeldt")
