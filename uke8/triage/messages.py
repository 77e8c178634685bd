"""Every fixed text the person reads, apart from the questions (those live in catalogue.py).

Tone rules from the pilot: warm, plain bokmål, no office jargon, answering is voluntary, and
never a threat about sykepenger.
"""

from __future__ import annotations

from collections.abc import Sequence

# PRODUCT.md §1: the assistant is not a person and never says or implies that it is one; it
# says it is NAV's automatic service asking on behalf of the veileder, who reads the answers.
# The spec's example wording, with "tre spørsmål" (not "tre korte spørsmål") as the shared
# scripted conversations (../shared/eval) look for those words in the greeting.
GREETING = (
    "Hei! Dette er en automatisk tjeneste fra NAV. Veilederen din vil gjerne bli bedre kjent med "
    "situasjonen din, og samarbeide med deg hvis du trenger oppfølging nå som du er sykmeldt. "
    "Har du mulighet til å svare på tre spørsmål? Veilederen din leser svarene."
)

PRIVACY_NOTICE = (
    "Før vi begynner: Det er bare veilederen din i NAV som leser svarene dine. "
    "Arbeidsgiveren din får aldri se dem. "
    "Vi lagrer svarene sammen med sykefraværssaken din, og sletter dem når oppfølgingen er "
    "ferdig – senest 12 måneder etter at sykmeldingen din er over. "
    "Det er frivillig å svare, og du trenger ikke å skrive noe om helsen din. "
    "Hvis du ikke vil at vi lagrer svarene, kan du skrive «Jeg vil ikke at dere lagrer dette»."
)

# People without an employer (PRODUCT.md §2, triage-v2) are asked two questions, not three
# (no q2), and nothing they are told speaks of an employer they do not have.
GREETING_UTEN_ARBEIDSGIVER = GREETING.replace("tre spørsmål", "to spørsmål")
PRIVACY_NOTICE_UTEN_ARBEIDSGIVER = PRIVACY_NOTICE.replace("Arbeidsgiveren din får aldri se dem. ", "")


def greeting(har_arbeidsgiver: bool = True) -> str:
    return GREETING if har_arbeidsgiver else GREETING_UTEN_ARBEIDSGIVER


def privacy_notice(har_arbeidsgiver: bool = True) -> str:
    return PRIVACY_NOTICE if har_arbeidsgiver else PRIVACY_NOTICE_UTEN_ARBEIDSGIVER

CONTACT_INFO = (
    "Du kan alltid ta kontakt med oss på nav.no/skriv-til-oss eller på telefon 55 55 33 33."
)

FOLLOW_UP_PROMPT = "Vil du fortelle litt mer? Du trenger ikke å skrive noe om helsen din."

TAILORED_GREETING = (
    "Hei! Dette er en melding fra NAV, sendt på vegne av veilederen din. Vi skriver til deg fordi "
    "du har vært sykmeldt en stund, og vil at du skal vite at vi er her hvis du trenger oss. "
    "Du trenger ikke å svare på denne meldingen. "
    "Det er bare å ta kontakt hvis du ønsker en samtale. "
    + CONTACT_INFO
)

MEETING_MODES: tuple[tuple[str, str], ...] = (
    ("nav_kontor", "På NAV-kontoret"),
    ("video", "Video"),
    ("telefon", "Telefon"),
    ("arbeidsplassen", "På arbeidsplassen"),
)

MEETING_PROMPT = "Hvordan vil du helst at vi snakker sammen?"


def meeting_modes(har_arbeidsgiver: bool = True) -> tuple[tuple[str, str], ...]:
    """The meeting forms offered: without an employer there is no workplace to meet at."""
    return MEETING_MODES if har_arbeidsgiver else tuple(m for m in MEETING_MODES if m[0] != "arbeidsplassen")

MEETING_TIME_PROMPT = (
    "Hvilke dager og tidspunkter passer best for deg? "
    "Skriv det gjerne med egne ord, for eksempel «tirsdag eller torsdag formiddag»."
)

NOT_UNDERSTOOD = (
    "Beklager, det forsto jeg ikke helt. Velg gjerne et av svarene, eller skriv med egne ord."
)

