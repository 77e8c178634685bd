"""The versioned question catalogue: the one source of every question and option text.

Stored answers carry a snapshot of what was shown together with ``CATALOGUE_VERSION``, so a
later change of wording must come with a new version and never rewrites an old record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

CATALOGUE_VERSION = "catalogue-v1"

# Rasa reads "/<intent>{json}" as an intent with entities, so a button click skips the NLU.
_PAYLOAD_INTENT = "svar"
_PAYLOAD_RE = re.compile(r"\A\s*/" + _PAYLOAD_INTENT + r"\s*(\{.*\})\s*\Z", re.DOTALL)


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question as shown to the person.

    ``asked_when`` is ``None`` (always asked) or ``"<slot>=<code>"``: the question is only
    asked once that other slot holds that code.
    """

    id: str
    slot: str
    text: str
    options: tuple[Option, ...]
    text_only_codes: tuple[str, ...]
    asked_when: str | None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options) + self.text_only_codes

    def option_for_digit(self, d: int) -> Option | None:
        # bool is an int; True must not silently mean "1".
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= len(self.options):
            return None
        return self.options[d - 1]

    def label_for(self, code: str) -> str:
        for option in self.options:
            if option.code == code:
                return option.label
        if code in self.text_only_codes:
            return _TEXT_ONLY_LABELS[(self.id, code)]
        raise ValueError(f"{code!r} is not an answer code of question {self.id}")

    def should_ask(self, answers: Mapping[str, str | None]) -> bool:
        if self.asked_when is None:
            return True
        slot, _, code = self.asked_when.partition("=")
        return answers.get(slot) == code


# Text-only codes have no button, but the veileder and the confirmation step still need words.
_TEXT_ONLY_LABELS: dict[tuple[str, str], str] = {
    ("q2", "verken_eller"): "Verken godt eller vanskelig",
}

_ALL_QUESTIONS = (
    Question(
        id="q1",
        slot="retur",
        text="Hvor sannsynlig er det at du kommer tilbake i jobben du ble sykmeldt fra?",
        options=(
            Option("veldig_sannsynlig", "Jeg tror det er veldig sannsynlig"),
            Option("usikker", "Jeg er usikker"),
            Option("lite_sannsynlig", "Jeg tror det er lite sannsynlig"),
        ),
        text_only_codes=(),
        asked_when=None,
    ),
    Question(
        id="q2",
        slot="relasjon",
        text=(
            "Hvordan vil du beskrive samarbeidet og relasjonen mellom deg og "
            "arbeidsgiveren din?"
        ),
        options=(
            Option("god", "Jeg opplever samarbeidet vårt som godt"),
            Option("vanskelig", "Jeg opplever samarbeidet vårt som vanskelig"),
        ),
        # The pilot offered no middle button; "sånn passe" only ever arrives as free text.
        text_only_codes=("verken_eller",),
        asked_when=None,
    ),
    Question(
        id="q3",
        slot="varighet",
        text="Hvor lenge tenker du at du har behov for å være sykmeldt?",
        options=(
            Option("under_26_uker", "Under 26 uker totalt (6 måneder)"),
            Option("over_26_uker", "Over 26 uker totalt (6 måneder)"),
            Option("usikker", "Vet ikke / usikker"),
        ),
        text_only_codes=(),
        asked_when=None,
    ),
    Question(
        id="q3_grunn",
        slot="varighet_usikker_grunn",
        text="Hva gjør deg usikker på hvor lenge du trenger å være sykmeldt?",
        options=(
            Option("behandling", "Det kommer an på behandling, operasjon eller ventetid"),
            Option("annet", "Noe annet (for eksempel jobb, økonomi eller vet ikke)"),
        ),
        text_only_codes=(),
        asked_when="varighet=usikker",
    ),
)

QUESTIONS: dict[str, Question] = {question.id: question for question in _ALL_QUESTIONS}
QUESTION_ORDER: tuple[str, ...] = ("q1", "q2", "q3", "q3_grunn")
# The slots the answers fill, in asking order.
ANSWER_SLOTS: tuple[str, ...] = tuple(QUESTIONS[q].slot for q in QUESTION_ORDER)

