"""Use cases on a sick-leave case: register, invite, answer, assess, decide.

Every function takes an open write Session (one transaction) and leaves committing to the
caller, so a channel turn or an API request is all-or-nothing. State changes lock the case
row first (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
writers), so the action server and the API can write the same case at once without losing
either write.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.cases.status import ALLOWED, CHECKPOINT_FROM, OPEN_FOR_ANSWERS, Status
from uke8.lifecycle import outbox, timeline
from uke8.sms import unanswered as sms_unanswered
from uke8.lifecycle.clock import moment_of, today_in_oslo
from uke8.privacy import safe_to_store
from uke8.settings import get_settings
from uke8.store.crypto import get_sealer
from uke8.store.models import (
    AnswerRecord,
    AssessmentRecord,
    Case,
    CheckpointReturn,
    Decision,
    FreeText,
    GradeChange,
    Invitation,
    MeetingPreference,
    Person,
    PersonIdentity,
    utcnow,
)
from uke8.store.repositories import AuditRepository, CaseRepository
from uke8.triage import (
    CATALOGUE_VERSION,
    RULE_VERSION,
    Answers,
    CaseFacts,
    Classification,
    ScreeningResult,
    age_on,
    birth_date_from_fnr,
    classify,
    screen,
)
from uke8.triage import REASON_TEXTS
from uke8.triage.catalogue import question_by_slot, snapshot
from uke8.triage.persons import mask_phone


class CaseError(Exception):
    """A request that cannot be carried out on this case (the API answers 409)."""


class UnknownConversation(Exception):
    """A conversation id that belongs to no invitation."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: an admin, a veileder scoped to enheter, or a system process."""

    kind: str  # "admin" | "veileder" | "system"
    ident: str
    enheter: frozenset[str] | None = None  # None: every enhet

    def may_access(self, case: Case) -> bool:
        return self.enheter is None or case.enhet in self.enheter


SYSTEM_CONVERSATION = Actor("system", "samtale")
SYSTEM_SCHEDULER = Actor("system", "planlegger")


@dataclass
class NewCase:
    external_id: str
    fnr: str
    enhet: str
    start_date: date
    sykmeldingsgrad: int
    fodselsdato: date | None = None
    gjentakende_fravaer: bool = False
    usikre_inngangsvilkar: bool = False
    alvorlig_diagnose: bool = False
    svangerskapsrelatert: bool = False
    uforetrygd_100: bool = False
    stillingsprosent: int = 100
    channel: str = "chat"
    health_categories: tuple[str, ...] = ()  # health details found (and redacted) in the words
    mobil: str | None = None
    employer_orgnr: str | None = None
    end_date: date | None = None
    grade_changes: list[tuple[date, int]] = field(default_factory=list)


UPDATABLE_FACTS = (
    "enhet",
    "sykmeldingsgrad",
    "gjentakende_fravaer",
    "usikre_inngangsvilkar",
    "alvorlig_diagnose",
    "svangerskapsrelatert",
    "uforetrygd_100",
    "stillingsprosent",
    "channel",
    "employer_orgnr",
    "end_date",
)


def _audit(session: Session, actor: Actor, action: str, case_id: str, detail: dict[str, Any] | None = None) -> None:
    AuditRepository(session).append(actor=actor.ident, actor_kind=actor.kind, action=action, case_id=case_id, outcome="ok", detail=detail)


# -- registering -------------------------------------------------------------------------


