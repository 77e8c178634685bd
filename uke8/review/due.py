"""What happens next for a case, in one short Norwegian line for the queue and the case page.

The rules and the dates are the lifecycle's: `uke8.lifecycle.timeline.next_due` says what is
due and on which day. This module only words that for the veileder, using the status and the
standing classification (the veileder's decision, else the proposal) where the veileder has
something to do: confirm or override a proposal, look at a case back at a checkpoint, mark a
tailored greeting as handled.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from uke8.cases.status import Status
from uke8.lifecycle import timeline
from uke8.lifecycle.timeline import CaseTime

_CHECKPOINT = re.compile(r"sjekkpunkt_uke(\d+)")


def fmt(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def due_text(due: Mapping[str, str] | None, *, status: str, classification: str | None, returned_week: int | None,
             today: date) -> str:
    """Word `next_due`'s {"what", "on"} (or None: nothing planned) for the veileder.

    A day before `today` means the step is overdue (the scheduler has not run since): the next
    run takes it, and the line says so rather than show a date in the past as if to come.
    """
    what = due["what"] if due else None
    day = date.fromisoformat(due["on"]) if due else None
    late = day is not None and day < today
    when = "ved neste kjøring" if late else fmt(day)
    match = _CHECKPOINT.fullmatch(what or "")
    checkpoint = None
    if match:
        checkpoint = f"Kontrollpunkt uke {match.group(1)} ved neste kjøring" if late else f"Kontrollpunkt uke {match.group(1)}: {when}"

    if status == Status.EKSKLUDERT:
        return "Ingenting: unntatt fra utsending"
    if status == Status.SJEKKPUNKT:
        return f"Kontrollpunkt uke {returned_week}: se over saken" if returned_week else "Kontrollpunkt: se over saken"
    if status == Status.NY_INFORMASJON:
        return "Ny informasjon: vurder saken på nytt, eller spør personen på nytt"
    if status == Status.UBESVART:
        return "Forslag lages ved neste kjøring"
    if status == Status.VURDERT:
        if classification == "tilpasset_hilsen":
            action = "Ta kontakt ved behov, marker som ferdigbehandlet"
        else:
            action = "Bekreft eller overstyr forslaget"
        # An undecided "ikke aktuell nå" proposal still comes back at its checkpoint.
        return f"{action}. {checkpoint}" if checkpoint else action
    if what == "invitasjon":
        return f"Inviteres {when}"
    if what == "paminnelse":
        return f"Påminnelse {when}"
    if what == "frist":
        if late:
            return "Svarfristen er ute: forslag lages ved neste kjøring"
        return f"Vurderes ved svarfrist {when}" if status == Status.RESERVERT else f"Svarfrist {when}"
    if checkpoint:
        return checkpoint
    if status == Status.FERDIGBEHANDLET and classification == "kartlegging":
        return "Kartleggingssamtale"
    return "Ingenting planlagt"


def due_label(case: CaseTime, today: date) -> str:
    """The line for one case, from the lifecycle's own view of it (see `timeline.load_timelines`)."""
    return due_text(
        timeline.next_due(case, today),
        status=case.status,
        classification=case.standing.classification,
        returned_week=timeline.returned_week(case),
        today=today,
    )
