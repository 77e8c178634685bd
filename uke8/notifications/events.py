"""Min side task events, as published on the broker (one JSON object a message).

    {"event": "opprett" | "paminn" | "beskjed" | "inaktiver",
     "event_id": "<outbox message id>",          the same on every retry: a redelivery is recognisable
     "idempotency_key": "<case:round:kind>",
     "task_id": "<uuid>",                         one task per case and invitation round
     "ident": "<fødselsnummer>",                  whose Min side; never logged, never in the outbox
     "text": "...", "link": "https://…/chat?t=…", "valid_until": "YYYY-MM-DD",   (not for inaktiver)
     "reason": "besvart" | "reservert" | "frist" | "avsluttet"}                    (inaktiver only)

Modelled on NAV's brukervarsel (an oppgave that links to where the work is done, inaktivert when
done); the adapter's Protocol (publisher.py) lets a Kafka producer carry the same events.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass

OPPRETT, PAMINN, BESKJED, INAKTIVER = "opprett", "paminn", "beskjed", "inaktiver"
EVENTS = (OPPRETT, PAMINN, BESKJED, INAKTIVER)
CLOSE_REASONS = ("besvart", "reservert", "frist", "avsluttet")
_NAMESPACE = uuid.UUID("6f1b4c1e-5d0e-4a55-9c1e-0b8e8a6f0f15")


def task_id(case_id: str, round_: int) -> str:
    """Stable per case and round: the reminder and the close name the task the invitation made."""
    return str(uuid.uuid5(_NAMESPACE, f"{case_id}:{round_}"))


def notice_id(idempotency_key: str) -> str:
    """A beskjed of its own per outbox message (a veileder's new message in the thread): it must
    never replace the invitation's task, which task_id names."""
    return str(uuid.uuid5(_NAMESPACE, f"notice:{idempotency_key}"))


@dataclass(frozen=True)
class TaskEvent:
    event: str
    event_id: str
    idempotency_key: str
    task_id: str
    ident: str
    text: str | None = None
    link: str | None = None
    valid_until: str | None = None
    reason: str | None = None

    def to_json(self) -> bytes:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, body: bytes) -> TaskEvent:
        data = json.loads(body)
        if data.get("event") not in EVENTS:
            raise ValueError("not a task event")
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})

    def __repr__(self) -> str:  # never the ident or the link (the link opens the conversation)
        return f"TaskEvent({self.event}, event_id={self.event_id}, task_id={self.task_id})"