def register_case(session: Session, new: NewCase, actor: Actor) -> tuple[Case, bool]:
    """Create a case, or update the facts of the one with the same external_id.

    Returns (case, created). Idempotent: the same body twice changes nothing the second time.
    """
    repo = CaseRepository(session)
    sealer = get_sealer()
    existing = repo.by_external_id(new.external_id, for_update=True)
    if existing is not None:
        previous_enhet = existing.enhet
        changed = _update_facts(session, existing, new)
        if changed:
            _audit(session, actor, "case.update", existing.id, {"changed": sorted(changed)})
        if "enhet" in changed:
            # Moving a case to another enhet moves who may see it: an explicit fact of its own.
            # The old enhet's veileder may no longer see it, so the assignment goes with the move.
            _audit(session, actor, "case.enhet", existing.id, enhet_change(previous_enhet, new.enhet))
            existing.assigned_to = None
        return existing, False

    fnr_hash = sealer.keyed_hash(new.fnr)
    person_id = session.scalar(select(PersonIdentity.person_id).where(PersonIdentity.fnr_hash == fnr_hash))
    if person_id is None:
        person = Person()
        session.add(person)
        session.flush()
        session.add(PersonIdentity(person_id=person.id, fnr_hash=fnr_hash, fnr_sealed=sealer.seal(new.fnr)))
        person_id = person.id

    case = Case(
        external_id=new.external_id,
        person_id=person_id,
        enhet=new.enhet,
        employer_orgnr=new.employer_orgnr,
        start_date=new.start_date,
        end_date=new.end_date,
        sykmeldingsgrad=new.sykmeldingsgrad,
        fodselsdato=new.fodselsdato or birth_date_from_fnr(new.fnr),
        gjentakende_fravaer=new.gjentakende_fravaer,
        usikre_inngangsvilkar=new.usikre_inngangsvilkar,
        alvorlig_diagnose=new.alvorlig_diagnose,
        svangerskapsrelatert=new.svangerskapsrelatert,
        uforetrygd_100=new.uforetrygd_100,
        stillingsprosent=new.stillingsprosent,
        channel=new.channel,
        mobil_sealed=sealer.seal(new.mobil) if new.mobil else None,
        mobil_hash=sealer.keyed_hash(new.mobil) if new.mobil else None,
        status=Status.REGISTRERT,
    )
    repo.add(case)
    for day, grade in initial_grades(new):
        session.add(GradeChange(case_id=case.id, valid_from=day, grade=grade))
    repo.append_status(case, Status.REGISTRERT, actor.ident)
    _audit(session, actor, "case.create", case.id, {"external_id": new.external_id, "enhet": new.enhet})
    return case, True


def enhet_change(old: str, new: str) -> dict[str, str]:
    """The detail of a `case.enhet` audit entry (shared with the bulk import)."""
    return {"from": old, "to": new}


def initial_grades(new: NewCase) -> list[tuple[date, int]]:
    """The grade history of a new case: the grade at the start (from the grade changes when
    they name the start date, else the current grade), then the later changes."""
    changes = dict(new.grade_changes)
    grades = [(new.start_date, changes.pop(new.start_date, new.sykmeldingsgrad))]
    return grades + sorted((day, grade) for day, grade in changes.items() if day > new.start_date)


@dataclass
class FactUpdate:
    """What registering `new` again changes on an existing case (shared with the bulk import)."""

    changed: set[str]
    values: dict[str, Any]  # column -> new value
    grades: list[tuple[date, int]]  # grade history rows to add


def plan_update(current: dict[str, Any], known_grade_days: dict[date, int], new: NewCase, today: date) -> FactUpdate:
    """`current` holds the case's UPDATABLE_FACTS, `mobil_hash` and `start_date`."""
    changed = {name for name in UPDATABLE_FACTS if current[name] != getattr(new, name)}
    values = {name: getattr(new, name) for name in changed}
    if new.mobil:
        sealer = get_sealer()
        mobil_hash = sealer.keyed_hash(new.mobil)
        if current["mobil_hash"] != mobil_hash:
            values.update(mobil_sealed=sealer.seal(new.mobil), mobil_hash=mobil_hash)
            changed.add("mobil")
    grades: list[tuple[date, int]] = []
    first = known_grade_days[min(known_grade_days)] if known_grade_days else new.sykmeldingsgrad
    for day, grade in [(current["start_date"], first), *new.grade_changes]:
        if day not in known_grade_days and day not in dict(grades):
            grades.append((day, grade))
    if "sykmeldingsgrad" in changed and not new.grade_changes and today not in known_grade_days:
        # A new grade without a date: it holds from today.
        grades.append((today, new.sykmeldingsgrad))
    if grades:
        changed.add("grade_history")
    return FactUpdate(changed, values, grades)


