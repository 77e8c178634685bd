"""The question catalogue and the fixed texts, checked against PRODUCT.md §1, §3 and §4."""

from __future__ import annotations

import itertools
import json
import re

import pytest

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

# Copied by hand from PRODUCT.md §1: (id, slot, text, [(code, button label)], text-only codes)
SPEC_QUESTIONS = [
    (
        "q1",
        "retur",
        "Hvor sannsynlig er det at du kommer tilbake i jobben du ble sykmeldt fra?",
        [
            ("veldig_sannsynlig", "Jeg tror det er veldig sannsynlig"),
            ("usikker", "Jeg er usikker"),
            ("lite_sannsynlig", "Jeg tror det er lite sannsynlig"),
        ],
        [],
    ),
    (
        "q2",
        "relasjon",
        "Hvordan vil du beskrive samarbeidet og relasjonen mellom deg og arbeidsgiveren din?",
        [
            ("god", "Jeg opplever samarbeidet vårt som godt"),
            ("vanskelig", "Jeg opplever samarbeidet vårt som vanskelig"),
        ],
        ["verken_eller"],
    ),
    (
        "q3",
        "varighet",
        "Hvor lenge tenker du at du har behov for å være sykmeldt?",
        [
            ("under_26_uker", "Under 26 uker totalt (6 måneder)"),
            ("over_26_uker", "Over 26 uker totalt (6 måneder)"),
            ("usikker", "Vet ikke / usikker"),
        ],
        [],
    ),
    (
        "q3_grunn",
        "varighet_usikker_grunn",
        "Hva gjør deg usikker på hvor lenge du trenger å være sykmeldt?",
        [
            ("behandling", "Det kommer an på behandling, operasjon eller ventetid"),
            ("annet", "Noe annet (for eksempel jobb, økonomi eller vet ikke)"),
        ],
        [],
    ),
]

SPEC_BY_ID = {row[0]: row for row in SPEC_QUESTIONS}
SLOTS = ("retur", "relasjon", "varighet", "varighet_usikker_grunn")
VALUES = {
    "retur": ("veldig_sannsynlig", "usikker", "lite_sannsynlig"),
    "relasjon": ("god", "vanskelig", "verken_eller"),
    "varighet": ("under_26_uker", "over_26_uker", "usikker"),
    "varighet_usikker_grunn": ("behandling", "annet"),
}

# Words that would turn a voluntary question into pressure, or office jargon the pilot dropped.


# --- the catalogue itself ---------------------------------------------------------------


def test_version():
    assert CATALOGUE_VERSION == "catalogue-v1"


def test_question_order_and_dict_order():
    assert QUESTION_ORDER == ("q1", "q2", "q3", "q3_grunn")
    assert tuple(QUESTIONS) == QUESTION_ORDER


@pytest.mark.parametrize("spec", SPEC_QUESTIONS, ids=lambda s: s[0])
def test_question_matches_spec(spec):
    qid, slot, text, buttons, text_only = spec
    question = QUESTIONS[qid]
    assert question.id == qid
    assert question.slot == slot
    assert question.text == text
    assert [(o.code, o.label) for o in question.options] == buttons
    assert list(question.text_only_codes) == text_only
    assert question.codes == tuple(code for code, _ in buttons) + tuple(text_only)


def test_only_q3_grunn_is_conditional():
    assert [q.asked_when for q in QUESTIONS.values()] == [None, None, None, "varighet=usikker"]


def test_verken_eller_has_no_button_but_a_label():
    q2 = QUESTIONS["q2"]
    assert "verken_eller" not in [o.code for o in q2.options]
    assert q2.label_for("verken_eller") == "Verken godt eller vanskelig"


@pytest.mark.parametrize("spec", SPEC_QUESTIONS, ids=lambda s: s[0])
def test_label_for_every_button(spec):
    qid, _, _, buttons, _ = spec
    for code, label in buttons:
        assert QUESTIONS[qid].label_for(code) == label


def test_label_for_unknown_code():
    with pytest.raises(ValueError):
        QUESTIONS["q1"].label_for("god")


def test_dataclasses_are_frozen():
    with pytest.raises(AttributeError):
        QUESTIONS["q1"].text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        QUESTIONS["q1"].options[0].label = "x"  # type: ignore[misc]
    assert isinstance(QUESTIONS["q1"].options, tuple)


def test_questions_are_the_contract_types():
    for question in QUESTIONS.values():
        assert isinstance(question, Question)
        assert all(isinstance(option, Option) for option in question.options)


@pytest.mark.parametrize("spec", SPEC_QUESTIONS, ids=lambda s: s[0])
def test_digits_follow_button_order(spec):
    qid, _, _, buttons, _ = spec
    question = QUESTIONS[qid]
    for digit, (code, label) in enumerate(buttons, start=1):
        assert question.option_for_digit(digit) == Option(code, label)
    for outside in (0, -1, len(buttons) + 1, 9):
        assert question.option_for_digit(outside) is None
    assert question.option_for_digit(True) is None  # type: ignore[arg-type]


def test_digit_examples_from_spec():
    assert QUESTIONS["q1"].option_for_digit(3).code == "lite_sannsynlig"
    assert QUESTIONS["q3"].option_for_digit(3).code == "usikker"
    # verken_eller has no button, so q2 has no third digit.
    assert QUESTIONS["q2"].option_for_digit(3) is None