# Completes "Forstår jeg deg riktig at …?", so an uncertain answer is never stored as a guess.
_CONFIRM_CLAUSES: dict[tuple[str, str], str] = {
    ("retur", "veldig_sannsynlig"): (
        "du tror det er veldig sannsynlig at du kommer tilbake i jobben du ble sykmeldt fra"
    ),
    ("retur", "usikker"): "du er usikker på om du kommer tilbake i jobben du ble sykmeldt fra",
    ("retur", "lite_sannsynlig"): (
        "du tror det er lite sannsynlig at du kommer tilbake i jobben du ble sykmeldt fra"
    ),
    ("relasjon", "god"): "du opplever samarbeidet med arbeidsgiveren din som godt",
    ("relasjon", "vanskelig"): "du opplever samarbeidet med arbeidsgiveren din som vanskelig",
    ("relasjon", "verken_eller"): (
        "du opplever samarbeidet med arbeidsgiveren din som verken godt eller vanskelig"
    ),
    ("varighet", "under_26_uker"): (
        "du tror du trenger å være sykmeldt under 26 uker totalt (6 måneder)"
    ),
    ("varighet", "over_26_uker"): (
        "du tror du trenger å være sykmeldt over 26 uker totalt (6 måneder)"
    ),
    ("varighet", "usikker"): "du er usikker på hvor lenge du trenger å være sykmeldt",
    ("varighet_usikker_grunn", "behandling"): (
        "det kommer an på behandling, operasjon eller ventetid"
    ),
    ("varighet_usikker_grunn", "annet"): (
        "det er noe annet enn behandling som gjør deg usikker"
    ),
}


# q1 as people without an employer are asked it (catalogue.py): about work in general.
_CONFIRM_CLAUSES_UTEN_ARBEIDSGIVER: dict[tuple[str, str], str] = {
    ("retur", "veldig_sannsynlig"): "du tror det er veldig sannsynlig at du kommer tilbake i arbeid",
    ("retur", "usikker"): "du er usikker på om du kommer tilbake i arbeid",
    ("retur", "lite_sannsynlig"): "du tror det er lite sannsynlig at du kommer tilbake i arbeid",
}


def confirmation_question(slot: str, code: str, har_arbeidsgiver: bool = True) -> str:
    try:
        if not har_arbeidsgiver:
            if slot == "relasjon":
                raise KeyError(slot)  # never asked without an employer
            clause = _CONFIRM_CLAUSES_UTEN_ARBEIDSGIVER.get((slot, code)) or _CONFIRM_CLAUSES[(slot, code)]
        else:
            clause = _CONFIRM_CLAUSES[(slot, code)]
    except KeyError:
        raise ValueError(f"no confirmation text for {slot}={code}") from None
    return f"Forstår jeg deg riktig at {clause}?"


_KARTLEGGING_INVITATION = (
    "Veilederen din i NAV vil gjerne ha en samtale med deg om situasjonen din, planene dine "
    "og om NAV kan hjelpe deg med noe."
)
_RECURRING_INVITATION = "Veilederen din vil derfor gjerne ha en samtale med deg."
_RECURRING_ABSENCE = (
    "Vi ser at du har hatt flere fravær og ønsker å høre med deg om det er noe vi kan gjøre "
    "for å unngå videre sykefravær."
)
_KARTLEGGING_MEETING = (
    "Samtalen kan være på NAV-kontoret, på video, på telefon eller på arbeidsplassen din. "
    "Hvordan og når passer det best for deg? Si gjerne fra om hvilke dager og tidspunkter "
    "som passer."
)
_OPPFOLGINGSPLAN = (
    "Før samtalen er det fint om du deler oppfølgingsplanen din med NAV. Du finner den på "
    "nav.no under «Ditt sykefravær»."
)
# Without an employer there is no workplace to meet at and no oppfølgingsplan (it is made
# with the employer): the meeting sentence names the other three forms, and that is all.
_KARTLEGGING_MEETING_UTEN_ARBEIDSGIVER = (
    "Samtalen kan være på NAV-kontoret, på video eller på telefon. "
    "Hvordan og når passer det best for deg? Si gjerne fra om hvilke dager og tidspunkter "
    "som passer."
)

_THANKS_ANSWERED = "Hei, og takk for svarene dine."
# Also true for someone who stopped halfway.
_THANKS_UNANSWERED = "Hei! Vi har ikke fått svar på alle spørsmålene, og det er helt i orden."

_IKKE_AKTUELL_OPENING: dict[str, str] = {
    "god_relasjon_kort_varighet": (
        "Hei og takk for svaret ditt. Du har god dialog med arbeidsgiveren din og tror at du "
        "blir friskmeldt innen seks måneder."
    ),
    "usikker_varighet_behandling_lav_grad": (
        "Hei og takk for svaret ditt. Du venter på å se hvordan behandlingen virker, og er "
        "sykmeldt i lav grad."
    ),
    "ubesvart_lav_grad": (
        _THANKS_UNANSWERED + " Du er sykmeldt i lav grad."
    ),
    "retur_i_arbeid_kort_varighet": (
        "Hei og takk for svarene dine. Du tror at du kommer tilbake i arbeid, og at du blir "
        "friskmeldt innen seks måneder."
    ),
}
_IKKE_AKTUELL_FALLBACK_OPENING = "Hei og takk for svaret ditt."
_IKKE_AKTUELL_CLOSING = (
    "Vi vurderer at du ikke har behov for et samarbeid med oss nå for å komme tilbake til "
    "arbeidsforholdet ditt. Skulle situasjonen endre seg, er det fint om du tar kontakt med oss."
)
_IKKE_AKTUELL_CLOSING_UTEN_ARBEIDSGIVER = _IKKE_AKTUELL_CLOSING.replace(
    "til arbeidsforholdet ditt", "i arbeid")
