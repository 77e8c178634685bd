"""The one decision function (uke8.understanding.interpret.interpret) over every branch of the
offer rule, and eval-nlu's report built from it (action, offered, one_step_share)."""
from __future__ import annotations

import pytest

from uke8.nlu_eval import evaluate_item, one_step, report
from uke8.understanding.calibration import THRESHOLDS, Thresholds, load_thresholds
from uke8.understanding.interpret import interpret

T = Thresholds(accept=0.8, confirm=0.4, global_accept=0.6, offer=0.2, close=0.5)


def parse(*ranking: tuple[str, float]) -> dict:
    items = [{"name": name, "confidence": conf} for name, conf in ranking]
    return {"intent": items[0] if items else None, "intent_ranking": items}


def decide(question, *ranking, t=T):
    m = interpret(question, "x", parse(*ranking), t)
    return m.kind, m.action, m.code, m.offered


def test_accept_offers_nothing():
    assert decide("q1", ("q1_lite_sannsynlig", 0.85), ("usikker", 0.15)) == ("answer", "accept", "lite_sannsynlig", ())


def test_a_likely_top_code_without_a_close_second_is_confirmed():
    assert decide("q1", ("q1_lite_sannsynlig", 0.6), ("usikker", 0.1), ("out_of_scope", 0.3)) == (
        "answer", "confirm", "lite_sannsynlig", ("lite_sannsynlig",))


def test_two_close_codes_are_both_offered_even_when_the_top_one_is_likely():
    assert decide("q1", ("q1_lite_sannsynlig", 0.45), ("usikker", 0.4), ("out_of_scope", 0.15)) == (
        "answer", "choose", "lite_sannsynlig", ("lite_sannsynlig", "usikker"))


def test_a_top_code_below_confirm_with_the_mass_on_the_question_offers_the_top_two():
    # 0.3 alone is not likely enough to confirm; the question's codes hold 0.42 >= offer
    assert decide("q3", ("q3_over_26_uker", 0.3), ("q3_under_26_uker", 0.12), ("hilsen", 0.58)) == (
        "answer", "choose", "over_26_uker", ("over_26_uker", "under_26_uker"))


def test_one_code_of_the_question_alone_below_confirm_is_confirmed_not_paired_with_a_code_without_support():
    assert decide("q2", ("q2_god", 0.3), ("q1_lite_sannsynlig", 0.7)) == ("answer", "confirm", "god", ("god",))


def test_nothing_points_at_the_question_asks_again():
    assert decide("q2", ("q2_god", 0.1), ("q1_lite_sannsynlig", 0.5), ("hilsen", 0.4)) == ("unknown", "reask", "god", ())
    assert decide("q2") == ("unknown", "reask", None, ())


def test_the_offer_floor_is_a_threshold():
    ranking = (("q2_god", 0.15), ("q2_vanskelig", 0.1), ("q1_lite_sannsynlig", 0.75))
    assert decide("q2", *ranking)[1] == "choose"  # 0.25 >= 0.2
    assert decide("q2", *ranking, t=Thresholds(accept=0.8, confirm=0.4, global_accept=0.6, offer=0.3, close=0.5))[1] == "reask"


def test_close_is_a_threshold():
    ranking = (("q3_grunn_behandling", 0.5), ("q3_grunn_annet", 0.3), ("out_of_scope", 0.2))
    assert decide("q3_grunn", *ranking)[1] == "choose"  # 0.3 >= 0.5 * 0.5
    assert decide("q3_grunn", *ranking, t=Thresholds(accept=0.8, confirm=0.4, global_accept=0.6, offer=0.2, close=0.7))[1] == "confirm"


def test_a_real_question_of_the_person_wins_over_an_offer():
    assert decide("q1", ("personvern", 0.7), ("usikker", 0.3))[:3] == ("global", "accept", "personvern")


def test_off_topic_wins_only_when_it_outweighs_the_question():
    assert decide("q1", ("out_of_scope", 0.65), ("usikker", 0.2), ("q1_lite_sannsynlig", 0.15))[:2] == ("global", "accept")
    # off-topic above global_accept but the question's codes hold less: still off-topic
    assert decide("q1", ("out_of_scope", 0.61), ("usikker", 0.2), ("q1_lite_sannsynlig", 0.19))[:2] == ("global", "accept")
    # a weak off-topic guess does not hide an offer
    assert decide("q1", ("out_of_scope", 0.5), ("usikker", 0.3), ("q1_lite_sannsynlig", 0.2))[1] == "choose"


def test_no_open_question_never_offers():
    m = interpret(None, "x", parse(("q1_veldig_sannsynlig", 0.5), ("usikker", 0.5)), T)
    assert m.action == "reask" and m.offered == ()


