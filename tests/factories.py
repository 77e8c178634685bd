"""Synthetic test data. Fødselsnummer use month + 80 (the convention of NAV's synthetic test
persons), so none of them can be a real person's; phone numbers are in a range that is not
issued to subscribers."""
from __future__ import annotations

import itertools
import secrets
from datetime import date, timedelta
from typing import Any

from uke8.clock import today_in_oslo

_serial = itertools.count(1)


_ISSUED_FNRS: set[str] = set()


def synthetic_fnr(birth: date | None = None) -> str:
    """Born `birth`, by default 15 January forty years before today in Oslo: a fixed default
    birth date would turn 65 one day, and the person would get the tailored greeting instead
    of the questions. The individual number gives the century: 100-499 the 1900s, 500-749 the 2000s."""
    birth = birth or date(today_in_oslo().year - 40, 1, 15)
    # New in this test run: tests build other ids from one ("ext-<fnr>"), and a privacy test that
    # scans the whole store for its own person's number must not meet another's equal by chance
    while True:
        serial = next(_serial)
        individual = 100 + serial % 400 if birth.year < 2000 else 500 + serial % 250
        fnr = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individual:03d}{secrets.randbelow(100):02d}"
        if fnr not in _ISSUED_FNRS:
            _ISSUED_FNRS.add(fnr)
            return fnr


_ISSUED_MOBILES: set[str] = {"+4700012345", "+4700099999", "+4700011122"}  # fixed ones some tests use


def synthetic_mobile() -> str:
    """A synthetic number (+47000…, never a real subscriber), new in this test run: the fake SMS
    gateway keeps every message of the run, so two cases sharing a number would see each other's
    messages (a one-in-a-few-hundred flake in tests/sms/test_two_workers.py on PostgreSQL)."""
    while True:
        number = f"+47000{secrets.randbelow(100000):05d}"
        if number not in _ISSUED_MOBILES:
            _ISSUED_MOBILES.add(number)
            return number


def case_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "external_id": "sf-" + secrets.token_hex(6),
        "fnr": synthetic_fnr(),
        "enhet": "0219",
        "start_date": (today_in_oslo() - timedelta(days=60)).isoformat(),
        "sykmeldingsgrad": 100,
        "channel": "chat",
    }
    body.update(overrides)
    return body
