"""The scripted free-text people of bench/conversation.py, and how each answers the bot.

Pure: no stack, no HTTP. bench/conversation.py reads the bot's state after every turn (Rasa's
tracker: `requested_slot`, `ventende_svar`, `active_loop`; the case: stored answers, the
assessment) and the reply (texts and buttons), puts it in a `BotTurn`, and asks `next_move`
what the person sends next. The person keys off slots and button payloads, not the bot's
wording, because the texts and the asking logic change while the bench is in use.

How a person answers (tests/nlu_eval/free_text_people.yml documents the people):
- a question asked for the first time: the person's message written for it; asked again, or
  asked although the person already gave that answer in an earlier message: the fallback
  rewording; asked once more: the button of the true code when there is one, else the person
  gives up (the answer is not recorded and the conversation ends there);
- a confirmation ("Forstår jeg deg riktig …?"): yes exactly when every code it confirms is
  the person's true code;
- options as buttons ("Mente du … eller …?"): the button whose payload carries the true code,
  else "Ingen av dem" (its button, or the word);
- the options as a numbered list without buttons: the digit of the true code (PRODUCT.md §1:
  digits follow the button order), else the fallback if unused, else give up;
- an offer to skip the question: skip it (never recorded);
- the greeting's go-ahead ("Har du mulighet …?"), the follow-up ("Vil du fortelle litt mer?")
  and the meeting questions after the outcome: "ja", "nei takk", telefon and a time.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

QUESTION_SLOT = {"q1": "retur", "q2": "relasjon", "q3": "varighet", "q3_grunn": "varighet_usikker_grunn"}
SLOT_QUESTION = {slot: q for q, slot in QUESTION_SLOT.items()}
ANSWER_SLOTS = tuple(QUESTION_SLOT.values())
# PRODUCT.md §1: the codes in button order (a digit answers by that order); verken_eller has no button.
DIGIT_ORDER = {
    "retur": ("veldig_sannsynlig", "usikker", "lite_sannsynlig"),
    "relasjon": ("god", "vanskelig"),
    "varighet": ("under_26_uker", "over_26_uker", "usikker"),
    "varighet_usikker_grunn": ("behandling", "annet"),
}
ALL_CODES = {**DIGIT_ORDER, "relasjon": ("god", "vanskelig", "verken_eller")}
STYLES = ("bokmål", "nynorsk", "dialekt", "sms")
OFFER_KINDS = ("confirm", "choose", "hjelp", "hopp")
MEETING_SLOTS = ("moteform", "motetid")
# Moves that answer a question (counted per recorded answer), and the rest.
ANSWERING = frozenset({"message", "fallback", "button", "yes", "no", "pick", "none_of_them", "digit", "skip"})
OTHER = frozenset({"go_ahead", "follow_up", "meeting"})
# What the person sends for the non-answering moves (short, as a person would).
GO_AHEAD_TEXT = "ja"
FOLLOW_UP_TEXT = "nei takk"
NONE_OF_THEM_TEXT = "Ingen av dem"
MEETING_MODE_TEXT = "telefon"
MEETING_TIME_TEXT = "Formiddag passer best."


@dataclass(frozen=True)
class Message:
    question: str
    text: str
    carries: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    id: str
    style: str
    case: dict[str, Any]
    answers: dict[str, str]
    messages: tuple[Message, ...]
    fallback: dict[str, str]
    outcome: str


def load_people(path: Path) -> list[Person]:
    people = []
    for p in yaml.safe_load(path.read_text(encoding="utf-8"))["people"]:
        messages = tuple(Message(m["question"], m["text"], tuple(m.get("carries") or [QUESTION_SLOT[m["question"]]])) for m in p["messages"])
        people.append(Person(p["id"], p["style"], dict(p.get("case") or {}), dict(p["answers"]), messages, dict(p.get("fallback") or {}), p["outcome"]))
    return people


def load_after(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def after_messages_for(index: int, after: list[dict[str, Any]], per_person: int = 2) -> list[dict[str, Any]]:
    """Round-robin: person i gets lines per_person*i … so 48 people use all 96 lines."""
    if not after:
        return []
    return [after[(index * per_person + k) % len(after)] for k in range(per_person)]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def payload_answers(payload: str | None) -> dict[str, str]:
    """The answers a button's payload carries: `/svar{"retur":"usikker"}` → {"retur": "usikker"}."""
    if not payload or "{" not in payload:
        return {}
    try:
        data = json.loads(payload[payload.index("{"):])
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if k in ANSWER_SLOTS and isinstance(v, str)} if isinstance(data, dict) else {}


