"""Conversations over SMS end to end, on the session's real stack (API, Rasa, action server)
with the gateway simulator and the delivery worker as real processes: every `via: sms`
script, the same answers over chat ending with the same stored outcome, a duplicate
delivery processed once, and an inbound message recovered after a crash without running
its turn twice."""
from __future__ import annotations

import secrets
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select

from tests.sms.conftest import wait_for
from uke8.dev.converse import Conversation, synthetic_fnr, synthetic_mobile
from uke8.dev.stack import PROJECT_ROOT
from uke8.store.crypto import Sealer
from uke8.store.db import Database
from uke8.store.models import SmsInbound, utcnow
from uke8.triage.messages import FOLLOW_UP_PROMPT

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

SMS_SCRIPTS = sorted(p for p in (PROJECT_ROOT / "tests" / "conversations").glob("*.yml")
                     if (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("via") == "sms")


@pytest.fixture(scope="module")
def api(stack):
    with httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def runner(stack, api, live_sms):
    with httpx.Client(base_url=stack.rasa_url, timeout=60, **stack.rasa_auth) as rasa, httpx.Client(base_url=live_sms.url, timeout=120) as sms:
        yield Conversation(api, rasa, sms)


@pytest.fixture(scope="module")
def store(stack):
    database = Database(stack.env["UKE8_DATABASE_URL"])
    yield database
    database.dispose()


def outcome(api, case_id: str) -> dict:
    case = api.get(f"/api/v1/cases/{case_id}").json()
    assessment = case["assessment"] or {}
    return {
        "classification": assessment.get("classification"),
        "reasons": sorted(assessment.get("reasons") or []),
        "answers": {a["slot"]: a["code"] for a in case["answers"]},
        "status": case["status"],
        "opted_out": case["opted_out"],
        "meeting_modes": (case["meeting_preferences"] or {}).get("modes"),
    }


def chat_run(api, rasa_url: str, script: dict, rasa_auth: dict) -> str:
    """The same answers over chat (Rasa's REST channel, a chat case): the first SMS is the
    go-ahead, so chat starts with /start; chat's own follow-up question is declined."""
    body = {"external_id": "mirror-" + secrets.token_hex(5), "fnr": synthetic_fnr(), "enhet": "0219",
            "start_date": (date.today() - timedelta(days=55)).isoformat(), "sykmeldingsgrad": 100}
    body.update(script.get("case") or {})
    body["channel"] = "chat"
    case_id = api.post("/api/v1/cases", json=body).json()["id"]
    sender = api.post(f"/api/v1/cases/{case_id}/invitation").json()["conversation_id"]
    turns = [str(t["user"]) for t in script.get("turns") or []]
    with httpx.Client(base_url=rasa_url, timeout=60, **rasa_auth) as rasa:
        def say(text: str) -> list[dict]:
            return rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": text}).json()

        replies = say("/start")
        for text in turns[1:]:
            if any(FOLLOW_UP_PROMPT in (r.get("text") or "") for r in replies):
                say("nei")
            if text.startswith("/button:"):
                text = text.split(":", 1)[1]  # the digit answers as the button does
            replies = say(text)
    return case_id


@pytest.mark.parametrize("path", SMS_SCRIPTS, ids=[p.stem for p in SMS_SCRIPTS])
def test_sms_script(runner, path: Path):
    result = runner.run(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert result.ok, "\n".join(result.failures + ["transcript:"] + result.transcript)


ANSWER_SETS = {
    "sifre-ikke-aktuell": ["Hei", "1", "1", "1"],
    "sifre-kartlegging-mote": ["Hei", "2", "2", "3", "2", "1 og 3", "mandag etter lunsj"],
    "fritekst": ["hei", "ja, det regner jeg med", "vi har hatt en del uenigheter i det siste, så det er ikke så lett", "under et halvt år"],
    "stopp-underveis": ["Hei", "3", "STOPP"],
    "global-sporsmal": ["Hei", "hvem ser svarene mine?", "1", "mister jeg sykepengene hvis jeg ikke svarer?", "1", "3", "1"],
}


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_the_same_answers_over_sms_and_chat_end_with_the_same_stored_outcome(runner, api, stack, name):
    script = {"name": name, "case": {"sykmeldingsgrad": 100, "enhet": "0219"}, "turns": [{"user": t} for t in ANSWER_SETS[name]]}
    sms = runner.run(script, via="sms")
    assert sms.ok, "\n".join(sms.failures + sms.transcript)
    chat_case = chat_run(api, stack.rasa_url, script, stack.rasa_auth)
    got, want = outcome(api, sms.case_id), outcome(api, chat_case)
    assert got == want, "\n".join(sms.transcript)
    assert got["answers"], "the script should answer something"


def _invited_sms_case(api, runner, prefix: str = "crash") -> tuple[str, str, str]:
    """An SMS case registered and invited through the API, its invitation delivered; (case id, phone, conversation id)."""
    phone = synthetic_mobile()
    case_id = api.post("/api/v1/cases", json={
        "external_id": f"{prefix}-" + secrets.token_hex(5), "fnr": synthetic_fnr(), "enhet": "0219", "channel": "sms", "mobil": phone,
        "start_date": (date.today() - timedelta(days=55)).isoformat(), "sykmeldingsgrad": 100}).json()["id"]
    conversation_id = api.post(f"/api/v1/cases/{case_id}/invitation").json()["conversation_id"]
    runner._wait_delivered(case_id)
    return case_id, phone, conversation_id


def test_a_duplicate_delivery_is_one_turn_and_one_set_of_replies(runner, api, stack, live_sms):
    case_id, phone, conversation_id = _invited_sms_case(api, runner, "dup")
    for sid, body in (("SM" + secrets.token_hex(16), "Hei"), ("SM" + secrets.token_hex(16), "2")):
        for _ in range(3):  # the gateway delivers the same message three times
            assert live_sms.post("/inbound", {"from": phone, "body": body, "message_sid": sid})["status_code"] == 200
    runner._wait_delivered(case_id)
    case = api.get(f"/api/v1/cases/{case_id}").json()
    replies = [m for m in case["outbox"] if m["kind"] == "sms_reply"]
    assert len({m["idempotency_key"].rsplit(":", 1)[0] for m in replies}) == 2  # replies to two messages, not six
    assert [a["code"] for a in case["answers"]] == ["usikker"]
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{conversation_id}/tracker", timeout=30, **stack.rasa_auth).json()
    user_turns = [e for e in tracker["events"] if e["event"] == "user"]
    assert [e["text"] for e in user_turns] == ["/start", "2"]  # Rasa saw each message once
    got = live_sms.received(phone)
    assert len(got) == 1 + len(replies)  # the opening SMS and each reply once


def test_a_message_left_by_a_crash_after_its_turn_is_finished_from_rasas_tracker_not_run_twice(runner, api, stack, store, live_sms):
    case_id, phone, conversation_id = _invited_sms_case(api, runner)
    runner.send_sms(phone, "Hei", case_id)
    sid = "SM" + secrets.token_hex(16)
    # A webhook that died after Rasa ran the turn: the turn is in Rasa's tracker, the message
    # still 'processing' (its lease runs out in a few seconds), no replies queued.
    sealer = Sealer(stack.env["UKE8_SECRET_KEY"].encode())
    with store.write() as s:
        s.add(SmsInbound(message_sid=sid, case_id=case_id, conversation_id=conversation_id, body_sealed=sealer.seal("1"),
                         status="processing", attempts=1, replies=0, lease_until=utcnow() + timedelta(seconds=4)))
    r = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", timeout=60, **stack.rasa_auth, json={
        "sender": conversation_id, "message": "1", "input_channel": "sms", "metadata": {"sms_message_sid": sid}})
    assert "samarbeidet" in r.text
    with store.read() as s:
        row_id = s.scalar(select(SmsInbound.id).where(SmsInbound.message_sid == sid))
    wait_for(lambda: _status(store, row_id) == "processed", what="the sweep to finish the message")
    runner._wait_delivered(case_id)
    tracker = httpx.get(f"{stack.rasa_url}/conversations/{conversation_id}/tracker", timeout=30, **stack.rasa_auth).json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["/start", "1"]  # not run again
    assert "samarbeidet og relasjonen" in live_sms.received(phone)[-1]["body"]  # its reply reached the phone
    case = api.get(f"/api/v1/cases/{case_id}").json()
    assert [a["code"] for a in case["answers"]] == ["veldig_sannsynlig"]


