"""Folding æ/ø/å and their ascii spellings together ("saa"/"så"/"sa"), for the rules' patterns."""
from __future__ import annotations

from functools import lru_cache


# Pure, and the rules call it on the same clause many times a message: cached.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Fold æ/ø/å and their ascii spellings together, so "saa"/"så"/"sa" compare equal."""
    text = text.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return text.replace("æ", "a").replace("ø", "o").replace("å", "a")