def _update_facts(session: Session, case: Case, new: NewCase) -> set[str]:
    current = {name: getattr(case, name) for name in (*UPDATABLE_FACTS, "mobil_hash", "start_date")}
    plan = plan_update(current, {g.valid_from: g.grade for g in case.grades}, new, today_in_oslo())
    for name, value in plan.values.items():
        setattr(case, name, value)
    for day, grade in plan.grades:
        session.add(GradeChange(case_id=case.id, valid_from=day, grade=grade))
    return plan.changed


# -- facts -------------------------------------------------------------------------------


def case_facts(case: Case, on: date) -> CaseFacts:
    return CaseFacts(
        sykmeldingsgrad=case.sykmeldingsgrad,
        gjentakende_fravaer=case.gjentakende_fravaer,
        usikre_inngangsvilkar=case.usikre_inngangsvilkar,
        alder=age_on(case.fodselsdato, on) if case.fodselsdato else None,
        alvorlig_diagnose=case.alvorlig_diagnose,
        svangerskapsrelatert=case.svangerskapsrelatert,
        uforetrygd_100=case.uforetrygd_100,
        stillingsprosent=case.stillingsprosent,
    )


def _facts_dict(facts: CaseFacts) -> dict[str, Any]:
    return {k: getattr(facts, k) for k in facts.__dataclass_fields__}


# -- inviting ----------------------------------------------------------------------------


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
    if case.status != Status.REGISTRERT:
        raise CaseError(f"case in status {case.status} cannot be invited")
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
    _audit(session, actor, "case.invite", case.id, {"screening": screening.result.value, "channel": case.channel})

    if screening.result == ScreeningResult.EKSKLUDERT:
        repo.append_status(case, Status.EKSKLUDERT, actor.ident, note="screening: " + ", ".join(screening.reasons))
        invitation.closed_at = invitation.invited_at
        _store_assessment(session, case, Classification.EKSKLUDERT, screening.reasons, Answers(), facts, source="screening", as_of=today)
    elif screening.result == ScreeningResult.TILPASSET_HILSEN:
        repo.append_status(case, Status.INVITERT, actor.ident, note="tilpasset hilsen uten spørsmål")
        _store_assessment(session, case, Classification.TILPASSET_HILSEN, screening.reasons, Answers(), facts, source="screening", as_of=today)
        repo.append_status(case, Status.VURDERT, actor.ident)
        invitation.closed_at = invitation.invited_at
        outbox.enqueue(session, case, invitation, outbox.TAILORED_GREETING, today, invitation.invited_at)
    else:
        repo.append_status(case, Status.INVITERT, actor.ident)
        # In the same transaction as the invitation: both are written, or neither.
        outbox.enqueue(session, case, invitation, outbox.INVITATION, today, invitation.invited_at)
    return invitation


# -- the conversation --------------------------------------------------------------------


@dataclass(frozen=True)
class ConversationState:
    """What a channel needs to know about an invitation before it answers a turn."""

    case_id: str
    conversation_id: str
    channel: str
    screening: str
    status: str
    round: int
    answers: dict[str, str]
    opted_out: bool
    storage_objection: bool
    gjentakende_fravaer: bool
    assessment: dict[str, Any] | None

    @property
    def open_for_answers(self) -> bool:
        return self.screening == ScreeningResult.SPORSMAL and not self.opted_out and self.status in OPEN_FOR_ANSWERS


def conversation_state(session: Session, conversation_id: str) -> ConversationState:
    repo = CaseRepository(session)
    invitation = repo.invitation_by_conversation(conversation_id)
    if invitation is None:
        raise UnknownConversation(conversation_id)
    case = repo.get(invitation.case_id)
    assert case is not None
    latest = repo.latest_answers(case.id, invitation.round)
    assessment = repo.latest_assessment(case.id)
    return ConversationState(
        case_id=case.id,
        conversation_id=conversation_id,
        channel=invitation.channel,
        screening=invitation.screening,
        status=case.status,
        round=invitation.round,
        answers={slot: record.code for slot, record in latest.items()},
        opted_out=case.opted_out,
        storage_objection=case.storage_objection,
        gjentakende_fravaer=case.gjentakende_fravaer,
        assessment=_assessment_summary(assessment) if assessment and assessment.round == invitation.round else None,
    )


