"""Turn latency and throughput of the full stack (REST → Rasa → action server → case store,
SQL tracker store), with the product's model and, in the same run, with a model trained on
the same project under the configuration `rasa init` writes: once on the same stack (workers,
endpoints, hot-path fixes; only config.yml differs) and once as `rasa run` serves it (one
worker, Rasa's own hot path).

    .venv/bin/python bench/turns.py [--conversations 40] [--concurrency 1 20]
    .venv/bin/python bench/turns.py --synchronous FULL NORMAL --conversations 20

`--synchronous` measures the cost of the case store's SQLite `synchronous` pragma instead
(UKE8_SQLITE_SYNCHRONOUS; FULL is the product's setting): the product model only, once per
value, written to bench/results/turns-synchronous.json.

Each conversation is a scripted week-8 conversation: /start, then answers by button, digit
and free text (with the follow-ups they lead to). Cases and invitations are created before
the clock starts. Prints a table and writes bench/results/turns.json.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.nlu import CACHE, ENV, RASA, rasa_init_config  # noqa: E402
from uke8.dev.stack import Stack, free_port  # noqa: E402

# Each script: the messages a person sends. Buttons are sent as their payloads.
SCRIPTS = [
    ["/start", '/svar{"retur":"veldig_sannsynlig"}', '/svar{"relasjon":"god"}', '/svar{"varighet":"under_26_uker"}'],
    ["/start", "2", "nei", "1", "3", "1"],
    ["/start", "ja, det regner jeg med", "vi har et godt samarbeid", "noen uker til"],
    ["/start", "tror ikke jeg kommer tilbake dit", "det er vanskelig mellom oss", "minst et år"],
    ["/start", '/svar{"retur":"usikker"}', "nei takk", "sånn passe", "vet ikke", "venter på operasjon"],
]


def train_default_model() -> Path:
    """The whole project (domain, rules, stories, NLU) under `rasa init`'s configuration."""
    import hashlib

    digest = hashlib.sha256(rasa_init_config().read_bytes())
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]:
        digest.update(path.read_bytes())
    cached = CACHE / f"full-rasa-init-{digest.hexdigest()[:20]}.tar.gz"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([str(RASA), "train", "--domain", "domain.yml", "--data", "data", "--config", str(rasa_init_config()),
                            "--out", tmp, "--fixed-model-name", "default"], cwd=ROOT, env=ENV, check=True, capture_output=True)
            Path(tmp, "default.tar.gz").replace(cached)
        cached.with_suffix(".seconds").write_text(f"{time.perf_counter() - started:.1f}\n")
    return cached


def default_model_seconds(model: Path) -> float | None:
    """How long the cached `rasa init` model took to train, when that was recorded."""
    record = model.with_suffix(".seconds")
    return float(record.read_text()) if record.exists() else None


def product_model() -> Path:
    return (ROOT / (ROOT / "models" / "current").read_text().strip()).resolve()


def prepare(stack: Stack, count: int) -> list[str]:
    headers = {"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}
    ids = []
    with httpx.Client(base_url=stack.api_url, headers=headers, timeout=30) as api:
        for i in range(count):
            body = {"external_id": f"bench-{i}-{random.randrange(10**9)}", "fnr": f"{10 + i % 18:02d}8{i % 10}80{i % 1000:03d}{i % 97:02d}",
                    "enhet": "0219", "start_date": (date.today() - timedelta(days=55)).isoformat(), "sykmeldingsgrad": 100}
            case_id = api.post("/api/v1/cases", json=body).json()["id"]
            ids.append(api.post(f"/api/v1/cases/{case_id}/invitation").json()["conversation_id"])
    return ids


def drive(stack: Stack, conversation_ids: list[str], concurrency: int) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    errors = 0

    url = urlsplit(stack.webhook_url)

    def converse(index: int) -> None:
        # The standard library's client on one kept-alive connection: the load generator shares
        # the machine's two cores with the stack, so it should cost as little as it can.
        nonlocal errors
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            for message in SCRIPTS[index % len(SCRIPTS)]:
                body = json.dumps({"sender": conversation_ids[index], "message": message})
                started = time.perf_counter()
                connection.request("POST", url.path, body, {"Content-Type": "application/json", **stack.rasa_auth["headers"]})
                response = connection.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors += response.status != 200 or not json.loads(payload or b"[]")
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(converse, range(len(conversation_ids))))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "concurrency": concurrency,
        "conversations": len(conversation_ids),
        "turns": len(latencies),
        "errors": errors,
        "turns_per_second": round(len(latencies) / wall, 2),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
    }


