"""Classification rules: propose kartlegging or "ikke aktuell nå" for the veileder.

triage-v1 assesses people with an employer; triage-v2 people without one (PRODUCT.md §2:
no q2, reason `uten_arbeidsgiver`). The case's `har_arbeidsgiver` chooses, so a case keeps
v1 for as long as it has an employer, and an assessment once stored keeps its version.
The result is a proposal, never a decision; every reason that holds is recorded so the
veileder can see why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum

from uke8.triage import catalogue
from uke8.triage.screening import CaseFacts

RULE_VERSION = "triage-v1"
RULE_VERSION_V2 = "triage-v2"  # people without an employer

_HIGH_GRADE = 30


class Classification(StrEnum):
    KARTLEGGING = "kartlegging"
    IKKE_AKTUELL_NA = "ikke_aktuell_na"
    TILPASSET_HILSEN = "tilpasset_hilsen"
    EKSKLUDERT = "ekskludert_ingen_hilsen"


@dataclass(frozen=True)
class Answers:
    """Answer codes keyed by the catalogue's slots; ``None`` means not answered."""

    retur: str | None = None
    relasjon: str | None = None
    varighet: str | None = None
    varighet_usikker_grunn: str | None = None

    def __post_init__(self) -> None:
        for field in fields(self):
            code = getattr(self, field.name)
            if code is None:
                continue
            question = catalogue.question_by_slot(field.name)
            if code not in question.codes:
                raise ValueError(f"{code!r} is not a valid answer to {field.name!r}")

    @classmethod
    def from_mapping(cls, m: Mapping[str, str | None]) -> Answers:
        # Callers pass whole slot dicts (a tracker holds more slots than the questions), so
        # unrelated keys are ignored; empty strings are how an unset slot often arrives.
        slots = {field.name for field in fields(cls)}
        return cls(**{key: (value or None) for key, value in m.items() if key in slots})

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)

    @property
    def is_empty(self) -> bool:
        return all(value is None for value in self.as_dict().values())

    @property
    def is_complete(self) -> bool:
        return catalogue.is_complete(self.as_dict())


@dataclass(frozen=True)
class Assessment:
    classification: Classification
    reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION


def _kartlegging_reasons(answers: Answers, facts: CaseFacts, *, unanswered: bool) -> list[str]:
    """Every kartlegging reason that holds, in the order of the PRODUCT.md table.

    A rule whose answer is missing compares ``None`` with a code and so cannot fire.
    """
    high_grade = facts.sykmeldingsgrad >= _HIGH_GRADE
    return_likely = answers.retur == "veldig_sannsynlig"
    duration_unsure = answers.varighet == "usikker"
    candidates = (
        ("retur_usikker_eller_lite_sannsynlig", answers.retur in ("usikker", "lite_sannsynlig")),
        (
            "varighet_over_26_uker",
            return_likely and answers.relasjon == "god" and answers.varighet == "over_26_uker",
        ),
        (
            "relasjon_vanskelig_eller_verken_eller",
            return_likely and answers.relasjon in ("vanskelig", "verken_eller"),
        ),
        ("ubesvart_grad_30_eller_mer", unanswered and high_grade),
        ("varighet_usikker_grad_30_eller_mer", duration_unsure and high_grade),
        (
            "varighet_usikker_annet_enn_behandling",
            duration_unsure and answers.varighet_usikker_grunn == "annet",
        ),
        ("usikre_inngangsvilkar", facts.usikre_inngangsvilkar),
        ("gjentakende_fravaer", facts.gjentakende_fravaer),
    )
    return [code for code, holds in candidates if holds]


def _ikke_aktuell_reason(answers: Answers, facts: CaseFacts) -> str | None:
    """Only meaningful once no kartlegging reason holds."""
    if (
        answers.retur == "veldig_sannsynlig"
        and answers.relasjon == "god"
        and answers.varighet == "under_26_uker"
    ):
        return "god_relasjon_kort_varighet"
    if (
        answers.varighet == "usikker"
        and answers.varighet_usikker_grunn == "behandling"
        and facts.sykmeldingsgrad < _HIGH_GRADE
    ):
        return "usikker_varighet_behandling_lav_grad"
    return None


def _no_answer_assessment(facts: CaseFacts) -> Assessment:
    if facts.sykmeldingsgrad >= _HIGH_GRADE:
        return Assessment(Classification.KARTLEGGING, ("ubesvart_grad_30_eller_mer",))
    return Assessment(Classification.IKKE_AKTUELL_NA, ("ubesvart_lav_grad",))


def rule_version_for(facts: CaseFacts) -> str:
    return RULE_VERSION if facts.har_arbeidsgiver else RULE_VERSION_V2


def classify(answers: Answers, facts: CaseFacts, *, deadline_passed: bool) -> Assessment | None:
    """The proposal (triage-v1, or triage-v2 without an employer), or ``None`` while the
    person may still answer.

    Complete answers are assessed at once. Empty or partial answers wait for the deadline;
    then the answers given count, and the no-answer rules fill in when nothing else fires.
    """
    if not facts.har_arbeidsgiver:
        return _classify_v2(answers, facts, deadline_passed=deadline_passed)
    complete = answers.is_complete
    if not complete and not deadline_passed:
        return None

    empty = answers.is_empty
    reasons = _kartlegging_reasons(answers, facts, unanswered=empty)
    if reasons:
        return Assessment(Classification.KARTLEGGING, tuple(reasons))

    reason = _ikke_aktuell_reason(answers, facts)
    if reason is not None:
        return Assessment(Classification.IKKE_AKTUELL_NA, (reason,))
    if complete:
        # Complete answers without a kartlegging reason always meet one of the two rules
        # above; reaching this means the catalogue and the rules have drifted apart.
        raise AssertionError(f"triage-v1 has no rule for complete answers {answers!r}")
    return _no_answer_assessment(facts)


