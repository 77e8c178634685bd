"""From a message (and Rasa's parse of it) to what the person meant, in the context of the
open question.

Order of evidence, most certain first:
1. a button payload, a digit, or an option's own label: certain;
2. plain ja/nei where the question makes them unambiguous (only q1);
3. Rasa's intent ranking, restricted to the intents that can answer the open question and
   weighed against the global intents (stopp, menneske, …).
The result says what the live form does with it: `accept` (record), `confirm` ("Forstår jeg
deg riktig …?" about the top code), `choose` (offer the two competing codes as buttons, "Mente
du … eller …?") or `reask`; `offered` lists the codes put in front of the person. Nothing
uncertain is ever recorded silently. `interpret` is the one decision function: the live form
and `uke8 eval-nlu` both call it.

Reading the ranking in the context of the open question: the classifier ranks every intent,
so the open question's codes are scored by their raw probability mass (`accept` needs the top
code's raw mass), and an offer is made only when the question's codes together hold at least
`offer` of the mass (otherwise nothing points at this question). Within the question the top
two are compared relative to each other: the second within `close` × the first means they
compete (choose both); the top one alone is confirmed when it holds at least `confirm`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from uke8.triage.catalogue import QUESTIONS, parse_button_payload
from uke8.triage.topics import TOPIC_BUTTONS, topic_for_word
from uke8.understanding.calibration import THRESHOLDS, Thresholds
from uke8.understanding.duration import duration_answer
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import match_pattern
from uke8.understanding.question_view import question_view


# "1 takk", "nr 2", "svar 3 :)", "3 dessverre", "1 tror jeg" — a digit with only politeness or
# a word of feeling around it. Units never count ("2 uker", "1 år" are durations, not options).
_POLITE = r"(?:takk|tusen takk|ok|da|:\)|🙂|!|\.|,)"
_FILLER = (r"(?:tror jeg|trur eg|tror eg|trur e|tror æ|trur æ|vel|nok|dessverre|heldigvis|"
           r"passer best|passer|stemmer best|stemmer|er riktig for meg|er riktig|er rett|for meg|for min del|"
           # "1 absolutt", "2 helt klart", "1 vil jeg tro", "2 sånn det ser ut nå": sure or estimating words
           r"absolutt|helt klart|heilt klart|klart|definitivt|garantert|helt sikkert|heilt sikkert|sikkert|uten tvil|utan tvil|"
           r"vil jeg tro|vil eg tru|vil eg tro|tipper jeg|tippar eg|antar jeg|regner jeg med|reknar eg med|"
           r"(?:sånn|slik|som) det ser ut(?: nå| no| akkurat nå| per nå)?|foreløpig|forelopig|per nå|pr nå|i alle fall|iallfall)")
# "svarer 1", "alt 2", "jeg velger 3", "går for 1": saying which option, with the digit.
_PICK = (r"(?:(?:jeg|eg|je|æ)\s+)?(?:svar|svarer|svarar|alternativ|alt\.?|nr\.?|nummer|valg|velger|vel|tar|tek|"
         r"går\s+for|gar\s+for|punkt|option|knapp)")
DIGIT_ANSWER = re.compile(
    rf"^(?:{_PICK})?\s*([1-9])\s*[.)!,]?\s*(?:(?:{_POLITE}|{_FILLER})\s*)*$"
)

# Which NLU intents answer which question, and with which code.
ANSWER_INTENTS: dict[str, dict[str, str]] = {
    "q1": {
        "q1_veldig_sannsynlig": "veldig_sannsynlig",
        "usikker": "usikker",
        "q1_lite_sannsynlig": "lite_sannsynlig",
    },
    "q2": {
        "q2_god": "god",
        "q2_vanskelig": "vanskelig",
        "q2_verken_eller": "verken_eller",
    },
    "q3": {
        "q3_under_26_uker": "under_26_uker",
        "q3_over_26_uker": "over_26_uker",
        "usikker": "usikker",
    },
    "q3_grunn": {
        "q3_grunn_behandling": "behandling",
        "q3_grunn_annet": "annet",
        "usikker": "annet",
    },
}

# Global intents and the codes eval-nlu reports for them.
GLOBAL_INTENTS: dict[str, str] = {
    "stopp": "stopp",
    "menneske": "menneske",
    "personvern": "personvern",
    "hvorfor": "hvorfor",
    "sykepenger": "sykepenger",
    "endret_situasjon": "endret_situasjon",
    "hva_er_kartlegging": "hva_er_kartlegging",
    "ikke_lagre": "ikke_lagre",
    "hilsen": "hilsen",
    "takk": "takk",
    "hade": "hade",
    "out_of_scope": "ute_av_omfang",
}
OUT_OF_SCOPE = "ute_av_omfang"
# With no question open, the person's own questions and requests a button can take them to
# ("Lurer du på noe om sykepenger?"), offered when the classifier gives one at least
# GLOBAL_OFFER but less than global_accept. Not stopp or ikke lagre: those are honoured on the
# classifier's word alone (actions/global_intents.py), and small talk needs no offer.
OFFERABLE_GLOBALS = frozenset(TOPIC_BUTTONS)  # each has a button (uke8/triage/topics.py)
GLOBAL_OFFER = 0.10
# Answers that, sent when no question is open, tell of a change: the job is lost or left, the
# leave ends soon or lasts long (not "usikker", nor the employer or a reason for not knowing).
_NEWS_LIKE = frozenset({"q1_lite_sannsynlig", "q3_under_26_uker", "q3_over_26_uker"})
_NOTHING_ASKED = frozenset({OUT_OF_SCOPE, "hilsen", "takk", "hade"})  # off-topic and small talk
# No offer when off-topic outweighs everything the open question could mean this many times.
# Not calibrated (the development set has no off-topic line that would get an offer): the
# answers offered on it reach at most 2× off-topic ("50/50", "uklart foreløpig"), while words
# that mean nothing here ("potet", "jeg har en katt", "xyzzy") come out at 4–7×.
OFF_TOPIC_RATIO = 3.0

# Plain yes/no is an answer only where the question makes it one.
YES_NO_ANSWERS: dict[str, dict[str, str]] = {
    "q1": {"ja": "veldig_sannsynlig", "nei": "lite_sannsynlig"},
}

_YES = {"ja", "jo", "jepp", "japp", "jada", "ja da", "yes", "ok ja", "ja takk", "javisst", "ja visst", "jaa", "jaaa", "jupp"}
_NO = {"nei", "nope", "nei takk", "nææ", "neida", "nei da", "no", "nix", "neii", "næ", "nei nei", "nei dessverre"}
_STOP_WORDS = {"stopp", "stop", "stans", "avslutt", "avmeld", "stopp meldinger", "stop meldinger"}


@dataclass(frozen=True)
class Interpretation:
    kind: str  # "answer" | "global" | "unknown"
    code: str | None
    confidence: float
    action: str  # "accept" | "confirm" | "choose" | "reask"
    source: str  # "button" | "digit" | "label" | "pattern" | "yes_no" | "keyword" | "nlu" | "none"
    offered: tuple[str, ...] = ()  # the codes put in front of the person (confirm: 1, choose: 2)

    @property
    def is_answer(self) -> bool:
        return self.kind == "answer"


def yes_or_no(text: str) -> str | None:
    """'ja' / 'nei' for plain yes/no replies (also as button payloads /ja and /nei)."""
    t = normalise(text).strip(" .!")
    if t in ("/ja", "/affirm"):
        return "ja"
    if t in ("/nei", "/deny"):
        return "nei"
    if t in _YES:
        return "ja"
    if t in _NO:
        return "nei"
    return None


def _certain(question_id: str, text: str) -> Interpretation | None:
    question = QUESTIONS[question_id]
    payload = parse_button_payload(text)
    if payload is not None:
        slot, code = payload
        if slot == question.slot:
            return Interpretation("answer", code, 1.0, "accept", "button")
        return Interpretation("unknown", None, 0.0, "reask", "button")  # an old button of another question
    t = normalise(text)
    digit = DIGIT_ANSWER.match(t)
    if digit:
        option = question.option_for_digit(int(digit.group(1)))
        if option is None:
            return Interpretation("unknown", None, 0.0, "reask", "digit")
        return Interpretation("answer", option.code, 1.0, "accept", "digit")
    folded = fold(t).strip(" .!")
    for option in question.options:
        if folded == fold(normalise(option.label)).strip(" .!"):
            return Interpretation("answer", option.code, 1.0, "accept", "label")
    if folded in _STOP_WORDS:
        return Interpretation("global", "stopp", 1.0, "accept", "keyword")
    pattern_code = match_pattern(question_id, text) or (duration_answer(text) if question_id == "q3" else None)
    if pattern_code is not None:
        return Interpretation("answer", pattern_code, 1.0, "accept", "pattern")
    yn = yes_or_no(text)
    if yn is not None:
        mapped = YES_NO_ANSWERS.get(question_id, {}).get(yn)
        if mapped:
            return Interpretation("answer", mapped, 1.0, "accept", "yes_no")
        return Interpretation("unknown", None, 0.0, "reask", "yes_no")
    return None


def confirmed(meaning: Interpretation) -> Interpretation:
    """The same answer, to be confirmed ("Forstår jeg deg riktig …?") instead of recorded."""
    return Interpretation("answer", meaning.code, meaning.confidence, "confirm", meaning.source, (meaning.code,))


def _ranking(parse: Mapping[str, Any] | None) -> Sequence[Mapping[str, Any]]:
    if not parse:
        return ()
    ranking = parse.get("intent_ranking") or []
    if not ranking and parse.get("intent"):
        ranking = [parse["intent"]]
    return ranking


def interpret(
    question_id: str | None,
    text: str,
    parse: Mapping[str, Any] | None,
    thresholds: Thresholds = THRESHOLDS,
) -> Interpretation:
    """What `text` means while `question_id` is open (None: no question is open)."""
    if question_id is not None:
        certain = _certain(question_id, text)
        if certain is not None:
            return certain
    elif fold(normalise(text)).strip(" .!") in _STOP_WORDS:
        return Interpretation("global", "stopp", 1.0, "accept", "keyword")
    elif (topic := topic_for_word(text)) is not None:
        return Interpretation("global", topic, 1.0, "accept", "keyword")  # a word of the menu ("SYKEPENGER")

    return from_ranking(question_id, parse, thresholds)


def from_ranking(question_id: str | None, parse: Mapping[str, Any] | None, thresholds: Thresholds = THRESHOLDS) -> Interpretation:
    """The classifier's part of `interpret`: the ranking read in the context of the question
    (also used alone on the clauses of a message, where a lone "nei" or digit is no answer).
    The open question's codes are read from its own scorer where the parse has one."""
    parse = question_view(question_id, parse)
    answer_map = ANSWER_INTENTS.get(question_id or "", {})
    answer_scores: dict[str, float] = {}
    global_scores: dict[str, float] = {}
    for entry in _ranking(parse):
        name, confidence = entry.get("name"), float(entry.get("confidence") or 0.0)
        if name in answer_map:
            code = answer_map[name]
            answer_scores[code] = answer_scores.get(code, 0.0) + confidence
        elif name in GLOBAL_INTENTS:
            code = GLOBAL_INTENTS[name]
            global_scores[code] = max(global_scores.get(code, 0.0), confidence)

    best_answer = max(answer_scores.items(), key=lambda kv: kv[1], default=(None, 0.0))
    best_global = max(global_scores.items(), key=lambda kv: kv[1], default=(None, 0.0))

    if question_id is None:
        if best_global[0] is not None and best_global[1] >= thresholds.global_accept:
            return Interpretation("global", best_global[0], best_global[1], "accept", "nlu")
        return _doubtful_global(global_scores, _ranking(parse), thresholds)

    ranked = sorted(answer_scores.items(), key=lambda kv: -kv[1])
    answer_code, answer_score = best_answer
    global_code, global_score = best_global
    question_mass = sum(answer_scores.values())
    # A real question or request (not mere off-topic text) wins when it clearly dominates.
    if global_code not in (None, OUT_OF_SCOPE) and global_score >= thresholds.global_accept and global_score > answer_score:
        return Interpretation("global", global_code, global_score, "accept", "nlu")
    if answer_code is not None and answer_score >= thresholds.accept:
        return Interpretation("answer", answer_code, answer_score, "accept", "nlu")
    offer = _offer(ranked, question_mass, thresholds)
    if offer is not None and global_scores.get(OUT_OF_SCOPE, 0.0) > OFF_TOPIC_RATIO * question_mass:
        offer = None  # off-topic text ("potet", "xyzzy"): the question's few percent point nowhere
    # Off-topic text that outweighs everything this question could mean is answered as such.
    if global_code is not None and global_score >= thresholds.global_accept and (offer is None or global_score > question_mass):
        return Interpretation("global", global_code, global_score, "accept", "nlu")
    if offer is not None:
        action, offered = offer
        return Interpretation("answer", offered[0], answer_score, action, "nlu", offered)
    return Interpretation("unknown", answer_code, answer_score, "reask", "none")


