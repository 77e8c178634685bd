"""Ask the person the questions again after new information (PRODUCT.md §3b): the use case's
new round (uke8/cases/new_information.reopen_round: the status move, the deadline, the audit
row) and the message that tells the person, on the case's own channel, in one transaction: both
are written, or neither.

The message says honestly that NAV has new information and would like to ask again, that it
is voluntary, and nothing about which information (uke8/triage/notices.py). On chat it is the
round's invitation (a Min side task with the link, and its varsel); by SMS the round's opening
SMS, and the person's reply starts the questions (actions/after_questions.py: a round that is
open again is asked, not answered as a message after the questions).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from uke8.cases.actors import Actor
from uke8.cases.new_information import reopen_round
from uke8.clock import moment_of
from uke8.lifecycle import outbox
from uke8.store.models import Case, Invitation, OutboxMessage
from uke8.triage import notices


def ask_again(session: Session, case_id: str, actor: Actor, today: date, *, now: datetime | None = None) -> Invitation | None:
    """Open a new round and queue its message; None when a round is open already (nothing sent)."""
    reopened = reopen_round(session, case_id, actor, today)
    if reopened is None:
        return None
    case, invitation = reopened
    _enqueue_invitation(session, case, invitation, today, now or moment_of(today))
    return invitation


def _enqueue_invitation(session: Session, case: Case, invitation: Invitation, today: date | None = None,
                        now: datetime | None = None) -> OutboxMessage | None:
    """The invitation of the round the veileder opened, or None when nothing may be sent. The round's own invitation kind (`invitation` on chat,
    `sms_opening` on SMS) and key (case:round:kind, once per round), so it goes out, becomes a
    Min side task with its varsel, and closes, exactly as the first; worded as asked again
    (`minside_text`: the task's own words)."""
    if not outbox.may_contact(case, today):
        return None
    if invitation.channel == "sms":
        kind, payload = outbox.SMS_OPENING, {"template": "ask-again-sms-v1", "text": notices.ask_again_sms()}
    else:
        kind = outbox.INVITATION
        payload = outbox.chat_payload("ask-again-chat-v1", notices.ask_again_chat(outbox.link_valid_until(invitation)), invitation)
        payload["minside_text"] = notices.minside_task_again()
    return outbox.enqueue_message(session, case.id, kind, invitation.channel, invitation.round,
                                  outbox.idempotency_key(case.id, invitation.round, kind), payload,
                                  now=now or (moment_of(today) if today else None))
