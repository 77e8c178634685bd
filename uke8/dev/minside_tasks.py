"""The tasks of the local Min side (uke8/dev/minside.py): where they come from.

Task        one Min side task (an oppgave, or a beskjed) as the page shows it
TaskStore   broker mode: the tasks as the events made them, in SQLite (UKE8_DATA_DIR/minside.db,
            0600) or in memory. Applying an event is idempotent: an event whose event_id or
            idempotency key was seen before changes nothing (a redelivery, or the outbox's retry
            after a lost confirm). `inaktiver` closes the task; one that overtakes its `opprett`
            leaves a closed task that the late `opprett` fills in but does not reopen.
Consumer    broker mode: a background thread consuming UKE8_MINSIDE_QUEUE (pika), acknowledging a
            message only once the store has it; a message that is no task event is rejected
            (not requeued); a lost broker is reconnected to.
OutboxView  no broker (the embedded default): the product's outbox read directly, as what would
            have been published: a chat invitation or reminder that is pending, being retried or
            sent makes an open task; the task is closed once its case no longer waits for answers
            (uke8.notifications.tasks.close_reason), its `task_done` exists, or its invitation was
            cancelled (an opt-out: it was on the page, so it shows as closed rather than vanishing). Read only: it never
            marks a message sent, so the product's delivery state stays honest.

The person's ident (fødselsnummer) is kept only as a keyed hash, and neither it nor a link is
ever logged or part of a repr.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pika
import pika.exceptions

from uke8.notifications import events
from uke8.notifications.events import TaskEvent

log = logging.getLogger("uke8.minside")

OPPGAVE, BESKJED = "oppgave", "beskjed"


@dataclass(frozen=True)
class Task:
    task_id: str
    kind: str  # oppgave | beskjed
    text: str | None
    link: str | None
    valid_until: str | None  # YYYY-MM-DD
    closed_reason: str | None = None  # None while open; else besvart | reservert | frist | avsluttet
    reminded: bool = False

    @property
    def open(self) -> bool:
        return self.closed_reason is None

    def as_json(self) -> dict:
        return {"task_id": self.task_id, "kind": self.kind, "text": self.text, "link": self.link,
                "valid_until": self.valid_until, "open": self.open, "closed_reason": self.closed_reason,
                "reminded": self.reminded}

    def __repr__(self) -> str:  # never the link: it opens the conversation
        return f"Task({self.kind}, {self.task_id}, {'open' if self.open else self.closed_reason})"


def _sort(tasks: list[Task]) -> list[Task]:
    return sorted(tasks, key=lambda t: (not t.open, t.kind != OPPGAVE, t.valid_until or "", t.task_id))


# ---------------------------------------------------------------- broker mode: the store

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT NOT NULL, text TEXT, link TEXT, valid_until TEXT,
    reminded INTEGER NOT NULL DEFAULT 0, closed_reason TEXT, PRIMARY KEY (task_id, kind));
CREATE INDEX IF NOT EXISTS ix_tasks_owner ON tasks (owner);
"""
_UPSERT = """
INSERT INTO tasks (task_id, kind, owner, text, link, valid_until, reminded) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (task_id, kind) DO UPDATE SET
    text = CASE WHEN tasks.reminded AND NOT excluded.reminded THEN tasks.text ELSE excluded.text END,
    link = CASE WHEN tasks.reminded AND NOT excluded.reminded THEN tasks.link ELSE excluded.link END,
    valid_until = CASE WHEN tasks.reminded AND NOT excluded.reminded THEN tasks.valid_until ELSE excluded.valid_until END,
    reminded = MAX(tasks.reminded, excluded.reminded)
"""


