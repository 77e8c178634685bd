"""The answer mapping's reading of the per-question scorers (issue 13 item 4,
uke8/understanding/question_view.py): the open question's intents take their scorer's
probabilities, "not this question" is shared among the other intents in proportion to the
global ranking, reading twice changes nothing, and the live decision (`interpret`) reads it."""
from __future__ import annotations

import pytest

from uke8.understanding.interpret import interpret
from uke8.understanding.question_view import NOT_THIS_QUESTION, question_view as question_aware

PARSE = {
    "text": "vet ikke helt, venter på operasjon",
    "intent": {"name": "q3_grunn_behandling", "confidence": 0.9},
    "intent_ranking": [
        {"name": "q3_grunn_behandling", "confidence": 0.9},
        {"name": "usikker", "confidence": 0.06},
        {"name": "stopp", "confidence": 0.03},
        {"name": "q1_lite_sannsynlig", "confidence": 0.01},
    ],
    "question_rankings": {
        "q1": [
            {"name": "usikker", "confidence": 0.7},
            {"name": NOT_THIS_QUESTION, "confidence": 0.2},
            {"name": "q1_lite_sannsynlig", "confidence": 0.1},
        ],
    },
}


def test_open_question_scored_by_its_own_scorer():
    view = question_aware("q1", PARSE)
    scores = {e["name"]: e["confidence"] for e in view["intent_ranking"]}
    assert view["intent"]["name"] == "usikker"
    assert scores["usikker"] == pytest.approx(0.7) and scores["q1_lite_sannsynlig"] == pytest.approx(0.1)
    # 0.2 shared by q3_grunn_behandling (0.9) and stopp (0.03) in proportion
    assert scores["q3_grunn_behandling"] == pytest.approx(0.2 * 0.9 / 0.93)
    assert scores["stopp"] == pytest.approx(0.2 * 0.03 / 0.93)
    assert sum(scores.values()) == pytest.approx(1.0)


def test_reading_twice_changes_nothing():
    once = question_aware("q1", PARSE)
    twice = question_aware("q1", once)
    assert [(e["name"], pytest.approx(e["confidence"])) for e in once["intent_ranking"]] == [
        (e["name"], e["confidence"]) for e in twice["intent_ranking"]]


def test_without_a_scorer_for_the_question_the_parse_is_kept():
    assert question_aware("q2", PARSE) is PARSE
    assert question_aware("any", PARSE) is PARSE
    plain = {k: v for k, v in PARSE.items() if k != "question_rankings"}
    assert question_aware("q1", plain) is plain


def test_the_live_decision_reads_the_open_questions_scorer():
    # globally a q3_grunn answer; read under q1 by q1's own scorer, an uncertain answer to q1
    meaning = interpret("q1", PARSE["text"], PARSE)
    assert meaning.kind == "answer" and meaning.code == "usikker"
    assert meaning.confidence == pytest.approx(0.7)
    without = {k: v for k, v in PARSE.items() if k != "question_rankings"}
    assert interpret("q1", PARSE["text"], without).confidence < 0.1  # the global ranking's 0.06


def test_a_message_plainly_about_another_question_is_read_as_it_is():
    # globally a q3_grunn answer, nothing of q2: q2's own scorer (which never learnt other
    # questions' answers) would name the nearest q2 code, so its view is not used
    about_q3 = {**PARSE, "question_rankings": {
        "q2": [{"name": "q2_verken_eller", "confidence": 0.6}, {"name": NOT_THIS_QUESTION, "confidence": 0.4}],
        "q3_grunn": [{"name": "q3_grunn_behandling", "confidence": 0.9}, {"name": NOT_THIS_QUESTION, "confidence": 0.1}]}}
    assert question_aware("q2", about_q3) is about_q3
    # q3_grunn takes any reason: always its own scorer
    grunn = {**PARSE, "question_rankings": {"q3_grunn": [
        {"name": "q3_grunn_annet", "confidence": 0.7}, {"name": NOT_THIS_QUESTION, "confidence": 0.3}]}}
    assert question_aware("q3_grunn", grunn)["intent"]["name"] == "q3_grunn_annet"
