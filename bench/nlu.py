"""NLU benchmark: the product's pipeline against Rasa's default (the config.yml that `rasa init`
writes), and optional variants, each trained on the same data and scored on the held-out
evaluation set through the live answer mapping (uke8.understanding).

    .venv/bin/python bench/nlu.py [--eval tests/nlu_eval/fresh.jsonl …] [--variants rasa-lr spacy diet]

Prints a table and writes bench/results/nlu.json. Models are cached by a fingerprint of the
config and the training data, so a rerun only scores.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uke8.nlu_eval import evaluate_item, load, report  # noqa: E402

RASA = ROOT / ".venv-bot" / "bin" / "rasa"
BOT_PY = ROOT / ".venv-bot" / "bin" / "python"
CACHE = Path(os.environ.get("UKE8_MODEL_CACHE", Path.home() / ".cache" / "uke8" / "models")) / "bench"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
VARIANTS = ROOT / "bench" / "configs"


def rasa_init_config() -> Path:
    """The config.yml that `rasa init` writes, taken from the installed Rasa itself."""
    found = list((ROOT / ".venv-bot" / "lib").glob("python3.*/site-packages/rasa/cli/initial_project/config.yml"))
    if not found:
        raise SystemExit("Rasa's initial project not found: run `make venv`")
    return found[0]


def fingerprint(config: Path) -> str:
    digest = hashlib.sha256(config.read_bytes())
    digest.update((ROOT / "bot" / "uke8_bot" / "intent_classifier.py").read_bytes())  # the product's own component
    for path in sorted((ROOT / "data" / "nlu").rglob("*.yml")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def prepare_spacy_blank() -> Path:
    """spaCy's blank Norwegian pipeline on disk (no model download: only the tokenizer rules)."""
    target = CACHE / "spacy_nb_blank"
    if not target.exists():
        subprocess.run([str(BOT_PY), "-c", f"import spacy; spacy.blank('nb').to_disk({str(target)!r})"], check=True, env=ENV)
    return target


def materialise(config: Path, workdir: Path) -> Path:
    """Fill placeholders in a variant config (the spaCy model path)."""
    text = config.read_text()
    if "{spacy_nb_blank}" in text:
        text = text.replace("{spacy_nb_blank}", str(prepare_spacy_blank()))
    out = workdir / config.name
    out.write_text(text)
    return out


def train(name: str, config: Path, workdir: Path) -> tuple[Path, float | None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"nlu-{name}-{fingerprint(config)}.tar.gz"
    if cached.exists():
        return cached, None
    started = time.perf_counter()
    result = subprocess.run(
        [str(RASA), "train", "nlu", "--nlu", "data/nlu", "--config", str(config), "--out", str(workdir), "--fixed-model-name", name],
        cwd=ROOT, env=ENV, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"training {name} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    shutil.copy(workdir / f"{name}.tar.gz", cached)
    return cached, seconds


def parse_all(model: Path, texts: list[str], workdir: Path) -> list[dict]:
    source, out = workdir / "texts.jsonl", workdir / f"parses-{model.stem}.jsonl"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    with source.open() as stdin:
        subprocess.run([str(BOT_PY), str(ROOT / "bench" / "rasa_parse.py"), str(model), str(out)], stdin=stdin, env=ENV,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def confusion(items: list[dict]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        table[f"{item['question']}:{item['expected']}"][str(item["predicted"])] += 1
    return {gold: dict(row) for gold, row in sorted(table.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, nargs="+",
                        default=[ROOT / "tests" / "nlu_eval" / "fresh.jsonl", ROOT / "tests" / "nlu_eval" / "answers.jsonl"])
    parser.add_argument("--variants", nargs="*", default=[], help=f"extra configs from {VARIANTS.relative_to(ROOT)} (file stem)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "nlu.json")
    parser.add_argument("--no-default", action="store_true", help="leave out the rasa init pipeline (its training is long)")
    args = parser.parse_args()

    configs = {"product": ROOT / "config.yml"} | ({} if args.no_default else {"rasa-init-default": rasa_init_config()})
    configs |= {name: VARIANTS / f"{name}.yml" for name in args.variants}
    sets = {path: load(path) for path in args.eval}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name, config in configs.items():
            if name == "rasa-init-default":
                # The whole project under `rasa init`'s config, shared with bench/turns.py (one training).
                from bench.turns import default_model_seconds, train_default_model
                model = train_default_model()
                seconds = default_model_seconds(model)
            else:
                model, seconds = train(name, materialise(config, workdir), workdir)
            for path, rows in sets.items():
                parses = parse_all(model, [r["text"] for r in rows], workdir)
                items = [row | evaluate_item(row["question"], row["text"], parse) for row, parse in zip(rows, parses)]
                figures = report(items)
                results.setdefault(path.name, {})[name] = {k: v for k, v in figures.items() if k != "items"} | {
                    "train_seconds": round(seconds, 1) if seconds is not None else "cached",
                    "confusion": confusion(items),
                    "errors": [i for i in items if i["predicted"] != i["expected"]],
                }

    for set_name, by_pipeline in results.items():
        print(f"\nNLU on {set_name} (n={len(sets[next(p for p in sets if p.name == set_name)])})\n")
        print("| pipeline | accuracy | macro-F1 | accepted | wrong accepts | confirm | training s |")
        print("|---|---|---|---|---|---|---|")
        for name, r in by_pipeline.items():
            print(f"| {name} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['accepted_share']:.1%} | {r['wrong_accept_share']:.1%} | {r['confirm_share']:.1%} | {r['train_seconds']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sets": {p.name: len(r) for p, r in sets.items()}, "results": results},
                                   ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