def test_certain_answers_offer_nothing():
    m = interpret("q1", "2", None, T)
    assert (m.action, m.offered) == ("accept", ())


def test_the_issue_example_q1_second_behind_a_q3_intent_is_offered_not_a_bare_reask():
    # "tja, tror nok jeg er tilbake om en stund" with q1 open: the classifier put a q3 intent
    # first and q1_veldig_sannsynlig second. Before, that was "Beklager, det forsto jeg ikke".
    ranking = parse(("q3_under_26_uker", 0.55), ("q1_veldig_sannsynlig", 0.3), ("usikker", 0.1), ("out_of_scope", 0.05))
    m = interpret("q1", "tja, tror nok jeg er tilbake om en stund", ranking, THRESHOLDS)
    assert m.action in ("confirm", "choose") and m.offered[0] == "veldig_sannsynlig"


def test_calibration_file_carries_the_offer_rule():
    t = load_thresholds()
    assert 0.0 < t.offer < t.confirm < t.accept and 0.0 < t.close <= 1.0


def test_eval_items_report_action_offered_and_one_step():
    chosen = evaluate_item("q1", "x", parse(("q1_lite_sannsynlig", 0.45), ("usikker", 0.4), ("out_of_scope", 0.15)), T)
    assert (chosen["action"], chosen["offered"]) == ("choose", ["lite_sannsynlig", "usikker"])
    confirmed = evaluate_item("q1", "x", parse(("q1_lite_sannsynlig", 0.6), ("out_of_scope", 0.4)), T)
    assert (confirmed["action"], confirmed["offered"]) == ("confirm", ["lite_sannsynlig"])
    accepted = evaluate_item("q1", "1", None, T)
    assert (accepted["action"], accepted["offered"]) == ("accept", [])
    asked = evaluate_item("q1", "hvem ser dette", parse(("personvern", 0.9)), T)
    assert (asked["action"], asked["offered"]) == ("reask", [])
    items = [
        {"question": "q1", "expected": "usikker"} | chosen,  # second of the two offered: one step
        {"question": "q1", "expected": "usikker"} | confirmed,  # confirmed the wrong one: not
        {"question": "q1", "expected": "veldig_sannsynlig"} | accepted,
        {"question": "q1", "expected": "lite_sannsynlig"} | accepted,  # wrong accept
    ]
    assert [one_step(i) for i in items] == [True, False, True, False]
    figures = report(items)
    assert figures["one_step_share"] == 0.5 and figures["wrong_accept_share"] == 0.25
    assert figures["choose_share"] == 0.25 and figures["confirm_share"] == 0.25


@pytest.mark.parametrize("question", ["q1", "q2", "q3", "q3_grunn"])
def test_offered_codes_belong_to_the_open_question(question):
    from uke8.triage.catalogue import QUESTIONS
    from uke8.understanding.interpret import ANSWER_INTENTS

    intents = list(ANSWER_INTENTS[question])
    ranking = [(intents[0], 0.35), (intents[-1], 0.3), ("q2_god" if question != "q2" else "q1_lite_sannsynlig", 0.35)]
    m = interpret(question, "x", parse(*ranking), T)
    assert m.offered and set(m.offered) <= set(QUESTIONS[question].codes)


def test_off_topic_many_times_the_question_mass_is_a_bare_reask_not_an_offer():
    # "potet" with q1 open: off-topic below global_accept, yet 5x all q1 codes together
    assert decide("q1", ("out_of_scope", 0.5), ("q3_grunn_annet", 0.4), ("usikker", 0.06), ("q1_lite_sannsynlig", 0.04))[:2] == ("unknown", "reask")
    # "50/50": off-topic about 2x the question mass is still an offer
    assert decide("q1", ("out_of_scope", 0.17), ("hilsen", 0.5), ("usikker", 0.2), ("q1_lite_sannsynlig", 0.13))[1] == "choose"


def test_eval_nlu_refuses_a_line_type_it_does_not_read_with_its_line_number(tmp_path):
    """An "after" line (tests/nlu_eval/after.jsonl) ended eval-nlu in a KeyError traceback."""
    from pathlib import Path

    from uke8.nlu_eval import load
    from uke8.settings import PROJECT_ROOT

    source = tmp_path / "mixed.jsonl"
    source.write_text('{"question": "q1", "text": "ja", "expected": "veldig_sannsynlig"}\n'
                      '{"question": "after", "text": "takk for hjelpen", "expected": "takk"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"mixed.jsonl:2: question 'after' is not one eval-nlu reads"):
        load(Path(source))
    assert len(load(PROJECT_ROOT / "tests" / "nlu_eval" / "answers.jsonl")) > 400  # the real sets still load