def _lock_conversation(session: Session, conversation_id: str) -> tuple[Case, Invitation]:
    repo = CaseRepository(session)
    invitation = repo.invitation_by_conversation(conversation_id)
    if invitation is None:
        raise UnknownConversation(conversation_id)
    case = repo.get(invitation.case_id, for_update=True)
    assert case is not None
    return case, invitation


def mark_started(session: Session, conversation_id: str) -> bool:
    """Record that the person opened the conversation; True the first time."""
    _, invitation = _lock_conversation(session, conversation_id)
    if invitation.started_at is not None:
        return False
    invitation.started_at = utcnow()
    return True


@dataclass(frozen=True)
class AnswerResult:
    stored: bool  # False when the same answer was already the latest one (a double submission)
    answers: dict[str, str]
    assessment: dict[str, Any] | None  # set when this answer completed the questions
    channel: str = "chat"
    health_categories: tuple[str, ...] = ()  # health details found (and redacted) in the words


def record_answer(
    session: Session,
    conversation_id: str,
    slot: str,
    code: str,
    *,
    source: str,
    channel: str | None = None,
    raw_text: str | None = None,
    confidence: float | None = None,
    today: date | None = None,
) -> AnswerResult:
    """Store one answer as a self-describing snapshot; assess when the questions are complete."""
    question = question_by_slot(slot)
    if code not in question.codes:
        raise CaseError(f"{code!r} is not an answer to {question.id}")
    case, invitation = _lock_conversation(session, conversation_id)
    if invitation.screening != ScreeningResult.SPORSMAL:
        raise CaseError("this invitation asks no questions")
    if case.opted_out:
        raise CaseError("the person has opted out")
    if case.status not in OPEN_FOR_ANSWERS:
        raise CaseError(f"case in status {case.status} takes no answers")
    repo = CaseRepository(session)
    latest = repo.latest_answers(case.id, invitation.round)
    current = {s: r.code for s, r in latest.items()}
    if current.get(slot) == code:
        return AnswerResult(stored=False, answers=current, assessment=None, channel=invitation.channel)

    stored_text = None if case.storage_objection else safe_to_store(raw_text)
    repo.add_answer(
        AnswerRecord(
            case_id=case.id,
            invitation_id=invitation.id,
            round=invitation.round,
            question_id=question.id,
            slot=slot,
            code=code,
            question=snapshot(question.id),
            raw_text=stored_text.text if stored_text else None,
            source=source,
            confidence=confidence,
            channel=channel or invitation.channel,
            catalogue_version=CATALOGUE_VERSION,
            rule_version=RULE_VERSION,
        )
    )
    current[slot] = code
    # q3_grunn belongs to q3 = usikker only: a corrected q3 makes an old grunn meaningless.
    if slot == "varighet" and code != "usikker":
        current.pop("varighet_usikker_grunn", None)
    answers = Answers.from_mapping(current)
    assessment = None
    if answers.is_complete:
        today = today or today_in_oslo()
        facts = case_facts(case, today)
        result = classify(answers, facts, deadline_passed=False)
        assert result is not None  # complete answers always classify
        if case.status != Status.BESVART:
            repo.append_status(case, Status.BESVART, SYSTEM_CONVERSATION.ident)
        record = _store_assessment(session, case, result.classification, result.reasons, answers, facts, source="samtale",
                                   round_=invitation.round, as_of=today)
        repo.append_status(case, Status.VURDERT, SYSTEM_CONVERSATION.ident)
        invitation.closed_at = utcnow()
        assessment = _assessment_summary(record)
    _audit(session, SYSTEM_CONVERSATION, "answer.record", case.id, {"question_id": question.id, "code": code, "source": source})
    return AnswerResult(stored=True, answers=current, assessment=assessment, channel=invitation.channel,
                        health_categories=stored_text.categories if stored_text else ())


