"""The register feed carries the sick leave's end date (`end_date`, optional, YYYY-MM-DD, not
before start_date), which the pilot's self-prediction figure needs (uke8/review/self_prediction.py):
a later file adds it to a case already imported, and a bad one is reported by line."""
from __future__ import annotations

import json

from tests.factories import synthetic_fnr
from tests.lifecycle.test_importer import case_by_external, importer, write

HEADER = "external_id,fnr,enhet,start_date,sykmeldingsgrad,end_date"


def test_the_feed_carries_the_end_date_and_a_later_file_adds_it(own_store, tmp_path):
    db, _ = own_store
    fnr = synthetic_fnr()
    first = importer(db).run(write(tmp_path, "day1.csv", [
        HEADER, f"e-1,{fnr},0219,2026-06-01,100,", f"e-2,{synthetic_fnr()},0219,2026-06-01,100,2026-09-30",
    ]))
    assert (first.inserted, first.rejected) == (2, [])
    assert case_by_external(db, "e-1")["end_date"] is None
    assert case_by_external(db, "e-2")["end_date"] == "2026-09-30"
    later = importer(db).run(write(tmp_path, "day2.jsonl", [json.dumps({
        "external_id": "e-1", "fnr": fnr, "enhet": "0219", "start_date": "2026-06-01", "sykmeldingsgrad": 100,
        "end_date": "2026-12-20",
    })]))
    assert (later.updated, later.rejected) == (1, [])
    assert case_by_external(db, "e-1")["end_date"] == "2026-12-20"


def test_an_end_date_before_the_start_or_not_a_date_is_reported_by_line(own_store, tmp_path):
    db, _ = own_store
    summary = importer(db).run(write(tmp_path, "bad.csv", [
        HEADER,
        f"b-1,{synthetic_fnr()},0219,2026-06-01,100,2026-05-31",
        f"b-2,{synthetic_fnr()},0219,2026-06-01,100,2026-13-01",
        f"b-3,{synthetic_fnr()},0219,2026-06-01,100,2026-06-01",  # a one-day sick leave is fine
    ]))
    reasons = {r["line"]: (r["external_id"], r["reason"]) for r in summary.rejected}
    assert summary.inserted == 1 and set(reasons) == {2, 3}
    assert reasons[2] == ("b-1", "end_date is before start_date")
    assert reasons[3][0] == "b-2" and reasons[3][1].startswith("end_date:") and "2026-13-01" not in reasons[3][1]
