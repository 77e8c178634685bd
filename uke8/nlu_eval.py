"""`uke8 eval-nlu FILE.jsonl`: interpret each line the way the live form does (the running
Rasa server's parse + uke8.understanding) and print a JSON report (INTERFACES.md).

`action` is what the live bot would do: `accept` (record / act on it), `confirm` (ask
"Forstår jeg deg riktig …?") or `reask`. When a question is open and the text is taken as
one of the person's own questions (personvern, hvorfor, …), the bot answers it and asks the
question again, so that counts as `reask` with the global code as the prediction.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from uke8.understanding.calibration import THRESHOLDS, Thresholds
from uke8.understanding.interpret import interpret


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


def evaluate_item(question: str, text: str, parse: dict[str, Any], thresholds: Thresholds = THRESHOLDS) -> dict[str, Any]:
    meaning = interpret(None if question == "any" else question, text, parse, thresholds)
    if question != "any" and meaning.kind == "global":
        action = "accept" if meaning.code == "stopp" else "reask"
    else:
        action = meaning.action
    predicted = REPORT_CODES.get(meaning.code, meaning.code) if meaning.kind == "global" else meaning.code
    return {"predicted": predicted, "confidence": round(meaning.confidence, 4), "action": action, "source": meaning.source}


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
        "confirm_share": round(sum(i["action"] == "confirm" for i in items) / n, 4) if n else 0.0,
        "items": items,
    }


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({"question": row["question"], "text": row["text"], "expected": row["expected"]})
        except (ValueError, KeyError) as exc:
            raise SystemExit(f"{path}:{number}: not an eval-nlu line ({exc})") from exc
    return rows


def run(path: Path, rasa_url: str) -> dict[str, Any]:
    items = []
    from uke8.service_auth import rasa_auth  # Rasa's API wants the service token

    with httpx.Client(base_url=rasa_url, timeout=30, **rasa_auth()) as client:
        for row in load(path):
            items.append(row | evaluate_item(row["question"], row["text"], parse_with_rasa(client, row["text"])))
    return report(items)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument("--rasa-url", default=os.environ.get("UKE8_RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--summary", action="store_true", help="print only the figures, not the items")


def main(args: argparse.Namespace) -> int:
    try:
        result = run(args.file, args.rasa_url)
    except httpx.HTTPError as exc:
        print(f"cannot reach Rasa at {args.rasa_url}: {exc}. Start the stack with `make run`.", file=sys.stderr)
        return 2
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    shown = {k: v for k, v in result.items() if k != "items"} if args.summary else result
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    return 0
