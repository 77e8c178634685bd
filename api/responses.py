"""What the JSON API answers (its 200/201 bodies), as the OpenAPI declares them.

Each model mirrors the dict its route returns today (uke8/review/case_view.py case_view, the
queue, the outbox's view, the scheduler's report, ...): the same names, the same JSON types.
FastAPI filters a route's answer through its model, so a key the model lacks would vanish
from the API: a new key in one of those dicts needs its field here too
(tests/api/test_openapi.py compares each answer on the wire with what its route returned, so
a forgotten key fails there rather than disappearing).

Dates and times stay the strings the views make (`date.isoformat()`, `datetime.isoformat()`
of a UTC time): declared as strings with their JSON Schema format, never re-parsed, so
pydantic cannot re-spell them (it would write "Z" for "+00:00").

The SMS figures of an outbox message (`segments`, `encoding`, `gateway_sid`) are present only
once the gateway took the message: routes that show outbox messages set
`response_model_exclude_unset=True`, so an absent key stays absent rather than becoming null.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from uke8.cases.status import Status
from uke8.lifecycle import outbox
from uke8.notifications import status as notification_status
from uke8.triage.rules import Classification
from uke8.triage.screening import ScreeningResult

Day = Annotated[str, Field(json_schema_extra={"format": "date"}, description="YYYY-MM-DD")]
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"}, description="ISO 8601 with its UTC offset")]
Channel = Literal["chat", "sms"]
# From the outbox's own lists, so a new kind or status is declared where it is defined.
OutboxKind = Literal[outbox.KINDS]  # type: ignore[valid-type]
OutboxStatus = Literal[outbox.STATUSES]  # type: ignore[valid-type]
NextStep = Literal["invitasjon", "paminnelse", "frist", "sjekkpunkt_uke17", "sjekkpunkt_uke26", "sjekkpunkt_uke39"]


def _no_default(schema: dict[str, Any]) -> None:
    """For a key that is either there with its value or not there at all: no `default: null`
    in the OpenAPI, which would say null is what an absent key means."""
    schema.pop("default", None)


class Out(BaseModel):
    """Every answer model: unknown keys are ignored on the way out (never an error to the caller)."""

    model_config = ConfigDict(extra="ignore")


# -- pieces shared by the case, the queue and the outbox -----------------------------------


class NextDueOut(Out):
    """The lifecycle's next step for the case and its day; a past day means overdue (the next
    scheduler run takes it)."""

    what: NextStep
    on: Day


class OutboxMessageOut(Out):
    """A message to the person outside a live conversation: never the signed link (`[lenke]` in
    `text` stands for it)."""

    id: int
    case_id: str
    kind: OutboxKind
    channel: Channel
    round: int
    idempotency_key: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: Moment | None
    last_error: str | None
    template: str | None
    text: str
    link_valid_until: Day | None
    created_at: Moment
    sent_at: Moment | None
    receipt: Literal["delivered", "undelivered", "failed"] | None = Field(
        description="the channel's delivery receipt (SMS status callbacks); null until one arrives")
    # Absent (never null) until the gateway took the message: not required, and not nullable.
    segments: int = Field(default=None, description="SMS segments", json_schema_extra=_no_default)
    encoding: str = Field(default=None, description='"GSM-7" or "UCS-2"', json_schema_extra=_no_default)
    gateway_sid: str = Field(default=None, description="the gateway's message id", json_schema_extra=_no_default)


# -- the case -------------------------------------------------------------------------------


class GradeOut(Out):
    valid_from: Day
    grade: int


class InvitationOut(Out):
    """What POST /cases/{id}/invitation answers: the invitation and its conversation id."""

    conversation_id: str
    channel: Channel
    screening: ScreeningResult
    invited_on: Day
    deadline: Day


class CaseInvitationOut(InvitationOut):
    """The invitation as the case shows it: with its reminder, close and round."""

    reminded_at: Moment | None
    closed_at: Moment | None
    round: int


class StatusChangeOut(Out):
    status: Status
    at: Moment
    actor: str
    note: str | None


class AnswerOptionOut(Out):
    code: str
    label: str
    digit: int


class QuestionSnapshotOut(Out):
    """The question as the person was shown it, stored with the answer (uke8/triage/catalogue.py
    snapshot): kept whole, so any key a snapshot carries is shown."""

    model_config = ConfigDict(extra="allow")
    question_id: str
    slot: str
    text: str
    options: list[AnswerOptionOut]
    text_only_codes: list[str]
    catalogue_version: str


class AnswerOut(Out):
    question_id: str
    slot: str
    code: str
    question: QuestionSnapshotOut
    raw_text: str | None
    source: str
    confidence: float | None
    channel: Channel
    round: int
    catalogue_version: str
    rule_version: str
    answered_at: Moment


class FreeTextOut(Out):
    kind: str
    question_id: str | None
    text: str
    redacted: bool
    created_at: Moment


class MeetingPreferencesOut(Out):
    modes: list[str]
    times: str | None
    created_at: Moment


class AnswerCodesOut(Out):
    """The answer codes the assessment used; null where the question was not answered."""

    retur: str | None
    relasjon: str | None
    varighet: str | None
    varighet_usikker_grunn: str | None


class AssessmentOut(Out):
    id: int
    classification: Classification
    reasons: list[str]
    reason_texts: list[str]
    answers: AnswerCodesOut
    rule_version: str
    catalogue_version: str
    source: str
    round: int
    created_at: Moment


class DecisionOut(Out):
    classification: Literal["kartlegging", "ikke_aktuell_na"]
    reason: str | None
    overrides_proposal: bool
    veileder: str
    created_at: Moment


class CurrentAssessmentOut(AssessmentOut):
    """The latest assessment, with the veileder's decision on it (null until there is one)."""

    veileder_decision: DecisionOut | None