def measure(name: str, model: Path, conversations: int, levels: list[int], extra_env: dict[str, str] | None = None) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = (extra_env or {}) | {"UKE8_DATA_DIR": tmp, "UKE8_DATABASE_URL": f"sqlite:///{tmp}/uke8.db", "UKE8_ADMIN_TOKEN": "adm-bench",
               "UKE8_SECRET_KEY": "bench-secret-not-for-production", "UKE8_TRACKER_DB": f"{tmp}/tracker.db"}
        with Stack(api_port=free_port(), action_port=free_port(), rasa_port=free_port(), env=env, with_rasa=True,
                   model=model, log_dir=Path(tmp) / "logs", migrate=True) as stack:
            warm = prepare(stack, 3)
            drive(stack, warm, 1)  # first turns load lazily-built parts; not measured
            for level in levels:
                ids = prepare(stack, conversations)
                result = drive(stack, ids, level) | {"model": name}
                print(f"  {name}: {result}", flush=True)
                results.append(result)
    return results


def compare_synchronous(args: argparse.Namespace) -> int:
    """The cost of synchronous=FULL on the case store: the same stack and conversations, only
    UKE8_SQLITE_SYNCHRONOUS differs (Rasa's own tracker store is not the case store)."""
    runs = []
    for mode in args.synchronous:
        runs += measure(f"product synchronous={mode}", product_model(), args.conversations, args.concurrency,
                        {"UKE8_SQLITE_SYNCHRONOUS": mode})
    print("\n| case store | concurrency | turns/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['model']} | {r['concurrency']} | {r['turns_per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['errors']} |")
    out = args.out or ROOT / "bench" / "results" / "turns-synchronous.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": runs}, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--out", type=Path, default=None, help="default bench/results/turns.json (turns-synchronous.json with --synchronous)")
    parser.add_argument("--synchronous", nargs="+", choices=["FULL", "NORMAL"], default=None,
                        help="compare the case store's SQLite synchronous pragma (product model only), e.g. FULL NORMAL")
    parser.add_argument("--no-default", action="store_true",
                        help="the product only (the rasa init model's training takes about half an hour the first time)")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    if args.synchronous:
        return compare_synchronous(args)
    args.out = args.out or ROOT / "bench" / "results" / "turns.json"

    runs = measure("product", product_model(), args.conversations, args.concurrency)
    if args.no_default:
        print("\n| model | concurrency | turns/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|---|")
        for r in runs:
            print(f"| {r['model']} | {r['concurrency']} | {r['turns_per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['errors']} |")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"runs": runs}, indent=2))
        return 0
    default = train_default_model()
    runs += measure("rasa-init-default", default, args.conversations, args.concurrency)
    # The default as `rasa run` serves it: one worker and Rasa's own hot path (the project's
    # fixes in bot/uke8_bot/speedups.py switched off); same action server and tracker store.
    runs += measure("rasa-init-default-stock", default, args.conversations, args.concurrency,
                    {"UKE8_RASA_WORKERS": "1", "UKE8_RASA_SPEEDUPS": "0"})
    by = {(r["model"], r["concurrency"]): r for r in runs}
    print("\n| model | concurrency | turns/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['model']} | {r['concurrency']} | {r['turns_per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['errors']} |")
    ratios = {baseline: {level: round(by[("product", level)]["turns_per_second"] / by[(baseline, level)]["turns_per_second"], 2)
                         for level in args.concurrency}
              for baseline in ("rasa-init-default", "rasa-init-default-stock")}
    print(f"\nthroughput ratio product / rasa-init default (same stack, only config.yml differs): {ratios['rasa-init-default']}")
    print(f"throughput ratio product / rasa-init default as `rasa run` serves it (1 worker, Rasa's hot path): {ratios['rasa-init-default-stock']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": runs, "ratio": ratios}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
