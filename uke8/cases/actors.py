"""Who acts on a case, and how they reached it.

`via` names the entry point (api, page, scheduler, feed, bot, sms, dev). The use cases copy it
into the audit row they write, so the log tells a decision made on the review page from one
made through the JSON API without each entry point writing a row of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from uke8.store.models import Case

VIAS = ("api", "page", "scheduler", "feed", "bot", "sms", "dev")


@dataclass(frozen=True)
class Actor:
    """Who is acting: an admin, a veileder scoped to enheter, or a system process."""

    kind: str  # "admin" | "veileder" | "system"
    ident: str
    enheter: frozenset[str] | None = None  # None: every enhet
    via: str = "api"

    def may_access(self, case: Case) -> bool:
        return self.enheter is None or case.enhet in self.enheter

    def reached_via(self, via: str) -> Actor:
        return replace(self, via=via)


SYSTEM_CONVERSATION = Actor("system", "samtale", via="bot")
SYSTEM_SCHEDULER = Actor("system", "planlegger", via="scheduler")
