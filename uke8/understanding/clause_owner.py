"""Which question a clause of a message answers, and whether its sure reading may be recorded
(uke8/understanding/combined.py reads every clause with these): a stated duration is q3's,
the words of the rules decide next, then the question the clause's own answer intents point at;
a plain doubt ("vet ikke", "usikker") is given to the question it is about in this message."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from uke8.understanding.calibration import Thresholds
from uke8.understanding.clause_parse import BECAUSE_JOINERS, masses, top_answer, top_confidence
from uke8.understanding.clause_signals import (
    ABOUT_RETURN, ABOUT_TIME, BARE_DOUBT, CONDITIONAL, DEPENDS_ON, DIFFICULT_PLAIN, DOUBT_ABOUT_WHEN, LITTLE_BY_DEGREE, MAYBE, OTHERS_LOOK_FORWARD, REPORTED, TIED_REASON)
from uke8.understanding.duration import duration_answer
from uke8.understanding.implied import SHARED
from uke8.understanding.interpret import Interpretation
from uke8.understanding.normalise import fold, normalise
from uke8.understanding.patterns import little_contact, match_pattern


def held_back(owner: str, open_question: str | None, meaning: Interpretation, clause: str, folded: str,
               clause_parse: Mapping[str, Any] | None, owner_before: str | None) -> bool:
    """Whether a sure reading of a clause is only confirmed, never recorded, for how it is said:
    - an answer not asked for, said with a doubt ("at jeg kanskje ikke har jobb å gå tilbake
      til"), and one in someone else's words, to any question ("sa de gleder seg til jeg er
      tilbake", "… og sier det er plass til meg");
    - no contact at all read by the words where the classifier hears plain difficulty ("Jeg og
      lederen har ikke snakket sammen": perhaps not on speaking terms; "ikke så mye" is little);
    - an answer under a condition ("Så lenge den pågår klarer jeg ikke å gå tilbake"), and a
      return read from the reason for a doubt ("usikker på hvor lenge, fordi jeg ikke vet om
      jeg får fortsette …");
    - a reason standing on its own while neither how long nor why is asked ("Fikk kort fra hele
      avdelingen på sykehuset" from someone who works there)."""
    after_doubt, joined_by = owner_before in (SHARED, "q3"), (clause_parse or {}).get("joined_by")
    if (meaning.code == "verken_eller" and meaning.source == "pattern" and little_contact(clause) and not LITTLE_BY_DEGREE.search(folded)
            and top_answer(clause_parse) == "q2_vanskelig" and top_confidence(clause_parse) >= 0.9):
        return True
    if meaning.code != SHARED and (owner != open_question and MAYBE.search(fold(normalise(clause))) or REPORTED.search(folded)):
        return True
    if owner == "q1" != open_question and OTHERS_LOOK_FORWARD.match(folded):
        return True  # "(sjefen) gleder seg til jeg er tilbake": the boss's hope, with the subject said before
    if CONDITIONAL.match(folded) or owner == "q1" != open_question and joined_by in BECAUSE_JOINERS and after_doubt:
        return True
    return owner == "q3_grunn" and open_question not in ("q3", "q3_grunn") and not (
        TIED_REASON.search(folded) or joined_by in BECAUSE_JOINERS or after_doubt)


_GREETING = re.compile(r"^(?:god|go|goo)\s*(?:dag|morgen|morn|kveld|ettermiddag|formiddag)\W*$"
                       # a lead-in that only buys time ("Kva skal eg seie, eg veit ikkje"): no answer of its own
                       r"|^(?:(?:ja|nei|tja|hmm|vel|altsa)\W+)?(?:hva|kva|ka|hvaskal)\s+(?:skal|ska|sku|kan)\s+(?:jeg|eg|je|a|e|man|ein|en)\s+(?:si|seie|sei|svare|svara)\W*$")


def specific_owner(clause: str, parse: Mapping[str, Any] | None, thresholds: Thresholds) -> str | None:
    """The question a clause answers: a stated duration is q3's; else the one its own answer
    intents point at most; SHARED when the uncertainty intent outweighs them all."""
    if _GREETING.match(fold(normalise(clause))):
        return None  # "God dag." opens a letter: no word about the employer (nor "hva skal jeg si" about anything)
    if duration_answer(clause) is not None or match_pattern("q3", clause, hedges=False):
        return "q3"  # a hedge ("kommer an på …") is no claim on q3: it may be about anything
    if match_pattern("q2", clause):
        return "q2"
    if match_pattern("q1", clause, hedges=False):
        return "q1"  # "jeg vet ikke om jeg kommer tilbake til samme jobb", "100 %": about the return
    own, shared = masses(parse)
    question_id, mass = max(own.items(), key=lambda kv: kv[1])
    if shared > mass and shared >= thresholds.offer:
        return SHARED
    return question_id if mass >= max(thresholds.offer, 1e-9) else None


# A doubt that points back at the clause before: "så det vet jeg ikke", "det er usikkert"
_POINTS_BACK = re.compile(r"^(?:og\s+|men\s+|sa\s+)?(?:det|dette)\s+(?:vet|veit|aner|er|e)\b")


_DEPENDS_OPENING = re.compile(r"^(?:og\s+|men\s+)?(?:det\s+)?(?:(?:kommer|kjem|kjaem)\s+an\s+pa|(?:avhenger|avheng)\s+av|(?:henger|heng)\s+pa)\b")


# "både ja og nei", "ja og nei", "kanskje ja, kanskje nei": an answer to a yes-or-no question
_BOTH_WAYS = re.compile(r"^(?:(?:tja|hmm|nja|tjaa)\W+)?(?:(?:bade|baade)\s+)?ja\s+og\s+nei\W*$|^(?:(?:tja|hmm|nja)\W+)?kanskje\s+ja\W+kanskje\s+nei\W*$")


def shared_owner(clause: str, open_question: str | None, claimed: set[str], gives_treatment_reason: bool,
                  return_doubted: bool = False, after: str | None = None) -> str | None:
    """Which question an uncertain clause ("vet ikke", "usikker") answers in this message: q3
    when it speaks of time or the message gives a reason for not knowing how long (q3_grunn);
    else the open question if it takes that answer; else none."""
    folded = fold(normalise(clause))
    if after == "q3" and (_POINTS_BACK.match(folded) or _DEPENDS_OPENING.match(folded)):
        # "Og hvor lenge … kommer an på konflikten, | så det vet jeg ikke": the length just asked about
        # ("Noen tidsramme har jeg ikke, | kommer an på hvordan sykdommen utvikler seg": what it hangs on)
        return "q3"
    if open_question == "q2" and DIFFICULT_PLAIN.match(folded):
        return "q2"  # "Nå er det vanskelig"
    if open_question == "q1" and _BOTH_WAYS.match(folded):
        return "q1"  # "Både ja og nei. Legen er positiv, men …": yes and no answer whether, not how long
    if DOUBT_ABOUT_WHEN.search(folded):
        return "q3" if "q3" not in claimed else None  # "vet ikke når jeg klarer å gå tilbake"
    if ABOUT_RETURN.search(folded):
        return "q1" if "q1" not in claimed or open_question == "q1" else None
    if ABOUT_TIME.search(folded):
        return "q3" if "q3" not in claimed else None
    if gives_treatment_reason and open_question == "q1" and return_doubted:
        return "q1"  # "jeg vet ikke om jeg kommer tilbake … regning fra tannlegen … så jeg er veldig usikker": the same doubt again
    if gives_treatment_reason and ("q3" not in claimed or open_question in claimed):
        # (where another clause says how long is not known, a plain doubt is the open question's,
        # unless a clause of its own answered that already)
        return "q3" if "q3" not in claimed else None
    if open_question in ("q1", "q3", "q3_grunn"):
        return open_question  # a clause that also answered it makes a conflict: neither is taken
    return None  # no guess which question it is about


def explains_the_return(at: int, folds: list[str], owners: list[str | None]) -> bool:
    """The reason in clause `at` explains the doubt about going back rather than about how long:
    it speaks of the job or of what things depend on, and follows no word of time ("Det kjem an
    på om dei får til ei anna stilling til meg. Eg veit ikkje kor lenge …"); "Vet ikke hvor
    lenge, det kommer an på økonomien" gives the reason for not knowing how long plainly."""
    return bool((ABOUT_RETURN.search(folds[at]) or DEPENDS_ON.search(folds[at])) and not ABOUT_TIME.search(folds[at])
                and (at == 0 or owners[at - 1] != "q3" and not ABOUT_TIME.search(folds[at - 1])))


# "det kommer an på …", "alt avhenger av …", "det beror på …": a clause that opens with what things hang on
_HANGS_ON = re.compile(r"^(?:og\s+|men\s+|sa\s+)?(?:det|dette|alt|alt\s+sammen)\s+(?:\w+\s+)?(?:kommer|kjem|kjaem|avhenger|avheng|beror|henger|heng)\b")


# "Det er usikkert, for jeg vet ikke om jeg orker å fortsette i bransjen": the why, after the doubt
_BECAUSE_OPENING = re.compile(r"^(?:for|fordi|siden|sidan|ettersom|pga|pa\s+grunn\s+av)\b")


def reason_after_doubt(at: int, folds: list[str], owners: list[str | None], open_question: str | None) -> bool:
    """Clause `at` says what a doubt about how long hangs on, or why, right after that doubt:
    "Usikker, det kommer an på om jeg får ny jobb" or "Det er usikkert, for jeg vet ikke om jeg
    orker …" while q3 is open; "vet ikke hvor lenge, det avhenger av …"."""
    because = _BECAUSE_OPENING.match(folds[at]) is not None and owners[at] in (None, SHARED, "q1")
    if at == 0 or not because and (owners[at] not in (None, SHARED) or not _HANGS_ON.match(folds[at])
                                   or ABOUT_TIME.search(DEPENDS_ON.split(folds[at])[0])):
        return False
    before = folds[at - 1]
    return bool(BARE_DOUBT.search(before) or owners[at - 1] == SHARED) and owners[at - 1] in (SHARED, "q3") and (
        open_question in ("q3", "q3_grunn") or bool(ABOUT_TIME.search(before)) and not ABOUT_RETURN.search(before))
