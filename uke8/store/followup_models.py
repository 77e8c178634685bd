"""The tables of what happens after the questions (PRODUCT.md §3b, migration 0009): the thread,
its meetings, the kartlegging's outcome and new information. Kept apart from models.py so each
module stays small; models.py re-exports them, so every table is in one metadata.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from uke8.store.base import Base, Id, utcnow

# What the veileder sees in place of the words of a person who objected to storage: stored
# instead of a later message, and written over the earlier ones when the objection comes. The
# only change thread_messages allows (migration 0009's triggers hold a copy of this text).
NOT_STORED_TEXT = "(Personen har bedt om at det de skriver ikke lagres. Meldingen er ikke lagret.)"


class Meeting(Base):
    """A meeting the veileder proposed in the thread (PRODUCT.md §3b): one to three slots and
    a form. Status foreslatt -> avtalt (the slot the person picked is `at`) | avlyst; every
    change is also an audit row, so this row may change while its history stays."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    proposed_by: Mapped[str] = mapped_column(String(20))
    form: Mapped[str] = mapped_column(String(12))  # kontor | video | telefon | arbeidsplass
    slots: Mapped[list[Any]] = mapped_column()  # ISO 8601 datetimes with offset, 1-3
    status: Mapped[str] = mapped_column(String(10), default="foreslatt")
    at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ThreadMessage(Base):
    """One message in the thread after the questions (PRODUCT.md §3b), append-only but for one
    change: a storage objection writes NOT_STORED_TEXT over the person's words.

    `sender`: veileder | person | nav (the service's own notices: receipts, meeting
    confirmations). The text is stored as answers' free text is: identifiers masked, health
    details redacted; a person who objected to storage gets a placeholder instead of words.
    `client_key` (a form's or a channel's id for the message) makes a double submission one row.
    """

    __tablename__ = "thread_messages"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sender: Mapped[str] = mapped_column(String(10))
    author: Mapped[str | None] = mapped_column(String(20))  # the veileder's ident
    author_name: Mapped[str | None] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str] = mapped_column(String(8))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    client_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (UniqueConstraint("case_id", "client_key", name="uq_thread_case_client_key"),)


class KartleggingOutcome(Base):
    """What the kartlegging found (PRODUCT.md §3b), append-only: a behovsvurdering (innsats,
    whether a §14a vedtak is needed, a short note) or "ikke aktuell nå" after all."""

    __tablename__ = "kartlegging_outcomes"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    veileder_ident: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))  # behovsvurdering | ikke_aktuell_na
    innsats: Mapped[str | None] = mapped_column(String(24))
    trenger_14a: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewInformation(Base):
    """New information on a case (PRODUCT.md §3b), append-only: a legeerklæring, the
    oppfølgingsplan, a dialogmøte request, another NAV unit. From a veileder or the register
    feed; `feed_key` makes the feed's signal idempotent."""

    __tablename__ = "new_information"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(10))  # veileder | feed
    actor: Mapped[str] = mapped_column(String(40))
    feed_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
