"""Starting (or resuming) the conversation, the outcome message, and meeting preferences."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.context import STORE_ERRORS, conversation_id, database, latest_parse, latest_text, say, store_failed
from actions.global_intents import handle_global_in_form
from uke8.cases import conversation as service  # uke8/cases/conversation.py
from uke8.cases.errors import UnknownConversation
from uke8.rasa_domain import MEETING_PAYLOAD_INTENT
from uke8.triage.catalogue import ANSWER_SLOTS
from uke8.rasa_domain import EMPLOYER_SLOT
from uke8.triage.messages import CONTACT_INFO, MEETING_MODES, REPLIES, TAILORED_GREETING, greeting, outcome_message, privacy_notice
from uke8.understanding.interpret import interpret, yes_or_no
from uke8.understanding.meeting import meeting_modes


def _status(value: str) -> list[dict[str, Any]]:
    return [SlotSet("samtale_status", value)]


class ActionStart(Action):
    """`/start`: greet and ask, or resume where the person stopped, or refuse politely."""

    def name(self) -> str:
        return "action_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        try:
            with database().write() as session:
                state = service.conversation_state(session, conversation_id(tracker))
                first_time = service.mark_started(session, conversation_id(tracker)) if state.open_for_answers else False
        except UnknownConversation:
            say(dispatcher, "ukjent_avsender")
            return _status("avvist")
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return _status("avvist")

        if state.screening == "ekskludert_ingen_hilsen":
            say(dispatcher, "ukjent_avsender")  # no greeting at all for an excluded case
            return _status("avvist")
        if state.screening == "tilpasset_hilsen":
            dispatcher.utter_message(text=TAILORED_GREETING)
            return _status("ferdig")
        # The form asks by this slot (no q2 without an employer; q1 about work in general).
        employer = SlotSet(EMPLOYER_SLOT, state.har_arbeidsgiver)
        if state.opted_out:
            say(dispatcher, "reservert")
            return [employer, *_status("avsluttet")]
        if not state.open_for_answers:
            if state.assessment:
                dispatcher.utter_message(text=outcome_message(state.assessment["classification"], state.assessment["reasons"],
                                                              state.har_arbeidsgiver))
            else:
                say(dispatcher, "allerede_ferdig")
            return [employer, *_status("ferdig")]

        if first_time or not state.answers:
            dispatcher.utter_message(text=greeting(state.har_arbeidsgiver))
            dispatcher.utter_message(text=privacy_notice(state.har_arbeidsgiver))
        else:
            say(dispatcher, "velkommen_tilbake")
        # The case store, not the tracker, is the truth about what has been answered.
        slots = [SlotSet(slot, state.answers.get(slot)) for slot in ANSWER_SLOTS]
        return [*slots, employer, SlotSet("ventende_svar", None), SlotSet("oppfolging_for", None), SlotSet("samtale_slutt", False),
                SlotSet("requested_slot", None), *_status("sporsmal")]


class ActionOppsummer(Action):
    """After the last answer: what happens next, from the stored assessment."""

    def name(self) -> str:
        return "action_oppsummer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if tracker.get_slot("samtale_slutt"):
            return _status(tracker.get_slot("samtale_status") or "avsluttet")
        try:
            with database().read() as session:
                state = service.conversation_state(session, conversation_id(tracker))
        except UnknownConversation:
            return _status("avvist")
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return _status("ferdig")
        assessment = state.assessment
        if assessment is None:
            say(dispatcher, "allerede_ferdig")
            return _status("ferdig")
        dispatcher.utter_message(text=outcome_message(assessment["classification"], assessment["reasons"], state.har_arbeidsgiver))
        return _status("mote" if assessment["classification"] == "kartlegging" else "ferdig")


class ValidateMoteForm(FormValidationAction):
    def name(self) -> str:
        return "validate_mote_form"

    async def validate_moteform(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker)
        modes = meeting_modes(text, MEETING_PAYLOAD_INTENT)
        if modes:
            return {"moteform": modes}
        meaning = interpret(None, text, latest_parse(tracker))
        if meaning.code in ("stopp", "menneske", "personvern", "hvorfor", "sykepenger", "ikke_lagre", "hva_er_kartlegging"):
            events = handle_global_in_form(meaning.code, dispatcher, tracker)
            if events.get("samtale_slutt"):
                return {"moteform": ["ingen"], "motetid": "-", **events}
            return {"moteform": None, **events}
        say(dispatcher, "ikke_forstatt_mote")
        return {"moteform": None}

    async def validate_motetid(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = latest_text(tracker).strip()
        if yes_or_no(text) == "nei":
            return {"motetid": "-"}
        meaning = interpret(None, text, latest_parse(tracker))
        if meaning.code == "stopp":
            return {"motetid": "-", **handle_global_in_form("stopp", dispatcher, tracker)}
        return {"motetid": text[:200] or "-"}


class ActionLagreMote(Action):
    def name(self) -> str:
        return "action_lagre_mote"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        if tracker.get_slot("samtale_slutt"):
            return _status("avsluttet")
        modes = tracker.get_slot("moteform") or []
        times = tracker.get_slot("motetid")
        try:
            with database().write() as session:
                service.record_meeting_preferences(session, conversation_id(tracker), list(modes), None if times in (None, "-") else times)
        except UnknownConversation:
            return _status("avvist")
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return [SlotSet("moteform", None), SlotSet("motetid", None), *_status("mote")]
        labels = dict(MEETING_MODES)
        chosen = ", ".join(labels[m].lower() for m in modes if m in labels)
        dispatcher.utter_message(text=REPLIES["mote_takk"] + (f" Du ønsker: {chosen}." if chosen else "") + " " + CONTACT_INFO)
        return _status("ferdig")
