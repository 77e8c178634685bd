"""The action server's logic with tracker fixtures, writing to a real case store."""
from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.context as action_context
from actions.conversation import ActionOppsummer, ActionStart
from actions.forms import ValidateWeek8Form
from actions.global_intents import ActionGlobal
from tests.factories import synthetic_fnr
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.review.case_view import case_view
from uke8.store.db import Database
from uke8.store.models import Case
from uke8.triage.catalogue import button_payload
from uke8.triage.messages import GREETING, REPLIES
from uke8.understanding.calibration import THRESHOLDS

ADMIN = Actor("admin", "admin")


def invited_case(db, **facts) -> tuple[str, str]:
    new = NewCase(external_id=f"act-{synthetic_fnr()}", fnr=synthetic_fnr(), enhet="0219",
                  start_date=date.today() - timedelta(days=55), sykmeldingsgrad=facts.pop("grad", 100), **facts)
    with db.write() as s:
        case, _ = registration.register_case(s, new, ADMIN)
    with db.write() as s:
        return case.id, steps.invite(s, case.id, date.today(), ADMIN).conversation_id


def tracker(sender: str, text: str, slots: dict[str, Any] | None = None, ranking: list[tuple[str, float]] | None = None, requested: str | None = None) -> Tracker:
    items = [{"name": n, "confidence": c} for n, c in (ranking or [])]
    latest = {"text": text, "intent": items[0] if items else {}, "intent_ranking": items}
    all_slots = {"requested_slot": requested, **(slots or {})}
    return Tracker(sender, all_slots, latest, [], False, None, {"name": "week8_form"}, "action_listen")


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def run(coro):
    return asyncio.run(coro)


def view(db, case_id: str) -> dict:
    with db.read() as s:
        return case_view(s, s.get(Case, case_id))


form = ValidateWeek8Form()


def test_button_answer_is_stored_and_negative_button_answers_get_a_follow_up(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, tracker(conv, button_payload("q1", "usikker")), {}))
    assert result["retur"] == "usikker" and result["oppfolging_for"] == "retur"
    stored = view(db, case_id)["answers"]
    assert [(a["code"], a["source"], a["raw_text"]) for a in stored] == [("usikker", "button", None)]
    slots = run(form.required_slots([], d, tracker(conv, "", {"retur": "usikker", "oppfolging_for": "retur"}), {}))
    assert slots == ["retur", "oppfolging", "relasjon", "varighet"]


def test_follow_up_text_is_redacted_and_reminds_gently(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_oppfolging(None, d, tracker(conv, "Har fått angst og går til psykolog, og sjefen maser", {"oppfolging_for": "retur"}), {}))
    assert result == {"oppfolging": None, "oppfolging_for": None}
    assert REPLIES["helse_paminnelse"] in texts(d)
    stored = view(db, case_id)["free_texts"][0]["text"]
    assert "angst" not in stored and "psykolog" not in stored and "sjefen maser" in stored


def test_declining_the_follow_up_stores_nothing(db):
    case_id, conv = invited_case(db)
    result = run(form.validate_oppfolging(None, CollectingDispatcher(), tracker(conv, "/nei", {"oppfolging_for": "retur"}), {}))
    assert result == {"oppfolging": None, "oppfolging_for": None}
    assert view(db, case_id)["free_texts"] == []


def test_confident_free_text_is_stored_with_its_words_and_no_follow_up(db):
    case_id, conv = invited_case(db)
    t = tracker(conv, "vi er i konflikt, det er tungt", ranking=[("q2_vanskelig", 0.97), ("q2_verken_eller", 0.03)])
    result = run(form.validate_relasjon(None, CollectingDispatcher(), t, {}))
    assert result["relasjon"] == "vanskelig" and "oppfolging_for" not in result
    answer = view(db, case_id)["answers"][0]
    assert answer["raw_text"] == "vi er i konflikt, det er tungt" and answer["confidence"] == pytest.approx(0.97)


def test_doubtful_answer_is_confirmed_before_it_is_stored(db):
    case_id, conv = invited_case(db)
    doubtful = (THRESHOLDS.confirm + THRESHOLDS.accept) / 2  # between asking again and accepting
    t = tracker(conv, "tja, går vel an", ranking=[("q2_verken_eller", doubtful), ("out_of_scope", 1 - doubtful)])
    result = run(form.validate_relasjon(None, CollectingDispatcher(), t, {}))
    assert result["relasjon"] is None and result["ventende_svar"]["code"] == "verken_eller"
    assert result["bekreft_tekst"].startswith("Forstår jeg deg riktig at")
    assert view(db, case_id)["answers"] == []
    slots = {"ventende_svar": result["ventende_svar"]}
    assert run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", slots), {}))[:2] == ["retur", "bekreftelse"]
    confirmed = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "ja", slots), {}))
    assert confirmed["relasjon"] == "verken_eller" and confirmed["ventende_svar"] is None
    answer = view(db, case_id)["answers"][0]
    assert (answer["code"], answer["source"], answer["raw_text"]) == ("verken_eller", "confirmed", "tja, går vel an")
    assert answer["confidence"] == pytest.approx(doubtful)


def test_rejected_confirmation_asks_again_and_stores_nothing(db):
    case_id, conv = invited_case(db)
    slots = {"ventende_svar": {"slot": "retur", "code": "usikker", "confidence": 0.5, "text": "hmm"}}
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "nei", slots), {}))
    assert result["ventende_svar"] is None and "retur" not in result
    assert view(db, case_id)["answers"] == []


