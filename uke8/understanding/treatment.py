"""Whether a reason speaks of medical treatment or its waiting (q3_grunn: "behandling" or
"annet"), read from the words themselves.

q3_grunn has two codes, and the classifier's doubt between them is often plain in the words:
"det er ikke jobben, det er at jeg venter på strålebehandling" is read as "annet" because it
speaks of the job, "venter på svar på søknad om ny stilling" as "behandling" because it waits
for an answer. Where the classifier is only fairly sure and the words disagree with it, the
live form offers both (reading.read_message); it never records on the words alone.
"""
from __future__ import annotations

import re

from uke8.understanding.normalise import fold, normalise

# Folded (æ/ø/å as a/o/a). Treatment, examinations, appointments and the people who give them.
_TREATMENT = re.compile(
    r"\b(?:\w*behandl\w*|\w*operasjon\w*|operer\w*|opererast|kirurg\w*|cellegift\w*|kjemo\w*|straling\w*|\w*klinikk\w*|"
    r"nevrolog\w*|kardiolog\w*|ortoped\w*|revmatolog\w*|onkolog\w*|gynekolog\w*|urolog\w*|hudlege\w*|\w*spesialist\w*|"
    r"ct|mr|mri|pet|rontgen\w*|ultralyd\w*|scan\w*|skann\w*|biopsi\w*|"
    # "prøver" the tests, not the verb after its subject ("de prøver virkelig", "jeg prøver å …")
    r"(?<!jeg )(?<!eg )(?<!je )(?<!de )(?<!dei )(?<!han )(?<!hun )(?<!ho )(?<!vi )(?<!me )(?<!sjefen )(?<!lederen )(?<!leiaren )"
    r"prover(?!\s+(?:a|virkelig|verkeleg|hardt|sitt|sa\s+godt|sa\s+godt\s+de|og|ogsa|igjen|att|meg|seg|litt|pa|med)\b)(?!\s+\d)|proven|provene|provesvar\w*|blodprov\w*|"
    # "ta en prøve", "nye prøver" (not the verb: "vi skal i alle fall prøve")
    r"(?:ta|tar|tatt|tok|nye?|flere|fleire)\s+(?:en\s+|ei\s+|nye?\s+)?prove\w*|"
    r"utredning\w*|utgreiing\w*|undersok\w*|spesialist\w*|sykehus\w*|sjukehus\w*|poliklinikk\w*|"
    r"lege\w*|fastleg\w*|doktor\w*|kontroll\w*|henvis\w*|tilvis\w*|rehab\w*|fysio\w*|kiropraktor\w*|"
    r"psykolog\w*|psykiater\w*|dps|\w*terapi\w*|terapeut\w*|medisin\w*|medikament\w*|innleggelse\w*|"
    # ("samtaleterapi"; a medicine by its kind or its dose: "dosen på antidepressiva ble justert")
    r"antidepress\w*|\w*dempende|tablett\w*|pillene|dosen|dosering\w*|"
    r"diagnose\w*|time\s+hos|timen\s+hos|sprøyte\w*|sproyte\w*|transplant\w*|stralebehandl\w*|inngrep\w*|akupunktur\w*|"
    r"naprapat\w*|osteopat\w*|manuellterapeut\w*|opptrening\w*|venteliste\w*|protese\w*|"
    # an assessment for treatment ("til vurdering for nye knær"; not the verb: "vurderer å slutte")
    r"(?:til|pa|etter)\s+(?:en\s+|ei\s+|ny\s+)?vurdering\w*|"
    # a course or group for what one is ill from ("gruppeopplegg for angst", "kurs mot smerter")
    r"\w*(?:kurs|gruppe|opplegg|program)\w*\s+(?:for|mot|om)\s+(?:\w+\s+)?(?:angst|depresjon\w*|smerte\w*|stress|utbrent\w*|sovn\w*|panikk\w*|traume\w*))\b"
)
# "ikke behandlingen", "ikkje noko med legen å gjere": the treatment is denied, not given.
# (not the doubt before a wait: "vet ikke, venter på operasjon", "ikke sikker, venter på behandling")
# ("Ingen venteliste eller operasjon her": the list denied too; the verb "venter" is the wait itself)
_DENIED = re.compile(r"(?<!vet )(?<!veit )(?<!vett )(?<!aner )\b(?:ikke|ikkje|ikkj|itj|kje|ingen|inga)\s+(?:(?!vent(?:er|ar|e|a|t)?\s)\w+\s+){0,3}?"
                     r"(?:\w*behandl\w*|lege\w*|operasjon\w*|medisin\w*|venteliste\w*)")


