"""Text normalisation shared by the deterministic rules (not by the NLU model, which sees raw text)."""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


# Negations spelt as spoken in the east and the inland ("je kjem itte tebake"): the rules list
# "ikke", "ikkje", "itj" and the other short forms; these two they read as "ikke".
_SPOKEN_NOT = re.compile(r"\b(?:itte|ittje)\b")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower().strip()
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return _SPOKEN_NOT.sub("ikke", _SPACES.sub(" ", text))


def fold(text: str) -> str:
    """Fold æ/ø/å and their ascii spellings together, so "saa"/"så"/"sa" compare equal."""
    text = text.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return text.replace("æ", "a").replace("ø", "o").replace("å", "a")
