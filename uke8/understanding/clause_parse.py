"""The clauses of one parse: each clause's text (with the label the classifier did not see put
back) and its ranking, how it was joined to the one before, and what its ranking points at.
The spans come from the classifier's parse (bot/uke8_bot/clause_rankings.py, over
uke8/understanding/clauses.py); uke8/understanding/combined.py reads them.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from uke8.understanding.implied import SHARED
from uke8.understanding.interpret import ANSWER_INTENTS

Parts = list[tuple[str, Mapping[str, Any] | None]]


def pieces(text: str, parse: Mapping[str, Any] | None) -> Parts:
    """(clause text, its parse) for each clause the classifier ranked; the whole message when
    it has none."""
    found = []
    previous_end = 0
    for clause in (parse or {}).get("clauses") or ():
        try:
            begin, end = int(clause["start"]), int(clause["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if previous_end <= begin < end <= len(text):
            # (a question mark after it is kept: "Kommer jeg tilbake?" is the question put back)
            asked = "?" if text[end:end + 1] == "?" else ""
            # the label the classifier did not see ("Retur: lite sannsynlig") goes back in front
            gap = text[previous_end:begin]
            label, joiner = _LABEL_BEFORE.search(gap), _JOINED_BY.search(gap)
            joined_by = joiner.group(1).lower() if joiner else "," if gap.strip() == "," else None
            found.append(((label.group(1) + " " if label else "") + text[begin:end] + asked,
                          {"intent_ranking": clause.get("intent_ranking") or [], "joined_by": joined_by}))
            previous_end = end
    return found or [(text, parse)]


def after_so(text: str, parts: Parts) -> list[bool]:
    """For each clause, whether the words just before it end in "så" ("Kommer jeg tilbake, så er
    det …", "…, så jeg regner med å komme tilbake"): the consequence of a condition, or a
    conclusion. (Not a joiner of `pieces`: "så" also runs on a sentence without concluding.)"""
    found, at = [], 0
    for clause, _ in parts:
        begin = text.find(clause.rstrip("?"), at)
        found.append(begin > 0 and bool(_SO_BEFORE.search(text[at:begin])))
        at = begin + len(clause.rstrip("?")) if begin >= 0 else at
    return found


_SO_BEFORE = re.compile(r"\bs[åa]\s*$", re.IGNORECASE)
_JOINED_BY = re.compile(r"\b(og|men|fordi|siden|sidan|ettersom|samt|mens|dessuten)\s*$", re.IGNORECASE)
# The label before a clause's span (uke8/understanding/clauses.py leaves it out of the span).
_LABEL_BEFORE = re.compile(r"(?:^|[\n.!?;,]\s*|\s[/+]\s*)((?:[-–*•]\s*)?[^\n.!?;,:+>→]*\w[^\n.!?;,:+>→]*(?::|\s[-–]|\s*(?:->|→|=>)))\s*$")


def masses(parse: Mapping[str, Any] | None) -> tuple[dict[str, float], float]:
    """Each question's own answer mass (the shared intent left out), and the shared intent's."""
    own = {q: 0.0 for q in ANSWER_INTENTS}
    shared = 0.0
    for entry in (parse or {}).get("intent_ranking") or ():
        name, confidence = entry.get("name"), float(entry.get("confidence") or 0.0)
        if name == SHARED:
            shared += confidence
            continue
        for question_id, mapping in ANSWER_INTENTS.items():
            if name in mapping:
                own[question_id] += confidence
    return own, shared


def top_answer(parse: Mapping[str, Any] | None) -> str | None:
    ranking = (parse or {}).get("intent_ranking") or ()
    return ranking[0].get("name") if ranking else None


def top_confidence(parse: Mapping[str, Any] | None) -> float:
    ranking = (parse or {}).get("intent_ranking") or ()
    return float(ranking[0].get("confidence") or 0.0) if ranking else 0.0


# Joiners that make a clause the reason for the one before ("…, fordi …")
BECAUSE_JOINERS = frozenset({"fordi", "siden", "sidan", "ettersom"})
