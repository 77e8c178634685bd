"""Generates the Rasa domain (domain.yml) from the question catalogue and the message texts.

The catalogue is the one source of every question and option text: domain.yml is written by
`uke8 gen-domain` (also `make domain`) and a test fails when the file on disk differs from
what this module generates. Never edit domain.yml by hand.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from uke8.settings import PROJECT_ROOT
from uke8.triage.catalogue import ANSWER_SLOTS, CATALOGUE_VERSION, QUESTION_ORDER, QUESTIONS, button_payload, question, question_order
from uke8.triage.messages import (
    FOLLOW_UP_PROMPT,
    MEETING_PROMPT,
    MEETING_TIME_PROMPT,
    NO_LABEL,
    NO_THANKS_LABEL,
    NOT_UNDERSTOOD,
    REPLIES,
    YES_LABEL,
    meeting_modes,
    reply_text,
)
from uke8.understanding.interpret import ANSWER_INTENTS, GLOBAL_INTENTS

DOMAIN_PATH = PROJECT_ROOT / "domain.yml"
FORM = "week8_form"
MEETING_FORM = "mote_form"
MEETING_PAYLOAD_INTENT = "mote"

# Conversation states the rules branch on (slot `samtale_status`).
STATUS_VALUES = ["sporsmal", "mote", "ferdig", "avvist", "avsluttet"]

ACTIONS = [
    "action_start",
    "validate_week8_form",
    "validate_mote_form",
    "action_oppsummer",
    "action_lagre_mote",
    "action_global",
    "action_ask_bekreftelse",  # the open offer (confirm, choose, numbered help, skip): its buttons vary
    "action_after_questions",
]

# Global intents answered with a fixed response when no form is open (the form answers them
# itself while it is open, in validate_week8_form).
RESPONSE_INTENTS = ["personvern", "hvorfor", "sykepenger", "hva_er_kartlegging", "hilsen", "takk", "hade", "out_of_scope"]
# Global intents with side effects on the case: handled by action_global.
ACTION_INTENTS = ["stopp", "menneske", "endret_situasjon", "ikke_lagre"]


def meeting_payload(code: str) -> str:
    return "/" + MEETING_PAYLOAD_INTENT + json.dumps({"moteform": code}, separators=(",", ":"))


def _text_slot(slot: str, form: str) -> dict[str, Any]:
    return {
        "type": "text",
        "influence_conversation": False,
        "mappings": [{"type": "from_text", "conditions": [{"active_loop": form, "requested_slot": slot}]}],
    }


def _custom(slot_type: str, **extra: Any) -> dict[str, Any]:
    return {"type": slot_type, "influence_conversation": False, "mappings": [{"type": "custom"}], **extra}


# Set by action_start from the case (PRODUCT.md §2): False asks q1 about work in general and
# offers no meeting at the workplace, by Rasa's conditional response variations.
EMPLOYER_SLOT = "har_arbeidsgiver"


def _without_employer() -> list[dict[str, Any]]:
    # a new list each time: a shared one would be written as a YAML anchor
    return [{"type": "slot", "name": EMPLOYER_SLOT, "value": False}]


def _ask(question_id: str, har_arbeidsgiver: bool) -> dict[str, Any]:
    asked = question(question_id, har_arbeidsgiver)
    return {"text": asked.text, "buttons": [{"title": o.label, "payload": button_payload(question_id, o.code)} for o in asked.options]}


def _ask_meeting(har_arbeidsgiver: bool) -> dict[str, Any]:
    modes = meeting_modes(har_arbeidsgiver)
    return {"text": MEETING_PROMPT, "buttons": [{"title": label, "payload": meeting_payload(code)} for code, label in modes]}


def build_domain() -> dict[str, Any]:
    answer_slots = list(ANSWER_SLOTS)
    intents = sorted({i for intents in ANSWER_INTENTS.values() for i in intents} | set(GLOBAL_INTENTS) - {"nlu_fallback"})
    intents = ["start", "svar", MEETING_PAYLOAD_INTENT, "ja", "nei", *intents]

    responses: dict[str, list[dict[str, Any]]] = {}
    for question_id in QUESTION_ORDER:
        variants = [_ask(question_id, True)]
        if question_id in question_order(False) and _ask(question_id, False) != variants[0]:
            # after the default: Rasa prefers a matching conditional variation wherever it stands
            variants.append({"condition": _without_employer(), **_ask(question_id, False)})
        responses[f"utter_ask_{QUESTIONS[question_id].slot}"] = variants
    # Asked by action_ask_bekreftelse (actions/forms.py), which Rasa prefers; this response stays
    # as the plain confirmation and declares its Ja/Nei payloads to the tracker store.
    responses["utter_ask_bekreftelse"] = [
        {"text": "{bekreft_tekst}", "buttons": [{"title": YES_LABEL, "payload": "/ja"}, {"title": NO_LABEL, "payload": "/nei"}]}
    ]
    responses["utter_ask_oppfolging"] = [{"text": FOLLOW_UP_PROMPT, "buttons": [{"title": NO_THANKS_LABEL, "payload": "/nei"}]}]
    responses["utter_ask_moteform"] = [_ask_meeting(True), {"condition": _without_employer(), **_ask_meeting(False)}]
    responses["utter_ask_motetid"] = [{"text": MEETING_TIME_PROMPT}]
    for intent in RESPONSE_INTENTS:
        code = GLOBAL_INTENTS[intent]
        responses[f"utter_{intent}"] = [{"text": REPLIES[code]}]
        if (without := reply_text(code, False)) != REPLIES[code]:  # no word about an employer for one who has none
            responses[f"utter_{intent}"].append({"condition": _without_employer(), "text": without})
    responses["utter_default"] = [{"text": NOT_UNDERSTOOD}]
    # Sent by the guarded REST channel (bot/uke8_bot/channels.py) to unknown conversations.
    responses["utter_ukjent_avsender"] = [{"text": REPLIES["ukjent_avsender"]}]

    slots: dict[str, Any] = {slot: _text_slot(slot, FORM) for slot in answer_slots}
    slots["bekreftelse"] = _text_slot("bekreftelse", FORM)
    slots["oppfolging"] = _text_slot("oppfolging", FORM)
    slots["moteform"] = _text_slot("moteform", MEETING_FORM) | {"type": "any"}
    slots["motetid"] = _text_slot("motetid", MEETING_FORM)
    slots["ventende_svar"] = _custom("any")
    slots["misser"] = _custom("any")  # misses per question slot: each further miss helps more
    slots["hoppet_over"] = _custom("any")  # question slots the person chose to skip
    slots["bekreft_tekst"] = _custom("text")
    slots["oppfolging_for"] = _custom("text")
    slots["samtale_slutt"] = _custom("bool", initial_value=False)
    slots[EMPLOYER_SLOT] = _custom("bool", initial_value=True)
    # replies after the outcome this round (actions/after_questions.py: the first is the full one)
    slots["etter_svar"] = _custom("float", initial_value=0)
    slots["samtale_status"] = {
        "type": "categorical",
        "values": STATUS_VALUES,
        "influence_conversation": True,
        "mappings": [{"type": "custom"}],
    }

    return {
        "version": "3.1",
        "intents": intents,
        "entities": [*answer_slots, "moteform"],
        "slots": slots,
        "forms": {
            # The validation action decides the order and which of these apply (required_slots).
            FORM: {"required_slots": [*answer_slots, "bekreftelse", "oppfolging"]},
            MEETING_FORM: {"required_slots": ["moteform", "motetid"]},
        },
        "responses": responses,
        "actions": ACTIONS,
        "session_config": {"session_expiration_time": 0, "carry_over_slots_to_new_session": True},
    }


HEADER = (
    "# GENERATED by `uke8 gen-domain` from the question catalogue ({version}) and\n"
    "# uke8/triage/messages.py. Do not edit by hand: change the catalogue and regenerate.\n"
)


def render_domain() -> str:
    body = yaml.safe_dump(build_domain(), allow_unicode=True, sort_keys=False, width=100)
    return HEADER.format(version=CATALOGUE_VERSION) + body


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="exit 1 if domain.yml is not up to date")
    parser.add_argument("--out", type=Path, default=DOMAIN_PATH)


def main(args: argparse.Namespace) -> int:
    rendered = render_domain()
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != rendered:
            print(f"{args.out} is out of date: run `uke8 gen-domain`")
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(rendered)
    print(f"wrote {args.out}")
    return 0
