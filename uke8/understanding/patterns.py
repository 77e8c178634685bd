"""A few answer patterns a careful reader never misreads, checked before the classifier.

Word-count models are weak exactly where Norwegian answers flip meaning with one small word
("ikke under 26 uker", "korkje godt eller vanskeleg"). Only patterns that are unambiguous in
the context of the open question live here; everything else is left to the classifier and
its thresholds, so this list should stay short.
"""
from __future__ import annotations

import re

from uke8.understanding.normalise import fold, normalise

_NOT = r"\b(?:ikke|ikkje|ikkj|itj|ikk|ik|kje|nok ikke)"
_HALF_YEAR = r"(?:26\s*(?:uk|vek)\w*|seks\s*m\w*|6\s*m\w*|et\s*halvt\s*ar|eit\s*halvt\s*ar|halvt\s*ar|halvaret)"
# "ikke under", also with a verb between: "kommer ikke til å bli over 26 uker", "blir nok ikkje
# meir enn eit halvt år".
_VERB = r"(?:(?:til|a|bli|blir|vare|varer|vara|vere|vaere|noe|noko|det|da)\s+){0,4}"
_LONGER = rf"(?:{_NOT}\s+{_VERB}(?:under|mindre\s+enn|mindre\s+enn|kortare\s+enn|kortere\s+enn)\s+{_HALF_YEAR})"
_SHORTER = rf"(?:{_NOT}\s+{_VERB}(?:over|mer\s+enn|meir\s+enn|lenger\s+enn|lengre\s+enn)\s+{_HALF_YEAR})"
# "ikke lenge" answers "how long" (but "vet ikke hvor lenge" does not match: "hvor" intervenes).
# Also with where one is between: "blir nok itj borte lenge", "skal ikke være sykmeldt så lenge".
_AWAY = r"(?:(?:borte|vekke|vare|vara|vaere|vere|bli|sykmeldt|sjukmeldt|sjukmeld|hjemme|heime|sa|veldig|altfor|for)\s+){0,3}"
_NOT_LONG = rf"{_NOT}\s+{_AWAY}lenge\b"
_EITHER_OR = r"\b(?:verken|hverken|korkje|kverken)\b.+\beller\b"

# (question, pattern, code): the first match wins.
PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("q3", re.compile(_LONGER), "over_26_uker"),
    ("q3", re.compile(_SHORTER), "under_26_uker"),
    ("q3", re.compile(_NOT_LONG), "under_26_uker"),
    ("q2", re.compile(_EITHER_OR), "verken_eller"),
)

# "1 takk", "nr 2", "svar 3 :)", "3 dessverre", "1 tror jeg" — a digit with only politeness or
# a word of feeling around it. Units never count ("2 uker", "1 år" are durations, not options).
_POLITE = r"(?:takk|tusen takk|ok|da|:\)|🙂|!|\.|,)"
_FILLER = (r"(?:tror jeg|trur eg|tror eg|trur e|tror æ|trur æ|vel|nok|dessverre|heldigvis|"
           r"passer best|passer|stemmer best|stemmer|er riktig for meg|er riktig|er rett|for meg|for min del)")
DIGIT_ANSWER = re.compile(
    rf"^(?:svar|alternativ|nr\.?|nummer|valg)?\s*([1-9])\s*[.)!,]?\s*(?:(?:{_POLITE}|{_FILLER})\s*)*$"
)


def match_pattern(question_id: str, text: str) -> str | None:
    folded = fold(normalise(text))
    for question, pattern, code in PATTERNS:
        if question == question_id and pattern.search(folded):
            return code
    return None
