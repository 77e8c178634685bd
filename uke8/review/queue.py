"""The review queue, the one read model of both the review pages and GET /api/v1/queue: one
indexed query on `cases` (its read-model columns, see uke8.store.projection), filtered, sorted
and paged, plus counts per status. What is due next comes from the lifecycle's timeline, read
for the whole page at once (`load_timelines`: a fixed number of queries however long the page).
The JSON API's items add a few figures per row (`api_details`), again one query each a page.
The pages page by number, the API by offset (`QueueQuery.offset`)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from uke8.lifecycle import outbox
from uke8.notifications.status import contact_otherwise
from uke8.lifecycle.timeline import load_timelines, next_due, returned_week
from uke8.review.due import due_label
from uke8.review.labels import reason_text
from uke8.sms import unanswered as sms_unanswered
from uke8.store.models import Case
from uke8.store.projection import reason_bit, reasons_from_mask
from uke8.store.repositories import CaseRepository

SORTS = ("oppdatert", "invitert", "grad")
VIEWS = ("alle", "nye", "ikke_svart", "kontakt", "kontrollpunkt", "ny_informasjon", "ny_melding", "mine")
UNANSWERED_MASK = reason_bit("ubesvart_grad_30_eller_mer") | reason_bit("ubesvart_lav_grad")


@dataclass(frozen=True)
class QueueQuery:
    enheter: frozenset[str] | None
    me: str | None = None
    statuses: tuple[str, ...] = ()
    reason: str | None = None
    channel: str | None = None
    view: str = "alle"
    sort: str = "oppdatert"
    page: int = 1
    per_page: int = 25
    offset: int | None = None  # the JSON API's paging; None: (page - 1) * per_page


@dataclass(frozen=True)
class QueueRow:
    id: str
    external_id: str
    enhet: str
    person_id: str
    fodselsdato: date | None
    status: str
    proposal: str | None
    reasons: list[str]
    reason_texts: list[str]
    channel: str
    invited_on: date | None
    days_since_invitation: int | None
    sykmeldingsgrad: int
    handoff_requested: bool
    gjentakende_fravaer: bool
    opted_out: bool
    checkpoint_week: int | None
    assigned_to: str | None
    due: str
    reservert_digital: bool
    updated_at: datetime
    next_due: dict | None = None  # the lifecycle's next step and its day (timeline.next_due)
    returned_week: int | None = None  # the checkpoint week a case in `sjekkpunkt` is back for
    unread_from_person: int = 0  # "Ny melding": the person's messages in the thread not read yet


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    per_page: int
    counts: dict[str, int] = field(default_factory=dict)
    offset: int = 0
    with_new_messages: int = 0  # cases of the enheter with "Ny melding" (whatever the filters)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _filtered(stmt: Select, q: QueueQuery) -> Select:
    if q.enheter is not None:
        enheter = sorted(q.enheter)
        stmt = stmt.where(Case.enhet == enheter[0]) if len(enheter) == 1 else stmt.where(Case.enhet.in_(enheter))
    if q.statuses:
        statuses = list(q.statuses)
        stmt = stmt.where(Case.status == statuses[0]) if len(statuses) == 1 else stmt.where(Case.status.in_(statuses))
    if q.reason:
        stmt = stmt.where(Case.reason_mask.op("&")(reason_bit(q.reason)) != 0)
    if q.channel:
        stmt = stmt.where(Case.channel == q.channel)
    if q.view == "nye":
        stmt = stmt.where(Case.status == "vurdert", Case.checkpoint_week.is_(None))
    elif q.view == "ikke_svart":
        stmt = stmt.where(Case.reason_mask.op("&")(UNANSWERED_MASK) != 0)
    elif q.view == "kontakt":
        stmt = stmt.where(Case.handoff_requested.is_(True))
    elif q.view == "kontrollpunkt":
        stmt = stmt.where(Case.checkpoint_week.is_not(None))
    elif q.view == "ny_informasjon":
        stmt = stmt.where(Case.status == "ny_informasjon")
    elif q.view == "ny_melding":  # the person wrote in the thread and the veileder has not read it
        stmt = stmt.where(Case.unread_from_person > 0)
    elif q.view == "mine":
        stmt = stmt.where(Case.assigned_to == q.me)
    return stmt


def _ordered(stmt: Select, sort: str) -> Select:
    if sort == "invitert":  # longest since invitation first
        return stmt.order_by(Case.invited_on.asc().nulls_last(), Case.id)
    if sort == "grad":
        return stmt.order_by(Case.sykmeldingsgrad.desc(), Case.updated_at.desc(), Case.id)
    return stmt.order_by(Case.updated_at.desc(), Case.id)


def counts_by_status(session: Session, enheter: frozenset[str] | None) -> dict[str, int]:
    stmt = select(Case.status, func.count()).group_by(Case.status)
    if enheter is not None:
        stmt = stmt.where(Case.enhet.in_(sorted(enheter)))
    return {status: n for status, n in session.execute(stmt).all()}


def count_new_messages(session: Session, enheter: frozenset[str] | None) -> int:
    """Cases with "Ny melding": the queue names how many, and its view "ny_melding" lists them.
    (A person's message also moves its case to the top of the default sort: it updates the case.)"""
    return session.scalar(_filtered(select(func.count()).select_from(Case), QueueQuery(enheter=enheter, view="ny_melding"))) or 0


def queue_page(session: Session, q: QueueQuery, today: date) -> QueuePage:
    columns = (
        Case.id, Case.external_id, Case.enhet, Case.person_id, Case.fodselsdato, Case.status, Case.proposal, Case.reason_mask,
        Case.channel, Case.invited_on, Case.sykmeldingsgrad, Case.handoff_requested, Case.gjentakende_fravaer,
        Case.opted_out, Case.checkpoint_week, Case.assigned_to, Case.updated_at, Case.start_date, Case.end_date,
        Case.reservert_digital, Case.unread_from_person,
    )
    page = max(1, q.page)
    offset = q.offset if q.offset is not None else (page - 1) * q.per_page
    # Deferred join: find the page's ids on `cases` alone (an index-only scan, however deep
    # the page), then fetch and join only those rows.
    ids = _ordered(_filtered(select(Case.id), q), q.sort).limit(q.per_page).offset(offset).subquery()
    stmt = _ordered(select(*columns).join(ids, ids.c.id == Case.id), q.sort)
    result = session.execute(stmt).all()
    clocks = load_timelines(session, result)
    if offset == 0 and len(result) < q.per_page:
        total = len(result)
    else:
        total = session.scalar(_filtered(select(func.count()).select_from(Case), q)) or 0
    rows = []
    for r in result:
        reasons = reasons_from_mask(r.reason_mask or 0)
        rows.append(
            QueueRow(
                id=r.id, external_id=r.external_id, enhet=r.enhet, person_id=r.person_id, fodselsdato=r.fodselsdato, status=r.status,
                proposal=r.proposal, reasons=reasons, reason_texts=[reason_text(c) for c in reasons],
                channel=r.channel, invited_on=r.invited_on,
                days_since_invitation=(today - r.invited_on).days if r.invited_on else None,
                sykmeldingsgrad=r.sykmeldingsgrad, handoff_requested=r.handoff_requested,
                gjentakende_fravaer=r.gjentakende_fravaer, opted_out=r.opted_out,
                checkpoint_week=r.checkpoint_week, assigned_to=r.assigned_to,
                due=due_label(clocks[r.id], today),
                reservert_digital=r.reservert_digital,
                updated_at=r.updated_at,
                next_due=next_due(clocks[r.id], today),
                returned_week=returned_week(clocks[r.id]),
                unread_from_person=r.unread_from_person or 0,
            )
        )
    return QueuePage(rows=rows, total=total, page=page, per_page=q.per_page, counts=counts_by_status(session, q.enheter),
                     offset=offset, with_new_messages=count_new_messages(session, q.enheter))


@dataclass(frozen=True)
class ApiDetails:
    """What the JSON API's queue item adds to a row: the newest assessment's proposal and
    reasons (in the rules' order, as the case view lists them), and the flags for messages the
    delivery gave up on and SMS the bot could not answer."""

    classification: str | None
    reasons: list[str]
    undelivered_messages: int
    unanswered_sms: int
    contact_otherwise: str | None = None  # "Må kontaktes på annen måte": reservert_digital | ikke_levert


def api_details(session: Session, rows: list[QueueRow]) -> dict[str, ApiDetails]:
    ids = [row.id for row in rows]
    assessments = CaseRepository(session).latest_assessments(ids)
    dead = outbox.dead_counts(session, ids)
    unanswered = sms_unanswered.counts(session, ids)
    otherwise = contact_otherwise(session, [(row.id, row.reservert_digital) for row in rows])
    details = {}
    for case_id in ids:
        assessment = assessments.get(case_id)
        details[case_id] = ApiDetails(
            classification=assessment.classification if assessment else None,
            reasons=list(assessment.reasons) if assessment else [],
            undelivered_messages=dead.get(case_id, 0),
            unanswered_sms=unanswered.get(case_id, 0),
            contact_otherwise=otherwise.get(case_id),
        )
    return details
