"""Rasa's tracker store (bot/uke8_bot/tracker_store.py) inside Rasa's own environment: only the
payloads the bot offers are stored verbatim, and "ikke lagre" forgets the person's words.

The store runs in .venv-bot (tests/rasa/checks/tracker_store_check.py) turn by turn as Rasa
drives it: retrieve, apply the turn's events, save; the raw rows of Rasa's events table are
checked here."""
from __future__ import annotations

import json
import os
import subprocess
from typing import Any

import pytest

from actions.global_intents import FORGET_MARK
from uke8.settings import PROJECT_ROOT
from uke8.triage.messages import REPLIES

pytestmark = pytest.mark.timeout(300)

PHRASE = "Sjefen min Petter Blåbærsen krangler med meg om turnusen"
PHRASE_LATER = "Blåbærsen ringte igjen om vaktlista"
WORDS = ("Blåbærsen", "Bl\\u00e5b\\u00e6rsen", "turnusen", "vaktlista")  # as written, and as JSON escapes them
LONG = "Mandag formiddag passer best, turnusen min gjør resten av uka vanskelig. " * 4  # longer than 200
PLACEHOLDER = "(slettet etter ønske)"
CONFIRM = "Forstod jeg deg riktig at samarbeidet er vanskelig?"


def user(text: str, intent: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    parse = {"intent": {"name": intent, "confidence": 1.0}, "entities": entities or [], "text": text}
    return {"event": "user", "text": text, "parse_data": parse}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def bot(text: str, **metadata: Any) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {}, "metadata": metadata}


SCENARIOS = {
    "payloads": {"sender": "k-payloads", "turns": [[
        user('/svar{"retur":"usikker"}', "svar", [{"entity": "retur", "value": "usikker"}]),
        user("/start", "start"),
        user("/jeg har depresjon og tar sertralin", "out_of_scope"),
        user("/start hei jeg er deprimert", "start"),
        user('/svar{"retur":"har depresjon"}', "svar", [{"entity": "retur", "value": "har depresjon"}]),
        slot("retur", "/start jeg har depresjon"),
        slot("relasjon", '/svar{"relasjon":"god"}'),
    ]]},
    "objection": {"sender": "k-objection", "turns": [
        [user("/start", "start"), bot("Hei! Hvor sannsynlig er det at du er tilbake i jobb?")],
        [user(PHRASE, "q2_vanskelig"), slot("relasjon", PHRASE),
         slot("ventende_svar", {"slot": "relasjon", "code": "vanskelig", "confidence": 0.6, "text": PHRASE}),
         slot("bekreft_tekst", CONFIRM), bot(CONFIRM)],
        [user("/ja", "ja"), slot("bekreftelse", "/ja"), slot("relasjon", "vanskelig"), slot("ventende_svar", None)],
        [user(LONG, "out_of_scope"), slot("motetid", LONG.strip()[:200]), slot("moteform", ["ingen"])],
        [user("jeg vil ikke at dere lagrer dette", "ikke_lagre"), bot(REPLIES["ikke_lagre"], **{FORGET_MARK: True})],
        [user(PHRASE_LATER, "out_of_scope"), slot("varighet", PHRASE_LATER), bot("Hvor lenge tror du at du blir borte?")],
    ]},
    # an answer code that reads like a health word ("behandling") is a code, not the person's words
    "codes": {"sender": "k-codes", "turns": [[
        user("venter på operasjon i kneet", "q3_grunn_behandling"),
        slot("ventende_svar", {"slot": "varighet_usikker_grunn", "code": "behandling", "confidence": 0.6,
                               "text": "venter på operasjon i kneet"}),
        slot("varighet_usikker_grunn", "behandling"),
    ]]},
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    request = {"db": str(tmp_path_factory.mktemp("tracker") / "rasa.db"), "scenarios": SCENARIOS}
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run([str(PROJECT_ROOT / ".venv-bot" / "bin" / "python"), "tests/rasa/checks/tracker_store_check.py"],
                            cwd=PROJECT_ROOT, input=json.dumps(request), capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def events(rows: list[str], kind: str) -> list[dict[str, Any]]:
    return [e for e in map(json.loads, rows) if e["event"] == kind]


def test_only_the_payloads_the_bot_offers_skip_redaction(stored):
    rows = stored["payloads"][0]["rows"]
    texts = [e["text"] for e in events(rows, "user")]
    assert texts[:2] == ['/svar{"retur":"usikker"}', "/start"]  # offered payloads and /start, verbatim
    raw = "\n".join(rows).lower()
    for word in ("depresjon", "sertralin", "deprimert"):
        assert word not in raw, f"{word!r} stored from a message that only looks like a payload"
    for event in events(rows, "user"):
        assert event["parse_data"]["text"] == event["text"]
    assert [e["value"] for e in events(rows, "slot")][1] == '/svar{"relasjon":"god"}'


def test_storage_objection_forgets_the_words_in_the_tracker(stored):
    turns = stored["objection"]
    before = "\n".join(turns[3]["rows"])
    assert "Blåbærsen" in before or "Bl\\u00e5b\\u00e6rsen" in before  # kept (redacted) until the person objects
    after = turns[4]["rows"]
    assert len(after) > len(turns[3]["rows"])  # rewritten in place, nothing deleted
    for word in WORDS:
        assert word not in "\n".join(after), f"{word!r} still in Rasa's tracker after the objection"
    texts = [e["text"] for e in events(after, "user")]
    assert texts == ["/start", PLACEHOLDER, "/ja", PLACEHOLDER, PLACEHOLDER]
    assert all(e["parse_data"]["text"] == e["text"] for e in events(after, "user"))
    # the answer codes and the bot's own words stay: the conversation goes on as before
    assert turns[4]["slots"]["relasjon"] == "vanskelig"
    assert turns[4]["slots"]["bekreft_tekst"] == CONFIRM
    assert turns[4]["slots"]["motetid"] == PLACEHOLDER  # the message as the slot kept it, cut at 200
    assert turns[4]["slots"]["moteform"] == ["ingen"]


def test_words_written_after_the_objection_are_not_kept_and_old_ones_do_not_return(stored):
    later = stored["objection"][5]
    raw = "\n".join(later["rows"])
    for word in WORDS:
        assert word not in raw, f"{word!r} in Rasa's tracker after a further turn"
    assert [e["text"] for e in events(later["rows"], "user")][-1] == PLACEHOLDER
    assert later["slots"]["varighet"] == PLACEHOLDER
    assert later["slots"]["relasjon"] == "vanskelig"


def test_answer_codes_in_slots_are_kept_while_the_words_beside_them_are_redacted(stored):
    """A code redacted to "[helseopplysning fjernet]" came back as the answer on the next turn:
    the person's "ja" to the confirmation was refused and the conversation ended without an outcome."""
    turn = stored["codes"][0]
    assert turn["slots"]["ventende_svar"]["code"] == "behandling"
    assert turn["slots"]["ventende_svar"]["slot"] == "varighet_usikker_grunn"
    assert turn["slots"]["varighet_usikker_grunn"] == "behandling"
    raw = "\n".join(turn["rows"]).lower()
    assert "operasjon" not in raw and "kneet" not in raw
