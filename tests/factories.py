"""Synthetic test data. Fødselsnummer use month + 80 (the convention of NAV's synthetic test
persons), so none of them can be a real person's; phone numbers are in a range that is not
issued to subscribers."""
from __future__ import annotations

import itertools
import secrets
from datetime import date, timedelta
from typing import Any

_serial = itertools.count(1)


def synthetic_fnr(birth: date = date(1980, 1, 15)) -> str:
    individual = 100 + next(_serial) % 400  # 1900s century range
    return f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individual:03d}{secrets.randbelow(100):02d}"


def synthetic_mobile() -> str:
    return f"+47000{secrets.randbelow(100000):05d}"


def case_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "external_id": "sf-" + secrets.token_hex(6),
        "fnr": synthetic_fnr(),
        "enhet": "0219",
        "start_date": (date.today() - timedelta(days=60)).isoformat(),
        "sykmeldingsgrad": 100,
        "channel": "chat",
    }
    body.update(overrides)
    return body
