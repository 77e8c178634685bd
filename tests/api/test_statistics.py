"""GET /api/v1/statistics: the shape of INTERFACES.md, the pilot's self-prediction figure over
cases written through the API and the use cases, enhet scoping (404 and audited, as for a
case), n = 0, and bad periods. The clock is fixed (CLOCK) and every date derives from it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.api.test_api import ADMIN, CLOCK, clock, client, veileder  # noqa: F401 - clock (autouse), client: fixtures
from tests.factories import case_body
from uke8.cases.answers import record_answer
from uke8.store.models import AuditEntry

DAY56 = CLOCK.date()
START = DAY56 - timedelta(days=55)  # invited on the clock's day
PAST_WEEK_26 = START + timedelta(days=200)  # week 26 ends on START + 181
PERIOD = f"fra={(DAY56 - timedelta(days=1)).isoformat()}&til={(DAY56 + timedelta(days=1)).isoformat()}"

IKKE_AKTUELL = {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}
KARTLEGGING_AT_ONCE = {"retur": "usikker", "relasjon": "god", "varighet": "under_26_uker"}
LONGER = {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "over_26_uker"}


def answered_case(client: TestClient, db, enhet: str, answers: dict[str, str], **body) -> tuple[str, dict]:
    sent = case_body(enhet=enhet, start_date=START.isoformat(), **body)
    r = client.post("/api/v1/cases", json=sent, headers=ADMIN)
    assert r.status_code == 201, r.text
    case_id = r.json()["id"]
    conversation = client.post(f"/api/v1/cases/{case_id}/invitation", headers=ADMIN).json()["conversation_id"]
    for slot, code in answers.items():
        with db.write() as session:
            record_answer(session, conversation, slot, code, source="button")
    return case_id, sent


def stats(client: TestClient, headers: dict, query: str):
    return client.get(f"/api/v1/statistics?{query}", headers=headers)


def test_the_pilots_figures_per_enhet_scoped_and_audited(client, db):
    own = veileder(client, "Z995101", "5101")
    ended, ended_body = answered_case(client, db, "5101", IKKE_AKTUELL)
    overridden, _ = answered_case(client, db, "5101", IKKE_AKTUELL)
    at_once, _ = answered_case(client, db, "5101", KARTLEGGING_AT_ONCE)
    answered_case(client, db, "5101", LONGER)  # predicted longer: not in the figure
    answered_case(client, db, "5102", IKKE_AKTUELL, end_date=(START + timedelta(days=90)).isoformat())  # another enhet
    # the register feed reports the end of the first sick leave later, within 26 weeks
    r = client.post("/api/v1/cases", json=ended_body | {"end_date": (START + timedelta(days=120)).isoformat()}, headers=ADMIN)
    assert r.status_code == 200 and r.json()["end_date"] == (START + timedelta(days=120)).isoformat()
    decide = lambda case_id, body: client.post(f"/api/v1/cases/{case_id}/decision", json=body, headers=own)  # noqa: E731
    assert decide(ended, {"classification": "ikke_aktuell_na"}).status_code == 200
    assert decide(overridden, {"classification": "kartlegging", "reason": "Legen ber om oppfølging"}).status_code == 200

    r = stats(client, own, f"enhet=5101&{PERIOD}&today={PAST_WEEK_26.isoformat()}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["enhet"], body["invited"], body["asked"], body["answered"]) == ("5101", 4, 4, 4)
    assert (body["proposals"], body["kartlegging"], body["kartlegging_share"]) == (4, 2, 0.5)
    # the override share is its own figure: 1 of 2 decisions went against the proposal
    assert (body["decided"], body["overridden"], body["override_share"]) == (2, 1, 0.5)
    assert body["self_prediction"] == {
        "n": 3, "ended_before_26_weeks_share": 1 / 3, "later_kartlegging_share": 1 / 3,
        "ended_before_26_weeks": 1, "later_kartlegging": 1, "kartlegging_at_once": 1,
        "answered_under_26_weeks": 3, "waiting": 0, "as_of": PAST_WEEK_26.isoformat(),
    }
    assert body["months"] == [{"month": DAY56.strftime("%Y-%m"), "asked": 4, "answered": 4, "kartlegging": 2, "ikke_aktuell": 2}]

    # as of the invitation day nobody is far enough along: n = 0 and no shares, not 0 %
    early = stats(client, own, f"enhet=5101&{PERIOD}").json()["self_prediction"]
    assert early["n"] == 0 and early["ended_before_26_weeks_share"] is None and early["later_kartlegging_share"] is None
    assert (early["answered_under_26_weeks"], early["waiting"], early["as_of"]) == (3, 3, DAY56.isoformat())

    # another enhet: 404 for the veileder, audited; the admin token sees it
    refused = stats(client, own, f"enhet=5102&{PERIOD}")
    assert refused.status_code == 404 and "5102" not in refused.text
    admin = stats(client, ADMIN, f"enhet=5102&{PERIOD}&today={PAST_WEEK_26.isoformat()}").json()
    assert admin["invited"] == 1 and admin["self_prediction"]["n"] == 1 and admin["self_prediction"]["ended_before_26_weeks_share"] == 1.0
    with db.read() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.actor == "Z995101", AuditEntry.case_id.is_(None))).all()
    assert [r.detail["enhet"] for r in rows if r.action == "statistics.read"] == ["5101", "5101"]
    # the refusal is named by its route, as every refusal is (api/deps.py route_name)
    assert [(r.action, r.outcome, r.detail) for r in rows if r.outcome != "ok"] == [("GET /statistics", "denied", {"enhet": "5102"})]


def test_an_enhet_without_cases_has_zeros_and_no_shares(client):
    body = stats(client, ADMIN, "enhet=5199").json()
    assert (body["invited"], body["proposals"], body["decided"]) == (0, 0, 0)
    assert body["kartlegging_share"] is None and body["override_share"] is None and body["answer_rate"] is None
    assert body["self_prediction"]["n"] == 0 and body["self_prediction"]["later_kartlegging_share"] is None
    # the default period: the 180 days up to today
    assert (body["fra"], body["til"]) == ((DAY56 - timedelta(days=180)).isoformat(), DAY56.isoformat())


@pytest.mark.parametrize("query", [
    "", "enhet=51", "enhet=5101&fra=2026-13-01", "enhet=5101&til=20261123", "enhet=5101&fra=1999-12-31",
    "enhet=5101&fra=2026-11-24&til=2026-11-23", "enhet=5101&fra=2020-01-01&til=2026-11-23", "enhet=5101&today=0001-01-01",
])
def test_bad_queries_are_422_with_a_readable_message(client, query):
    r = stats(client, ADMIN, query)
    assert r.status_code == 422 and r.json()["message"]


def test_statistics_need_a_token(client):
    assert client.get("/api/v1/statistics?enhet=5101").status_code == 401
