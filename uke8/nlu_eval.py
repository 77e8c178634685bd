"""`uke8 eval-nlu FILE.jsonl`: interpret each line the way the live form does (the running
Rasa server's parse + uke8.understanding) and print a JSON report (INTERFACES.md).

`action` is what the live bot would do: `accept` (record / act on it), `confirm` (ask
"Forstår jeg deg riktig …?"), `choose` (offer the codes in `offered` as buttons) or `reask`;
both come from `uke8.understanding.reading.read_message` (over `interpret`), the function the
live form calls. Lines with `expected_all` (one message, several answers) also get `carried`,
the answers the form takes from them, and the report a `combined` section.
When a question is open and the text is taken as one of the person's own questions
(personvern, hvorfor, …), the bot answers it and asks the question again, so that counts as
`reask` with the global code as the prediction and nothing offered.
With no question open (`any` lines), a doubtful request is `confirm` or `choose` with the
request(s) in `offered`: after the questions the chat shows them as buttons below the receipt
(actions/after_questions.py); text read as off-topic above all is `accept`ed as `ute_av_omfang`
(its words go to the veileder with the receipt).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from uke8.triage.catalogue import QUESTIONS, question_by_slot
from uke8.understanding.calibration import THRESHOLDS, Thresholds
from uke8.understanding.reading import read_message
from uke8.understanding.interpret import interpret

KNOWN_QUESTIONS = (*QUESTIONS, "any")


def parse_with_rasa(client: httpx.Client, text: str) -> dict[str, Any]:
    response = client.post("/model/parse", json={"text": text})
    response.raise_for_status()
    return response.json()


# The report's codes for `any` lines are INTERFACES.md's seven; the bot's finer intents fold
# into the nearest one (saying no to storage is a privacy matter; "what is kartlegging" asks
# what this is; greetings and thanks are not among the asked-for codes).
REPORT_CODES = {
    "ikke_lagre": "personvern",
    "hva_er_kartlegging": "hvorfor",
    "hilsen": "ute_av_omfang",
    "takk": "ute_av_omfang",
    "hade": "ute_av_omfang",
}


def evaluate_item(question: str, text: str, parse: dict[str, Any], thresholds: Thresholds = THRESHOLDS,
                  asked_on: date | None = None) -> dict[str, Any]:
    if question == "any":
        meaning = interpret(None, text, parse, thresholds)
    else:  # the live form's reading of a message while a question is open (nothing answered yet)
        meaning = read_message(question, text, parse, _ASKED_BEFORE.get(question, {}), thresholds, asked_on=asked_on).own
    if question != "any" and meaning.kind == "global":
        action = "accept" if meaning.code == "stopp" else "reask"
    else:
        action = meaning.action
    predicted = REPORT_CODES.get(meaning.code, meaning.code) if meaning.kind == "global" else meaning.code
    offered = list(meaning.offered) if action in ("confirm", "choose") else []
    return {"predicted": predicted, "confidence": round(meaning.confidence, 4), "action": action, "offered": offered,
            "source": meaning.source}


def one_step(item: dict[str, Any]) -> bool:
    """The expected code is recorded at once, or is one click away (among the codes offered)."""
    if item["action"] == "accept":
        return item["predicted"] == item["expected"]
    return item["expected"] in (item.get("offered") or [])


# What must have been answered for a question to be open: q3_grunn is asked only after q3 =
# usikker. (The codes of earlier questions are otherwise unknown: they count as not answered.)
_ASKED_BEFORE: dict[str, dict[str, str]] = {"q3_grunn": {"varighet": "usikker"}}


def carried_item(question: str, text: str, parse: dict[str, Any], thresholds: Thresholds = THRESHOLDS,
                 asked_on: date | None = None) -> dict[str, Any]:
    """Every answer the live form takes from one message (expected_all lines): {slot: {code,
    action}}, action `accept` (recorded at once) or `confirm` (confirmed together in one
    summary, one click); an offer of two about the open question is `choose`."""
    reading = read_message(question, text, parse, _ASKED_BEFORE.get(question, {}), thresholds, asked_on=asked_on)
    taken = {c.slot: {"code": c.meaning.code, "action": c.meaning.action} for c in reading.others}
    own = reading.own
    if own.kind == "answer" and own.action in ("accept", "confirm", "choose"):
        taken[QUESTIONS[question].slot] = {"code": own.code, "action": own.action, "offered": list(own.offered)}
    return taken


def combined_report(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Of all answers the expected_all lines carry: the share taken without asking again
    (recorded at once, or confirmed with the right code in the one summary) and the share
    recorded with a wrong code. `accepted_share` is the stricter figure: recorded at once."""
    carried = taken = accepted = wrong = 0
    for item in items:
        for slot, code in item["expected_all"].items():
            question_by_slot(slot)  # an unknown slot is an error in the file, not a miss
            carried += 1
            got = item["carried"].get(slot)
            if got is None:
                continue
            right = got["code"] == code
            taken += right and got["action"] in ("accept", "confirm")
            accepted += right and got["action"] == "accept"
        wrong += sum(1 for slot, got in item["carried"].items()
                     if got["action"] == "accept" and got["code"] != item["expected_all"].get(slot))
    share = lambda k: round(k / carried, 4) if carried else 0.0  # noqa: E731
    return {"n": len(items), "carried": carried, "taken_share": share(taken), "wrong_share": share(wrong),
            "accepted_share": share(accepted)}


