"""The rule "did the bot answer" is one for the chat page and the SMS channel, and the honest
SMS the person gets when their message could not be answered keeps the SMS rules.
(The behaviour against a real, stopped action server is in test_dead_action_server.py.)"""
from __future__ import annotations

import pytest

from api.chat.transcript import bot_messages
from uke8.bot_answer import bot_answered
from uke8.privacy import redact_health
from uke8.sms import gsm7, render
from uke8.sms.texts import NOT_SAVED_SMS
from uke8.triage import notices

ANSWERS = [
    [],  # what Rasa says when the action server fails
    None,
    {"text": "not a list"},
    [{"recipient_id": "c"}],
    [{"recipient_id": "c", "text": ""}],
    [{"recipient_id": "c", "text": "   "}],
    [{"recipient_id": "c", "text": None, "buttons": []}],
    [{"recipient_id": "c", "buttons": [{"title": "Ja"}]}],  # no payload: not an option
    [{"recipient_id": "c", "buttons": [{"title": "Ja", "payload": "/ja"}]}],
    [{"recipient_id": "c", "text": "Hei"}],
    ["text", {"recipient_id": "c", "text": "Hei"}],
    [{"recipient_id": "c", "image": "https://example.invalid/x.png"}],
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_the_sms_channel_and_the_chat_page_agree_on_whether_the_bot_answered(answer):
    assert bot_answered(answer) == bool(bot_messages(answer))


def test_an_empty_answer_is_no_answer():
    assert not bot_answered([]) and bot_answered([{"text": "Hei"}])


def test_the_honest_reply_is_plain_gsm7_one_segment_and_names_no_health():
    assert gsm7.is_gsm7(NOT_SAVED_SMS) and render.to_gsm(NOT_SAVED_SMS) == NOT_SAVED_SMS
    assert gsm7.segments(NOT_SAVED_SMS).count == 1
    lowered = NOT_SAVED_SMS.lower()
    assert not [w for w in notices.SMS_FORBIDDEN if w in lowered]
    assert redact_health(NOT_SAVED_SMS).categories == ()
    assert "Veilederen din" in NOT_SAVED_SMS  # says who will follow up
