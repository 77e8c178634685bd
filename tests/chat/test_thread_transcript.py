"""The chat page's transcript with the veileder's messages (api/chat/transcript.with_thread):
pure, so tracker events and thread items are built by hand."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from api.chat.transcript import with_thread

pytestmark = pytest.mark.pure

T0 = 1_800_000_000.0


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(T0 + seconds, tz=timezone.utc)


EVENTS = [
    {"event": "user", "text": "/start", "timestamp": T0},
    {"event": "bot", "text": "Takk for svarene!", "timestamp": T0 + 1},
    {"event": "user", "text": "2", "timestamp": T0 + 100},
    {"event": "bot", "text": "Så fint! Samtalen er avtalt.", "timestamp": T0 + 101},
]
BUTTONS = [{"title": "Tirsdag 12. januar kl. 10.00", "payload": "1"}, {"title": "Torsdag 14. januar kl. 13.30", "payload": "2"}]


def test_the_veileders_message_sits_between_by_time_named_and_the_click_shows_its_time():
    thread = [{"id": 7, "text": "Hei! Hvordan passer en samtale?", "author": "Kari Veileder", "at": at(50), "buttons": BUTTONS}]
    messages = with_thread(EVENTS, thread)
    assert [(m["from"], m["text"]) for m in messages] == [
        ("nav", "Takk for svarene!"), ("veileder", "Hei! Hvordan passer en samtale?"),
        ("person", "Torsdag 14. januar kl. 13.30"), ("nav", "Så fint! Samtalen er avtalt."),
    ]
    assert messages[1]["author"] == "Kari Veileder" and messages[1]["id"] == 7
    assert not any(m.get("buttons") for m in messages)  # the person answered: the times are no longer options


def test_a_new_proposal_keeps_its_buttons_until_the_person_writes():
    thread = [{"id": 8, "text": "Passer en av disse?", "author": None, "at": at(200), "buttons": BUTTONS}]
    messages = with_thread(EVENTS, thread)
    assert messages[-1]["from"] == "veileder" and messages[-1]["buttons"] == BUTTONS and messages[-1]["author"] is None


def test_no_thread_is_the_plain_transcript():
    assert [m["from"] for m in with_thread(EVENTS, [])] == ["nav", "person", "nav"]


@pytest.mark.parametrize("body, expected", [
    ({"message": "hei", "client_id": "0f8e6c2a-5d1b-4c1e-9a7f-2b3c4d5e6f70"}, "0f8e6c2a-5d1b-4c1e-9a7f-2b3c4d5e6f70"),
    ({"message": "hei"}, None),
    ({"message": "hei", "client_id": "short"}, None),
    ({"message": "hei", "client_id": "x" * 65}, None),
    ({"message": "hei", "client_id": "ikke lov; drop table"}, None),
    ({"message": "hei", "client_id": 12345678}, None),
    (["hei"], None),
])
def test_the_pages_message_id_is_taken_only_when_well_formed(body, expected):
    from api.chat.routes import _client_id

    assert _client_id(body) == expected
