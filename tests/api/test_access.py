"""Issue 12 §1, access: cases are created and changed by the register feed only (a veileder
cannot take a case over from another enhet), a move between enheter is an audited fact, and
the lifecycle cannot be sent to another date in production. Dates in query strings are strict."""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body, synthetic_fnr, synthetic_mobile
from uke8.lifecycle.importer import Importer
from uke8.store.models import AuditEntry, Case

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
# A fixed moment for every test that needs "today": noon in Oslo, far from midnight.
NOW = datetime(2027, 3, 10, 11, 0, tzinfo=timezone.utc)
TODAY = date(2027, 3, 10)


@pytest.fixture
def client() -> TestClient:
    from api.main import create_app

    return TestClient(create_app())


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def veileder(client: TestClient, ident: str, *enheter: str) -> dict[str, str]:
    r = client.post("/api/v1/veiledere", json={"ident": ident, "enheter": list(enheter)}, headers=ADMIN)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def entries(db, case_id: str | None = None, action: str | None = None) -> list[AuditEntry]:
    with db.read() as s:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        if case_id is not None:
            stmt = stmt.where(AuditEntry.case_id == case_id)
        if action is not None:
            stmt = stmt.where(AuditEntry.action == action)
        return list(s.scalars(stmt))


# -- case takeover -------------------------------------------------------------------------


def test_a_veileder_cannot_take_over_a_case_of_another_enhet(client, db):
    mobil, other_mobil = synthetic_mobile(), synthetic_mobile()
    body = case_body(enhet="0219", channel="sms", mobil=mobil)
    case = client.post("/api/v1/cases", json=body, headers=ADMIN).json()
    intruder = veileder(client, "Z991001", "0301")

    r = client.post("/api/v1/cases", json=body | {"enhet": "0301", "mobil": other_mobil}, headers=intruder)

    assert r.status_code == 403
    assert case["id"] not in r.text and "person_id" not in r.text  # nothing of the case comes back
    with db.read() as s:
        stored = s.get(Case, case["id"])
        assert stored.enhet == "0219"
    after = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()
    assert after["enhet"] == "0219" and after["mobil_masked"] == case["mobil_masked"]
    # The refusal survives the failed request and lands in the trail of the case it aimed at.
    refused = [e for e in entries(db, case["id"]) if e.outcome == "forbidden"]
    assert len(refused) == 1 and refused[0].actor == "Z991001" and refused[0].actor_kind == "veileder"
    assert refused[0].action.startswith("POST ") and refused[0].action.endswith("/cases")
    assert refused[0].detail["existing_case"] is True
    assert mobil not in str(refused[0].detail) and other_mobil not in str(refused[0].detail)


def test_a_veileder_cannot_create_or_change_cases_even_in_their_own_enhet(client, db):
    own = veileder(client, "Z991002", "0219")
    body = case_body(enhet="0219")
    r = client.post("/api/v1/cases", json=body, headers=own)
    assert r.status_code == 403 and "register" in r.json()["detail"]
    with db.read() as s:
        assert s.scalars(select(Case).where(Case.external_id == body["external_id"])).first() is None
    forbidden = [e for e in entries(db) if e.actor == "Z991002" and e.action.endswith("/cases")]
    assert len(forbidden) == 1 and forbidden[0].outcome == "forbidden" and forbidden[0].case_id is None
    # an existing case of the veileder's own enhet cannot be changed either
    case = client.post("/api/v1/cases", json=body, headers=ADMIN).json()
    r = client.post("/api/v1/cases", json=body | {"sykmeldingsgrad": 40}, headers=own)
    assert r.status_code == 403
    assert client.get(f"/api/v1/cases/{case['id']}", headers=own).json()["sykmeldingsgrad"] == 100


def test_the_feed_moving_a_case_to_another_enhet_is_an_audited_fact(client, db):
    body = case_body(enhet="0219")
    case = client.post("/api/v1/cases", json=body, headers=ADMIN).json()
    assign(db, case["id"], "Z991003")
    moved = client.post("/api/v1/cases", json=body | {"enhet": "0301"}, headers=ADMIN)
    assert moved.status_code == 200 and moved.json()["enhet"] == "0301"
    # the old enhet's veileder keeps no assignment to a case they may no longer see
    assert moved.json()["assigned_to"] is None
    facts = entries(db, case["id"], "case.enhet")
    assert [(e.actor_kind, e.detail) for e in facts] == [("admin", {"from": "0219", "to": "0301"})]
    # the old enhet's veileder no longer sees it, the new one does
    assert client.get(f"/api/v1/cases/{case['id']}", headers=veileder(client, "Z991003", "0219")).status_code == 404
    assert client.get(f"/api/v1/cases/{case['id']}", headers=veileder(client, "Z991004", "0301")).status_code == 200
    # the same body again changes nothing and writes no second fact
    client.post("/api/v1/cases", json=body | {"enhet": "0301"}, headers=ADMIN)
    assert len(entries(db, case["id"], "case.enhet")) == 1


