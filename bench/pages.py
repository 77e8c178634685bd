"""Latency of the review pages at scale: the queue page (first page, filtered, a later page,
sorted by invitation day) and case pages, each requested N times in sequence by a signed-in
veileder of the largest enhet, against the API as its own uvicorn process.

    .venv/bin/uke8 seed-scale --url postgresql://postgres@127.0.0.1:5432/uke8_bench --cases 200000
    .venv/bin/python bench/pages.py --url postgresql://postgres@127.0.0.1:5432/uke8_bench [-n 200]

Each request is timed from the client (full HTTP round trip, HTML rendered, the view audited).
Prints p50/p95/max per page kind and writes bench/results/pages.json. Target: p95 ≤ 200 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uke8.dev.stack import free_port  # noqa: E402
from uke8.store.db import Database  # noqa: E402

VEILEDER = "Z999001"  # enhet 9001, the largest in uke8 seed-scale


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the seeded database")
    parser.add_argument("-n", type=int, default=200, help="requests per page kind")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "pages.json"))
    args = parser.parse_args()

    db = Database(args.url)
    with db.read() as s:
        total = s.execute(text("SELECT count(*) FROM cases")).scalar()
        in_enhet = s.execute(text("SELECT count(*) FROM cases WHERE enhet = '9001'")).scalar()
        case_ids = [r[0] for r in s.execute(text(
            "SELECT id FROM cases WHERE enhet = '9001' AND status IN ('vurdert', 'ferdigbehandlet') ORDER BY random() LIMIT 500"))]
    db.dispose()
    print(f"{total} cases in the store, {in_enhet} in enhet 9001")

    port = free_port()
    env = os.environ | {"UKE8_DATABASE_URL": args.url, "UKE8_ENV": "development", "UKE8_DEV_LOGIN": "1",
                        "UKE8_SECRET_KEY": os.environ.get("UKE8_SECRET_KEY", "bench-secret-not-for-production")}
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    log = open(ROOT / "bench" / "results" / "pages-api.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        client = httpx.Client(base_url=base, timeout=30, follow_redirects=True)
        page = client.get("/logg-inn")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        r = client.post("/logg-inn/utvikling", data={"csrf_token": token, "ident": VEILEDER, "neste": "/oversikt"})
        assert r.status_code == 200 and VEILEDER in r.text, "sign-in failed: run uke8 seed-scale first"
        first = client.get("/oversikt").text
        pages = int(re.search(r"side 1 av (\d+)", first).group(1))
        kinds = {
            "queue: first page": lambda i: "/oversikt",
            "queue: filtered (status + reason)": lambda i: "/oversikt?status=vurdert&grunn=retur_usikker_eller_lite_sannsynlig",
            "queue: filtered (channel + view)": lambda i: "/oversikt?kanal=chat&vis=ikke_svart",
            f"queue: later page (of {pages})": lambda i: f"/oversikt?side={random.Random(i).randrange(pages // 2, pages + 1)}",
            "queue: sorted by invitation day": lambda i: "/oversikt?sorter=invitert&side=3",
            "case page": lambda i: f"/saker/{case_ids[i % len(case_ids)]}",
        }
        results = {}
        for name, path in kinds.items():
            for i in range(5):  # warm-up
                client.get(path(i))
            times = []
            for i in range(args.n):
                t0 = time.perf_counter()
                r = client.get(path(i))
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (path(i), r.status_code)
            results[name] = {"n": args.n, "p50_ms": round(pct(times, 0.5), 1), "p95_ms": round(pct(times, 0.95), 1),
                             "max_ms": round(max(times), 1), "mean_ms": round(statistics.fmean(times), 1)}
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\n| page | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |")
    worst = max(r["p95_ms"] for r in results.values())
    print(f"\nworst p95: {worst} ms (target ≤ 200 ms): {'met' if worst <= 200 else 'NOT met'}")
    report = {"cases": total, "cases_in_enhet": in_enhet, "backend": args.url.split(":")[0], "results": results, "worst_p95_ms": worst}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if worst <= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
