"""How much longer someone expects to be on sick leave, when they say it with a number.

q3 asks about the total (under or over 26 weeks); the person has been on sick leave for 8
weeks already. A stated remaining time of about three months or less is clearly under,
26 weeks or more clearly over; anything in between is left to the classifier and its
confirmation, because "5 måneder" may mean from now or in total.
"""
from __future__ import annotations

import re

from uke8.understanding.leave_span import WEEKS_DONE_AT_ASKING, total_weeks
from uke8.understanding.normalise import fold, normalise

CLEARLY_UNDER_WEEKS = 14.0
CLEARLY_OVER_WEEKS = 26.0

# Keys as the text is folded: "noen" reads "non" (oe is ø), so both are here.
_NUMBERS = {
    "en": 1, "ein": 1, "ei": 1, "et": 1, "eit": 1, "ett": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "sju": 7, "syv": 7, "atte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "et par": 2, "eit par": 2,
    "par": 2, "ett par": 2, "noen": 3, "non": 3, "nokre": 3, "nokon": 3, "nokra": 3, "nagra": 3, "nogle": 3, "et halvt": 0.5, "eit halvt": 0.5, "halvt": 0.5,
}
_UNIT_WEEKS = {"dag": 1 / 7, "uke": 1.0, "veke": 1.0, "veko": 1.0, "uka": 1.0, "veka": 1.0, "vekka": 1.0, "vekke": 1.0, "uge": 1.0, "vecka": 1.0, "veck": 1.0, "mnd": 4.35, "maned": 4.35, "manad": 4.35, "man": 4.35, "ar": 52.0}
_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True)) + r")"
# A unit and its endings only: "ar" (år) must not match "en arbeidsgiver".
# (with the genitive too: "ti månaders ventetid", "to ukers opphold")
_UNIT = r"(dag|uke|uge|veke|veko|uka|veka|vekka|vekke|vecka|veck|mnd|maned|manad|man|ar)(?:ers|ars|er|ar|ene|ane|rs|r|ne|s|en|et|a|or|orna)?"
# ("en vekker", a wake-up call, is no week)
_AMOUNT = re.compile(rf"\b{_NUMBER}\s+(?:og\s+(et|eit)\s+halvt\s+)?(?!vekker\b|vekkar\b){_UNIT}\b")
_MORE = re.compile(r"\b(?:mer|meir|over|minst|lenger|lengre)\s+enn\b|\bminst\b"
                   r"|\bover\b(?!\s+(?:helg|jul|nyttar|paske|sommer|ferie|nyar))"  # "over helga", "over jul": a time
                   r"|\beller\s+(?:mer|meir|mere|lenger|lengre)\b")  # "et halvt år eller mer"
_LESS = re.compile(r"\b(?:under|mindre|kortere|kortare|innen|innan|maks|maksimalt|max|tops|hoyst|hogst)\b")
# Any negation makes a stated number no certain answer ("kommer ikke til å bli over 26 uker",
# "langt fra seks måneder"): the patterns (patterns.py) and the classifier read those.
# The length will be known after something ("Skal på rehabilitering i tre uker, og etter det vet vi
# mer", "… om noen uker, og først da får jeg vite mer"): the time said is that event's, not the leave's
KNOWN_LATER = re.compile(r"\b(?:etter\s+det|etterpa|deretter|forst\s+da|forst\s+etter\s+det|da|sa)\s+(?:vet|veit|far)\s+"
                         r"(?:vi|jeg|eg|je|a|e|dei|de|legen)\s+(?:vite\s+)?(?:mer|meir|svar|se|sja)\b")
