"""What happens next for a case, in one short line for the queue."""
from __future__ import annotations

from datetime import date, timedelta

from uke8.settings import get_settings

CHECKPOINT_WEEKS = (17, 26, 39)


def week_end(start: date, week: int) -> date:
    """The last day of sick-leave week `week` (day 1 is the start date; week 8 ends on day 56)."""
    return start + timedelta(days=7 * week - 1)


def next_checkpoint(start: date, today: date) -> tuple[int, date] | None:
    for week in CHECKPOINT_WEEKS:
        day = week_end(start, week)
        if day >= today:
            return week, day
    return None


def fmt(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def due_next(
    *,
    status: str,
    proposal: str | None,
    start_date: date,
    invited_on: date | None,
    deadline: date | None,
    reminded: bool,
    checkpoint_week: int | None,
    today: date,
) -> str:
    if status == "registrert":
        return f"Inviteres {fmt(week_end(start_date, 8))}"
    if status == "ekskludert":
        return "Ingenting: unntatt fra utsending"
    if status == "invitert" and invited_on and not reminded:
        return f"Påminnelse {fmt(invited_on + timedelta(days=get_settings().reminder_after_days))}"
    if status in ("invitert", "paminnet", "besvart"):
        return f"Svarfrist {fmt(deadline)}"
    if status == "reservert":
        return f"Vurderes ved svarfrist {fmt(deadline)}"
    if status == "ubesvart":
        return "Forslag lages ved neste kjøring"
    if status == "vurdert":
        if checkpoint_week:
            return f"Kontrollpunkt uke {checkpoint_week}: se over saken"
        if proposal == "tilpasset_hilsen":
            return "Ta kontakt ved behov, marker som ferdigbehandlet"
        return "Bekreft eller overstyr forslaget"
    if status == "ferdigbehandlet":
        if proposal == "kartlegging":
            return "Kartleggingssamtale"
        upcoming = next_checkpoint(start_date, today)
        if upcoming:
            return f"Kontrollpunkt uke {upcoming[0]}: {fmt(upcoming[1])}"
        return "Ingenting planlagt"
    return ""
