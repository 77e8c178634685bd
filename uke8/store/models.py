"""The case store's tables (SQLAlchemy 2).

Privacy by layout: the fødselsnummer lives only in `person_identities`, encrypted, with a
keyed hash for look-ups; `cases` carries a pseudonymous person id. `status_history` and
`audit_log` are append-only (the migrations add triggers that refuse UPDATE and DELETE).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from uke8.store.base import Base, Id, UTCDateTime, new_uuid, utcnow  # noqa: F401 - re-exported


class Person(Base):
    __tablename__ = "persons"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonIdentity(Base):
    __tablename__ = "person_identities"
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    fnr_hash: Mapped[str] = mapped_column(String(64), unique=True)
    fnr_sealed: Mapped[str] = mapped_column(Text)


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    enhet: Mapped[str] = mapped_column(String(4))
    employer_orgnr: Mapped[str | None] = mapped_column(String(9))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    sykmeldingsgrad: Mapped[int] = mapped_column(Integer)
    fodselsdato: Mapped[date | None] = mapped_column(Date)
    gjentakende_fravaer: Mapped[bool] = mapped_column(Boolean, default=False)
    usikre_inngangsvilkar: Mapped[bool] = mapped_column(Boolean, default=False)
    alvorlig_diagnose: Mapped[bool] = mapped_column(Boolean, default=False)
    svangerskapsrelatert: Mapped[bool] = mapped_column(Boolean, default=False)
    uforetrygd_100: Mapped[bool] = mapped_column(Boolean, default=False)
    stillingsprosent: Mapped[int] = mapped_column(Integer, default=100)
    channel: Mapped[str] = mapped_column(String(8))
    # The contact register (KRR) says no digital contact: nothing digital goes out (migration 0007).
    reservert_digital: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Migration 0009: a person without an employer (arbeidsledig, frilanser, selvstendig) is
    # asked without the employer question and assessed under triage-v2 (PRODUCT.md §2).
    har_arbeidsgiver: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    mobil_sealed: Mapped[str | None] = mapped_column(Text)
    mobil_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20))
    handoff_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    storage_objection: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_to: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The review queue's read model (migration 0003), kept in step with the invitation, the
    # latest assessment and checkpoint returns by uke8.store.projection on every flush.
    proposal: Mapped[str | None] = mapped_column(String(32))
    reason_mask: Mapped[int] = mapped_column(Integer, default=0)
    invited_on: Mapped[date | None] = mapped_column(Date)
    checkpoint_week: Mapped[int | None] = mapped_column(Integer)
    # The thread's read model (migration 0009): the person's messages the veileder has not read
    # yet, and when the newest came, so the queue can raise the case ("Ny melding").
    unread_from_person: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_person_message_at: Mapped[datetime | None] = mapped_column()

    grades: Mapped[list[GradeChange]] = relationship(order_by="GradeChange.valid_from", lazy="selectin")

    __table_args__ = (
        Index("ix_cases_enhet_status", "enhet", "status"),
        # The scheduler's due query: cases in one status that started before a given day.
        Index("ix_cases_status_start", "status", "start_date"),
        # The review queue: one enhet, optionally one status, newest first or by invitation day;
        # the id makes a page of ids an index-only scan however deep the page.
        Index("ix_cases_enhet_updated", "enhet", "updated_at", "id"),
        Index("ix_cases_enhet_status_updated", "enhet", "status", "updated_at", "id"),
        Index("ix_cases_enhet_invited", "enhet", "invited_on"),
    )


class GradeChange(Base):
    __tablename__ = "grade_history"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    grade: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("case_id", "valid_from", name="uq_grade_case_day"),)


class Invitation(Base):
    """One per sick-leave case; its conversation id is the only key a channel ever sees."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)
    conversation_id: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(8))
    screening: Mapped[str] = mapped_column(String(32))
    invited_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column()
    started_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    round: Mapped[int] = mapped_column(Integer, default=1)


class AnswerRecord(Base):
    """A self-describing snapshot: what was asked, what was shown, what was understood."""

    __tablename__ = "answers"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    question_id: Mapped[str] = mapped_column(String(16))
    slot: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    question: Mapped[dict[str, Any]] = mapped_column()
    raw_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float | None] = mapped_column(Float)
    channel: Mapped[str] = mapped_column(String(8))
    catalogue_version: Mapped[str] = mapped_column(String(32))
    rule_version: Mapped[str] = mapped_column(String(32))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class FreeText(Base):
    """Optional texts the person wrote (follow-ups, meeting times, a changed situation), redacted."""

    __tablename__ = "free_texts"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    question_id: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssessmentRecord(Base):
    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    classification: Mapped[str] = mapped_column(String(32))
    reasons: Mapped[list[Any]] = mapped_column()
    answers: Mapped[dict[str, Any]] = mapped_column()
    facts: Mapped[dict[str, Any]] = mapped_column()
    source: Mapped[str] = mapped_column(String(24))
    rule_version: Mapped[str] = mapped_column(String(32))
    catalogue_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The lifecycle day (Europe/Oslo) the assessment was made for: a scheduler run "as of" a
    # date assesses on that date, and checkpoints compare with it rather than the wall clock.
    as_of: Mapped[date | None] = mapped_column(Date)


