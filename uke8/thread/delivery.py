"""The veileder writes to the person (PRODUCT.md §3b): one use case, used by the JSON API and the
case page alike.

post_from_veileder, in the caller's transaction and under the case's row lock:
1. refuses a case the veileder may not see (UnknownCase: 404), and a person the message cannot
   reach (Unreachable: 409 — no invitation yet, screened out, STOPP, reserved against digital
   contact, sick leave ended, an SMS case without a number), saying what to do instead;
2. stores the message (masked and redacted like every thread text) with the veileder's ident and
   name, proposes the meeting if there is one (meetings.propose: an open one is cancelled) and
   links it, and writes the audit row;
3. queues its delivery in the outbox in the same transaction, so a crash leaves both or neither:
   by SMS the message itself, signed, with numbered times (`thread_sms`); on chat a Min side
   beskjed with the signed link (`thread_notice`, published by `uke8 notify`, whose neutral
   varsel SMS follows once it is out). The outbox key names the thread message: each goes once.
A repeat of the same client key returns the message stored the first time and changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.cases.status import Status
from uke8.clock import today_in_oslo
from uke8.lifecycle import outbox
from uke8.privacy import safe_to_store
from uke8.store.models import Case, Invitation, Meeting, ThreadMessage, Veileder, utcnow
from uke8.store.repositories import CaseRepository
from uke8.thread import meetings, messages, texts
from uke8.thread.meetings import MeetingRequest
from uke8.thread.messages import ThreadRefused

# A chat link in a notice works at least this long after the message (the invitation's link
# may have run out long before the veileder writes).
THREAD_LINK_DAYS = 14
# A veileder's client key is stored with this prefix, so it can never meet a channel's key.
KEY_PREFIX = "v:"
CLIENT_KEY_MAX = 64 - len(KEY_PREFIX)
STILL_ANSWERING = (Status.INVITERT, Status.PAMINNET)


class Unreachable(ThreadRefused):
    """The message cannot reach the person; `reason` is one of texts.UNREACHABLE's codes and
    `words` tells the veileder, in Norwegian, what to do instead."""

    def __init__(self, reason: str, message: str, words: str):
        super().__init__(message)
        self.reason = reason
        self.words = words


class MessageRefused(ThreadRefused):
    """Something the veileder can fix in what they wrote (the API answers 422)."""

    def __init__(self, message: str, words: str):
        super().__init__(message)
        self.words = words


@dataclass(frozen=True)
class Posted:
    message: ThreadMessage
    meeting: Meeting | None
    created: bool  # False: the client key was seen before; nothing was written


def unreachable(case: Case, invitation: Invitation | None, today: date) -> str | None:
    """Why nothing the veileder writes can reach the person now, or None (the same rules as
    outbox.may_contact, which the delivery checks again when it sends)."""
    if case.reservert_digital:
        return texts.RESERVED
    if case.status == Status.EKSKLUDERT or (invitation is not None and invitation.screening == "ekskludert_ingen_hilsen"):
        return texts.EXCLUDED
    if invitation is None:
        return texts.NOT_INVITED
    if case.opted_out:
        return texts.OPTED_OUT
    if case.end_date is not None and case.end_date < today:
        return texts.ENDED
    if invitation.channel == "sms" and not case.mobil_sealed:
        return texts.NO_MOBILE
    return None


def may_propose_meeting(case: Case) -> bool:
    """Not while the questions are open: "1" or "2" would be read as an answer to them."""
    return case.status not in STILL_ANSWERING


def author_name(session: Session, actor: Actor) -> str:
    veileder = session.get(Veileder, actor.ident)
    return (veileder.navn if veileder is not None and veileder.navn else None) or texts.FALLBACK_NAME


def check_text(text: str, channel: str) -> None:
    """What an SMS cannot carry (its length, words about sick leave or health), checked on the
    text as it would be stored and sent."""
    if channel != "sms":
        return
    length = len((text or "").strip())
    if length > texts.SMS_TEXT_MAX:
        english, words = texts.SMS_TOO_LONG
        raise MessageRefused(english.format(limit=texts.SMS_TEXT_MAX), words.format(limit=texts.SMS_TEXT_MAX, length=length))
    stored = safe_to_store(text, limit=messages.MAX_TEXT)
    if stored is not None and stored.categories:  # the SMS would carry "[helseopplysning fjernet]"
        raise MessageRefused(*texts.SMS_HEALTH)
    word = texts.sms_words_refused(text)
    if word is not None:
        english, words = texts.SMS_WORDS
        raise MessageRefused(english.format(word=word), words.format(word=word))


def post_from_veileder(session: Session, case_id: str, actor: Actor, text: str, meeting: MeetingRequest | None = None,
                       client_key: str | None = None, now: datetime | None = None, today: date | None = None) -> Posted:
    now = now or utcnow()
    today = today or today_in_oslo(now)
    case = messages.locked_case(session, case_id, actor)
    if actor.kind != "veileder":
        raise ThreadRefused("only a veileder writes to the person")
    key = f"{KEY_PREFIX}{client_key}" if client_key else None
    earlier = messages.by_client_key(session, case.id, key)
    if earlier is not None:
        linked = session.get(Meeting, earlier.meeting_id) if earlier.meeting_id else None
        return Posted(earlier, linked, False)
    invitation = CaseRepository(session).invitation_for_case(case.id)
    reason = unreachable(case, invitation, today)
    if reason is not None:
        english, words = texts.UNREACHABLE[reason]
        raise Unreachable(reason, english, words)
    assert invitation is not None
    channel = invitation.channel
    check_text(text, channel)
    proposed = None
    if meeting is not None:
        if not may_propose_meeting(case):
            english, words = texts.MEETING_TOO_EARLY
            raise Unreachable(texts.STILL_ANSWERING, english, words)
        proposed = meetings.propose(session, case, actor, meeting, now=now)  # audits itself
    name = author_name(session, actor)
    message, created = messages.add(session, case, messages.VEILEDER, text, channel, author=actor.ident, author_name=name,
                                    meeting_id=proposed.id if proposed else None, client_key=key, now=now)
    audit.write(session, actor, "thread.veileder_message", case.id,
                {"message_id": message.id, "channel": channel, "length": len(text), "redacted": message.redacted,
                 "meeting_id": proposed.id if proposed else None})
    _queue(session, case, invitation, message, proposed, today, now)
    return Posted(message, proposed, created)


def notice_link_valid_until(invitation: Invitation, today: date) -> date:
    return max(outbox.link_valid_until(invitation), today + timedelta(days=THREAD_LINK_DAYS))


def outbox_key(case_id: str, round_: int, kind: str, message_id: int) -> str:
    return f"{outbox.idempotency_key(case_id, round_, kind)}:{message_id}"


def _queue(session: Session, case: Case, invitation: Invitation, message: ThreadMessage, meeting: Meeting | None,
           today: date, now: datetime) -> None:
    if invitation.channel == "sms":
        slots = meetings.slots_of(meeting) if meeting is not None else []
        payload = {"template": "thread-sms-v1", "thread_message_id": message.id,
                   "text": texts.sms_from_veileder(message.author_name, message.text, slots, meeting.form if meeting else None)}
        kind = outbox.THREAD_SMS
    else:
        valid = notice_link_valid_until(invitation, today)
        # The texts of the beskjed and of its varsel travel with the row (uke8/notifications
        # reads them from here), so the notice says what it said when the veileder wrote.
        payload = {"template": "thread-notice-chat-v1", "thread_message_id": message.id, "text": texts.chat_notice(valid),
                   "link_valid_until": valid.isoformat(), "minside_text": texts.minside_notice(),
                   "varsel_text": texts.varsel_sms()}
        kind = outbox.THREAD_NOTICE
    outbox.enqueue_message(session, case.id, kind, invitation.channel, invitation.round,
                           outbox_key(case.id, invitation.round, kind, message.id), payload, now=now)
