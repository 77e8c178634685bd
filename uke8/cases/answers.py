"""The answers of a conversation: record one (a self-describing snapshot), assess when the
questions are complete or the person skipped the rest, and the optional free texts.

Each locks the case row first (conversation.lock_conversation) and writes its own status
moves (through the status machine), history and audit rows in the caller's transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from uke8.cases import audit, moves
from uke8.cases.actors import SYSTEM_CONVERSATION, Actor
from uke8.cases.assessments import assessment_summary, case_facts, store_assessment
from uke8.cases.conversation import lock_conversation
from uke8.cases.errors import CaseError
from uke8.cases.status import OPEN_FOR_ANSWERS, Status
from uke8.clock import today_in_oslo
from uke8.privacy import safe_to_store
from uke8.store.models import AnswerRecord, FreeText, utcnow
from uke8.store.repositories import CaseRepository
from uke8.triage import Answers, ScreeningResult, classify
from uke8.triage.catalogue import catalogue_version, is_complete, question_by_slot, snapshot
from uke8.triage.rules import RULE_VERSION, RULE_VERSION_V2


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
    actor: Actor = SYSTEM_CONVERSATION,
) -> AnswerResult:
    """Store one answer as a self-describing snapshot; assess when the questions are complete."""
    question = question_by_slot(slot)
    if code not in question.codes:
        raise CaseError(f"{code!r} is not an answer to {question.id}")
    case, invitation = lock_conversation(session, conversation_id)
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
            # q2 reaches a case without an employer only if the register changed it mid-round:
            # kept as shown (triage-v2 leaves it out)
            question=snapshot(question.id, case.har_arbeidsgiver or question.id == "q2"),
            raw_text=stored_text.text if stored_text else None,
            source=source,
            confidence=confidence,
            channel=channel or invitation.channel,
            catalogue_version=catalogue_version(case.har_arbeidsgiver),
            rule_version=RULE_VERSION if case.har_arbeidsgiver else RULE_VERSION_V2,
        )
    )
    current[slot] = code
    # q3_grunn belongs to q3 = usikker only: a corrected q3 makes an old grunn meaningless.
    if slot == "varighet" and code != "usikker":
        current.pop("varighet_usikker_grunn", None)
    answers = Answers.from_mapping(current)
    assessment = None
    # Without an employer q2 is never asked: q1 and q3 (and q3_grunn) complete the round.
    if is_complete(current, case.har_arbeidsgiver):
        today = today or today_in_oslo()
        facts = case_facts(case, today)
        result = classify(answers, facts, deadline_passed=False)
        assert result is not None  # complete answers always classify
        if case.status != Status.BESVART:
            moves.move(session, case, Status.BESVART, actor)
        record = store_assessment(session, case, result.classification, result.reasons, answers, facts, source="samtale",
                                   round_=invitation.round, as_of=today)
        moves.move(session, case, Status.VURDERT, actor)
        invitation.closed_at = utcnow()
        assessment = assessment_summary(record)
    audit.write(session, actor, "answer.record", case.id, {"question_id": question.id, "code": code, "source": source})
    return AnswerResult(stored=True, answers=current, assessment=assessment, channel=invitation.channel,
                        health_categories=stored_text.categories if stored_text else ())


def assess_after_skipping(session: Session, conversation_id: str, *, today: date | None = None,
                          actor: Actor = SYSTEM_CONVERSATION) -> dict[str, Any] | None:
    """The person skipped a question and nothing is left to ask: assess now what they answered,
    the way the deadline would (a rule that needs a skipped answer does not fire; the no-answer
    rules fill in when nothing else does). None when this round is closed already or nothing
    of a later round was answered (the earlier assessment stands, as at the deadline)."""
    case, invitation = lock_conversation(session, conversation_id)
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
        moves.move(session, case, Status.BESVART, actor, note="spørsmål hoppet over")
    record = store_assessment(session, case, result.classification, result.reasons, answers, facts, source="samtale",
                               round_=invitation.round, as_of=today)
    moves.move(session, case, Status.VURDERT, actor)
    invitation.closed_at = utcnow()
    audit.write(session, actor, "conversation.skipped_assessed", case.id, {"classification": result.classification.value})
    return assessment_summary(record)


def record_free_text(session: Session, conversation_id: str, kind: str, text: str, *, question_id: str | None = None,
                     channel: str | None = None, actor: Actor = SYSTEM_CONVERSATION) -> tuple[str, ...] | None:
    """Store an optional text, redacted. Returns the health categories found (for a gentle reminder),
    or None when nothing was stored (empty, or the person has objected to storage)."""
    case, invitation = lock_conversation(session, conversation_id)
    stored = safe_to_store(text)
    if stored is None or case.storage_objection:
        return None
    session.add(FreeText(case_id=case.id, kind=kind, question_id=question_id, text=stored.text, redacted=stored.changed, channel=channel or invitation.channel))
    audit.write(session, actor, "freetext.record", case.id, {"kind": kind, "redacted": stored.changed})
    return stored.categories
