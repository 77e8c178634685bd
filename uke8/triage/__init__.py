"""The week-8 domain: questions, screening, triage-v1 rules and the texts the person reads.

Pure code without I/O, so the conversation, the API and the store share one truth.
"""

from uke8.triage.catalogue import (
    CATALOGUE_VERSION,
    QUESTION_ORDER,
    QUESTIONS,
    Option,
    Question,
    button_payload,
    is_complete,
    next_question,
    parse_button_payload,
    question_by_slot,
    snapshot,
)
from uke8.triage.messages import (
    CONTACT_INFO,
    FOLLOW_UP_PROMPT,
    GREETING,
    MEETING_MODES,
    MEETING_PROMPT,
    MEETING_TIME_PROMPT,
    NOT_UNDERSTOOD,
    PRIVACY_NOTICE,
    TAILORED_GREETING,
    confirmation_question,
    outcome_message,
)
from uke8.triage.persons import (
    FNR_PATTERN,
    age_on,
    birth_date_from_fnr,
    is_fnr,
    mask_fnr,
    mask_phone,
)
from uke8.triage.rules import (
    REASON_TEXTS,
    RULE_VERSION,
    Answers,
    Assessment,
    Classification,
    classify,
)
from uke8.triage.screening import CaseFacts, Screening, ScreeningResult, screen

__all__ = [
    "CATALOGUE_VERSION",
    "CONTACT_INFO",
    "FNR_PATTERN",
    "FOLLOW_UP_PROMPT",
    "GREETING",
    "MEETING_MODES",
    "MEETING_PROMPT",
    "MEETING_TIME_PROMPT",
    "NOT_UNDERSTOOD",
    "PRIVACY_NOTICE",
    "QUESTIONS",
    "QUESTION_ORDER",
    "REASON_TEXTS",
    "RULE_VERSION",
    "TAILORED_GREETING",
    "Answers",
    "Assessment",
    "CaseFacts",
    "Classification",
    "Option",
    "Question",
    "Screening",
    "ScreeningResult",
    "age_on",
    "birth_date_from_fnr",
    "button_payload",
    "classify",
    "confirmation_question",
    "is_complete",
    "is_fnr",
    "mask_fnr",
    "mask_phone",
    "next_question",
    "outcome_message",
    "parse_button_payload",
    "question_by_slot",
    "screen",
    "snapshot",
]