class Decision(Base):
    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    veileder_ident: Mapped[str] = mapped_column(String(20))
    classification: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    overrides_proposal: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetingPreference(Base):
    __tablename__ = "meeting_preferences"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    modes: Mapped[list[Any]] = mapped_column()
    times: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StatusChange(Base):
    __tablename__ = "status_history"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Who did what to which case, and whether it was allowed. Never holds an fnr."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(40))
    actor_kind: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The entry point of a change (api, page, scheduler, feed, bot, sms, dev: Actor.via);
    # null for reads, refusals and rows older than migration 0006.
    via: Mapped[str | None] = mapped_column(String(16), default=None)


class Veileder(Base):
    __tablename__ = "veiledere"
    ident: Mapped[str] = mapped_column(String(20), primary_key=True)
    # The name the person sees under the veileder's messages (migration 0009); optional.
    navn: Mapped[str | None] = mapped_column(String(80))
    enheter: Mapped[list[Any]] = mapped_column()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OutboxMessage(Base):
    """A message to the person outside a live conversation, written in the same transaction
    as the state change it announces; delivery adapters read from here.

    The idempotency key (case, round, kind) makes a second write of the same message fail,
    so a rerun or a second scheduler can never send it twice. The payload never holds an
    fnr or a phone number: an adapter opens the case's sealed number at delivery time.
    """

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    channel: Mapped[str] = mapped_column(String(8))
    round: Mapped[int] = mapped_column(Integer, default=1)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
    # Migration 0007: the channel's own id for the message (the SMS gateway's MessageSid), and
    # the newest delivery receipt it reported for it (delivered | undelivered | failed).
    provider_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    receipt: Mapped[str | None] = mapped_column(String(16))
    receipt_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),)


class CheckpointReturn(Base):
    """An "ikke aktuell nå" case brought back to the queue at a legal checkpoint (week 17, 26
    or 39); unique per case and week, so each return happens once."""

    __tablename__ = "checkpoints"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    week: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    classification: Mapped[str] = mapped_column(String(32))
    returned_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("case_id", "week", name="uq_checkpoint_case_week"),)


class CaseNote(Base):
    """A veileder's note on a case; append-only like the history. `client_key` comes from the
    form that wrote it, so a double submission stores the note once."""

    __tablename__ = "case_notes"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    author: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    client_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("case_id", "client_key", name="uq_case_note_client_key"),)


class WebSession(Base):
    """A signed-in veileder on the review pages. The cookie holds a random token; only its
    SHA-256 is stored, so a database dump does not hand out sessions."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ident: Mapped[str] = mapped_column(String(20), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(8))  # "dev" | "oidc"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class ChatSession(Base):
    """A person signed in with ID-porten on the chat page (migration 0008), bound to the one
    conversation whose case their fødselsnummer matched. As for WebSession, the cookie holds a
    random token and only its SHA-256 is stored; signing out revokes the row."""

    __tablename__ = "chat_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    acr: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class SmsInbound(Base):
    """An SMS from a person, recorded before anything is done with it (migration 0004).

    `message_sid` is unique: a gateway delivering the same message twice gets one row, so
    the message is processed once. The text is kept only sealed (Fernet, the store's key)
    and only until the turn is done (`body_sealed` is cleared then): a crash between
    receiving and processing loses nothing, and afterwards nothing of the words stays here.
    A message the bot could not answer after every attempt (`failed`) keeps its text,
    sealed and redacted as free text is, for the veileder (uke8/sms/unanswered.py).
    No phone number either: the row names the case and the invitation's conversation id.
    Status: received -> processing (claimed until `lease_until`) -> processed | failed.
    """

    __tablename__ = "sms_inbound"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    body_sealed: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="received")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column()
    replies: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index("ix_sms_inbound_conversation_status", "conversation_id", "status", "id"),)


class SmsUnknownSender(Base):
    """A number that matched no open SMS invitation and got the one neutral reply: only a keyed
    hash of the number and the day, so it gets no second one (kept a year, then purged)."""

    __tablename__ = "sms_unknown_senders"
    number_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    replied_on: Mapped[date] = mapped_column(Date)


# The tables after the questions live in followup_models.py; imported here so that every table
# is in Base.metadata and `from uke8.store.models import ThreadMessage` works as for the rest.
from uke8.store.followup_models import KartleggingOutcome, Meeting, NewInformation, ThreadMessage  # noqa: E402

APPEND_ONLY_TABLES = ("status_history", "audit_log", "case_notes", "kartlegging_outcomes", "new_information")
# Append-only but for a storage objection writing NOT_STORED_TEXT over the person's words.
FORGETTABLE_TABLES = ("thread_messages",)