class CheckpointOut(Out):
    week: int
    due_on: Day
    classification: Classification
    returned_at: Moment


class UnansweredSmsOut(Out):
    """An SMS the bot could not answer after every attempt, kept (redacted) for the veileder."""

    received_at: Moment
    attempts: int
    text: str | None


class NotificationOut(Out):
    """The invitation's varsel (uke8/notifications/status.py)."""

    status: Literal[notification_status.STATUSES]  # type: ignore[valid-type]
    channels: list[Literal["minside", "sms", "epost"]]
    reason: Literal[notification_status.REASONS] = Field(  # type: ignore[valid-type]
        default=None, description="why nothing reached the person, or why the task was closed", json_schema_extra=_no_default)


class KartleggingOutcomeOut(Out):
    """The kartlegging's latest outcome (POST /cases/{id}/kartlegging)."""

    outcome: Literal["behovsvurdering", "ikke_aktuell_na"]
    innsats: Literal["standard", "situasjonsbestemt", "spesielt_tilpasset", "varig_tilpasset"] | None
    trenger_14a: bool | None
    note: str | None = Field(description="the veileder's note, identifiers masked")
    veileder: str
    created_at: Moment


class MeetingOut(Out):
    """A meeting proposed in the thread (uke8/thread/meetings.py)."""

    id: int
    status: Literal["foreslatt", "avtalt", "avlyst"]
    at: Moment | None = Field(description="the time the person picked; null until avtalt")
    form: Literal["kontor", "video", "telefon", "arbeidsplass"]
    slots: list[Moment] = Field(description="the 1-3 times proposed")


class ThreadMessageOut(Out):
    """One message of the thread after the questions (uke8/thread/views.py), stored with
    identifiers masked and health details redacted."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    id: int
    from_: Literal["veileder", "person", "nav"] = Field(alias="from")
    text: str
    at: Moment
    author_name: str | None = Field(description="the veileder's name under their message; null for the others")
    redacted: bool = Field(description="something was masked or redacted before it was stored")
    meeting: MeetingOut | None = Field(description="the meeting this message proposed")
    delivery: Literal["venter", "sendt", "ikke_levert", "stoppet"] | None = Field(
        description="a veileder's message on its way to the person: queued, sent, not delivered, stopped (STOPP)")


class RevealOut(Out):
    """The person's fødselsnummer or phone number, shown on request and audited with its purpose."""

    what: Literal["fnr", "telefon"]
    value: str


class NewInformationOut(Out):
    kind: Literal["legeerklaering", "oppfolgingsplan", "dialogmote", "annen_enhet", "annet"]
    note: str | None = Field(description="the veileder's note, identifiers masked")
    source: Literal["veileder", "feed"]
    actor: str
    created_at: Moment


