"""Which of a proposed meeting's times the person picks (PRODUCT.md §3b), from a button's
payload, a digit (SMS) or words: "den andre passer", "torsdag er fint", "kl 10 passer",
"ingen av dem passer", "kan vi ta en annen dag?", "jeg må avlyse".

Pure: text and the offered slots (aware datetimes; read as Oslo time) in, a Choice out; the
action (actions/after_questions.py) decides what to do with it. Never a guess: a message that
fits several slots asks which (ASK with the candidates); a day or time that is not offered is
NO_MATCH (the person is shown the offered times again), not a pick.

How a message is read: it is cut into clauses (commas, "men", "og", "eller"); each clause
names slots (ordinals, digits, weekdays, dates, times, formiddag/ettermiddag; several kinds in
one clause narrow each other: "torsdag kl 10") and is positive or negative (a negation, or
words asking for another time: "ikke torsdag", "en annen dag enn tirsdag"). The picked slots
are the positive ones minus the negative ones. Bokmål and nynorsk, æ/ø/å or ae/oe/aa, and one
typo in a weekday name are understood.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from uke8.clock import OSLO
from uke8.understanding.normalise import fold, normalise

PICK = "pick"  # `index`: the slot (0-based)
ASK = "ask"  # several slots fit (`candidates`): ask which
ANOTHER_TIME = "another_time"  # none of the offered times suits
MOVE = "move"  # move the meeting (another time, please)
CANCEL = "cancel"  # no meeting after all
NO_MATCH = "no_match"  # names a day or time that was not offered
NONE = "none"  # nothing about the meeting
KINDS = (PICK, ASK, ANOTHER_TIME, MOVE, CANCEL, NO_MATCH, NONE)


@dataclass(frozen=True)
class Choice:
    kind: str
    index: int | None = None
    candidates: tuple[int, ...] = field(default=())

    @property
    def about_the_meeting(self) -> bool:
        return self.kind != NONE


# Weekday names, folded (æ/ø/å → a/o/a), bokmål and nynorsk, by Python's weekday number.
_WEEKDAYS = {
    0: ("mandag", "mandagen", "mandager", "mandags"),
    1: ("tirsdag", "tysdag", "tirsdagen", "tysdagen", "tirsdags", "tysdags", "tirs", "tys"),
    2: ("onsdag", "onsdagen", "onsdags", "ons"),
    3: ("torsdag", "torsdagen", "torsdags", "tors"),
    4: ("fredag", "fredagen", "fredags", "fre"),
    5: ("lordag", "laurdag", "lordagen", "laurdagen"),
    6: ("sondag", "sundag", "sondagen", "sundagen"),
}
_FULL_WEEKDAYS = {name: day for day, names in _WEEKDAYS.items() for name in names[:2]}
_WEEKDAY_WORDS = {name: day for day, names in _WEEKDAYS.items() for name in names}

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Ordinals, folded. "andre" is also "other" ("andre tider"): see _ORDINAL_ANDRE.
_ORDINALS = {"forste": 0, "fyrste": 0, "forst": 0, "tredje": 2, "tridje": 2, "trede": 2}
_ORDINAL_ANDRE = re.compile(r"\b(andre|annen|anden)\b(?!\s+(tider|tidspunkt\w*|dag\w*|gang\w*|alternativ\w*|forslag\w*|tid|uke\w*|veke\w*|ting|steder))")
_NUMBER_WORDS = {"en": 0, "ein": 0, "ett": 0, "eitt": 0, "eín": 0, "to": 1, "tre": 2}
_NUMBER_PREFIX = r"(?:nr\.?|nummer|alternativ|valg|tid|forslag)"

_NEGATION = re.compile(r"\b(ikke|ikkje|ikkj|ikk|ik|itte|inte|ingen|umulig|darlig|verken|hverken|korkje|unntatt|utenom|bortsett)\b")
_ANOTHER_TIME = re.compile(
    r"\b(ingen av (dem|dei|de|disse|desse|tidene|tidane|dagene|dagane|forslagene|forslaga)"
    r"|ingen (passer|passar|gar|fungerer)"
    r"|(en|ei|ein|et|eit) (annen|anna|annan|annet|ny|nytt) (dag|tid|tidspunkt|uke|veke|gang|dato)"
    r"|andre (tider|tidspunkt|dager|dagar|datoer)|ny tid|nytt tidspunkt|ny dato|nye tider|annet tidspunkt"
    r"|anna tidspunkt|seinare|senere|neste uke|neste veke|en annen gang|ein annan gong)\b"
)
_MOVE = re.compile(r"\b(flytt\w*|utsett\w*|utsetj\w*|endre (tid\w*|dato\w*|dag\w*)|bytt\w* (tid\w*|dag\w*)|ombook\w*|booke om)\b")
_CANCEL = re.compile(
    r"\b(avlys\w*|avbestill\w*|kanseller\w*|avbryt\w*"
    r"|(trenger|treng) (ikke|ikkje) (no |noko |et |eit |den |det |)(mote|motet|samtale|samtalen)"
    r"|(vil|onsker|onskjer) (ikke|ikkje) (ha |)(no |noko |et |eit |)(mote|motet|samtale|samtalen)"
    r"|dropp\w* (motet|samtalen))\b"
)
_YES = re.compile(r"^(ja|jo|jepp|ok|okei|okay|greit|fint|flott|supert?|gjerne|perfekt|kjempefint|det passer( fint| bra| meg)?|passer( fint| bra)?|ja takk|ja,? det passer( fint| bra)?)[\s.!]*$")
_ANY = re.compile(r"\b(begge|alle|hvilken som helst|kva som helst|samma|same for meg|spiller ingen rolle)\b")
# "enn" does not cut: "en annen dag enn tirsdag" is one clause, against Tuesday. The
# separator is kept: a bare clause before "og"/"eller" takes the next one's side ("tirsdag og
# torsdag passer ikke").
_CLAUSES = re.compile(r"([,;!?]|(?<!\d)(?<!\bkl)(?<!\bnr)\.(?=\s|$)|\s+(?:men|og|eller|elle)\s+)")
_JOINS = re.compile(r"\s+(og|eller|elle)\s+")
# Words that give a clause its own side, for or against.
_SIDED = re.compile(r"\b(pass\w*|gar|fint|bra|best|ok|greit|tar|ta|kan|funker|fungerer|ja|heller|vil|onsker|helst)\b")
_VERKEN = re.compile(r"\b(verken|hverken|korkje)\b")
# A number followed by one of these is a duration ("om 2 uker"), never a slot or an hour.
_UNIT = r"(?!\s*(?:uke|uker|veke|veker|dag|dager|dagar|time|timer|timar|min|minutt\w*|mnd|maned\w*|%|prosent))"


def read_choice(text: str, slots: Sequence[datetime], today: date | None = None) -> Choice:
    """What `text` says about the offered `slots` (in the order offered). `today` (Oslo) lets
    "i morgen" name a slot; without it such words name nothing."""
    if not slots:
        return Choice(NONE)
    local = [s.astimezone(OSLO) for s in slots]
    t = fold(normalise(text)).strip()
    if not t:
        return Choice(NONE)
    whole = _whole_message(t, len(local))
    if whole is not None:
        return whole
    cancel, move = bool(_CANCEL.search(t)), bool(_MOVE.search(t))
    if cancel:  # "avlyse og finne en ny tid" is a move
        return Choice(MOVE if move or _ANOTHER_TIME.search(t) else CANCEL)
    positive: set[int] = set()
    negative: set[int] = set()
    named = unmatched = negated = False
    for clause, against in _sided_clauses(t):
        refs = _clause_refs(clause, local, today)
        negated |= bool(_NEGATION.search(clause))
        if refs is None:
            continue
        named = True
        if not refs:
            unmatched = unmatched or not against
            continue
        (negative if against else positive).update(refs)
    picked = positive - negative
    if len(picked) == 1:
        return Choice(PICK, picked.pop())
    if picked:
        return Choice(ASK, candidates=tuple(sorted(picked)))
    if positive:  # the same slot both wanted and not: ask
        return Choice(ASK, candidates=tuple(range(len(local))))
    if move:
        return Choice(MOVE)
    if _ANOTHER_TIME.search(t):
        return Choice(ANOTHER_TIME)
    if negative:
        rest = tuple(i for i in range(len(local)) if i not in negative)
        return Choice(ASK, candidates=rest) if rest else Choice(ANOTHER_TIME)
    if unmatched:
        return Choice(NO_MATCH)
    if negated and not named and re.search(r"\b(pass(er|ar)|gar|kan|rekker|rekk|fungerer|kommer|kjem)\b", t):
        return Choice(ANOTHER_TIME)  # "det passer ikke", "jeg kan ikke"
    if _ANY.search(t):
        return Choice(ASK, candidates=tuple(range(len(local))))
    if _YES.match(t):
        return Choice(PICK, 0) if len(local) == 1 else Choice(ASK, candidates=tuple(range(len(local))))
    return Choice(NONE)


def _against(clause: str) -> bool:
    return bool(_NEGATION.search(clause) or _ANOTHER_TIME.search(clause) or _MOVE.search(clause))


def _sided_clauses(t: str) -> list[tuple[str, bool]]:
    """The clauses, each with whether it speaks against the slots it names. "verken … eller …"
    is against all of them; a clause without a side of its own, joined by "og"/"eller" to the
    next, takes that one's side."""
    parts = _CLAUSES.split(t)
    clauses = [p.strip() for p in parts[0::2]]
    joins = [bool(_JOINS.fullmatch(j)) for j in parts[1::2]] + [False]
    sides: list[bool | None] = [True if _VERKEN.search(t) else (_against(c) or (None if not _SIDED.search(c) else False))
                                for c in clauses]
    for i in range(len(clauses) - 1, -1, -1):
        if sides[i] is None:
            sides[i] = sides[i + 1] if joins[i] and i + 1 < len(clauses) else False
    return [(c, bool(side)) for c, side in zip(clauses, sides) if c]