def restore_codes(pending: dict[str, Any] | None, redact: Callable[[str], str]) -> tuple[dict[str, Any] | None, int]:
    """`ventende_svar` as the bot meant it, and how many codes had to be restored.

    Rasa's tracker store (bot/uke8_bot/tracker_store.py) passes slot values through the health
    redactor, which turns the code `behandling` into "[helseopplysning fjernet]". A code that
    is not a code of its slot is mapped back to the one code of that slot that `redact` turns
    into it, so the person can still tell what the bot proposes."""
    if not pending or pending.get("slot") not in ALL_CODES:
        return pending, 0
    codes = ALL_CODES[pending["slot"]]
    back: dict[str, str] = {}
    for code in codes:
        back.setdefault(redact(code), code)
    restored = 0

    def fix(value: Any) -> Any:
        nonlocal restored
        if isinstance(value, str) and value not in codes and value in back:
            restored += 1
            return back[value]
        return value

    out = dict(pending)
    if "code" in out:
        out["code"] = fix(out["code"])
    if isinstance(out.get("offered"), list):
        out["offered"] = [fix(v) for v in out["offered"]]
    return out, restored


def pending_pairs(pending: dict[str, Any] | None) -> dict[str, str]:
    """The (slot → code) pairs an open confirmation proposes: one (`slot`, `code`), or several
    when doubtful answers are confirmed together (`answers`/`codes` as a mapping or a list)."""
    if not pending:
        return {}
    pairs: dict[str, str] = {}
    if pending.get("slot") in ANSWER_SLOTS and isinstance(pending.get("code"), str):
        pairs[pending["slot"]] = pending["code"]
    for key in ("answers", "codes", "pairs"):
        value = pending.get(key)
        if isinstance(value, dict):
            pairs.update({k: v for k, v in value.items() if k in ANSWER_SLOTS and isinstance(v, str)})
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and item.get("slot") in ANSWER_SLOTS and isinstance(item.get("code"), str):
                    pairs[item["slot"]] = item["code"]
    return pairs


@dataclass
class BotTurn:
    """What the person sees and what the bench reads after one bot turn."""
    texts: list[str] = field(default_factory=list)
    buttons: list[dict[str, str]] = field(default_factory=list)
    requested_slot: str | None = None
    active_loop: str | None = None
    pending: dict[str, Any] | None = None  # the tracker's `ventende_svar`
    stored: dict[str, str] = field(default_factory=dict)  # the case's latest code per slot
    outcome: str | None = None  # the assessment's classification, once given

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def button_payload(turn: BotTurn, *, answers: dict[str, str] | None = None, words: tuple[str, ...] = ()) -> str | None:
    """The payload of the first button that carries `answers` (all of them), or whose payload
    or title contains one of `words` (folded)."""
    for button in turn.buttons:
        payload = button.get("payload") or ""
        if answers and all(payload_answers(payload).get(k) == v for k, v in answers.items()):
            return payload
        if words and any(fold(w) in fold(payload) or fold(w) in fold(button.get("title") or "") for w in words):
            return payload or button.get("title")
    return None


def what_is_open(turn: BotTurn) -> tuple[str, str | None]:
    """(kind, slot) of what the bot waits for. Kinds: question, confirm, choose, hjelp, hopp,
    follow_up, meeting, go_ahead, done, stuck (ended without an outcome), unknown. The tracker's slots decide first; buttons'
    payloads only when the tracker names nothing the bench knows."""
    requested = turn.requested_slot
    if requested in ANSWER_SLOTS:
        return "question", requested
    if requested in MEETING_SLOTS:
        return "meeting", requested
    if requested == "oppfolging":
        return "follow_up", None
    if requested == "bekreftelse" or (turn.pending and requested is None and turn.active_loop):
        pending = turn.pending or {}
        kind = pending.get("kind") or ("confirm" if pending.get("code") else None)
        slot = pending.get("slot") if pending.get("slot") in ANSWER_SLOTS else None
        if kind == "summary":  # doubtful answers confirmed together: a yes/no about all of them
            return "confirm", slot
        if kind in OFFER_KINDS:
            return kind, slot
        return _by_buttons(turn)
    if requested is None and turn.active_loop is None:
        if turn.outcome:
            return "done", None
        # nothing open, no outcome: before any answer that is the greeting's go-ahead; after
        # one, the conversation ended without an outcome
        return ("stuck", None) if turn.stored else ("go_ahead", None)
    return _by_buttons(turn)


