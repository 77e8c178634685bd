"""Issue 12 §1, audit gaps: every read that returns personal data is audited, read and refusal
audits survive a request that fails afterwards, malformed case ids never reach the database,
and anonymous refusals cannot fill the append-only audit log."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body
from uke8.cases import audit
from uke8.store.models import AuditEntry, Case

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NOW = datetime(2027, 3, 10, 11, 0, tzinfo=timezone.utc)


@pytest.fixture
def app():
    from api.main import create_app

    return create_app()


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app)


def actions(db, case_id: str) -> list[tuple[str, str, str]]:
    with db.read() as s:
        return [(e.action, e.actor, e.outcome) for e in s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id))]


def audit_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


# -- reads that returned personal data unaudited ------------------------------------------------


def test_re_posting_an_existing_case_is_audited_as_a_read(client, db):
    body = case_body()
    case = client.post("/api/v1/cases", json=body, headers=ADMIN).json()
    again = client.post("/api/v1/cases", json=body, headers=ADMIN)
    assert again.status_code == 200 and again.json()["id"] == case["id"]
    assert ("case.read", "admin", "ok") in actions(db, case["id"])
    with db.read() as s:
        read = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case["id"], AuditEntry.action == "case.read")).one()
        assert read.detail == {"via": "register"}


def test_re_inviting_is_audited_as_a_read_of_the_conversation_id(client, db):
    with time_machine.travel(NOW, tick=False):
        case = client.post("/api/v1/cases", json=case_body(start_date="2027-01-13"), headers=ADMIN).json()
        first = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN)
        second = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN)
    assert first.json()["conversation_id"] == second.json()["conversation_id"]
    trail = [a for a, _, _ in actions(db, case["id"])]
    assert trail.count("case.invite") == 1 and trail.count("case.invitation.read") == 1
    assert trail.index("case.invitation.read") > trail.index("case.invite")


def test_the_scheduler_run_is_audited(client, db):
    with time_machine.travel(NOW, tick=False):
        report = client.post("/api/v1/scheduler/run", headers=ADMIN).json()
    with db.read() as s:
        runs = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "scheduler.run", AuditEntry.detail.is_not(None))))
    assert any(e.actor == "admin" and e.detail.get("today") == report["today"] and e.detail.get("counts") == report["counts"] for e in runs)


# -- audits that survive ------------------------------------------------------------------------


def test_a_read_that_fails_afterwards_keeps_its_audit_entry(app, db):
    client = TestClient(app, raise_server_exceptions=False)
    case = client.post("/api/v1/cases", json=case_body(channel="sms", mobil="+4700012345"), headers=ADMIN).json()
    with db.write() as s:  # the phone number can no longer be opened (say, the key was changed)
        s.execute(update(Case).where(Case.id == case["id"]).values(mobil_sealed="not-a-sealed-value"))
    r = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN)
    assert r.status_code == 500
    assert ("case.read", "admin", "ok") in actions(db, case["id"])


def test_refusals_survive_the_failed_request(client, db):
    case = client.post("/api/v1/cases", json=case_body(), headers=ADMIN).json()
    token = client.post("/api/v1/veiledere", json={"ident": "Z992001", "enheter": ["4601"]}, headers=ADMIN).json()["token"]
    own = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/cases/{case['id']}", headers=own).status_code == 404
    assert client.post(f"/api/v1/cases/{case['id']}/invitation?today=2027-02-30", headers=own).status_code == 422
    assert client.post("/api/v1/cases", json=case_body(enhet="4601"), headers=own).status_code == 403
    trail = actions(db, case["id"])
    assert ("GET /cases/{case_id}", "Z992001", "denied") in trail
    # a 422 on a case route is the caller's, not an anonymous one's
    assert ("POST /cases/{case_id}/invitation", "Z992001", "invalid") in trail


# -- attacker-chosen ids and anonymous floods -------------------------------------------------------


@pytest.mark.parametrize("token", [None, "forged", ADMIN_TOKEN])
@pytest.mark.parametrize("case_id", ["a" * 4000, "x", "00000000-0000-0000-0000-00000000000Z", "' OR 1=1 --",
                                     "00000000-0000-0000-0000-000000000000%0A"])
def test_a_malformed_case_id_is_404_before_the_database(client, db, token, case_id):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    before = audit_rows(db)
    for method, path in (("GET", ""), ("GET", "/audit"), ("POST", "/invitation"), ("POST", "/decision")):
        r = client.request(method, f"/api/v1/cases/{case_id}{path}", headers=headers, json={"classification": "kartlegging"})
        assert r.status_code == 404 and r.json() == {"detail": "No case with that id."}
    assert audit_rows(db) == before


def test_audit_values_are_bounded(db):
    audit.record(db, actor="u" * 500, actor_kind="anonymous-and-then-some", action="GET " + "/x" * 2000,
                 case_id="c" * 4000, outcome="unauthorized-and-more", detail={"message": "m" * 5000, "list": list(range(500))})
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.case_id is None and entry.detail["case_id"] == "malformed"
    assert len(entry.actor) <= 40 and len(entry.action) <= 40 and len(entry.actor_kind) <= 16 and len(entry.outcome) <= 16
    assert len(entry.detail["message"]) <= 200 and len(entry.detail["list"]) <= 20


def test_anonymous_refusals_are_capped_per_source_and_minute_and_counted(app, client, db):
    now = [1_800_000_000.0]
    app.state.anonymous_refusals = audit.AnonymousRefusals(per_source=3, total=100, clock=lambda: now[0])
    ids = [str(uuid.uuid4()) for _ in range(10)]
    before = audit_rows(db)
    for case_id in ids:
        assert client.get(f"/api/v1/cases/{case_id}", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert audit_rows(db) == before + 3  # the first three in full, the rest counted
    now[0] += 60
    assert client.get("/api/v1/queue").status_code == 401
    with db.read() as s:
        new = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id).offset(before)))
    assert [(e.action, e.outcome) for e in new] == [("GET /cases/{case_id}", "unauthorized")] * 3 + [
        ("refusals.suppressed", "suppressed"), ("GET /queue", "unauthorized")]
    summary = new[3].detail
    assert summary["count"] == 7 and summary["source"] == "testclient"
    assert summary["minute"] == datetime.fromtimestamp(1_800_000_000 // 60 * 60, tz=timezone.utc).isoformat()
    assert all(e.detail.get("source") == "testclient" for e in new if e.action != "refusals.suppressed")


def test_the_limiter_caps_all_sources_together_and_counts_each():
    now = [0.0]
    limiter = audit.AnonymousRefusals(per_source=2, total=3, clock=lambda: now[0])
    admitted = [limiter.admit(source)[0] for source in ("a", "a", "a", "b", "c", "c")]
    assert admitted == [True, True, False, True, False, False]
    now[0] = 61
    full, summaries = limiter.admit("a")
    assert full and sorted((s["source"], s["count"]) for s in summaries) == [("a", 1), ("c", 2)]
    assert limiter.admit("a") == (True, [])  # each summary is given out once


def test_authenticated_refusals_are_not_capped(client, db):
    token = client.post("/api/v1/veiledere", json={"ident": "Z992002", "enheter": ["4601"]}, headers=ADMIN).json()["token"]
    before = audit_rows(db)
    for _ in range(15):
        assert client.get(f"/api/v1/cases/{uuid.uuid4()}", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert audit_rows(db) == before + 15
