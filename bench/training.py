"""Training time of the product's model: from scratch, with Rasa's component cache, and with
the project's fingerprint cache (what `make train` / `make test` do when nothing changed).

    .venv/bin/python bench/training.py [--repeat 1]

Each run trains the whole project (domain, rules, stories, NLU) with config.yml. "From scratch"
uses an empty Rasa cache directory; "Rasa cache" retrains the same inputs with that cache warm;
"fingerprint cache" is scripts/train_model.py finding the model for these inputs in its cache.
Prints a table and writes bench/results/training.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
PY = ROOT / ".venv" / "bin" / "python"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "training.json")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"from scratch": [], "Rasa cache warm": [], "fingerprint cache": []}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
                   "RASA_CACHE_DIRECTORY": f"{tmp}/rasa-cache", "UKE8_MODEL_CACHE": f"{tmp}/model-cache"}
            def train(out: str) -> list[str]:
                return [str(RASA), "train", "--domain", "domain.yml", "--config", "config.yml", "--data", "data",
                        "--out", out, "--fixed-model-name", "bench"]

            results["from scratch"].append(timed(train(f"{tmp}/out"), env))
            # a new output folder, so Rasa builds a model again, restoring trained components from its cache
            results["Rasa cache warm"].append(timed(train(f"{tmp}/out2"), env))
            # the project's own cache: put the trained model where scripts/train_model.py looks
            name = subprocess.run([str(PY), "scripts/train_model.py", "--print-hash"], cwd=ROOT, env=env,
                                  check=True, capture_output=True, text=True).stdout.strip()
            Path(f"{tmp}/model-cache").mkdir()
            shutil.copy(f"{tmp}/out/bench.tar.gz", f"{tmp}/model-cache/{name}.tar.gz")
            model = ROOT / "models" / f"{name}.tar.gz"
            kept = model.with_suffix(".bench-kept") if model.exists() else None
            if kept:
                model.replace(kept)  # so the script has to take it from the cache
            try:
                results["fingerprint cache"].append(timed([str(PY), "scripts/train_model.py"], env))
            finally:
                if kept:
                    kept.replace(model)
    rows = {k: {"median_s": round(statistics.median(v), 1), "runs": [round(x, 1) for x in v]} for k, v in results.items()}
    print("\n| training | seconds (median) | runs |\n|---|---|---|")
    for k, v in rows.items():
        print(f"| {k} | {v['median_s']} | {v['runs']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"config": "config.yml", "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
