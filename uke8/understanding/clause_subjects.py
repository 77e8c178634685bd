"""Which question's subject a clause of a longer message speaks of (uke8/understanding/combined.py
takes an answer to a question not asked only from a clause about its subject), and answers
given under a label ("Retur: lite sannsynlig", "Leder: grei nok", "Varighet: ca 2 mnd").
Text is folded (æ/ø/å as a/o/a) before the patterns here see it.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from uke8.understanding.normalise import fold, normalise
from uke8.understanding.employer_words import BOSS, BOSS_WORDS

Parts = list[tuple[str, Mapping[str, Any] | None]]

# To take an answer to a question that is not open, its clause must speak of that question's
# subject: "det er sikkert" after a q3 answer, or "dessverre", is no answer to q1, and
# "hverken ja eller nei" is no answer to q2 about the employer. (Folded: æ/ø/å as a/o/a.)
# The boss by any name (patterns.BOSS_WORDS).
TOPIC: dict[str, re.Pattern[str]] = {
    "q1": re.compile(r"\b(?:tilbake|tebake|tibake|tilbage|tillbaka|attende|retur\w*|jobb\w*|stilling\w*|arbeidet|arbeidsplass\w*|fortsett\w*|"
                     r"begynn\w*\s+(?:igjen|att)|same\s+\w+|samme\s+\w+|sparken|oppsagt|sagt\s+opp|slutt\w*)\b"),
    "q2": re.compile(rf"\b(?:{BOSS_WORDS}|chef\w*|samarbe\w*|relasjon\w*|forhold\w*|dialog\w*|firma\w*|bedrift(?!shelse)\w*|kontakt\w*|"
                     r"kommun\w*|"
                     r"krangl?\w*|konflikt\w*|uenig\w*|oppsig\w*|oppsei\w*|advarsel\w*|drofting\w*|"
                     # how one is treated at work names the relation too ("e blitt frosset ut på jobb", "har vore mobbing på avdelinga")
                     r"mobb\w*|trakass\w*|utfryst\w*|utfrysing\w*|ignorer\w*|arbeidsmiljo\w*|tillitsvalgt\w*|tillitsvald\w*|fagforening\w*|fagforeining\w*)\b"
                     r"|\b(?:frosset|frose|frosi|fryst|skjovet|dyttet|dytta|presset|pressa|kjort)\s+(?:meg\s+)?ut\b|\bbak\s+ryggen\b"
                     r"|\b(?:foler|kjenner)\s+(?:meg|meij)\s+(?:ikke|ikkje|itj)\s+(?:lenger\s+)?(?:onsket|velkommen|velkomen)\b"
                     # "de har vært ryddige med meg", "dei er greie": after the first question "they" is the workplace
                     r"|^(?:de|dei|dem|dom|dam)\s+(?:har|hadde|er|var|e)\b"  # ("dæm" folds to "dam")
                     # "dem på jobben", "de i kommunen", "dei på kontoret": the workplace as people
                     r"|\b(?:inntrykk|inntrykket|mening|meining)\s+(?:av|om)\s+(?:dem|dei|dom|dam)\b"
                     r"|\b(?:de|dei|dem|dom|dam)\s+(?:pa|i)\s+(?:jobben|jobb|kontoret|firmaet|kommunen|arbeidsplassen|avdelingen|lageret|"
                     r"butikken|skolen|sykehuset|sjukehuset|bedriften|ledelsen)\b"
                     # the workplace as the one who treats the person: "jobben har vært fin med meg",
                     # "fikk blomster fra jobben", "jobben ringte"
                     r"|\b(?:jobben|arbeidsplassen|avdelingen)\s+(?:har\s+)?(?:vart|vaert|vore|var|er|e)\s+(?:\w+\s+){0,3}?(?:med|mot)\s+(?:meg|ma|meij)\b"
                     r"|\bfra\s+(?:jobben|arbeidsplassen|avdelingen)\b(?!\s+(?:i|pa)\b)"
                     r"|\b(?:jobben|arbeidsplassen|avdelingen)\s+(?:har\s+)?(?:ringt|ringte|ringer|sendt|sendte|sender|fulgt|folger|fulgte)\b"),
    "q3": re.compile(r"\b(?:varighet\w*|lengde\w*|tidsramm\w*|tidsperspektiv\w*|lenge|lang\s+tid|kort\s+tid|\d+|uker?|veker?|veka|maned\w*|manad\w*|mnd|ar|halvt|halvar\w*|"
                     r"frisk\w*|sykmeld\w*|sjukmeld\w*|snart|jul|paske|sommer\w*|haust\w*|host\w*|var(?:en)?|tid|"
                     # a month or New Year, where the clause gives a length (an end date with the day of asking)
                     r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|nyttar\w*|vinterferie\w*)\b"),
}

# A clause that opens with a word pointing back ("…, det er ganske vanskeleg", "…, han er grei")
# speaks of the subject of the clause before it.
_POINTS_BACK = re.compile(r"^(?:det|dette|da|den|han|hun|ho|hu|dei|de|dem|dom|dam|vi|me|som|sa)\b")  # "sa": "så" folded
_HE_OR_SHE = re.compile(r"^(?:han|hun|ho|hu|dei|de|dem|dom|dam|vi|me)\b")  # a person (or people) named before ("vi": the two of us)


def about(question_id: str, index: int, parts: Parts, owners: list[str | None]) -> bool:
    """The clause speaks of the question's subject, itself or by pointing back to the clause
    before it that does ("leiaren min er ikkje lett å samarbeide med, det er ganske vanskeleg")."""
    topic = TOPIC.get(question_id)
    folded = fold(normalise(parts[index][0]))
    if topic is None or topic.search(folded):
        return True
    if index == 0 or not _POINTS_BACK.match(folded):
        return False
    before = fold(normalise(parts[index - 1][0]))
    if question_id == "q2" and _HE_OR_SHE.match(folded) and (
            BOSS.search(before) or index > 1 and BOSS.search(fold(normalise(parts[index - 2][0])))):
        # "eg har ikkje lyst tilbake til den leiaren, ho har gjort livet surt for meg"; "Konflikten
        # med sjefen, helt klart. Han har …" (the boss one short clause further back)
        return True
    # (the clause before may itself point back: "Sjef og jeg, vi snakker ikke mye, det er ok, …")
    return owners[index - 1] == question_id and (bool(topic.search(before)) or about(question_id, index - 1, parts, owners))


def qualifies(question_id: str, index: int, parts: Parts, owners: list[str | None]) -> bool:
    """A short clause right after one about the same question's subject qualifies it ("Vi har et
    greit samarbeid, verken mer eller mindre", "ledelsen har vært ok, ikke noe mer")."""
    topic = TOPIC.get(question_id)
    # (several short qualifiers in a row are short too: "sånn midt på treet, hverken bra eller dårlig")
    if topic is None or max(len(piece.split()) for piece in parts[index][0].split(",")) > _SHORT_QUALIFIER:
        return False
    # the clause qualified may sit before other short ones ("Kontakt med arbeidsgiver er ok, ikke så
    # mye, ikke bra ikke dårlig"; "… et greit forhold, ikke veldig nært og ikke dårlig, sånn midt på treet")
    for before in range(index - 1, max(index - 3, -1), -1):
        if owners[before] == question_id and topic.search(fold(normalise(parts[before][0]))):
            return True
        if len(parts[before][0].split()) > _SHORT:
            return False
    return False


