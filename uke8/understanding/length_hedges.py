"""Hedges on how long that take a length back to a doubt, read across two clauses (q3; used by
combined.carried_answers). PRODUCT.md counts "naming both options" as unsure: "kanskje et par
måneder, kanskje mye lenger", "Kanskje under, kanskje over", "kanskje frisk i februar, kanskje
ikkje før til hausten"; and an estimate that may grow, "et par måneder, men det kan bli mer".
Folded text (æ/ø/å as ascii). Pure: no I/O.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from uke8.understanding.implied import SHARED

# Two possibilities, each opened by "kanskje", and the words that put them on two sides
_MAYBE_OPENS = re.compile(r"^(?:(?:og|eller|men)\s+)?(?:kanskje|kanskj|muligens)\b")
_MORE_OR_LESS = re.compile(r"\b(?:lenger|lengre|over|mer|meir|mere|kortere|kortare|under|mindre|(?:ikke|ikkje|itj)\s+for|forst)\b")
_MAY_BE_MORE = re.compile(r"^(?:men\s+)?(?:det\s+)?(?:kan|kan\s+fort|kan\s+godt|kan\s+jo)\s+(?:ogsa\s+)?(?:bli|ta|vare)\s+(?:mye\s+|en\s+del\s+)?"
                          r"(?:mer|meir|lenger|lengre)\W*$")


def two_possibilities(folded: str, before: str, joined_by: str | None, owners: tuple[str | None, str | None],
                      length_of: Callable[[], str | None], so_far: str | None) -> bool:
    """This clause and the one before each open with "kanskje" about how long and fall on two
    sides: `length_of()` is this clause's length code (read only when the words ask for it),
    `so_far` the length read before it."""
    if not (all(owner in ("q3", SHARED) for owner in owners) and joined_by in (",", "og", "eller")
            and _MAYBE_OPENS.match(folded) and _MAYBE_OPENS.match(before)):
        return False
    length = length_of()
    return ((length is not None or so_far is not None) and length != so_far
            and bool(_MORE_OR_LESS.search(folded) or _MORE_OR_LESS.search(before) or length is not None and so_far is not None))


def may_grow(folded: str, joined_by: str | None, so_far: str | None) -> bool:
    """"…, men det kan bli mer" right after a length under half a year: the estimate is a doubt."""
    return joined_by == "men" and so_far == "under_26_uker" and _MAY_BE_MORE.match(folded) is not None
