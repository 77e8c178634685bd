"""`action_after_questions`: every message after the outcome that is not one of the global
intents (data/rules/after_questions.yml) comes here, and gets a real reply — never "forsto
ikke" (PRODUCT.md §1, §3b).

This is the one place such a message passes through. The thread issue (#16) plugs in here:
store the message on the case for the veileder (masked and redacted as answers are, honouring
a storage objection), raise the case in the queue ("Ny melding"), and then set
MESSAGES_REACH_VEILEDER (or decide per case), so the reply says the veileder reads it. Until
then nothing new is stored, and the reply says honestly that the veileder does not see it.
The person's words are never logged.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import STORE_ERRORS, conversation_id, database, latest_text, log, say
from uke8.cases import conversation
from uke8.cases.conversation import ConversationState
from uke8.cases.errors import UnknownConversation
from uke8.triage import after_questions
from uke8.triage.after_questions import CaseFacts

# False until #16 delivers these messages to the veileder (see the module docstring).
MESSAGES_REACH_VEILEDER = False

# The three questions every round asks (q3_grunn only follows an uncertain q3).
MAIN_SLOTS = ("retur", "relasjon", "varighet")

# samtale_status after the questions: the outcome is given (ferdig) or the person said STOPP.
AFTER_QUESTIONS = ("ferdig", "avsluttet")

# Slot: how many replies this round has had after the outcome (the first one is the full one).
COUNT_SLOT = "etter_svar"


def case_facts(state: ConversationState) -> CaseFacts:
    assessment = state.assessment or {}
    reasons = assessment.get("reasons") or []
    return CaseFacts(
        classification=assessment.get("classification"),
        # the deadline may have assessed a round with questions still open
        all_answered=all(slot in state.answers for slot in MAIN_SLOTS) and not any(r.startswith("ubesvart_") for r in reasons),
        opted_out=state.opted_out,
        tailored=state.screening == "tilpasset_hilsen",
    )


def reply_after_questions(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Answer the latest message as one after the questions; returns the events to apply.

    Also used by the form when a round closed under it (the deadline assessed it, or the person
    opted out on another channel), so that message gets the same real reply.
    """
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    kind = after_questions.message_kind(intent, latest_text(tracker))
    earlier = int(tracker.get_slot(COUNT_SLOT) or 0)
    try:
        with database().read() as session:
            state = conversation.conversation_state(session, conversation_id(tracker))
    except UnknownConversation:
        say(dispatcher, "ukjent_avsender")
        return []
    except STORE_ERRORS as exc:
        # The case could not be read: the short reply claims nothing about it.
        log.error("case store read failed after the questions: %s", type(exc).__name__)
        dispatcher.utter_message(text=after_questions.reply(CaseFacts(None), kind, max(earlier, 1), MESSAGES_REACH_VEILEDER))
        return []
    # -- #16: hand the message to the veileder here (store it on the case, flag the queue).
    text = after_questions.reply(case_facts(state), kind, earlier, MESSAGES_REACH_VEILEDER, sms=state.channel == "sms")
    dispatcher.utter_message(text=text)
    if kind in (after_questions.MESSAGE, after_questions.GREETING):
        return [SlotSet(COUNT_SLOT, earlier + 1)]
    return []


class ActionAfterQuestions(Action):
    def name(self) -> str:
        return "action_after_questions"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        return reply_after_questions(dispatcher, tracker)
