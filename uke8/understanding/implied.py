"""Answers one clause implies for another question, and clauses that disagree settled
(uke8/understanding/combined.py): a reason for not knowing how long says q3 = usikker, saying
when one is back says one expects to go back, an employer named in a reason may answer q2, and
of two readings of one question the plainly stronger one may stand.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from uke8.understanding.calibration import Thresholds
from uke8.understanding.clause_signals import BACK_AT_WORK, GRADED_START, HEDGED, MERELY_FINE, NEGATED, NOT_A_COMPLAINT
from uke8.understanding.clause_subjects import TOPIC
from uke8.understanding.duration import duration_answer
from uke8.understanding.interpret import ANSWER_INTENTS, Interpretation, confirmed, from_ranking
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import little_contact, match_pattern
from uke8.understanding.sarcasm import not_contacted

SHARED = "usikker"  # the one answer intent of several questions
RANK = {"accept": 2, "confirm": 1}


LITTLE, NOT_CALLED, RELATION = "little", "not_called", "relation"
# the relationship named as what is good ("vi har alltid hatt et godt forhold")
_RELATION_WORDS = re.compile(r"\b(?:forhold\w*|samarbeid\w*|relasjon\w*|tone\w*|kjemi\w*)\b")


def contact_kind(owner: str, meaning: Interpretation, clause: str) -> str | None:
    """For q2: LITTLE where the clause reads as little contact by its words; NOT_CALLED where it
    is heard as difficult only for not having been contacted ("dei har ikkje ringt ein einaste
    gong"); else None."""
    if owner != "q2":
        return None
    if meaning.source == "pattern" and little_contact(clause):
        return LITTLE
    if meaning.code == "god" and _RELATION_WORDS.search(fold(normalise(clause))):
        return RELATION
    return NOT_CALLED if meaning.code == "vanskelig" and meaning.source == "nlu" and not_contacted(clause) else None


# "litt", "tidvis": a difficulty told as a little of it
_A_LITTLE = re.compile(r"\b(?:litt|lite\s+grann|noe|noko|tidvis|av\s+og\s+til|innimellom|iblant|stundom)\b")


def mixed_relation(readings: list[tuple[Interpretation, str | None, int]], parts: list[tuple[str, Mapping[str, Any] | None]]) -> bool:
    """Two clauses about the employer, one good and one difficult, joined by "men", where the
    difficulty is told as a little of it, or the good as merely fine ("Samarbeidet er helt greit,
    men vi har hatt noen uenigheter"): neither good nor difficult (only ever confirmed)."""
    codes = {m.code for m, _, _ in readings}
    if codes != {"god", "vanskelig"} or len(readings) != 2:
        return False
    second = readings[1][2]
    hard = next(at for m, _, at in readings if m.code == "vanskelig")
    fine = next(at for m, _, at in readings if m.code == "god")
    return (parts[second][1] or {}).get("joined_by") == "men" and bool(
        _A_LITTLE.search(fold(normalise(parts[hard][0]))) or fine < hard and MERELY_FINE.search(fold(normalise(parts[fine][0]))))


def settle(readings: list[tuple[Interpretation, str | None, int]]) -> Interpretation | None:
    """Clauses that disagree about one question, where one side is plainly stronger:
    - little contact is "neither" only without a complaint ("Arbeidsgiver liker meg ikke, han
      snakker ikke med meg"): a complaint decides; beside praise it stays "neither". A complaint
      that is only about not being called ("nesten ikkje kontakt, dei har ikkje ringt ein einaste
      gong") may be the same fact told twice: difficult, confirmed, not recorded;
    - a sure reading against only doubtful ones ("Har knapt hørt fra de på jobben" heard as
      vanskelig at 0.65, "det er ikke noe galt mellom oss, sånn passe" as verken_eller): the sure
      one, confirmed, never recorded unasked."""
    others = [m for m, contact, _ in readings if contact != LITTLE]
    if len(others) < len(readings) and others and {m.code for m in others} == {"vanskelig"}:
        complaint = max(others, key=lambda m: (RANK[m.action], m.confidence))
        if all(contact == NOT_CALLED for _, contact, _ in readings if contact != LITTLE):
            return confirmed(complaint)
        return complaint
    if len(others) < len(readings) and others and {m.code for m in others} == {"god"}:
        # little contact, but fine ("har ikke hørt så mye fra jobben, men det er helt greit"):
        # neither; but good where the praise names the relationship ("har ikke snakket med
        # formannen på en stund, men vi har alltid hatt et godt forhold"). Confirmed either way.
        if any(contact == RELATION for _, contact, _ in readings):
            chosen = max(others, key=lambda m: m.confidence)
        else:
            chosen = next(m for m, contact, _ in readings if contact == LITTLE)
        return confirmed(chosen)
    sure = {m.code for m, _, _ in readings if m.action == "accept"}
    if len(sure) == 1:
        code = sure.pop()
        top = max((m for m, _, _ in readings if m.code == code), key=lambda m: m.confidence)
        return confirmed(top)
    return None


_REASON_INTENTS = frozenset(ANSWER_INTENTS["q3_grunn"]) - {SHARED}
_EMPLOYER_FLOOR = 0.03  # some of the clause's mass must point at q2 for it to be read as q2


def employer_in_a_reason(best: dict[str, Interpretation], parts: list[tuple[str, Mapping[str, Any] | None]],
                          owners: list[str | None], thresholds: Thresholds) -> None:
    """A clause heard as a reason for not knowing how long ("det er mye konflikt med sjefen") may
    also say how things are with the employer: read without the reason intents, it answers q2
    when it speaks of the employer and no other clause did. Only ever confirmed."""
    if "q2" in best:
        return
    for (clause, parse), owner in zip(parts, owners):
        if owner != "q3_grunn" or not TOPIC["q2"].search(fold(normalise(clause))):
            continue
        ranking = [e for e in (parse or {}).get("intent_ranking") or () if e.get("name") not in _REASON_INTENTS]
        mass = sum(float(e.get("confidence") or 0.0) for e in ranking)
        if sum(float(e.get("confidence") or 0.0) for e in ranking if e.get("name") in ANSWER_INTENTS["q2"]) < _EMPLOYER_FLOOR:
            continue
        rest = {"intent_ranking": [{"name": e.get("name"), "confidence": float(e.get("confidence") or 0.0) / mass} for e in ranking]}
        meaning = from_ranking("q2", rest, thresholds)
        if meaning.kind == "answer" and meaning.action in RANK and not (meaning.code == "vanskelig" and NOT_A_COMPLAINT.search(fold(normalise(clause)))):
            # (not a conflict denied: "er ingen konflikt på jobb, det er helt ok der")
            best["q2"] = confirmed(meaning)
            return


def imply_return(best: dict[str, Interpretation], parts: list[tuple[str, Mapping[str, Any] | None]]) -> None:
    """Saying when one will be back at work ("er tilbake om et par måneder") answers how long,
    and also says one expects to go back (q1 veldig_sannsynlig): only ever confirmed, never
    recorded unasked, and not where the message says anything else about returning."""
    varighet = best.get("q3")
    if "q1" not in best and varighet is None:
        # "har snakka med sjefen om å starte gradert om et par uker": going back, part time first
        for clause, _ in parts:
            folded = fold(normalise(clause))
            if GRADED_START.search(folded) and BACK_AT_WORK.search(folded) and not NEGATED.search(folded) and not HEDGED.search(folded):
                best["q1"] = Interpretation("answer", "veldig_sannsynlig", 1.0, "confirm", "pattern", ("veldig_sannsynlig",))
                return
    if "q1" in best or varighet is None or varighet.code == "usikker":
        return
    for clause, _ in parts:
        folded = fold(normalise(clause))
        if BACK_AT_WORK.search(folded) and (duration_answer(clause) is not None or match_pattern("q3", clause, hedges=False)):
            if not NEGATED.search(folded) and not HEDGED.search(folded):
                best["q1"] = Interpretation("answer", "veldig_sannsynlig", varighet.confidence, "confirm", varighet.source,
                                            ("veldig_sannsynlig",))
            return


def imply(best: dict[str, Interpretation]) -> None:
    grunn, varighet = best.get("q3_grunn"), best.get("q3")
    if varighet is not None and varighet.code != "usikker":
        best.pop("q3_grunn", None)
    elif grunn is not None and varighet is None:
        # a reason for not knowing how long says "usikker" to q3, as surely as the reason itself
        best["q3"] = Interpretation("answer", "usikker", grunn.confidence, grunn.action, grunn.source,
                                    ("usikker",) if grunn.action == "confirm" else ())
