"""Everything the case page shows, as plain data: the case view of the use cases plus the
answers as the person saw them, a transcript rebuilt from the stored records, notes,
checkpoint returns and the audit trail."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.review.case_view import case_view
from uke8.lifecycle import timeline
from uke8.review.due import due_label
from uke8.review.followup import FollowUpActions, followup_actions
from uke8.review.labels import MEETING_MODE_LABELS, SOURCE_LABELS, reason_text
from uke8.store.models import AuditEntry, Case, CaseNote, CheckpointReturn
from uke8.store.repositories import CaseRepository
from uke8.triage import age_on
from uke8.triage.messages import FOLLOW_UP_PROMPT, MEETING_PROMPT, MEETING_TIME_PROMPT, TAILORED_GREETING, greeting

AUDIT_SHOWN = 200  # newest first; the JSON API's /audit has them all

# Audit actions of the conversation that the transcript shows as events.
_CONVERSATION_EVENTS = {
    "conversation.opt_out": "Personen ba om ikke å bli kontaktet mer.",
    "conversation.handoff": "Personen ba om å snakke med en veileder.",
    "conversation.storage_objection": "Personen ba om at fritekst ikke lagres. Fritekst er slettet.",
    "conversation.new_round": "Personen sa at situasjonen har endret seg, og svarte på nytt.",
    "conversation.ask_again": "Veilederen spurte personen på nytt etter ny informasjon.",
}


@dataclass(frozen=True)
class ShownOption:
    digit: int | None
    label: str
    chosen: bool


@dataclass(frozen=True)
class ShownAnswer:
    question_id: str
    question: str
    options: list[ShownOption]
    chosen_label: str
    raw_text: str | None
    source: str
    confidence: float | None
    channel: str
    answered_at: datetime
    round: int
    superseded: bool
    catalogue_version: str


@dataclass(frozen=True)
class TranscriptLine:
    at: datetime
    who: str  # "nav" | "person" | "hendelse"
    text: str


@dataclass
class CasePage:
    view: dict[str, Any]
    age: int | None
    answers: list[ShownAnswer]
    transcript: list[TranscriptLine]
    reason_texts: list[str]
    notes: list[CaseNote]
    audit: list[AuditEntry]
    checkpoints: list[CheckpointReturn]
    due: str
    can_decide: bool
    can_mark_done: bool
    meeting_modes: list[str] = field(default_factory=list)
    checkpoint_week: int | None = None  # the week a `sjekkpunkt` case is back for
    followup: FollowUpActions | None = None  # which follow-up forms the page offers (issue 16)


def _shown_answers(view: dict[str, Any]) -> list[ShownAnswer]:
    records = view["answers"]
    latest: dict[tuple[int, str], int] = {}
    for i, a in enumerate(records):
        latest[(a["round"], a["slot"])] = i
    shown = []
    for i, a in enumerate(records):
        snap = a["question"] or {}
        options = [ShownOption(o.get("digit"), o["label"], o["code"] == a["code"]) for o in snap.get("options", [])]
        chosen = next((o.label for o in options if o.chosen), None)
        if chosen is None:  # a text-only code such as q2 verken_eller: no button, but still an answer
            chosen = {"verken_eller": "Verken godt eller vanskelig"}.get(a["code"], a["code"])
            options.append(ShownOption(None, f"{chosen} (bare med egne ord)", True))
        shown.append(
            ShownAnswer(
                question_id=a["question_id"], question=snap.get("text", a["question_id"]), options=options,
                chosen_label=chosen, raw_text=a["raw_text"], source=SOURCE_LABELS.get(a["source"], a["source"]),
                confidence=a["confidence"], channel=a["channel"], answered_at=datetime.fromisoformat(a["answered_at"]),
                round=a["round"], superseded=latest[(a["round"], a["slot"])] != i, catalogue_version=a["catalogue_version"],
            )
        )
    return shown


def _transcript(session: Session, case: Case, view: dict[str, Any], answers: list[ShownAnswer]) -> list[TranscriptLine]:
    lines: list[TranscriptLine] = []
    inv = view["invitation"]
    repo = CaseRepository(session)
    invitation = repo.invitation_for_case(case.id)
    if inv and invitation is not None:
        if inv["screening"] == "tilpasset_hilsen":
            lines.append(TranscriptLine(invitation.invited_at, "nav", TAILORED_GREETING))
        elif inv["screening"] == "sporsmal":
            lines.append(TranscriptLine(invitation.invited_at, "nav", greeting(case.har_arbeidsgiver)))
        if invitation.reminded_at:
            lines.append(TranscriptLine(invitation.reminded_at, "hendelse", "Påminnelse sendt."))
    for a in answers:
        lines.append(TranscriptLine(a.answered_at, "nav", a.question))
        said = a.raw_text if a.raw_text else f"«{a.chosen_label}» ({a.source})"
        lines.append(TranscriptLine(a.answered_at, "person", said))
    for t in repo.free_texts(case.id):
        lines.append(TranscriptLine(t.created_at, "nav", MEETING_TIME_PROMPT if t.kind == "meeting_times" else FOLLOW_UP_PROMPT))
        lines.append(TranscriptLine(t.created_at, "person", t.text))
    prefs = view["meeting_preferences"]
    if prefs:
        at = datetime.fromisoformat(prefs["created_at"])
        lines.append(TranscriptLine(at, "nav", MEETING_PROMPT))
        said = ", ".join(MEETING_MODE_LABELS.get(m, m) for m in prefs["modes"]) or "Ingen valgt"
        lines.append(TranscriptLine(at, "person", said + (f". {prefs['times']}" if prefs["times"] else "")))
    events = session.scalars(
        select(AuditEntry).where(AuditEntry.case_id == case.id, AuditEntry.action.in_(list(_CONVERSATION_EVENTS)))
    ).all()
    for e in events:
        lines.append(TranscriptLine(e.at, "hendelse", _CONVERSATION_EVENTS[e.action]))
    order = {"hendelse": 0, "nav": 1, "person": 2}
    lines.sort(key=lambda line: (line.at, order[line.who]))
    return lines


def case_page(session: Session, case: Case, today: date) -> CasePage:
    view = case_view(session, case, today)
    answers = _shown_answers(view)
    assessment = view["assessment"]
    notes = list(session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id)))
    checkpoints = list(session.scalars(select(CheckpointReturn).where(CheckpointReturn.case_id == case.id).order_by(CheckpointReturn.id)))
    decidable = assessment is not None and assessment["classification"] in ("kartlegging", "ikke_aktuell_na", "tilpasset_hilsen")
    decision = assessment["veileder_decision"] if assessment else None
    clock = timeline.load_timelines(session, [case])[case.id]
    return CasePage(
        view=view,
        age=age_on(case.fodselsdato, today) if case.fodselsdato else None,
        answers=answers,
        transcript=_transcript(session, case, view, answers),
        reason_texts=[reason_text(c) for c in (assessment["reasons"] if assessment else [])],
        notes=notes,
        audit=list(session.scalars(select(AuditEntry).where(AuditEntry.case_id == case.id).order_by(AuditEntry.id.desc()).limit(AUDIT_SHOWN))),
        checkpoints=checkpoints,
        due=due_label(clock, today),
        can_decide=decidable and case.status in ("vurdert", "ferdigbehandlet", "sjekkpunkt", "ny_informasjon"),
        can_mark_done=case.status in ("vurdert", "ny_informasjon") and (decision is not None or (assessment or {}).get("classification") == "tilpasset_hilsen"),
        meeting_modes=[MEETING_MODE_LABELS.get(m, m) for m in (view["meeting_preferences"] or {}).get("modes", [])],
        checkpoint_week=timeline.returned_week(clock),
        followup=followup_actions(view),
    )