# "Har nokre veker att med fysio, | så får vi sjå": after a treatment's time, a clause of its own that
# waits to see (combined.py, only after a treatment named without words of the leave: "Trenger en
# måned til, så får vi se" gives the leave's length, blind writers agree)
SEE_THEN = re.compile(r"^(?:sa\s+)?(?:far|faar)\s+(?:vi|jeg|eg|je|a|e|dei|de)\s+(?:se|sja)\b")
NEEDS = re.compile(r"\btreng\w*")  # "Legen mener jeg trenger en måned til, så får vi se": the leave's need
# "Eg trur ikkje eg er klar før til sommaren", "neppe tilbake før neste høst": not before an end,
# so at least until it; where that end alone lies past the half year, the leave does too
_NOT_BEFORE = re.compile(r"\b(?:ikke|ikkje|ikkj|itj|neppe)\s+(?:\w+\s+){0,4}?(?:for|forst)\s+(?:til\s+|etter\s+|i\s+|neste\s+|over\s+)?\w")
_MAYBE = re.compile(r"\b(?:kanskje|kanskj|muligens|mulig|kan\s+hende|kan\s+vere|kan\s+vaere)\b")
_NEGATION = re.compile(r"\b(?:ikke|ikkje|ikkj|ikk|itj|kje|aldri|langt\s+(?:fra|ifra|unna))\b")


# Durations that are not the sick leave: time at the job ("jobbet der i 12 år"), the past
# ("for to år siden"), how often ("hvert år"). Looked for in the words just around the number.
_NOT_LEAVE_BEFORE = re.compile(
    r"\b(?:jobbet|jobba|jobber|jobbar|ansatt|tilsett|arbeidet|arbeida|arbeider|vart|vaert|vore|hatt|siste|hvert|kvart|for|etter)\s+(?:\w+\s+){0,3}$"
    # "i alle de 19 årene": a span looked back on
    r"|\balle\s+(?:de|dei|disse)\s+$"
)
# "Jeg er 63 år", "æ e 58 år", "eg fyller 60 år": an age
_AGE_BEFORE = re.compile(r"\b(?:jeg|eg|je|e|a|ae)\s+(?:er|e|ae|a|blir|blei|fyller|fylte|fyllar)\s+(?:snart\s+|na\s+|no\s+)?$")
# An earlier episode told as a story ("Forrige gang jeg kom tilbake, gikk det galt etter en uke"):
# its amounts of time are not the leave to come.
# "den minste er to år", "sønnen min fyller tre år": someone's age (not "det blir to år", "sykmeldingen er et år")
_AGE_OF = re.compile(r"\b(?!det\b|dette\b|da\b|sa\b|sykmeld|sjukmeld|ventetid|behandling|rehab|forlop|tida\b|tiden\b)\w+\s+"
                     r"(?:er|e|fyller|fyllar|fylte|blir|vart|ble)\s+(?:snart\s+|nesten\s+|bare\s+|berre\s+|na\s+|no\s+)?$")
# Events counted over a span so far: "har innkalt meg til tre møter på åtte uker", "ringt to ganger på fire uker"
_COUNT_IN_SPAN = re.compile(r"(?:\b(?:har|hadde)\s+(?:\w+\s+){0,6}?(?:\w+\s+)?|\b(?:\d+|en|ett|ei|to|tre|fire|fem|seks)\s+)"
                            r"(?:moter|motar|ganger|gonger|samtaler|samtalar|meldinger|meldingar|e-poster|eposter)\s+"
                            r"(?:\w+\s+){0,3}?pa\s+(?:over\s+|snart\s+|nesten\s+)?$")
# "Det vet vi om 6 uker", "svaret vet jeg mer om om to uker": when it is known
_KNOWN_IN = re.compile(r"\b(?:vet|veit|vite|veta|vet\s+mer|veit\s+meir)\s+(?:vi|jeg|eg|je|me|dei|de|legen|mer|meir)\s+(?:mer\s+|meir\s+|forst\s+|sikkert\s+)?(?:om\s+det\s+|om\s+)?om\s+$")
# "har fortsatt noen år igjen (til pensjon)": the working years left, not the leave
_YEARS_LEFT_BEFORE = re.compile(r"\b(?:har|har\s+(?:fortsatt|fortsett|enda|enna|enno|bare|berre|kun))\s+$")
_YEARS_LEFT_AFTER = re.compile(r"\s*(?:igjen|att|til\s+(?:pensjon\w*|afp))\b")
# "noen dager føler jeg …", "nokre dagar er eg …": the days told of, the verb before its subject
# ("Noen uker ser det lyst ut, andre uker ikke": some weeks, as some days)
_DAYS_AS_WHEN = re.compile(r"\s*(?:foler|kjenner|kjenne|klarer|klarar|orker|orkar|kan|gar|er|e|ae|har|tenker|tenkjer|vil|ser|ser\s+det|virker|verkar)\s+(?:jeg|eg|je|a|ae|i|det|ut|bra|lyst|fint)\b")
# "i to år nå" after "har": how long something has gone on so far
_NOW_AFTER = re.compile(r"\s*(?:na|no)\s*(?:[.!?,]|$)")
_HAS_BEFORE = re.compile(r"\b(?:har|hev)\b")
# "ut året neste år", "resten av året og hele neste": next year through (not "til neste år")
_NEXT_YEAR_THROUGH = re.compile(r"\b(?:ut|resten\s+av|hele|heile|gjennom)\s+(?:aret\s+)?neste\s+ar\b"
                                r"|\b(?:ut|resten\s+av)\s+aret\s+(?:og\s+|pluss\s+)?(?:hele\s+|heile\s+)?neste\b")