# Waiting on something else entirely: a job application, the bank, the insurer, NAV
_OTHER_ERRAND = re.compile(r"\b(?:sokt|soker|sokte|soknad\w*|jobb\w*|stilling\w*|intervju\w*|bank\w*|lan|forsikring\w*|"
                           r"barnehage\w*|nav|bolig\w*|leilighet\w*|husleie\w*|"
                           # the employer's follow-up ("ikke fått en eneste oppfølgingssamtale"), no treatment
                           r"oppfolging\w*|dialogmot\w*|medarbeidersamtal\w*)\b")


# A reason of another kind named outright: the employer or the job, a meeting, money, family or
# someone else's health ("mora mi er alvorlig sjuk"), or the health itself ruled out ("ikke helse").
_OTHER_REASON = re.compile(r"\b(?:\w*sjef\w*|\w*leder\w*|\w*leiar\w*|arbeidsgiver\w*|arbeidsgjevar\w*|jobb\w*|arbeidsplass\w*|"
                           r"\w*mote|\w*motet|omorganiser\w*|nedbemann\w*|konflikt\w*|kollega\w*|okonomi\w*|penger|pengar|"
                           # (folded, "får" is "far": the father only as "faren", "far min", "min far")
                           r"familie\w*|mor|mora|moren|mamma|faren|far\s+(?:min|mi)|(?:min|mi)\s+far|pappa|barn|barna|ungane|ungene|mann|mannen|kona|samboer\w*|"
                           r"omsorg\w*)\b")
# The health ruled out as the reason: "ikke helse", "ikkje med kroppen", "det er ikke sykdommen"
_NOT_HEALTH = re.compile(r"\b(?:ikke|ikkje|itj)\s+(?:\w+\s+)?(?:helse\w*|helsa|kropp|kroppen|sykdommen|sjukdommen)\b")


def other_reason(text: str) -> bool:
    """The text names a reason of another kind than treatment ("møte med arbeidsgiver neste
    uke", "mor mi trenger hjelp", "problem med sjef, ikke helse"), a treatment beside it or not."""
    folded = fold(normalise(text))
    return bool(_OTHER_REASON.search(folded) or _NOT_HEALTH.search(folded))


def health_denied(text: str) -> bool:
    """The health is ruled out as the reason ("problem med sjef, ikke med kropp")."""
    return bool(_NOT_HEALTH.search(fold(normalise(text))))


def other_errand(text: str) -> bool:
    """The text waits on something that is no treatment ("søkt ny jobb og venter på svar")."""
    folded = fold(normalise(text))
    return bool(_OTHER_ERRAND.search(folded)) and not _TREATMENT.search(folded)


def denies_treatment(text: str) -> bool:
    """"ikke behandlingen …", "ingen operasjon …": the treatment is named only to be denied."""
    return bool(_DENIED.search(fold(normalise(text))))


def mentions_treatment(text: str) -> bool:
    folded = fold(normalise(text))
    return bool(_TREATMENT.search(folded)) and not _DENIED.search(folded)


# The health swinging with no treatment named ("Ryggen er bra en uke, så blir den verre igjen", "Én dag er
# jeg ok, neste dag er alt mørkt"): how the body or mind feels is a reason of another kind than treatment
_SWINGS = re.compile(r"\b(?:svinger|svingar|varierer|varierar|opp\s+og\s+ned|fra\s+dag\s+til\s+dag|fra\s+uke\s+til\s+uke|fra\s+veke\s+til\s+veke)\b"
                     r"|\b(?:en|én|ein|ei|noen|non|nokre|nokon|enkelte)\s+(?:dag|dager|dagar|uke|uker|veke|veker)\b[^.!?]{0,40}\b(?:neste|andre|anna|den\s+neste)\s+(?:dag|dager|dagar|uke|uker|veke|veker)\b"
                     r"|\b(?:bra|fin|ok|grei|god)\s+(?:en|ein|ei)\s+(?:dag|uke|veke)\b[^.!?]{0,30}\b(?:verre|darligere|darlegare|vondt|vont)\b")


def health_swings(text: str) -> bool:
    folded = fold(normalise(text))
    return bool(_SWINGS.search(folded)) and not mentions_treatment(text)
