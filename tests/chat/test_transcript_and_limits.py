"""The chat page's pure parts: the transcript from Rasa's answers and tracker, the rate limiter,
and the access-log scrubber."""
from __future__ import annotations

import logging

from api.chat import transcript
from api.chat.limits import RateLimiter, retry_after
from api.chat.security import TokenScrubber, scrub

Q1_BUTTONS = [
    {"title": "Jeg tror det er veldig sannsynlig", "payload": '/svar{"retur":"veldig_sannsynlig"}'},
    {"title": "Jeg er usikker", "payload": '/svar{"retur":"usikker"}'},
]


def test_bot_messages_keep_text_and_only_the_latest_options():
    replies = [
        {"recipient_id": "k-1", "text": "Hei", "buttons": [{"title": "Ja", "payload": "/ja"}]},
        {"recipient_id": "k-1", "text": "Hvor sannsynlig …?", "buttons": Q1_BUTTONS},
        {"recipient_id": "k-1", "image": "x.png"},  # nothing the page shows
    ]
    messages = transcript.bot_messages(replies)
    assert messages == [
        {"from": "nav", "text": "Hei"},
        {"from": "nav", "text": "Hvor sannsynlig …?", "buttons": Q1_BUTTONS},
    ]
    assert transcript.bot_messages("not a list") == []


def test_tracker_transcript_shows_titles_hides_start_and_keeps_redacted_words():
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "user", "text": "/start"},
        {"event": "bot", "text": "Hei! Dette er en automatisk tjeneste fra NAV.", "data": {"buttons": None}},
        {"event": "bot", "text": "Hvor sannsynlig …?", "data": {"buttons": Q1_BUTTONS}},
        {"event": "user", "text": '/svar{"retur":"usikker"}'},
        {"event": "bot", "text": "Vil du fortelle litt mer?", "data": {"buttons": [{"title": "Nei takk", "payload": "/nei"}]}},
        {"event": "user", "text": "Jeg har [helseopplysning fjernet]"},
        {"event": "slot", "name": "retur", "value": "usikker"},
        {"event": "bot", "text": "Hvordan vil du beskrive samarbeidet …?", "data": {"buttons": [{"title": "Godt", "payload": "/svar"}]}},
    ]
    assert transcript.from_tracker(events) == [
        {"from": "nav", "text": "Hei! Dette er en automatisk tjeneste fra NAV."},
        {"from": "nav", "text": "Hvor sannsynlig …?"},
        {"from": "person", "text": "Jeg er usikker"},
        {"from": "nav", "text": "Vil du fortelle litt mer?"},
        {"from": "person", "text": "Jeg har [helseopplysning fjernet]"},
        {"from": "nav", "text": "Hvordan vil du beskrive samarbeidet …?", "buttons": [{"title": "Godt", "payload": "/svar"}]},
    ]


def test_options_are_gone_once_the_person_has_written():
    events = [
        {"event": "bot", "text": "Hvor sannsynlig …?", "data": {"buttons": Q1_BUTTONS}},
        {"event": "user", "text": "STOPP"},
    ]
    assert transcript.from_tracker(events) == [
        {"from": "nav", "text": "Hvor sannsynlig …?"},
        {"from": "person", "text": "STOPP"},
    ]
    assert transcript.from_tracker(None) == []


def test_rate_limiter_is_a_token_bucket_per_key():
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take("a")
    assert 19.9 < wait <= 20.0  # one token every 20 s at 3 a minute
    assert retry_after(wait) == "20"
    assert limiter.take("b") == 0.0  # another link has its own bucket
    now[0] = 20.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    now[0] = 500.0  # idle buckets are forgotten, and come back full
    assert limiter.take("c") == 0.0
    assert set(limiter._buckets) == {"c"}


def test_the_token_never_reaches_the_access_log():
    assert scrub("/chat?t=v1.abc.def&x=1") == "/chat?t=[skjult]&x=1"
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/chat?t=v1.eyJj.MAC", "1.1", 200), None)
    assert TokenScrubber().filter(record)
    assert "v1.eyJj" not in record.getMessage() and "t=[skjult]" in record.getMessage()