_EARLIER_EPISODE = re.compile(r"\b(?:forrige|forre|sist|siste)\s+gang\b|\bden\s+gangen\b|\bsist\s+(?:jeg|eg|je)\s+var\b")
# "etter" starts the leave's end when it follows being back or fit ("være tilbake etter et par
# uker til", "frisk etter tre måneder"); elsewhere it may be the past ("etter ti år i firmaet").
_BACK_AFTER = re.compile(r"\b(?:tilbake|tebake|attende|frisk\w*|jobb\w*|igjen|att)\s+(?:\w+\s+){0,3}?etter\s+(?:\w+\s+){0,3}$")
# When something happens is not how long the leave lasts: "time hos spesialist om fem uker",
# "operasjonen er om to måneder", "svar på MR om en uke" (folded).
_EVENT_BEFORE = re.compile(
    r"\b(?:time[n]?|timeavtale\w*|operasjon\w*|operert|opereres|svar\w*|kontroll\w*|mr|ct|rontgen\w*|avtale\w*|"
    r"innkalling\w*|spesialist\w*|utredning\w*|undersok\w*|ko|koen|venteliste\w*|sykehus\w*|sjukehus\w*|"
    # life events: "vi flytter til Stavanger om to måneder", "bryllupet er om tre uker", "termin om en måned"
    r"flytter|flytte|flyttar|flytta|flyttinga|flyttingen|flyttelasset|bryllup\w*|gifter|giftar|termin\w*|fodsel\w*|skolestart\w*|kurset|kurs)\s+"
    r"(?:\w+\s+){0,4}(?:om|pa|i|innen|innan|neste|naermare|naermere)\s+(?:\w+\s+){0,2}$"
)
# Perfect tense, then "i" and the amount: how long something has lasted so far ("teamlederen har
# mobbet meg i over et år", "har hatt vondt i to år"), unless more is to come ("har fått
# sykmelding i tre uker til").
# (or what was done to the person, said without "har": "mobba av leder i 2 år")
_SO_FAR_BEFORE = re.compile(r"(?:\b(?:har|hadde|har\s+no|har\s+na)\s+(?:\w+\s+){0,5}|\b(?:mobba|mobbet|plaga|plaget|trakassert|utfryst|baksnakka|baksnakket|mobbing\w*|trakassering\w*|plaging\w*|baksnakking\w*|"
                            r"konflikt\w*|krangel\w*|krangl\w*|uenighet\w*|gnisning\w*)\s+"
                            r"(?:\w+\s+){0,4})i\s+(?:over\s+|mer\s+enn\s+|nesten\s+|snart\s+|bortimot\s+)?$")
# Not in all that time: "ingen har fulgt meg opp på 8 uker", "har knapt tatt kontakt på åtte
# uker", "har ikkje høyrt noko på to månader" (a negated perfect, then "på" and the amount)
_NOT_IN_SO_LONG = re.compile(r"\b(?:har|hadde)\s+(?:\w+\s+){0,2}?(?:ikke|ikkje|itj|knapt|knapt\s+nok|aldri|nesten\s+ikke|nesten\s+ikkje)\s+"
                             r"(?:\w+\s+){0,5}pa\s+(?:over\s+|snart\s+|nesten\s+)?$"
                             r"|\b(?:ingen|ingenting|ikke\s+en)\s+(?:\w+\s+){0,3}?har\s+(?:\w+\s+){0,5}pa\s+(?:over\s+|snart\s+|nesten\s+)?$"
                             # "Ingen kontakt på seks uker", "ikkje ein telefon på to månader": none in all that time
                             r"|\b(?:ingen|inga|ikke\s+en|ikkje\s+ein|null)\s+(?:\w+\s+){0,2}?(?:kontakt|oppfolging|samtale\w*|telefon\w*|melding\w*|beskjed|svar|mote|moter)\s+"
                             r"(?:\w+\s+){0,3}?pa\s+(?:over\s+|snart\s+|nesten\s+)?$")