_CAN_CHANGE = "Et samarbeid med oss kan fortsatt bli aktuelt senere."


def _kartlegging_message(reasons: Sequence[str], har_arbeidsgiver: bool) -> str:
    unanswered = any(reason.startswith("ubesvart_") for reason in reasons)
    parts = [_THANKS_UNANSWERED if unanswered else _THANKS_ANSWERED]
    if "gjentakende_fravaer" in reasons:
        parts += [_RECURRING_ABSENCE, _RECURRING_INVITATION]
    else:
        parts.append(_KARTLEGGING_INVITATION)
    if har_arbeidsgiver:
        parts += [_KARTLEGGING_MEETING, _OPPFOLGINGSPLAN, CONTACT_INFO]
    else:
        parts += [_KARTLEGGING_MEETING_UTEN_ARBEIDSGIVER, CONTACT_INFO]
    return " ".join(parts)


def _ikke_aktuell_message(reasons: Sequence[str], har_arbeidsgiver: bool) -> str:
    openings = {k: v for k, v in _IKKE_AKTUELL_OPENING.items() if har_arbeidsgiver or k != "god_relasjon_kort_varighet"}
    opening = next((openings[r] for r in reasons if r in openings), _IKKE_AKTUELL_FALLBACK_OPENING)
    closing = _IKKE_AKTUELL_CLOSING if har_arbeidsgiver else _IKKE_AKTUELL_CLOSING_UTEN_ARBEIDSGIVER
    return " ".join([opening, closing, _CAN_CHANGE, CONTACT_INFO])


def outcome_message(classification: str, reasons: Sequence[str], har_arbeidsgiver: bool = True) -> str:
    """What the person is told after the assessment (`har_arbeidsgiver` False: nothing about
    an employer, a workplace or an oppfølgingsplan; PRODUCT.md §2, triage-v2).

    An excluded case must never get a message, so asking for one is an error rather than a
    silent empty string.
    """
    if classification == "kartlegging":
        return _kartlegging_message(reasons, har_arbeidsgiver)
    if classification == "ikke_aktuell_na":
        return _ikke_aktuell_message(reasons, har_arbeidsgiver)
    if classification == "tilpasset_hilsen":
        return TAILORED_GREETING
    if classification == "ekskludert_ingen_hilsen":
        raise ValueError("an excluded case gets no message at all")
    raise ValueError(f"unknown classification {classification!r}")


# -- replies to what people ask at any point (PRODUCT.md §5) ----------------------------

def _privacy_reply(har_arbeidsgiver: bool) -> str:
    """Who reads the answers and how long they are kept; the employer only for one who has one."""
    employer = " – arbeidsgiveren din får ikke se dem" if har_arbeidsgiver else ""
    return (
        f"Det er bare veilederen din i NAV som leser svarene dine{employer}. Vi lagrer svarene sammen "
        "med sykefraværssaken din og sletter dem når oppfølgingen er ferdig. Du trenger ikke å skrive "
        "noe om helsen din, og du kan skrive «Jeg vil ikke at dere lagrer dette» hvis du ikke vil at "
        "vi lagrer svarene."
    )


def _kartlegging_reply(har_arbeidsgiver: bool) -> str:
    """What a kartleggingssamtale is; at the workplace only for one who has one."""
    places = "på video, på telefon eller på arbeidsplassen" if har_arbeidsgiver else "på video eller på telefon"
    return (
        "Kartlegging betyr at veilederen din tar en prat med deg om situasjonen din, planene dine og "
        f"om NAV kan hjelpe deg med noe. Det kan være på NAV-kontoret, {places} – det du foretrekker."
    )