class TaskStore:
    """The local Min side's tasks, as the broker's events made them. `path` None: in memory."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # this user's only
        self._conn = sqlite3.connect(str(self.path) if self.path else ":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._conn:
            self._conn.executescript(_SCHEMA)
            self._conn.execute("INSERT OR IGNORE INTO meta (k, v) VALUES ('owner_key', ?)", (secrets.token_hex(32),))
            self._key = bytes.fromhex(self._conn.execute("SELECT v FROM meta WHERE k = 'owner_key'").fetchone()[0])

    def owner(self, ident: str) -> str:
        return hmac.new(self._key, ident.strip().encode(), hashlib.sha256).hexdigest()

    def apply(self, event: TaskEvent) -> bool:
        """Store one event; False when it was seen before (nothing changes)."""
        if not (event.event_id and event.task_id and event.ident):
            raise ValueError("a task event needs event_id, task_id and ident")
        keys = [f"id:{event.event_id}"] + ([f"key:{event.idempotency_key}"] if event.idempotency_key else [])
        with self._lock, self._conn:
            if self._conn.execute(f"SELECT 1 FROM seen WHERE key IN ({','.join('?' * len(keys))})", keys).fetchone():
                return False
            self._conn.executemany("INSERT INTO seen (key) VALUES (?)", [(k,) for k in keys])
            owner = self.owner(event.ident)
            if event.event in (events.OPPRETT, events.PAMINN, events.BESKJED):
                kind = BESKJED if event.event == events.BESKJED else OPPGAVE
                self._conn.execute(_UPSERT, (event.task_id, kind, owner, event.text, event.link, event.valid_until,
                                             int(event.event == events.PAMINN)))
            elif event.event == events.INAKTIVER:
                reason = event.reason or "avsluttet"
                closed = self._conn.execute("UPDATE tasks SET closed_reason = ? WHERE task_id = ? AND closed_reason IS NULL",
                                            (reason, event.task_id)).rowcount
                if not closed:  # overtook its opprett: a closed task the late opprett cannot reopen
                    self._conn.execute("INSERT OR IGNORE INTO tasks (task_id, kind, owner, closed_reason) VALUES (?, ?, ?, ?)",
                                       (event.task_id, OPPGAVE, owner, reason))
            else:
                raise ValueError("not a task event")
        return True

    def tasks_for(self, ident: str) -> list[Task]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT task_id, kind, text, link, valid_until, closed_reason, reminded FROM tasks WHERE owner = ?",
                (self.owner(ident),)).fetchall()
        return _sort([Task(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# ---------------------------------------------------------------- broker mode: the consumer


class Consumer:
    """Consumes the task events of `queue` into `store` in a background thread."""

    def __init__(self, url: str, queue: str, store: TaskStore, *, retry_seconds: float = 2.0, timeout: float = 5.0):
        self.queue, self.store, self.retry_seconds = queue, store, retry_seconds
        self.params = pika.URLParameters(url)
        self.params.connection_attempts = 1
        self.params.socket_timeout = timeout
        self.params.heartbeat = 30
        self.connected = threading.Event()
        self.stored = self.duplicates = self.rejected = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Consumer:
        self._thread = threading.Thread(target=self._run, name="minside-consumer", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            connection = None
            try:
                connection = pika.BlockingConnection(self.params)
                channel = connection.channel()
                channel.queue_declare(queue=self.queue, durable=True)
                channel.basic_qos(prefetch_count=20)
                channel.basic_consume(self.queue, self._on_message)
                self.connected.set()
                log.info("consuming Min side task events from queue %r", self.queue)
                while not self._stop.is_set():
                    connection.process_data_events(time_limit=0.3)
            except (pika.exceptions.AMQPError, OSError) as exc:
                self.connected.clear()
                log.warning("broker: %s; trying again in %.0f s", type(exc).__name__, self.retry_seconds)
                self._stop.wait(self.retry_seconds)
            finally:
                self.connected.clear()
                if connection is not None and connection.is_open:
                    try:
                        connection.close()
                    except (pika.exceptions.AMQPError, OSError):
                        pass

    def _on_message(self, channel, method, properties, body: bytes) -> None:
        try:
            event = TaskEvent.from_json(body)
            if not event.event_id and properties.message_id:  # the publisher sets both; be lenient
                event = TaskEvent(**{**event.__dict__, "event_id": properties.message_id})
            new = self.store.apply(event)
        except (ValueError, TypeError, AttributeError):
            self.rejected += 1
            log.warning("rejected a message that is no task event (not requeued)")
            channel.basic_nack(method.delivery_tag, requeue=False)
            return
        except sqlite3.Error as exc:
            log.error("could not store a task event (%s); it is requeued", type(exc).__name__)
            channel.basic_nack(method.delivery_tag, requeue=True)
            self._stop.wait(1.0)
            return
        if new:
            self.stored += 1
        else:
            self.duplicates += 1
        channel.basic_ack(method.delivery_tag)  # only once the store has it


# ---------------------------------------------------------------- no broker: the outbox, read only


class OutboxView:
    """What the product would have published for a person, read from its outbox (never written)."""

    def __init__(self, db=None, today: Callable[[], date] | None = None):
        from uke8.clock import today_in_oslo
        from uke8.store.db import get_database

        self.db = db or get_database()
        self.today = today or today_in_oslo

    def tasks_for(self, ident: str, today: date | None = None) -> list[Task]:
        from sqlalchemy import select

        from uke8.lifecycle import outbox
        from uke8.lifecycle.links import make_link
        from uke8.notifications.tasks import close_reason
        from uke8.store.crypto import get_sealer
        from uke8.store.models import Case, Invitation
        from uke8.store.repositories import CaseRepository
        from uke8.triage import notices

        today = today or self.today()
        found: list[Task] = []
        with self.db.read() as session:
            person_id = CaseRepository(session).person_by_fnr_hash(get_sealer().keyed_hash(ident.strip()))
            if person_id is None:
                return []
            for case in session.scalars(select(Case).where(Case.person_id == person_id).order_by(Case.created_at)):
                invitation = session.scalar(select(Invitation).where(Invitation.case_id == case.id))
                messages = [m for m in outbox.for_case(session, case.id) if m.channel == "chat" and m.status != outbox.DEAD]
                rounds = sorted({m.round for m in messages})
                for round_ in rounds:
                    mine = [m for m in messages if m.round == round_]
                    task_id = events.task_id(case.id, round_)
                    done = next((m for m in mine if m.kind == outbox.TASK_DONE and m.status != outbox.CANCELLED), None)
                    if done is not None:
                        reason = (done.payload or {}).get("reason") or "besvart"
                    elif invitation is None or invitation.round != round_:
                        reason = "avsluttet"  # an earlier round: its conversation is over
                    else:
                        reason = close_reason(session, case, today)

                    def link_of(message) -> str | None:
                        valid = (message.payload or {}).get("link_valid_until")
                        if not valid or invitation is None or invitation.round != round_:
                            return None
                        return make_link(invitation.conversation_id, date.fromisoformat(valid))

                    shown = [m for m in mine if m.kind in (outbox.INVITATION, outbox.REMINDER)]
                    live = [m for m in shown if m.status != outbox.CANCELLED]
                    if shown:
                        # here a pending invitation counts as published, so one cancelled since
                        # (an opt-out, the sick leave ended) is a closed task, not a vanished one
                        latest = (live or shown)[-1]
                        reason = reason or (None if live else "avsluttet")
                        reminded = latest.kind == outbox.REMINDER
                        text = notices.minside_task_reminder() if reminded else notices.minside_task()
                        found.append(Task(task_id, OPPGAVE, text, link_of(latest) if reason is None else None,
                                          (latest.payload or {}).get("link_valid_until"), reason, reminded))
                    greeting = next((m for m in mine if m.kind == outbox.TAILORED_GREETING and m.status != outbox.CANCELLED), None)
                    if greeting is not None:
                        found.append(Task(task_id, BESKJED, notices.minside_greeting(), None,
                                          (greeting.payload or {}).get("link_valid_until"), None))
        return _sort(found)
