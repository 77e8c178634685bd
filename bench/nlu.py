"""NLU benchmark: the product's pipeline against Rasa's default (the config.yml that `rasa init`
writes), and optional variants, each trained on the same data and scored on the held-out
evaluation set through the live answer mapping (uke8.understanding).

    .venv/bin/python bench/nlu.py [--eval tests/nlu_eval/fresh.jsonl …] [--variants rasa-lr spacy diet]
    .venv/bin/python bench/nlu.py --no-default --eval tests/nlu_eval/answers.jsonl --variants stem question --calibrate --cost

--calibrate also scores each pipeline with thresholds calibrated for it on the development set
(tests/nlu_eval/answers.jsonl, the way bench/calibrate.py --on does), so that a variant whose
probabilities come out differently is not judged by the product's thresholds; --cost measures
each model's milliseconds per message (bench/classifier_cost.py).

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

from uke8.nlu_eval import carried_item, evaluate_item, load, report  # noqa: E402

RASA = ROOT / ".venv-bot" / "bin" / "rasa"
BOT_PY = ROOT / ".venv-bot" / "bin" / "python"
CACHE = Path(os.environ.get("UKE8_MODEL_CACHE", Path.home() / ".cache" / "uke8" / "models")) / "bench"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
VARIANTS = ROOT / "bench" / "configs"
DEVELOPMENT = ROOT / "tests" / "nlu_eval" / "answers.jsonl"
TRAINING_DATA = ROOT / "data" / "nlu"  # --data: another copy (to compare variants on one snapshot)


def rasa_init_config() -> Path:
    """The config.yml that `rasa init` writes, taken from the installed Rasa itself."""
    found = list((ROOT / ".venv-bot" / "lib").glob("python3.*/site-packages/rasa/cli/initial_project/config.yml"))
    if not found:
        raise SystemExit("Rasa's initial project not found: run `make venv`")
    return found[0]


def fingerprint(config: Path) -> str:
    digest = hashlib.sha256(config.read_bytes())
    digest.update((ROOT / "bot" / "uke8_bot" / "intent_classifier.py").read_bytes())  # the product's own component
    for option in ("dialect.py", "negation.py"):  # and its options' code
        digest.update((ROOT / "uke8" / "understanding" / option).read_bytes())
    for path in sorted(TRAINING_DATA.rglob("*.yml")):
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
        seconds = Path(f"{cached}.seconds")
        return cached, float(seconds.read_text()) if seconds.exists() else None
    started = time.perf_counter()
    result = subprocess.run(
        [str(RASA), "train", "nlu", "--nlu", str(TRAINING_DATA), "--config", str(config), "--out", str(workdir), "--fixed-model-name", name],
        cwd=ROOT, env=ENV, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"training {name} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    shutil.copy(workdir / f"{name}.tar.gz", cached)
    Path(f"{cached}.seconds").write_text(f"{seconds:.1f}")
    return cached, seconds


def calibrated(rows: list[dict], parses: list[dict]):
    """Thresholds for one pipeline on the development set, by bench/calibrate.py's rules: the
    most accepted within 0.5 % wrong accepts, then the offer rule."""
    import itertools

    from bench.calibrate import calibrate_offers
    from uke8.understanding.calibration import Thresholds

    best = None
    grid = [x / 100 for x in range(40, 100, 5)]
    for accept, global_accept in itertools.product(grid, grid):
        t = Thresholds(accept=accept, confirm=min(accept, 0.4), global_accept=global_accept)
        figures = report([r | evaluate_item(r["question"], r["text"], p, t) for r, p in zip(rows, parses)])
        if figures["wrong_accept_share"] <= 0.005 and (best is None or figures["accepted_share"] > best[1]):
            best = (t, figures["accepted_share"])
    if best is None:
        return None
    return calibrate_offers(rows, parses, best[0], 0.005)[0]


def cost(models: dict[str, Path], texts: list[str], workdir: Path) -> dict[str, dict]:
    source, out = workdir / "cost-texts.jsonl", workdir / "cost.json"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    with source.open() as stdin:
        subprocess.run([str(BOT_PY), str(ROOT / "bench" / "classifier_cost.py"), str(out), *map(str, models.values())],
                       stdin=stdin, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    measured = json.loads(out.read_text())
    return {name: measured[str(model)] for name, model in models.items()}


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
    parser.add_argument("--calibrate", action="store_true", help="also score with thresholds calibrated per pipeline on the development set")
    parser.add_argument("--cost", action="store_true", help="measure each model's ms per message (parsing the development set)")
    parser.add_argument("--data", type=Path, default=TRAINING_DATA, help="the NLU training data (default data/nlu)")
    args = parser.parse_args()
    globals()["TRAINING_DATA"] = args.data.resolve()

    configs = {"product": ROOT / "config.yml"} | ({} if args.no_default else {"rasa-init-default": rasa_init_config()})
    configs |= {name: VARIANTS / f"{name}.yml" for name in args.variants}
    sets = {path: load(path) for path in args.eval}
    results: dict[str, dict] = {}
    models: dict[str, Path] = {}
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
            models[name] = model
            # Every pipeline is scored exactly as the live answer mapping reads its parse (with the
            # open question's own scorer where the model has one: uke8/understanding/question_view.py).
            parsed = {path: parse_all(model, [r["text"] for r in rows], workdir) for path, rows in sets.items()}
            thresholds = None
            if args.calibrate:
                development = DEVELOPMENT if DEVELOPMENT in sets else None
                rows = sets[development] if development else load(DEVELOPMENT)
                parses = parsed[development] if development else parse_all(model, [r["text"] for r in rows], workdir)
                thresholds = calibrated(rows, parses)
            for path, rows in sets.items():
                items = [row | evaluate_item(row["question"], row["text"], parse) for row, parse in zip(rows, parsed[path])]
                for item, parse in zip(items, parsed[path]):  # lines with several answers (issue 13)
                    if item.get("expected_all"):
                        item["carried"] = carried_item(item["question"], item["text"], parse)
                figures = report(items)
                results.setdefault(path.name, {})[name] = {k: v for k, v in figures.items() if k != "items"} | {
                    "train_seconds": round(seconds, 1) if seconds is not None else "cached",
                    "confusion": confusion(items),
                    "errors": [i for i in items if i["predicted"] != i["expected"]],
                }
                if thresholds is not None:
                    own = report([row | evaluate_item(row["question"], row["text"], parse, thresholds)
                                  for row, parse in zip(rows, parsed[path])])
                    results[path.name][name]["own_thresholds"] = {k: v for k, v in own.items() if k != "items"} | {
                        "thresholds": {k: getattr(thresholds, k) for k in ("accept", "confirm", "global_accept", "offer", "close")}}
        if args.cost:
            texts = [r["text"] for r in (sets[DEVELOPMENT] if DEVELOPMENT in sets else load(DEVELOPMENT))]
            for name, measured in cost({n: m for n, m in models.items() if n != "rasa-init-default"}, texts, workdir).items():
                for by_pipeline in results.values():
                    by_pipeline[name]["ms_per_message"] = measured

    for set_name, by_pipeline in results.items():
        print(f"\nNLU on {set_name} (n={len(sets[next(p for p in sets if p.name == set_name)])})\n")
        print("| pipeline | accuracy | macro-F1 | accepted | wrong accepts | one step | confirm | choose | training s | ms/message |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, r in by_pipeline.items():
            ms = r.get("ms_per_message", {}).get("ms_mean", "")
            print(f"| {name} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['accepted_share']:.1%} | {r['wrong_accept_share']:.1%} | "
                  f"{r['one_step_share']:.1%} | {r['confirm_share']:.1%} | {r['choose_share']:.1%} | {r['train_seconds']} | {ms} |")
            if "combined" in r:
                c = r["combined"]
                print(f"|   combined messages ({c['n']} lines, {c['carried']} answers) | taken {c['taken_share']:.1%} | "
                      f"recorded at once {c['accepted_share']:.1%} | wrong {c['wrong_share']:.1%} | | | | | | |")
        if any("own_thresholds" in r for r in by_pipeline.values()):
            print(f"\nwith thresholds calibrated per pipeline on {DEVELOPMENT.name}\n")
            print("| pipeline | accuracy | macro-F1 | accepted | wrong accepts | one step | accept / global / offer / close |")
            print("|---|---|---|---|---|---|---|")
            for name, r in by_pipeline.items():
                if "own_thresholds" in r:
                    o, t = r["own_thresholds"], r["own_thresholds"]["thresholds"]
                    print(f"| {name} | {o['accuracy']:.3f} | {o['macro_f1']:.3f} | {o['accepted_share']:.1%} | {o['wrong_accept_share']:.1%} | "
                          f"{o['one_step_share']:.1%} | {t['accept']} / {t['global_accept']} / {t['offer']} / {t['close']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sets": {p.name: len(r) for p, r in sets.items()}, "results": results},
                                   ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
