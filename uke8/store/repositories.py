"""Repositories: the queries of the use cases' writes and of single-case reads.

Queries live here or in the read models beside the features (uke8/review/queue.py, stats.py,
case_page.py; uke8/lifecycle/timeline.py, outbox.py; uke8/sms/unanswered.py), never in the
entry points (api/, actions/): a route calls a use case or a read model."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from uke8.store.models import (
    AnswerRecord,
    AssessmentRecord,
    AuditEntry,
    Case,
    CaseNote,
    CheckpointReturn,
    Decision,
    FreeText,
    Invitation,
    MeetingPreference,
    OutboxMessage,
    PersonIdentity,
    StatusChange,
    ThreadMessage,
    Veileder,
    utcnow,
)
from uke8.store.followup_models import NOT_STORED_TEXT

# The outbox's statuses and kinds an opt-out reads (uke8/lifecycle/outbox.py owns the rest).
OUTBOX_DELIVERABLE = ("pending", "failed")
OUTBOX_CANCELLED = "cancelled"
OUTBOX_REPLY_KINDS = ("sms_reply",)
# Not cancelled by an opt-out: replies to what the person wrote, and closing a Min side task.
OUTBOX_KEPT_ON_OPT_OUT = (*OUTBOX_REPLY_KINDS, "task_done")


class CaseRepository:
    def __init__(self, session: Session):
        self.session = session

    # -- cases ---------------------------------------------------------------
    def get(self, case_id: str, *, for_update: bool = False, skip_locked: bool = False) -> Case | None:
        """skip_locked (PostgreSQL): None when another transaction holds the case, instead of
        waiting for it; SQLite's BEGIN IMMEDIATE already gives the writer the whole database."""
        stmt = select(Case).where(Case.id == case_id)
        if for_update or skip_locked:
            stmt = stmt.with_for_update(skip_locked=skip_locked)
        return self.session.scalars(stmt).first()

    def by_external_id(self, external_id: str, *, for_update: bool = False) -> Case | None:
        stmt = select(Case).where(Case.external_id == external_id)
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.scalars(stmt).first()

    def add(self, case: Case) -> Case:
        self.session.add(case)
        self.session.flush()
        return case

    def person_by_fnr_hash(self, fnr_hash: str) -> str | None:
        return self.session.scalar(select(PersonIdentity.person_id).where(PersonIdentity.fnr_hash == fnr_hash))

    # -- invitations ---------------------------------------------------------
    def invitation_for_case(self, case_id: str) -> Invitation | None:
        return self.session.scalars(select(Invitation).where(Invitation.case_id == case_id)).first()

    def invitation_by_conversation(self, conversation_id: str) -> Invitation | None:
        return self.session.scalars(select(Invitation).where(Invitation.conversation_id == conversation_id)).first()

    # -- history -------------------------------------------------------------
    def append_status(self, case: Case, status: str, actor: str, note: str | None = None, at: datetime | None = None) -> None:
        case.status = status
        self.session.add(StatusChange(case_id=case.id, status=status, actor=actor, note=note, at=at or utcnow()))

    def status_history(self, case_id: str) -> Sequence[StatusChange]:
        return self.session.scalars(
            select(StatusChange).where(StatusChange.case_id == case_id).order_by(StatusChange.id)
        ).all()

    # -- answers and assessments --------------------------------------------
    def answers(self, case_id: str, round_: int | None = None) -> Sequence[AnswerRecord]:
        stmt = select(AnswerRecord).where(AnswerRecord.case_id == case_id)
        if round_ is not None:
            stmt = stmt.where(AnswerRecord.round == round_)
        return self.session.scalars(stmt.order_by(AnswerRecord.id)).all()

    def latest_answers(self, case_id: str, round_: int) -> dict[str, AnswerRecord]:
        """The newest answer per slot in a round (a corrected answer supersedes the old one)."""
        latest: dict[str, AnswerRecord] = {}
        for record in self.answers(case_id, round_):
            latest[record.slot] = record
        return latest

    def add_answer(self, record: AnswerRecord) -> None:
        self.session.add(record)

    def assessments(self, case_id: str) -> Sequence[AssessmentRecord]:
        return self.session.scalars(
            select(AssessmentRecord).where(AssessmentRecord.case_id == case_id).order_by(AssessmentRecord.id)
        ).all()

    def latest_assessment(self, case_id: str) -> AssessmentRecord | None:
        return self.session.scalars(
            select(AssessmentRecord)
            .where(AssessmentRecord.case_id == case_id)
            .order_by(AssessmentRecord.id.desc())
            .limit(1)
        ).first()

    def latest_assessments(self, case_ids: Iterable[str]) -> dict[str, AssessmentRecord]:
        """The newest assessment of each of these cases, in one query (for lists)."""
        newest = (
            select(func.max(AssessmentRecord.id))
            .where(AssessmentRecord.case_id.in_(list(case_ids)))
            .group_by(AssessmentRecord.case_id)
        )
        records = self.session.scalars(select(AssessmentRecord).where(AssessmentRecord.id.in_(newest))).all()
        return {record.case_id: record for record in records}

    def add_assessment(self, record: AssessmentRecord) -> AssessmentRecord:
        self.session.add(record)
        self.session.flush()
        return record

    def decisions(self, case_id: str) -> Sequence[Decision]:
        return self.session.scalars(select(Decision).where(Decision.case_id == case_id).order_by(Decision.id)).all()

    def decision_for(self, assessment_id: int) -> Decision | None:
        return self.session.scalars(
            select(Decision).where(Decision.assessment_id == assessment_id).order_by(Decision.id.desc()).limit(1)
        ).first()

    def checkpoint_weeks(self, case_id: str) -> Sequence[int]:
        return self.session.scalars(select(CheckpointReturn.week).where(CheckpointReturn.case_id == case_id)).all()

    def has_note(self, case_id: str, client_key: str) -> bool:
        return self.session.scalar(
            select(CaseNote.id).where(CaseNote.case_id == case_id, CaseNote.client_key == client_key)
        ) is not None

    def free_texts(self, case_id: str) -> Sequence[FreeText]:
        return self.session.scalars(select(FreeText).where(FreeText.case_id == case_id).order_by(FreeText.id)).all()

    def forget_thread_words(self, case_id: str) -> int:
        """A storage objection: the person's words in the thread give way to NOT_STORED_TEXT (the
        one change the table's triggers allow); the veileder still sees that they wrote."""
        result = self.session.execute(
            update(ThreadMessage)
            .where(ThreadMessage.case_id == case_id, ThreadMessage.sender == "person", ThreadMessage.text != NOT_STORED_TEXT)
            .values(text=NOT_STORED_TEXT, redacted=True)
            .execution_options(synchronize_session="fetch"))
        return result.rowcount or 0

    def all_meeting_preferences(self, case_id: str) -> Sequence[MeetingPreference]:
        return self.session.scalars(select(MeetingPreference).where(MeetingPreference.case_id == case_id)).all()

    def meeting_preferences(self, case_id: str) -> MeetingPreference | None:
        return self.session.scalars(
            select(MeetingPreference)
            .where(MeetingPreference.case_id == case_id)
            .order_by(MeetingPreference.id.desc())
            .limit(1)
        ).first()