def assess_after_skipping(session: Session, conversation_id: str, *, today: date | None = None) -> dict[str, Any] | None:
    """The person skipped a question and nothing is left to ask: assess now what they answered,
    the way the deadline would (a rule that needs a skipped answer does not fire; the no-answer
    rules fill in when nothing else does). None when this round is closed already or nothing
    of a later round was answered (the earlier assessment stands, as at the deadline)."""
    case, invitation = _lock_conversation(session, conversation_id)
    if invitation.screening != ScreeningResult.SPORSMAL or case.opted_out or case.status not in OPEN_FOR_ANSWERS:
        return None
    if invitation.closed_at is not None:
        return None
    repo = CaseRepository(session)
    answers = Answers.from_mapping({slot: r.code for slot, r in repo.latest_answers(case.id, invitation.round).items()})
    if invitation.round > 1 and answers.is_empty:
        return None
    today = today or today_in_oslo()
    facts = case_facts(case, today)
    result = classify(answers, facts, deadline_passed=True)
    assert result is not None  # deadline semantics always classify
    if case.status != Status.BESVART:
        repo.append_status(case, Status.BESVART, SYSTEM_CONVERSATION.ident, note="spørsmål hoppet over")
    record = _store_assessment(session, case, result.classification, result.reasons, answers, facts, source="samtale",
                               round_=invitation.round, as_of=today)
    repo.append_status(case, Status.VURDERT, SYSTEM_CONVERSATION.ident)
    invitation.closed_at = utcnow()
    _audit(session, SYSTEM_CONVERSATION, "conversation.skipped_assessed", case.id, {"classification": result.classification.value})
    return _assessment_summary(record)


def record_free_text(session: Session, conversation_id: str, kind: str, text: str, *, question_id: str | None = None, channel: str | None = None) -> tuple[str, ...] | None:
    """Store an optional text, redacted. Returns the health categories found (for a gentle reminder),
    or None when nothing was stored (empty, or the person has objected to storage)."""
    case, invitation = _lock_conversation(session, conversation_id)
    stored = safe_to_store(text)
    if stored is None or case.storage_objection:
        return None
    session.add(FreeText(case_id=case.id, kind=kind, question_id=question_id, text=stored.text, redacted=stored.changed, channel=channel or invitation.channel))
    _audit(session, SYSTEM_CONVERSATION, "freetext.record", case.id, {"kind": kind, "redacted": stored.changed})
    return stored.categories


def record_meeting_preferences(session: Session, conversation_id: str, modes: list[str], times: str | None) -> None:
    case, _ = _lock_conversation(session, conversation_id)
    stored = safe_to_store(times) if times and not case.storage_objection else None
    session.add(MeetingPreference(case_id=case.id, modes=modes, times=stored.text if stored else None))
    _audit(session, SYSTEM_CONVERSATION, "meeting.preferences", case.id, {"modes": modes})


def record_opt_out(session: Session, conversation_id: str) -> None:
    """Stop: no more messages on any channel. The answers already given still count."""
    case, invitation = _lock_conversation(session, conversation_id)
    if case.opted_out:
        return
    case.opted_out = True
    repo = CaseRepository(session)
    # Only an open round becomes `reservert` (the deadline then counts the answers given); a
    # case already assessed keeps its place in the queue, with the flag set.
    if invitation.closed_at is None and Status.RESERVERT in ALLOWED[Status(case.status)]:
        repo.append_status(case, Status.RESERVERT, SYSTEM_CONVERSATION.ident, note="personen ønsker ikke å bli kontaktet")
    cancelled = outbox.cancel_pending(session, case.id, "personen har reservert seg")
    _audit(session, SYSTEM_CONVERSATION, "conversation.opt_out", case.id, {"outbox_cancelled": cancelled} if cancelled else None)


def record_handoff(session: Session, conversation_id: str) -> None:
    case, _ = _lock_conversation(session, conversation_id)
    case.handoff_requested = True
    _audit(session, SYSTEM_CONVERSATION, "conversation.handoff", case.id)


