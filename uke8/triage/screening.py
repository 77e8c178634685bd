"""Screening before any message is sent: who gets the questions, a tailored greeting, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

_AGE_TAILORED = 65
# 100 % uføretrygd excludes only when the remaining position is under half time.
_STILLING_EXCLUDED_BELOW = 50


class ScreeningResult(StrEnum):
    SPORSMAL = "sporsmal"
    TILPASSET_HILSEN = "tilpasset_hilsen"
    EKSKLUDERT = "ekskludert_ingen_hilsen"


@dataclass(frozen=True)
class CaseFacts:
    sykmeldingsgrad: int
    gjentakende_fravaer: bool = False
    usikre_inngangsvilkar: bool = False
    alder: int | None = None
    alvorlig_diagnose: bool = False
    svangerskapsrelatert: bool = False
    uforetrygd_100: bool = False
    stillingsprosent: int = 100
    # False for people without an employer: asked without q2 and assessed by triage-v2 (rules.py).
    har_arbeidsgiver: bool = True


@dataclass(frozen=True)
class Screening:
    result: ScreeningResult
    reasons: tuple[str, ...]


def _exclusion_details(facts: CaseFacts) -> list[str]:
    details = []
    if facts.svangerskapsrelatert:
        details.append("svangerskapsrelatert")
    if facts.uforetrygd_100 and facts.stillingsprosent < _STILLING_EXCLUDED_BELOW:
        details.append("uforetrygd_100_under_50_stilling")
    return details


def _tailored_details(facts: CaseFacts) -> list[str]:
    details = []
    if facts.alder is not None and facts.alder >= _AGE_TAILORED:
        details.append("alder_65_eller_mer")
    if facts.alvorlig_diagnose:
        details.append("alvorlig_diagnose")
    return details


def screen(facts: CaseFacts) -> Screening:
    """Exclusion wins: a person who must get no message must not get a tailored one either.

    The reasons list every matching detail (also the tailored ones of an excluded case) so
    the veileder sees the whole picture.
    """
    excluded = _exclusion_details(facts)
    tailored = _tailored_details(facts)
    if excluded:
        return Screening(
            ScreeningResult.EKSKLUDERT,
            (ScreeningResult.EKSKLUDERT.value, *excluded, *tailored),
        )
    if tailored:
        return Screening(
            ScreeningResult.TILPASSET_HILSEN,
            (ScreeningResult.TILPASSET_HILSEN.value, *tailored),
        )
    return Screening(ScreeningResult.SPORSMAL, ())
