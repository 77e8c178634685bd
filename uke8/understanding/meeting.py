"""Meeting preferences from a button, digits ("1 og 3") or words ("telefon eller video")."""
from __future__ import annotations

import json
import re

from uke8.triage.messages import MEETING_MODES
from uke8.understanding.normalise import fold, normalise

_KEYWORDS: dict[str, tuple[str, ...]] = {
    "nav_kontor": ("nav-kontor", "navkontor", "nav kontor", "kontoret", "kontor", "mote pa nav", "oppmote"),
    "video": ("video", "teams", "skjerm", "digitalt", "digital"),
    "telefon": ("telefon", "ringe", "ring", "tlf", "mobil", "telefonsamtale"),
    "arbeidsplassen": ("arbeidsplass", "jobben", "jobb", "arbeid", "pa jobb"),
}
_NO_PREFERENCE = ("spiller ingen rolle", "samma", "same for meg", "hva som helst", "alt passer", "uansett", "det gar fint")


def meeting_modes(text: str, payload_intent: str = "mote") -> list[str]:
    """The modes the text names, in the catalogue's order; [] when none is recognised."""
    t = normalise(text)
    if t.startswith("/" + payload_intent):
        try:
            code = json.loads(t[len(payload_intent) + 1:]).get("moteform")
        except ValueError:
            return []
        return [code] if code in dict(MEETING_MODES) else []
    digits = [int(d) for d in re.findall(r"\b([1-4])\b", t)]
    if digits and re.fullmatch(r"[\d\s,.og&+/-]+", t):
        return [MEETING_MODES[d - 1][0] for d in sorted(set(digits))]
    folded = fold(t)
    found = [code for code, words in _KEYWORDS.items() if any(w in folded for w in words)]
    if not found and any(p in folded for p in _NO_PREFERENCE):
        return ["uten_preferanse"]
    return found