def test_a_message_that_never_reached_rasa_is_processed_by_the_sweep(runner, api, stack, store, live_sms):
    case_id, phone, conversation_id = _invited_sms_case(api, runner)
    sid = "SM" + secrets.token_hex(16)
    sealer = Sealer(stack.env["UKE8_SECRET_KEY"].encode())
    with store.write() as s:  # received while Rasa was down; its retry time has come
        s.add(SmsInbound(message_sid=sid, case_id=case_id, conversation_id=conversation_id, body_sealed=sealer.seal("Hei"),
                         status="received", attempts=1, replies=0, lease_until=utcnow() - timedelta(seconds=1),
                         last_error="ConnectError"))
    with store.read() as s:
        row_id = s.scalar(select(SmsInbound.id).where(SmsInbound.message_sid == sid))
    wait_for(lambda: _status(store, row_id) == "processed", what="the sweep")
    runner._wait_delivered(case_id)
    assert any("Hvor sannsynlig" in m["body"] for m in live_sms.received(phone))
    with store.read() as s:
        assert s.get(SmsInbound, row_id).body_sealed is None  # the words are gone once the turn is done


def _status(store, row_id: int) -> str:
    with store.read() as s:
        return s.get(SmsInbound, row_id).status


def test_the_simulator_page_chats_as_a_phone(runner, api, live_sms):
    case_id, phone, _ = _invited_sms_case(api, runner)
    page = httpx.get(live_sms.url + "/", params={"number": phone}, timeout=30)
    assert page.status_code == 200 and "Hei, dette er NAV." in page.text
    r = httpx.post(live_sms.url + "/phone", data={"number": phone, "body": "Hei"}, timeout=60, follow_redirects=True)
    assert r.status_code == 200
    runner._wait_delivered(case_id)
    page = httpx.get(live_sms.url + "/", params={"number": phone}, timeout=30).text
    assert "Hvor sannsynlig er det" in page and "Svar 1, 2 eller 3." in page


def test_a_forged_sms_through_the_simulator_is_refused_and_audited(live_sms, store):
    from uke8.store.models import AuditEntry

    with store.read() as s:
        before = s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0
    r = live_sms.post("/inbound", {"from": synthetic_mobile(), "body": "1", "forge": True})
    assert r["status_code"] == 403 and r["replies"] == []
    with store.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.id > before, AuditEntry.action == "sms.inbound")).all()
        assert [(e.outcome, e.detail["reason"]) for e in entries] == [("forbidden", "bad_signature")]
