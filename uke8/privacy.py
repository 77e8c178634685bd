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

MAX_STORED_TEXT = 200
REDACTED = "[helseopplysning fjernet]"

_FNR = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")
_PHONE = re.compile(r"(?<![\d])(?:\+|00)?(?:\d[\s-]?){8,12}(?![\d])")

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
    ),
    "medisin": (
        "medisin", "medisiner", "medikament", "tablett", "piller", "pille", "antidepressiv", "lykkepille", "sertralin",
        "cipralex", "escitalopram", "fluoksetin", "zoloft", "vival", "valium", "sobril", "imovane", "paracet",
        "ibux", "ibuprofen", "voltaren", "pinex", "paralgin", "tramadol", "morfin", "oxynorm", "insulin",
        "metformin", "cortison", "kortison", "prednisolon", "antibiotika", "penicillin", "sovemedisin", "sovepille",
        "smertestillende", "cellegift", "kjemo", "cytostatika",
    ),
    "symptom": (
        "smerte", "smerter", "vondt", "verk", "verking", "kvalme", "svimmel", "svimmelhet", "søvnløs", "søvnproblem",
        "insomni", "hodepine", "ryggsmerte", "nakkesmerte", "feber", "blødning", "kramper", "lammelse", "nummen",
        "hjertebank", "pustebesvær", "tungpust", "utslett", "hoven", "hevelse", "stiv", "stivhet", "tretthet",
        "slapp", "orkeslø", "konsentrasjonsvansk", "hukommelses", "gråt", "selvmord", "sjølvmord", "suicid",
    ),
    "behandling": (
        "operasjon", "operert", "operere", "opererast", "kirurg", "strålebehandl", "stråling", "kjemoterapi",
        "fysioterap", "fysio", "kiropraktor", "manuellterap", "psykolog", "psykiater", "dps", "terapi", "terapeut",
        "rehabilitering", "rehab", "innleggelse", "innlagt", "sykehus", "sjukehus", "legevakt", "spesialist",
        "mr", "mri", "ct", "røntgen", "ultralyd", "blodprøve", "biopsi", "dialyse", "transplant", "protese",
        "behandling", "behandlinga", "behandlingen", "utredning", "utgreiing",
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


def _category(word: str) -> str | None:
    folded = {word.lower(), _fold(word)}
    for category, stems in HEALTH_STEMS.items():
        for stem in stems:
            for w in folded:
                # Short stems (ms, mr, ct, dps, ibs, rus, slag) must be whole words, or they
                # would redact "mst", "mrk", "slagord" and so on.
                if (len(stem) <= 4 and w == stem) or (len(stem) > 4 and w.startswith(stem)):
                    return category
    return None


def mask_identifiers(text: str) -> str:
    text = _FNR.sub("[fnr fjernet]", text)
    return _PHONE.sub("[nummer fjernet]", text)


def redact_health(text: str) -> Redaction:
    """Replace every health word; multi-word phrases are handled by their first word."""
    text = unicodedata.normalize("NFC", text)
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        category = _category(match.group(0))
        if category is None:
            return match.group(0)
        if category not in found:
            found.append(category)
        return REDACTED

    redacted = _WORD.sub(replace, text)
    # Collapse runs of markers so a long medical sentence does not become a wall of them.
    redacted = re.sub(rf"(?:{re.escape(REDACTED)}[\s,]*)+", REDACTED + " ", redacted).strip()
    return Redaction(redacted, tuple(found))


def safe_to_store(text: str | None, limit: int = MAX_STORED_TEXT) -> Redaction | None:
    """The form in which free text may be stored: identifiers masked, health redacted, capped."""
    if text is None or not text.strip():
        return None
    redaction = redact_health(mask_identifiers(text.strip()))
    return Redaction(redaction.text[:limit], redaction.categories)