def _by_buttons(turn: BotTurn) -> tuple[str, str | None]:
    offered: dict[str, set[str]] = {}
    for button in turn.buttons:
        for slot, code in payload_answers(button.get("payload")).items():
            offered.setdefault(slot, set()).add(code)
    if len(offered) == 1:
        slot, codes = next(iter(offered.items()))
        return ("question" if codes >= set(DIGIT_ORDER[slot]) else "choose"), slot
    payloads = {(b.get("payload") or "").strip() for b in turn.buttons}
    if "/ja" in payloads:
        return ("confirm", None) if turn.outcome is None and turn.stored else ("go_ahead", None)
    return "unknown", None


@dataclass
class Move:
    kind: str  # one of ANSWERING | OTHER, or "give_up"
    text: str | None  # what is sent (a payload for a button); None for give_up
    slot: str | None = None


@dataclass
class PersonState:
    sent: set[int] = field(default_factory=set)  # indices of scripted messages sent
    believed: set[str] = field(default_factory=set)  # slots the person thinks they answered
    fallback_used: set[str] = field(default_factory=set)
    asks: dict[str, int] = field(default_factory=dict)  # times each question was asked
    reasks: dict[str, int] = field(default_factory=dict)  # asks after the person already answered it
    offers: dict[str, int] = field(default_factory=dict)  # confirm / choose / help / skip offers per slot
    skipped: set[str] = field(default_factory=set)
    go_aheads: int = 0

    def observe(self, turn: BotTurn) -> tuple[str, str | None]:
        """Count what the bot did this turn; returns what_is_open(turn)."""
        kind, slot = what_is_open(turn)
        if kind == "question" and slot:
            self.asks[slot] = self.asks.get(slot, 0) + 1
            if self.asks[slot] > 1 or slot in self.believed:
                self.reasks[slot] = self.reasks.get(slot, 0) + 1
        elif kind in OFFER_KINDS:
            for s in set(pending_pairs(turn.pending)) | ({slot} if slot else set()):
                self.offers[s] = self.offers.get(s, 0) + 1
        return kind, slot


def next_move(person: Person, state: PersonState, turn: BotTurn, opened: tuple[str, str | None] | None = None) -> Move | None:
    """What the person sends now, or None when the conversation is done. Records what was
    sent in `state` (scripted messages, fallbacks, skips)."""
    kind, slot = opened or what_is_open(turn)
    truth = person.answers
    if kind == "done":
        return None
    if kind == "question" and slot:
        return _answer_question(person, state, turn, slot)
    if kind == "confirm":
        # Unreadable (no code in `ventende_svar`): the person cannot tell, and says no.
        pairs = pending_pairs(turn.pending)
        if pairs and all(truth.get(s) == c for s, c in pairs.items()):
            return Move("yes", button_payload(turn, words=("/ja",)) or "ja", slot)
        return Move("no", button_payload(turn, words=("/nei",)) or "nei", slot)
    if kind == "choose":
        slots = [slot] if slot else sorted({s for b in turn.buttons for s in payload_answers(b.get("payload"))})
        for s in slots:
            if s in truth:
                payload = button_payload(turn, answers={s: truth[s]})
                if payload:
                    return Move("pick", payload, s)
        return Move("none_of_them", button_payload(turn, words=("ingen",)) or button_payload(turn, words=("/nei",)) or NONE_OF_THEM_TEXT, slot)
    if kind == "hjelp" and slot:
        order = DIGIT_ORDER.get(slot, ())
        if truth.get(slot) in order:
            return Move("digit", str(order.index(truth[slot]) + 1), slot)
        question = SLOT_QUESTION[slot]
        if question not in state.fallback_used and person.fallback.get(question):
            state.fallback_used.add(question)
            return Move("fallback", person.fallback[question], slot)
        return Move("give_up", None, slot)
    if kind == "hopp":
        if slot:
            state.skipped.add(slot)
        return Move("skip", button_payload(turn, words=("hopp",)) or (turn.buttons[0].get("payload") if turn.buttons else "hopp over"), slot)
    if kind == "follow_up":
        return Move("follow_up", FOLLOW_UP_TEXT)
    if kind == "meeting":
        if slot == "moteform":
            return Move("meeting", button_payload(turn, words=(MEETING_MODE_TEXT,)) or MEETING_MODE_TEXT)
        return Move("meeting", MEETING_TIME_TEXT)
    if kind == "go_ahead":
        state.go_aheads += 1
        if state.go_aheads > 2:
            return Move("give_up", None)
        return Move("go_ahead", button_payload(turn, words=("/ja",)) or GO_AHEAD_TEXT)
    return Move("give_up", None)


