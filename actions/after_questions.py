"""`action_after_questions`: every message after the outcome that is not one of the global
intents (data/rules/after_questions.yml) comes here, and gets a real reply — never "forsto
ikke" (PRODUCT.md §1, §3b).

This is the one place such a message passes through (issue 16): uke8.thread.person.take_message
stores it for the veileder (masked and redacted as answers are, a placeholder under a storage
objection) and raises the case in the queue ("Ny melding"), or reads it as the person's answer
to a proposed meeting (book, ask which, another time, move, cancel). The reply is the receipt
or the meeting's confirmation; when the store is down it says so and claims nothing. The
client key (the SMS MessageSid, else Rasa's message id) makes a retried turn store once.
The person's words are never logged.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import STORE_ERRORS, conversation_id, database, latest_parse, latest_text, log, say
from uke8.cases import conversation
from uke8.cases.conversation import ConversationState
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.clock import today_in_oslo
from uke8.thread import person
from uke8.thread.person import MeetingFacts, Taken
from uke8.triage import after_questions, meeting_texts, topics
from uke8.triage.after_questions import CaseFacts
from uke8.triage.catalogue import ANSWER_SLOTS
from uke8.understanding import slot_choice
from uke8.understanding.interpret import interpret

# Messages after the questions are stored for the veileder (uke8/thread/person.py).
MESSAGES_REACH_VEILEDER = True
# The SMS channel's MessageSid in the turn's metadata (uke8/sms/inbound.py METADATA_KEY).
SMS_ID_KEY = "sms_message_sid"
CHAT_ID_KEY = "chat_message_id"  # api/chat/rasa.py: the chat page's own id for the message

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
        # (no q2 without an employer: it is never asked)
        all_answered=all(slot in state.answers for slot in MAIN_SLOTS if state.har_arbeidsgiver or slot != "relasjon")
        and not any(r.startswith("ubesvart_") for r in reasons),
        opted_out=state.opted_out,
        tailored=state.screening == "tilpasset_hilsen",
    )


def client_key(tracker: Tracker) -> str | None:
    """The turn's own id, so that a retry stores once: the SMS MessageSid, the chat page's id for
    the message (the same when the person sends it again after a failure), else Rasa's message id."""
    latest = tracker.latest_message or {}
    metadata = latest.get("metadata") or {}
    sid = metadata.get(SMS_ID_KEY)
    if isinstance(sid, str) and sid:
        return f"sms:{sid}"[:50]
    chat_id = metadata.get(CHAT_ID_KEY)
    if isinstance(chat_id, str) and chat_id:
        return f"chat:{chat_id}"[:50]
    message_id = latest.get("message_id")
    return f"rasa:{message_id}"[:50] if isinstance(message_id, str) and message_id else None


