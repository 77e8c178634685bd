"""The person's side of the thread in the store (uke8/thread/person.py): what the chat page
shows of the veileder's messages, and a retried turn that changed a meeting."""
from __future__ import annotations

from datetime import timedelta

from tests.thread.test_thread_store import NOW, VEILEDER, _invited
from uke8.thread import meetings, messages, person
from uke8.thread.meetings import MeetingRequest


def test_the_chat_page_gets_the_veileders_messages_with_times_only_while_proposed(db):
    case_id, conv = _invited(db)
    slots = (NOW + timedelta(days=3), NOW + timedelta(days=4))
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        meeting = meetings.propose(s, case, VEILEDER, MeetingRequest(slots, "video"), now=NOW)
        messages.add(s, case, messages.VEILEDER, "Passer en av disse?", "chat", author_name="Vera Veileder",
                     meeting_id=meeting.id, now=NOW)
        messages.record_from_person(s, conv, "jeg lurer på noe", now=NOW + timedelta(minutes=1))
    with db.read() as s:
        [shown] = person.for_the_person(s, conv)
    assert shown["author"] == "Vera Veileder" and [b["payload"] for b in shown["buttons"]] == ["1", "2"]
    with db.write() as s:
        taken = person.take_message(s, conv, "2", client_key="sms:SM1", now=NOW + timedelta(minutes=2))
        assert taken.outcome == person.BOOKED and taken.changed.at == slots[1]
    with db.write() as s:  # the same SMS again: what the first attempt did, nothing more
        again = person.take_message(s, conv, "2", client_key="sms:SM1", now=NOW + timedelta(minutes=3))
        assert again.outcome == person.BOOKED and len(messages.thread(s, case_id)) == 3
    with db.read() as s:
        [shown] = person.for_the_person(s, conv)
    assert shown["buttons"] == []  # booked: no longer options