_SHORT = 7  # words in a short clause between ("itte no særli å skryte av heller")
_SHORT_QUALIFIER = 9  # words in the qualifier itself ("ingenting spesielt verken den ene eller andre veien")


def one_clause_about(question_id: str, parts: Parts) -> bool:
    """Exactly one clause of the message speaks of the question's subject."""
    topic = TOPIC.get(question_id)
    return topic is not None and sum(bool(topic.search(fold(normalise(c)))) for c, _ in parts) == 1


# A label before a colon names the question its answer is for: "Retur: lite sannsynlig",
# "Samarbeid m/ sjef: 5 av 10", "Tid: 6 uker totalt", "Grunn: ingen spesiell".
_LABEL = re.compile(r"^\s*(?:[-–*•]\s*)?(?:\d[.)]\s*)?([\w/ ]{2,40}?)\s*(?::|\s[-–]|->|→|=>|=)\s*(\S.*)$", re.DOTALL)
# "1. Veldig sannsynlig / 2. Sjefen er grei / 3. Et par uker": answers numbered as the questions are
# (or by the question's place: "andre: bra", "Svar på første: usikker", "Tredje spørsmål: under 26 uker", "2: verken eller")
# ("q1: usikker", "q2=god", "#3 usikker": the question's number as terse writers put it)
_NUMBERED = re.compile(r"^\s*(?:[-–*•]\s*)?(?:svar\s+pa\s+|pa\s+)?(?:det\s+)?(?:(?:q|#|spm\.?\s*)([1-4])\s*[.):=–-]?|([1-4]|forste|fyrste|andre|tredje|fjerde)\s*"
                       r"(?:spm\.?|sporsmal\w*)?\s*[.):=–-])\s*(\S.*)$", re.DOTALL)