def report(items: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(items)
    label = lambda item, key: f"{item['question']}:{item[key]}"  # noqa: E731 - codes repeat across questions
    correct = sum(item["predicted"] == item["expected"] for item in items)
    labels = sorted({label(i, "expected") for i in items})
    tp, fp, fn = Counter(), Counter(), Counter()
    for item in items:
        gold, guess = label(item, "expected"), label(item, "predicted")
        if gold == guess:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[guess] += 1
    f1s = []
    for lab in labels:
        precision = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        recall = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    accepted = [i for i in items if i["action"] == "accept"]
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "accepted_share": round(len(accepted) / n, 4) if n else 0.0,
        "wrong_accept_share": round(sum(i["predicted"] != i["expected"] for i in accepted) / n, 4) if n else 0.0,
        "one_step_share": round(sum(one_step(i) for i in items) / n, 4) if n else 0.0,
        "confirm_share": round(sum(i["action"] == "confirm" for i in items) / n, 4) if n else 0.0,
        "choose_share": round(sum(i["action"] == "choose" for i in items) / n, 4) if n else 0.0,
        "reask_share": round(sum(i["action"] == "reask" for i in items) / n, 4) if n else 0.0,
        **({"combined": combined_report(with_all)} if (with_all := [i for i in items if i.get("expected_all")]) else {}),
        "items": items,
    }


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({"question": row["question"], "text": row["text"], "expected": row["expected"]}
                        | ({"expected_all": row["expected_all"]} if row.get("expected_all") else {}))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not an eval-nlu line ({exc})") from exc
        if rows[-1]["question"] not in KNOWN_QUESTIONS:
            # e.g. tests/nlu_eval/after.jsonl's "after" lines: measured live by bench/conversation.py
            raise SystemExit(f"{path}:{number}: question {str(rows[-1]['question'])[:40]!r} is not one eval-nlu reads "
                             f"({', '.join(KNOWN_QUESTIONS)})")
    return rows


def run(path: Path, rasa_url: str, asked_on: date | None = None) -> dict[str, Any]:
    items = []
    from uke8.service_auth import rasa_auth  # Rasa's API wants the service token

    with httpx.Client(base_url=rasa_url, timeout=30, **rasa_auth()) as client:
        for row in load(path):
            parse = parse_with_rasa(client, row["text"])
            item = row | evaluate_item(row["question"], row["text"], parse, asked_on=asked_on)
            if row.get("expected_all"):
                item["carried"] = carried_item(row["question"], row["text"], parse, asked_on=asked_on)
            items.append(item)
    return report(items)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument("--rasa-url", default=os.environ.get("UKE8_RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--summary", action="store_true", help="print only the figures, not the items")
    parser.add_argument("--asked-on", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day the questions are asked, as the live form knows it: an end date alone ('sykmeldt til "
                             "jul') then says how long the leave lasts (default: not known, as before; never the wall clock)")


def main(args: argparse.Namespace) -> int:
    try:
        result = run(args.file, args.rasa_url, args.asked_on)
    except httpx.HTTPError as exc:
        print(f"cannot reach Rasa at {args.rasa_url}: {exc}. Start the stack with `make run`.", file=sys.stderr)
        return 2
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    shown = {k: v for k, v in result.items() if k != "items"} if args.summary else result
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    return 0
