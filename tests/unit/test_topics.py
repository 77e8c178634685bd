"""The person's own topics after the questions (uke8/triage/topics.py): the chat offer, the SMS
hint that names no topic, the MENY list and its one-word answers."""
from __future__ import annotations

import pytest

from uke8.sms import gsm7
from uke8.triage import topics
from uke8.understanding.interpret import OFFERABLE_GLOBALS, interpret


def test_every_topic_has_a_button_a_word_and_a_line_in_the_menu():
    assert set(topics.TOPIC_BUTTONS) == set(topics.TOPIC_WORDS) == set(OFFERABLE_GLOBALS)
    for word in topics.TOPIC_WORDS.values():
        assert f"\n{word} - " in topics.MENU_SMS
    assert len(set(topics.TOPIC_WORDS.values())) == len(topics.TOPIC_WORDS)


def test_the_sms_texts_are_gsm7_and_fit_two_segments():
    for text in (topics.MENU_SMS, topics.SMS_TOPIC_HINT):
        size = gsm7.segments(text)
        assert size.encoding == "GSM-7" and size.count <= 2, text


def test_the_sms_hint_names_no_topic():
    hint = topics.SMS_TOPIC_HINT.lower()
    assert topics.MENU_WORD.lower() in hint
    for word in ("sykepenger", "sykmeld", "helse", "penger", *(w.lower() for w in topics.TOPIC_WORDS.values())):
        assert word not in hint


@pytest.mark.parametrize("text", ["MENY", "meny", " Meny. ", "menyen?"])
def test_menu_is_asked_for_by_the_word_alone(text):
    assert topics.asks_for_menu(text)


@pytest.mark.parametrize("text", ["kan jeg se menyen på kantina?", "meny takk og hei", ""])
def test_menu_in_a_sentence_is_a_message(text):
    assert not topics.asks_for_menu(text)


def test_the_chat_menu_has_a_button_per_topic_and_the_sms_menu_none():
    text, buttons = topics.menu(sms=False)
    assert text == topics.MENU_CHAT and [b["payload"] for b in buttons] == [f"/{c}" for c in topics.TOPIC_BUTTONS]
    assert topics.menu(sms=True) == (topics.MENU_SMS, [])


@pytest.mark.parametrize("code, word", sorted(topics.TOPIC_WORDS.items()))
def test_a_word_of_the_menu_typed_alone_is_its_request_with_no_question_open(code, word):
    for text in (word, word.lower(), f"{word.capitalize()}."):
        meaning = interpret(None, text, {"intent_ranking": [{"name": "out_of_scope", "confidence": 0.9}]})
        assert (meaning.kind, meaning.code, meaning.action, meaning.source) == ("global", code, "accept", "keyword")
    # inside a sentence, or while a question is open, it is read like any other words
    assert interpret(None, f"jeg lurer på {word.lower()} og mer", {"intent_ranking": []}).source != "keyword"
    assert interpret("q1", word, {"intent_ranking": []}).source != "keyword"