def test_unclear_text_is_asked_again(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    # (issue 13) only when nothing points at the open question; the miss is counted
    result = run(form.validate_varighet(None, d, tracker(conv, "blå", ranking=[("hilsen", 0.5), ("out_of_scope", 0.48), ("q3_over_26_uker", 0.02)]), {}))
    assert result == {"varighet": None, "misser": {"varighet": 1}, "ventende_svar": None, "bekreft_tekst": None}
    assert REPLIES["ikke_forstatt"] in texts(d)
    assert view(db, case_id)["answers"] == []


@pytest.mark.parametrize("intent, reply", [("personvern", "personvern"), ("hvorfor", "hvorfor"), ("sykepenger", "sykepenger"), ("hva_er_kartlegging", "hva_er_kartlegging")])
def test_questions_mid_form_are_answered_and_the_question_stays_open(db, intent, reply):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_relasjon(None, d, tracker(conv, "spørsmål", ranking=[(intent, 0.95)]), {}))
    assert result == {"relasjon": None}
    assert REPLIES[reply] in texts(d)
    assert view(db, case_id)["answers"] == []


def test_handoff_mid_form_flags_the_case(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, tracker(conv, "kan jeg snakke med et menneske", ranking=[("menneske", 0.93)]), {}))
    assert result == {"retur": None}
    assert "55 55 33 33" in texts(d)
    assert view(db, case_id)["handoff_requested"] is True


def test_stop_mid_form_opts_out_and_ends_the_form(db):
    case_id, conv = invited_case(db)
    result = run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "STOPP"), {}))
    assert result["samtale_slutt"] is True
    assert run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", {"samtale_slutt": True}), {})) == []
    case = view(db, case_id)
    assert case["opted_out"] is True and case["status"] == "reservert"


def test_unknown_conversation_is_refused_and_nothing_is_stored(db):
    d = CollectingDispatcher()
    events = run(ActionStart().run(d, tracker("k-nobody", "/start"), {}))
    assert {"event": "slot", "name": "samtale_status", "value": "avvist"} in [{k: e.get(k) for k in ("event", "name", "value")} for e in events]
    assert REPLIES["ukjent_avsender"] in texts(d)
    result = run(form.validate_retur(None, CollectingDispatcher(), tracker("k-nobody", button_payload("q1", "usikker")), {}))
    assert result["retur"] is None and result["samtale_slutt"] is True


def test_start_greets_once_then_resumes_from_the_case_store(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    events = run(ActionStart().run(d, tracker(conv, "/start"), {}))
    assert GREETING in texts(d) and "Arbeidsgiveren din får aldri se dem" in texts(d)
    assert any(e.get("name") == "samtale_status" and e.get("value") == "sporsmal" for e in events)
    run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "1"), {}))
    again = CollectingDispatcher()
    events = run(ActionStart().run(again, tracker(conv, "/start"), {}))
    assert REPLIES["velkommen_tilbake"] in texts(again) and GREETING not in texts(again)
    slot_values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slot_values["retur"] == "veldig_sannsynlig" and slot_values["relasjon"] is None


def test_outcome_after_the_last_answer(db):
    case_id, conv = invited_case(db, gjentakende_fravaer=True)
    for slot, text in (("retur", "1"), ("relasjon", "1"), ("varighet", "1")):
        run(getattr(form, f"validate_{slot}")(None, CollectingDispatcher(), tracker(conv, text), {}))
    d = CollectingDispatcher()
    events = run(ActionOppsummer().run(d, tracker(conv, "1"), {}))
    assert "flere fravær" in texts(d) and "55 55 33 33" in texts(d)
    assert events[-1]["value"] == "mote"
    assert view(db, case_id)["assessment"]["reasons"] == ["gjentakende_fravaer"]


def test_changed_situation_after_the_outcome_starts_a_new_round(db):
    case_id, conv = invited_case(db)
    for slot, text in (("retur", "1"), ("relasjon", "1"), ("varighet", "1")):
        run(getattr(form, f"validate_{slot}")(None, CollectingDispatcher(), tracker(conv, text), {}))
    d = CollectingDispatcher()
    events = run(ActionGlobal().run(d, tracker(conv, "situasjonen min har endret seg", ranking=[("endret_situasjon", 0.97)]), {}))
    assert REPLIES["endret_situasjon_ny_runde"] in texts(d)
    assert events[-1] == {"event": "followup", "name": "week8_form", "timestamp": None}
    assert view(db, case_id)["invitation"]["round"] == 2


def test_database_down_mid_turn_says_so_and_keeps_what_was_stored(db, monkeypatch):
    case_id, conv = invited_case(db)
    run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "1"), {}))
    dead = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    monkeypatch.setattr(action_context, "get_database", lambda: dead)
    d = CollectingDispatcher()
    result = run(form.validate_relasjon(None, d, tracker(conv, "1"), {}))
    assert result == {"relasjon": None}  # not filled: the form will ask again
    assert REPLIES["lagring_feilet"] in texts(d)
    assert "Takk" not in texts(d).split(".")[0]
    monkeypatch.undo()
    assert [a["code"] for a in view(db, case_id)["answers"]] == ["veldig_sannsynlig"]
