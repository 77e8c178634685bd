"""What the person reads about a meeting the veileder proposed (PRODUCT.md §3b), and the lines
from NAV that both sides see in the thread when the person books, moves or cancels it.

Pure. The bot speaks as NAV's automatic service: it passes on the veileder's proposal and the
person's choice, and never writes as the veileder. Every text here is also sent by SMS as it
is (GSM-7 after render.py, no word about health or sick leave: tests/unit/test_meeting_texts.py),
so the options are always every slot in the order offered: the SMS numbers them 1, 2, 3 and the
digit the person answers must mean the same slot as the chat button with that payload.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from uke8.clock import OSLO
from uke8.triage.notices import norwegian_date

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
# How the meeting is held, in the person's words ("en samtale på telefon"); the veileder's own
# message (uke8/thread/texts.py) says it the same way.
FORMS = {"kontor": "på NAV-kontoret", "video": "på video", "telefon": "på telefon", "arbeidsplass": "på arbeidsplassen din"}

CONTACT = "Du når oss på nav.no/skriv-til-oss eller på telefon 55 55 33 33."
_HOW_TO_CHANGE = "Må du avlyse eller flytte samtalen, kan du skrive det her, for eksempel «jeg må flytte samtalen»."
FORWARDED = "Meldingen din er sendt til veilederen din."
_NONE_FITS = "Passer ingen av tidene, kan du skrive det, så finner veilederen din en annen tid."


def slot_label(moment: datetime) -> str:
    """"tirsdag 12. januar kl. 10.00", in Oslo time."""
    local = moment.astimezone(OSLO)
    return f"{WEEKDAYS[local.weekday()]} {norwegian_date(local.date())} kl. {local:%H.%M}"


def form_label(form: str) -> str:
    return FORMS.get(form, "")


def slot_buttons(slots: Sequence[datetime]) -> list[dict[str, str]]:
    """Every slot in the order offered; the payload is its number (a button's click and an
    SMS digit are read alike: uke8/understanding/slot_choice.py)."""
    return [{"title": slot_label(s).capitalize(), "payload": str(i + 1)} for i, s in enumerate(slots)]


def offer(slots: Sequence[datetime], form: str) -> str:
    """The bot points to the veileder's proposal (shown after a message, or when asked again)."""
    if len(slots) == 1:
        return (f"Veilederen din har foreslått en samtale {form_label(form)} {slot_label(slots[0])}. "
                "Passer det, kan du trykke på tiden eller svare ja. Passer det ikke, kan du skrive det, "
                "så finner veilederen din en annen tid.")
    return f"Veilederen din har foreslått en samtale {form_label(form)}. Velg tiden som passer best for deg. {_NONE_FITS}"


def ask_which(slots: Sequence[datetime], candidates: Sequence[int]) -> str:
    """Several slots fit what the person wrote (or one, after saying no to the others): never a guess."""
    if len(candidates) == 1:
        return f"Vil du ha samtalen {slot_label(slots[candidates[0]])}? Trykk på tiden for å velge den. {_NONE_FITS}"
    named = [slot_label(slots[i]) for i in candidates]
    listed = ", ".join(named[:-1]) + " eller " + named[-1]
    return f"Hvilken tid mener du: {listed}? Velg en av tidene."


def not_offered(slots: Sequence[datetime], form: str) -> str:
    return f"Den tiden er ikke blant tidene veilederen din har foreslått. Velg en av disse. {_NONE_FITS}"


def booked(at: datetime, form: str) -> str:
    return (f"Så fint! Samtalen er avtalt {slot_label(at)} {form_label(form)}, og veilederen din har fått beskjed. "
            f"{_HOW_TO_CHANGE}")


def another_time() -> str:
    return ("Takk for beskjed. Veilederen din får vite at ingen av tidene passer, og foreslår nye. "
            "Skriv gjerne hvilke dager og tider som passer best for deg.")


def moved(at: datetime | None) -> str:
    when = f" {slot_label(at)}" if at else ""
    return (f"Takk for beskjed. Samtalen{when} er avlyst, og veilederen din finner en ny tid sammen med deg. "
            "Skriv gjerne hvilke dager og tider som passer best for deg.")


def cancelled(at: datetime | None) -> str:
    when = f" {slot_label(at)}" if at else ""
    return f"Samtalen{when} er avlyst, og veilederen din har fått beskjed. Ønsker du en samtale likevel, kan du skrive det her. {CONTACT}"


# Not saved: nothing is claimed; the person is asked to try again.
CHOICE_NOT_SAVED = ("Beklager, vi fikk ikke registrert svaret ditt om samtalen akkurat nå. Ingenting er endret. "
                    "Prøv igjen om litt. " + CONTACT)


# -- the thread's lines from NAV (both sides read them; the veileder on the case page) ----------

def line_booked(at: datetime, form: str) -> str:
    return f"Samtalen er avtalt {slot_label(at)} {form_label(form)}."


def line_another_time() -> str:
    return "Ingen av de foreslåtte tidene passet, så forslaget gjelder ikke lenger. En ny tid må avtales."


def line_moved(at: datetime | None) -> str:
    when = f" {slot_label(at)}" if at else ""
    return f"Samtalen{when} er avlyst fordi det ble bedt om en ny tid."


def line_cancelled(at: datetime | None) -> str:
    when = f" {slot_label(at)}" if at else ""
    return f"Samtalen{when} er avlyst."
