"""Texts sent to the person outside a live conversation (through the outbox).

Rules on top of messages.py's tone rules (warm, plain bokmål, voluntary, never a threat about
sykepenger):
- An SMS never says anything about health, and never "sykmelding"/"sykmeldt" either: a phone
  screen can be read by others. The first SMS says who we are, that we want to hear from the
  person, and how to check that the message really is from NAV.
- A chat notice carries the link as the placeholder LINK_PLACEHOLDER; the outbox stores only
  the link's expiry beside the text and signs the link when the message goes out, so neither
  views nor the stored row ever hold the signed link.
- One invitation, at most one reminder: the pilot found more than that "masete".
"""
from __future__ import annotations

from datetime import date


LINK_PLACEHOLDER = "{lenke}"

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")

# Words an SMS must never contain (checked by the tests, and by sms_text() at run time).
SMS_FORBIDDEN = ("sykmeld", "sykemeld", "diagnose", "helse", "syk")

# SMS are kept within two segments (306 GSM-7 characters; tests/sms/test_render.py).
_VERIFY_NAV = "Usikker på om det er NAV? Logg inn på nav.no eller ring 55 55 33 33. Vi ber aldri om passord på SMS."
_NEVER_PASSWORD = "Vi ber aldri om passord på SMS."
_STOP_SMS = "Svar STOPP hvis du ikke vil ha flere meldinger fra oss om dette."
_STOP_SMS_SHORT = "Svar STOPP om du ikke vil ha flere meldinger."


def norwegian_date(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]}"


def sms_text(text: str) -> str:
    lowered = text.lower()
    for word in SMS_FORBIDDEN:
        if word in lowered:
            raise ValueError(f"an SMS must not contain {word!r}")
    return text


def invitation_chat(link_valid_until: date) -> str:
    return (
        "Hei! Veilederen din i NAV vil gjerne høre hvordan det går med deg, og har tre korte "
        "spørsmål. Det er frivillig å svare, og det tar bare noen minutter. "
        f"Du finner spørsmålene her: {LINK_PLACEHOLDER} "
        f"Lenken virker til og med {norwegian_date(link_valid_until)}."
    )


def sms_opening() -> str:
    return sms_text(
        # says who asks (NAV's automatic service, PRODUCT.md §1) within the two segments
        "Hei, dette er NAV. Veilederen din vil gjerne høre fra deg. Svar når det passer, så stiller "
        "vår automatiske tjeneste tre korte spørsmål. Det er frivillig. "
        f"{_VERIFY_NAV} {_STOP_SMS_SHORT}"
    )


def reminder_chat(link_valid_until: date) -> str:
    return (
        "Hei igjen! Vi har ikke hørt fra deg ennå, og det er helt i orden. Har du lyst, kan du "
        f"fortsatt svare på de tre spørsmålene fra veilederen din her: {LINK_PLACEHOLDER} "
        f"Det er frivillig å svare. Lenken virker til og med {norwegian_date(link_valid_until)}."
    )


def reminder_sms() -> str:
    return sms_text(
        "Hei igjen, dette er NAV. Vi har ikke hørt fra deg ennå, og det er helt i orden. "
        "Vil du svare på de tre spørsmålene fra veilederen din, er det bare å svare på denne "
        f"meldingen. Det er frivillig. {_STOP_SMS}"
    )


def ask_again_chat(link_valid_until: date) -> str:
    # Asked again after new information (uke8/lifecycle/ask_again.py): says honestly why, and
    # that it is still voluntary. Never which information: the notice is read outside the page.
    return (
        "Hei igjen! NAV har fått ny informasjon i saken din, og veilederen din vil gjerne høre "
        "hvordan det går med deg nå. Har du lyst, kan du svare på spørsmålene på nytt her: "
        f"{LINK_PLACEHOLDER} Det er frivillig å svare, og det tar bare noen minutter. "
        f"Lenken virker til og med {norwegian_date(link_valid_until)}."
    )


def ask_again_sms() -> str:
    # Within two segments, like the opening SMS: who asks, why, voluntary, how to check it, STOPP.
    return sms_text(
        "Hei, dette er NAV. Vi har fått ny informasjon i saken din. Svar når det passer, så stiller vår "
        "automatiske tjeneste spørsmålene på nytt. Det er frivillig. "
        f"{_VERIFY_NAV} {_STOP_SMS_SHORT}"
    )


def tailored_greeting_chat() -> str:
    return (
        "Hei! Du har fått en melding fra NAV. Du trenger ikke å svare på den. "
        f"Du finner den her: {LINK_PLACEHOLDER}"
    )


def tailored_greeting_sms() -> str:
    return sms_text(
        "Hei, dette er NAV. Veilederen din vil at du skal vite at vi er her hvis du trenger oss. "
        "Du trenger ikke å svare på denne meldingen. Ta gjerne kontakt hvis du ønsker en samtale: "
        f"nav.no/skriv-til-oss eller 55 55 33 33. {_NEVER_PASSWORD}"
    )


# -- Min side and the varsel (uke8/notifications) -------------------------------------------
# A Min side task is read after signing in, so it may say what it is about; its link is a
# separate field. The varsel that follows (SMS) only says there is something from NAV on
# Min side: no link, nothing about health or sick leave.


def minside_task() -> str:
    return ("Veilederen din i NAV vil gjerne høre hvordan det går med deg, og har tre korte spørsmål. "
            "Det er frivillig å svare.")


def minside_task_reminder() -> str:
    return ("Du har fortsatt tre korte spørsmål fra veilederen din i NAV. Det er helt frivillig å svare, "
            "og det tar bare noen minutter.")


def minside_task_again() -> str:
    return ("NAV har fått ny informasjon i saken din, og veilederen din vil gjerne stille deg de tre "
            "spørsmålene på nytt. Det er frivillig å svare.")


def minside_greeting() -> str:
    return "Du har fått en melding fra veilederen din i NAV. Du trenger ikke å svare på den."


def varsel_sms() -> str:
    return sms_text("Hei, dette er NAV. Du har fått en ny melding fra oss. Logg inn på Min side på nav.no for å lese den. "
                    f"{_NEVER_PASSWORD}")


def varsel_reminder_sms() -> str:
    return sms_text("Hei igjen, dette er NAV. Du har en melding fra oss som venter på Min side på nav.no. "
                    f"{_NEVER_PASSWORD}")
