"""Plain Norwegian words for the codes the veileder sees (statuses, proposals, channels)."""
from __future__ import annotations

from uke8.store.projection import REASON_BITS
from uke8.triage import REASON_TEXTS
from uke8.triage.messages import MEETING_MODES

STATUS_LABELS: dict[str, str] = {
    "registrert": "Registrert",
    "ekskludert": "Unntatt",
    "invitert": "Invitert",
    "paminnet": "Påminnet",
    "besvart": "Svarer nå",
    "ubesvart": "Ikke svart",
    "reservert": "Reservert",
    "vurdert": "Til vurdering",
    "ferdigbehandlet": "Ferdigbehandlet",
    "sjekkpunkt": "Til ny vurdering",  # an "ikke aktuell nå" case back at its week 17/26/39 checkpoint
    "ny_informasjon": "Ny informasjon",  # new information brought the case back (issue 16)
}

# Aksel tag colours (data-color) per status.
STATUS_COLORS: dict[str, str] = {
    "registrert": "neutral",
    "ekskludert": "neutral",
    "invitert": "info",
    "paminnet": "info",
    "besvart": "info",
    "ubesvart": "warning",
    "reservert": "warning",
    "vurdert": "accent",
    "ferdigbehandlet": "success",
    "sjekkpunkt": "accent",
    "ny_informasjon": "accent",
}

CLASSIFICATION_LABELS: dict[str, str] = {
    "kartlegging": "Kartlegging",
    "ikke_aktuell_na": "Ikke aktuell nå",
    "tilpasset_hilsen": "Tilpasset hilsen",
    "ekskludert_ingen_hilsen": "Unntatt, ingen melding",
}

CHANNEL_LABELS: dict[str, str] = {"chat": "Chat", "sms": "SMS"}

SOURCE_LABELS: dict[str, str] = {
    "button": "knapp",
    "digit": "tall",
    "label": "svaralternativets ord",
    "pattern": "egne ord",
    "yes_no": "ja/nei",
    "keyword": "egne ord",
    "nlu": "egne ord",
    "confirmed": "egne ord, bekreftet",
    "combined": "egne ord, flere svar i én melding",
    "demo": "demodata",
    "syntetisk": "syntetiske data",
}

MEETING_MODE_LABELS: dict[str, str] = dict(MEETING_MODES)

# The reasons a veileder can filter the queue by: the rules' proposals, in the rules' order.
# One list of codes, the case store's bit mask (uke8.store.projection), less the screening's
# "no message" outcome and details, which the queue does not filter by.
_NOT_FILTERED = frozenset({
    "ekskludert_ingen_hilsen",
    "svangerskapsrelatert",
    "uforetrygd_100_under_50_stilling",
    "alder_65_eller_mer",
    "alvorlig_diagnose",
})
FILTER_REASONS: tuple[str, ...] = tuple(code for code in REASON_BITS if code not in _NOT_FILTERED)

def reason_text(code: str) -> str:
    return REASON_TEXTS.get(code, code.replace("_", " "))


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def classification_label(code: str | None) -> str:
    return CLASSIFICATION_LABELS.get(code or "", code or "Ingen ennå")


# Why the veileder must reach the person another way (uke8/notifications/status.py contact_otherwise).
CONTACT_OTHERWISE = {
    "reservert_digital": "reservert mot digital kontakt i kontakt- og reservasjonsregisteret",
    "ikke_levert": "meldingen kom ikke fram",
}


def contact_otherwise_text(reason: str) -> str:
    return CONTACT_OTHERWISE.get(reason, reason)


# What follows the questions (issue 16): the kartlegging's outcome and new information.
INNSATS_LABELS: dict[str, str] = {
    "standard": "Standard innsats",
    "situasjonsbestemt": "Situasjonsbestemt innsats",
    "spesielt_tilpasset": "Spesielt tilpasset innsats",
    "varig_tilpasset": "Varig tilpasset innsats",
}
NEW_INFORMATION_LABELS: dict[str, str] = {
    "legeerklaering": "Legeerklæring",
    "oppfolgingsplan": "Oppfølgingsplan",
    "dialogmote": "Ønske om dialogmøte",
    "annen_enhet": "Fra en annen NAV-enhet",
    "annet": "Annet",
}
NEW_INFORMATION_SOURCES: dict[str, str] = {"veileder": "registrert av veileder", "feed": "fra registeret"}
