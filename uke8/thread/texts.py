"""What the person reads when their veileder writes (PRODUCT.md §3b), and the veileder's words
when a message cannot go.

Rules on top of uke8/triage/notices.py's:
- A veileder's message is signed with the veileder's name and says plainly that a person at NAV
  wrote it, not the automatic service; the bot never claims to be the veileder.
- By SMS the veileder's own words go out (masked and redacted as stored), with the proposed
  times numbered ("Svar 1, 2 eller 3") in Norwegian, in Europe/Oslo time, and how to ask for
  another time. Nothing about health or sick leave: the SMS rules of notices.sms_text hold for
  the veileder's words too (the use case refuses a message that breaks them).
- On chat the notice (a Min side beskjed and the neutral varsel SMS after it) says only that
  there is a new message, never its words: a varsel can be read on a locked screen.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from uke8.triage import notices
from uke8.triage.meeting_texts import FORMS as FORM_PHRASES  # noqa: F401 - the veileder's words say it as the bot does
from uke8.triage.meeting_texts import slot_label  # noqa: F401 - one wording of a time for both sides

# The name under a message when the veileder has none registered (POST /veiledere `navn`).
FALLBACK_NAME = "Veilederen din i NAV"
# The same for the veileder's page.
FORM_LABELS = {"kontor": "NAV-kontor", "video": "Video", "telefon": "Telefon", "arbeidsplass": "På arbeidsplassen"}
# The veileder's words by SMS stay short: with the greeting, three times and the signature the
# SMS stays within five segments (tests/thread/test_delivery.py counts them).
SMS_TEXT_MAX = 300
SMS_MAX_SEGMENTS = 5


def _named(author_name: str | None) -> str | None:
    name = (author_name or "").strip()
    return name if name and name != FALLBACK_NAME else None


def _options_prompt(count: int) -> str:
    if count == 1:
        return "Svar 1 hvis tiden passer."
    numbers = [str(n) for n in range(1, count + 1)]
    return f"Svar {', '.join(numbers[:-1])} eller {numbers[-1]}."


def meeting_lines(slots: Sequence[datetime], form: str) -> list[str]:
    """The proposal: the form, the numbered times, and how to ask for another time."""
    what = f"Jeg vil gjerne ha en samtale med deg {FORM_PHRASES.get(form, '')}".rstrip()
    lines = [f"{what}. Passer en av disse tidene?" if len(slots) > 1 else f"{what}. Passer denne tiden?"]
    lines += [f"{n} {slot_label(slot)}" for n, slot in enumerate(slots, start=1)]
    lines.append(f"{_options_prompt(len(slots))} Passer ingen, skriv når det passer bedre.")
    return lines


def sms_from_veileder(author_name: str | None, text: str, slots: Sequence[datetime] = (), form: str | None = None) -> str:
    """One SMS: who writes (a person at NAV, not the automatic service), their words, the
    proposed times, and their name under it."""
    name = _named(author_name)
    opening = (f"Hei, dette er {name}, veilederen din i NAV." if name else "Hei, dette er veilederen din i NAV.")
    parts = [f"{opening} Meldingen er fra meg, ikke fra den automatiske tjenesten.", text.strip()]
    if slots:
        parts.append("\n".join(meeting_lines(slots, form or "")))
    parts.append(f"Du kan svare på denne SMS-en. Hilsen {name or 'veilederen din i NAV'}")
    return notices.sms_text("\n\n".join(parts))


def sms_words_refused(text: str) -> str | None:
    """The word that keeps the veileder's text out of an SMS, if any (notices.SMS_FORBIDDEN)."""
    lowered = text.lower()
    return next((word for word in notices.SMS_FORBIDDEN if word in lowered), None)


def chat_notice(link_valid_until: date) -> str:
    """The outbox text of the chat notice (the link is signed when it goes out)."""
    return ("Hei! Du har fått en ny melding fra veilederen din i NAV. Du kan lese den og svare her: "
            f"{notices.LINK_PLACEHOLDER} Lenken virker til og med {notices.norwegian_date(link_valid_until)}.")


def minside_notice() -> str:
    """The Min side beskjed (read after signing in; the link is a field of its own)."""
    return "Du har fått en ny melding fra veilederen din i NAV. Du kan lese den og svare i samtalen."


def varsel_sms() -> str:
    """The neutral SMS after the beskjed: no link, no words of the message."""
    return notices.sms_text("Hei, dette er NAV. Du har fått en ny melding fra veilederen din. Logg inn på Min side "
                            "på nav.no for å lese den. Vi ber aldri om passord på SMS.")


# -- why a message cannot go: (English for the API's 409, Norwegian for the page) ---------------

NOT_INVITED, EXCLUDED, OPTED_OUT, RESERVED, ENDED, NO_MOBILE, STILL_ANSWERING = (
    "ikke_invitert", "ekskludert", "stoppet", "reservert_digital", "avsluttet", "mangler_mobil", "svarer_fortsatt")
UNREACHABLE = {
    NOT_INVITED: ("the person has not been invited yet, so there is no conversation to write in",
                  "Personen er ikke invitert ennå, så det finnes ingen samtale å skrive i. Inviter først, "
                  "eller ta kontakt på annen måte."),
    EXCLUDED: ("the case was screened out: nothing is sent to this person",
               "Saken er silt ut, og vi sender ingenting til personen. Ta kontakt på annen måte om det trengs."),
    OPTED_OUT: ("the person said STOPP: they get no more messages from us",
                "Personen har sagt STOPP og får ikke flere meldinger fra oss. Ta kontakt på annen måte om det trengs."),
    RESERVED: ("the contact register says no digital contact: reach the person another way",
               "Personen er reservert mot digital kontakt i kontakt- og reservasjonsregisteret. "
               "Ta kontakt på annen måte, for eksempel brev eller telefon."),
    ENDED: ("the sick leave has ended: nothing more is sent about it",
            "Sykefraværet er avsluttet, og vi sender ikke flere meldinger om det. Ta kontakt på annen måte om det trengs."),
    NO_MOBILE: ("the person talks by SMS but the case has no mobile number: reach them another way",
                "Personen bruker SMS, men saken har ikke noe mobilnummer. Ta kontakt på annen måte."),
}
# A meeting proposal while the questions are still open would be read as an answer to them.
MEETING_TOO_EARLY = ("the person has not finished the questions yet: propose a time once they have, or write without one",
                     "Personen har ikke svart på spørsmålene ennå. Foreslå tid når de har svart, eller send meldingen "
                     "uten forslag til tid.")
SMS_WORDS = ("an SMS can be read on a locked screen: write without words about sick leave or health ({word})",
             "Personen får meldingen på SMS, som kan leses av andre på en låst skjerm. Skriv uten ord om "
             "sykmelding eller helse (fant «{word}»).")
SMS_HEALTH = ("an SMS must not carry health details: write without them",
              "Personen får meldingen på SMS, som kan leses av andre på en låst skjerm. Skriv uten helseopplysninger "
              "(diagnoser, medisiner, symptomer eller behandling).")
SMS_TOO_LONG = ("too long for an SMS: at most {limit} characters", "Meldingen er for lang for SMS. Den kan være på "
                "høyst {limit} tegn, og den har {length}.")
