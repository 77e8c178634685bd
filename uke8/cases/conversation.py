"""The conversation's side of a case, apart from the answers (answers.py): what a channel
needs to know before it answers a turn, and the person's own moves: opening the conversation,
meeting preferences, STOPP, asking for a human, "ikke lagre", a changed situation.

Each write locks the case row first (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN
IMMEDIATE already serialises writers), so the action server and the API can write the same
case at once without losing either write. Each writes its own audit row; the actor defaults to
the conversation (via the bot); the SMS webhook passes its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import SYSTEM_CONVERSATION, Actor
from uke8.cases.assessments import assessment_summary
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.cases.status import OPEN_FOR_ANSWERS, Status, may_move
from uke8.clock import today_in_oslo
from uke8.privacy import safe_to_store
from uke8.settings import get_settings
from uke8.store.models import Case, Invitation, MeetingPreference, utcnow
from uke8.store.repositories import CaseRepository, OutboxRepository
from uke8.triage import ScreeningResult


@dataclass(frozen=True)
class ConversationState:
    """What a channel needs to know about an invitation before it answers a turn."""

    case_id: str
    conversation_id: str
    channel: str
    screening: str
    status: str
    round: int
    answers: dict[str, str]
    opted_out: bool
    storage_objection: bool
    gjentakende_fravaer: bool
    assessment: dict[str, Any] | None
    # False: no q2, q1 about work in general, triage-v2 (PRODUCT.md §2)
    har_arbeidsgiver: bool = True

    @property
    def open_for_answers(self) -> bool:
        return self.screening == ScreeningResult.SPORSMAL and not self.opted_out and self.status in OPEN_FOR_ANSWERS


def conversation_state(session: Session, conversation_id: str) -> ConversationState:
    repo = CaseRepository(session)
    invitation = repo.invitation_by_conversation(conversation_id)
    if invitation is None:
        raise UnknownConversation(conversation_id)
    case = repo.get(invitation.case_id)
    assert case is not None
    latest = repo.latest_answers(case.id, invitation.round)
    assessment = repo.latest_assessment(case.id)
    return ConversationState(
        case_id=case.id,
        conversation_id=conversation_id,
        channel=invitation.channel,
        screening=invitation.screening,
        status=case.status,
        round=invitation.round,
        answers={slot: record.code for slot, record in latest.items()},
        opted_out=case.opted_out,
        storage_objection=case.storage_objection,
        gjentakende_fravaer=case.gjentakende_fravaer,
        assessment=assessment_summary(assessment) if assessment and assessment.round == invitation.round else None,
        har_arbeidsgiver=case.har_arbeidsgiver,
    )


def lock_conversation(session: Session, conversation_id: str) -> tuple[Case, Invitation]:
    repo = CaseRepository(session)
    invitation = repo.invitation_by_conversation(conversation_id)
    if invitation is None:
        raise UnknownConversation(conversation_id)
    case = repo.get(invitation.case_id, for_update=True)
    assert case is not None
    return case, invitation


def mark_started(session: Session, conversation_id: str) -> bool:
    """Record that the person opened the conversation; True the first time."""
    _, invitation = lock_conversation(session, conversation_id)
    if invitation.started_at is not None:
        return False
    invitation.started_at = utcnow()
    return True


def record_meeting_preferences(session: Session, conversation_id: str, modes: list[str], times: str | None,
                               actor: Actor = SYSTEM_CONVERSATION) -> None:
    case, _ = lock_conversation(session, conversation_id)
    stored = safe_to_store(times) if times and not case.storage_objection else None
    session.add(MeetingPreference(case_id=case.id, modes=modes, times=stored.text if stored else None))
    audit.write(session, actor, "meeting.preferences", case.id, {"modes": modes})


def record_opt_out(session: Session, conversation_id: str, actor: Actor = SYSTEM_CONVERSATION) -> None:
    """Stop: no more messages on any channel. The answers already given still count."""
    case, invitation = lock_conversation(session, conversation_id)
    if case.opted_out:
        return
    case.opted_out = True
    # Only an open round becomes `reservert` (the deadline then counts the answers given); a
    # case already assessed keeps its place in the queue, with the flag set.
    if invitation.closed_at is None and may_move(case.status, Status.RESERVERT):
        moves.move(session, case, Status.RESERVERT, actor, note="personen ønsker ikke å bli kontaktet")
    cancelled = OutboxRepository(session).cancel_outreach(case.id, "personen har reservert seg")
    audit.write(session, actor, "conversation.opt_out", case.id, {"outbox_cancelled": cancelled} if cancelled else None)


def record_handoff(session: Session, conversation_id: str, actor: Actor = SYSTEM_CONVERSATION) -> None:
    case, _ = lock_conversation(session, conversation_id)
    case.handoff_requested = True
    audit.write(session, actor, "conversation.handoff", case.id)


def record_storage_objection(session: Session, conversation_id: str, actor: Actor = SYSTEM_CONVERSATION) -> None:
    """"Jeg vil ikke at dere lagrer dette": keep only the answer codes the veileder needs."""
    case, _ = lock_conversation(session, conversation_id)
    case.storage_objection = True
    repo = CaseRepository(session)
    for text in repo.free_texts(case.id):
        session.delete(text)
    for answer in repo.answers(case.id):
        answer.raw_text = None
    for pref in repo.all_meeting_preferences(case.id):
        pref.times = None
    forgotten = repo.forget_thread_words(case.id)
    audit.write(session, actor, "conversation.storage_objection", case.id, {"thread_messages_forgotten": forgotten})


def begin_new_round(session: Session, conversation_id: str, today: date | None = None,
                    actor: Actor = SYSTEM_CONVERSATION) -> int:
    """A changed situation: the person answers again; the old assessment stays in the history.

    The new round gets its own deadline (UKE8_ANSWER_DEADLINE_DAYS from today), after which
    the scheduler assesses what was answered, or, if nothing was, puts the case back in the
    queue with the earlier assessment. No reminder is sent for a later round.
    """
    case, invitation = lock_conversation(session, conversation_id)
    if case.opted_out:
        raise CaseError("the person has opted out")
    if CaseRepository(session).latest_assessment(case.id) is None:
        return invitation.round  # nothing assessed yet: just keep answering this round
    invitation.round += 1
    invitation.closed_at = None
    invitation.deadline = (today or today_in_oslo()) + timedelta(days=get_settings().answer_deadline_days)
    moves.move(session, case, Status.BESVART, actor, note="situasjonen er endret, ny vurdering")
    audit.write(session, actor, "conversation.new_round", case.id, {"round": invitation.round, "deadline": invitation.deadline.isoformat()})
    return invitation.round
