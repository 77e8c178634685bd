"""Offers instead of bare reasks (issue 13, item 2), with tracker fixtures and the real store:
a choice of two answered by button, digit or "Ingen av dem"; misses that help more each time;
skipping a question or asking to be contacted."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ActionAskBekreftelse, ValidateWeek8Form
from tests.actions.test_form_actions import invited_case, run, texts, tracker, view
from uke8.triage.asking_texts import CONTACT_LABEL, EXAMPLES, NONE_OF_THEM_LABEL, SKIP_LABEL, SKIP_OFFER, SKIPPED
from uke8.triage.catalogue import QUESTIONS, button_payload
from uke8.triage.messages import REPLIES

form = ValidateWeek8Form()
ask = ActionAskBekreftelse()
# Two q1 codes compete, the top one below `confirm` (0.4, fixed, never calibrated): whatever
# the calibrated `close`, this is a choice and no accept.
COMPETING = [("q1_lite_sannsynlig", 0.36), ("usikker", 0.35), ("q3_over_26_uker", 0.29)]
NOTHING = [("hilsen", 0.5), ("out_of_scope", 0.49), ("q1_lite_sannsynlig", 0.01)]  # below global_accept too


def choose_offer(conv: str) -> dict:
    result = run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "tja, usikkert om det blir noe av", ranking=COMPETING), {}))
    assert result["retur"] is None
    pending = result["ventende_svar"]
    assert (pending["kind"], pending["offered"]) == ("choose", ["lite_sannsynlig", "usikker"])
    return {"ventende_svar": pending, "bekreft_tekst": result["bekreft_tekst"]}


def test_two_competing_codes_are_offered_as_buttons_with_none_of_them(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    assert run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", slots), {}))[:2] == ["bekreftelse", "retur"]
    d = CollectingDispatcher()
    run(ask.run(d, tracker(conv, "", slots), {}))
    (message,) = d.messages
    q1 = QUESTIONS["q1"]
    assert message["text"] == f"Mente du «{q1.label_for('lite_sannsynlig')}» eller «{q1.label_for('usikker')}»?"
    assert [b["title"] for b in message["buttons"]] == [q1.label_for("lite_sannsynlig"), q1.label_for("usikker"), NONE_OF_THEM_LABEL]
    assert message["buttons"][1]["payload"] == button_payload("q1", "usikker")
    assert view(db, case_id)["answers"] == []  # nothing recorded on a guess


def test_picking_an_offered_button_records_it_with_the_persons_words(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, button_payload("q1", "usikker"), slots), {}))
    assert result["retur"] == "usikker" and result["ventende_svar"] is None
    (answer,) = view(db, case_id)["answers"]
    assert (answer["code"], answer["source"], answer["raw_text"]) == ("usikker", "confirmed", "tja, usikkert om det blir noe av")


def test_a_digit_picks_by_the_order_of_the_offer_as_in_sms(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "2", slots), {}))
    assert result["retur"] == "usikker"  # the offer's second, not q1's second option by chance
    slots = choose_offer(conv)
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "1", slots), {}))
    assert result["retur"] == "lite_sannsynlig"


def test_none_of_them_counts_a_miss_and_asks_again(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    for reply in ("/nei", NONE_OF_THEM_LABEL, "3"):
        d = CollectingDispatcher()
        result = run(form.validate_bekreftelse(None, d, tracker(conv, reply, slots), {}))
        assert result["ventende_svar"] is None and result["misser"] == {"retur": 1} and "retur" not in result
        assert REPLIES["bekreft_nei"] in texts(d)
    assert view(db, case_id)["answers"] == []


def test_yes_to_a_choice_picks_neither_and_keeps_the_offer(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    assert run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "ja", slots), {})) == {"bekreftelse": None}
    assert view(db, case_id)["answers"] == []


def miss(conv: str, slots: dict) -> dict:
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, tracker(conv, "blå", slots, ranking=NOTHING), {}))
    return result | {"_said": texts(d)}


def test_each_miss_helps_more_then_offers_to_skip_or_be_contacted(db):
    case_id, conv = invited_case(db)
    first = miss(conv, {})
    assert first["misser"] == {"retur": 1} and first["ventende_svar"] is None
    assert REPLIES["ikke_forstatt"] in first["_said"]  # the question follows with its buttons

    second = miss(conv, {"misser": first["misser"]})
    assert second["ventende_svar"] == {"slot": "retur", "kind": "hjelp"} and second["_said"] == ""
    d = CollectingDispatcher()
    run(ask.run(d, tracker(conv, "", {"ventende_svar": second["ventende_svar"]}), {}))
    help_text = texts(d)
    assert "1 Jeg tror det er veldig sannsynlig\n2 Jeg er usikker\n3 Jeg tror det er lite sannsynlig" in help_text
    assert EXAMPLES["q1"] in help_text and QUESTIONS["q1"].text in help_text

    # the numbered help is answered like the question: a digit by the question's order
    third = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "blå", {"misser": second["misser"], "ventende_svar": second["ventende_svar"]}, ranking=NOTHING), {}))
    assert third["ventende_svar"] == {"slot": "retur", "kind": "hopp"} and third["misser"] == {"retur": 3}
    d = CollectingDispatcher()
    run(ask.run(d, tracker(conv, "", {"ventende_svar": third["ventende_svar"]}), {}))
    assert texts(d) == SKIP_OFFER and [b["title"] for b in d.messages[0]["buttons"]] == [SKIP_LABEL, CONTACT_LABEL]
    assert view(db, case_id)["answers"] == []


def test_the_numbered_help_takes_a_digit_by_the_questions_order(db):
    case_id, conv = invited_case(db)
    slots = {"misser": {"retur": 2}, "ventende_svar": {"slot": "retur", "kind": "hjelp"}}
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "3", slots), {}))
    assert result["retur"] == "lite_sannsynlig" and result["misser"] == {}  # a recorded answer clears its misses


def test_skipping_leaves_the_answer_missing_and_the_form_moves_on(db):
    case_id, conv = invited_case(db)
    slots = {"misser": {"retur": 3}, "ventende_svar": {"slot": "retur", "kind": "hopp"}}
    d = CollectingDispatcher()
    result = run(form.validate_bekreftelse(None, d, tracker(conv, SKIP_LABEL, slots), {}))
    assert result["hoppet_over"] == ["retur"] and result["ventende_svar"] is None
    assert SKIPPED in texts(d)
    assert run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", {"hoppet_over": ["retur"]}), {})) == ["relasjon", "varighet"]
    case = view(db, case_id)
    assert case["answers"] == [] and case["assessment"] is None and case["handoff_requested"] is False


def test_asking_to_be_contacted_records_a_handoff_and_skips_the_question(db):
    case_id, conv = invited_case(db)
    slots = {"misser": {"relasjon": 3}, "ventende_svar": {"slot": "relasjon", "kind": "hopp"}, "retur": "veldig_sannsynlig"}
    d = CollectingDispatcher()
    result = run(form.validate_bekreftelse(None, d, tracker(conv, "2", slots), {}))  # SMS: the second button
    assert result["hoppet_over"] == ["relasjon"]
    assert REPLIES["menneske"] in texts(d)
    assert view(db, case_id)["handoff_requested"] is True


def test_not_understood_at_the_skip_offer_keeps_it_open(db):
    case_id, conv = invited_case(db)
    slots = {"misser": {"retur": 3}, "ventende_svar": {"slot": "retur", "kind": "hopp"}}
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "blå", slots, ranking=NOTHING), {}))
    assert result == {"bekreftelse": None}  # the offer stays (ventende_svar untouched)


def test_skipping_the_last_question_assesses_what_was_answered_as_the_deadline_would(db):
    case_id, conv = invited_case(db, grad=100)
    for slot, text in (("retur", "1"), ("relasjon", "1")):
        run(getattr(form, f"validate_{slot}")(None, CollectingDispatcher(), tracker(conv, text), {}))
    slots = {"retur": "veldig_sannsynlig", "relasjon": "god", "misser": {"varighet": 3}, "ventende_svar": {"slot": "varighet", "kind": "hopp"}}
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "hopp over", slots), {}))
    assert result["hoppet_over"] == ["varighet"]
    # only answered slots are left: the form is done
    assert run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", {**slots, **result}), {})) == ["retur", "relasjon"]
    assessment = view(db, case_id)["assessment"]
    # q3 missing: no answer rule fires, so the no-answer rule of triage-v1 for grad >= 30
    assert assessment["classification"] == "kartlegging" and assessment["reasons"] == ["ubesvart_grad_30_eller_mer"]


def test_answering_the_last_question_after_skipping_an_earlier_one_assesses_at_once(db):
    case_id, conv = invited_case(db, grad=20)
    run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "1"), {}))
    slots = {"retur": "veldig_sannsynlig", "hoppet_over": ["relasjon"]}
    result = run(form.validate_varighet(None, CollectingDispatcher(), tracker(conv, "1", slots), {}))
    assert result["varighet"] == "under_26_uker"
    assessment = view(db, case_id)["assessment"]
    # q2 missing: god_relasjon_kort_varighet cannot fire, nothing else does: the grad < 30 no-answer rule
    assert (assessment["classification"], assessment["reasons"]) == ("ikke_aktuell_na", ["ubesvart_lav_grad"])


OFF_TOPIC = [("out_of_scope", 0.9), ("hilsen", 0.05), ("q1_lite_sannsynlig", 0.05)]  # taken as off-topic


def test_off_topic_text_is_answered_as_such_and_counts_as_a_miss(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    first = run(form.validate_retur(None, d, tracker(conv, "jeg har en katt", ranking=OFF_TOPIC), {}))
    assert first["misser"] == {"retur": 1} and REPLIES["ute_av_omfang"] in texts(d)
    # off-topic again while the numbered help is open: the third miss offers to skip
    slots = {"misser": {"retur": 2}, "ventende_svar": {"slot": "retur", "kind": "hjelp"}}
    third = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "jeg har en katt", slots, ranking=OFF_TOPIC), {}))
    assert third["ventende_svar"] == {"slot": "retur", "kind": "hopp"} and third["misser"] == {"retur": 3}
    assert view(db, case_id)["answers"] == []


def test_off_topic_text_leaves_an_open_choice_open(db):
    case_id, conv = invited_case(db)
    slots = choose_offer(conv)
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "jeg har en katt", slots, ranking=OFF_TOPIC), {}))
    assert "misser" not in result and result.get("ventende_svar", slots["ventende_svar"]) == slots["ventende_svar"]


DECLINE = [("q3_grunn_annet", 0.4), ("usikker", 0.3), ("q2_vanskelig", 0.2)]


def test_a_question_declined_gets_the_skip_offer_at_once_not_forsto_ikke(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, tracker(conv, "Det vil jeg helst ikke svare på.", {}, ranking=DECLINE), {}))
    assert result["retur"] is None
    assert result["ventende_svar"] == {"slot": "retur", "kind": "hopp"} and result["misser"] == {"retur": 3}
    assert REPLIES["ikke_forstatt"] not in texts(d)
    d = CollectingDispatcher()
    run(ask.run(d, tracker(conv, "", {"ventende_svar": result["ventende_svar"]}), {}))
    assert texts(d) == SKIP_OFFER
    assert view(db, case_id)["answers"] == []
