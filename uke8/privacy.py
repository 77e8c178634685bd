"""What must never be stored or logged as written: identifiers and health details.

`mask_identifiers` removes fødselsnummer-like and phone-like numbers; `redact_health` replaces
words that reveal diagnoses, medicines, symptoms or treatments with a neutral marker. Both are
pure. The lexicon is deliberately broad: a redacted harmless word costs little, a stored
diagnosis is a breach.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MAX_STORED_TEXT = 200
REDACTED = "[helseopplysning fjernet]"

_FNR = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+|00)?\d(?:[\s-]?\d){7,11}(?![\d])")
# NAV's own public numbers identify nobody; a veileder's "ring 55 55 33 33" must reach the person.
_PUBLIC_NUMBERS = frozenset({"55553333", "4755553333"})

# Stems of health words, bokmål and nynorsk; matched at the start of a word.
HEALTH_STEMS: dict[str, tuple[str, ...]] = {
    "diagnose": (
        "kreft", "krefts", "cancer", "svulst", "tumor", "leukemi", "lymfom", "depresjon", "depresjo", "deprimert",
        "angst", "panikk", "utbrent", "utbrenthet", "utmatting", "bipolar", "schizofren", "psykose", "ptsd", "adhd",
        "autis", "spiseforstyr", "anoreksi", "bulimi", "diabetes", "diabetikar", "diabetiker", "epilepsi",
        "ms", "sklerose", "parkinson", "demens", "alzheimer", "hjerteinfarkt", "infarkt", "hjerneslag", "slag",
        "astma", "kols", "revmat", "artritt", "artrose", "fibromyalgi", "me/cfs", "cfs", "senvirk",
        "covid", "korona", "prolaps", "skiveprolaps", "isjias", "brudd", "beinbrudd", "benbrudd", "korsbånd",
        "menisk", "tendinitt", "senebetennelse", "betennelse", "infeksjon", "lungebetennelse", "hjernerystelse",
        "whiplash", "nakkesleng", "migrene", "tinnitus", "crohn", "kolitt", "ibs", "cøliaki", "coliaki", "endometriose",
        "graviditet", "gravid", "svangerskap", "abort", "spontanabort", "fødselsdepresjon", "rus", "alkohol",
        "avhengighet", "sykdom", "sjukdom", "diagnos", "lidelse", "hjerte", "lunge", "nyre",
        "helvetesild", "gikt", "slitasjegikt", "slitasje", "beinbrot", "brot", "brakk", "brukket", "brekt",
        "forstuing", "forstuet", "avrivning", "skade", "skadet", "kneskade", "ryggskade", "nakkeskade",
        "utbrend", "utbrent", "depressiv", "nedstemt", "psykisk", "psykiske", "traume", "traumer",
        "allergi", "eksem", "psoriasis", "stoffskifte", "lavt stoffskifte", "hjernesvulst", "brystkreft",
        "prostata", "livmor", "hjerteflimmer", "blodpropp", "blodtrykk", "kolesterol", "hepatitt", "hiv",
        "svangerskapsforgiftning", "bekkenløsning", "bekkenlosning", "kvalm", "svimmel",
    ),
    "medisin": (
        "medisin", "medisiner", "medikament", "tablett", "piller", "pille", "antidepressiv", "lykkepille", "sertralin",
        "cipralex", "escitalopram", "fluoksetin", "zoloft", "vival", "valium", "sobril", "imovane", "paracet",
        "ibux", "ibuprofen", "voltaren", "pinex", "paralgin", "tramadol", "morfin", "oxynorm", "insulin",
        "metformin", "cortison", "kortison", "prednisolon", "antibiotika", "penicillin", "sovemedisin", "sovepille",
        "smertestillende", "cellegift", "kjemo", "cytostatika", "injeksjon", "sprøyte", "ritalin", "concerta",
        "lamictal", "lyrica", "truxal", "atarax", "melatonin", "antihistamin", "penicilin", "medisinering",
        "opioid", "kodein", "nobligan", "albyl", "marevan", "eliquis", "levaxin", "ozempic",
    ),
    "symptom": (
        "smerte", "smerter", "vondt", "verk", "verking", "kvalme", "svimmel", "svimmelhet", "søvnløs", "søvnproblem",
        "insomni", "hodepine", "ryggsmerte", "nakkesmerte", "feber", "blødning", "kramper", "lammelse", "nummen",
        "hjertebank", "pustebesvær", "tungpust", "utslett", "hoven", "hevelse", "stiv", "stivhet", "tretthet",
        "slapp", "orkeslø", "konsentrasjonsvansk", "hukommelses", "gråt", "selvmord", "sjølvmord", "suicid",
        "søvnvansk", "søvnvanskar", "sover dårlig", "sov dårleg", "søv dårleg", "vondt", "verkjer", "verker",
        "smertene", "smertane", "hodeverk", "ryggvondt", "migrne", "utmattet", "utmatta", "panikkanfall",
        "angstanfall", "tungsinn",
    ),
    "behandling": (
        "operasjon", "operert", "operere", "opererast", "kirurg", "strålebehandl", "stråling", "kjemoterapi",
        "fysioterap", "fysio", "kiropraktor", "manuellterap", "psykolog", "psykiater", "dps", "terapi", "terapeut",
        "rehabilitering", "rehab", "innleggelse", "innlagt", "sykehus", "sjukehus", "legevakt", "spesialist",
        "mr", "mri", "ct", "røntgen", "ultralyd", "blodprøve", "biopsi", "dialyse", "transplant", "protese",
        "behandling", "behandlinga", "behandlingen", "utredning", "utgreiing", "gips", "gipsen", "opptrening",
        "sjukehus", "smerteklinikk", "poliklinikk", "fastlege", "legetime", "kontroll", "samtaleterapi",
        "kognitiv", "akupunktur", "hofteoperasjon", "kneoperasjon", "ryggoperasjon", "rusbehandling",
        "narkose", "sykmeldt av legen", "innlagt",
    ),
}

_WORD = re.compile(r"[\wæøåÆØÅ/]+", re.UNICODE)


@dataclass(frozen=True)
class Redaction:
    text: str
    categories: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.categories)


def _fold(word: str) -> str:
    word = word.lower()
    return word.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")


# Compounds whose head is a workplace or an office, not a health detail ("operasjonsavdelingen",
# "sykehusportøren"), and NAV's own "behandling" of a case.
_NOT_HEALTH_HEADS = ("avdeling", "pleier", "personal", "portør", "kantine", "resepsjon", "reinhald", "renhold", "vakt")
_PROTECTED = (
    # NAV's own "behandling" of a case is no treatment.
    re.compile(r"\bbehandling\w*\s+av\s+(?:saken|søknaden|saka|klagen|klaga)", re.IGNORECASE),
    # A hospital as a workplace: "jobber på sykehuset".
    re.compile(r"\b(?:jobb|arbeid)\w*\s+(?:på|ved|pa)\s+(?:et\s+|eit\s+)?(?:sykehus|sjukehus|legevakt|legekontor)\w*", re.IGNORECASE),
    # "eksempel" is no eczema ("eksem" is a stem of the diagnosis list).
    re.compile(r"\beksemp\w*", re.IGNORECASE),
)
# Body parts reveal where the illness is; redacted when the text carries a health detail.
BODY_PARTS = (
    "rygg", "nakke", "kne", "kneet", "knær", "hofte", "skulder", "skuldra", "skulderen", "arm", "armen", "albue",
    "håndledd", "handledd", "hånd", "hånda", "hånden", "fot", "foten", "ankel", "ankelen", "legg", "leggen", "lår",
    "hode", "hovud", "hovudet", "hodet", "mage", "magen", "bryst", "brystet", "hjerte", "hjertet", "lunge",
    "lungene", "nyre", "nyrene", "tarm", "tarmen", "bekken", "bekkenet", "ansikt", "ansiktet", "øye", "øyet",
    "øyne", "øre", "øret", "ørene", "tann", "tenner", "kjeve", "kjeven", "ryggen", "nakken", "hofta", "hoften",
    "foten", "føttene", "beina", "beinet", "benet", "bena", "fingeren", "fingrene", "tærne", "sene", "senen",
    "menisken", "korsbåndet", "ryggraden", "skjelettet", "muskel", "musklene", "ledd", "leddene",
)
_BODY_PART = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(BODY_PARTS, key=len, reverse=True))) + r")\b", re.IGNORECASE)
# Uppercase abbreviations that are common words in lowercase (nynorsk "me" = we).
_CASE_SENSITIVE = {"ME": "diagnose", "MS": "diagnose", "CFS": "diagnose", "KOLS": "diagnose"}
_SINGLE_WORD_STEMS = {c: tuple(s for s in stems if " " not in s) for c, stems in HEALTH_STEMS.items()}
_PHRASE_PATTERNS = tuple(
    (c, re.compile(rf"\b{re.escape(s)}\b", re.IGNORECASE)) for c, stems in HEALTH_STEMS.items() for s in stems if " " in s
)


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=8192)
def _category(word: str) -> str | None:
    if word in _CASE_SENSITIVE:
        return _CASE_SENSITIVE[word]
    candidates = {word.lower(), _fold(word)}
    if any(head in w for w in candidates for head in _NOT_HEALTH_HEADS):
        return None
    for category, stems in _SINGLE_WORD_STEMS.items():
        for stem in stems:
            for w in candidates:
                # Short stems (ms, mr, ct, dps, ibs, rus, slag) must be whole words, or they
                # would redact "mst", "mrk", "slagord" and so on.
                if len(stem) <= 4:
                    if w == stem:
                        return category
                    continue
                if w.startswith(stem):
                    return category
                # The head of a compound: "hofteoperasjon", "rusbehandling", "nakkesmerter".
                if len(stem) >= 6 and stem in w[3:]:
                    return category
                # One typo in a longer word: "migrne", "depresjn".
                if len(stem) >= 7 and len(w) >= 6 and _one_edit_apart(w[: len(stem)], stem):
                    return category
    return None


def mask_identifiers(text: str) -> str:
    text = _FNR.sub("[fnr fjernet]", text)
    return _PHONE.sub(_masked_number, text)


def _masked_number(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0)).removeprefix("00")
    return match.group(0) if digits in _PUBLIC_NUMBERS else "[nummer fjernet]"


def redact_health(text: str) -> Redaction:
    """Replace every health word; multi-word phrases are handled by their first word."""
    text = unicodedata.normalize("NFC", text)
    found: list[str] = []

    protected = [m.span() for pattern in _PROTECTED for m in pattern.finditer(text)]

    def replace(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in protected):
            return match.group(0)
        category = _category(match.group(0))
        if category is None:
            return match.group(0)
        if category not in found:
            found.append(category)
        return REDACTED

    for category, pattern in _PHRASE_PATTERNS:
        if pattern.search(text):
            text = pattern.sub(REDACTED, text)
            if category not in found:
                found.append(category)
    redacted = _WORD.sub(replace, text)
    if found:
        redacted = _BODY_PART.sub(REDACTED, redacted)
    # Collapse runs of markers so a long medical sentence does not become a wall of them.
    redacted = re.sub(rf"(?:{re.escape(REDACTED)}[\s,]*)+", REDACTED + " ", redacted).strip()
    return Redaction(redacted, tuple(found))


def safe_to_store(text: str | None, limit: int = MAX_STORED_TEXT) -> Redaction | None:
    """The form in which free text may be stored: identifiers masked, health redacted, capped."""
    if text is None or not text.strip():
        return None
    # Health first: the identifier markers must not be read as words.
    redaction = redact_health(text.strip())
    redaction = Redaction(mask_identifiers(redaction.text), redaction.categories)
    return Redaction(redaction.text[:limit], redaction.categories)
