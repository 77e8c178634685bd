"""Praise that may mean its opposite (PRODUCT.md §1: an answer is never silently recorded as a
guess): "Fantastisk, de har ikke ringt meg en eneste gang" praises in words and complains in
fact. `sounds_sarcastic` tells the reading (uke8/understanding/reading.py) to offer the praise
beside its opposite; `not_contacted` tells a complaint of no contact (implied.py)."""
from __future__ import annotations

import re

from uke8.understanding.normalise import fold, normalise


_NOT_CONTACTED = re.compile(r"\b(?:(?:ikke|ikkje|ikkj|itj|ik)\s+(?:\w+\s+)?|(?:ingen|inga|ingen\s+andre)\s+(?:\w+\s+){0,3}?(?:har|hadde)\s+)"
                            r"(?:ringt|ringa|ringd|ringte|ringde|kontaktet|kontakta|"
                            r"(?:tatt|teke|teki|tatt)\s+kontakt|hort|hoyrt|sendt|spurt)\b")


def not_contacted(text: str) -> bool:
    return bool(_NOT_CONTACTED.search(fold(normalise(text))))


# Praise said beside a complaint ("Fantastisk, de har ikke ringt meg en eneste gang. Verdens
# beste sjef, liksom."): likely sarcasm, so the praise is never recorded as it stands.
_PRAISE = re.compile(r"\b(?:fantastisk\w*|stralende|supert|super|herlig\w*|verdens\s+beste|helt\s+topp|topp\s+sjef|drommesjef|"
                     r"kjempebra|kjempegod\w*|flott\w*|elsker|(?:gleder|gler)\s+meg)\b")
_IRONY = re.compile(r"\b(?:liksom|not|ikke\s+sant)\W*$|🙄|🙃|😒|\"\w+\"|«\w+»|\bnei\s+takk\b")
# neglect or ill treatment in plain words (not "ingen problemer", not a bad shoulder)
_ILL_TREATED = re.compile(r"\bbryr\s+(?:seg|sei)\s+(?:ikke|ikkje|itj|null)\b|\bignorer\w*|\bsvar(?:er|ar)\s+(?:ikke|ikkje|aldri)\b|"
                          r"\bkjeft\w*|\bmobb\w*|\bbaksnakk\w*|\bkvitt\s+meg\b|\b(?:presse|skvise|fryse|fa)\s+meg\s+ut\b|"
                          # pressed to come back ("sjefen ringer annenhver dag og spør om jeg ikke snart kan komme")
                          r"\bringer\s+(?:meg\s+)?(?:hver|annenhver|kvar|annakvar|annankvar)\s+dag\b|\bmas(?:er|ar|te|a|ete)?\b|\bpress(?:er|ar|a|et)\s+(?:meg|pa)\b")


def sounds_sarcastic(text: str) -> bool:
    """Praise beside neglect or ill treatment, or praise with a mark of irony: the praise may mean its opposite."""
    folded = fold(normalise(text))
    if not _PRAISE.search(folded):
        return False
    return bool(_NOT_CONTACTED.search(folded) or _ILL_TREATED.search(folded) or _IRONY.search(text.lower()))


# A return looked forward to with a roll of the eyes or a "nei takk" after it: "gleder meg SÅ mye til å komme
# tilbake til den sjefen 🙄 nei takk" (not quotes or neglect alone: "eg kjem tilbake ja, gler meg faktisk.
# men forholdet til leiaren e dårleg" is meant)
_EYE_ROLL = re.compile(r"🙄|🙃|😒|\bnei\s+takk\b|\bliksom\W*$")
_LOOKS_FORWARD = re.compile(r"\b(?:gleder|gler)\s+meg\b|\bser\s+(?:fram|frem)\s+til\b|\belsker\b")


def ironic_return(text: str) -> bool:
    folded = fold(normalise(text))
    return bool(_LOOKS_FORWARD.search(folded) and _EYE_ROLL.search(text.lower()))
