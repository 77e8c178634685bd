"""The conversation's texts as SMS: shorter, and with nothing about health or sick leave.

The bot speaks the same on every channel (uke8/triage/messages.py, catalogue.py); a reply that
goes out by SMS is put into SMS shape by render.py, which takes the SMS wording for a text
from `SMS_VERSIONS` here. Rules on top of messages.py's tone rules:
- One or two segments a text where possible (160/306 GSM-7 characters), plain GSM-7 (no
  « », curly quotes, dashes or emoji: render.py replaces what slips through).
- Nothing about health, diagnoses or treatment, and no word about sick leave of our own
  making: an SMS can be read on a locked screen. The three questions keep the catalogue's
  exact wording (PRODUCT.md §1; the stored snapshot is the same on both channels): the person
  asked for them by answering the first SMS, which said only that NAV wants to hear from them.
- Always how to reach NAV, and that "ikke aktuell nå" can change.
"""
from __future__ import annotations

from uke8.triage.messages import (
    CONTACT_INFO,
    GREETING,
    GREETING_UTEN_ARBEIDSGIVER,
    MEETING_TIME_PROMPT,
    NOT_UNDERSTOOD,
    PRIVACY_NOTICE,
    PRIVACY_NOTICE_UTEN_ARBEIDSGIVER,
    REPLIES,
    REPLIES_UTEN_ARBEIDSGIVER,
    TAILORED_GREETING,
    outcome_message,
)

CONTACT_SMS = "Du kan alltid kontakte oss på nav.no/skriv-til-oss eller 55 55 33 33."

# Honest about who asks (PRODUCT.md §1): NAV's automatic service, for the veileder.
GREETING_SMS = (
    "Takk for svaret! Dette er en automatisk tjeneste fra NAV. Veilederen din vil gjerne bli "
    "bedre kjent med situasjonen din og leser svarene. Har du mulighet til å svare på tre korte "
    "spørsmål?"
)
PRIVACY_SMS = (
    "Bare veilederen din i NAV leser svarene, aldri arbeidsgiveren din. Det er frivillig å "
    "svare, og du trenger ikke skrive noe om helsen din. Vi sletter svarene når oppfølgingen "
    'er ferdig. Vil du ikke at vi lagrer dem, skriv "Jeg vil ikke at dere lagrer dette".'
)
# People without an employer (triage-v2): two questions, and no word about an employer.
GREETING_SMS_UTEN_ARBEIDSGIVER = GREETING_SMS.replace("tre korte", "to korte")
PRIVACY_SMS_UTEN_ARBEIDSGIVER = PRIVACY_SMS.replace("Bare veilederen din i NAV leser svarene, aldri arbeidsgiveren din.",
                                                    "Bare veilederen din i NAV leser svarene.")
MEETING_TIME_SMS = 'Hvilke dager og tidspunkter passer best for deg? Skriv gjerne med egne ord, som "tirsdag eller torsdag formiddag".'
NOT_UNDERSTOOD_SMS = "Beklager, det forsto jeg ikke helt. Svar med et tall, eller skriv med egne ord."

_THANKS = "Takk for svarene!"
_THANKS_UNANSWERED = "Vi har ikke fått svar på alle spørsmålene, og det er helt i orden."
_KARTLEGGING = (
    "Veilederen din vil gjerne snakke med deg om situasjonen din og om NAV kan hjelpe. "
    "Del gjerne oppfølgingsplanen din med NAV før samtalen (logg inn på nav.no)."
)
_IKKE_AKTUELL_OPENING = {
    "god_relasjon_kort_varighet": "Takk for svarene! Du har god dialog med arbeidsgiveren din og regner med å være tilbake innen seks måneder.",
    "ubesvart_lav_grad": _THANKS_UNANSWERED,
    "retur_i_arbeid_kort_varighet": "Takk for svarene! Du regner med å være tilbake i arbeid innen seks måneder.",
}
_IKKE_AKTUELL = (
    "Slik det ser ut nå, trenger du ikke et samarbeid med oss for å komme tilbake til jobben. "
    "Det kan endre seg: ta gjerne kontakt hvis situasjonen din endrer seg. nav.no/skriv-til-oss eller 55 55 33 33."
)
# Without an employer: no oppfølgingsplan (it is made with the employer), no "jobben".
_KARTLEGGING_UTEN_ARBEIDSGIVER = "Veilederen din vil gjerne snakke med deg om situasjonen din og om NAV kan hjelpe."
_IKKE_AKTUELL_UTEN_ARBEIDSGIVER = _IKKE_AKTUELL.replace("tilbake til jobben", "tilbake i arbeid")
TAILORED_GREETING_SMS = (
    "Hei! Veilederen din i NAV vil at du skal vite at vi er her hvis du trenger oss. Du trenger "
    "ikke å svare. Ta gjerne kontakt hvis du ønsker en samtale: nav.no/skriv-til-oss eller 55 55 33 33."
)


def _privacy_sms(har_arbeidsgiver: bool) -> str:
    employer = ", ikke arbeidsgiveren din" if har_arbeidsgiver else ""
    return (f"Bare veilederen din i NAV leser svarene{employer}. Vi sletter dem når oppfølgingen er ferdig. "
            'Du trenger ikke skrive noe om helsen din. Vil du ikke at vi lagrer svarene, skriv "Jeg vil ikke '
            'at dere lagrer dette".')


def _kartlegging_sms(har_arbeidsgiver: bool) -> str:
    places = "på video, på telefon eller på arbeidsplassen" if har_arbeidsgiver else "på video eller på telefon"
    return ("Kartlegging betyr at veilederen din tar en prat med deg om situasjonen din, planene dine og om NAV "
            f"kan hjelpe. Det kan være på NAV-kontoret, {places}.")