# -- triage-v2: people without an employer ------------------------------------------------

def _v2_kartlegging_reasons(answers: Answers, facts: CaseFacts) -> list[str]:
    """`uten_arbeidsgiver` holds unless the person answered both q1 `veldig_sannsynlig` and q3
    `under_26_uker` (PRODUCT.md §2). Nobody else follows them up (no employer, no
    oppfølgingsplan), so silence or a skipped question is not that answer: it holds then too.
    The v1 reasons that need no q2 still apply beside it, so the veileder sees every reason;
    the two that need q2 (and `usikker_varighet_behandling_lav_grad`, `ubesvart_lav_grad`,
    which `uten_arbeidsgiver` always outweighs) cannot occur."""
    high_grade = facts.sykmeldingsgrad >= _HIGH_GRADE
    duration_unsure = answers.varighet == "usikker"
    back_soon = answers.retur == "veldig_sannsynlig" and answers.varighet == "under_26_uker"
    candidates = (
        ("uten_arbeidsgiver", not back_soon),
        ("retur_usikker_eller_lite_sannsynlig", answers.retur in ("usikker", "lite_sannsynlig")),
        ("ubesvart_grad_30_eller_mer", answers.is_empty and high_grade),
        ("varighet_usikker_grad_30_eller_mer", duration_unsure and high_grade),
        (
            "varighet_usikker_annet_enn_behandling",
            duration_unsure and answers.varighet_usikker_grunn == "annet",
        ),
        ("usikre_inngangsvilkar", facts.usikre_inngangsvilkar),
        ("gjentakende_fravaer", facts.gjentakende_fravaer),
    )
    return [code for code, holds in candidates if holds]


def _classify_v2(answers: Answers, facts: CaseFacts, *, deadline_passed: bool) -> Assessment | None:
    # q2 is never asked without an employer; an answer stored before the register said so
    # (the feed changed the case during a round) is left out rather than half-counted.
    given = replace(answers, relasjon=None)
    if not catalogue.is_complete(given.as_dict(), har_arbeidsgiver=False) and not deadline_passed:
        return None
    reasons = _v2_kartlegging_reasons(given, facts)
    if reasons:
        return Assessment(Classification.KARTLEGGING, tuple(reasons), RULE_VERSION_V2)
    # No reason holds only when q1 is veldig_sannsynlig and q3 under_26_uker.
    return Assessment(Classification.IKKE_AKTUELL_NA, ("retur_i_arbeid_kort_varighet",), RULE_VERSION_V2)


REASON_TEXTS: dict[str, str] = {
    # kartlegging
    "retur_usikker_eller_lite_sannsynlig": (
        "Usikker på eller lite sannsynlig å komme tilbake i jobben"
    ),
    "varighet_over_26_uker": (
        "Tror på retur og har godt samarbeid med arbeidsgiver, men regner med å være "
        "sykmeldt over 26 uker"
    ),
    "relasjon_vanskelig_eller_verken_eller": (
        "Tror på retur, men opplever samarbeidet med arbeidsgiver som vanskelig eller "
        "verken godt eller vanskelig"
    ),
    "ubesvart_grad_30_eller_mer": (
        "Har ikke svart på alle spørsmålene innen fristen, og sykmeldingsgraden er 30 % eller mer"
    ),
    "varighet_usikker_grad_30_eller_mer": (
        "Usikker på hvor lenge sykmeldingen varer, og sykmeldingsgraden er 30 % eller mer"
    ),
    "varighet_usikker_annet_enn_behandling": (
        "Usikker på hvor lenge sykmeldingen varer, av andre grunner enn behandling"
    ),
    "usikre_inngangsvilkar": "Veileder har markert usikre inngangsvilkår",
    "gjentakende_fravaer": "Har hatt gjentakende sykefravær",
    "uten_arbeidsgiver": (
        "Har ingen arbeidsgiver, og har ikke svart at det er veldig sannsynlig å komme tilbake "
        "i arbeid innen 26 uker"
    ),
    # ikke aktuell nå
    "god_relasjon_kort_varighet": (
        "Tror på retur, har godt samarbeid med arbeidsgiver og regner med å være sykmeldt "
        "under 26 uker"
    ),
    "usikker_varighet_behandling_lav_grad": (
        "Usikker på varigheten fordi det avhenger av behandling, og sykmeldingsgraden er "
        "under 30 %"
    ),
    "ubesvart_lav_grad": (
        "Har ikke svart på alle spørsmålene innen fristen, og sykmeldingsgraden er under 30 %"
    ),
    "retur_i_arbeid_kort_varighet": (
        "Har ingen arbeidsgiver, men tror det er veldig sannsynlig å komme tilbake i arbeid og "
        "regner med å være sykmeldt under 26 uker"
    ),
    # screening
    "ekskludert_ingen_hilsen": "Unntatt: får ingen melding",
    "tilpasset_hilsen": "Får en tilpasset hilsen uten spørsmål",
    "svangerskapsrelatert": "Svangerskapsrelatert sykmelding",
    "uforetrygd_100_under_50_stilling": "100 % uføretrygd og stilling under 50 %",
    "alder_65_eller_mer": "65 år eller eldre",
    "alvorlig_diagnose": "Alvorlig diagnose",
}
