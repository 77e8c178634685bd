"""The JSON view of one case (GET /api/v1/cases/{id}, the answer of every case write): its
facts, history, answers, assessments and decisions, what is due next, what was sent to the
person outside the conversation and the SMS the bot could not answer. A read model above the
use cases, the lifecycle and SMS; the review page has its own (case_page.py)."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases.assessments import assessment_summary
from uke8.clock import today_in_oslo
from uke8.lifecycle import outbox, timeline
from uke8.notifications.status import notification_view
from uke8.review.followup import followup_view
from uke8.sms import unanswered as sms_unanswered
from uke8.store.crypto import get_sealer
from uke8.store.models import Case, Decision
from uke8.store.repositories import CaseRepository
from uke8.thread.views import case_meeting
from uke8.triage.persons import mask_phone


def decision_view(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "classification": decision.classification,
        "reason": decision.reason,
        "overrides_proposal": decision.overrides_proposal,
        "veileder": decision.veileder_ident,
        "created_at": decision.created_at.isoformat(),
    }


def case_view(session: Session, case: Case, today: date | None = None) -> dict[str, Any]:
    repo = CaseRepository(session)
    invitation = repo.invitation_for_case(case.id)
    assessment = repo.latest_assessment(case.id)
    clock = timeline.load_timelines(session, [case])[case.id]
    current = None
    if assessment is not None:
        current = assessment_summary(assessment) | {"veileder_decision": decision_view(repo.decision_for(assessment.id))}
    prefs = repo.meeting_preferences(case.id)
    sealer = get_sealer()
    return {
        "id": case.id,
        "external_id": case.external_id,
        "person_id": case.person_id,
        "enhet": case.enhet,
        "employer_orgnr": case.employer_orgnr,
        "start_date": case.start_date.isoformat(),
        "end_date": case.end_date.isoformat() if case.end_date else None,
        "sykmeldingsgrad": case.sykmeldingsgrad,
        "grade_history": [{"valid_from": g.valid_from.isoformat(), "grade": g.grade} for g in case.grades],
        "fodselsdato": case.fodselsdato.isoformat() if case.fodselsdato else None,
        "gjentakende_fravaer": case.gjentakende_fravaer,
        "usikre_inngangsvilkar": case.usikre_inngangsvilkar,
        "alvorlig_diagnose": case.alvorlig_diagnose,
        "svangerskapsrelatert": case.svangerskapsrelatert,
        "uforetrygd_100": case.uforetrygd_100,
        "stillingsprosent": case.stillingsprosent,
        "channel": case.channel,
        "reservert_digital": case.reservert_digital,
        "har_arbeidsgiver": case.har_arbeidsgiver,
        "mobil_masked": mask_phone(sealer.open(case.mobil_sealed)) if case.mobil_sealed else None,
        "status": case.status,
        "handoff_requested": case.handoff_requested,
        "opted_out": case.opted_out,
        "storage_objection": case.storage_objection,
        "assigned_to": case.assigned_to,
        "created_at": case.created_at.isoformat(),
        # The invitation's varsel: sent, closed, or why nothing reached the person (uke8/notifications).
        "notification": notification_view(session, case),
        "invitation": None
        if invitation is None
        else {
            "conversation_id": invitation.conversation_id,
            "channel": invitation.channel,
            "screening": invitation.screening,
            "invited_on": invitation.invited_on.isoformat(),
            "deadline": invitation.deadline.isoformat(),
            "reminded_at": invitation.reminded_at.isoformat() if invitation.reminded_at else None,
            "closed_at": invitation.closed_at.isoformat() if invitation.closed_at else None,
            "round": invitation.round,
        },
        "status_history": [
            {"status": h.status, "at": h.at.isoformat(), "actor": h.actor, "note": h.note} for h in repo.status_history(case.id)
        ],
        "answers": [
            {
                "question_id": a.question_id,
                "slot": a.slot,
                "code": a.code,
                "question": a.question,
                "raw_text": a.raw_text,
                "source": a.source,
                "confidence": a.confidence,
                "channel": a.channel,
                "round": a.round,
                "catalogue_version": a.catalogue_version,
                "rule_version": a.rule_version,
                "answered_at": a.answered_at.isoformat(),
            }
            for a in repo.answers(case.id)
        ],
        "free_texts": [
            {"kind": t.kind, "question_id": t.question_id, "text": t.text, "redacted": t.redacted, "created_at": t.created_at.isoformat()}
            for t in repo.free_texts(case.id)
        ],
        "meeting_preferences": None if prefs is None else {"modes": prefs.modes, "times": prefs.times, "created_at": prefs.created_at.isoformat()},
        "assessment": current,
        "assessments": [assessment_summary(a) for a in repo.assessments(case.id)],
        "decisions": [decision_view(d) for d in repo.decisions(case.id)],
        "next_due": timeline.next_due(clock, today or today_in_oslo()),
        "checkpoints": timeline.checkpoint_views(session, case.id),
        # What was sent outside the conversation; never the signed link itself.
        "outbox": [outbox.view(m) for m in outbox.for_case(session, case.id)],
        # SMS the bot could not answer after every attempt: kept (sealed, redacted) for the veileder
        "unanswered_sms": sms_unanswered.for_case(session, case.id),
        # The thread after the questions (uke8/thread): the meeting, and what the veileder has not read
        "meeting": case_meeting(session, case.id),
        "unread_from_person": case.unread_from_person or 0,
        # After the questions (issue 16): the kartlegging's latest outcome, new information
        **followup_view(session, case.id),
    }
