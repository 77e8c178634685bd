"""The person's side of the thread through the action server's code (tracker fixtures, a real
case store): messages after the questions reach the veileder once, a proposed meeting is
booked, asked about, moved and cancelled by words or digits, global intents still work, and a
dead store claims nothing. Meeting times are built from the wall clock, as the action reads it."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

import actions.context as action_context
from actions.after_questions import COUNT_SLOT, ActionAfterQuestions
from actions.global_intents import ActionGlobal
from tests.actions.test_after_questions import answered
from tests.actions.test_form_actions import run, texts, view
from uke8.cases.actors import Actor
from uke8.clock import OSLO, utc_now
from uke8.store.db import Database
from uke8.store.models import AuditEntry, Case, Meeting
from uke8.thread import meetings, messages
from uke8.thread.meetings import MeetingRequest
from uke8.triage import meeting_texts

VEILEDER = Actor("veileder", "Z990001", frozenset({"0219"}), via="api")
action = ActionAfterQuestions()


def turn(conv: str, text: str, intent: str = "out_of_scope", message_id: str | None = None, sms_sid: str | None = None,
         status: str = "ferdig", confidence: float = 0.9) -> Tracker:
    latest: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": confidence},
                              "intent_ranking": [{"name": intent, "confidence": confidence}],
                              "message_id": message_id, "metadata": {"sms_message_sid": sms_sid} if sms_sid else {}}
    return Tracker(conv, {"samtale_status": status, COUNT_SLOT: 0}, latest, [], False, None, {}, "action_listen")


def say(conv: str, text: str, **kw) -> tuple[str, list[dict], CollectingDispatcher]:
    d = CollectingDispatcher()
    events = run(action.run(d, turn(conv, text, **kw), {}))
    return texts(d), events, d


def slots(days=(3, 4), hours=(time(10), time(13, 30))) -> tuple[datetime, ...]:
    today = utc_now().astimezone(OSLO).date()
    return tuple(datetime.combine(today + timedelta(days=d), h, tzinfo=OSLO) for d, h in zip(days, hours))


def propose(db, case_id: str, offered: tuple[datetime, ...], form: str = "telefon") -> int:
    with db.write() as s:
        case = messages.locked_case(s, case_id, VEILEDER)
        meeting = meetings.propose(s, case, VEILEDER, MeetingRequest(offered, form))
        messages.add(s, case, messages.VEILEDER, "Hei! Hvordan passer en samtale?", "chat", author=VEILEDER.ident,
                     author_name="Kari Veileder", meeting_id=meeting.id)
        return meeting.id


def thread_of(db, case_id: str) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(m.sender, m.text) for m in messages.thread(s, case_id)]


def unread(db, case_id: str) -> int:
    with db.read() as s:
        return s.get(Case, case_id).unread_from_person


def meeting_row(db, meeting_id: int) -> Meeting:
    with db.read() as s:
        m = s.get(Meeting, meeting_id)
        s.expunge(m)
        return m


# ---------------------------------------------------------------- messages


def test_a_message_after_the_outcome_reaches_the_veileder_once_masked_with_a_receipt(db, caplog):
    case_id, conv = answered(db)
    reply, events, _ = say(conv, "Kan dere ringe meg på 91234567? Jeg har migrene", message_id="m-1")
    assert reply.startswith("Takk, meldingen din er sendt til veilederen din.") and "55 55 33 33" in reply
    assert "forsto" not in reply and events == [{"event": "slot", "name": COUNT_SLOT, "value": 1, "timestamp": None}]
    [(sender, stored)] = thread_of(db, case_id)
    assert sender == "person" and "91234567" not in stored and "migrene" not in stored
    assert unread(db, case_id) == 1 and view(db, case_id)["unread_from_person"] == 1
    say(conv, "Kan dere ringe meg på 91234567? Jeg har migrene", message_id="m-1")  # Rasa retried the turn
    assert len(thread_of(db, case_id)) == 1 and unread(db, case_id) == 1
    assert "91234567" not in caplog.text and "migrene" not in caplog.text


def test_an_sms_turn_is_keyed_by_its_message_sid(db):
    case_id, conv = answered(db)
    for message_id in ("rasa-a", "rasa-b"):  # two attempts at one SMS: Rasa gives each its own id
        say(conv, "når blir det møte?", message_id=message_id, sms_sid="SM" + "1" * 32)
    assert len(thread_of(db, case_id)) == 1


def test_thanks_and_greetings_are_not_messages_but_thanks_with_a_question_is(db):
    case_id, conv = answered(db)
    reply, _, _ = say(conv, "tusen takk!", intent="takk")
    assert reply.startswith("Bare hyggelig") and thread_of(db, case_id) == []
    reply, _, _ = say(conv, "hei", intent="hilsen")
    assert "sendt til veilederen" not in reply and thread_of(db, case_id) == []
    reply, _, _ = say(conv, "takk, men kan vi ta det på video?", intent="takk")
    assert reply.startswith("Takk, meldingen din er sendt") and len(thread_of(db, case_id)) == 1


def test_a_storage_objection_leaves_a_placeholder(db):
    case_id, conv = answered(db)
    with db.write() as s:
        s.get(Case, case_id).storage_objection = True
    say(conv, "kan vi snakke på fredag?")
    assert thread_of(db, case_id) == [("person", messages.NOT_STORED)]


def test_a_dead_store_claims_nothing(db, monkeypatch):
    case_id, conv = answered(db)
    propose(db, case_id, slots())
    dead = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    monkeypatch.setattr(action_context, "get_database", lambda: dead)
    reply, _, _ = say(conv, "den andre passer")
    assert "kom ikke fram" in reply and "avtalt" not in reply and "sendt til veilederen din." not in reply
    monkeypatch.undo()
    assert unread(db, case_id) == 0 and [s for s, _ in thread_of(db, case_id)] == ["veileder"]


# ---------------------------------------------------------------- meetings


def test_the_second_slot_is_booked_by_words_and_the_veileder_sees_it(db):
    case_id, conv = answered(db, (("retur", "3"), ("relasjon", "1"), ("varighet", "1")))
    offered = slots()
    meeting_id = propose(db, case_id, offered)
    reply, _, d = say(conv, "den andre passer fint")
    assert meeting_texts.slot_label(offered[1]) in reply and "på telefon" in reply and "avlyse eller flytte" in reply
    row = meeting_row(db, meeting_id)
    assert row.status == "avtalt" and row.at == offered[1]
    assert thread_of(db, case_id)[-1] == ("nav", meeting_texts.line_booked(offered[1], "telefon"))
    assert unread(db, case_id) == 1
    assert view(db, case_id)["meeting"]["status"] == "avtalt"


def test_a_digit_books_and_a_weekday_name_books(db):
    case_id, conv = answered(db)
    offered = slots()
    first = propose(db, case_id, offered)
    say(conv, "1", intent="q1_veldig_sannsynlig")
    assert meeting_row(db, first).at == offered[0]
    case2, conv2 = answered(db)
    second = propose(db, case2, offered)
    weekday = meeting_texts.WEEKDAYS[offered[1].weekday()]
    say(conv2, f"{weekday} er fint")
    assert meeting_row(db, second).at == offered[1]


def test_an_unclear_choice_asks_which_with_every_slot_as_a_button(db):
    case_id, conv = answered(db)
    offered = slots()
    meeting_id = propose(db, case_id, offered)
    reply, _, d = say(conv, "begge passer")
    assert "Hvilken tid mener du" in reply and meeting_row(db, meeting_id).status == "foreslatt"
    buttons = [b for m in d.messages for b in (m.get("buttons") or [])]
    assert [b["payload"] for b in buttons] == ["1", "2"]
    assert buttons[1]["title"] == meeting_texts.slot_label(offered[1]).capitalize()


def test_a_question_while_a_meeting_is_proposed_is_sent_and_the_times_offered_again(db):
    case_id, conv = answered(db)
    meeting_id = propose(db, case_id, slots())
    reply, _, d = say(conv, "må jeg ta med noe til samtalen?")
    assert reply.startswith("Takk, meldingen din er sendt") and "Velg tiden" in reply
    assert [b["payload"] for m in d.messages for b in (m.get("buttons") or [])] == ["1", "2"]
    assert meeting_row(db, meeting_id).status == "foreslatt" and unread(db, case_id) == 1


def test_none_of_the_times_withdraws_the_proposal(db):
    case_id, conv = answered(db)
    meeting_id = propose(db, case_id, slots())
    reply, _, _ = say(conv, "ingen av dem passer, kan vi ta en annen dag?")
    assert "ingen av tidene passer" in reply
    assert meeting_row(db, meeting_id).status == "avlyst"
    assert [s for s, _ in thread_of(db, case_id)] == ["veileder", "person", "nav"] and unread(db, case_id) == 1
    with db.read() as s:
        detail = s.scalars(select(AuditEntry.detail).where(AuditEntry.case_id == case_id, AuditEntry.action == "meeting.avlyst")).one()
    assert detail["reason"] == "ny_tid_onsket"


def test_a_booked_meeting_is_moved_then_a_new_one_cancelled(db):
    case_id, conv = answered(db)
    offered = slots()
    meeting_id = propose(db, case_id, offered)
    say(conv, "2", message_id="b-1")
    reply, _, _ = say(conv, "jeg må flytte samtalen", message_id="b-2")
    assert meeting_texts.slot_label(offered[1]) in reply and "ny tid" in reply
    assert meeting_row(db, meeting_id).status == "avlyst"
    say(conv, "jeg må flytte samtalen", message_id="b-2")  # the same turn again changes nothing
    assert [s for s, _ in thread_of(db, case_id)] == ["veileder", "nav", "person", "nav"]
    again = propose(db, case_id, slots(days=(5, 6)))
    say(conv, "den første")
    reply, _, _ = say(conv, "jeg må avlyse, trenger ikke møte likevel")
    assert "er avlyst" in reply and meeting_row(db, again).status == "avlyst"


def test_a_meeting_answer_is_not_taken_for_a_changed_situation_but_stopp_still_stops(db):
    case_id, conv = answered(db)
    meeting_id = propose(db, case_id, slots())
    d = CollectingDispatcher()
    events = run(ActionGlobal().run(d, turn(conv, "kan vi ta en annen dag?", intent="endret_situasjon", confidence=0.97), {}))
    assert not any(e.get("event") == "followup" for e in events) and "ingen av tidene passer" in texts(d)
    assert view(db, case_id)["invitation"]["round"] == 1 and meeting_row(db, meeting_id).status == "avlyst"
    propose(db, case_id, slots())
    run(ActionGlobal().run(CollectingDispatcher(), turn(conv, "STOPP", intent="stopp", confidence=0.99), {}))
    assert view(db, case_id)["opted_out"] is True


# ---------------------------------------------------------------- own questions after the questions


def test_a_question_after_the_outcome_is_answered_and_passed_on(db):
    # "Blir arbeidsgiveren min med?" taken for a privacy question: the person gets the privacy
    # answer, and the veileder still sees what was asked.
    case_id, conv = answered(db)
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, turn(conv, "Blir arbeidsgiveren min med på samtalen?", intent="personvern",
                                   message_id="m-q1", confidence=0.93), {}))
    said = texts(d)
    assert "sendt meldingen din til veilederen" in said
    assert thread_of(db, case_id) == [("person", "Blir arbeidsgiveren min med på samtalen?")] and unread(db, case_id) == 1
    # the same turn again (a retry) stores nothing more
    run(ActionGlobal().run(CollectingDispatcher(), turn(conv, "Blir arbeidsgiveren min med på samtalen?", intent="personvern",
                                                          message_id="m-q1", confidence=0.93), {}))
    assert len(thread_of(db, case_id)) == 1


def test_a_wish_to_talk_to_someone_carries_its_words_and_a_payload_is_not_a_message(db):
    case_id, conv = answered(db)
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, turn(conv, "kan noen ringe meg etter klokka 12?", intent="menneske", message_id="m-h",
                                   confidence=0.97), {}))
    assert view(db, case_id)["handoff_requested"] is True
    assert thread_of(db, case_id) == [("person", "kan noen ringe meg etter klokka 12?")]
    assert "tar kontakt med deg" in texts(d)
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, turn(conv, "/personvern", intent="personvern", message_id="m-p", confidence=1.0), {}))
    assert len(thread_of(db, case_id)) == 1 and "sendt meldingen" not in texts(d)


def test_a_question_while_the_questions_are_open_is_not_passed_on(db):
    case_id, conv = answered(db)
    run(ActionGlobal().run(CollectingDispatcher(), turn(conv, "hvem ser svarene mine?", intent="personvern",
                                                          status="sporsmal", message_id="m-o"), {}))
    assert thread_of(db, case_id) == []


def test_the_chat_pages_own_id_makes_a_resent_message_one(db):
    # chat.js sends the same client id when the person resends words whose answer was lost
    case_id, conv = answered(db)
    for message_id in ("rasa-1", "rasa-2"):  # Rasa gives each attempt its own id
        tracker = turn(conv, "når blir samtalen?", message_id=message_id)
        tracker.latest_message["metadata"] = {"chat_message_id": "0f8e6c2a-5d1b-4c1e-9a7f-2b3c4d5e6f70"}
        run(action.run(CollectingDispatcher(), tracker, {}))
    assert thread_of(db, case_id) == [("person", "når blir samtalen?")]