_PLACE = {"1": 1, "2": 2, "3": 3, "4": 4, "forste": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4}
_REASON_LABEL = re.compile(r"\b(?:grunn\w*|arsak\w*|fordi)\b")


def labelled(clause: str) -> tuple[str, str] | None:
    """(question, the answer after the label) when the clause opens with a label about one
    question's subject alone; None otherwise."""
    found = _LABEL.match(clause)
    if not found:
        return None
    label = fold(normalise(found.group(1)))
    if _NUMBERED.match(label + ": -"):
        return None  # "2: god" names the question by its place (`numbered`), not by its subject
    if _REASON_LABEL.search(label):
        return "q3_grunn", found.group(2)
    about = [q for q, topic in TOPIC.items() if topic.search(label)]
    return (about[0], found.group(2)) if len(about) == 1 else None


def numbered(clause: str, order: tuple[str, ...]) -> tuple[str, str] | None:
    """(question, answer) for a clause numbered as a question in asking order ("2. sånn passe"),
    or None. The caller checks that the message is such a list (two numbered clauses or more)."""
    found = _NUMBERED.match(fold(normalise(clause)))
    place = _PLACE[found.group(1) or found.group(2)] if found else 0
    if not found or place > len(order):
        return None
    return order[place - 1], found.group(3)


# "1 usikker, 2 sånn passe, 3 ca 2 mnd til": numbered without a mark, which only a run from 1
# in order shows ("2 uker til" alone is a length of leave, and a unit never follows a number here)
_BARE_NUMBER = re.compile(r"^\s*([1-4])\s+(?!(?:uker?|veker?|mnd|maned\w*|manad\w*|ar|arene|dager?|dagar|timer?|prosent|"
                          r"gang\w*|av|til|eller|og|og\s+en\s+halv)\b)([^\W\d].*)$", re.DOTALL)


def numbered_list(clauses: list[str], order: tuple[str, ...]) -> list[tuple[str, str] | None]:
    """For each clause, (question, answer) where the message answers by number: two clauses or
    more numbered with a mark ("1. …\n2. …", "andre: bra"), or a run "1 …, 2 …" from the first
    clause; None for the rest (and for every clause of a message that is no such list)."""
    marked = [numbered(c, order) for c in clauses]
    if sum(m is not None for m in marked) >= 2:
        return marked
    bare = [_BARE_NUMBER.match(fold(normalise(c))) for c in clauses]
    run = [int(m.group(1)) for m in bare if m]
    if len(run) < 2 or bare[0] is None or run != list(range(1, len(run) + 1)) or len(run) > len(order):
        return [None] * len(clauses)
    return [(order[int(m.group(1)) - 1], m.group(2)) if m else None for m in bare]


# Words that join the clauses of a sentence: a list of short answers has none
_JOINED = re.compile(r"\b(?:og|men|sa|fordi|for|siden|sidan|da)\b")


def terse_list(text: str, clauses: list[str]) -> bool:
    """A list of short answers ("usikker / god / over 26 uker", "veldig sannsynlig, god"): each
    clause says which question it answers by its words, or by its place after the one before.
    Not a sentence of short clauses ("Hodet sei ja og kroppen sei nja. Så æ vet ikkje")."""
    return len(clauses) >= 2 and all(len(c.split()) <= 3 for c in clauses) and not _JOINED.search(fold(normalise(text)))
