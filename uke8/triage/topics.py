"""What the person can ask about after the questions, and how it is put in front of them.

After the receipt (uke8/triage/after_questions.py), when the classifier thinks a message may be
one of the person's own questions or requests but is not sure (uke8.understanding.interpret:
`confirm` or `choose` with no question open), the chat shows a button to the answer: a doubtful
guess is offered, not imposed.

By SMS there are no buttons, a number after the questions picks a meeting time, and a guess must
not put words about sick pay on a screen others may read when the person never wrote them. So
the SMS names no topic: it says that MENY lists what the assistant can answer, and the list
(asked for by the person) gives one word for each ("SYKEPENGER"), typed alone. The same words
work in the chat. Pure: the actions pass the channel in.
"""
from __future__ import annotations

import re

TOPIC_OFFER = "Var det dette du lurte på? Trykk gjerne på knappen, så svarer jeg med en gang."
TOPIC_OFFER_MANY = "Var det noe av dette du lurte på? Trykk gjerne på en knapp, så svarer jeg med en gang."
# The person's own questions and requests a button or a word can take them to (the global
# intents' codes); uke8.understanding.interpret offers exactly these.
TOPIC_BUTTONS = {
    "hvorfor": "Hvorfor får jeg disse spørsmålene?",
    "personvern": "Hva skjer med svarene mine?",
    "sykepenger": "Jeg har et spørsmål om sykepenger",
    "hva_er_kartlegging": "Hva er en kartleggingssamtale?",
    "endret_situasjon": "Situasjonen min har endret seg",
    "menneske": "Jeg vil snakke med en veileder",
}
# One word for each, typed alone (any case): what the SMS menu lists. Each is also what the
# classifier reads as that intent on its own (tests/rasa/test_topic_words.py).
TOPIC_WORDS = {
    "hvorfor": "HVORFOR",
    "personvern": "PERSONVERN",
    "sykepenger": "SYKEPENGER",
    "hva_er_kartlegging": "KARTLEGGING",
    "endret_situasjon": "ENDRET",
    "menneske": "VEILEDER",
}
_WHAT_THE_WORD_GIVES = {
    "hvorfor": "hvorfor du får disse spørsmålene",
    "personvern": "hva som skjer med svarene dine",
    "sykepenger": "spørsmål om sykepenger",
    "hva_er_kartlegging": "hva en kartleggingssamtale er",
    "endret_situasjon": "situasjonen din har endret seg",
    "menneske": "snakke med veilederen din",
}
MENU_WORD = "MENY"
SMS_TOPIC_HINT = f"Lurer du på noe? Svar {MENU_WORD}, så ser du hva jeg kan svare på."
MENU_CHAT = "Dette kan jeg svare på. Trykk på det du lurer på, eller skriv spørsmålet ditt med egne ord."
MENU_SMS = "Dette kan jeg svare på. Svar med ett av ordene:\n" + "\n".join(
    f"{TOPIC_WORDS[code]} - {_WHAT_THE_WORD_GIVES[code]}" for code in TOPIC_BUTTONS)

_MENU = re.compile(r"^\s*(?:meny|menyen|menu)\s*[.!?]*\s*$", re.IGNORECASE)
_WORD = {word.lower(): code for code, word in TOPIC_WORDS.items()}


def topic_offer(codes: tuple[str, ...]) -> tuple[str, list[dict[str, str]]] | None:
    """The offer's text and buttons (payload: the intent), or None when none can be offered."""
    buttons = [{"title": TOPIC_BUTTONS[code], "payload": f"/{code}"} for code in codes if code in TOPIC_BUTTONS]
    if not buttons:
        return None
    return (TOPIC_OFFER if len(buttons) == 1 else TOPIC_OFFER_MANY), buttons


def asks_for_menu(text: str) -> bool:
    return bool(_MENU.match(text or ""))


def menu(sms: bool) -> tuple[str, list[dict[str, str]]]:
    """Everything the person can ask about: buttons in the chat, one word each by SMS."""
    if sms:
        return MENU_SMS, []
    return MENU_CHAT, [{"title": title, "payload": f"/{code}"} for code, title in TOPIC_BUTTONS.items()]


def topic_for_word(text: str) -> str | None:
    """The code of a topic word typed alone ("sykepenger", "ENDRET."), else None."""
    return _WORD.get(re.sub(r"[\s.!?]+", " ", (text or "").lower()).strip())