def _whole_message(t: str, n: int) -> Choice | None:
    """A message that is only a number: a button's payload or an SMS digit ("2", "2.", "nr 2", "to")."""
    m = re.fullmatch(r"(?:" + _NUMBER_PREFIX + r"\s*)?(\d{1,2})\s*[.)!]*", t)
    if m:
        k = int(m.group(1))
        return Choice(PICK, k - 1) if 1 <= k <= n else None
    m = re.fullmatch(r"(?:" + _NUMBER_PREFIX + r"\s*)?(en|ein|ett|eitt|to|tre)\s*[.!]*", t)
    if m:
        k = _NUMBER_WORDS[m.group(1)]
        return Choice(PICK, k) if k < n else Choice(NO_MATCH)
    return None


def _clause_refs(clause: str, local: list[datetime], today: date | None) -> set[int] | None:
    """The slots one clause names (each kind of reference narrows the others), an empty set
    when it names a day or time that matches no slot, None when it names none."""
    n = len(local)
    everything = set(range(n))
    kinds: list[set[int]] = []
    clause, dates = _dates(clause, local)
    kinds += dates
    clause, times = _times(clause, local)
    kinds += times
    order = _ordinals(clause, n)
    if order is not None:
        kinds.append(order)
    days = _weekdays(clause)
    if days:
        kinds.append({i for i, s in enumerate(local) if s.weekday() in days})
    if today is not None:
        relative = _relative_day(clause, today)
        if relative is not None:
            kinds.append({i for i, s in enumerate(local) if s.date() == relative})
    if re.search(r"\bformiddag\w*\b", clause):
        kinds.append({i for i, s in enumerate(local) if s.hour < 12})
    if re.search(r"\bettermiddag\w*\b", clause):
        kinds.append({i for i, s in enumerate(local) if s.hour >= 12})
    if not kinds:
        return None
    result = everything
    for refs in kinds:
        result = result & refs
    return result


