"""People without an employer (PRODUCT.md §2, issue 16 item 6) through the API, the use cases,
the queue and the register feed's import: `har_arbeidsgiver` in and out, answers asked without
q2 and assessed by triage-v2, and a v1 assessment that stays v1."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.api.test_api import clock, client  # noqa: F401 - the API tests' clock (autouse) and client fixtures
from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body, synthetic_fnr
from uke8.cases import conversation
from uke8.cases.answers import record_answer
from uke8.lifecycle.importer import Importer
from uke8.review.case_view import case_view
from uke8.review.labels import FILTER_REASONS, reason_text
from uke8.review.queue import QueueQuery, queue_page
from uke8.store.models import Case

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
TODAY = date(2026, 11, 23)
Q1_GENERAL = "Hvor sannsynlig er det at du kommer tilbake i arbeid?"


def create(client: TestClient, **overrides) -> dict:
    r = client.post("/api/v1/cases", json=case_body(**overrides), headers=ADMIN)
    assert r.status_code == 201, r.text
    return r.json()


def view(client: TestClient, case_id: str) -> dict:
    r = client.get(f"/api/v1/cases/{case_id}", headers=ADMIN)
    assert r.status_code == 200, r.text
    return r.json()


def invite(client: TestClient, case_id: str) -> str:
    r = client.post(f"/api/v1/cases/{case_id}/invitation?today={TODAY}", headers=ADMIN)
    assert r.status_code == 200 and r.json()["screening"] == "sporsmal", r.text
    return r.json()["conversation_id"]


def answer(db, conversation_id: str, *pairs: tuple[str, str]):
    result = None
    for slot, code in pairs:
        with db.write() as s:
            result = record_answer(s, conversation_id, slot, code, source="button", today=TODAY)
    return result


def test_the_api_takes_and_shows_har_arbeidsgiver(client):
    default = create(client)
    body = case_body(har_arbeidsgiver=False)
    r = client.post("/api/v1/cases", json=body, headers=ADMIN)
    assert r.status_code == 201 and r.json()["har_arbeidsgiver"] is False
    assert default["har_arbeidsgiver"] is True and view(client, default["id"])["har_arbeidsgiver"] is True
    assert view(client, r.json()["id"])["har_arbeidsgiver"] is False
    # JSON's types strictly, as every flag of the body
    assert client.post("/api/v1/cases", json=case_body(har_arbeidsgiver="nei"), headers=ADMIN).status_code == 422
    # the register feed changes it like any other fact, and says so in the audit
    again = client.post("/api/v1/cases", json=body | {"har_arbeidsgiver": True}, headers=ADMIN)
    assert again.status_code == 200 and again.json()["har_arbeidsgiver"] is True
    entries = client.get(f"/api/v1/cases/{r.json()['id']}/audit", headers=ADMIN).json()["entries"]
    assert any(e["action"] == "case.update" and "har_arbeidsgiver" in (e["detail"] or {}).get("changed", []) for e in entries)


def test_without_employer_two_answers_complete_the_round_under_triage_v2(client, db):
    case = create(client, har_arbeidsgiver=False, sykmeldingsgrad=50)
    conversation_id = invite(client, case["id"])
    with db.read() as s:
        assert conversation.conversation_state(s, conversation_id).har_arbeidsgiver is False
    assert answer(db, conversation_id, ("retur", "usikker")).assessment is None
    result = answer(db, conversation_id, ("varighet", "under_26_uker"))  # no q2 is waited for
    assert result.assessment["classification"] == "kartlegging"
    assert result.assessment["reasons"] == ["uten_arbeidsgiver", "retur_usikker_eller_lite_sannsynlig"]
    assert result.assessment["rule_version"] == "triage-v2"
    assert result.assessment["catalogue_version"] == "catalogue-v1-uten-arbeidsgiver"

    shown = view(client, case["id"])
    assert shown["status"] == "vurdert" and shown["assessment"]["rule_version"] == "triage-v2"
    assert shown["assessment"]["answers"]["relasjon"] is None
    q1 = next(a for a in shown["answers"] if a["question_id"] == "q1")
    assert q1["question"]["text"] == Q1_GENERAL and q1["rule_version"] == "triage-v2"
    assert q1["catalogue_version"] == "catalogue-v1-uten-arbeidsgiver"
    assert reason_text("uten_arbeidsgiver") in shown["assessment"]["reason_texts"]

    # the queue filters by the new reason (its own bit in the reason mask)
    assert "uten_arbeidsgiver" in FILTER_REASONS and "retur_i_arbeid_kort_varighet" in FILTER_REASONS
    with db.read() as s:
        page = queue_page(s, QueueQuery(enheter=frozenset({"0219"}), reason="uten_arbeidsgiver", per_page=500), TODAY)
    assert case["id"] in [row.id for row in page.rows]


def test_back_to_work_soon_without_employer_is_ikke_aktuell(client, db):
    case = create(client, har_arbeidsgiver=False, sykmeldingsgrad=100)
    conversation_id = invite(client, case["id"])
    result = answer(db, conversation_id, ("retur", "veldig_sannsynlig"), ("varighet", "under_26_uker"))
    assert (result.assessment["classification"], result.assessment["reasons"]) == ("ikke_aktuell_na", ["retur_i_arbeid_kort_varighet"])
    with db.read() as s:
        page = queue_page(s, QueueQuery(enheter=frozenset({"0219"}), reason="retur_i_arbeid_kort_varighet", per_page=500), TODAY)
    assert case["id"] in [row.id for row in page.rows]


def test_no_answer_by_the_deadline_without_employer_is_kartlegging(client):
    case = create(client, har_arbeidsgiver=False, sykmeldingsgrad=20)
    client.post(f"/api/v1/cases/{case['id']}/invitation?today=2026-11-01", headers=ADMIN)
    client.post("/api/v1/scheduler/run?today=2026-11-20", headers=ADMIN)
    assessment = view(client, case["id"])["assessment"]
    # with an employer a low grade would be ikke aktuell (ubesvart_lav_grad)
    assert (assessment["classification"], assessment["reasons"], assessment["rule_version"]) == (
        "kartlegging", ["uten_arbeidsgiver"], "triage-v2")


def test_a_v1_assessment_stays_v1_when_the_register_later_says_no_employer(client, db):
    body = case_body(sykmeldingsgrad=50)
    case = client.post("/api/v1/cases", json=body, headers=ADMIN).json()
    conversation_id = invite(client, case["id"])
    first = answer(db, conversation_id, ("retur", "veldig_sannsynlig"), ("relasjon", "god"), ("varighet", "under_26_uker"))
    assert (first.assessment["rule_version"], first.assessment["reasons"]) == ("triage-v1", ["god_relasjon_kort_varighet"])

    assert client.post("/api/v1/cases", json=body | {"har_arbeidsgiver": False}, headers=ADMIN).status_code == 200
    shown = view(client, case["id"])
    assert shown["har_arbeidsgiver"] is False
    assert (shown["assessment"]["rule_version"], shown["assessment"]["reasons"]) == ("triage-v1", ["god_relasjon_kort_varighet"])

    # a changed situation: the new round is asked and assessed without an employer
    with db.write() as s:
        assert conversation.begin_new_round(s, conversation_id, today=TODAY) == 2
    second = answer(db, conversation_id, ("retur", "veldig_sannsynlig"), ("varighet", "over_26_uker"))
    assert (second.assessment["rule_version"], second.assessment["reasons"]) == ("triage-v2", ["uten_arbeidsgiver"])
    versions = [(a["round"], a["rule_version"]) for a in view(client, case["id"])["assessments"]]
    assert sorted(versions) == [(1, "triage-v1"), (2, "triage-v2")]


def _imported(db, external_id: str) -> dict:
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.external_id == external_id)).one()
        return case_view(s, case, TODAY)


def test_the_import_carries_har_arbeidsgiver(db, tmp_path: Path):
    tag = synthetic_fnr()[-5:]
    csv = tmp_path / "feed.csv"
    csv.write_text("\n".join([
        "external_id,fnr,enhet,start_date,sykmeldingsgrad,har_arbeidsgiver",
        f"ua-{tag}-1,{synthetic_fnr()},0219,2026-09-01,50,nei",
        f"ua-{tag}-2,{synthetic_fnr()},0219,2026-09-01,50,ja",
        f"ua-{tag}-3,{synthetic_fnr()},0219,2026-09-01,50,",  # empty: the default, an employer
        f"ua-{tag}-4,{synthetic_fnr()},0219,2026-09-01,50,kanskje",
    ]) + "\n", encoding="utf-8")
    summary = Importer(db, batch_size=1000, today=TODAY).run(csv)
    assert (summary.inserted, [r["line"] for r in summary.rejected]) == (3, [5])
    assert "har_arbeidsgiver" in summary.rejected[0]["reason"]
    assert [_imported(db, f"ua-{tag}-{n}")["har_arbeidsgiver"] for n in (1, 2, 3)] == [False, True, True]

    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        f'{{"external_id": "ua-{tag}-2", "fnr": "{synthetic_fnr()}", "enhet": "0219", "start_date": "2026-09-01", '
        f'"sykmeldingsgrad": 50, "har_arbeidsgiver": false}}\n', encoding="utf-8")
    again = Importer(db, batch_size=1000, today=TODAY).run(jsonl)
    assert (again.updated, again.rejected) == (1, [])
    assert _imported(db, f"ua-{tag}-2")["har_arbeidsgiver"] is False