@pytest.mark.parametrize("slot", SLOTS)
def test_question_by_slot(slot):
    question = question_by_slot(slot)
    assert question.slot == slot
    assert QUESTIONS[question.id] is question


def test_question_by_unknown_slot():
    with pytest.raises(KeyError):
        question_by_slot("helse")


# --- next_question over every path ------------------------------------------------------


def _expected_next(answers):
    """Straight from §1: q1, q2, q3 always; q3_grunn only after q3 = usikker."""
    needed = ["retur", "relasjon", "varighet"]
    if answers.get("varighet") == "usikker":
        needed.append("varighet_usikker_grunn")
    for slot in needed:
        if answers.get(slot) not in VALUES[slot]:
            return {"retur": "q1", "relasjon": "q2", "varighet": "q3"}.get(slot, "q3_grunn")
    return None


def _all_answer_dicts():
    choices = [(None, *VALUES[slot]) for slot in SLOTS]
    for combo in itertools.product(*choices):
        yield {slot: value for slot, value in zip(SLOTS, combo)}


ALL_ANSWER_DICTS = list(_all_answer_dicts())


@pytest.mark.parametrize("answers", ALL_ANSWER_DICTS, ids=lambda a: "-".join(map(str, a.values())))
def test_next_question_every_combination(answers):
    expected = _expected_next(answers)
    got = next_question(answers)
    assert (got.id if got else None) == expected
    assert is_complete(answers) is (expected is None)
    # Leaving a slot out of the mapping is the same as holding None.
    sparse = {slot: value for slot, value in answers.items() if value is not None}
    assert next_question(sparse) == got


def test_next_question_walk_through():
    answers: dict[str, str | None] = {}
    assert next_question(answers).id == "q1"
    answers["retur"] = "usikker"
    assert next_question(answers).id == "q2"
    answers["relasjon"] = "verken_eller"
    assert next_question(answers).id == "q3"
    answers["varighet"] = "usikker"
    assert next_question(answers).id == "q3_grunn"
    answers["varighet_usikker_grunn"] = "annet"
    assert next_question(answers) is None
    assert is_complete(answers)


def test_q3_grunn_not_asked_for_a_known_duration():
    answers = {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}
    assert next_question(answers) is None


def test_invalid_or_empty_value_counts_as_unanswered():
    assert next_question({"retur": "kanskje"}).id == "q1"
    assert next_question({"retur": ""}).id == "q1"
    # A code that belongs to another question is not an answer here.
    assert next_question({"retur": "god"}).id == "q1"


def test_count_of_enumerated_paths():
    assert len(ALL_ANSWER_DICTS) == 4 * 4 * 4 * 3
    # retur 3 x relasjon 3 x (known duration 2 x any grunn 3 + usikker 1 x grunn 2)
    assert sum(1 for a in ALL_ANSWER_DICTS if is_complete(a)) == 3 * 3 * (2 * 3 + 1 * 2)


# --- snapshot ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPEC_QUESTIONS, ids=lambda s: s[0])
def test_snapshot(spec):
    qid, slot, text, buttons, text_only = spec
    record = snapshot(qid)
    assert record == {
        "question_id": qid,
        "slot": slot,
        "text": text,
        "options": [
            {"code": code, "label": label, "digit": digit}
            for digit, (code, label) in enumerate(buttons, start=1)
        ],
        "text_only_codes": text_only,
        "catalogue_version": "catalogue-v1",
    }
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_snapshot_is_a_fresh_copy():
    record = snapshot("q1")
    record["options"].clear()
    record["text"] = "endret"
    assert len(snapshot("q1")["options"]) == 3
    assert QUESTIONS["q1"].text != "endret"


def test_snapshot_unknown_question():
    with pytest.raises(KeyError):
        snapshot("q9")


# --- button payloads --------------------------------------------------------------------


def test_payload_format():
    assert button_payload("q1", "usikker") == '/svar{"retur":"usikker"}'
    assert button_payload("q3_grunn", "annet") == '/svar{"varighet_usikker_grunn":"annet"}'


@pytest.mark.parametrize(
    ("qid", "code"), [(q.id, c) for q in QUESTIONS.values() for c in q.codes]
)
def test_payload_round_trip(qid, code):
    payload = button_payload(qid, code)
    assert parse_button_payload(payload) == (QUESTIONS[qid].slot, code)


def test_payload_for_wrong_code():
    with pytest.raises(ValueError):
        button_payload("q1", "god")
    with pytest.raises(KeyError):
        button_payload("q7", "god")


@pytest.mark.parametrize(
    "text",
    [
        '/svar {"retur": "usikker"}',
        '  /svar{ "retur" :"usikker" }  ',
        '/svar{"retur":"usikker"}\n',
    ],
)
def test_parse_tolerates_spaces(text):
    assert parse_button_payload(text) == ("retur", "usikker")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "usikker",
        "3",
        "/svar",
        "/svar{}",
        '/svar{"retur":"god"}',
        '/svar{"helse":"god"}',
        '/svar{"retur":"usikker","relasjon":"god"}',
        '/svar{"retur":3}',
        '/svar{"retur":null}',
        '/svar["retur","usikker"]',
        '/svar{"retur":"usikker"',
        '/stopp{"retur":"usikker"}',
        '/svarX{"retur":"usikker"}',
        'svar{"retur":"usikker"}',
        'tekst /svar{"retur":"usikker"}',
        '/svar{"retur":"usikker"} mer tekst',
        None,
    ],
)
def test_parse_rejects_anything_else(text):
    assert parse_button_payload(text) is None