def test_the_import_moving_a_case_to_another_enhet_is_an_audited_fact(db, tmp_path: Path):
    external_id, fnr = "mv-" + secrets.token_hex(5), synthetic_fnr()
    header = "external_id,fnr,enhet,start_date,sykmeldingsgrad,gjentakende_fravaer,channel,mobil,grade_changes"
    day1, day2 = tmp_path / "day1.csv", tmp_path / "day2.csv"
    day1.write_text(f"{header}\n{external_id},{fnr},0219,2026-09-01,100,nei,chat,,\n", encoding="utf-8")
    day2.write_text(f"{header}\n{external_id},{fnr},4601,2026-09-01,100,nei,chat,,\n", encoding="utf-8")
    Importer(db, batch_size=100, today=date(2026, 11, 23)).run(day1)
    with db.read() as s:
        assign(db, s.scalars(select(Case.id).where(Case.external_id == external_id)).one(), "Z991003")
    summary = Importer(db, batch_size=100, today=date(2026, 11, 24)).run(day2)
    assert summary.updated == 1
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.external_id == external_id)).one()
        assert case.enhet == "4601" and case.assigned_to is None
    facts = entries(db, case.id, "case.enhet")
    assert [e.detail for e in facts] == [{"from": "0219", "to": "4601"}]


def assign(db, case_id: str, ident: str) -> None:
    with db.write() as s:
        s.get(Case, case_id).assigned_to = ident


# -- time travel -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "1700000000", "20270310", "10.03.2027", "2027-02-30", "2027-3-1", "tomorrow", "2027-03-10\n", "２０２７-03-10"])
def test_dates_in_query_strings_are_strict_iso_dates(client, frozen, value):
    r = client.post("/api/v1/scheduler/run", params={"today": value}, headers=ADMIN)
    assert r.status_code == 422, r.text
    assert "today" in r.json()["message"] and "YYYY-MM-DD" in r.json()["message"]
    case = client.post("/api/v1/cases", json=case_body(), headers=ADMIN).json()
    r = client.post(f"/api/v1/cases/{case['id']}/invitation", params={"today": value}, headers=ADMIN)
    assert r.status_code == 422 and "today" in r.json()["message"]
    assert client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()["invitation"] is None


def test_a_day_other_than_today_is_refused_in_production(client, frozen, monkeypatch, db):
    from uke8.settings import get_settings

    case = client.post("/api/v1/cases", json=case_body(start_date=(TODAY - timedelta(days=60)).isoformat()), headers=ADMIN).json()
    monkeypatch.setenv("UKE8_ENV", "production")
    get_settings.cache_clear()
    for day in ("1970-01-01", (TODAY - timedelta(days=1)).isoformat(), (TODAY + timedelta(days=400)).isoformat()):
        r = client.post(f"/api/v1/scheduler/run?today={day}", headers=ADMIN)
        assert r.status_code == 400 and "production" in r.json()["detail"], r.text
        r = client.post(f"/api/v1/cases/{case['id']}/invitation?today={day}", headers=ADMIN)
        assert r.status_code == 400 and "production" in r.json()["detail"]
    assert client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()["invitation"] is None
    # today itself, given or left out, runs as of today
    assert client.post(f"/api/v1/scheduler/run?today={TODAY.isoformat()}", headers=ADMIN).json()["today"] == TODAY.isoformat()
    assert client.post("/api/v1/scheduler/run", headers=ADMIN).json()["today"] == TODAY.isoformat()
    invited = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN)
    assert invited.status_code == 200 and invited.json()["invited_on"] == TODAY.isoformat()


def test_outside_production_the_lifecycle_still_runs_as_of_a_given_day(client, frozen):
    day = (TODAY + timedelta(days=30)).isoformat()
    assert client.post(f"/api/v1/scheduler/run?today={day}", headers=ADMIN).json()["today"] == day
