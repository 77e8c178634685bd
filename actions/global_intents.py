"""The person's own questions and requests (PRODUCT.md §5), inside or outside the form.

Inside the form they are answered here and the open question is asked again; `stopp` ends
the conversation. Outside the form, `action_global` handles the ones with side effects on
the case (stopp, menneske, endret_situasjon, ikke_lagre); the rest are plain responses.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.after_questions import AFTER_QUESTIONS, ActionAfterQuestions, about_the_meeting, client_key
from actions.context import STORE_ERRORS, conversation_id, database, latest_parse, latest_text, log, say, store_failed
from uke8.cases import conversation
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.thread import messages
from uke8.triage import after_questions, topics
from uke8.triage.catalogue import ANSWER_SLOTS
from uke8.triage.messages import REPLIES
from uke8.understanding.interpret import interpret

# Metadata on the bot's reply to "ikke lagre". Rasa keeps it on the reply's event (no channel
# sends it on); the tracker store (bot/uke8_bot/tracker_store.py, same name) sees it and forgets
# the person's words in Rasa's tracker too, as record_storage_objection does in the case store.
FORGET_MARK = "uke8_forget_words"

# After the questions every global intent waits for a confident reading (a new round, a
# handoff, an answer); these two are honoured on the classifier's word even when doubtful:
# saying no more messages, or no storage.
_HONOURED_IN_DOUBT = ("stopp", "ikke_lagre")

# Global intents a meeting's answer may be mistaken for (actions/after_questions.about_the_meeting).
_MEETING_MIXUPS = ("stopp", "menneske", "endret_situasjon")

# After the questions these are answered as anywhere, and the words also go to the veileder
# (PRODUCT.md §3b: what the person writes then is for the veileder): a question misread as one
# of them ("blir arbeidsgiveren min med på samtalen?" as personvern) is not lost, and a wish to
# talk to someone carries its "ring meg etter kl 12".
_PASSED_ON_AFTER_QUESTIONS = ("hvorfor", "personvern", "sykepenger", "hva_er_kartlegging", "menneske")

_RECORDERS = {
    "stopp": conversation.record_opt_out,
    "menneske": conversation.record_handoff,
    "ikke_lagre": conversation.record_storage_objection,
}


def _record(code: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Write the side effect of a global intent; False when it could not be written."""
    recorder = _RECORDERS.get(code)
    if recorder is None:
        return True
    try:
        with database().write() as session:
            recorder(session, conversation_id(tracker))
    except UnknownConversation:
        return True  # nothing to record for a stranger; the reply still helps them
    except STORE_ERRORS as exc:
        store_failed(dispatcher, exc)
        return False
    return True


def _answer(dispatcher: CollectingDispatcher, code: str, tracker: Tracker) -> None:
    if code == "ikke_lagre":
        # only after the objection is recorded: the words go from the case store and the tracker together
        dispatcher.utter_message(text=REPLIES[code], **{FORGET_MARK: True})
    else:
        say(dispatcher, code, tracker)


def handle_global_in_form(code: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """Answer a global intent while a question is open; returns slot updates for the form."""
    if not _record(code, dispatcher, tracker):
        return {}
    if code == "stopp":
        say(dispatcher, "stopp")
        return {"samtale_slutt": True, "samtale_status": "avsluttet", "ventende_svar": None, "oppfolging_for": None}
    if code == "endret_situasjon":
        say(dispatcher, "endret_situasjon_underveis")
    else:
        _answer(dispatcher, code, tracker)
    return {}


def _pass_on(dispatcher: CollectingDispatcher, tracker: Tracker, *, handoff: bool) -> None:
    """Store the words for the veileder (masked and redacted; a retry of the turn stores once)
    and say so. A button payload or small talk is not a message; a store failure leaves the
    answer already given standing and claims nothing more."""
    words = latest_text(tracker)
    if not words.strip() or words.strip().startswith("/") or after_questions.is_small_talk(words):
        return
    try:
        with database().write() as session:
            messages.record_from_person(session, conversation_id(tracker), words, client_key=client_key(tracker))
    except UnknownConversation:
        return
    except STORE_ERRORS as exc:
        log.error("case store write failed passing a message on: %s", type(exc).__name__)
        return
    dispatcher.utter_message(text=after_questions.passed_on(handoff))


class ActionGlobal(Action):
    def name(self) -> str:
        return "action_global"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        meaning = interpret(None, latest_text(tracker), latest_parse(tracker))
        code = meaning.code
        if code not in ("stopp", "menneske", "ikke_lagre", "endret_situasjon") and meaning.source != "keyword":
            code = (tracker.latest_message.get("intent") or {}).get("name")  # a word of the menu keeps its own
        after = tracker.get_slot("samtale_status") in AFTER_QUESTIONS
        if after and (topics.asks_for_menu(latest_text(tracker)) or code in _MEETING_MIXUPS and meaning.source != "keyword"
                      and about_the_meeting(tracker)):
            # "MENY" read as a request: the menu. An answer to a proposed or booked meeting read
            # as a global intent ("kan vi ta en annen dag?" as a changed situation, "jeg må
            # avlyse" as stopp): the meeting's answer wins; a keyword (STOPP, a menu word) never loses.
            return await ActionAfterQuestions().run(dispatcher, tracker, domain)
        if after and meaning.action != "accept" and code not in _HONOURED_IN_DOUBT:
            # After the questions a doubtful guess ("kan jeg jobbe litt hjemmefra?" read as a
            # changed situation at 0.19) must not start a new round, flag a handoff or answer
            # a question not asked: the message goes to the veileder with the real reply, and
            # the guess is offered as a button (actions/after_questions.py).
            return await ActionAfterQuestions().run(dispatcher, tracker, domain)
        if code == "endret_situasjon":
            return self._new_round(dispatcher, tracker)
        if not _record(code, dispatcher, tracker):
            return []
        _answer(dispatcher, code, tracker)
        if after and code in _PASSED_ON_AFTER_QUESTIONS:
            _pass_on(dispatcher, tracker, handoff=code == "menneske")
        if code == "stopp":
            return [SlotSet("samtale_slutt", True), SlotSet("samtale_status", "avsluttet")]
        return []

    def _new_round(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        try:
            with database().write() as session:
                state = conversation.conversation_state(session, conversation_id(tracker))
                if state.opted_out or state.screening != "sporsmal":
                    say(dispatcher, "endret_situasjon_underveis")
                    return []
                conversation.begin_new_round(session, conversation_id(tracker))
        except UnknownConversation:
            say(dispatcher, "ukjent_avsender")
            return []
        except CaseError:
            say(dispatcher, "reservert")
            return []
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return []
        say(dispatcher, "endret_situasjon_ny_runde")
        cleared = [SlotSet(slot, None) for slot in ANSWER_SLOTS]
        # a new round: its outcome gets the full reply after the questions again (etter_svar)
        return [*cleared, SlotSet("ventende_svar", None), SlotSet("oppfolging_for", None), SlotSet("samtale_slutt", False),
                SlotSet("etter_svar", 0), SlotSet("misser", None), SlotSet("hoppet_over", None),
                SlotSet("samtale_status", "sporsmal"), FollowupAction("week8_form")]
