"""The JSON API of INTERFACES.md: access rules, validation, audit, the case lifecycle."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body, synthetic_fnr, synthetic_mobile

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
# The clock these tests start from (it ticks on): the default case starts 60 days before it
# (tests.factories), an invitation without ?today= is on its day, and the fixed dates below
# (?today=2026-11-01, …) are on its calendar. A UTC moment: time-machine would also switch the
# process's zone for a ZoneInfo one.
CLOCK = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def clock(time_machine) -> None:
    time_machine.move_to(CLOCK, tick=True)


@pytest.fixture
def client() -> TestClient:
    from api.main import create_app

    return TestClient(create_app())


def veileder(client: TestClient, ident: str, *enheter: str) -> dict[str, str]:
    r = client.post("/api/v1/veiledere", json={"ident": ident, "enheter": list(enheter)}, headers=ADMIN)
    assert r.status_code == 200, r.text
    assert r.json()["enheter"] == sorted(enheter)
    return {"Authorization": f"Bearer {r.json()['token']}"}


def create(client: TestClient, headers=ADMIN, **overrides) -> dict:
    r = client.post("/api/v1/cases", json=case_body(**overrides), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def audit(client: TestClient, case_id: str) -> list[dict]:
    r = client.get(f"/api/v1/cases/{case_id}/audit", headers=ADMIN)
    assert r.status_code == 200
    return r.json()["entries"]


def test_health_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/cases", "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/invitation",
                 "/api/v1/queue", "/api/v1/cases/{case_id}/decision", "/api/v1/veiledere",
                 "/api/v1/cases/{case_id}/audit", "/api/v1/scheduler/run"):
        assert path in paths


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic abc", "Bearer "])
def test_bad_or_missing_token_is_401(client, header):
    headers = {"Authorization": header} if header else {}
    assert client.get("/api/v1/queue", headers=headers).status_code == 401
    assert client.post("/api/v1/cases", json=case_body(), headers=headers).status_code == 401


def test_refused_attempt_on_a_case_is_audited(client):
    case = create(client)
    r = client.get(f"/api/v1/cases/{case['id']}", headers={"Authorization": "Bearer forged"})
    assert r.status_code == 401
    entries = audit(client, case["id"])
    assert any(e["outcome"] == "unauthorized" and e["actor"] == "ukjent" for e in entries)


def test_create_is_idempotent_on_external_id(client):
    body = case_body()
    first = client.post("/api/v1/cases", json=body, headers=ADMIN)
    second = client.post("/api/v1/cases", json=body, headers=ADMIN)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"fnr": "1234567890"}, "fnr"),
        ({"fnr": "123456789012"}, "fnr"),
        ({"fnr": "1234567890a"}, "fnr"),
        ({"sykmeldingsgrad": 101}, "sykmeldingsgrad"),
        ({"sykmeldingsgrad": -1}, "sykmeldingsgrad"),
        ({"enhet": "219"}, "enhet"),
        ({"enhet": "Oslo"}, "enhet"),
        ({"start_date": "23.11.2026"}, "start_date"),
        ({"channel": "brevdue"}, "channel"),
        ({"channel": "sms"}, "mobil"),
        ({"channel": "sms", "mobil": "99999999"}, "mobil"),
    ],
)
def test_malformed_case_is_422_with_a_readable_message(client, overrides, field):
    body = case_body(**overrides)
    r = client.post("/api/v1/cases", json=body, headers=ADMIN)
    assert r.status_code == 422
    assert field in r.json()["message"]
    assert body["fnr"] not in r.text  # the refused value is not echoed


def test_malformed_json_is_422(client):
    r = client.post("/api/v1/cases", content=b"{not json", headers=ADMIN | {"Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.json()["message"]


def test_veileder_sees_only_own_enhet_and_foreign_is_404_like_missing(client):
    own = veileder(client, "Z990001", "0219")
    foreign_case = create(client, enhet="0301")
    own_case = create(client, enhet="0219")
    assert client.get(f"/api/v1/cases/{own_case['id']}", headers=own).status_code == 200
    foreign = client.get(f"/api/v1/cases/{foreign_case['id']}", headers=own)
    missing = client.get("/api/v1/cases/00000000-0000-0000-0000-000000000000", headers=own)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    for path in ("invitation", "decision", "audit"):
        method = client.get if path == "audit" else client.post
        kwargs = {"json": {"classification": "kartlegging"}} if path == "decision" else {}
        assert method(f"/api/v1/cases/{foreign_case['id']}/{path}", headers=own, **kwargs).status_code == 404
    denied = [e for e in audit(client, foreign_case["id"]) if e["outcome"] == "denied"]
    assert len(denied) >= 4 and all(e["actor"] == "Z990001" for e in denied)
    queue = client.get("/api/v1/queue", headers=own).json()
    assert {item["enhet"] for item in queue["items"]} == {"0219"}
    assert foreign_case["id"] not in {item["id"] for item in queue["items"]}


def test_veileder_cannot_register_cases_in_any_enhet(client):
    # Creating and changing cases is the register feed's job (admin token); tests/api/test_access.py
    own = veileder(client, "Z990002", "0219")
    assert client.post("/api/v1/cases", json=case_body(enhet="1201"), headers=own).status_code == 403
    assert client.post("/api/v1/cases", json=case_body(enhet="0219"), headers=own).status_code == 403


def test_new_token_replaces_old_one(client):
    first = veileder(client, "Z990003", "0219")
    second = veileder(client, "Z990003", "0219", "0301")
    assert client.get("/api/v1/queue", headers=first).status_code == 401
    assert client.get("/api/v1/queue", headers=second).status_code == 200


def test_veileder_token_cannot_create_veiledere_or_run_scheduler(client):
    own = veileder(client, "Z990004", "0219")
    assert client.post("/api/v1/veiledere", json={"ident": "Z990005", "enheter": ["0219"]}, headers=own).status_code == 403
    assert client.post("/api/v1/scheduler/run", headers=own).status_code == 403


@pytest.mark.parametrize("body", [{"ident": "x", "enheter": ["0219"]}, {"ident": "Z123456", "enheter": []}, {"ident": "Z123456", "enheter": ["21"]}])
def test_bad_veileder_body_is_422(client, body):
    assert client.post("/api/v1/veiledere", json=body, headers=ADMIN).status_code == 422


def test_invitation_screening_results(client):
    plain = create(client)
    excluded = create(client, svangerskapsrelatert=True)
    older = create(client, fodselsdato="1955-03-01")
    low_stilling = create(client, uforetrygd_100=True, stillingsprosent=40)
    results = {}
    for name, case in {"plain": plain, "excluded": excluded, "older": older, "low": low_stilling}.items():
        r = client.post(f"/api/v1/cases/{case['id']}/invitation", headers=ADMIN)
        assert r.status_code == 200
        results[name] = r.json()
    assert results["plain"]["screening"] == "sporsmal" and results["plain"]["conversation_id"]
    assert results["excluded"]["screening"] == "ekskludert_ingen_hilsen"
    assert results["low"]["screening"] == "ekskludert_ingen_hilsen"
    assert results["older"]["screening"] == "tilpasset_hilsen"
    again = client.post(f"/api/v1/cases/{plain['id']}/invitation", headers=ADMIN).json()
    assert again["conversation_id"] == results["plain"]["conversation_id"]
    view = client.get(f"/api/v1/cases/{older['id']}", headers=ADMIN).json()
    assert view["assessment"]["classification"] == "tilpasset_hilsen"


def test_scheduler_invites_due_cases_and_closes_deadlines(client):
    today = date(2026, 11, 23)
    due = create(client, start_date=(today - timedelta(days=55)).isoformat(), sykmeldingsgrad=60)
    not_due = create(client, start_date=(today - timedelta(days=54)).isoformat())
    ended = create(client, start_date=(today - timedelta(days=70)).isoformat(), end_date=(today - timedelta(days=3)).isoformat())
    report = client.post(f"/api/v1/scheduler/run?today={today}", headers=ADMIN).json()
    assert due["id"] in report["invited"]
    assert not_due["id"] not in report["invited"] and ended["id"] not in report["invited"]
    again = client.post(f"/api/v1/scheduler/run?today={today}", headers=ADMIN).json()
    assert due["id"] not in again["invited"]  # idempotent
    reminded = client.post(f"/api/v1/scheduler/run?today={today + timedelta(days=7)}", headers=ADMIN).json()
    assert due["id"] in reminded["reminded"]
    closed = client.post(f"/api/v1/scheduler/run?today={today + timedelta(days=14)}", headers=ADMIN).json()
    assert due["id"] in closed["closed"]
    view = client.get(f"/api/v1/cases/{due['id']}", headers=ADMIN).json()
    assert view["assessment"]["classification"] == "kartlegging"
    assert view["assessment"]["reasons"] == ["ubesvart_grad_30_eller_mer"]
    assert [h["status"] for h in view["status_history"]] == ["registrert", "invitert", "paminnet", "ubesvart", "vurdert"]


def test_decision_flow_and_audit_has_no_fnr(client):
    fnr = synthetic_fnr()
    mobil = synthetic_mobile()
    case = create(client, fnr=fnr, channel="sms", mobil=mobil)
    own = veileder(client, "Z990006", "0219")
    assert client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "kartlegging"}, headers=own).status_code == 409
    client.post(f"/api/v1/cases/{case['id']}/invitation?today=2026-11-01", headers=ADMIN)
    client.post("/api/v1/scheduler/run?today=2026-11-20", headers=ADMIN)
    view = client.get(f"/api/v1/cases/{case['id']}", headers=own).json()
    assert view["assessment"]["classification"] == "kartlegging"
    r = client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "ikke_aktuell_na"}, headers=own)
    assert r.status_code == 409 and "reason" in r.json()["detail"]
    r = client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "ikke_aktuell_na", "reason": "Friskmeldt fra neste uke"}, headers=own)
    assert r.status_code == 200
    decision = r.json()["assessment"]["veileder_decision"]
    assert decision["overrides_proposal"] is True and decision["veileder"] == "Z990006"
    assert r.json()["status"] == "ferdigbehandlet"
    assert client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "sideways"}, headers=own).status_code == 422
    entries = audit(client, case["id"])
    actions = [e["action"] for e in entries]
    for expected in ("case.create", "case.invite", "case.read", "case.decide", "case.deadline"):
        assert expected in actions
    assert any(e["outcome"] == "refused" for e in entries)
    raw = client.get(f"/api/v1/cases/{case['id']}/audit", headers=own).text
    assert fnr not in raw and mobil not in raw
    assert fnr not in client.get(f"/api/v1/cases/{case['id']}", headers=own).text


def test_queue_filters_by_status(client):
    own = veileder(client, "Z990007", "4242")
    a = create(client, enhet="4242")
    create(client, enhet="4242")
    client.post(f"/api/v1/cases/{a['id']}/invitation", headers=ADMIN)
    invited = client.get("/api/v1/queue?status=invitert", headers=own).json()
    assert [i["id"] for i in invited["items"]] == [a["id"]]
    assert invited["counts"] == {"invitert": 1, "registrert": 1}
    assert client.get("/api/v1/queue?status=nonsense", headers=own).status_code == 422


def test_queue_shows_each_cases_latest_proposal(client):
    own = veileder(client, "Z990008", "4343")
    high, low = create(client, enhet="4343", sykmeldingsgrad=80), create(client, enhet="4343", sykmeldingsgrad=10)
    for case in (high, low):
        client.post(f"/api/v1/cases/{case['id']}/invitation?today=2026-11-01", headers=ADMIN)
    client.post("/api/v1/scheduler/run?today=2026-11-20", headers=ADMIN)
    items = {i["id"]: i for i in client.get("/api/v1/queue?status=vurdert", headers=own).json()["items"]}
    assert (items[high["id"]]["classification"], items[high["id"]]["reasons"]) == ("kartlegging", ["ubesvart_grad_30_eller_mer"])
    assert (items[low["id"]]["classification"], items[low["id"]]["reasons"]) == ("ikke_aktuell_na", ["ubesvart_lav_grad"])
