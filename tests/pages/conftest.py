"""Fixtures of the review-page tests: veiledere, cases in real states written through the use
cases (the same path as the conversation), and a signed-in TestClient."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN_TOKEN
from tests.factories import synthetic_fnr, synthetic_mobile
from uke8.cases.answers import record_answer, record_free_text
from uke8.cases.conversation import record_handoff, record_meeting_preferences
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.store.db import Database

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
LOOPBACK = ("127.0.0.1", 50000)
SEEDER = Actor("system", "test")


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """A client on loopback with the development sign-in enabled, as `make run` has it (it is
    off by default and answers only requests from loopback)."""
    from api.main import create_app
    from uke8.settings import get_settings

    monkeypatch.setenv("UKE8_DEV_LOGIN", "1")
    get_settings.cache_clear()
    return TestClient(create_app(), client=LOOPBACK)


def make_veileder(client: TestClient, ident: str, *enheter: str) -> str:
    r = client.post("/api/v1/veiledere", json={"ident": ident, "enheter": list(enheter)}, headers=ADMIN)
    assert r.status_code == 200, r.text
    return r.json()["token"]


def login(client: TestClient, ident: str) -> str:
    """Sign in through the development sign-in page; returns the session's CSRF token."""
    page = client.get("/logg-inn")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/logg-inn/utvikling", data={"csrf_token": token, "ident": ident, "neste": "/oversikt"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/oversikt", r.text
    return csrf_of(client.get("/oversikt").text)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@dataclass
class Seeded:
    case_id: str
    external_id: str
    fnr: str
    mobil: str | None
    born: date | None = None


def seed_case(
    db: Database,
    enhet: str,
    answers: dict[str, str] | None = None,
    *,
    grade: int = 100,
    channel: str = "chat",
    texts: dict[str, str] | None = None,
    follow_up: str | None = None,
    meeting: tuple[list[str], str | None] | None = None,
    invited_days_ago: int = 5,
    handoff: bool = False,
    gjentakende_fravaer: bool = False,
    born: date | None = None,
) -> Seeded:
    """A case invited `invited_days_ago` days ago and answered (if `answers`) through the use cases.

    Every date derives from today in Oslo, the day the pages read: the person is 40 unless
    `born` says otherwise, so no fixed birth date turns 65 as the years pass."""
    today = today_in_oslo()
    born = born or date(today.year - 40, 1, 15)
    fnr = synthetic_fnr()
    mobil = synthetic_mobile() if channel == "sms" else None
    new = NewCase(
        external_id="t-" + secrets.token_hex(5), fnr=fnr, enhet=enhet, start_date=today - timedelta(days=55 + invited_days_ago),
        sykmeldingsgrad=grade, fodselsdato=born, channel=channel, mobil=mobil,
        gjentakende_fravaer=gjentakende_fravaer,
    )
    with db.write() as session:
        case, _ = registration.register_case(session, new, SEEDER)
    with db.write() as session:
        conversation = steps.invite(session, case.id, today - timedelta(days=invited_days_ago), SEEDER).conversation_id
    for slot, code in (answers or {}).items():
        with db.write() as session:
            raw = (texts or {}).get(slot)
            record_answer(session, conversation, slot, code, source="nlu" if raw else "button", raw_text=raw,
                                  confidence=0.91 if raw else None)
    if follow_up:
        with db.write() as session:
            record_free_text(session, conversation, "oppfolging", follow_up, question_id="q1")
    if meeting:
        with db.write() as session:
            record_meeting_preferences(session, conversation, meeting[0], meeting[1])
    if handoff:
        with db.write() as session:
            record_handoff(session, conversation)
    return Seeded(case.id, new.external_id, fnr, mobil, born)


KARTLEGGING = {"retur": "usikker", "relasjon": "god", "varighet": "under_26_uker"}
IKKE_AKTUELL = {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}
