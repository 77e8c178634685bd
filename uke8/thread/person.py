"""The person's side of the thread (PRODUCT.md §3b): what they write after the questions, and
their answer to a proposed meeting.

`take_message` is the one use case a message after the questions goes through (from the
action, actions/after_questions.py; the same for chat, the REST channel and SMS). In one
transaction, under the case lock:
- no open meeting: the words go to the veileder (messages.record_from_person);
- a proposed meeting: the words are read against its slots (uke8/understanding/slot_choice.py):
  a clear pick books it; several fitting slots ask which (nothing booked on a guess); "none of
  them" / "another day" / "cancel" withdraw the proposal; anything else is a message;
- a booked meeting: "cancel" or "move" cancels it; anything else is a message.
Every move of a meeting writes meetings.py's audit row and a line from NAV in the thread, and
raises the case for the veileder (unread_from_person, the queue's "Ny melding"); the person's
words are stored as well when they carry more than the choice, so a wish ("… men helst på
video") is never lost.

A retry of the same turn (the same client key: Rasa's message id, or the SMS MessageSid) finds
what the first attempt did and changes nothing again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.cases.actors import SYSTEM_CONVERSATION, Actor
from uke8.cases.errors import UnknownConversation
from uke8.store.models import Case, Meeting, ThreadMessage, utcnow
from uke8.store.repositories import CaseRepository
from uke8.thread import meetings, messages
from uke8.triage import meeting_texts
from uke8.understanding import slot_choice

# What happened to the message (the action's reply follows from it).
MESSAGE = "message"  # stored for the veileder (or, small talk, not)
BOOKED = "booked"
ASK = "ask"  # several slots fit: which one?
NOT_OFFERED = "not_offered"  # names a time that was not proposed
ANOTHER_TIME = "another_time"  # the proposal withdrawn: none of the times suits
MOVED = "moved"  # the booked meeting cancelled, a new time wanted
CANCELLED = "cancelled"
OUTCOMES = (MESSAGE, BOOKED, ASK, NOT_OFFERED, ANOTHER_TIME, MOVED, CANCELLED)

# A message longer than this many words carries more than a choice: its words are stored too.
_BARE_CHOICE_WORDS = 4


@dataclass(frozen=True)
class MeetingFacts:
    """The open meeting as the reply needs it."""

    status: str
    form: str
    slots: tuple[datetime, ...]
    at: datetime | None


@dataclass(frozen=True)
class Taken:
    outcome: str
    stored: bool  # the person's words went to the veileder
    meeting: MeetingFacts | None = None  # the open meeting after the message (None if none)
    changed: MeetingFacts | None = None  # the meeting the message booked, moved or cancelled
    candidates: tuple[int, ...] = field(default=())


def facts(meeting: Meeting | None) -> MeetingFacts | None:
    if meeting is None:
        return None
    return MeetingFacts(meeting.status, meeting.form, tuple(meetings.slots_of(meeting)), meeting.at)


def _case_id(session: Session, conversation_id: str) -> str:
    """The conversation's case, without the lock (for reads)."""
    invitation = CaseRepository(session).invitation_by_conversation(conversation_id)
    if invitation is None:
        raise UnknownConversation(conversation_id)
    return invitation.case_id


def open_meeting_facts(session: Session, conversation_id: str) -> MeetingFacts | None:
    """The conversation's open meeting, read only (for a reply that changes nothing)."""
    return facts(meetings.open_meeting(session, _case_id(session, conversation_id)))