_LEAVE_SO_FAR = re.compile(r"\b(?:sykmeldt|sykemeldt|sjukmeld\w*|syk|sjuk|borte|heime|hjemme)\s+(?:\w+\s+){0,2}i\s+(?:over\s+|mer\s+enn\s+|nesten\s+|snart\s+|bortimot\s+)?$")
_MORE_TO_COME = re.compile(r"^\s*(?:til|te|fremover|framover|til\s+na|mer|meir)\b")
# "andre uker", "enkelte dagar": periods set against the ones just named (no length of leave)
_OTHER_PERIODS = r"(?:andre|enkelte)\s+(?:uker|veker|dager|dagar|maneder|manader)\b"
# … and so in the clause after one that named an amount: "noen uker hører jeg mye, | andre uker ingenting"
OTHER_WEEKS = re.compile(rf"^(?:men\s+|og\s+)?{_OTHER_PERIODS}")
_NOT_LEAVE_AFTER = re.compile(
    r"^\s*(?:siden|sidan|tilbake|gammel|gamal|i\s+strekk|ventetid\w*|ko|i\s+ko|pa\s+venteliste\w*)\b"
    # "eg tek ein dag om gongen", "en uke av gangen": one at a time, no length
    r"|^\s*(?:om|av|i|for)\s+(?:gang\w*|gong\w*|dag|dagen|uke|veke)\b"
    # weeks described, not counted: "noen uker går bra, andre uker er jeg utslitt"
    # ("noen uker bra og andre uker dårlig": the verb left out)
    r"|^\s*(?:(?:gar|er|e|var|blir)\s+(?:\w+\s+)?)?(?:bra|fint|greit|bedre|betre|verre|darlig|darleg|tyngre|lettere|lettare|godt|tunge|tungt)\b"
    # ("noen uker hører jeg mye, andre uker ingenting": weeks set against other weeks)
    rf"|^[^.!?]{{0,40}}?\b{_OTHER_PERIODS}"
    # ("noen uker er hun kjempegrei, andre uker …": the boss's weeks)
    r"|^\s*(?:er|e|var|blir)\s+(?:hun|han|ho|hu|sjefen|lederen|leiaren)\b"
    # "de 19 årene jeg har kjørt for dem", "dei ti åra eg var der": time at the job, told after it
    r"|^\s*(?:som\s+)?(?:jeg|eg|je|vi|me)\s+(?:(?:har|hadde)\s+(?:\w+\s+){0,2}?(?:jobbet|jobba|vaert|vore|vart|kjort|kjoyrt|arbeidet|arbeida)"
    r"|var\s+(?:der|ansatt|tilsett|i\s+jobben)|jobbet|jobba|arbeidet|arbeida)\b")
# Words that make a stated number one possibility among others: the classifier and its
# confirmation decide. ("kanskje tre uker" still says under.)
_HEDGE = re.compile(
    r"\b(?:usikker|usikre|vet\s+ikke|veit\s+ikkje|vet\s+ik|vetke|aner\s+ikke|tja|enten|eller(?!\s+(?:sa|no|noe|mer|meir|mere|lenger|lengre)\b)|avhenger|"
    r"kommer\s+an|kjem\s+an)\b"
    # a range over the line: "kan bli alt fra noen uker til mange måneder"
    r"|\balt\s+(?:fra|ifra|fra\s+og\s+med)\b.*\btil\b"
    # "…, men det kan bli mer": the number may grow
    r"|\bkan\s+(?:fort\s+|godt\s+|jo\s+|ogsa\s+)?(?:bli|ta|vare)\s+(?:mye\s+|en\s+del\s+)?(?:mer|meir|lenger|lengre)\b(?!\s+enn)"
    # two possibilities side by side: "kanskje et par måneder, kanskje mye lenger"
    r"|\bkanskje\b[^.!?]*\bkanskje\b"
)


