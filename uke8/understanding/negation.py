"""Negation scope for the classifier's word features (option `negation`,
bot/uke8_bot/intent_classifier.py).

"Jeg tror ikke jeg går tilbake" and "jeg tror jeg går tilbake" share every word but one, and a
word-count model mostly hears "tilbake". Marking the words after a negation ("neg_tilbake"),
up to the end of the clause, lets the word features tell them apart: a well-known trick for
sentiment (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002). Dialect and nynorsk negations
count too ("itj", "ikkje"); the character n-grams still see the text as written.
"""
from __future__ import annotations

import re

_TOKENS = re.compile(r"(?u)\b\w+\b")
NEGATIONS = frozenset({"ikke", "ikkje", "ikkj", "itj", "ittj", "itte", "ittje", "ikk", "ik", "kje", "inte", "aldri", "aldrig", "neppe",
                       "ingen", "inga", "intet",
                       # "null forståelse", "null kontakt": none at all; and English for those who mix it in ("not good")
                       "null", "not", "never", "dont", "doesnt", "didnt", "cannot"})
# A clause ends at punctuation or at a word that turns the sentence: "…, men sjefen er grei".
_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:men|selv om|sjølv om|fordi|så)\b")
NEGATION_SPAN = 4  # words marked after a negation, at most


def negation_marked(text: str) -> list[str]:
    """The word tokens of lower-cased `text`; those within NEGATION_SPAN words after a
    negation, in the same clause, prefixed with "neg_"."""
    out: list[str] = []
    for clause in _CLAUSE_END.split(text):
        left = 0
        for word in _TOKENS.findall(clause):
            if word in NEGATIONS:
                out.append(word)
                left = NEGATION_SPAN
            elif left:
                out.append("neg_" + word)
                left -= 1
            else:
                out.append(word)
    return out