REPLIES: dict[str, str] = {
    "hvorfor": (
        "Dette er en automatisk tjeneste fra NAV. Når noen har vært sykmeldt i åtte uker, spør vi "
        "hvordan det går, slik at vi kan hjelpe tidlig hvis det trengs. Alle som har vært sykmeldt "
        "så lenge får de samme spørsmålene – det betyr ikke at noe er galt. Spørsmålene stilles "
        "på vegne av veilederen din, som leser svarene dine."
    ),
    "personvern": _privacy_reply(har_arbeidsgiver=True),
    "sykepenger": (
        "Nei, du mister ikke sykepengene dine om du ikke svarer. Det er helt frivillig å svare, "
        "men svarene hjelper veilederen din å forstå om du trenger hjelp fra oss."
    ),
    "hva_er_kartlegging": _kartlegging_reply(har_arbeidsgiver=True),
    "menneske": (
        "Selvfølgelig. Vi har sagt fra til veilederen din at du ønsker å snakke med et menneske, "
        "og veilederen tar kontakt med deg. " + CONTACT_INFO
    ),
    "stopp": (
        "Den er grei. Vi sender deg ikke flere meldinger om dette. Svarene du allerede har gitt, "
        "ser veilederen din. " + CONTACT_INFO
    ),
    "ikke_lagre": (
        "Det er notert. Vi tar bare vare på det veilederen din trenger – ikke det du har skrevet "
        "med egne ord. Du kan fortsatt svare på spørsmålene hvis du vil."
    ),
    "endret_situasjon_underveis": (
        "Takk for at du sier fra. Svar gjerne ut fra situasjonen din slik den er nå."
    ),
    "endret_situasjon_ny_runde": (
        "Takk for at du sier fra! Da stiller jeg deg spørsmålene på nytt, så veilederen din "
        "får et oppdatert bilde. Svarene du ga sist, blir ikke borte."
    ),
    # The veileder asked again after new information (uke8/lifecycle/ask_again.py): the person's
    # first message after that notice starts the new round (actions/after_questions.py).
    "spurt_pa_nytt": (
        "Så fint at du svarer! NAV har fått ny informasjon, og veilederen din vil gjerne høre hvordan "
        "det går med deg nå. Da stiller jeg deg spørsmålene på nytt. Det er frivillig å svare, "
        "og svarene du ga sist, blir ikke borte."
    ),
    "hilsen": "Hei! Så fint at du tar deg tid.",
    "takk": "Bare hyggelig!",
    "hade": "Ha det fint! Du kan fortsette her når det passer deg.",
    "ute_av_omfang": (
        "Det kan jeg dessverre ikke hjelpe med her. Jeg kan bare ta imot svarene dine på de tre "
        "spørsmålene og svare på spørsmål om dem."
    ),
    "ukjent_avsender": (
        "Hei! Jeg finner ingen invitasjon som hører til denne samtalen, så jeg kan ikke ta imot "
        "svar her. Har du spørsmål, er du velkommen til å ta kontakt med NAV på "
        "nav.no/skriv-til-oss eller på telefon 55 55 33 33."
    ),
    "velkommen_tilbake": "Velkommen tilbake! Vi fortsetter der du slapp.",
    "allerede_ferdig": (
        "Du har allerede svart på spørsmålene – takk! Veilederen din har fått svarene. "
        "Skriv «situasjonen min har endret seg» hvis noe er annerledes nå."
    ),
    "reservert": (
        "Du har sagt at du ikke vil bli kontaktet om dette, og det respekterer vi. " + CONTACT_INFO
    ),
    "helse_paminnelse": (
        "Takk. Du trenger ikke å fortelle oss om helsen din, så vi lagrer ikke de delene av det du "
        "skrev."
    ),
    "oppfolging_takk": "Takk for at du forteller.",
    "lagring_feilet": (
        "Beklager, akkurat nå fikk jeg ikke lagret svaret ditt. Ingenting av det du har svart "
        "tidligere er borte. Kan du prøve å svare en gang til om litt?"
    ),
    "mote_takk": "Takk! Veilederen din tar kontakt med deg for å avtale et møte.",
    "bekreft_nei": "Takk for at du retter meg. Da spør jeg en gang til.",
    "ikke_forstatt": NOT_UNDERSTOOD,
    "ikke_forstatt_mote": (
        "Det forsto jeg ikke helt. Velg gjerne et av alternativene, eller skriv for eksempel "
        "«telefon» eller «video»."
    ),
}

YES_LABEL = "Ja"
NO_LABEL = "Nei"
NO_THANKS_LABEL = "Nei takk"


# For people without an employer (triage-v2: arbeidsledig, frilanser, selvstendig): the same
# answers without a word about an employer or a workplace.
REPLIES_UTEN_ARBEIDSGIVER: dict[str, str] = {
    "personvern": _privacy_reply(har_arbeidsgiver=False),
    "hva_er_kartlegging": _kartlegging_reply(har_arbeidsgiver=False),
}


def reply_text(key: str, har_arbeidsgiver: bool = True) -> str:
    """The reply for `key`, without the employer for a person who has none."""
    return REPLIES[key] if har_arbeidsgiver else REPLIES_UTEN_ARBEIDSGIVER.get(key, REPLIES[key])
