"""The lifecycle's steps on one case: invite (screen, then invite or greet), remind once, close
at the deadline, return an "ikke aktuell nå" case at a checkpoint. The scheduler runs them
(scheduler.py); the JSON API invites on request.

Each step locks the case row, re-reads its state and does nothing if the step is done, then
writes everything it changes in the caller's transaction: the status move (through the status
machine), the history and audit rows, the outbox message that announces it.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import SYSTEM_SCHEDULER, Actor
from uke8.cases.assessments import case_facts, store_assessment
from uke8.cases.errors import CaseError
from uke8.cases.status import CHECKPOINT_FROM, Status, check_move
from uke8.clock import moment_of
from uke8.lifecycle import outbox, timeline
from uke8.settings import get_settings
from uke8.store.models import AssessmentRecord, CheckpointReturn, Invitation
from uke8.store.repositories import CaseRepository
from uke8.triage import Answers, Classification, ScreeningResult, classify, screen


def new_conversation_id() -> str:
    # Unguessable, and carries nothing about the person: it may appear in URLs and logs.
    return "k-" + secrets.token_urlsafe(18)


def invite(session: Session, case_id: str, today: date, actor: Actor, *, now: datetime | None = None) -> Invitation:
    """Screen the case and invite it. Idempotent: a second call returns the first invitation.
    Its timestamps are `now`, by default the moment of `today` (clock.moment_of)."""
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    if case is None:
        raise CaseError("unknown case")
    existing = repo.invitation_for_case(case.id)
    if existing is not None:
        return existing
    check_move(case.status, Status.INVITERT)  # before anything is written (screening out moves from the same status)
    if case.end_date is not None and case.end_date < today:
        raise CaseError("the sick leave has ended; nobody is invited after it")

    facts = case_facts(case, today)
    screening = screen(facts)
    deadline = today + timedelta(days=get_settings().answer_deadline_days)
    invitation = Invitation(
        case_id=case.id,
        conversation_id=new_conversation_id(),
        channel=case.channel,
        screening=screening.result.value,
        invited_on=today,
        invited_at=now or moment_of(today),
        deadline=deadline,
    )
    session.add(invitation)
    session.flush()
    audit.write(session, actor, "case.invite", case.id, {"screening": screening.result.value, "channel": case.channel})

    if screening.result == ScreeningResult.EKSKLUDERT:
        moves.move(session, case, Status.EKSKLUDERT, actor, note="screening: " + ", ".join(screening.reasons))
        invitation.closed_at = invitation.invited_at
        store_assessment(session, case, Classification.EKSKLUDERT, screening.reasons, Answers(), facts, source="screening", as_of=today)
    elif screening.result == ScreeningResult.TILPASSET_HILSEN:
        moves.move(session, case, Status.INVITERT, actor, note="tilpasset hilsen uten spørsmål")
        store_assessment(session, case, Classification.TILPASSET_HILSEN, screening.reasons, Answers(), facts, source="screening", as_of=today)
        moves.move(session, case, Status.VURDERT, actor)
        invitation.closed_at = invitation.invited_at
        outbox.enqueue(session, case, invitation, outbox.TAILORED_GREETING, today, invitation.invited_at)
    else:
        moves.move(session, case, Status.INVITERT, actor)
        # In the same transaction as the invitation: both are written, or neither.
        outbox.enqueue(session, case, invitation, outbox.INVITATION, today, invitation.invited_at)
    return invitation


def close_at_deadline(session: Session, case_id: str, today: date, actor: Actor = SYSTEM_SCHEDULER, *,
                      now: datetime | None = None) -> AssessmentRecord | None:
    """Apply the no-answer rules (and any partial answers) once the deadline has passed."""
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    invitation = repo.invitation_for_case(case_id) if case else None
    if case is None or invitation is None or invitation.screening != ScreeningResult.SPORSMAL:
        return None
    if today < invitation.deadline or invitation.closed_at is not None:
        return None
    if case.status not in (Status.INVITERT, Status.PAMINNET, Status.BESVART, Status.RESERVERT):
        return None
    latest = repo.latest_answers(case.id, invitation.round)
    answers = Answers.from_mapping({slot: r.code for slot, r in latest.items()})
    if invitation.round > 1 and answers.is_empty:
        # A changed situation with no new answers: the earlier assessment still stands.
        moves.move(session, case, Status.VURDERT, actor, note="ingen nye svar etter endret situasjon; forrige vurdering gjelder")
        invitation.closed_at = now or moment_of(today)
        audit.write(session, actor, "case.deadline", case.id, {"round": invitation.round, "new_assessment": False})
        return repo.latest_assessment(case.id)
    facts = case_facts(case, today)
    result = classify(answers, facts, deadline_passed=True)
    if result is None:
        return None
    if case.status in (Status.INVITERT, Status.PAMINNET):
        moves.move(session, case, Status.BESVART if not answers.is_empty else Status.UBESVART, actor,
                   note="delvis besvart innen fristen" if not answers.is_empty else "ingen svar innen fristen")
    record = store_assessment(session, case, result.classification, result.reasons, answers, facts, source="frist",
                               round_=invitation.round, as_of=today)
    moves.move(session, case, Status.VURDERT, actor)
    invitation.closed_at = now or moment_of(today)
    audit.write(session, actor, "case.deadline", case.id, {"classification": result.classification.value})
    return record


def remind(session: Session, case_id: str, today: date, actor: Actor = SYSTEM_SCHEDULER, *, now: datetime | None = None) -> bool:
    """The one reminder, UKE8_REMINDER_AFTER_DAYS after the invitation if nothing is answered yet.

    The reminder is recorded on the invitation and queued in the outbox in one transaction;
    the outbox key is unique, so a second writer rolls back instead of reminding twice.
    """
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    invitation = repo.invitation_for_case(case_id) if case else None
    if case is None or invitation is None or invitation.reminded_at is not None or invitation.closed_at is not None:
        return False
    if invitation.screening != ScreeningResult.SPORSMAL or invitation.round != 1 or case.status != Status.INVITERT:
        return False
    if today < invitation.invited_on + timedelta(days=get_settings().reminder_after_days) or today >= invitation.deadline:
        return False
    if not outbox.may_contact(case, today) or repo.answers(case_id, invitation.round):
        return False  # nothing goes to a person who stopped us or whose leave ended, or who has begun answering
    invitation.reminded_at = now or moment_of(today)
    moves.move(session, case, Status.PAMINNET, actor)
    outbox.enqueue(session, case, invitation, outbox.REMINDER, today, invitation.reminded_at)
    audit.write(session, actor, "case.remind", case_id, {"channel": invitation.channel})
    return True


def return_at_checkpoint(session: Session, case_id: str, today: date, actor: Actor = SYSTEM_SCHEDULER) -> int | None:
    """Bring an "ikke aktuell nå" case back to the queue at its due checkpoint (week 17, 26, 39).

    Returns the week, or None when no checkpoint is due. The (case, week) record is unique:
    a second writer fails and rolls back. Nothing is sent to the person.
    """
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    if case is None or case.status not in CHECKPOINT_FROM:
        return None
    assessment = repo.latest_assessment(case.id)
    decision = repo.decision_for(assessment.id) if assessment else None
    done = repo.checkpoint_weeks(case.id)
    clock = timeline.case_time(case, repo.invitation_for_case(case.id), assessment, decision, done, answered_any=False)
    week = timeline.checkpoint_due(clock, today)
    if week is None:
        return None
    session.add(CheckpointReturn(case_id=case.id, week=week, due_on=timeline.end_of_week(case.start_date, week),
                                 classification=clock.standing.classification))
    session.flush()
    moves.move(session, case, Status.SJEKKPUNKT, actor, note=f"sjekkpunkt uke {week}: ikke aktuell nå vurderes på nytt")
    audit.write(session, actor, "case.checkpoint", case.id, {"week": week})
    return week
