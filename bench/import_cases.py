"""Bulk import of the daily register feed: 100 000 synthetic cases into PostgreSQL.

    .venv/bin/python bench/import_cases.py [--rows 100000] [--format csv|jsonl] [--server URL] [--keep]

Generates a synthetic feed (fødselsnummer with month + 80, the mark of NAV's synthetic test
persons, so none is a real person's; mobile numbers in +47 000xxxxx, a range not issued to
subscribers; a third graded with grade changes, a tenth on SMS), creates a fresh database
on the server (default UKE8_TEST_DATABASE_URL, else postgresql+psycopg://postgres@127.0.0.1:5432/test),
migrates it, and times `uke8 import` end to end as a separate process, three times:
  1. first import  — every row new
  2. same file     — every row unchanged (idempotent on external_id)
  3. changed feed  — every 10th row with a new grade and grade change, the rest unchanged
Prints a table and writes bench/results/import_cases.json. The target is ≤ 60 s for run 1.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from uke8.store.db import normalise_url  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ENHETER = ("0219", "0301", "4601", "1103", "5001", "3005", "1508", "1804")
COLUMNS = ("external_id", "fnr", "enhet", "start_date", "sykmeldingsgrad", "gjentakende_fravaer", "usikre_inngangsvilkar",
           "stillingsprosent", "channel", "mobil", "employer_orgnr", "grade_changes")


def synthetic_rows(count: int, today: date, changed_every: int = 0) -> list[dict]:
    rng = random.Random(8)
    rows = []
    for i in range(count):
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
        # DD (MM+80) YY III KK: the individual number and the serial keep every one distinct
        fnr = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{i % 500:03d}{(i // 500) % 100:02d}"
        start = today - timedelta(days=rng.randrange(1, 300))
        graded = i % 3 == 0
        grade = rng.choice((20, 40, 50, 60, 80)) if graded else 100
        changes = [(start, 100), (start + timedelta(days=rng.randrange(7, 60)), grade)] if graded else []
        if changed_every and i % changed_every == 0:
            grade = 30 if grade != 30 else 70
            changes.append((max([d for d, _ in changes], default=start) + timedelta(days=1), grade))
        sms = i % 10 == 0
        rows.append({
            "external_id": f"bench-{i:07d}",
            "fnr": fnr,
            "enhet": ENHETER[i % len(ENHETER)],
            "start_date": start.isoformat(),
            "sykmeldingsgrad": grade,
            "gjentakende_fravaer": i % 17 == 0,
            "usikre_inngangsvilkar": i % 23 == 0,
            "stillingsprosent": 100 if i % 5 else 60,
            "channel": "sms" if sms else "chat",
            "mobil": f"+47000{i % 100000:05d}" if sms else None,
            "employer_orgnr": f"9{i % 100000000:08d}",
            "grade_changes": [{"valid_from": d.isoformat(), "grade": g} for d, g in changes],
        })
    return rows


def write_feed(rows: list[dict], path: Path, fmt: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fmt == "jsonl":
            for row in rows:
                f.write(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n")
            return
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([
                ";".join(f"{c['valid_from']}:{c['grade']}" for c in row["grade_changes"]) if name == "grade_changes"
                else ("true" if row[name] else "false") if isinstance(row[name], bool)
                else "" if row[name] is None else row[name]
                for name in COLUMNS
            ])


def timed_import(path: Path, env: dict[str, str]) -> dict:
    started = time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "uke8"), "import", str(path), "--json"], env=env, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"uke8 import failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    summary.pop("rejected_rows", None)
    return summary | {"wall_seconds": round(seconds, 2), "rows_per_second": round(summary["rows"] / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--server", default=os.environ.get("UKE8_TEST_DATABASE_URL") or DEFAULT_SERVER)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "import_cases.json")
    args = parser.parse_args()

    server = normalise_url(args.server)
    name = f"uke8_bench_import_{secrets.token_hex(3)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    results: dict = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, UKE8_DATABASE_URL=url, UKE8_DATA_DIR=str(Path(tmp) / "data"),
                       UKE8_SECRET_KEY=os.environ.get("UKE8_SECRET_KEY", "bench-secret-not-for-production"))
            subprocess.run([str(ROOT / ".venv" / "bin" / "uke8"), "migrate"], env=env, check=True, capture_output=True)
            today = date.today()
            feed, changed = Path(tmp) / f"feed.{args.format}", Path(tmp) / f"changed.{args.format}"
            t0 = time.perf_counter()
            write_feed(synthetic_rows(args.rows, today), feed, args.format)
            write_feed(synthetic_rows(args.rows, today, changed_every=10), changed, args.format)
            generated = time.perf_counter() - t0
            runs = {
                "first import": timed_import(feed, env),
                "same file again": timed_import(feed, env),
                "changed feed": timed_import(changed, env),
            }
            engine = create_engine(url)
            with engine.connect() as conn:
                counts = {t: conn.scalar(select(func.count()).select_from(text(t))) for t in ("cases", "person_identities", "grade_history", "status_history", "audit_log")}
            engine.dispose()
        results = {
            "rows": args.rows, "format": args.format, "generate_seconds": round(generated, 1), "runs": runs, "table_rows": counts,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "postgres": make_url(server).render_as_string(hide_password=True), "target_seconds": 60,
        }
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    print(f"uke8 import, {args.rows} rows ({args.format}) into PostgreSQL, {os.cpu_count()} CPUs")
    print(f"{'run':<18}{'wall s':>8}{'rows/s':>9}{'inserted':>10}{'updated':>9}{'unchanged':>11}{'rejected':>10}")
    for label, r in results["runs"].items():
        print(f"{label:<18}{r['wall_seconds']:>8}{r['rows_per_second']:>9}{r['inserted']:>10}{r['updated']:>9}{r['unchanged']:>11}{r['rejected']:>10}")
    print(f"rows in the store: {results['table_rows']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written {args.out}")
    first = results["runs"]["first import"]["wall_seconds"]
    return 0 if first <= results["target_seconds"] else 1


if __name__ == "__main__":
    sys.exit(main())
