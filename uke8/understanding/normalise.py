"""Text normalisation shared by the deterministic rules (not by the NLU model, which sees raw text)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from uke8.understanding.dialect import NEIGHBOUR_WORDS
from uke8.understanding.folding import fold
from uke8.understanding.typos import correct_typos

__all__ = ["fold", "normalise"]

_SPACES = re.compile(r"\s+")


# Negations spelt as spoken in the east and the inland ("je kjem itte tebake"): the rules list
# "ikke", "ikkje", "itj" and the other short forms; these two they read as "ikke".
_SPOKEN_NOT = re.compile(r"\b(?:itte|ittje)\b")


# Words spelt as heard (dyslexia, hurry) that the rules look for, more than one slip from the
# word or too short for typos.py (which reads "tibake", "kansje", "vansklig" and the like): read as
# written in full. The classifier has its own list for its word features (dialect.py).
_AS_HEARD = {"sansynli": "sannsynlig", "vanskli": "vanskelig", "veldi": "veldig", "månd": "måned"}
_AS_HEARD_WORD = re.compile(r"\b(?:" + "|".join(_AS_HEARD) + r")\b")

# Short forms of terse writers ("tbs: usikker", "AG: bra", "sykm: 2 mnd t", "samarbeid m sjef",
# "over 26 u"): read in full, as the rules look for the full words.
_SHORT_FORMS = {"tbs": "tilbake", "tilb": "tilbake", "ag": "arbeidsgiver", "sykm": "sykmelding", "sanns": "sannsynlig",
                "sannsynl": "sannsynlig", "t": "til", "m": "med",
                # (young writers' phone spellings: "vtk om jeg kommer tilbake", "kommer ikk tilbake", "kansj")
                "vtk": "vet ikke", "vetikke": "vet ikke", "veitikkje": "veit ikkje", "ikk": "ikke", "kansj": "kanskje", "kanskj": "kanskje"}
_SHORT_FORM_WORD = re.compile(r"(?<![\w/.-])(?:" + "|".join(_SHORT_FORMS) + r")(?![\w/-])")
_WEEKS_SHORT = re.compile(r"\b(\d+)\s*u\b")


# Swedish and Danish words as neighbours living here write them ("Nej, knappast", "ved ikke hvor
# længe"): read as the bokmål word the rules look for (the classifier's list, dialect.py, and
# "absolut", which only the rules need).
# (and the English hedges second-language writers mix in: "maybe, kommer an på behandling")
_NEIGHBOUR = {**NEIGHBOUR_WORDS, "absolut": "absolutt", "maybe": "kanskje", "perhaps": "kanskje", "probably": "sannsynligvis", "no way": "aldri i livet",
              # (and young writers' English: "very unlikely tbh", "idk hvor lenge")
              "very likely": "veldig sannsynlig", "likely": "sannsynlig", "very unlikely": "veldig lite sannsynlig",
              "unlikely": "lite sannsynlig", "idk": "vet ikke", "tbh": "ærlig talt", "not sure": "ikke sikker"}
_NEIGHBOUR_WORD = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_NEIGHBOUR, key=len, reverse=True)) + r")(?!\w)")
_DANISH_DONT_KNOW = re.compile(r"\bved\s+ikke\b(?!\s+(?:å|a)\b)")


# A day written in digits after a word of time ("sykmeldt til 15.2", "MR-en 20.12" is left: no cue), and a
# week by its number ("tilbake i uke 10", "uke 10." as the whole answer): the month by name, which the
# length rules (leave_span.py) read. Not fractions or scores ("50/50", "1/2 stilling": no cue before them).
_MONTH_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_NUMERIC_DATE = re.compile(r"\b(til|te|ut|innen|innan|fra|frå|etter|den|rundt|over|tilbake i|i slutten av)\s+"
                           r"([1-9]|0[1-9]|[12]\d|3[01])[./](0?[1-9]|1[0-2])\b(?![./]?\d)")
_WEEK_NUMBER = re.compile(r"(?:(\b(?:i|til|te|fra|frå|rundt|innen|innan|etter|over|ut)\s+)|^)(?:uke|veke|veka)\s+([1-9]|[1-4]\d|5[0-2])\b"
                          r"(?!\s*(?:uker|veker|%|prosent))(?(1)|(?=\s*(?:[.,!]|$)))")


def _week_to_day(match: re.Match[str]) -> str:
    """ "uke 10" as the Thursday of that week (next year's first months are what is asked of)."""
    day = (int(match.group(2)) - 1) * 7 + 4
    month = 0
    while month < 11 and day > _MONTH_DAYS[month]:
        day -= _MONTH_DAYS[month]
        month += 1
    return f"{match.group(1) or 'til '}{day}. {_MONTH_NAMES[month]}"


# Pure, and the rules call it on the same clause many times a message: cached.
@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower().strip()
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    text = _AS_HEARD_WORD.sub(lambda m: _AS_HEARD[m.group()], text)
    text = _WEEKS_SHORT.sub(r"\1 uker", _SHORT_FORM_WORD.sub(lambda m: _SHORT_FORMS[m.group()], text))
    text = _DANISH_DONT_KNOW.sub("vet ikke", _NEIGHBOUR_WORD.sub(lambda m: _NEIGHBOUR[m.group()], text))
    text = _NUMERIC_DATE.sub(lambda m: f"{m.group(1)} {int(m.group(2))}. {_MONTH_NAMES[int(m.group(3)) - 1]}", text)
    text = _WEEK_NUMBER.sub(_week_to_day, text)
    return correct_typos(_SPOKEN_NOT.sub("ikke", _SPACES.sub(" ", text)))