REPLIES_SMS: dict[str, str] = {
    "hvorfor": (
        "Dette er en automatisk tjeneste fra NAV. Vi spør alle i samme situasjon som deg hvordan det "
        "går, slik at vi kan hjelpe tidlig hvis det trengs. Det betyr ikke at noe er galt. "
        "Veilederen din leser svarene."
    ),
    "personvern": _privacy_sms(har_arbeidsgiver=True),
    # the person asked about it in their own words, so the answer may name it
    "sykepenger": "Nei, du mister ikke sykepengene dine om du ikke svarer. Det er helt frivillig å svare.",
    "hva_er_kartlegging": _kartlegging_sms(har_arbeidsgiver=True),
    "menneske": "Selvfølgelig. Vi har sagt fra til veilederen din, som tar kontakt med deg. " + CONTACT_SMS,
    "stopp": "Den er grei. Vi sender deg ikke flere meldinger om dette. Svarene du har gitt, ser veilederen din. " + CONTACT_SMS,
    "ukjent_avsender": (
        "Hei! Dette nummeret tar bare imot svar fra personer som har fått en melding fra NAV. "
        "Har du spørsmål, kan du kontakte NAV på nav.no/skriv-til-oss eller 55 55 33 33."
    ),
    "allerede_ferdig": (
        "Du har allerede svart på spørsmålene, takk! Veilederen din har fått svarene. "
        'Skriv "situasjonen min har endret seg" hvis noe er annerledes nå.'
    ),
    "reservert": "Du har sagt at du ikke vil bli kontaktet om dette, og det respekterer vi. " + CONTACT_SMS,
    "helse_paminnelse": "Takk. Du trenger ikke fortelle oss om helsen din, så vi lagrer ikke de delene av det du skrev.",
    "hade": "Ha det fint! Du kan svare på denne meldingen når det passer deg.",
}

# Without an employer (messages.REPLIES_UTEN_ARBEIDSGIVER): no word about one by SMS either.
REPLIES_SMS_UTEN_ARBEIDSGIVER: dict[str, str] = {
    "personvern": _privacy_sms(har_arbeidsgiver=False),
    "hva_er_kartlegging": _kartlegging_sms(har_arbeidsgiver=False),
}

# The one neutral reply a number that belongs to no open SMS invitation gets (inbound.py):
# it says nothing about whether the number is known, and nothing about anyone.
UNKNOWN_NUMBER_SMS = REPLIES_SMS["ukjent_avsender"]

# The honest reply when an SMS could not be answered after every attempt (the bot did not
# answer: inbound.py): the message is kept for the veileder, and the case is flagged in the queue.
NOT_SAVED_SMS = "Beklager, vi fikk ikke lagret svaret ditt akkurat nå. Veilederen din ser meldingen din og tar kontakt."


def _outcome_versions() -> dict[str, str]:
    """Every text outcome_message() can give, with its SMS version. The texts depend only on
    these reasons: answered or not, recurring absence (kartlegging), the opening (ikke aktuell)."""
    versions: dict[str, str] = {}
    for employer in (True, False):
        kartlegging = _KARTLEGGING if employer else _KARTLEGGING_UTEN_ARBEIDSGIVER
        for unanswered in (False, True):
            for recurring in (False, True):
                reasons = (["ubesvart_grad_30_eller_mer"] if unanswered else ["retur_usikker_eller_lite_sannsynlig"]) + (
                    ["gjentakende_fravaer"] if recurring else [])
                # Recurring absence is not named in an SMS (a screen can be read by others).
                versions[outcome_message("kartlegging", reasons, employer)] = " ".join(
                    [_THANKS_UNANSWERED if unanswered else _THANKS, kartlegging, CONTACT_SMS])
        openings = {k: v for k, v in _IKKE_AKTUELL_OPENING.items() if employer or k != "god_relasjon_kort_varighet"}
        for reason in ("god_relasjon_kort_varighet", "usikker_varighet_behandling_lav_grad", "ubesvart_lav_grad",
                       "retur_i_arbeid_kort_varighet", None):
            reasons = [reason] if reason else []
            # The treatment variant says nothing about treatment by SMS.
            versions[outcome_message("ikke_aktuell_na", reasons, employer)] = " ".join(
                [openings.get(reason or "", _THANKS), _IKKE_AKTUELL if employer else _IKKE_AKTUELL_UTEN_ARBEIDSGIVER])
    versions[TAILORED_GREETING] = TAILORED_GREETING_SMS
    return versions


# chat text -> SMS text, for every fixed text the bot says that needs another shape by SMS
SMS_VERSIONS: dict[str, str] = {
    GREETING: GREETING_SMS,
    PRIVACY_NOTICE: PRIVACY_SMS,
    GREETING_UTEN_ARBEIDSGIVER: GREETING_SMS_UTEN_ARBEIDSGIVER,
    PRIVACY_NOTICE_UTEN_ARBEIDSGIVER: PRIVACY_SMS_UTEN_ARBEIDSGIVER,
    NOT_UNDERSTOOD: NOT_UNDERSTOOD_SMS,
    MEETING_TIME_PROMPT: MEETING_TIME_SMS,
    **{REPLIES[key]: text for key, text in REPLIES_SMS.items()},
    **{REPLIES_UTEN_ARBEIDSGIVER[key]: text for key, text in REPLIES_SMS_UTEN_ARBEIDSGIVER.items()},
    **_outcome_versions(),
}

# Parts of texts built at run time (e.g. the thanks after meeting preferences).
SMS_REPLACEMENTS: tuple[tuple[str, str], ...] = ((CONTACT_INFO, CONTACT_SMS),)
