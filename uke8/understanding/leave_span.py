"""How long the whole sick leave lasts when a person names when it began and when it ends
("ble sykmeldt i oktober, tror jeg er borte til over jul", "sykmeldt siden januar, regner med
å være tilbake i mars", "legen sier jeg er syk ut året, og nå er det april"), or how long it
has lasted and how much is left ("har vært sykmeldt i fem måneder allerede, minst tre måneder
til").

The two months the person names give the span. Where only the end is named ("sykmeldt til jul",
"ut januar", "til 1. februar", "tilbake etter nyttår"), the day the question was asked stands for
the start of week 8 (`asked_on`, set by `reading.read_message` for one reading: the one input the
duration helpers do not take as an argument, so that each of them need not pass it on; without
it, as in `uke8 eval-nlu` without `--asked-on`, an end alone says nothing). The result is the
total in weeks; duration.py turns it into the remaining time its thresholds are set for (q3 is
asked in week 8). Text is folded (æ/ø/å as a/o/a) before it gets here.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
    # feasts and seasons as a point in the year (a month and a bit)
    "jul": 12.8, "jula": 12.8, "julen": 12.8, "nyttar": 1.0, "nyttaret": 1.0, "paske": 4.0, "paska": 4.0, "pasken": 4.0,
    "varen": 5.0, "vara": 5.0, "sommeren": 6.5, "sommaren": 6.5, "sommerferien": 7.0, "sommarferien": 7.0,
    "sommerferie": 7.0, "sommarferie": 7.0, "hosten": 9.5, "hausten": 9.5,
    "sommer": 6.5, "sommar": 6.5, "sommern": 6.5, "sommarn": 6.5, "host": 9.5, "haust": 9.5,  # ("til neste høst", "neste sommar")
    "sumaren": 6.5, "sumarn": 6.5, "sumar": 6.5,  # (as said in the west and north: "ikkje før til sumaren")
    "juleferien": 12.8, "juleferia": 12.8,
    "vinterferien": 2.7, "vinterferie": 2.7, "hostferien": 10.1, "haustferien": 10.1,  # school holidays, weeks 8–9 and 40–41
}
_MONTH = r"(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")"
_PART = r"(?:(begynnelsen|starten|byrjinga|midten|slutten|enden|midt)\s+(?:av|pa|i)\s+)?"
_PART_SHIFT = {"begynnelsen": -0.4, "starten": -0.4, "byrjinga": -0.4, "midten": 0.0, "midt": 0.0, "slutten": 0.4, "enden": 0.4}
_LEAVE = r"(?:sykmeldt|sykemeldt|sjukmeld\w*|sykmelding\w*|syk|sjuk|borte|heime|hjemme|vekke)"
# When it began: "sykmeldt i oktober", "borte siden nyttår", "syk fra midten av mars".
_STARTED = re.compile(rf"\b(?:{_LEAVE}\s+(?:\w+\s+){{0,2}}?(?:i|fra|fra\s+og\s+med)|siden|sidan|fra)\s+{_PART}{_MONTH}\b")
_PLAIN_END_CUES = frozenset({"til", "te", "ut", "til og med", "innen", "innan", "over", "rundt", "utpa"})
# "ny jobb fra mars", "vikariatet fra januar": another thing's start, not the leave's
# ("gradert fra januar": the return's first step)
_OTHER_START = re.compile(r"\b(?:jobb\w*|stilling\w*|skole\w*|studie\w*|kontrakt\w*|vikariat\w*|permisjon\w*|utdanning\w*|"
                          r"gradert\w*|gradvis|deltid\w*|redusert\w*|delvis|oppstart\w*|opptrapping\w*|kurs\w*|omskol\w*|omskul\w*|tiltak\w*)\s+(?:\w+\s+)?$")
# When it ends: "til over jul", "tilbake i mars", "klar i løpet av mars", "til 1. desember".
_ENDS = re.compile(rf"\b(til\s+og\s+med|til|te|innen|innan|for|ut|over|etter|rundt|utpa|i\s+lopet\s+av|tilbake\s+i|frisk\w*\s+i|"
                   rf"klar\s+i|jobb\w*\s+i|igjen\s+i|att\s+i|(?:tilbake|tebake)(?:\s+(?:pa|i)\s+jobb\w*)?(?=\s+\d)|"
                   # "ferdig sjukmeld i januar"; "(Jeg skal tilbake,) og det blir i februar"
                   rf"ferdig\s+(?:sykmeldt|sykemeldt|sjukmeld\w*)\s+i|det\s+blir\s+(?:nok\s+|vel\s+)?i|"
                   # "(tilbake,) truleg i februar", "oppstart 1. mars", "full stilling i midten av februar"
                   rf"(?:truleg|trulig|trolig|sikkert|nok|antakelig|antakeleg|sannsynligvis|kanskje)\s+i|oppstart(?:\s+i|\s+fra)?|"
                   rf"(?:full|heil|hel|100\s*%|hundre\s+prosent)\s+(?:pa\s+)?(?:jobb|stilling)\s+(?:i|fra))\s+"
                   # ("til neste høst", "til ein gong i februar", "te ut i juni", "til langt ut på sommaren", "til rett etter nyttår")
                   rf"(over\s+|ut\s+|etter\s+|(?:rett|like)\s+(?:etter|over)\s+|neste\s+|(?:en|ein)\s+(?:gang|gong)\s+i\s+|(?:langt\s+)?ut\s+(?:i|pa)\s+)?(?:(\d{{1,2}})\.?\s+)?{_PART}{_MONTH}\b")
# With only the end named, it must be the leave's: said of the leave or the return just before it
# ("regner med å være sykmeldt til jul", "er tilbake over nyttår"), or the answer opens with it
# ("Til jul, tror jeg", "ut januar"); not "sjefen er på ferie til januar", "siden før jul", "går av
# med AFP til sommeren", "begynner på skole til høsten"
_END_OF_LEAVE = re.compile(rf"\b(?:{_LEAVE}|sykmeld\w*|sykemeld\w*|sjukmelding\w*|"
                           r"tilbake|tebake|attende|klar|ferdig|frisk\w*|pa\s+plass|i\s+jobb|pa\s+jobb|i\s+gang|(?:jobbe|arbeide|arbeida)\s+(?:igjen|att)|(?:begynner?|byrje|byrjar|starter?|startar)\s+(?:igjen|att|pa\s+jobb)|"
                           r"trenger|treng|behov|varer|vare|holder|blir\s+(?:bra|god|bedre)|regner\s+med|reknar\s+med|rekner\s+med|"
                           r"lege\w*\s+(?:har\s+)?(?:sagt|sier|seier|sa|skrevet|skreve|skrev|mener|meiner))\b(?:\W+\w+){0,5}\W+$")
# "(Eg trur) det blir til hausten", "det blir nok helt til sommeren": the length itself, as an answer
_IT_WILL_BE = re.compile(r"(?:^|[.!?,]\s*)(?:(?:jeg|eg|je|a)\s+(?:tror|trur|tenker|tenkjer|regner\s+med\s+at|reknar\s+med\s+at)\s+)?"
                         r"(?:det\s+(?:blir|vert|bli)|blir\s+det)(?:\s+(?:nok|vel|sikkert|nok\s+helt|nok\s+heilt|helt|heilt))?\s+$")
# Cues that are themselves the return: "tilbake i mars", "frisk i januar", "igjen i midten av januar"
# (not "jobb i" nor "på jobb 12. oktober": "datt på veg til jobb i januar", "ei ulukke på jobb 12.
# oktober" are the past; "tilbake (på jobb) 1. februar": a day right after the return itself)
# (and since session 18 "ferdig sjukmeld i", "oppstart", "full/heil/100 % (på) jobb i")
_RETURN_CUES = ("tilbake", "tebake", "frisk", "klar i", "igjen i", "att i", "ferdig", "oppstart", "full ", "heil ", "hel ", "100", "hundre ")
_PAST_RETURN = re.compile(r"\b(?:var|vart|kom|ble|blei|gikk|gjekk|begynte|byrja|starta|startet)\s+(?:\w+\s+)?$")  # "var tilbake 3. mars"
# Someone presses for a return ("maser om at jeg må komme tilbake", "vil at eg skal vere tilbake"):
# their wish, not the person's expectation
_PRESSED = re.compile(r"^(?!.*\b(?:lege\w*|fastleg\w*|doktor\w*|fysio\w*|behandler\w*)\b).*"
                      r"\b(?:maser|masar|mase|maste|mas|krever|krev|forventer|forventar|presser|pressar|pressa|pusher|vil|ville|onsker|onskjer|ynskjer)"
                      r"\s+(?:\w+\s+){0,2}?(?:at|ha|hatt)\s+(?:jeg|eg|je|meg)\b(?:\s+\w+){0,4}?\s+(?:tilbake|tebake|attende|begynne|byrje|starte|pa\s+jobb)\b")
# "før sommeren", "innen påske": the end at the latest, so a total beyond 26 weeks says nothing of the length
_UPPER_BOUND_CUES = ("for", "innen", "innan")
_DENIED_BOUND = re.compile(r"\b(?:ikke|ikkje|ikkj|itj|neppe)\s+(?:\w+\s+){0,4}$")
_OPENS_WITH_END = re.compile(r"^\W*(?:(?:men\s+)?(?:i\s+utgangspunktet|realistisk\s+sett|arlig\s+talt|etter\s+planen|slik\s+det\s+ser\s+ut(?:\s+na)?|som\s+det\s+ser\s+ut(?:\s+na)?|forelopig|sann\s+cirka)\W+)?"
                             r"(?:(?!siden\b|sidan\b|fra\b|etter\b)\w+\W+(?:(?:for|forst|helt|heilt|minst|nok|vel|ikke|ikkje)\W+){0,2}|(?:(?:jeg|eg|je|a|e)\s+)?(?:tror|trur|tenker|tenkjer|tipper|tippar|"
                             r"(?:regner|reknar|rekner)\s+med)\s+)?(?:til|te|ut|innen|innan|over)\s")
# ("Til jul, tror jeg", "ut januar", "Jeg tror til jul", "Eg reknar med ut januar", "Over nyttår", "I utgangspunktet til sommeren";
# "ikke før til sommeren", "sannsynligvis helt til høsten", "minst til neste sommer")
_AND_MORE = re.compile(r"\W*(?:og|eller)\s+(?:vel\s+sa\s+det|lenger|lengre|mer|meir|mere|enda\s+lenger|kanskje\s+lenger)\b(?!\s+enn)")
# (not "ut året neste år", "resten av året og neste": next year's end, beyond 26 weeks)
_YEAR_OUT = re.compile(r"\b(?:ut|resten\s+av)\s+(?:aret|arett)\b(?!\s+(?:(?:og|til|pluss)\s+(?:hele\s+|heile\s+)?)?(?:neste|nest|etter)\b)")
_NOW = re.compile(rf"\b(?:na|no)\s+er\s+det\s+(?:jo\s+)?(?:bare\s+|berre\s+)?{_PART}{_MONTH}\b")  # ("og no er det berre mars")
# "Eg har fått ny jobb frå 1. februar, og eg er nok sjukmeld fram til då": the leave ends at the
# time named just before
_UNTIL_THEN = re.compile(r"\b(?:fram|frem)\s+til\s+(?:da|det|den\s+tid)\b")
_NAMED_TIME = re.compile(rf"\b(fra|til|te|i|fra\s+og\s+med)\s+(neste\s+)?(?:(\d{{1,2}})\.?\s+)?{_PART}{_MONTH}\b")
ASKED_ON: ContextVar[date | None] = ContextVar("asked_on", default=None)


@contextmanager
def asked_on(day: date | None) -> Iterator[None]:
    """The day the question was asked, for the readings inside (None: not known)."""
    token = ASKED_ON.set(day)
    try:
        yield
    finally:
        ASKED_ON.reset(token)


# How long the leave has lasted so far ("har vært sykmeldt i fem måneder allerede", "er syk siden
# 2 uker") and how much more ("minst tre måneder til").
WEEKS_DONE_AT_ASKING = 8.0


def _point(part: str | None, month: str) -> float:
    return _MONTHS[month] + _PART_SHIFT.get(part or "", 0.0)


def _end_point(end: re.Match) -> float:
    """Where in the year an end falls: "ut januar" at its end, "til 15. januar" in its middle."""
    cue, inner, day, part, month = end.groups()
    point = _point(part, month)
    if day is not None and month not in ("jul", "jula", "julen") and 1 <= int(day) <= 31:
        point += (int(day) - 1) / 30
    elif (cue == "ut" or re.match(r"(?:langt\s+)?(?:ut|over)\b", inner or "")) and part is None and float(_MONTHS[month]).is_integer():
        point += 0.9  # "ut januar", "til ut mars": the month through
    return point


def _leave_start(text: str) -> re.Match | None:
    """When the leave began, where the text says so: not another thing's start ("ny jobb fra mars"),
    not an end ("ferdig sjukmeld i januar"), not a month inside an end ("sjukmeldt te ut i juni")."""
    starts = list(_STARTED.finditer(text))
    if not starts:
        return None
    in_ends = [(e.start(), e.end()) for e in _ENDS.finditer(text) if e.group(1) in _PLAIN_END_CUES]
    return next((m for m in starts
                 if not (m.group(0).startswith(("fra", "siden", "sidan")) and _OTHER_START.search(text[:m.start()]))
                 and not text[:m.start()].endswith("ferdig ")
                 and not any(begin <= m.start(2) < end for begin, end in in_ends)), None)


# A month alone as the whole answer, hedged or not ("I januar kanskje", "i slutten av februar, tror eg"):
# when the person is back, read as "til januar" (not a month with anything else in its clause)
_BARE_MONTH = re.compile(rf"^\W*(?:(?:kanskje|trolig|truleg|nok|vel|forhapentligvis)\s+)?i\s+(?={_PART}{_MONTH}"
                         r"(?:\W+(?:kanskje|vel|nok|tror\s+jeg|trur\s+eg|regner\s+jeg\s+med|reknar\s+eg\s+med|haper\s+jeg|hapar\s+eg|en\s+gang|ein\s+gong))*\W*$)")


def total_weeks(text: str) -> float | None:
    """The whole leave in weeks from a named start and end month, or None."""
    text = _BARE_MONTH.sub("til ", text, count=1)
    start = _leave_start(text)
    end = next((m for m in _ENDS.finditer(text) if not start or m.start() != start.start()), None)
    begin = _point(*start.groups()) if start else None
    if begin is None and (now := _NOW.search(text)):
        begin = _point(*now.groups()) - WEEKS_DONE_AT_ASKING / 4.35  # asked in week 8
    named_end = end or (_YEAR_OUT.search(text) if begin is None else None)  # "ut året": this year's end
    if begin is None and named_end is not None and _AND_MORE.match(text[named_end.end():]):
        return None  # "ut året og vel så det", "til jul og lenger": the end is only the earliest one
    if begin is None and (named_end is None or not _ends_the_leave(text, named_end)) and (then := _until_then(text)) is not None:
        end = named_end = then
    if begin is None and (day := ASKED_ON.get()) is not None and named_end is not None and _ends_the_leave(text, named_end):
        # the weeks so far and the next such day from now ("ut januar" asked in March is next January;
        # "til midten av desember" asked on 4 December is this one: a point read a little before today
        # is today)
        ahead = ((_end_point(end) if end is not None else 12.9) - day.month - (day.day - 1) / 30) % 12
        if ahead > 11.5:
            ahead = 0.0
        if end is not None and (end.group(2) or "").startswith("neste") and int(_MONTHS[end.group(5)]) == day.month:
            ahead += 12  # "til neste jul" asked in December: next year's
        return _bounded(end, WEEKS_DONE_AT_ASKING + ahead * 4.35)
    if begin is None:
        return None
    if end is not None:
        finish = _end_point(end)
    elif _YEAR_OUT.search(text):
        finish = 12.9
    else:
        return None
    months = (finish - begin) % 12
    if months < 0.3:
        return None  # the same month named twice says nothing about the length
    return _bounded(end, months * 4.35)


def _until_then(text: str) -> re.Match | None:
    """The time named before "fram til da", where that sentence speaks of the leave."""
    until = _UNTIL_THEN.search(text)
    if until is None:
        return None
    sentence = re.split(r"[.!?]", text[:until.start()])[-1] + re.split(r"[.!?]", text[until.start():])[0]
    if not re.search(rf"\b{_LEAVE}\b", sentence):
        return None
    return next(reversed(list(_NAMED_TIME.finditer(text, 0, until.start()))), None)


def _ends_the_leave(text: str, end: re.Match) -> bool:
    """An end named alone is the leave's: said of the leave or the return just before it, a cue
    that is the return itself (not in the past), or the answer opens with it; not what someone
    presses for ("Sjefen maser om at jeg må komme tilbake før jul")."""
    if end.re is _NAMED_TIME:
        return True  # (found by _until_then, which asks for the leave's words)
    before = text[:end.start()]
    if _PRESSED.search(re.split(r"[.!?]", before)[-1]):
        return False
    if _END_OF_LEAVE.search(before) or _IT_WILL_BE.search(before):
        return True
    if end.re is _ENDS and end.group(1).startswith(_RETURN_CUES) and not _PAST_RETURN.search(before) and not (
            end.group(1).startswith("oppstart") and _OTHER_START.search(before)):  # ("en annen stilling med oppstart i august")
        return True
    opening = _OPENS_WITH_END.match(text)
    return opening is not None and end.start() < opening.end()


def _bounded(end: re.Match | None, total: float) -> float | None:
    """None where the end is only the latest one ("før sommeren") and the total lies beyond 26 weeks
    (not where it is denied, "ikke før etter sommeren": the earliest end)."""
    return None if (end is not None and end.group(1) in _UPPER_BOUND_CUES and total > 26
                    and not _DENIED_BOUND.search(end.string, 0, end.start())) else total


def ends_named(text: str) -> bool:
    """The (folded) text names when something ends ("til jul", "ut januar", "ut året"): an end date may say how long."""
    return _ENDS.search(text) is not None or _YEAR_OUT.search(text) is not None or any(
        _BARE_MONTH.match(sentence) for sentence in re.split(r"[.!?]\s*", text))


def starts_named(text: str) -> bool:
    """The (folded) text names when the leave began ("sykmeldt i oktober", "nå er det april")."""
    return _leave_start(text) is not None or _NOW.search(text) is not None


# Seasons, their school holidays and Easter: times people place differently ("etter sommeren", "til
# våren", "etter høstferien"), unlike a month, a day, Christmas or New Year
_SEASONS = frozenset({"paske", "paska", "pasken", "varen", "vara", "sommeren", "sommaren", "sommerferien", "sommarferien", "sumaren", "sumarn", "sumar",
                      "sommerferie", "sommarferie", "hosten", "hausten", "sommer", "sommar", "sommern", "host", "haust", "vinterferien", "vinterferie", "hostferien", "haustferien"})
# A wish is no expectation ("Jeg skulle gjerne vært tilbake før jul, men …"), and a year named ("ut i
# 2027") is an end the months alone do not read: no sum is recorded beside them
# (someone else's wish is no reason to doubt the person's own end: "Sjefen ville helst hatt meg tilbake før jul")
_OTHERS_WISH = re.compile(r"\b(?:sjef\w*|leder\w*|leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|han|hun|ho|de|dei)\s+(?:(?:ville|vil|skulle)\s+(?:\w+\s+)?(?:gjerne|helst)"
                          r"|haper|hapar|onsker|onskjer|ynskjer)\b")
_WISHED_OR_YEAR = re.compile(r"\b(?:skulle|skule|ville|vil)\s+(?:\w+\s+)?gjerne\b|\b(?:helst|haper|hapar|onsker|onskjer|ynskjer)\b|\b20\d\d\b")
# 4 weeks either side of 26: a reply weeks after week 8 or an end read a little off cannot cross it
CLEARLY_UNDER, CLEARLY_OVER = 22.0, 30.0


def clear_side(text: str) -> tuple[str | None, bool]:
    """under_26_uker / over_26_uker where an end named alone (with the day of asking) puts the whole
    leave far from 26 weeks ("til 15. januar" asked in December), else None; and whether that end
    is a season (to count only in answer to how long: "Til etter sommarferien minst"). Folded text."""
    total = total_weeks(text)
    if total is None or _WISHED_OR_YEAR.search(_OTHERS_WISH.sub(" ", text)):
        return None, False
    side = "under_26_uker" if total <= CLEARLY_UNDER else "over_26_uker" if total >= CLEARLY_OVER else None
    end = _ENDS.search(text)
    return side, end is not None and end.group(5) in _SEASONS