# People without an employer (arbeidsledig, frilanser, selvstendig næringsdrivende; PRODUCT.md
# §2, triage-v2): the employer question makes no sense to them, so q2 is never asked, and q1
# asks about work in general. The same ids, slots, codes and buttons, so the understanding and
# the stored answers read alike; the snapshot carries the words shown and its own version.
CATALOGUE_VERSION_UTEN_ARBEIDSGIVER = "catalogue-v1-uten-arbeidsgiver"
_Q1_UTEN_ARBEIDSGIVER = Question(
    id="q1",
    slot="retur",
    text="Hvor sannsynlig er det at du kommer tilbake i arbeid?",
    options=QUESTIONS["q1"].options,
    text_only_codes=(),
    asked_when=None,
)
_VARIANT_UTEN_ARBEIDSGIVER: dict[str, Question] = {
    question_id: _Q1_UTEN_ARBEIDSGIVER if question_id == "q1" else QUESTIONS[question_id]
    for question_id in QUESTION_ORDER
    if question_id != "q2"
}


def question_order(har_arbeidsgiver: bool = True) -> tuple[str, ...]:
    """The ids of the questions a person may be asked, in asking order."""
    return QUESTION_ORDER if har_arbeidsgiver else tuple(_VARIANT_UTEN_ARBEIDSGIVER)


def question(question_id: str, har_arbeidsgiver: bool = True) -> Question:
    """The question as this person is asked it (KeyError for one they are never asked)."""
    return QUESTIONS[question_id] if har_arbeidsgiver else _VARIANT_UTEN_ARBEIDSGIVER[question_id]


def catalogue_version(har_arbeidsgiver: bool = True) -> str:
    return CATALOGUE_VERSION if har_arbeidsgiver else CATALOGUE_VERSION_UTEN_ARBEIDSGIVER

_BY_SLOT: dict[str, Question] = {question.slot: question for question in _ALL_QUESTIONS}


def question_by_slot(slot: str) -> Question:
    try:
        return _BY_SLOT[slot]
    except KeyError:
        raise KeyError(f"no question fills the slot {slot!r}") from None


def _is_answered(question: Question, answers: Mapping[str, str | None]) -> bool:
    # A value that is not one of the question's codes is not an answer: asking again beats
    # building on a guess.
    return answers.get(question.slot) in question.codes


def next_question(answers: Mapping[str, str | None], har_arbeidsgiver: bool = True) -> Question | None:
    """The first question still to ask, given answers keyed by slot; ``None`` when done."""
    for question_id in question_order(har_arbeidsgiver):
        asked = question(question_id, har_arbeidsgiver)
        if asked.should_ask(answers) and not _is_answered(asked, answers):
            return asked
    return None


def is_complete(answers: Mapping[str, str | None], har_arbeidsgiver: bool = True) -> bool:
    return next_question(answers, har_arbeidsgiver) is None


def snapshot(question_id: str, har_arbeidsgiver: bool = True) -> dict:
    """What the person was shown, self-contained so a stored answer never depends on code."""
    shown = question(question_id, har_arbeidsgiver)
    return {
        "question_id": shown.id,
        "slot": shown.slot,
        "text": shown.text,
        "options": [
            {"code": option.code, "label": option.label, "digit": digit}
            for digit, option in enumerate(shown.options, start=1)
        ],
        "text_only_codes": list(shown.text_only_codes),
        "catalogue_version": catalogue_version(har_arbeidsgiver),
    }


def button_payload(question_id: str, code: str) -> str:
    question = QUESTIONS[question_id]
    if code not in question.codes:
        raise ValueError(f"{code!r} is not an answer code of question {question_id}")
    return "/" + _PAYLOAD_INTENT + json.dumps({question.slot: code}, separators=(",", ":"))


def parse_button_payload(text: str) -> tuple[str, str] | None:
    """``(slot, code)`` for a valid answer payload, ``None`` for anything else."""
    if not isinstance(text, str):
        return None
    match = _PAYLOAD_RE.match(text)
    if match is None:
        return None
    try:
        entities = json.loads(match.group(1))
    except ValueError:
        return None
    if not isinstance(entities, dict) or len(entities) != 1:
        return None
    ((slot, code),) = entities.items()
    question = _BY_SLOT.get(slot)
    if question is None or not isinstance(code, str) or code not in question.codes:
        return None
    return slot, code
