"""Case statuses (PRODUCT.md §6) and the moves between them.

The spec's lifecycle is invitert → paminnet → besvart | ubesvart | reservert → vurdert →
ferdigbehandlet. Three states are added so every case has one: `registrert` (known, not yet
invited), `ekskludert` (screened out before any message) and `sjekkpunkt` (an "ikke aktuell
nå" case back in the queue at the week 17, 26 or 39 checkpoint, until the veileder decides
again). `ny_informasjon` (issue 16, PRODUCT.md §3b): new information brought a decided case back
to the queue at once, until the veileder decides again or asks the person again.
"""
from __future__ import annotations

from enum import StrEnum

from uke8.cases.errors import CaseError


class Status(StrEnum):
    REGISTRERT = "registrert"
    EKSKLUDERT = "ekskludert"
    INVITERT = "invitert"
    PAMINNET = "paminnet"
    BESVART = "besvart"
    UBESVART = "ubesvart"
    RESERVERT = "reservert"
    VURDERT = "vurdert"
    FERDIGBEHANDLET = "ferdigbehandlet"
    SJEKKPUNKT = "sjekkpunkt"
    NY_INFORMASJON = "ny_informasjon"


ALLOWED: dict[Status, frozenset[Status]] = {
    Status.REGISTRERT: frozenset({Status.INVITERT, Status.EKSKLUDERT}),
    Status.EKSKLUDERT: frozenset(),
    Status.INVITERT: frozenset({Status.PAMINNET, Status.BESVART, Status.UBESVART, Status.RESERVERT, Status.VURDERT}),
    Status.PAMINNET: frozenset({Status.BESVART, Status.UBESVART, Status.RESERVERT}),
    Status.BESVART: frozenset({Status.VURDERT, Status.RESERVERT}),
    Status.UBESVART: frozenset({Status.VURDERT}),
    Status.RESERVERT: frozenset({Status.VURDERT}),
    # A changed situation reopens a decided case: new answers, a new assessment.
    Status.VURDERT: frozenset({Status.FERDIGBEHANDLET, Status.BESVART, Status.RESERVERT, Status.SJEKKPUNKT,
                               Status.NY_INFORMASJON}),
    Status.FERDIGBEHANDLET: frozenset({Status.BESVART, Status.VURDERT, Status.RESERVERT, Status.SJEKKPUNKT,
                                       Status.NY_INFORMASJON}),
    # A later checkpoint may come before the veileder has handled the earlier one.
    Status.SJEKKPUNKT: frozenset({Status.FERDIGBEHANDLET, Status.BESVART, Status.SJEKKPUNKT, Status.NY_INFORMASJON}),
    # New information: the veileder decides again, or asks the person again (invitert: a new
    # round nobody has answered yet; besvart: the person said the situation changed meanwhile).
    Status.NY_INFORMASJON: frozenset({Status.FERDIGBEHANDLET, Status.INVITERT, Status.BESVART, Status.VURDERT,
                                      Status.RESERVERT, Status.SJEKKPUNKT}),
}

# Statuses an "ikke aktuell nå" case can be in when a checkpoint brings it back.
CHECKPOINT_FROM = frozenset({Status.VURDERT, Status.FERDIGBEHANDLET, Status.SJEKKPUNKT})

# Statuses new information brings back to the queue (a case still being asked keeps its status).
NEW_INFORMATION_FROM = frozenset({Status.VURDERT, Status.FERDIGBEHANDLET, Status.SJEKKPUNKT})

# Statuses in which the person can still be asked the questions.
OPEN_FOR_ANSWERS = frozenset({Status.INVITERT, Status.PAMINNET, Status.BESVART})


class StatusError(CaseError):
    """A move the machine forbids: a CaseError, so the JSON API answers 409 as for any refusal."""


def may_move(current: str | None, new: str) -> bool:
    """`current` None: the case is being created, and every case starts as `registrert`."""
    if current is None:
        return Status(new) == Status.REGISTRERT
    return Status(new) in ALLOWED[Status(current)]


def check_move(current: str | None, new: str) -> None:
    if not may_move(current, new):
        raise StatusError(f"a case cannot go from {current or 'nothing'} to {new}")