# Back at work or declared fit within days ("blir friskmeldt på fredag", "begynner på jobb igjen
# neste uke", "er tilbake på jobben over helga") is about a week more: under half a year. Only
# with words of returning or being declared fit: "time hos legen på fredag" is an appointment.
_DAYS = r"(?:mandag|tirsdag|tysdag|onsdag|torsdag|fredag|lordag|laurdag|sondag|mandagen|fredagen)"
_NEAR = (rf"(?:i\s+morgen|i\s+morra|imorgen|imorra|pa\s+{_DAYS}|fra\s+{_DAYS}|(?:fra\s+)?neste\s+(?:uke|veke|{_DAYS})|"
         r"over\s+helga|over\s+helgen|etter\s+helga|etter\s+helgen|denne\s+uka|denne\s+veka|"
         r"om\s+(?:noen|nokre|et\s+par|eit\s+par|par)\s+dager|om\s+(?:noen|nokre|et\s+par|eit\s+par|par)\s+dagar)")
_BACK = (r"(?:friskmeld\w*|tilbake\s+(?:pa|i)\s+(?:jobb\w*|arbeid\w*)|begynne\w*\s+(?:a\s+jobbe|pa\s+jobb\w*|igjen|att)|"
         r"byrja\w*\s+(?:a\s+jobbe|pa\s+jobb\w*|att|igjen)|starte\w*\s+(?:opp|igjen|pa\s+jobb\w*)|(?:er|blir|vere|vaere)\s+pa\s+jobb\w*)")
_SOON_BACK = re.compile(rf"\b{_BACK}\s+(?:\w+\s+){{0,3}}?{_NEAR}\b|\b{_NEAR}\s+(?:\w+\s+){{0,3}}?{_BACK}"
                        r"|\b(?:er|blir|kommer|kjem|kjaem|vere|vaere)\s+snart\s+(?:tilbake|tebake|pa\s+jobb|i\s+jobb|frisk\w*)\b")


def durations(text: str) -> list[float]:
    """Each duration in the text that can be about the sick leave, in weeks."""
    t = fold(normalise(text))
    found: list[float] = []
    so_far: list[float] = []
    to_come: list[float] = []
    for match in _AMOUNT.finditer(t):
        number, half, unit = match.groups()
        before = t[: match.start()]
        after = t[match.end():]
        value = (float(number.replace(",", ".")) if number[0].isdigit() else float(_NUMBERS[number])) + (0.5 if half else 0.0)
        if _LEAVE_SO_FAR.search(before) and _SO_FAR_BEFORE.search(before) and not _MORE_TO_COME.match(after):
            so_far.append(value * _UNIT_WEEKS[unit])  # "har vært sykmeldt i fem måneder (allerede)"
            continue
        not_leave = _NOT_LEAVE_BEFORE.search(before)
        if not_leave and not_leave.group(0).startswith("etter") and (_BACK_AFTER.search(before) or _MORE_TO_COME.match(after)):
            not_leave = None
        if (unit == "dag" or unit in ("uke", "veke") and number in ("non", "noen", "nokre", "nokon", "enkelte")) and not number[0].isdigit() and _DAYS_AS_WHEN.match(after) and not re.search(r"\b(?:om|i|pa|bare|berre|kun)\s+$", before):
            continue  # "Noen dager føler jeg meg nesten klar, andre dager ikke": some days, not a length
        if unit == "ar" and (_AGE_BEFORE.search(before) or _AGE_OF.search(before) and not _MORE_TO_COME.match(after) or value >= 15 or _YEARS_LEFT_BEFORE.search(before) and _YEARS_LEFT_AFTER.match(after)):
            continue  # "Æ e 63 år", "64 år og utslitt": an age; "har fortsatt noen år igjen": working years left
        if _KNOWN_IN.search(before):
            continue  # "Det vet vi om 6 uker": when it is known, not how long the leave is
        if not_leave or _EVENT_BEFORE.search(before) or _NOT_LEAVE_AFTER.search(after) or _EARLIER_EPISODE.search(before):
            continue
        if _NOW_AFTER.match(after) and _HAS_BEFORE.search(before):
            continue  # "det har gått over stokk og stein med sjefen i to år nå": so far, not to come
        if (_SO_FAR_BEFORE.search(before) or _NOT_IN_SO_LONG.search(before) or _COUNT_IN_SPAN.search(before)) and not _MORE_TO_COME.match(after):
            continue  # "har mobbet meg i over et år": how long something has gone on, not the leave to come
        (to_come if _MORE_TO_COME.match(after) else found).append(value * _UNIT_WEEKS[unit])
    # "har vært sykmeldt i fem måneder allerede, minst tre måneder til": the whole leave is both,
    # and the thresholds are set for what is left after week 8
    found += [weeks + max(so_far) - WEEKS_DONE_AT_ASKING for weeks in to_come] if so_far else to_come
    if (span := total_weeks(t)) is not None:
        found.append(span - WEEKS_DONE_AT_ASKING)
    if re.search(r"\b(?:et|eit)\s+halvt\s+ar\b|\b(?:et|eit)\s+halvar\b|\bhalvaret\b", t):
        found.append(26.0)
    if _NEXT_YEAR_THROUGH.search(t):
        found.append(52.0)  # "ut året neste år", "resten av året og hele neste": next year through (not "til neste år")
    if _SOON_BACK.search(t):
        found.append(1.0)
    return found


