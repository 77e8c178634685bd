"""Texts of the asking itself when an answer is not clear (PRODUCT.md §1, rules for asking):
an offer of the two likeliest options, the options as a numbered list with an example, and at
last an offer to skip the question or to be contacted. Option texts come from the catalogue,
the one source of them; this module only holds the words around them.
"""
from __future__ import annotations

from collections.abc import Sequence

from uke8.triage.catalogue import QUESTIONS, question

NONE_OF_THEM_LABEL = "Ingen av dem"
SKIP_LABEL = "Hopp over"
CONTACT_LABEL = "Jeg vil heller bli kontaktet"

# An answer in the person's own words, shown after a second miss so they see what works.
EXAMPLES: dict[str, str] = {
    "q1": "Jeg regner med å være tilbake i jobben etter sommeren",
    "q2": "Sjefen min er grei, og vi snakker godt sammen",
    "q3": "Jeg tror jeg er frisk om et par måneder",
    "q3_grunn": "Jeg venter på en operasjon",
}
# q1 without an employer asks about work in general (catalogue.py), and so does its example.
EXAMPLE_Q1_UTEN_ARBEIDSGIVER = "Jeg regner med å være tilbake i arbeid etter sommeren"

SKIP_OFFER = (
    "Det er ikke alltid lett å svare på dette, og det er helt i orden. Vil du hoppe over "
    "spørsmålet, eller vil du heller at veilederen din tar kontakt med deg?"
)
SKIPPED = "Greit, da hopper vi over det spørsmålet."
SKIP_OFFER_AGAIN = "Du kan velge å hoppe over spørsmålet, eller at veilederen din tar kontakt med deg."


def choose_question(question_id: str, codes: Sequence[str]) -> str:
    """"Mente du «A» eller «B»?" with the catalogue's option texts."""
    question = QUESTIONS[question_id]
    labels = [f"«{question.label_for(code)}»" for code in codes]
    if len(labels) == 1:
        return f"Mente du {labels[0]}?"
    return f"Mente du {', '.join(labels[:-1])} eller {labels[-1]}?"


def numbered_help(question_id: str, har_arbeidsgiver: bool = True) -> str:
    """The second miss: the question again, its options numbered, and an example answer."""
    asked = question(question_id, har_arbeidsgiver)
    example = EXAMPLE_Q1_UTEN_ARBEIDSGIVER if question_id == "q1" and not har_arbeidsgiver else EXAMPLES[question_id]
    lines = [f"Beklager, jeg forsto ikke helt. {asked.text}"]
    lines += [f"{digit} {option.label}" for digit, option in enumerate(asked.options, start=1)]
    lines.append(f"Svar med et tall, eller skriv med egne ord, for eksempel «{example}».")
    return "\n".join(lines)


# -- several answers in one message (issue 13, item 3) ----------------------------------

def _clause(slot: str, code: str, har_arbeidsgiver: bool = True) -> str:
    # the confirmation texts are the one source of how an answer is put in words
    from uke8.triage.messages import confirmation_question

    return confirmation_question(slot, code, har_arbeidsgiver).removeprefix("Forstår jeg deg riktig at ").removesuffix("?")


def _join(clauses: Sequence[str]) -> str:
    if len(clauses) == 1:
        return clauses[0]
    return ", at ".join(clauses[:-1]) + " og at " + clauses[-1]


def noted(answers: Sequence[tuple[str, str]], har_arbeidsgiver: bool = True) -> str:
    """What was taken from a message that answered more than was asked: "Takk! Jeg har notert
    at …, at … og at …." (slot, code) pairs in asking order."""
    return f"Takk! Jeg har notert at {_join([_clause(slot, code, har_arbeidsgiver) for slot, code in answers])}."


def summary_question(answers: Sequence[tuple[str, str]], har_arbeidsgiver: bool = True) -> str:
    """Doubtful answers of one message, confirmed together: "Forstår jeg deg riktig at … og at …?"."""
    return f"Forstår jeg deg riktig at {_join([_clause(slot, code, har_arbeidsgiver) for slot, code in answers])}?"