def _dates(clause: str, local: list[datetime]) -> tuple[str, list[set[int]]]:
    """"12. januar", "12 jan", "12.1", "12.01", "12/1", "12.1.2027", "den 12."; each date found is
    taken out of the clause so its digits are not read again as a time or an ordinal."""
    found: list[set[int]] = []

    def on(day: int, month: int | None) -> set[int]:
        return {i for i, s in enumerate(local) if s.day == day and (month is None or s.month == month)}

    def month_name(m: re.Match[str]) -> str:
        found.append(on(int(m.group(1)), _MONTHS[m.group(2)]))
        return " "

    clause = re.sub(r"\b(\d{1,2})\.?\s*(" + _MONTH_RE + r")\b\.?", month_name, clause)

    def numeric(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(3))
        if re.search(r"\b(kl|klokka|klokken)\.?\s*$", m.string[:m.start()]):
            return m.group(0)  # "kl 12.01": a time
        if m.group(2) == "." and len(m.group(3)) == 2 and not 1 <= month <= 12:
            return m.group(0)  # "10.30": a time
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(on(day, month))
            return " "
        return m.group(0)

    clause = re.sub(r"(?<![\d:])(\d{1,2})([./])(\d{1,2})(?:[./]\d{2,4})?(?![\d:])", numeric, clause)

    def day_only(m: re.Match[str]) -> str:
        day = int(m.group(1))
        if day <= 3:  # "den 2." is the second slot, more likely than the second of the month
            return m.group(0)
        found.append(on(day, None))
        return " "

    clause = re.sub(r"\bden\s+(\d{1,2})\.(?!\d)", day_only, clause)
    return clause, found