def _doubtful_global(global_scores: Mapping[str, float], ranking: Sequence[Mapping[str, Any]], thresholds: Thresholds) -> Interpretation:
    """No question open and no request certain enough to act on. A likely one of the person's
    own questions or requests is offered as a button (`confirm` one, `choose` two that
    compete); text the classifier reads as off-topic above all else is taken as such (after
    the questions its words go to the veileder with a receipt); anything else is a `reask`
    with nothing offered (an answer-like text with no question open)."""
    offerable = sorted(((c, v) for c, v in global_scores.items() if c in OFFERABLE_GLOBALS), key=lambda kv: -kv[1])
    top = max(global_scores.items(), key=lambda kv: kv[1], default=(OUT_OF_SCOPE, 0.0))
    # a doubtful STOPP or "ikke lagre" on top stays what it was (the forms read `code`): no offer
    if offerable and offerable[0][1] >= GLOBAL_OFFER and (top[0] in OFFERABLE_GLOBALS or top[0] in _NOTHING_ASKED):
        (first, first_score), second = offerable[0], (offerable[1] if len(offerable) > 1 else (None, 0.0))
        if second[0] is not None and second[1] >= max(GLOBAL_OFFER, thresholds.close * first_score):
            return Interpretation("global", first, first_score, "choose", "nlu", (first, second[0]))
        return Interpretation("global", first, first_score, "confirm", "nlu", (first,))
    leader = str(ranking[0].get("name")) if ranking else None
    if leader in _NEWS_LIKE and float(ranking[0].get("confidence") or 0.0) >= thresholds.confirm:
        # with nothing asked, words about the job or how long ("ble sagt opp i går", "har gått
        # over på AAP", "blir friskmeldt på fredag") are news of a changed situation: offered
        return Interpretation("global", "endret_situasjon", global_scores.get("endret_situasjon", 0.0), "confirm", "nlu",
                              ("endret_situasjon",))
    if top[0] == OUT_OF_SCOPE and leader == "out_of_scope":
        return Interpretation("global", OUT_OF_SCOPE, top[1], "accept", "nlu")
    return Interpretation("global", top[0] if top[1] > 0 else OUT_OF_SCOPE, top[1], "reask", "nlu")


