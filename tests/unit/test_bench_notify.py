"""bench/notify.py's pure part: the percentiles it prints and how it counts duplicates and
missing task events. No broker, no store."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bench.notify import epoch, percentile, spread, tally


def test_percentile_is_nearest_rank():
    values = [0.5, 0.1, 0.3, 0.2, 0.4]
    assert percentile(values, 50) == 0.3
    assert percentile(values, 95) == 0.5
    assert percentile(values, 0) == 0.1
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([], 50) is None


def test_spread_rounds_to_milliseconds_and_says_none_when_empty():
    assert spread([0.12345, 0.2, 1.0]) == {"n": 3, "p50": 0.2, "p95": 1.0, "max": 1.0}
    assert spread([]) == {"n": 0, "p50": None, "p95": None, "max": None}


def test_tally_counts_a_redelivered_event_id_once_as_a_duplicate_and_what_never_came_as_missing():
    expected = [("opprett", "t1"), ("inaktiver", "t1"), ("opprett", "t2"), ("inaktiver", "t2")]
    arrivals = [("1", "opprett", "t1"), ("2", "opprett", "t2"), ("1", "opprett", "t1"), ("3", "inaktiver", "t1"),
                ("9", "paminn", "t1")]
    assert tally(arrivals, expected) == {"arrived": 5, "distinct": 4, "duplicates": 1, "missing": 1, "unexpected": 1}
    exact = [("1", "opprett", "t1"), ("3", "inaktiver", "t1"), ("2", "opprett", "t2"), ("4", "inaktiver", "t2")]
    assert tally(exact, expected) == {"arrived": 4, "distinct": 4, "duplicates": 0, "missing": 0, "unexpected": 0}


def test_epoch_reads_a_naive_stored_timestamp_as_utc():
    aware = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
    assert epoch(aware.replace(tzinfo=None)) == aware.timestamp()
    assert epoch(aware.astimezone(timezone(timedelta(hours=1)))) == aware.timestamp()