def record_storage_objection(session: Session, conversation_id: str) -> None:
    """"Jeg vil ikke at dere lagrer dette": keep only the answer codes the veileder needs."""
    case, _ = _lock_conversation(session, conversation_id)
    case.storage_objection = True
    for text in CaseRepository(session).free_texts(case.id):
        session.delete(text)
    for answer in CaseRepository(session).answers(case.id):
        answer.raw_text = None
    for pref in session.scalars(select(MeetingPreference).where(MeetingPreference.case_id == case.id)):
        pref.times = None
    _audit(session, SYSTEM_CONVERSATION, "conversation.storage_objection", case.id)


def begin_new_round(session: Session, conversation_id: str, today: date | None = None) -> int:
    """A changed situation: the person answers again; the old assessment stays in the history.

    The new round gets its own deadline (UKE8_ANSWER_DEADLINE_DAYS from today), after which
    the scheduler assesses what was answered, or, if nothing was, puts the case back in the
    queue with the earlier assessment. No reminder is sent for a later round.
    """
    case, invitation = _lock_conversation(session, conversation_id)
    if case.opted_out:
        raise CaseError("the person has opted out")
    if CaseRepository(session).latest_assessment(case.id) is None:
        return invitation.round  # nothing assessed yet: just keep answering this round
    invitation.round += 1
    invitation.closed_at = None
    invitation.deadline = (today or today_in_oslo()) + timedelta(days=get_settings().answer_deadline_days)
    CaseRepository(session).append_status(case, Status.BESVART, SYSTEM_CONVERSATION.ident, note="situasjonen er endret, ny vurdering")
    _audit(session, SYSTEM_CONVERSATION, "conversation.new_round", case.id, {"round": invitation.round, "deadline": invitation.deadline.isoformat()})
    return invitation.round


# -- assessing ---------------------------------------------------------------------------


def _store_assessment(
    session: Session,
    case: Case,
    classification: Classification,
    reasons: tuple[str, ...],
    answers: Answers,
    facts: CaseFacts,
    *,
    source: str,
    round_: int = 1,
    as_of: date | None = None,
) -> AssessmentRecord:
    return CaseRepository(session).add_assessment(
        AssessmentRecord(
            case_id=case.id,
            round=round_,
            as_of=as_of,
            classification=classification.value,
            reasons=list(reasons),
            answers=answers.as_dict(),
            facts=_facts_dict(facts),
            source=source,
            rule_version=RULE_VERSION,
            catalogue_version=CATALOGUE_VERSION,
        )
    )


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
        repo.append_status(case, Status.VURDERT, actor.ident, note="ingen nye svar etter endret situasjon; forrige vurdering gjelder")
        invitation.closed_at = now or moment_of(today)
        _audit(session, actor, "case.deadline", case.id, {"round": invitation.round, "new_assessment": False})
        return repo.latest_assessment(case.id)
    facts = case_facts(case, today)
    result = classify(answers, facts, deadline_passed=True)
    if result is None:
        return None
    if case.status in (Status.INVITERT, Status.PAMINNET):
        repo.append_status(case, Status.BESVART if not answers.is_empty else Status.UBESVART, actor.ident,
                           note="delvis besvart innen fristen" if not answers.is_empty else "ingen svar innen fristen")
    record = _store_assessment(session, case, result.classification, result.reasons, answers, facts, source="frist",
                               round_=invitation.round, as_of=today)
    repo.append_status(case, Status.VURDERT, actor.ident)
    invitation.closed_at = now or moment_of(today)
    _audit(session, actor, "case.deadline", case.id, {"classification": result.classification.value})
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
    repo.append_status(case, Status.PAMINNET, actor.ident)
    outbox.enqueue(session, case, invitation, outbox.REMINDER, today, invitation.reminded_at)
    _audit(session, actor, "case.remind", case_id, {"channel": invitation.channel})
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
    done = session.scalars(select(CheckpointReturn.week).where(CheckpointReturn.case_id == case.id)).all()
    clock = timeline.case_time(case, repo.invitation_for_case(case.id), assessment, decision, done, answered_any=False)
    week = timeline.checkpoint_due(clock, today)
    if week is None:
        return None
    session.add(CheckpointReturn(case_id=case.id, week=week, due_on=timeline.end_of_week(case.start_date, week),
                                 classification=clock.standing.classification))
    session.flush()
    repo.append_status(case, Status.SJEKKPUNKT, actor.ident, note=f"sjekkpunkt uke {week}: ikke aktuell nå vurderes på nytt")
    _audit(session, actor, "case.checkpoint", case.id, {"week": week})
    return week