def only_past_durations(text: str) -> bool:
    """The text names amounts of time, and none of them is the leave to come ("har mobbet meg i
    over et år", "jobbet der i 12 år"): a reading of it as how long one will be away is a guess."""
    return bool(_AMOUNT.search(fold(normalise(text)))) and not durations(text)


def weeks_mentioned(text: str) -> float | None:
    """The largest duration about the sick leave in the text, in weeks; None when there is none."""
    found = durations(text)
    return max(found) if found else None


# "ikke mer enn tre uker", "ikkje lenger enn til påske", "tre uker til, ikke mer": at most, which
# is no negation of the amount.
_AT_MOST = re.compile(r"\b(?:ikke|ikkje|itj)\s+(?:\w+\s+){0,3}?(?:mer|meir|mere|lenger|lengre)\s+enn\b"
                      r"|,?\s*\b(?:ikke|ikkje|itj)\s+(?:noe\s+|noko\s+)?(?:mer|meir|mere|lenger|lengre)\b(?!\s+enn)\W*$")


def duration_answer(text: str) -> str | None:
    """under_26_uker / over_26_uker when the number leaves no doubt, else None."""
    t = _AT_MOST.sub(" maks ", fold(normalise(text)))
    found = durations(text)
    if _NOT_BEFORE.search(t) and not _HEDGE.search(t) and not _MAYBE.search(t) and (weeks := total_weeks(t)) is not None and weeks >= CLEARLY_OVER_WEEKS + 4:
        return "over_26_uker"
    if not found or _NEGATION.search(t) or _HEDGE.search(t) or KNOWN_LATER.search(t):
        return None
    more, less = bool(_MORE.search(t)), bool(_LESS.search(t))
    if more and less:
        return None
    sides = {_side(weeks, more, less) for weeks in found}
    return sides.pop() if len(sides) == 1 else None  # numbers on both sides (or none sure): not certain


def _side(weeks: float, more: bool, less: bool) -> str | None:
    if weeks >= CLEARLY_OVER_WEEKS and not less:
        return "over_26_uker"
    if weeks <= CLEARLY_UNDER_WEEKS and not more:
        return "under_26_uker"
    if less and weeks <= CLEARLY_OVER_WEEKS - 8:
        return "under_26_uker"  # "innen fire måneder": at most 8 + 17 weeks in total
    return None


def whole_leave_answer(text: str) -> str | None:
    """under/over from how long the whole leave lasts, where the text says when it began or how
    long it has gone on ("sykmeldt siden januar og tilbake i mars"); None otherwise. For reading
    two clauses together that each say half of it."""
    t = fold(normalise(text))
    so_far = any(_LEAVE_SO_FAR.search(t[: m.start()]) and _SO_FAR_BEFORE.search(t[: m.start()]) for m in _AMOUNT.finditer(t))
    return duration_answer(text) if total_weeks(t) is not None or so_far else None
