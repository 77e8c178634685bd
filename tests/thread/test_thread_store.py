"""The thread's store side (uke8/thread/messages.py, meetings.py): masking and redaction, a
storage objection, double submissions, the unread count, and the meeting's moves."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.lifecycle.helpers import DAY56, at, register, run
from uke8.cases.actors import Actor
from uke8.store.models import AuditEntry, Case, Invitation, ThreadMessage
from uke8.thread import meetings, messages
from uke8.thread.meetings import MeetingRefused, MeetingRequest

VEILEDER = Actor("veileder", "Z990001", frozenset({"0219"}), via="api")
OTHER_ENHET = Actor("veileder", "Z990002", frozenset({"0301"}), via="api")
NOW = at(DAY56, 12)


def _invited(db) -> tuple[str, str]:
    case_id = register(db)
    run(db, DAY56)
    with db.read() as s:
        conversation_id = s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))
    return case_id, conversation_id


def test_person_message_is_masked_redacted_and_raises_the_case(db):
    case_id, conversation_id = _invited(db)
    with db.write() as s:
        messages.record_from_person(s, conversation_id, "Ring meg på 91234567, jeg har fått migrene igjen", now=NOW)
    with db.write() as s:
        case = s.get(Case, case_id)
        assert case.unread_from_person == 1 and case.last_person_message_at == NOW
        [stored] = messages.thread(s, case_id)
        assert "91234567" not in stored.text and "migrene" not in stored.text
        assert stored.redacted and stored.sender == "person"
        audit_rows = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id,
                                                        AuditEntry.action == "thread.person_message")).all()
        assert len(audit_rows) == 1 and "migrene" not in str(audit_rows[0].detail)
    with db.write() as s:
        assert len(messages.read_thread(s, case_id, VEILEDER)) == 1
    with db.read() as s:
        assert s.get(Case, case_id).unread_from_person == 0


def test_storage_objection_keeps_a_placeholder_not_the_words(db):
    case_id, conversation_id = _invited(db)
    with db.write() as s:
        s.get(Case, case_id).storage_objection = True
    with db.write() as s:
        messages.record_from_person(s, conversation_id, "kan vi snakke på fredag?", now=NOW)
    with db.read() as s:
        [stored] = messages.thread(s, case_id)
        assert stored.text == messages.NOT_STORED and "fredag" not in stored.text


def test_the_same_client_key_stores_one_message(db):
    case_id, conversation_id = _invited(db)
    for _ in range(2):
        with db.write() as s:
            messages.record_from_person(s, conversation_id, "hei igjen", client_key="sms-1", now=NOW)
    with db.read() as s:
        assert len(messages.thread(s, case_id)) == 1 and s.get(Case, case_id).unread_from_person == 1


def test_another_enhet_cannot_read_the_thread(db):
    case_id, _ = _invited(db)
    with db.write() as s, pytest.raises(messages.UnknownCase):
        messages.read_thread(s, case_id, OTHER_ENHET)


def test_thread_rows_are_append_only(db):
    case_id, conversation_id = _invited(db)
    with db.write() as s:
        messages.record_from_person(s, conversation_id, "hei", now=NOW)
    with pytest.raises(Exception), db.write() as s:
        s.execute(ThreadMessage.__table__.update().values(text="endret"))


def test_a_meeting_is_proposed_booked_and_cancelled(db):
    case_id, _ = _invited(db)
    slots = (NOW + timedelta(days=3), NOW + timedelta(days=4))
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        meetings.propose(s, case, VEILEDER, MeetingRequest(slots, "telefon"), now=NOW)
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        with pytest.raises(MeetingRefused):
            meetings.book(s, case, VEILEDER, 2, now=NOW)
        booked = meetings.book(s, case, VEILEDER, 1, now=NOW)
        assert booked.status == "avtalt" and booked.at == slots[1]
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        meetings.cancel(s, case, VEILEDER, reason="avlyst_av_person", now=NOW)
        assert meetings.open_meeting(s, case_id) is None
        assert meetings.view(meetings.latest_meeting(s, case_id))["status"] == "avlyst"


def test_a_new_proposal_cancels_the_open_one(db):
    case_id, _ = _invited(db)
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        first = meetings.propose(s, case, VEILEDER, MeetingRequest((NOW + timedelta(days=2),), "video"), now=NOW)
        second = meetings.propose(s, case, VEILEDER, MeetingRequest((NOW + timedelta(days=5),), "kontor"), now=NOW)
        assert first.status == "avlyst" and second.status == "foreslatt"


@pytest.mark.parametrize("slots, form", [
    ((), "telefon"),
    ((NOW + timedelta(days=1),) * 2, "telefon"),
    (tuple(NOW + timedelta(days=d) for d in range(1, 5)), "telefon"),
    ((NOW - timedelta(hours=1),), "telefon"),
    ((NOW.replace(tzinfo=None) + timedelta(days=1),), "telefon"),
    ((NOW + timedelta(days=1),), "kafé"),
])
def test_requests_the_person_could_not_pick_are_refused(slots, form):
    with pytest.raises(MeetingRefused):
        MeetingRequest(slots, form).check(NOW)