# -- the veileder ------------------------------------------------------------------------


def decide(session: Session, case_id: str, actor: Actor, classification: str, reason: str | None, *,
           now: datetime | None = None) -> Decision:
    """Confirm or override the current proposal. Overriding needs a reason; all decisions are kept.
    The decision is made `now` (default: the wall clock); its Oslo day is the standing's day,
    which decides the checkpoints that follow it (timeline.standing)."""
    repo = CaseRepository(session)
    case = repo.get(case_id, for_update=True)
    if case is None:
        raise CaseError("unknown case")
    assessment = repo.latest_assessment(case.id)
    if assessment is None:
        raise CaseError("the case has no proposal to decide on yet")
    if classification not in (Classification.KARTLEGGING, Classification.IKKE_AKTUELL_NA):
        raise CaseError("a decision is kartlegging or ikke_aktuell_na")
    overrides = classification != assessment.classification
    if overrides and not (reason and reason.strip()):
        raise CaseError("overriding the proposal needs a reason")
    decision = Decision(
        case_id=case.id,
        assessment_id=assessment.id,
        veileder_ident=actor.ident,
        classification=classification,
        reason=reason.strip() if reason else None,
        overrides_proposal=overrides,
        created_at=now or utcnow(),
    )
    session.add(decision)
    if case.status in (Status.VURDERT, Status.SJEKKPUNKT):
        repo.append_status(case, Status.FERDIGBEHANDLET, actor.ident, note="overstyrt" if overrides else "bekreftet")
    elif case.status != Status.FERDIGBEHANDLET:
        raise CaseError(f"case in status {case.status} cannot be decided")
    session.flush()
    return decision


# -- views -------------------------------------------------------------------------------


def _assessment_summary(record: AssessmentRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "classification": record.classification,
        "reasons": list(record.reasons),
        "reason_texts": [REASON_TEXTS.get(code, code) for code in record.reasons],
        "answers": {k: record.answers.get(k) for k in ("retur", "relasjon", "varighet", "varighet_usikker_grunn")},
        "rule_version": record.rule_version,
        "catalogue_version": record.catalogue_version,
        "source": record.source,
        "round": record.round,
        "created_at": record.created_at.isoformat(),
    }


def _decision_view(decision: Decision | None) -> dict[str, Any] | None:
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
        current = _assessment_summary(assessment) | {"veileder_decision": _decision_view(repo.decision_for(assessment.id))}
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
        "mobil_masked": mask_phone(sealer.open(case.mobil_sealed)) if case.mobil_sealed else None,
        "status": case.status,
        "handoff_requested": case.handoff_requested,
        "opted_out": case.opted_out,
        "storage_objection": case.storage_objection,
        "assigned_to": case.assigned_to,
        "created_at": case.created_at.isoformat(),
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
        "assessments": [_assessment_summary(a) for a in repo.assessments(case.id)],
        "decisions": [_decision_view(d) for d in repo.decisions(case.id)],
        "next_due": timeline.next_due(clock, today or today_in_oslo()),
        "checkpoints": timeline.checkpoint_views(session, case.id),
        # What was sent outside the conversation; never the signed link itself.
        "outbox": [outbox.view(m) for m in outbox.for_case(session, case.id)],
        # SMS the bot could not answer after every attempt: kept (sealed, redacted) for the veileder
        "unanswered_sms": sms_unanswered.for_case(session, case.id),
    }