def _times(clause: str, local: list[datetime]) -> tuple[str, list[set[int]]]:
    """"kl 10", "kl. 10.30", "klokka 10", "10:00", "10.30"; a bare number above the slot count
    ("10 passer") is an hour too. An hour alone matches any minute of it."""
    found: list[set[int]] = []

    def at(hour: int, minute: int | None) -> set[int]:
        return {i for i, s in enumerate(local) if s.hour == hour and (minute is None or s.minute == minute)}

    def clock(m: re.Match[str]) -> str:
        hour, minute = int(m.group(1)), m.group(2)
        if hour <= 23 and (minute is None or int(minute) < 60):
            found.append(at(hour, int(minute) if minute else None))
        return " "

    clause = re.sub(r"\b(?:kl|klokka|klokken|klokke)\.?\s*(\d{1,2})(?:[.:](\d{2}))?\b", clock, clause)
    clause = re.sub(r"(?<![\d.])(\d{1,2})[.:](\d{2})(?![\d.])", clock, clause)

    def bare(m: re.Match[str]) -> str:
        hour = int(m.group(1))
        if len(local) < hour <= 23 and hour >= 6:
            found.append(at(hour, None))
            return " "
        return m.group(0)

    clause = re.sub(r"(?<![\d.:/])\b(\d{1,2})\b(?![.:/]\d)" + _UNIT, bare, clause)
    return clause, found


def _ordinals(clause: str, n: int) -> set[int] | None:
    found: set[int] = set()
    for word, index in _ORDINALS.items():
        if re.search(rf"\b{word}\b", clause):
            found.add(index)
    if _ORDINAL_ANDRE.search(clause) and not re.search(r"\b(en|ei|ein|et|eit) (annen|anna|annan)\b", clause):
        found.add(1)
    if re.search(r"\b(siste|sist|seinaste|sisste)\b", clause):
        found.add(n - 1)
    if n == 3 and re.search(r"\b(midterste|midtre|mellomste|den i midten)\b", clause):
        found.add(1)
    for m in re.finditer(r"(?<![\d.:/])\b(\d)\.(?!\d)", clause):  # "2." : an ordinal
        found.add(int(m.group(1)) - 1)
    for m in re.finditer(_NUMBER_PREFIX + r"\s*(\d|en|ein|ett|eitt|to|tre)\b", clause):
        value = m.group(1)
        found.add(int(value) - 1 if value.isdigit() else _NUMBER_WORDS[value])
    for m in re.finditer(r"(?<![\d.:/])\b([1-3])\b(?![.:/]\d)" + _UNIT, clause):  # a lone digit in a sentence
        found.add(int(m.group(1)) - 1)
    if not found:
        return None
    return {i for i in found if 0 <= i < n}


def _weekdays(clause: str) -> set[int]:
    days: set[int] = set()
    for word in re.findall(r"[a-z]+", clause):
        if word in _WEEKDAY_WORDS:
            days.add(_WEEKDAY_WORDS[word])
            continue
        if len(word) < 5:
            continue
        stem = re.sub(r"(en|s)$", "", word) if not word.endswith("dag") else word
        near = {day for name, day in _FULL_WEEKDAYS.items() if _one_edit(stem, name) or _one_edit(word, name)}
        days |= near
    return days


def _one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or swap of neighbours (a typo)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _relative_day(clause: str, today: date) -> date | None:
    if re.search(r"\b(i overmorgen|i overmorgon|overimorgen|overimorgon)\b", clause):
        return today + timedelta(days=2)
    if re.search(r"\b(i morgen|imorgen|i morgon|imorgon|i morra|imorra)\b", clause):
        return today + timedelta(days=1)
    if re.search(r"\b(i dag|idag)\b", clause):
        return today
    return None