def _answer_question(person: Person, state: PersonState, turn: BotTurn, slot: str) -> Move:
    question = SLOT_QUESTION[slot]
    if state.asks.get(slot, 0) <= 1:  # first time asked: the message written for it, if any
        for index, message in enumerate(person.messages):
            if index not in state.sent and message.question == question:
                state.sent.add(index)
                state.believed.update(message.carries)
                return Move("message", message.text, slot)
    if question not in state.fallback_used and person.fallback.get(question):
        state.fallback_used.add(question)
        state.believed.add(slot)
        return Move("fallback", person.fallback[question], slot)
    true_code = person.answers.get(slot)
    payload = button_payload(turn, answers={slot: true_code}) if true_code else None
    if payload:
        return Move("button", payload, slot)
    return Move("give_up", None, slot)


@dataclass
class PersonResult:
    id: str
    style: str
    answering: int = 0  # answering messages sent until the outcome (or the end)
    other: int = 0  # go-ahead, follow-up, meeting
    after_outcome: int = 0  # answering messages sent after the outcome (none expected)
    stored: dict[str, str] = field(default_factory=dict)
    true: dict[str, str] = field(default_factory=dict)
    reasks: dict[str, int] = field(default_factory=dict)
    offers: dict[str, int] = field(default_factory=dict)
    outcome: str | None = None
    expected_outcome: str | None = None
    ended: str = "done"  # done | gave_up (on a question) | stuck (nothing open, no outcome) | cap | error
    buttons_used: int = 0  # answers given by the true code's button after two misses
    skipped: list[str] = field(default_factory=list)
    after: list[dict[str, Any]] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return len(self.stored)

    @property
    def wrong(self) -> dict[str, tuple[str | None, str]]:
        return {s: (self.true.get(s), c) for s, c in self.stored.items() if self.true.get(s) != c}

    @property
    def clean(self) -> int:
        """True answers stored right without the bot asking again or offering for them."""
        return sum(1 for s, c in self.true.items()
                   if self.stored.get(s) == c and not self.reasks.get(s) and not self.offers.get(s))


def summarise(results: list[PersonResult]) -> dict[str, Any]:
    answering = sum(r.answering for r in results)
    recorded = sum(r.recorded for r in results)
    true = sum(len(r.true) for r in results)
    after = [a for r in results for a in r.after]
    bad = [a for a in after if a["bad"]]
    return {
        "people": len(results),
        "answering_messages": answering,
        "answers_recorded": recorded,
        "answers_true": true,
        "messages_per_recorded_answer": round(answering / recorded, 3) if recorded else None,
        "clean_share": round(sum(r.clean for r in results) / true, 3) if true else None,
        "wrong_stored": sum(len(r.wrong) for r in results),
        "not_recorded": sum(1 for r in results for s in r.true if s not in r.stored),
        "outcome_right": sum(r.outcome == r.expected_outcome for r in results),
        "outcome_missing": sum(r.outcome is None for r in results),
        "ended": {k: sum(r.ended == k for r in results) for k in sorted({r.ended for r in results})},
        "buttons_used": sum(r.buttons_used for r in results),
        "other_messages": sum(r.other for r in results),
        "after_sent": len(after),
        "after_forsto_ikke": len(bad),
        "after_forsto_ikke_share": round(len(bad) / len(after), 3) if after else None,
    }


# "forsto ikke", and the bot's own phrasings of it ("det forsto jeg ikke", "forstår ikke").
NOT_UNDERSTOOD = re.compile(r"\bforst(?:o|od|år|ar)(?:\s+(?:jeg|eg|je|i))?\s+ikk(?:e|je)\b", re.IGNORECASE)


def after_reply_bad(texts: list[str]) -> bool:
    """A reply after the questions that fails the target: empty, or "forsto ikke"."""
    joined = "\n".join(t for t in texts if t).strip()
    return not joined or NOT_UNDERSTOOD.search(joined) is not None
