"""The lifecycle through the JSON API: the scheduler run, the outbox, next_due on cases and queue items.

The API reads today from the clock (next_due, the scheduler's run), so these tests live
through their days: the clock is moved to each day before its run and what is read on it."""
from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from tests.api.test_api import ADMIN, create, veileder
from tests.lifecycle.helpers import DAY56, START, at
from uke8.lifecycle.timeline import end_of_week


@pytest.fixture
def client(time_machine) -> TestClient:
    from api.main import create_app

    # a UTC destination: time-machine would also switch the process's zone for a ZoneInfo one
    time_machine.move_to(at(START).astimezone(timezone.utc), tick=False)
    client = TestClient(create_app())
    client.time_machine = time_machine
    return client


def run(client: TestClient, day: date) -> dict:
    """The scheduler's run of `day`: the clock is moved to 09:00 that day, and it stays there
    for what the test reads next."""
    client.time_machine.move_to(at(day).astimezone(timezone.utc), tick=False)
    r = client.post("/api/v1/scheduler/run", headers=ADMIN)
    assert r.status_code == 200, r.text
    assert r.json()["today"] == day.isoformat()
    return r.json()


def test_the_case_shows_its_outbox_without_the_signed_link_and_what_is_due_next(client):
    case = create(client, start_date=START.isoformat(), sykmeldingsgrad=20)
    registered = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()
    assert registered["next_due"] == {"what": "invitasjon", "on": DAY56.isoformat()}
    assert registered["outbox"] == []
    report = run(client, DAY56)
    assert case["id"] in report["invited"] and report["counts"]["invited"] >= 1
    r = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN)
    view = r.json()
    [notice] = view["outbox"]
    assert (notice["kind"], notice["channel"], notice["status"], notice["attempts"]) == ("invitation", "chat", "pending", 0)
    assert notice["idempotency_key"] == f"{case['id']}:1:invitation"
    assert "[lenke]" in notice["text"] and "t=v1." not in r.text  # the token that opens the conversation is not shown
    assert view["next_due"] == {"what": "paminnelse", "on": (DAY56 + timedelta(days=7)).isoformat()}
    run(client, DAY56 + timedelta(days=7))
    view = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()
    assert [m["kind"] for m in view["outbox"]] == ["invitation", "reminder"]
    assert view["next_due"] == {"what": "frist", "on": (DAY56 + timedelta(days=14)).isoformat()}
    run(client, DAY56 + timedelta(days=14))
    view = client.get(f"/api/v1/cases/{case['id']}", headers=ADMIN).json()
    assert view["assessment"]["reasons"] == ["ubesvart_lav_grad"]
    assert view["next_due"] == {"what": "sjekkpunkt_uke17", "on": end_of_week(START, 17).isoformat()}


def test_the_queue_shows_next_due_and_checkpoint_returns(client):
    own = veileder(client, "Z990201", "5151")
    low = create(client, enhet="5151", start_date=START.isoformat(), sykmeldingsgrad=10)
    high = create(client, enhet="5151", start_date=START.isoformat(), sykmeldingsgrad=90)
    for day in (DAY56, DAY56 + timedelta(days=14), end_of_week(START, 17)):
        run(client, day)
    returned = client.get("/api/v1/queue?status=sjekkpunkt", headers=own).json()
    [item] = returned["items"]
    assert item["id"] == low["id"] and item["checkpoint_week"] == 17
    assert item["next_due"]["what"] == "sjekkpunkt_uke26"
    assert item["classification"] == "ikke_aktuell_na"
    items = {i["id"]: i for i in client.get("/api/v1/queue", headers=own).json()["items"]}
    assert items[high["id"]]["next_due"] is None and items[high["id"]]["checkpoint_week"] is None
    # the veileder's decision takes it out of the checkpoint list
    r = client.post(f"/api/v1/cases/{low['id']}/decision", json={"classification": "ikke_aktuell_na"}, headers=own)
    assert r.status_code == 200 and r.json()["status"] == "ferdigbehandlet"
    assert client.get("/api/v1/queue?status=sjekkpunkt", headers=own).json()["items"] == []


def test_the_outbox_lists_and_filters_for_the_admin_only(client):
    chat = create(client, start_date=START.isoformat())
    sms = create(client, start_date=START.isoformat(), channel="sms", mobil="+4700012345")
    run(client, DAY56)
    r = client.get(f"/api/v1/outbox?case_id={sms['id']}", headers=ADMIN)
    assert r.status_code == 200
    [opening] = r.json()["items"]
    assert (opening["kind"], opening["channel"], opening["status"]) == ("sms_opening", "sms", "pending")
    assert "+4700012345" not in r.text and "00012345" not in r.text
    pending = client.get("/api/v1/outbox?status=pending&kind=invitation&limit=1000", headers=ADMIN).json()
    assert chat["id"] in {m["case_id"] for m in pending["items"]}
    assert all(m["status"] == "pending" and m["kind"] == "invitation" for m in pending["items"])
    bad = client.get("/api/v1/outbox?status=lost", headers=ADMIN)
    assert bad.status_code == 422 and "status" in bad.json()["message"]
    own = veileder(client, "Z990202", "0219")
    assert client.get("/api/v1/outbox", headers=own).status_code == 403
    assert client.get("/api/v1/outbox").status_code == 401


def test_a_scheduler_run_with_a_bad_date_is_422(client):
    r = client.post("/api/v1/scheduler/run?today=23.11.2026", headers=ADMIN)
    assert r.status_code == 422 and "today" in r.json()["message"]