def reply_after_questions(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Answer the latest message as one after the questions; returns the events to apply.

    Also used by the form when a round closed under it (the deadline assessed it, or the person
    opted out on another channel), so that message gets the same real reply.
    """
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    words = latest_text(tracker)
    if topics.asks_for_menu(words):
        _show_menu(dispatcher, tracker)  # not a message for the veileder
        return []
    kind = after_questions.message_kind(intent, words)
    earlier = int(tracker.get_slot(COUNT_SLOT) or 0)
    # A button payload of an earlier question ("/svar{…}") and small talk are not messages for
    # the veileder; everything else is, whatever the classifier made of it.
    store_words = not words.strip().startswith("/") and not after_questions.is_small_talk(words)
    taken = None
    try:
        with database().write() as session:
            state = conversation.conversation_state(session, conversation_id(tracker))
            if not state.open_for_answers:
                taken = person.take_message(session, conversation_id(tracker), words, store_words=store_words,
                                            client_key=client_key(tracker), today=today_in_oslo())
    except UnknownConversation:
        say(dispatcher, "ukjent_avsender")
        return []
    except (*STORE_ERRORS, CaseError) as exc:
        # Nothing was stored or booked: the reply says so, and claims nothing about the case.
        log.error("case store write failed after the questions: %s", type(exc).__name__)
        if store_words:
            dispatcher.utter_message(text=after_questions.not_sent(sms=tracker.get_latest_input_channel() == "sms"))
        else:
            dispatcher.utter_message(text=after_questions.reply(CaseFacts(None), kind, max(earlier, 1), False))
        return []
    if taken is None:
        # The veileder asked again after new information (uke8/lifecycle/ask_again.py): a round
        # is open again, so this message is the person's go-ahead, and the questions follow.
        return ask_the_new_round(dispatcher)
    sms = state.channel == "sms"
    if taken.outcome != person.MESSAGE:
        _meeting_reply(dispatcher, taken, sms)
        return []
    shown = after_questions.MESSAGE if taken.stored else kind
    dispatcher.utter_message(text=after_questions.reply(case_facts(state), shown, earlier, MESSAGES_REACH_VEILEDER, sms=sms))
    if shown == after_questions.MESSAGE:
        _offer_topics(dispatcher, tracker, sms)
    if taken.meeting is not None and taken.meeting.status == "foreslatt":
        _offer(dispatcher, meeting_texts.offer(taken.meeting.slots, taken.meeting.form), taken.meeting)
    if shown in (after_questions.MESSAGE, after_questions.GREETING):
        return [SlotSet(COUNT_SLOT, earlier + 1)]
    return []


def _show_menu(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """"MENY" (the SMS hint points there): what the assistant can answer, by the case's channel."""
    try:
        with database().read() as session:
            sms = conversation.conversation_state(session, conversation_id(tracker)).channel == "sms"
    except (*STORE_ERRORS, CaseError, UnknownConversation):
        sms = tracker.get_latest_input_channel() == "sms"
    text, buttons = topics.menu(sms)
    dispatcher.utter_message(text=text, **({"buttons": buttons} if buttons else {}))


def _offer_topics(dispatcher: CollectingDispatcher, tracker: Tracker, sms: bool) -> None:
    """A doubtful reading of one of the person's own questions or requests is offered as a
    button after the receipt (the same decision eval-nlu reports for lines with no question
    open). By SMS the offer names no topic (uke8/triage/topics.py): it points to MENY."""
    meaning = interpret(None, latest_text(tracker), latest_parse(tracker))
    doubtful = meaning.action in ("confirm", "choose") and meaning.kind == "global"
    if sms:
        if doubtful and topics.topic_offer(meaning.offered) is not None:
            dispatcher.utter_message(text=topics.SMS_TOPIC_HINT)
        return
    offer = topics.topic_offer(meaning.offered if doubtful else (meaning.code,) if meaning.source == "keyword" else ())
    if offer is not None:
        dispatcher.utter_message(text=offer[0], buttons=offer[1])


def about_the_meeting(tracker: Tracker) -> bool:
    """Whether the latest message answers the case's open meeting (a pick, another time, move,
    cancel): then it is not read as a global intent ("kan vi ta en annen dag?" is no changed
    situation, "jeg må avlyse" no STOPP). Read only; False when the store cannot tell."""
    try:
        with database().read() as session:
            meeting = person.open_meeting_facts(session, conversation_id(tracker))
    except (*STORE_ERRORS, CaseError, UnknownConversation):
        return False
    if meeting is None:
        return False
    slots = meeting.slots if meeting.status == "foreslatt" else tuple(s for s in (meeting.at,) if s)
    choice = slot_choice.read_choice(latest_text(tracker), slots, today_in_oslo())
    if meeting.status != "foreslatt":
        return choice.kind in (slot_choice.ANOTHER_TIME, slot_choice.MOVE, slot_choice.CANCEL)
    return choice.kind in (slot_choice.PICK, slot_choice.ASK, slot_choice.ANOTHER_TIME, slot_choice.MOVE, slot_choice.CANCEL)


def _offer(dispatcher: CollectingDispatcher, text: str, meeting: MeetingFacts) -> None:
    # every slot, in the order proposed: the SMS numbers them, and a digit means the same slot
    dispatcher.utter_message(text=text, buttons=meeting_texts.slot_buttons(meeting.slots))


def _meeting_reply(dispatcher: CollectingDispatcher, taken: Taken, sms: bool) -> None:
    meeting, changed = taken.meeting, taken.changed
    if taken.outcome == person.BOOKED and changed is not None and changed.at is not None:
        dispatcher.utter_message(text=meeting_texts.booked(changed.at, changed.form))
    elif taken.outcome == person.ASK and meeting is not None:
        _offer(dispatcher, meeting_texts.ask_which(meeting.slots, taken.candidates), meeting)
    elif taken.outcome == person.NOT_OFFERED and meeting is not None:
        sent = (meeting_texts.FORWARDED + " ") if taken.stored else ""
        _offer(dispatcher, sent + meeting_texts.not_offered(meeting.slots, meeting.form), meeting)
    elif taken.outcome == person.ANOTHER_TIME:
        dispatcher.utter_message(text=meeting_texts.another_time())
    elif taken.outcome == person.MOVED:
        dispatcher.utter_message(text=meeting_texts.moved(changed.at if changed else None))
    elif taken.outcome == person.CANCELLED:
        dispatcher.utter_message(text=meeting_texts.cancelled(changed.at if changed else None))
    else:  # a retry of a turn whose meeting has moved on since: the plain receipt
        dispatcher.utter_message(text=after_questions.reply(CaseFacts(None), after_questions.MESSAGE, 1, True, sms=sms))


def ask_the_new_round(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """Start the round the veileder opened: the old round's slots cleared, the form asked again
    (as a changed situation does, actions/global_intents.py)."""
    say(dispatcher, "spurt_pa_nytt")
    cleared = [SlotSet(slot, None) for slot in ANSWER_SLOTS]
    return [*cleared, SlotSet("ventende_svar", None), SlotSet("oppfolging_for", None), SlotSet("samtale_slutt", False),
            SlotSet(COUNT_SLOT, 0), SlotSet("misser", None), SlotSet("hoppet_over", None),
            SlotSet("samtale_status", "sporsmal"), FollowupAction("week8_form")]


class ActionAfterQuestions(Action):
    def name(self) -> str:
        return "action_after_questions"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        return reply_after_questions(dispatcher, tracker)
