"""The action server's side of "Jeg vil ikke at dere lagrer dette": the objection is recorded in
the case store and the reply carries the mark that makes Rasa's tracker store forget the
person's words (bot/uke8_bot/tracker_store.py; tests/unit/test_tracker_redaction.py and
tests/e2e/test_ikke_lagre.py test that side) — in the form, outside it, and never when the
objection could not be recorded."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.context as action_context
from actions.forms import ValidateWeek8Form
from actions.global_intents import FORGET_MARK, ActionGlobal
from tests.factories import synthetic_fnr
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.store.db import Database
from uke8.store.models import Case
from uke8.triage.messages import REPLIES

OBJECTION = "jeg vil ikke at dere lagrer dette"


def invited(db) -> tuple[str, str]:
    today = today_in_oslo()
    new = NewCase(external_id=f"nolagre-{synthetic_fnr()}", fnr=synthetic_fnr(), enhet="0219",
                  start_date=today - timedelta(days=55), sykmeldingsgrad=100)
    with db.write() as s:
        case, _ = registration.register_case(s, new, Actor("admin", "admin"))
    with db.write() as s:
        return case.id, steps.invite(s, case.id, today, Actor("admin", "admin")).conversation_id


def tracker(sender: str, loop: str | None) -> Tracker:
    latest = {"text": OBJECTION, "intent": {"name": "ikke_lagre", "confidence": 0.97},
              "intent_ranking": [{"name": "ikke_lagre", "confidence": 0.97}]}
    return Tracker(sender, {"requested_slot": "retur" if loop else None}, latest, [], False, None,
                   {"name": loop} if loop else {}, "action_listen")


def marked(dispatcher: CollectingDispatcher) -> list[dict]:
    return [m for m in dispatcher.messages if m.get(FORGET_MARK) is True]


def objected(db, case_id: str) -> bool:
    with db.read() as s:
        return s.get(Case, case_id).storage_objection


def test_the_reply_in_the_form_is_marked_once_the_objection_is_recorded(db):
    case_id, conv = invited(db)
    d = CollectingDispatcher()
    asyncio.run(ValidateWeek8Form().validate_retur(None, d, tracker(conv, "week8_form"), {}))
    assert objected(db, case_id)
    assert [m["text"] for m in marked(d)] == [REPLIES["ikke_lagre"]]


def test_the_reply_outside_the_form_is_marked_too(db):
    case_id, conv = invited(db)
    d = CollectingDispatcher()
    asyncio.run(ActionGlobal().run(d, tracker(conv, None), {}))
    assert objected(db, case_id)
    assert [m["text"] for m in marked(d)] == [REPLIES["ikke_lagre"]]


def test_no_mark_when_the_objection_could_not_be_recorded(db, monkeypatch):
    case_id, conv = invited(db)
    dead = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    monkeypatch.setattr(action_context, "get_database", lambda: dead)
    d = CollectingDispatcher()
    asyncio.run(ActionGlobal().run(d, tracker(conv, None), {}))
    assert marked(d) == []
    assert REPLIES["lagring_feilet"] in "\n".join(m.get("text") or "" for m in d.messages)
    monkeypatch.undo()
    assert not objected(db, case_id)
