"""The training data and the evaluation sets stay apart, and the training data stays sound."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import yaml

from uke8.settings import PROJECT_ROOT
from uke8.understanding.interpret import ANSWER_INTENTS, GLOBAL_INTENTS

EVAL_FILES = [PROJECT_ROOT / "tests" / "nlu_eval" / "answers.jsonl", PROJECT_ROOT.parent / "shared" / "eval" / "nlu_examples.jsonl"] + [
    p for p in sorted((PROJECT_ROOT / "tests" / "nlu_eval").glob("*.jsonl")) if p.name != "answers.jsonl"]
# Held-out material that is not one JSON object a line: every message and fallback rewording
# of the scripted free-text people (bench/conversation.py) is kept out of the training data too.
EVAL_YAML_FILES = sorted((PROJECT_ROOT / "tests" / "nlu_eval").glob("*.yml"))


def yaml_eval_texts(path: Path) -> list[str]:
    people = yaml.safe_load(path.read_text(encoding="utf-8"))["people"]
    return [m["text"] for p in people for m in p["messages"]] + [t for p in people for t in p["fallback"].values()]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def training_examples() -> list[tuple[str, str]]:
    examples = []
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    examples.append((block["intent"], line.strip()[2:]))
    return examples


def test_no_evaluation_line_is_in_the_training_data():
    train = {normal(text) for _, text in training_examples()}
    leaked = []
    for path in EVAL_FILES:
        if path.exists():
            leaked += [json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines()
                       if l.strip() and normal(json.loads(l)["text"]) in train]
    for path in EVAL_YAML_FILES:
        leaked += [text for text in yaml_eval_texts(path) if normal(text) in train]
    # Single digits are answered by the deterministic layer and are in neither set's NLU data.
    assert leaked == [], leaked


def test_the_held_out_set_is_large_and_covers_every_code():
    rows = [json.loads(l) for l in EVAL_FILES[0].read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) >= 400
    codes = Counter((r["question"], r["expected"]) for r in rows)
    for question, mapping in ANSWER_INTENTS.items():
        for code in set(mapping.values()):
            assert codes[(question, code)] >= 20, (question, code)
    for code in ("stopp", "menneske", "personvern", "hvorfor", "sykepenger", "endret_situasjon", "ute_av_omfang"):
        assert codes[("any", code)] >= 12, code


def test_every_intent_the_bot_maps_has_training_data_and_no_line_has_two_labels():
    examples = training_examples()
    by_intent = Counter(intent for intent, _ in examples)
    mapped = {i for m in ANSWER_INTENTS.values() for i in m} | (set(GLOBAL_INTENTS) - {"nlu_fallback"})
    for intent in mapped:
        assert by_intent[intent] >= 40, intent
    assert by_intent["out_of_scope"] >= 150
    labels: dict[str, set[str]] = {}
    for intent, text in examples:
        labels.setdefault(normal(text), set()).add(intent)
    assert {t: l for t, l in labels.items() if len(l) > 1} == {}
