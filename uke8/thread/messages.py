"""Storing and reading the thread. Every text is stored as answers' free text is: identifiers
masked and health details redacted (uke8.privacy.safe_to_store); a person who objected to
storage gets a placeholder in place of their words, so the veileder still sees that they wrote.
The words are never logged or audited, only their length and whether something was redacted.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from uke8.cases import audit
from uke8.cases.actors import SYSTEM_CONVERSATION, Actor
from uke8.cases.conversation import lock_conversation
from uke8.cases.errors import CaseError
from uke8.privacy import safe_to_store
from uke8.store.followup_models import NOT_STORED_TEXT
from uke8.store.models import Case, Invitation, ThreadMessage, utcnow
from uke8.store.repositories import CaseRepository

VEILEDER, PERSON, NAV = "veileder", "person", "nav"
SENDERS = (VEILEDER, PERSON, NAV)

# What the veileder sees in place of the words of a person who objected to storage.
NOT_STORED = NOT_STORED_TEXT
# The longest message either side may send (the API refuses longer with 422).
MAX_TEXT = 2000


class ThreadRefused(CaseError):
    """A thread write this case cannot take (no invitation, reserved against digital contact …)."""


class UnknownCase(CaseError):
    """No such case, or one of another enhet: the API answers 404 for both."""


def locked_case(session: Session, case_id: str, actor: Actor) -> Case:
    """The case row, locked, if `actor` may see it; UnknownCase otherwise (404, never 403)."""
    case = CaseRepository(session).get(case_id, for_update=True)
    if case is None or not actor.may_access(case):
        raise UnknownCase("unknown case")
    return case


def case_of_conversation(session: Session, conversation_id: str) -> tuple[Case, Invitation]:
    """The conversation's case, locked, and its invitation (UnknownConversation for a stranger)."""
    return lock_conversation(session, conversation_id)


def _existing(session: Session, case_id: str, client_key: str | None) -> ThreadMessage | None:
    if client_key is None:
        return None
    return session.scalar(select(ThreadMessage).where(ThreadMessage.case_id == case_id,
                                                      ThreadMessage.client_key == client_key))


# Public for use cases that must know before they write anything else (delivery.py proposes a
# meeting before the message that carries it: a repeat must not propose it again).
by_client_key = _existing


def add(session: Session, case: Case, sender: str, text: str, channel: str, *, author: str | None = None,
        author_name: str | None = None, meeting_id: int | None = None, client_key: str | None = None,
        now: datetime | None = None) -> tuple[ThreadMessage, bool]:
    """Append one message (the caller holds the case lock and writes the audit row).
    Returns (message, created): a client_key seen before returns the earlier message, uncreated."""
    if sender not in SENDERS:
        raise ValueError(f"unknown sender {sender!r}")
    earlier = _existing(session, case.id, client_key)
    if earlier is not None:
        return earlier, False
    stored = safe_to_store(text, limit=MAX_TEXT)
    if stored is None:
        raise ThreadRefused("an empty message")
    if sender == PERSON and case.storage_objection:
        words, redacted = NOT_STORED, True
    else:
        words, redacted = stored.text, stored.changed
    message = ThreadMessage(case_id=case.id, sender=sender, author=author, author_name=author_name, text=words,
                            redacted=redacted, channel=channel, meeting_id=meeting_id, client_key=client_key,
                            created_at=now or utcnow())
    try:
        with session.begin_nested():
            session.add(message)
            session.flush()
    except IntegrityError:  # the same client_key at the same time: the other write won
        earlier = _existing(session, case.id, client_key)
        if earlier is None:
            raise
        return earlier, False
    return message, True


def record_from_person(session: Session, conversation_id: str, text: str, *, channel: str | None = None,
                       client_key: str | None = None, now: datetime | None = None,
                       actor: Actor = SYSTEM_CONVERSATION) -> ThreadMessage:
    """What the person wrote after the questions: into the thread, and the case raised in the
    queue ("Ny melding") until the veileder reads it."""
    case, invitation = case_of_conversation(session, conversation_id)
    message, created = add(session, case, PERSON, text, channel or invitation.channel, client_key=client_key, now=now)
    if created:
        case.unread_from_person = (case.unread_from_person or 0) + 1
        case.last_person_message_at = message.created_at
        audit.write(session, actor, "thread.person_message", case.id,
                    {"message_id": message.id, "redacted": message.redacted, "length": len(text)})
    return message


def record_from_nav(session: Session, case: Case, text: str, channel: str, *, meeting_id: int | None = None,
                    client_key: str | None = None, now: datetime | None = None) -> ThreadMessage:
    """The service's own line in the thread (a meeting booked, cancelled …), so both sides see it.
    The caller's use case writes the audit row for the change it announces."""
    message, _ = add(session, case, NAV, text, channel, meeting_id=meeting_id, client_key=client_key, now=now)
    return message


def thread(session: Session, case_id: str) -> Sequence[ThreadMessage]:
    """The whole thread, oldest first. A read model: callers audit the read (read_thread)."""
    return session.scalars(select(ThreadMessage).where(ThreadMessage.case_id == case_id)
                           .order_by(ThreadMessage.created_at, ThreadMessage.id)).all()


def read_thread(session: Session, case_id: str, actor: Actor, *, mark_read: bool = True) -> Sequence[ThreadMessage]:
    """The veileder reads the thread: audited, and (by default) the person's messages count as read."""
    case = locked_case(session, case_id, actor)
    messages = thread(session, case.id)
    unread = case.unread_from_person or 0
    if mark_read and actor.kind == "veileder" and unread:
        case.unread_from_person = 0
    audit.write(session, actor, "thread.read", case.id, {"messages": len(messages), "unread_before": unread})
    return messages
