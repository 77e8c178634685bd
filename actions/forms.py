"""The week-8 form: every message while a question is open comes here (from_text mappings),
so one action call per turn decides whether it is an answer, a confirmation, a follow-up or
a question of the person's own.

Slots asked, in order (computed by `required_slots`): each question of the catalogue that
applies; `bekreftelse` before a question whose answer awaits confirmation; `oppfolging`
after a negative or uncertain answer given with a button or digit (free text already says
more). An answer is in a slot only after the case store has accepted it.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.context import STORE_ERRORS, conversation_id, database, is_start, latest_parse, latest_text, say, store_failed
from actions.global_intents import handle_global_in_form
from uke8.cases import service
from uke8.cases.service import CaseError, UnknownConversation
from uke8.triage.catalogue import ANSWER_SLOTS, QUESTION_ORDER, QUESTIONS, question_by_slot
from uke8.triage.messages import REPLIES, confirmation_question
from uke8.understanding.interpret import Interpretation, interpret, yes_or_no

# Negative or uncertain answers after which the person may tell a little more.
FOLLOW_UP_AFTER: dict[str, frozenset[str]] = {
    "retur": frozenset({"usikker", "lite_sannsynlig"}),
    "relasjon": frozenset({"vanskelig", "verken_eller"}),
    "varighet": frozenset({"over_26_uker"}),
}
# Only answers without words of their own get the follow-up, and only in chat: SMS is kept short.
FOLLOW_UP_SOURCES = frozenset({"button", "digit", "label"})
# Global intents that interrupt a follow-up text; anything else written there is the follow-up.
INTERRUPTING = frozenset({"stopp", "menneske", "personvern", "hvorfor", "sykepenger", "ikke_lagre", "hva_er_kartlegging"})


class ValidateWeek8Form(FormValidationAction):
    def name(self) -> str:
        return "validate_week8_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("samtale_slutt"):
            return []
        answers = {slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS}
        pending = tracker.get_slot("ventende_svar") or {}
        follow_up = tracker.get_slot("oppfolging_for")
        slots: list[str] = []
        for question_id in QUESTION_ORDER:
            question = QUESTIONS[question_id]
            if not question.should_ask(answers):
                continue
            if pending.get("slot") == question.slot:
                slots.append("bekreftelse")
            slots.append(question.slot)
            if follow_up == question.slot:
                slots.append("oppfolging")
        return slots

    # -- the questions --------------------------------------------------------------------
    async def validate_retur(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._answer("q1", dispatcher, tracker)

    async def validate_relasjon(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._answer("q2", dispatcher, tracker)

    async def validate_varighet(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._answer("q3", dispatcher, tracker)

    async def validate_varighet_usikker_grunn(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._answer("q3_grunn", dispatcher, tracker)

    def _answer(self, question_id: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        slot = QUESTIONS[question_id].slot
        text = latest_text(tracker)
        if is_start(text):
            say(dispatcher, "velkommen_tilbake")
            return {slot: None}
        meaning = interpret(question_id, text, latest_parse(tracker))
        if meaning.kind == "global":
            return {slot: None, **handle_global_in_form(meaning.code, dispatcher, tracker)}
        if meaning.action == "accept":
            return self._store(slot, meaning, text, dispatcher, tracker)
        if meaning.action == "confirm":
            return {
                slot: None,
                "ventende_svar": {"slot": slot, "code": meaning.code, "confidence": meaning.confidence, "text": text},
                "bekreft_tekst": confirmation_question(slot, meaning.code),
            }
        say(dispatcher, "ikke_forstatt")
        return {slot: None}

    def _store(self, slot: str, meaning: Interpretation, text: str | None, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        words = text if meaning.source in ("nlu", "confirmed") else None
        try:
            with database().write() as session:
                result = service.record_answer(
                    session, conversation_id(tracker), slot, meaning.code,
                    source=meaning.source, raw_text=words, confidence=meaning.confidence,
                )
        except UnknownConversation:
            say(dispatcher, "ukjent_avsender")
            return {slot: None, "samtale_slutt": True, "samtale_status": "avvist"}
        except CaseError:
            say(dispatcher, "reservert")
            return {slot: None, "samtale_slutt": True, "samtale_status": "avsluttet"}
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return {slot: None}
        if result.health_categories:
            say(dispatcher, "helse_paminnelse")
        events: dict[str, Any] = {slot: meaning.code, "ventende_svar": None, "bekreft_tekst": None}
        if meaning.code in FOLLOW_UP_AFTER.get(slot, ()) and meaning.source in FOLLOW_UP_SOURCES and result.channel == "chat":
            events["oppfolging_for"] = slot
        return events

    # -- confirming an uncertain answer ---------------------------------------------------
    async def validate_bekreftelse(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        pending = tracker.get_slot("ventende_svar") or {}
        if not pending:
            return {"bekreftelse": None}
        slot, text = pending["slot"], latest_text(tracker)
        reply = yes_or_no(text) or _nlu_yes_no(latest_parse(tracker))
        if reply == "ja":
            confirmed = Interpretation("answer", pending["code"], float(pending.get("confidence") or 0), "accept", "confirmed")
            return {"bekreftelse": None, **self._store(slot, confirmed, pending.get("text"), dispatcher, tracker)}
        if reply == "nei":
            say(dispatcher, "bekreft_nei")
            return {"bekreftelse": None, "ventende_svar": None, "bekreft_tekst": None}
        # Not a yes or no: perhaps a clearer answer to the same question.
        meaning = interpret(question_by_slot(slot).id, text, latest_parse(tracker))
        if meaning.kind == "global":
            return {"bekreftelse": None, **handle_global_in_form(meaning.code, dispatcher, tracker)}
        if meaning.action == "accept":
            return {"bekreftelse": None, **self._store(slot, meaning, text, dispatcher, tracker)}
        if meaning.action == "confirm":
            return {
                "bekreftelse": None,
                "ventende_svar": {"slot": slot, "code": meaning.code, "confidence": meaning.confidence, "text": text},
                "bekreft_tekst": confirmation_question(slot, meaning.code),
            }
        say(dispatcher, "bekreft_nei")
        return {"bekreftelse": None, "ventende_svar": None, "bekreft_tekst": None}

    # -- the optional follow-up text ------------------------------------------------------
    async def validate_oppfolging(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        done = {"oppfolging": None, "oppfolging_for": None}
        text = latest_text(tracker)
        if is_start(text):
            say(dispatcher, "velkommen_tilbake")
            return {"oppfolging": None}
        if yes_or_no(text) == "nei" or not text.strip():
            return done
        meaning = interpret(None, text, latest_parse(tracker))
        if meaning.code in INTERRUPTING:
            return {"oppfolging": None, **handle_global_in_form(meaning.code, dispatcher, tracker)}
        question_slot = tracker.get_slot("oppfolging_for")
        try:
            with database().write() as session:
                categories = service.record_free_text(
                    session, conversation_id(tracker), "oppfolging", text,
                    question_id=question_by_slot(question_slot).id if question_slot else None,
                )
        except UnknownConversation:
            return done | {"samtale_slutt": True}
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return {"oppfolging": None}
        say(dispatcher, "helse_paminnelse" if categories else "oppfolging_takk")
        return done


def _nlu_yes_no(parse: dict[str, Any]) -> str | None:
    intent = (parse.get("intent") or {})
    if intent.get("name") in ("ja", "nei") and float(intent.get("confidence") or 0) >= 0.8:
        return intent["name"]
    return None
