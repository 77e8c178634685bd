"""action_after_questions with tracker fixtures against a real case store: every message after
the outcome gets a real reply from the case state, never "forsto ikke"."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

import actions.context as action_context
from actions.after_questions import COUNT_SLOT, ActionAfterQuestions
from actions.conversation import ActionOppsummer
from actions.global_intents import ActionGlobal
from tests.actions.test_form_actions import form, invited_case, run, texts, tracker, view
from tests.factories import synthetic_mobile
from uke8.store.db import Database
from uke8.triage import topics
from uke8.triage.messages import NOT_UNDERSTOOD, REPLIES

action = ActionAfterQuestions()


def answered(db, answers=(("retur", "1"), ("relasjon", "1"), ("varighet", "1")), **facts):
    case_id, conv = invited_case(db, **facts)
    for slot, text in answers:
        run(getattr(form, f"validate_{slot}")(None, CollectingDispatcher(), tracker(conv, text), {}))
    run(ActionOppsummer().run(CollectingDispatcher(), tracker(conv, "1"), {}))
    return case_id, conv


def after(conv, text, intent, count=0):
    d = CollectingDispatcher()
    events = run(action.run(d, tracker(conv, text, {COUNT_SLOT: count}, ranking=[(intent, 0.9)]), {}))
    return texts(d), events


def test_a_free_message_after_ikke_aktuell_gets_the_outcome_next_steps_and_contact(db):
    case_id, conv = answered(db)
    assert view(db, case_id)["assessment"]["classification"] == "ikke_aktuell_na"
    reply, events = after(conv, "ok, men jeg lurer på om jeg kan jobbe litt hjemmefra", "q1_veldig_sannsynlig")
    assert "forsto" not in reply and NOT_UNDERSTOOD not in reply
    assert "trenger du ikke et samarbeid med oss" in reply and "55 55 33 33" in reply and "nav.no/skriv-til-oss" in reply
    assert events == [{"event": "slot", "name": COUNT_SLOT, "value": 1, "timestamp": None}]
    again, _ = after(conv, "og hva med ferie?", "out_of_scope", count=1)
    assert len(again) < len(reply) and "55 55 33 33" in again and "forsto" not in again


def test_kartlegging_says_the_veileder_will_be_in_touch_and_thanks_gets_a_short_reply(db):
    case_id, conv = answered(db, (("retur", "3"), ("relasjon", "1"), ("varighet", "1")))
    assert view(db, case_id)["assessment"]["classification"] == "kartlegging"
    reply, _ = after(conv, "når ringer dere?", "q3_under_26_uker")
    assert "tar kontakt med deg for å avtale en samtale" in reply
    thanks, events = after(conv, "takk!", "takk", count=1)
    assert thanks.startswith("Bare hyggelig!") and events == []


def test_nothing_new_is_stored_and_the_words_are_not_logged(db, caplog):
    case_id, conv = answered(db)
    before = view(db, case_id)
    after(conv, "sjefen min Kari Nordmann er sint", "q2_vanskelig")
    now = view(db, case_id)
    assert now["answers"] == before["answers"] and now["free_texts"] == before["free_texts"]
    assert "Kari" not in caplog.text


def test_after_a_new_round_the_full_reply_comes_again(db):
    _, conv = answered(db)
    events = run(ActionGlobal().run(CollectingDispatcher(), tracker(conv, "situasjonen min har endret seg", ranking=[("endret_situasjon", 0.97)]), {}))
    assert {"event": "slot", "name": COUNT_SLOT, "value": 0, "timestamp": None} in events


def test_an_opted_out_person_is_not_told_about_a_meeting(db):
    _, conv = answered(db, (("retur", "3"),))
    run(ActionGlobal().run(CollectingDispatcher(), tracker(conv, "stopp", ranking=[("stopp", 0.99)]), {}))
    reply, _ = after(conv, "hallo?", "hilsen")
    assert "ikke vil bli kontaktet" in reply and "avtale en samtale" not in reply


def test_store_down_still_gets_a_real_reply(db, monkeypatch):
    _, conv = answered(db)
    dead = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    monkeypatch.setattr(action_context, "get_database", lambda: dead)
    reply, _ = after(conv, "hei, et spørsmål", "q1_usikker")
    assert "55 55 33 33" in reply and "forsto" not in reply and REPLIES["lagring_feilet"] not in reply


def test_unknown_conversation_gets_the_neutral_reply(db):
    reply, _ = after("ukjent-samtale-123", "hei", "hilsen")
    assert reply == REPLIES["ukjent_avsender"]


def test_a_doubtful_changed_situation_after_the_questions_gets_the_reply_not_a_new_round(db):
    case_id, conv = answered(db)
    d = CollectingDispatcher()
    doubtful = tracker(conv, "jeg har begynt å gå turer igjen", {"samtale_status": "ferdig"}, ranking=[("endret_situasjon", 0.45), ("hilsen", 0.2)])
    events = run(ActionGlobal().run(d, doubtful, {}))
    assert "situasjonen min har endret seg" in texts(d) and "55 55 33 33" in texts(d)
    assert not any(e.get("event") == "followup" for e in events)
    assert view(db, case_id)["invitation"]["round"] == 1
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, tracker(conv, "når ringer dere?", {"samtale_status": "ferdig"}, ranking=[("menneske", 0.42)]), {}))
    assert view(db, case_id)["handoff_requested"] is False and "forsto" not in texts(d)
    sure = tracker(conv, "situasjonen min har endret seg", {"samtale_status": "ferdig"}, ranking=[("endret_situasjon", 0.97)])
    assert run(ActionGlobal().run(CollectingDispatcher(), sure, {}))[-1]["event"] == "followup"
    assert view(db, case_id)["invitation"]["round"] == 2


def test_an_answer_after_the_deadline_closed_the_round_gets_the_real_reply_not_reservert(db):
    """The form was open when the deadline assessed the round: the late answer is not told the
    person opted out (they did not), but what was recorded and how to reach NAV."""
    from datetime import date, timedelta

    from uke8.lifecycle import steps

    case_id, conv = invited_case(db)
    run(form.validate_retur(None, CollectingDispatcher(), tracker(conv, "3"), {}))
    with db.write() as s:
        steps.close_at_deadline(s, case_id, date.today() + timedelta(days=30))
    assert view(db, case_id)["opted_out"] is False
    d = CollectingDispatcher()
    result = run(form.validate_relasjon(None, d, tracker(conv, "1", requested="relasjon"), {}))
    assert result.get("samtale_slutt") is True
    assert REPLIES["reservert"] not in texts(d) and "ikke vil bli kontaktet" not in texts(d)
    assert "ikke fått svar på alle spørsmålene" in texts(d) and "55 55 33 33" in texts(d)


def test_a_doubtful_question_after_the_questions_goes_to_the_veileder_and_is_offered_as_a_button(db):
    case_id, conv = answered(db)
    d = CollectingDispatcher()
    doubtful = tracker(conv, "hva skjer når jeg har brukt opp det jeg har krav på?", {"samtale_status": "ferdig"},
                       ranking=[("sykepenger", 0.45), ("out_of_scope", 0.3), ("hvorfor", 0.1)])
    run(ActionGlobal().run(d, doubtful, {}))
    assert "sendt til veilederen" in texts(d) and REPLIES["sykepenger"] not in texts(d)
    offers = [m for m in d.messages if m.get("buttons")]
    assert [b["payload"] for b in offers[-1]["buttons"]] == ["/sykepenger"]
    assert view(db, case_id)["unread_from_person"] == 1
    # the button: the answer at once
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, tracker(conv, "/sykepenger", {"samtale_status": "ferdig"}, ranking=[("sykepenger", 1.0)]), {}))
    assert REPLIES["sykepenger"] in texts(d)


def test_by_sms_the_offer_names_no_topic_and_menu_lists_the_words(db):
    case_id, conv = answered(db, channel="sms", mobil=synthetic_mobile())
    d = CollectingDispatcher()
    doubtful = tracker(conv, "hva skjer når jeg har brukt opp det jeg har krav på?", {"samtale_status": "ferdig"},
                       ranking=[("sykepenger", 0.45), ("out_of_scope", 0.3)])
    run(ActionGlobal().run(d, doubtful, {}))
    assert "sendt til veilederen" in texts(d) and not any(m.get("buttons") for m in d.messages)
    assert topics.SMS_TOPIC_HINT in texts(d) and "sykepenger" not in texts(d).lower()
    unread = view(db, case_id)["unread_from_person"]
    # MENY: the words, no buttons (a number would pick a meeting time), and nothing for the veileder
    d = CollectingDispatcher()
    run(action.run(d, tracker(conv, "Meny", {"samtale_status": "ferdig"}, ranking=[("q2_verken_eller", 0.6)]), {}))
    assert texts(d) == topics.MENU_SMS and not any(m.get("buttons") for m in d.messages)
    assert view(db, case_id)["unread_from_person"] == unread
    # a word of the menu answers at once, whatever the classifier made of it
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, tracker(conv, "SYKEPENGER", {"samtale_status": "ferdig"}, ranking=[("hvorfor", 0.7)]), {}))
    assert REPLIES["sykepenger"] in texts(d)


def test_in_the_chat_menu_gives_a_button_for_each_topic_and_a_clear_request_gets_no_offer(db):
    case_id, conv = answered(db)
    d = CollectingDispatcher()
    run(ActionGlobal().run(d, tracker(conv, "meny", {"samtale_status": "ferdig"}, ranking=[("menneske", 0.7)]), {}))
    assert texts(d) == topics.MENU_CHAT
    assert [b["payload"] for b in d.messages[-1]["buttons"]] == [f"/{code}" for code in topics.TOPIC_BUTTONS]
    assert not view(db, case_id)["handoff_requested"]  # "meny" read as a wish to talk to someone: the menu, no handoff
    d = CollectingDispatcher()
    run(action.run(d, tracker(conv, "når kommer pengene?", {"samtale_status": "ferdig"}, ranking=[("q3_grunn_annet", 0.9)]), {}))
    assert "sendt til veilederen" in texts(d) and not any(m.get("buttons") for m in d.messages)
