"""What goes to Min side for an outbox message of the `chat` channel, what follows it, and the
close of a task that is done.

- TaskSender: the outbox adapter of the `chat` channel. The invitation becomes an `opprett` task
  event, the reminder `paminn` (same task), a tailored greeting a `beskjed`, `task_done` the
  `inaktiver` that closes the task. The ident (fødselsnummer) is opened from the sealed copy at
  the moment of publishing, as the SMS worker opens the number: the outbox never holds it.
- then_varsel: runs in the transaction that marks a task event sent (outbox.record_sent's
  `on_sent`): a published invitation or reminder queues its neutral varsel SMS when the case has
  a mobile number (key `case:round:varsel` / `…:varsel_reminder`: once). Task first, then the
  varsel, so the person finds the task when the SMS says to look.
- close_done_tasks: the sweep `uke8 notify` runs every round. A task is open while its case waits
  for answers (status invitert or paminnet) and may be contacted; once that is over, one
  `task_done` is queued (key `case:round:task_done`, unique) with the reason, and what was not yet
  published for the round (a reminder, a varsel) is cancelled instead of sent. Only a task that
  was published is closed: a cancelled invitation made no task.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.cases.status import Status
from uke8.clock import OSLO, today_in_oslo
from uke8.lifecycle import outbox
from uke8.lifecycle.links import make_link
from uke8.lifecycle.outbox import Outgoing
from uke8.notifications import events
from uke8.notifications.events import TaskEvent
from uke8.notifications.publisher import TaskPublisher
from uke8.store.crypto import get_sealer
from uke8.store.db import Database
from uke8.store.models import AssessmentRecord, Case, Invitation, OutboxMessage, PersonIdentity, utcnow
from uke8.triage import notices

SYSTEM_NOTIFY = Actor("system", "varsling", via="scheduler")
TASK_KINDS = (outbox.INVITATION, outbox.REMINDER)
EVENT_OF = {outbox.INVITATION: events.OPPRETT, outbox.REMINDER: events.PAMINN, outbox.TAILORED_GREETING: events.BESKJED,
            outbox.TASK_DONE: events.INAKTIVER, outbox.THREAD_NOTICE: events.BESKJED}
TASK_TEXT = {outbox.INVITATION: notices.minside_task, outbox.REMINDER: notices.minside_task_reminder,
             outbox.TAILORED_GREETING: notices.minside_greeting}
WAITING = (Status.INVITERT, Status.PAMINNET)


class TaskSender:
    """The `chat` channel's adapter for outbox.deliver: one task event through the publisher."""

    def __init__(self, db: Database, publisher: TaskPublisher):
        self.db = db
        self.publisher = publisher
        self.sealer = get_sealer()

    def event_for(self, message: Outgoing) -> TaskEvent:
        with self.db.read() as session:
            row = session.get(OutboxMessage, message.id)
            case = session.get(Case, message.case_id)
            sealed = session.scalar(select(PersonIdentity.fnr_sealed).where(PersonIdentity.person_id == case.person_id))
            conversation_id = session.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case.id))
            payload = dict(row.payload or {})
            round_ = row.round
        # A veileder's message is a beskjed of its own, beside the invitation's task (uke8/thread).
        task = (events.notice_id(message.idempotency_key) if message.kind == outbox.THREAD_NOTICE
                else events.task_id(message.case_id, round_))
        common = dict(event=EVENT_OF[message.kind], event_id=str(message.id), idempotency_key=message.idempotency_key,
                      task_id=task, ident=self.sealer.open(sealed))
        if message.kind == outbox.TASK_DONE:
            return TaskEvent(**common, reason=payload.get("reason"))
        valid_until = payload.get("link_valid_until")
        link = make_link(conversation_id, date.fromisoformat(valid_until)) if valid_until and conversation_id else None
        # A round the veileder opened again carries its own words (uke8/lifecycle/ask_again.py).
        text = payload.get("minside_text") or TASK_TEXT[message.kind]()
        return TaskEvent(**common, text=text, link=link, valid_until=valid_until)

    def __call__(self, message: Outgoing, case: Case) -> dict:
        if message.kind not in EVENT_OF:
            raise outbox.PermanentFailure(f"no Min side event for kind {message.kind}")
        event = self.event_for(message)
        self.publisher.publish(event)
        return {"task_id": event.task_id, "event": event.event}