class OutboxRepository:
    def __init__(self, session: Session):
        self.session = session

    def cancel_outreach(self, case_id: str, reason: str) -> int:
        """Cancel what has not gone out yet (an opt-out is honoured on every channel at once).
        Replies to the person's own SMS still go: they answer what the person just wrote."""
        messages = self.session.scalars(
            select(OutboxMessage).where(OutboxMessage.case_id == case_id, OutboxMessage.status.in_(OUTBOX_DELIVERABLE),
                                        OutboxMessage.kind.not_in(OUTBOX_KEPT_ON_OPT_OUT))
        ).all()
        for message in messages:
            message.status = OUTBOX_CANCELLED
            message.last_error = reason
            message.next_attempt_at = None
        return len(messages)


class AuditRepository:
    def __init__(self, session: Session):
        self.session = session

    def append(self, *, actor: str, actor_kind: str, action: str, case_id: str | None, outcome: str,
               detail: dict[str, Any] | None = None, via: str | None = None) -> None:
        self.session.add(
            AuditEntry(actor=actor, actor_kind=actor_kind, action=action, case_id=case_id, outcome=outcome,
                       detail=detail or {}, via=via)
        )

    def for_case(self, case_id: str) -> Sequence[AuditEntry]:
        return self.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)).all()


class VeilederRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, ident: str) -> Veileder | None:
        return self.session.get(Veileder, ident)

    def by_token_hash(self, token_hash: str) -> Veileder | None:
        return self.session.scalars(select(Veileder).where(Veileder.token_hash == token_hash)).first()

    def add(self, veileder: Veileder) -> None:
        self.session.add(veileder)


def counts_by_case(session: Session, model: Any, case_ids: Sequence[str], condition: Any) -> dict[str, int]:
    """Per case, its rows of `model` that meet `condition` (a SQL expression): one query for a
    page of the queue (its flags for undelivered messages and unanswered SMS)."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(model.case_id, func.count())
        .where(model.case_id.in_(list(case_ids)), condition)
        .group_by(model.case_id)
    ).all()
    return {case_id: n for case_id, n in rows}
