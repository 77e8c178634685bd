"""Health-detail redaction: precision and recall on a labelled set.

    .venv/bin/python bench/health.py [--set tests/nlu_eval/health_details.jsonl]

Text level: does the redactor find health details where there are some (and only there)?
Span level: is every labelled revealing span gone from the stored text (no content word of
four letters or more survives)? Prints a table and writes bench/results/health.json.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uke8.privacy import REDACTED, redact_health  # noqa: E402


def measure(rows: list[dict]) -> dict:
    tp = fp = fn = tn = 0
    spans_total = spans_removed = 0
    misses, false_alarms = [], []
    for row in rows:
        result = redact_health(row["text"])
        if result.changed and row["health"]:
            tp += 1
        elif result.changed:
            fp += 1
            false_alarms.append(row["text"])
        elif row["health"]:
            fn += 1
            misses.append(row["text"])
        else:
            tn += 1
        kept = result.text.lower().replace(REDACTED, " ")
        for span in row.get("spans", []):
            spans_total += 1
            words = [w for w in re.findall(r"\w+", span.lower()) if len(w) >= 4]
            spans_removed += not any(re.search(rf"\b{re.escape(w)}\b", kept) for w in words)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "n": len(rows), "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "span_recall": round(spans_removed / spans_total, 4) if spans_total else 0.0,
        "misses": misses, "false_alarms": false_alarms,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "nlu_eval" / "health_details.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "health.json")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = measure(rows)
    print("| set | n | precision | recall | F1 | labelled spans removed |\n|---|---|---|---|---|---|")
    print(f"| {args.set.name} | {result['n']} | {result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} | {result['span_recall']:.1%} |")
    for label in ("misses", "false_alarms"):
        if result[label]:
            print(f"{label}:", *result[label], sep="\n  ")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