def then_varsel(session: Session, message: OutboxMessage) -> None:
    """After a task is published: its neutral varsel by SMS, once (outbox.record_sent's on_sent)."""
    if message.kind not in (*TASK_KINDS, outbox.THREAD_NOTICE):
        return
    case = session.get(Case, message.case_id)
    today = (message.sent_at or utcnow()).astimezone(OSLO).date()
    if case is None or not case.mobil_sealed or not outbox.may_contact(case, today):
        return
    if message.kind == outbox.THREAD_NOTICE:
        # one varsel per veileder message, keyed like its beskjed; never the message's words
        payload = message.payload or {}
        key = message.idempotency_key.replace(f":{outbox.THREAD_NOTICE}:", f":{outbox.THREAD_VARSEL}:")
        outbox.enqueue_message(session, case.id, outbox.THREAD_VARSEL, "sms", message.round, key,
                               {"template": "thread-varsel-sms-v1", "text": payload.get("varsel_text") or notices.varsel_sms(),
                                "thread_message_id": payload.get("thread_message_id")})
        return
    kind, text = ((outbox.VARSEL, notices.varsel_sms()) if message.kind == outbox.INVITATION
                  else (outbox.VARSEL_REMINDER, notices.varsel_reminder_sms()))
    outbox.enqueue_message(session, case.id, kind, "sms", message.round, outbox.idempotency_key(case.id, message.round, kind),
                           {"template": f"{kind}-sms-v1", "text": text})


def close_reason(session: Session, case: Case, today: date) -> str | None:
    """Why the case's task is done, or None while it is still open."""
    if case.opted_out or case.reservert_digital:
        return "reservert"
    if case.end_date is not None and case.end_date < today:
        return "avsluttet"
    if case.status in WAITING:
        return None
    source = session.scalar(select(AssessmentRecord.source).where(AssessmentRecord.case_id == case.id)
                            .order_by(AssessmentRecord.id.desc()).limit(1))
    return "frist" if source == "frist" else "besvart"


def _done_tasks(session: Session, today: date, limit: int) -> list[tuple[str, int]]:
    """(case, round) with a published task event, no task_done yet, and a case no longer
    waiting for answers (close_reason's rule, in SQL, so waiting cases never crowd the page)."""
    done = aliased(OutboxMessage)
    stmt = (select(OutboxMessage.case_id, OutboxMessage.round).distinct()
            .join(Case, Case.id == OutboxMessage.case_id)
            .where(OutboxMessage.channel == "chat", OutboxMessage.kind.in_(TASK_KINDS), OutboxMessage.status == outbox.SENT,
                   or_(Case.status.not_in([s.value for s in WAITING]), Case.opted_out.is_(True),
                       Case.reservert_digital.is_(True), Case.end_date < today),
                   ~select(done.id).where(and_(done.case_id == OutboxMessage.case_id, done.round == OutboxMessage.round,
                                               done.kind == outbox.TASK_DONE)).exists())
            .limit(limit))
    return [(case_id, round_) for case_id, round_ in session.execute(stmt).all()]


def close_task(session: Session, case_id: str, round_: int, today: date, now: datetime | None = None) -> str | None:
    """Queue the close of one case's task if it is done (in the caller's transaction); returns the reason."""
    case = session.get(Case, case_id, with_for_update=True)
    reason = close_reason(session, case, today) if case is not None else None
    if reason is None:
        return None
    for message in session.scalars(select(OutboxMessage).where(
            OutboxMessage.case_id == case_id, OutboxMessage.round == round_, OutboxMessage.status.in_(outbox.DELIVERABLE),
            OutboxMessage.kind.in_((*TASK_KINDS, outbox.VARSEL, outbox.VARSEL_REMINDER)))):
        message.status, message.last_error, message.next_attempt_at = outbox.CANCELLED, f"oppgaven er lukket: {reason}", None
    outbox.enqueue_message(session, case_id, outbox.TASK_DONE, "chat", round_,
                           outbox.idempotency_key(case_id, round_, outbox.TASK_DONE),
                           {"template": "task-done-v1", "text": "", "reason": reason}, now=now)
    audit.write(session, SYSTEM_NOTIFY, "case.task.close", case_id, {"round": round_, "reason": reason})
    return reason


def close_done_tasks(db: Database, *, today: date | None = None, now: datetime | None = None, limit: int = 200) -> int:
    """The sweep: queue the close of every published task that is done. Returns how many."""
    today = today or today_in_oslo()
    with db.read() as session:
        candidates = _done_tasks(session, today, limit)
    closed = 0
    for case_id, round_ in candidates:
        try:
            with db.write() as session:
                closed += close_task(session, case_id, round_, today, now or utcnow()) is not None
        except IntegrityError:
            continue  # another worker queued it first (the key is unique)
    return closed
