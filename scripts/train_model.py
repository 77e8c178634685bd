"""Train the Rasa model only when its inputs changed.

The inputs (domain.yml, config.yml, every file under data/, bot/requirements.lock) are
fingerprinted with sha256. A model for that fingerprint is looked for in models/, then in the
cache directory ($UKE8_MODEL_CACHE, default ~/.cache/uke8/models); only when neither has it does
`rasa train` run (in .venv-bot), and the model is stored in the cache.
models/current then holds the model's path, relative to the project root, for `uke8 run` and
the tests.

Standard library only: run it with any Python 3 (`make train` uses .venv/bin/python).
Usage: python scripts/train_model.py [--force] [--print-hash]
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
CURRENT = MODELS / "current"
RASA = ROOT / ".venv-bot" / "bin" / "rasa"
KEEP_IN_MODELS = 3  # newest model files kept in models/
KEEP_IN_CACHE = 20  # newest model files kept in the cache


def cache_dir() -> Path:
    return Path(os.environ.get("UKE8_MODEL_CACHE") or Path.home() / ".cache" / "uke8" / "models").expanduser()


def training_inputs() -> list[Path]:
    files = [ROOT / "domain.yml", ROOT / "config.yml", ROOT / "bot" / "requirements.lock",
             ROOT / "bot" / "uke8_bot" / "intent_classifier.py",  # the classifier's code shapes the model,
             ROOT / "uke8" / "understanding" / "negation.py", ROOT / "uke8" / "understanding" / "dialect.py"]  # and its options
    data = ROOT / "data"
    if data.is_dir():
        files += [
            p
            for p in data.rglob("*")
            if p.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(data).parts)
        ]
    return sorted(p for p in files if p.is_file())


def fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:20]


def copy_atomic(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def prune(directory: Path, keep: int, protect: Path) -> None:
    models = sorted(directory.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in models[keep:]:
        if p != protect:
            p.unlink(missing_ok=True)


def write_current(model: Path) -> None:
    tmp = CURRENT.with_name(".current.tmp")
    tmp.write_text(model.relative_to(ROOT).as_posix() + "\n")
    os.replace(tmp, CURRENT)


def rasa_env() -> dict[str, str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def train(name: str) -> int:
    cmd = [
        str(RASA), "train",
        "--domain", "domain.yml", "--config", "config.yml", "--data", "data",
        "--out", "models", "--fixed-model-name", name,
    ]
    print("train: " + " ".join([RASA.relative_to(ROOT).as_posix(), *cmd[1:]]), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=rasa_env())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="train even if a model for these inputs exists")
    parser.add_argument("--print-hash", action="store_true", help="print the inputs' fingerprint and exit")
    args = parser.parse_args(argv)

    if not (ROOT / "domain.yml").exists():
        print("train: no domain.yml yet (the Rasa project is not there), training skipped")
        return 0
    if not (ROOT / "config.yml").exists():
        print("train: domain.yml exists but config.yml does not", file=sys.stderr)
        return 1

    started = time.monotonic()
    files = training_inputs()
    name = fingerprint(files)
    if args.print_hash:
        print(name)
        return 0

    MODELS.mkdir(exist_ok=True)
    with open(MODELS / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one training at a time in this tree
        model = MODELS / f"{name}.tar.gz"
        cached = cache_dir() / f"{name}.tar.gz"
        if model.is_file() and not args.force:
            how = "up to date"
            if not cached.is_file():
                copy_atomic(model, cached)
        elif cached.is_file() and not args.force:
            copy_atomic(cached, model)
            how = f"taken from the cache {cached.parent}"
        else:
            print(f"train: inputs changed ({len(files)} files, fingerprint {name}): training", flush=True)
            if not RASA.exists():
                print(f"train: {RASA.relative_to(ROOT)} is missing: run `make venv` first", file=sys.stderr)
                return 1
            rc = train(name)
            if rc != 0 or not model.is_file():
                print(f"train: rasa train failed (exit {rc})", file=sys.stderr)
                return rc or 1
            copy_atomic(model, cached)
            how = "trained"
        os.utime(model)
        os.utime(cached)
        write_current(model)
        prune(MODELS, KEEP_IN_MODELS, model)
        prune(cached.parent, KEEP_IN_CACHE, cached)
    print(f"train: model {model.relative_to(ROOT)} {how} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
