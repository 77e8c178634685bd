"""Audit entries that survive the request, with bounded values, and a cap on anonymous refusals.

Writes of a case audit themselves inside the write's own transaction (`write`, called by each
use case, never by the entry point): if the write is rolled back, so is its entry, which is
right. The row's `via` column says which entry point the actor came through (Actor.via). Reads and refusals are different:
the caller saw personal data, or was refused, whatever happens to the request afterwards. So
they are written by `record`, in a short transaction of their own, never inside another open
write transaction (on SQLite that would wait for our own lock).

Every value stored is bounded: the columns are short (an id of 4,000 characters breaks the
insert on PostgreSQL), and the audit log is append-only, so whatever goes in stays forever.

Anonymous refusals (no valid token) cost an attacker nothing and would fill that append-only
log, so they pass through `AnonymousRefusals`: a per-process limiter that writes the first few
refusals per source and minute in full, counts the rest, and writes one summary row per source
with the count once the minute is over. The log cannot aggregate in place (its rows cannot be
updated), hence the count kept in memory; the price is that a summary waits for the next
anonymous refusal of the process and is lost if the process stops first.
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from uke8.store.repositories import AuditRepository

if TYPE_CHECKING:
    from uke8.cases.actors import Actor
    from uke8.store.db import Database

# Case ids are UUIDs written by the store (uke8.store.models.new_uuid).
CASE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Column widths of audit_log (uke8/store/models.py).
ACTOR_LEN, KIND_LEN, ACTION_LEN, CASE_ID_LEN, OUTCOME_LEN, VIA_LEN = 40, 16, 40, 64, 16, 16
TEXT_LEN, ITEMS, DEPTH = 200, 20, 3


def is_case_id(value: object) -> bool:
    return isinstance(value, str) and CASE_ID.fullmatch(value) is not None


def bounded(value: object, limit: int) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bounded_detail(value: Any, depth: int = 0) -> Any:
    """JSON-safe and small: strings cut at 200 characters, at most 20 keys or items a level."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if depth >= DEPTH:
        return bounded(value, TEXT_LEN)
    if isinstance(value, dict):
        return {bounded(k, ACTOR_LEN): bounded_detail(v, depth + 1) for k, v in list(value.items())[:ITEMS]}
    if isinstance(value, list | tuple | set | frozenset):
        return [bounded_detail(v, depth + 1) for v in list(value)[:ITEMS]]
    return bounded(value, TEXT_LEN)


def append(session, *, actor: str, actor_kind: str, action: str, case_id: str | None, outcome: str = "ok",
           detail: dict[str, Any] | None = None, via: str | None = None) -> None:
    """One bounded entry in the caller's transaction. A case id that is not one is not stored
    as such: the detail says it was malformed, nothing more."""
    detail = dict(detail or {})
    if case_id is not None and not is_case_id(case_id):
        detail["case_id"] = "malformed"
        case_id = None
    AuditRepository(session).append(
        actor=bounded(actor, ACTOR_LEN), actor_kind=bounded(actor_kind, KIND_LEN), action=bounded(action, ACTION_LEN),
        case_id=case_id, outcome=bounded(outcome, OUTCOME_LEN), detail=bounded_detail(detail),
        via=bounded(via, VIA_LEN) if via else None,
    )


def write(session, actor: Actor, action: str, case_id: str, detail: dict[str, Any] | None = None) -> None:
    """The audit row of a use case's change, in the change's own transaction."""
    append(session, actor=actor.ident, actor_kind=actor.kind, action=action, case_id=case_id, detail=detail, via=actor.via)


def record(db: Database, *, actor: str, actor_kind: str, action: str, case_id: str | None, outcome: str = "ok",
           detail: dict[str, Any] | None = None) -> None:
    """One entry in a short transaction of its own: it stays when the request fails afterwards.
    Never call it while this thread holds another write transaction."""
    with db.write() as session:
        append(session, actor=actor, actor_kind=actor_kind, action=action, case_id=case_id, outcome=outcome, detail=detail)


def record_for(db: Database, actor: Actor, action: str, case_id: str | None, detail: dict[str, Any] | None = None,
               outcome: str = "ok") -> None:
    record(db, actor=actor.ident, actor_kind=actor.kind, action=action, case_id=case_id, outcome=outcome, detail=detail)


class AnonymousRefusals:
    """Which anonymous refusals get a row of their own: at most `per_source` per source and
    minute and `total` per minute in all; the rest are counted per source, and the counts come
    back (once) as summaries after their minute. Thread-safe; one per process (per app)."""

    MAX_SOURCES = 10_000  # sources tracked a minute; beyond that they share one count

    def __init__(self, per_source: int = 10, total: int = 100, clock: Callable[[], float] = time.time):
        self.per_source, self.total, self.clock = per_source, total, clock
        self._lock = threading.Lock()
        self._minute: int | None = None
        self._written: dict[str, int] = {}
        self._suppressed: dict[str, int] = {}

    def admit(self, source: str) -> tuple[bool, list[dict[str, Any]]]:
        """(write this refusal in full?, summaries of earlier minutes to write now)."""
        source = bounded(source or "unknown", 64)
        minute = int(self.clock() // 60)
        with self._lock:
            summaries: list[dict[str, Any]] = []
            if minute != self._minute:
                summaries = self._summaries()
                self._minute, self._written, self._suppressed = minute, {}, {}
            written = self._written.get(source, 0)
            if written < self.per_source and sum(self._written.values()) < self.total:
                self._written[source] = written + 1
                return True, summaries
            key = source if source in self._suppressed or len(self._suppressed) < self.MAX_SOURCES else "*"
            self._suppressed[key] = self._suppressed.get(key, 0) + 1
            return False, summaries

    def _summaries(self) -> list[dict[str, Any]]:
        if self._minute is None:
            return []
        start = datetime.fromtimestamp(self._minute * 60, tz=timezone.utc).isoformat()
        return [{"source": s, "minute": start, "count": n} for s, n in sorted(self._suppressed.items())]


def record_anonymous_refusal(db: Database, limiter: AnonymousRefusals, source: str, *, action: str,
                             case_id: str | None, outcome: str, detail: dict[str, Any] | None = None,
                             actor: str = "ukjent") -> bool:
    """Write an anonymous refusal if the limiter admits it, and any summaries that are due, in one
    short transaction. Returns whether the refusal got its own row."""
    full, summaries = limiter.admit(source)
    if not full and not summaries:
        return False
    with db.write() as session:
        for summary in summaries:
            append(session, actor="ukjent", actor_kind="anonymous", action="refusals.suppressed", case_id=None,
                   outcome="suppressed", detail=summary)
        if full:
            append(session, actor=actor, actor_kind="anonymous", action=action, case_id=case_id, outcome=outcome,
                   detail={**(detail or {}), "source": bounded(source, 64)})
    return full
