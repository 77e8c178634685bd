"""The week-8 form: every message while a question is open comes here (from_text mappings),
so one action call per turn decides whether it is an answer, a confirmation, a follow-up or
a question of the person's own.

Slots asked, in order (computed by `required_slots`): each question of the catalogue that
applies and was not skipped; `bekreftelse` before a question with an open offer; `oppfolging`
after a negative or uncertain answer given with a button or digit (free text already says
more). An answer is in a slot only after the case store has accepted it.

An offer (slot `ventende_svar`, asked by `action_ask_bekreftelse`) is one of: `confirm` ("Forstår
jeg deg riktig …?", Ja/Nei), `choose` ("Mente du «…» eller «…»?", the offered options and
"Ingen av dem"), `hjelp` (the options numbered, with an example) or `hopp` (skip the question
or be contacted). Misses per question are counted in `misser`: the first gets "forsto ikke"
and the question with its buttons, the second the numbered help, the third the skip offer.
Skipped questions are kept in `hoppet_over`; when nothing is left to ask, the answers given
are assessed at once the way the deadline would.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.after_questions import reply_after_questions
from actions.context import STORE_ERRORS, conversation_id, database, is_start, latest_parse, latest_text, say, store_failed
from actions.global_intents import handle_global_in_form
from uke8.cases import answers as service  # the conversation's answers (uke8/cases/answers.py)
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.clock import today_in_oslo
from uke8.triage.asking_texts import (
    CONTACT_LABEL, NONE_OF_THEM_LABEL, SKIP_LABEL, SKIP_OFFER, SKIP_OFFER_AGAIN, SKIPPED, choose_question, noted, numbered_help,
    summary_question,
)
from uke8.rasa_domain import EMPLOYER_SLOT
from uke8.triage.catalogue import ANSWER_SLOTS, QUESTIONS, button_payload, parse_button_payload, question_by_slot, question_order
from uke8.triage.messages import NO_LABEL, REPLIES, YES_LABEL, confirmation_question
from uke8.understanding.reading import Reading, read_message
from uke8.understanding.interpret import DIGIT_ANSWER, OUT_OF_SCOPE, Interpretation, interpret, yes_or_no
from uke8.understanding.normalise import fold, normalise

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
        skipped = set(tracker.get_slot("hoppet_over") or ())
        slots: list[str] = []
        for question_id in question_order(has_employer(tracker)):  # no q2 without an employer
            question = QUESTIONS[question_id]
            if not question.should_ask(answers) or question.slot in skipped:
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
        answers = {s: tracker.get_slot(s) for s in ANSWER_SLOTS}
        reading = read_message(question_id, text, latest_parse(tracker), answers, har_arbeidsgiver=has_employer(tracker),
                               asked_on=today_in_oslo())
        if reading.declined:
            return {slot: None, **self._decline(slot, reading, text, dispatcher, tracker)}
        if reading.others:
            return {slot: None, **self._take(slot, reading, text, dispatcher, tracker)}
        return {slot: None, **self._act(slot, reading.own, text, dispatcher, tracker, missed="ikke_forstatt")}

    def _decline(self, slot: str, reading: Reading, text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """"Det vil jeg helst ikke svare på": no "forsto ikke" and no asking again, the offer to
        skip the question or be contacted at once (the answers the message also gives are taken)."""
        events = self._take(slot, reading, text, dispatcher, tracker) if reading.others else {}
        if events.get("samtale_slutt") or events.get("ventende_svar"):
            return events  # the round closed, or a summary of doubtful answers comes first
        misses = dict(events.get("misser", tracker.get_slot("misser") or {}))
        return events | {"misser": misses | {slot: 3}, "ventende_svar": {"slot": slot, "kind": "hopp"}, "bekreft_tekst": None}

    def _take(self, slot: str, reading: Reading, text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """A message that carries answers to questions not open now (and maybe the open one):
        the clear ones are recorded at once, the doubtful ones confirmed together in one
        summary; an offer of two about the open question stays an offer."""
        own = reading.own
        carried = [(c.slot, c.meaning) for c in reading.others]
        if own.kind == "answer" and own.action in ("accept", "confirm"):
            carried.append((slot, own))
        carried.sort(key=lambda item: ANSWER_SLOTS.index(item[0]))
        sure = [(s, m.code) for s, m in carried if m.action == "accept"]
        doubtful = [{"slot": s, "code": m.code, "confidence": m.confidence} for s, m in carried if m.action == "confirm"]
        events: dict[str, Any] = {}
        if sure:
            events = self._store_many(sure, text, dispatcher, tracker)
            if not events or events.get("samtale_slutt"):
                return events  # nothing was taken, and the person was told why
        if doubtful:
            pending = {"slot": slot, "kind": "summary", "answers": doubtful, "text": text}
            summary = summary_question([(d["slot"], d["code"]) for d in doubtful], has_employer(tracker))
            return events | {"ventende_svar": pending, "bekreft_tekst": summary}
        if own.action == "choose":
            return events | _offer(slot, own, text, has_employer(tracker))
        return events

    def _store_many(self, answers: list[tuple[str, str]], text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """Record several answers of one message in one transaction, each marked `combined`."""
        try:
            with database().write() as session:
                results = [service.record_answer(session, conversation_id(tracker), s, code, source="combined", raw_text=text)
                           for s, code in answers]
        except UnknownConversation:
            say(dispatcher, "ukjent_avsender")
            return {"samtale_slutt": True, "samtale_status": "avvist"}
        except CaseError:  # the round closed under the form (deadline, or opted out elsewhere)
            reply_after_questions(dispatcher, tracker)
            return {"samtale_slutt": True, "samtale_status": "avsluttet"}
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return {}
        dispatcher.utter_message(text=noted(answers, has_employer(tracker)))
        events: dict[str, Any] = {s: code for s, code in answers}
        misses = {k: v for k, v in (tracker.get_slot("misser") or {}).items() if k not in events}
        events |= {"ventende_svar": None, "bekreft_tekst": None, "misser": misses}
        skipped = tracker.get_slot("hoppet_over") or []
        if results[-1].assessment is None and skipped and not _left_to_ask(tracker, skipped, **dict(answers)):
            try:
                with database().write() as session:
                    service.assess_after_skipping(session, conversation_id(tracker))
            except STORE_ERRORS as exc:
                store_failed(dispatcher, exc)
        if any(r.health_categories for r in results):
            say(dispatcher, "helse_paminnelse")
        return events

    def _act(self, slot: str, meaning: Interpretation, text: str, dispatcher: CollectingDispatcher, tracker: Tracker, *, missed: str) -> dict[str, Any]:
        """What the form does with an interpretation of an answer to `slot` (slot updates)."""
        if meaning.kind == "global":
            if meaning.code == OUT_OF_SCOPE and (tracker.get_slot("ventende_svar") or {}).get("kind") in (None, "hjelp", "hopp"):
                # Off-topic while a question is open ("xyzzy", "jeg har en katt"): said so, and a
                # miss on this question like any other, so that the next one helps more (an
                # open confirmation or choice stays open instead).
                return _missed(slot, dispatcher, tracker, OUT_OF_SCOPE)
            return handle_global_in_form(meaning.code, dispatcher, tracker)  # an open offer stays open
        if meaning.action == "accept":
            return self._store(slot, meaning, text, dispatcher, tracker)
        if meaning.action in ("confirm", "choose"):
            return _offer(slot, meaning, text, has_employer(tracker))
        return _missed(slot, dispatcher, tracker, missed)

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
        except CaseError:  # the round closed under the form (deadline, or opted out elsewhere)
            reply_after_questions(dispatcher, tracker)
            return {slot: None, "samtale_slutt": True, "samtale_status": "avsluttet"}
        except STORE_ERRORS as exc:
            store_failed(dispatcher, exc)
            return {slot: None}
        skipped = tracker.get_slot("hoppet_over") or []
        if result.assessment is None and skipped and not _left_to_ask(tracker, skipped, **{slot: meaning.code}):
            # the last question asked, an earlier one skipped: assess what was answered now
            try:
                with database().write() as session:
                    service.assess_after_skipping(session, conversation_id(tracker))
            except STORE_ERRORS as exc:
                store_failed(dispatcher, exc)  # the answer is stored; the deadline assesses it
        if result.health_categories:
            say(dispatcher, "helse_paminnelse")
        events: dict[str, Any] = {slot: meaning.code, "ventende_svar": None, "bekreft_tekst": None}
        misses = dict(tracker.get_slot("misser") or {})
        if misses.pop(slot, None) is not None:
            events["misser"] = misses
        if meaning.code in FOLLOW_UP_AFTER.get(slot, ()) and meaning.source in FOLLOW_UP_SOURCES and result.channel == "chat":
            events["oppfolging_for"] = slot
        return events

    # -- an open offer: confirm, choose, the numbered help, or skip ------------------------
    async def validate_bekreftelse(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        pending = tracker.get_slot("ventende_svar") or {}
        if not pending:
            return {"bekreftelse": None}
        slot, text, kind = pending["slot"], latest_text(tracker), pending.get("kind", "confirm")
        if is_start(text):
            say(dispatcher, "velkommen_tilbake")
            return {"bekreftelse": None}
        if kind == "hopp":
            return {"bekreftelse": None, **self._skip_or_contact(slot, text, dispatcher, tracker)}
        words = pending.get("text")
        if kind == "summary":
            return {"bekreftelse": None, **self._summary_reply(pending, text, dispatcher, tracker)}
        if kind == "choose":
            picked = _picked(pending, text)
            if picked == NONE_OF_THEM_LABEL:
                return {"bekreftelse": None, **_missed(slot, dispatcher, tracker, "bekreft_nei")}
            if picked is not None:
                chosen = Interpretation("answer", picked, float(pending.get("confidence") or 0), "accept", "confirmed")
                return {"bekreftelse": None, **self._store(slot, chosen, words, dispatcher, tracker)}
            if yes_or_no(text) == "ja":
                return {"bekreftelse": None}  # "ja" to "A eller B?" picks neither: the offer is shown again
        if kind == "confirm":
            reply = yes_or_no(text) or _nlu_yes_no(latest_parse(tracker))
            if reply == "ja":
                confirmed = Interpretation("answer", pending["code"], float(pending.get("confidence") or 0), "accept", "confirmed")
                return {"bekreftelse": None, **self._store(slot, confirmed, words, dispatcher, tracker)}
            if reply == "nei":
                return {"bekreftelse": None, **_missed(slot, dispatcher, tracker, "bekreft_nei")}
        # Not a pick, yes or no: perhaps a clearer answer to the same question.
        meaning = interpret(question_by_slot(slot).id, text, latest_parse(tracker))
        return {"bekreftelse": None, **self._act(slot, meaning, text, dispatcher, tracker, missed="ikke_forstatt")}

    def _summary_reply(self, pending: dict[str, Any], text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        reply = yes_or_no(text) or _nlu_yes_no(latest_parse(tracker))
        if reply == "ja":
            answers = [(a["slot"], a["code"]) for a in pending.get("answers") or ()]
            return self._store_many(answers, pending.get("text") or "", dispatcher, tracker) if answers else {"ventende_svar": None}
        cleared = {"ventende_svar": None, "bekreft_tekst": None}
        if reply == "nei":
            say(dispatcher, "bekreft_nei")
            return cleared
        # Something else: the summary is left, and the message read as an answer to the open question.
        slot = pending["slot"]
        answers = {s: tracker.get_slot(s) for s in ANSWER_SLOTS}
        if answers.get(slot) in question_by_slot(slot).codes:
            return cleared
        reading = read_message(question_by_slot(slot).id, text, latest_parse(tracker), answers, har_arbeidsgiver=has_employer(tracker),
                               asked_on=today_in_oslo())
        if reading.others:
            return cleared | self._take(slot, reading, text, dispatcher, tracker)
        return cleared | self._act(slot, reading.own, text, dispatcher, tracker, missed="ikke_forstatt")

    def _skip_or_contact(self, slot: str, text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """After the third miss: skip the question, or be contacted (a handoff, and the question
        is skipped too), or answer it after all."""
        choice = _skip_choice(text)
        meaning = interpret(question_by_slot(slot).id, text, latest_parse(tracker))
        if choice is None and meaning.kind == "global" and meaning.code == "menneske":
            choice = CONTACT_LABEL
        if choice is None:
            if meaning.kind == "answer" and meaning.action != "reask" or meaning.kind == "global":
                return self._act(slot, meaning, text, dispatcher, tracker, missed="ikke_forstatt")
            dispatcher.utter_message(text=SKIP_OFFER_AGAIN)
            return {}
        if choice == CONTACT_LABEL:
            events = handle_global_in_form("menneske", dispatcher, tracker)  # records the handoff, says so
            if events == {} and not _handoff_said(dispatcher):
                return {}  # the store failed and the person was told: the offer stays open
        else:
            dispatcher.utter_message(text=SKIPPED)
        skipped = [*(tracker.get_slot("hoppet_over") or []), slot]
        events = {"hoppet_over": skipped, "ventende_svar": None, "bekreft_tekst": None}
        if not _left_to_ask(tracker, skipped):
            try:
                with database().write() as session:
                    service.assess_after_skipping(session, conversation_id(tracker))
            except UnknownConversation:
                return events | {"samtale_slutt": True, "samtale_status": "avvist"}
            except STORE_ERRORS as exc:
                store_failed(dispatcher, exc)
                return {}
        return events

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


class ActionAskBekreftelse(Action):
    """Puts the open offer in front of the person, with its buttons (a digit answers by their
    order in SMS)."""

    def name(self) -> str:
        return "action_ask_bekreftelse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        pending = tracker.get_slot("ventende_svar") or {}
        if not pending:
            return []
        question = question_by_slot(pending["slot"])
        kind = pending.get("kind", "confirm")
        if kind == "choose":
            buttons = [{"title": question.label_for(code), "payload": button_payload(question.id, code)} for code in pending["offered"]]
            dispatcher.utter_message(text=choose_question(question.id, pending["offered"]),
                                     buttons=[*buttons, {"title": NONE_OF_THEM_LABEL, "payload": "/nei"}])
        elif kind == "hjelp":
            dispatcher.utter_message(text=numbered_help(question.id, has_employer(tracker)))
        elif kind == "summary":
            text = tracker.get_slot("bekreft_tekst") or summary_question([(a["slot"], a["code"]) for a in pending["answers"]],
                                                                         has_employer(tracker))
            dispatcher.utter_message(text=text, buttons=[{"title": YES_LABEL, "payload": "/ja"}, {"title": NO_LABEL, "payload": "/nei"}])
        elif kind == "hopp":
            dispatcher.utter_message(text=SKIP_OFFER, buttons=[{"title": SKIP_LABEL, "payload": SKIP_LABEL},
                                                               {"title": CONTACT_LABEL, "payload": CONTACT_LABEL}])
        else:
            text = tracker.get_slot("bekreft_tekst") or confirmation_question(question.slot, pending["code"], has_employer(tracker))
            dispatcher.utter_message(text=text, buttons=[{"title": YES_LABEL, "payload": "/ja"}, {"title": NO_LABEL, "payload": "/nei"}])
        return []


def has_employer(tracker: Tracker) -> bool:
    """The case's har_arbeidsgiver as action_start set it; unset (a conversation begun before
    the slot existed) means the usual questions."""
    return tracker.get_slot(EMPLOYER_SLOT) is not False


def _offer(slot: str, meaning: Interpretation, text: str, har_arbeidsgiver: bool = True) -> dict[str, Any]:
    """Slot updates that put a confirm or choose offer before the question."""
    pending = {"slot": slot, "kind": meaning.action, "code": meaning.code, "offered": list(meaning.offered),
               "confidence": meaning.confidence, "text": text}
    if meaning.action == "confirm":
        return {"ventende_svar": pending, "bekreft_tekst": confirmation_question(slot, meaning.code, har_arbeidsgiver)}
    return {"ventende_svar": pending, "bekreft_tekst": choose_question(question_by_slot(slot).id, meaning.offered)}


def _missed(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, reply: str) -> dict[str, Any]:
    """One more miss on this question: each helps more (PRODUCT.md §1, rules for asking)."""
    misses = dict(tracker.get_slot("misser") or {})
    misses[slot] = int(misses.get(slot, 0)) + 1
    if misses[slot] >= 3:
        return {"misser": misses, "ventende_svar": {"slot": slot, "kind": "hopp"}, "bekreft_tekst": None}
    if misses[slot] == 2:
        return {"misser": misses, "ventende_svar": {"slot": slot, "kind": "hjelp"}, "bekreft_tekst": None}
    say(dispatcher, reply)
    return {"misser": misses, "ventende_svar": None, "bekreft_tekst": None}


def _picked(pending: dict[str, Any], text: str) -> str | None:
    """The offered code the person picked (its button, its number in the offer, or its label),
    NONE_OF_THEM_LABEL for "Ingen av dem" / "nei", or None for anything else."""
    offered = list(pending.get("offered") or [])
    payload = parse_button_payload(text)
    if payload is not None:
        return payload[1] if payload[0] == pending["slot"] else None
    t = normalise(text)
    digit = DIGIT_ANSWER.match(t)
    if digit:
        number = int(digit.group(1))
        if 1 <= number <= len(offered):
            return offered[number - 1]
        return NONE_OF_THEM_LABEL if number == len(offered) + 1 else None
    folded = fold(t).strip(" .!")
    question = question_by_slot(pending["slot"])
    for code in offered:
        if folded == fold(normalise(question.label_for(code))).strip(" .!"):
            return code
    if folded in (fold(normalise(NONE_OF_THEM_LABEL)), "ingen", "ingen av delene", "ingen av disse") or yes_or_no(text) == "nei":
        return NONE_OF_THEM_LABEL
    return None


def _skip_choice(text: str) -> str | None:
    t = fold(normalise(text)).strip(" .!")
    if t in ("1", fold(normalise(SKIP_LABEL)), "hopp", "hopp over det", "hopp over sporsmalet", "skip", "neste"):
        return SKIP_LABEL
    if t in ("2", fold(normalise(CONTACT_LABEL)), "bli kontaktet", "kontakt meg", "ring meg"):
        return CONTACT_LABEL
    return None


def _handoff_said(dispatcher: CollectingDispatcher) -> bool:
    return any(m.get("text") == REPLIES["menneske"] for m in dispatcher.messages)


def _left_to_ask(tracker: Tracker, skipped: list[str], **given: str) -> bool:
    answers = {slot: tracker.get_slot(slot) for slot in ANSWER_SLOTS} | given
    for question_id in question_order(has_employer(tracker)):
        question = QUESTIONS[question_id]
        if question.should_ask(answers) and question.slot not in skipped and answers.get(question.slot) not in question.codes:
            return True
    return False
