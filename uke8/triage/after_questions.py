"""The reply to a message that arrives after the questions are done (PRODUCT.md §1, §3, §3b).

Never "forsto ikke": the person gets a real answer built from the case state — what was
recorded, what happens next, how to reach NAV — and whether the veileder reads what they
wrote. Pure: the action (actions/after_questions.py) reads the case and passes it in.

The first free message gets the whole answer; later ones a short one, so a person writing
several messages is not handed the same paragraph each time. Thanks, "ok" and goodbye always
get a short friendly reply.

The action stores a message for the veileder (issue 16) and then passes `reaches_veileder`:
the reply is the receipt ("Takk, meldingen din er sendt til veilederen din."). When it could
not be stored, or for thanks and greetings that are not stored, nothing claims it was sent. Every text here is also sent by SMS as it is (GSM-7, at most
two segments, and no word about health or sick leave: tests/unit/test_after_questions.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


# What kind of message it is; the action decides from the intent and the words.
MESSAGE = "melding"
THANKS = "takk"
GOODBYE = "hade"
GREETING = "hilsen"
KINDS = (MESSAGE, THANKS, GOODBYE, GREETING)

# Short acknowledgements people send after an outcome ("ok", "greit", "👍"): the classifier has
# no intent for them and may call them anything, so they are recognised by their words.
_ACK = re.compile(
    r"^\s*(ok(e[ij])?|okay|greit|den er grei|fint|flott|supert?|bra|skjønner|forstår|"
    r"takk( skal du ha)?( for (hjelpen|svaret|det))?|tusen takk|mange takk|takker)[\s.!]*(👍)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CaseFacts:
    """What the reply needs to know of the case (from service.conversation_state)."""

    classification: str | None  # the latest assessment of the round, if any
    all_answered: bool = True  # False when the outcome came at the deadline with questions open
    opted_out: bool = False
    tailored: bool = False  # a tailored greeting instead of the questions


def message_kind(intent: str | None, text: str) -> str:
    if intent == "takk" or _ACK.match(text or ""):
        return THANKS
    if intent == "hade":
        return GOODBYE
    if intent == "hilsen":
        return GREETING
    return MESSAGE


_ANSWERED = "Vi har registrert svarene dine."
_UNANSWERED = "Vi har ikke fått svar på alle spørsmålene, og det er helt i orden."
# The outcome in plain words and what happens next (PRODUCT.md §3).
_NEXT = {
    "kartlegging": "Veilederen din tar kontakt med deg for å avtale en samtale.",
    "ikke_aktuell_na": (
        "Slik det ser ut nå, trenger du ikke et samarbeid med oss, og du trenger ikke å gjøre noe."
    ),
    None: "Veilederen din har fått det du har svart.",
}
_OPTED_OUT = "Du har sagt at du ikke vil bli kontaktet om dette, og vi sender deg ikke flere meldinger."
_TAILORED = "Du trenger ikke å svare på noe her."
_CHANGED = "Har noe endret seg, skriv «situasjonen min har endret seg»."

_SENT = "Takk, meldingen din er sendt til veilederen din."
_READS = "Veilederen din svarer deg her så snart som mulig."
_READS_SHORT = "Du får svar her når veilederen din har lest den."
_WRITE_TO_VELEDER = "Vil du si noe til veilederen din, kan du skrive det her."
_NOT_READ = "Veilederen din ser ikke meldinger her, og tjenesten kan ikke svare på spørsmål."
_NOT_READ_SHORT = "Veilederen din ser ikke meldinger her."
CONTACT = "Du når oss på nav.no/skriv-til-oss eller på telefon 55 55 33 33."
CONTACT_SMS = "Du når oss på nav.no/skriv-til-oss eller 55 55 33 33."


def _veileder(reaches_veileder: bool, short: bool) -> str:
    if reaches_veileder:
        return _WRITE_TO_VELEDER
    return _NOT_READ_SHORT if short else _NOT_READ


def is_small_talk(text: str) -> bool:
    """A bare thanks, "ok", greeting or goodbye: nothing for the veileder to read. Anything
    more ("takk, men kan vi ta det på telefon?") is a message, whatever the intent says."""
    return bool(_ACK.match(text or "") or _GREETING_OR_BYE.match(text or ""))


_GREETING_OR_BYE = re.compile(
    r"^\s*(hei|hallo|heisann|hei igjen|hei hei|god (morgen|dag|kveld)|ha det( bra| godt)?|hade|snakkes|"
    r"ha en (fin|god) dag)[\s.!]*$",
    re.IGNORECASE,
)


def _recorded(facts: CaseFacts, sms: bool) -> list[str]:
    if facts.opted_out:
        return [_OPTED_OUT]
    if facts.tailored:
        return [_TAILORED]
    # By SMS the status sentence is left out to stay within two segments.
    status = [] if sms else [_ANSWERED if facts.all_answered else _UNANSWERED]
    return [*status, _NEXT.get(facts.classification, _NEXT[None]), _CHANGED]


def reply(facts: CaseFacts, kind: str, earlier_replies: int, reaches_veileder: bool = False, sms: bool = False) -> str:
    """The text for one message after the questions.

    `earlier_replies`: how many such replies the person has had already in this round.
    `sms`: the SMS wording (shorter; render.py turns « » into plain quotes).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    contact = CONTACT_SMS if sms else CONTACT
    if kind == THANKS:
        return "Bare hyggelig! Ta gjerne kontakt hvis det er noe mer. Ha en fin dag."
    if kind == GOODBYE:
        return "Ha det fint! " + contact
    if reaches_veileder and kind == MESSAGE:
        # the receipt: the message is stored for the veileder (actions/after_questions.py)
        if earlier_replies == 0:
            answer = [] if facts.opted_out else [_READS]
            return " ".join([_SENT, *_recorded(facts, sms), *answer, contact])
        return " ".join([_SENT, *([] if facts.opted_out else [_READS_SHORT]), contact])
    if earlier_replies == 0:
        opening = "Hei!" if kind == GREETING else "Takk for meldingen!"
        return " ".join([opening, *_recorded(facts, sms), _veileder(reaches_veileder, short=False), contact])
    opening = "Hei igjen!" if kind == GREETING else "Takk!"
    return " ".join([opening, _veileder(reaches_veileder, short=True), contact])


def not_sent(sms: bool = False) -> str:
    """The message could not be stored for the veileder: said plainly, nothing claimed."""
    return ("Beklager, meldingen din kom ikke fram til veilederen din akkurat nå. Prøv å sende den igjen om litt. "
            + (CONTACT_SMS if sms else CONTACT))


def passed_on(handoff: bool = False) -> str:
    """After the answer to a question of the person's own (or a wish to talk to someone): the
    words went to the veileder too, so nothing they asked is lost on a misreading."""
    if handoff:
        return "Jeg har også sendt meldingen din til veilederen din, som tar kontakt med deg."
    return "Jeg har også sendt meldingen din til veilederen din, som kan svare deg her."


def every_reply(sms: bool | None = None) -> Iterator[str]:
    """Every text reply() can give (for the tests: SMS shape, no "forsto ikke", honesty)."""
    facts = [CaseFacts(c, answered) for c in _NEXT for answered in (True, False)] + [CaseFacts("kartlegging", opted_out=True), CaseFacts(None, tailored=True)]
    for f in facts:
        for kind in KINDS:
            for earlier in (0, 1):
                for reaches in (False, True):
                    for by_sms in ((False, True) if sms is None else (sms,)):
                        yield reply(f, kind, earlier, reaches, by_sms)
    for by_sms in ((False, True) if sms is None else (sms,)):
        yield not_sent(by_sms)
