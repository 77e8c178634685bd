"""The contact register: a case with `reservert_digital` gets no digital message at all, on any
channel, and the queue says to reach the person another way (synthetic people only)."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.api.test_api import ADMIN, CLOCK, create
from tests.factories import synthetic_fnr, synthetic_mobile
from tests.lifecycle.helpers import DAY56, outbox_rows, register, run, statuses, view
from uke8.lifecycle.importer import Importer
from uke8.review.queue import QueueQuery, api_details, queue_page
from uke8.store.models import Case


@pytest.mark.parametrize("channel", ["chat", "sms"])
def test_a_reserved_person_gets_nothing_and_is_flagged(db, channel):
    case_id = register(db, channel=channel, mobil=synthetic_mobile(), reservert_digital=True, enhet="0219")
    for day in (DAY56, DAY56 + timedelta(days=7), DAY56 + timedelta(days=8)):
        run(db, day)
    assert outbox_rows(db, case_id) == []
    assert "invitert" in statuses(db, case_id) and "paminnet" not in statuses(db, case_id)
    case = view(db, case_id, DAY56 + timedelta(days=8))
    assert case["reservert_digital"] is True
    assert case["notification"] == {"status": "ikke_varslet", "channels": [], "reason": "reservert_digital"}
    with db.read() as s:
        page = queue_page(s, QueueQuery(enheter=frozenset({"0219"}), per_page=500), DAY56 + timedelta(days=8))
        row = next(r for r in page.rows if r.id == case_id)
        assert row.reservert_digital is True
        assert api_details(s, [row])[case_id].contact_otherwise == "reservert_digital"


def test_the_api_takes_reservert_digital_and_the_queue_shows_it(time_machine):
    from api.main import create_app

    time_machine.move_to(CLOCK, tick=True)
    client = TestClient(create_app())
    case = create(client, reservert_digital=True)
    assert case["reservert_digital"] is True
    assert case["notification"]["reason"] == "reservert_digital"
    plain = create(client)
    assert plain["reservert_digital"] is False
    assert plain["notification"] == {"status": "ikke_varslet", "channels": [], "reason": "ikke_invitert"}
    items = client.get("/api/v1/queue?limit=500", headers=ADMIN).json()["items"]
    flags = {i["id"]: (i["reservert_digital"], i["contact_otherwise"]) for i in items}
    assert flags[case["id"]] == (True, "reservert_digital") and flags[plain["id"]] == (False, None)
    assert client.post("/api/v1/cases", json={**_body(), "reservert_digital": "ja"}, headers=ADMIN).status_code == 422


def _body() -> dict:
    from tests.factories import case_body
    return case_body()


def test_the_import_takes_reservert_digital_and_a_change_is_an_update(db, tmp_path: Path):
    fnr = synthetic_fnr()
    header = "external_id,fnr,enhet,start_date,sykmeldingsgrad,channel,reservert_digital"
    feed = tmp_path / "feed.csv"
    feed.write_text(f"{header}\nrd-{fnr},{fnr},0219,2026-09-01,100,chat,ja\n", encoding="utf-8")
    assert Importer(db, today=DAY56).run(feed).inserted == 1
    feed.write_text(f"{header}\nrd-{fnr},{fnr},0219,2026-09-01,100,chat,nei\n", encoding="utf-8")
    assert Importer(db, today=DAY56).run(feed).updated == 1
    with db.read() as s:
        assert s.scalar(select(Case.reservert_digital).where(Case.external_id == f"rd-{fnr}")) is False