class CaseOut(Out):
    """The case: its facts, invitation, status history, answers (snapshots), assessments and
    decisions, the lifecycle's next step, checkpoint returns and the messages sent outside the
    conversation."""

    id: str
    external_id: str
    person_id: str
    enhet: str
    employer_orgnr: str | None
    start_date: Day
    end_date: Day | None
    sykmeldingsgrad: int
    grade_history: list[GradeOut]
    fodselsdato: Day | None
    gjentakende_fravaer: bool
    usikre_inngangsvilkar: bool
    alvorlig_diagnose: bool
    svangerskapsrelatert: bool
    uforetrygd_100: bool
    stillingsprosent: int
    channel: Channel
    reservert_digital: bool
    har_arbeidsgiver: bool = Field(description="false: no employer; asked without q2 and assessed by triage-v2")
    mobil_masked: str | None
    status: Status
    handoff_requested: bool
    opted_out: bool
    storage_objection: bool
    assigned_to: str | None
    created_at: Moment
    notification: NotificationOut
    invitation: CaseInvitationOut | None
    status_history: list[StatusChangeOut]
    answers: list[AnswerOut]
    free_texts: list[FreeTextOut]
    meeting_preferences: MeetingPreferencesOut | None
    assessment: CurrentAssessmentOut | None
    assessments: list[AssessmentOut]
    decisions: list[DecisionOut]
    next_due: NextDueOut | None
    checkpoints: list[CheckpointOut]
    outbox: list[OutboxMessageOut]
    unanswered_sms: list[UnansweredSmsOut]
    meeting: MeetingOut | None = Field(description="the case's meeting: the open one (foreslatt, avtalt), else the latest")
    unread_from_person: int = Field(description="messages from the person in the thread the veileder has not read")
    kartlegging: KartleggingOutcomeOut | None = Field(description="the kartlegging's latest outcome, null before any")
    new_information: list[NewInformationOut] = Field(description="new information on the case, oldest first")


class AuditEntryOut(Out):
    at: Moment
    actor: str
    actor_kind: str
    action: str
    outcome: str
    detail: dict[str, Any] = Field(description="what the entry records; never a fødselsnummer, phone number or free text")


class CaseAuditOut(Out):
    case_id: str
    entries: list[AuditEntryOut]


# -- lists, the scheduler and veiledere ----------------------------------------------------


class QueueItemOut(Out):
    id: str
    external_id: str
    enhet: str
    status: Status
    channel: Channel
    sykmeldingsgrad: int
    handoff_requested: bool
    opted_out: bool
    gjentakende_fravaer: bool
    assigned_to: str | None
    classification: Classification | None = Field(description="the latest assessment's proposal; null before any")
    reasons: list[str]
    next_due: NextDueOut | None
    checkpoint_week: int | None = Field(description="the checkpoint week a case in `sjekkpunkt` is back for")
    updated_at: Moment
    undelivered_messages: int = Field(description="messages to the person the delivery gave up on (GET /outbox?status=dead&case_id=)")
    unanswered_sms: int = Field(description="SMS from the person the bot could not answer")
    reservert_digital: bool = Field(description="the contact register: no digital contact")
    contact_otherwise: Literal[notification_status.CONTACT_OTHERWISE] | None = Field(  # type: ignore[valid-type]
        description='"Må kontaktes på annen måte": reservert_digital, or ikke_levert (an invitation, reminder or varsel reported undelivered)')
    unread_from_person: int = Field(description='"Ny melding": messages from the person the veileder has not read yet')


class QueueOut(Out):
    total: int
    limit: int
    offset: int
    counts: dict[str, int] = Field(description="cases per status in the caller's enheter")
    with_new_messages: int = Field(description='cases with "Ny melding" in the caller\'s enheter (?ny_melding=true lists them)')
    items: list[QueueItemOut]


class OutboxPageOut(Out):
    total: int
    limit: int
    offset: int
    items: list[OutboxMessageOut]


# -- statistics (uke8/review/stats.py, uke8/review/self_prediction.py) ----------------------

class RunCountsOut(Out):
    invited: int
    reminded: int
    closed: int
    checkpoints: int
    busy: int
    conflicts: int
    errors: int


class SchedulerRunOut(Out):
    """The case ids each step touched (uke8/lifecycle/scheduler.py RunReport) and their counts."""

    today: Day
    invited: list[str]
    reminded: list[str]
    closed: list[str]
    checkpoints: list[str]
    busy: list[str] = Field(description="held by another transaction at first; tried again at the end")
    conflicts: list[str] = Field(description="another writer was first; this step rolled back")
    errors: list[str]
    counts: RunCountsOut


class VeilederOut(Out):
    ident: str
    enheter: list[str]
    navn: str | None = Field(description="the name the person sees under the veileder's messages")
    token: str = Field(description="the veileder's new bearer token; the previous one stops working")