def _offer(ranked: Sequence[tuple[str, float]], question_mass: float, thresholds: Thresholds) -> tuple[str, tuple[str, ...]] | None:
    """`confirm` the top code or `choose` between the top two, or None when nothing points at
    the open question (its codes hold less than `offer` of the mass)."""
    if not ranked or question_mass < thresholds.offer or ranked[0][1] <= 0.0:
        return None
    (first, first_score), (second, second_score) = ranked[0], (ranked[1] if len(ranked) > 1 else (None, 0.0))
    if second is None or second_score <= 0.0:
        return "confirm", (first,)
    if first_score >= thresholds.confirm and second_score < thresholds.close * first_score:
        return "confirm", (first,)  # likely, and nothing else of this question comes close
    return "choose", (first, second)  # two compete, or the top one alone is not likely enough


def leading_yes_no(open_question: str | None, text: str) -> str | None:
    """The code of a plain ja/nei that opens the message, where the open question takes one."""
    first = re.split(r"[\s,.!:;]+", text.strip(), maxsplit=1)[0] if text.strip() else ""
    return YES_NO_ANSWERS.get(open_question or "", {}).get(yes_or_no(first) or "")


def plain_yes_no(open_question: str | None, clause: str) -> Interpretation | None:
    """A clause that is a plain ja/nei, as the open question's answer where it takes one."""
    code = YES_NO_ANSWERS.get(open_question or "", {}).get(yes_or_no(clause) or "")
    return Interpretation("answer", code, 1.0, "accept", "yes_no") if code else None