def take_message(session: Session, conversation_id: str, text: str, *, store_words: bool = True, channel: str | None = None,
                 client_key: str | None = None, now: datetime | None = None, today: date | None = None,
                 actor: Actor = SYSTEM_CONVERSATION) -> Taken:
    """One message after the questions. `store_words`: False for small talk ("takk", "hei"),
    which is not a message for the veileder (it may still pick a slot: "ok" to one time)."""
    now = now or utcnow()
    case, invitation = messages.case_of_conversation(session, conversation_id)
    channel = channel or invitation.channel
    repeated = _repeated(session, case, client_key)
    if repeated is not None:
        return repeated
    meeting = meetings.open_meeting(session, case.id)
    if meeting is None:
        return Taken(MESSAGE, _store(session, conversation_id, text, store_words, channel, client_key, now))
    if meeting.status == meetings.FORESLATT:
        slots = meetings.slots_of(meeting)
        choice = slot_choice.read_choice(text, slots, today)
    else:
        slots = [meeting.at] if meeting.at else []
        choice = slot_choice.read_choice(text, slots, today)
    kind = choice.kind
    long = len(text.split()) > _BARE_CHOICE_WORDS
    if meeting.status == meetings.FORESLATT and kind == slot_choice.PICK:
        stored = _store(session, conversation_id, text, store_words and long, channel, client_key, now)
        meetings.book(session, case, actor, choice.index, now=now)
        _line(session, case, meeting, BOOKED, meeting_texts.line_booked(meeting.at, meeting.form), channel, client_key, now, stored)
        return Taken(BOOKED, stored, facts(meeting), facts(meeting))
    if meeting.status == meetings.FORESLATT and kind == slot_choice.ASK:
        stored = _store(session, conversation_id, text, store_words and long, channel, client_key, now)
        return Taken(ASK, stored, facts(meeting), candidates=choice.candidates)
    if kind in (slot_choice.ANOTHER_TIME, slot_choice.MOVE, slot_choice.CANCEL):
        stored = _store(session, conversation_id, text, store_words, channel, client_key, now)
        before = facts(meeting)
        if kind == slot_choice.CANCEL:
            outcome, line, reason = CANCELLED, meeting_texts.line_cancelled(meeting.at), "avlyst_av_person"
        elif meeting.status == meetings.AVTALT:
            outcome, line, reason = MOVED, meeting_texts.line_moved(meeting.at), "ny_tid_onsket"
        else:
            outcome, line, reason = ANOTHER_TIME, meeting_texts.line_another_time(), "ny_tid_onsket"
        meetings.cancel(session, case, actor, reason=reason, now=now)
        _line(session, case, meeting, outcome, line, channel, client_key, now, stored)
        return Taken(outcome, stored, None, before)
    stored = _store(session, conversation_id, text, store_words, channel, client_key, now)
    if meeting.status == meetings.FORESLATT and kind == slot_choice.NO_MATCH:
        return Taken(NOT_OFFERED, stored, facts(meeting))
    return Taken(MESSAGE, stored, facts(meeting))


def _store(session: Session, conversation_id: str, text: str, store: bool, channel: str, client_key: str | None,
           now: datetime) -> bool:
    if not store or not text.strip():
        return False
    messages.record_from_person(session, conversation_id, text, channel=channel, client_key=client_key, now=now)
    return True


def _line(session: Session, case: Case, meeting: Meeting, outcome: str, text: str, channel: str, client_key: str | None,
          now: datetime, raised: bool) -> None:
    """NAV's line in the thread, keyed by the turn and what it did (a retry finds it), and the
    case raised for the veileder unless the person's words already raised it."""
    key = f"{client_key}:{outcome}"[:64] if client_key else None
    messages.record_from_nav(session, case, text, channel, meeting_id=meeting.id, client_key=key, now=now)
    if not raised:
        case.unread_from_person = (case.unread_from_person or 0) + 1
        case.last_person_message_at = now


def _repeated(session: Session, case: Case, client_key: str | None) -> Taken | None:
    """What an earlier attempt at the same turn did, if it changed a meeting."""
    if client_key is None:
        return None
    line = session.scalar(select(ThreadMessage).where(ThreadMessage.case_id == case.id, ThreadMessage.sender == messages.NAV,
                                                      ThreadMessage.client_key.like(f"{client_key}:%")))
    if line is None or line.meeting_id is None:
        return None
    outcome = line.client_key.rsplit(":", 1)[1]
    meeting = session.get(Meeting, line.meeting_id)
    stored = session.scalar(select(ThreadMessage.id).where(ThreadMessage.case_id == case.id,
                                                           ThreadMessage.client_key == client_key)) is not None
    changed = facts(meeting)
    return Taken(outcome, stored, changed if outcome == BOOKED else None, changed)


def for_the_person(session: Session, conversation_id: str) -> list[dict[str, object]]:
    """The veileder's messages as the person's chat page shows them, oldest first: {"id", "text",
    "author", "at" (aware datetime), "buttons"}; the meeting's times are buttons on the message
    that proposed it while it is still proposed. The person reads their own conversation: not
    audited, as the chat page's transcript is not (api/chat/routes.py). The person's own words
    and NAV's lines are in the bot's transcript already, so they are not repeated here."""
    case_id = _case_id(session, conversation_id)
    rows = session.scalars(select(ThreadMessage).where(ThreadMessage.case_id == case_id, ThreadMessage.sender == messages.VEILEDER)
                           .order_by(ThreadMessage.created_at, ThreadMessage.id)).all()
    proposed = meetings.open_meeting(session, case_id)
    open_id = proposed.id if proposed is not None and proposed.status == meetings.FORESLATT else None
    out: list[dict[str, object]] = []
    for row in rows:
        buttons = meeting_texts.slot_buttons(meetings.slots_of(proposed)) if open_id and row.meeting_id == open_id else []
        out.append({"id": row.id, "text": row.text, "author": row.author_name, "at": row.created_at, "buttons": buttons})
    return out

