"""The form for a person without an employer (PRODUCT.md §2, triage-v2): action_start tells the
form by the `har_arbeidsgiver` slot, the form never asks q2, two answers finish the round, and
nothing the person reads speaks of an employer."""
from __future__ import annotations

import re

from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionOppsummer, ActionStart
from actions.forms import ValidateWeek8Form
from actions.global_intents import ActionGlobal, handle_global_in_form
from tests.actions.test_form_actions import invited_case, run, texts, tracker, view
from uke8.rasa_domain import EMPLOYER_SLOT, build_domain
from uke8.sms.texts import SMS_VERSIONS
from uke8.triage.catalogue import button_payload
from uke8.triage.messages import GREETING, PRIVACY_NOTICE, REPLIES, greeting, privacy_notice, reply_text

EMPLOYER_WORDS = re.compile(r"arbeidsgiver|arbeidsplass|oppfølgingsplan|jobben", re.IGNORECASE)
form = ValidateWeek8Form()


def _slot(events, name):
    return next(e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name)


def test_start_greets_without_employer_and_tells_the_form(db):
    _, conv = invited_case(db, har_arbeidsgiver=False)
    d = CollectingDispatcher()
    events = run(ActionStart().run(d, tracker(conv, "/start"), {}))
    said = texts(d)
    assert greeting(False) in said and privacy_notice(False) in said
    assert GREETING not in said and PRIVACY_NOTICE not in said and not EMPLOYER_WORDS.search(said)
    assert _slot(events, EMPLOYER_SLOT) is False and _slot(events, "samtale_status") == "sporsmal"
    # with an employer the slot says so too
    _, with_employer = invited_case(db)
    assert _slot(run(ActionStart().run(CollectingDispatcher(), tracker(with_employer, "/start"), {})), EMPLOYER_SLOT) is True


def test_the_form_never_asks_q2_without_employer(db):
    _, conv = invited_case(db, har_arbeidsgiver=False)
    d = CollectingDispatcher()
    without = {EMPLOYER_SLOT: False}
    assert run(form.required_slots([], d, tracker(conv, "", without), {})) == ["retur", "varighet"]
    assert run(form.required_slots([], d, tracker(conv, "", {**without, "varighet": "usikker"}), {})) == [
        "retur", "varighet", "varighet_usikker_grunn"]
    # an unset slot (a conversation begun before the slot existed) asks the usual questions
    assert run(form.required_slots([], d, tracker(conv, "", {}), {})) == ["retur", "relasjon", "varighet"]


def test_q1_and_q3_finish_the_round_and_the_outcome_names_no_employer(db):
    case_id, conv = invited_case(db, har_arbeidsgiver=False, grad=60)
    d = CollectingDispatcher()
    slots = {EMPLOYER_SLOT: False}
    result = run(form.validate_retur(None, d, tracker(conv, button_payload("q1", "lite_sannsynlig"), slots), {}))
    assert result["retur"] == "lite_sannsynlig"
    slots |= {"retur": "lite_sannsynlig", "oppfolging_for": None}
    result = run(form.validate_varighet(None, d, tracker(conv, button_payload("q3", "over_26_uker"), slots), {}))
    assert result["varighet"] == "over_26_uker"
    assert run(form.required_slots([], d, tracker(conv, "", slots | {"varighet": "over_26_uker"}), {})) == ["retur", "varighet"]
    shown = view(db, case_id)
    assert shown["assessment"]["rule_version"] == "triage-v2"
    assert shown["assessment"]["reasons"] == ["uten_arbeidsgiver", "retur_usikker_eller_lite_sannsynlig"]
    outcome = CollectingDispatcher()
    events = run(ActionOppsummer().run(outcome, tracker(conv, ""), {}))
    assert _slot(events, "samtale_status") == "mote"
    said = texts(outcome)
    assert "på NAV-kontoret, på video eller på telefon" in said and not EMPLOYER_WORDS.search(said)


def test_the_persons_own_questions_are_answered_without_an_employer(db):
    _, conv = invited_case(db, har_arbeidsgiver=False)
    for code in ("personvern", "hva_er_kartlegging"):
        d = CollectingDispatcher()
        handle_global_in_form(code, d, tracker(conv, "...", {EMPLOYER_SLOT: False}, ranking=[(code, 0.95)]))
        assert texts(d) == reply_text(code, False) and not EMPLOYER_WORDS.search(texts(d))
        d = CollectingDispatcher()
        run(ActionGlobal().run(d, tracker(conv, "...", {EMPLOYER_SLOT: False}, ranking=[(code, 0.95)]), {}))
        assert not EMPLOYER_WORDS.search(texts(d))
        # with an employer, or before the slot was set: the usual answer
        d = CollectingDispatcher()
        handle_global_in_form(code, d, tracker(conv, "...", {}, ranking=[(code, 0.95)]))
        assert texts(d) == REPLIES[code]
        # the rules' own response has the same variation, and the SMS a version of each
        variations = build_domain()["responses"][f"utter_{code}"]
        assert {"condition": [{"type": "slot", "name": EMPLOYER_SLOT, "value": False}], "text": reply_text(code, False)} in variations
        assert not EMPLOYER_WORDS.search(SMS_VERSIONS[reply_text(code, False)])
