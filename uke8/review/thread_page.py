"""The case page's thread (issue 16): what it shows (the thread, the meeting, whether the veileder
can write and why not) and its form to write to the person, with an optional meeting proposal.

Opening the page is the veileder reading the thread: messages.read_thread marks the person's
messages read (the case leaves "Ny melding") and audits the read. The form goes through the same
use case as the JSON API (uke8/thread/delivery.py); here the form is checked (text, the
datetime-local times read as Oslo time, the form of the meeting) and every refusal gets its
Norwegian words beside the field (FormError, as the page's other forms)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases.actors import Actor
from uke8.clock import OSLO, today_in_oslo
from uke8.review.actions import FormError
from uke8.store.models import Case, utcnow
from uke8.store.repositories import CaseRepository
from uke8.thread import delivery, messages, texts
from uke8.thread.delivery import MessageRefused, Unreachable
from uke8.thread.meetings import FORMS, MAX_SLOTS, MeetingRequest
from uke8.thread.views import case_meeting, message_views

STATUS_LABELS = {"foreslatt": "Foreslått", "avtalt": "Avtalt", "avlyst": "Avlyst"}
DELIVERY_LABELS = {"venter": "Venter på å bli sendt", "sendt": "Sendt", "ikke_levert": "Ikke levert",
                   "stoppet": "Ikke sendt: personen vil ikke ha flere meldinger"}
SLOT_FIELDS = tuple(f"tid{n}" for n in range(1, MAX_SLOTS + 1))
FORM_FIELD, TEXT_FIELD, KEY_FIELD = "samtaleform", "melding", "melding_nokkel"


@dataclass(frozen=True)
class ThreadLine:
    who: str  # veileder | person | nav
    label: str
    text: str
    at: datetime
    meeting: str | None = None  # what the message proposed, in words
    delivery: str | None = None  # a veileder's message on its way


@dataclass
class ThreadSection:
    lines: list[ThreadLine]
    meeting: dict[str, Any] | None  # the case's meeting, with its words (status, time, form, slots)
    blocked: str | None  # why nothing can be sent now, in the veileder's words
    can_propose: bool
    channel: str | None
    unread_before: int = 0
    form_labels: list[tuple[str, str]] = field(default_factory=lambda: [("", "Velg")] + [(f, texts.FORM_LABELS[f]) for f in FORMS])
    sms_max: int = texts.SMS_TEXT_MAX


def _who(message: dict[str, Any]) -> str:
    if message["from"] == "veileder":
        name = message["author_name"]
        return f"{name} (veileder)" if name and name != texts.FALLBACK_NAME else "Veileder"
    return {"person": "Personen", "nav": "NAV (automatisk)"}[message["from"]]


def _meeting_words(view: dict[str, Any] | None) -> dict[str, Any] | None:
    if view is None:
        return None
    slots = [datetime.fromisoformat(s) for s in view["slots"]]
    return view | {"status_label": STATUS_LABELS.get(view["status"], view["status"]),
                   "form_label": texts.FORM_LABELS.get(view["form"], view["form"]),
                   "at_label": texts.slot_label(datetime.fromisoformat(view["at"])) if view["at"] else None,
                   "slot_labels": [texts.slot_label(s) for s in slots]}


def thread_section(session: Session, case: Case, actor: Actor, today: date | None = None) -> ThreadSection:
    """The thread as the page shows it. Reading it marks the person's messages read and is
    audited (only when there is a thread: an empty one has nothing to read)."""
    unread = case.unread_from_person or 0
    rows = messages.thread(session, case.id)
    if rows:
        rows = messages.read_thread(session, case.id, actor)
    lines = []
    for m in message_views(session, case.id, rows):
        proposal = _meeting_words(m["meeting"])
        lines.append(ThreadLine(
            who=m["from"], label=_who(m), text=m["text"], at=datetime.fromisoformat(m["at"]),
            meeting=(f"Forslag til samtale ({proposal['form_label'].lower()}): " + ", ".join(proposal["slot_labels"]))
            if proposal else None,
            delivery=DELIVERY_LABELS.get(m["delivery"]) if m["delivery"] else None))
    invitation = CaseRepository(session).invitation_for_case(case.id)
    reason = delivery.unreachable(case, invitation, today or today_in_oslo())
    return ThreadSection(
        lines=lines, meeting=_meeting_words(case_meeting(session, case.id)),
        blocked=texts.UNREACHABLE[reason][1] if reason else None,
        can_propose=delivery.may_propose_meeting(case), channel=invitation.channel if invitation else None,
        unread_before=unread)


def _slot(raw: str) -> datetime:
    """A datetime-local value ("2027-01-12T10:00"), read as Oslo time."""
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=OSLO)
        except ValueError:
            continue
    raise FormError("tid", "Skriv tidspunktet som dato og klokkeslett, for eksempel 12.01.2027 10:00.")


def meeting_from_form(form: dict[str, Any], now: datetime) -> MeetingRequest | None:
    raw = [(form.get(name) or "").strip() for name in SLOT_FIELDS]
    slots = tuple(_slot(value) for value in raw if value)
    chosen = (form.get(FORM_FIELD) or "").strip()
    if not slots and not chosen:
        return None
    if not slots:
        raise FormError("tid", "Legg inn minst ett tidspunkt, eller la «Hvordan» stå på «Velg» for å sende uten forslag.")
    if chosen not in FORMS:
        raise FormError(FORM_FIELD, "Velg hvordan samtalen skal foregå.")
    if len(set(slots)) != len(slots):
        raise FormError("tid", "Det samme tidspunktet er lagt inn to ganger.")
    if any(s <= now for s in slots):
        raise FormError("tid", "Tidspunktene må være fram i tid.")
    return MeetingRequest(slots, chosen)


def send(session: Session, case: Case, actor: Actor, form: dict[str, Any], *, now: datetime | None = None,
         today: date | None = None) -> bool:
    """The page's "Send til personen": True when a message was stored, False for a repeat."""
    now = now or utcnow()
    text = (form.get(TEXT_FIELD) or "").strip()
    key = form.get(KEY_FIELD) or ""
    if not text:
        raise FormError(TEXT_FIELD, "Skriv en melding før du sender.")
    if len(text) > messages.MAX_TEXT:
        raise FormError(TEXT_FIELD, f"Meldingen kan være på høyst {messages.MAX_TEXT} tegn. Den har {len(text)}.")
    if not key or len(key) > delivery.CLIENT_KEY_MAX:
        raise FormError(TEXT_FIELD, "Skjemaet er utløpt. Last siden på nytt og prøv igjen.")
    meeting = meeting_from_form(form, now)
    try:
        posted = delivery.post_from_veileder(session, case.id, actor, text, meeting, client_key=key, now=now, today=today)
    except (Unreachable, MessageRefused) as refused:
        raise FormError(TEXT_FIELD, refused.words) from None
    return posted.created
