"""`make run` (uke8.dev.stack.Stack with_sms) starts the gateway simulator and the delivery worker
next to the API, with UKE8_SMS_GATEWAY_URL pointing at the simulator: an SMS case invited
through the API gets its opening SMS on the simulator's phone."""
from __future__ import annotations

import secrets
from datetime import date, timedelta

import httpx
import pytest

from tests.factories import synthetic_fnr, synthetic_mobile
from tests.sms.conftest import FAST, wait_for
from uke8.dev.stack import Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(300)]


def test_the_stack_runs_the_simulator_and_the_delivery_worker(own_sms_store, tmp_path):
    db, env = own_sms_store
    admin = "adm-sms-" + secrets.token_hex(4)
    child_env = {k: env[k] for k in ("UKE8_DATABASE_URL", "UKE8_DATA_DIR", "UKE8_SECRET_KEY")} | {"UKE8_ADMIN_TOKEN": admin, **FAST}
    with Stack(api_port=free_port(), sms_port=free_port(), with_rasa=False, with_sms=True, env=child_env,
               log_dir=tmp_path / "logs") as stack:
        assert {s.name for s in stack.services} == {"api", "sms-simulator", "deliver"}
        assert stack.env["UKE8_SMS_GATEWAY_URL"] == stack.sms_url
        api = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {admin}"}, timeout=30)
        phone = synthetic_mobile()
        case = api.post("/api/v1/cases", json={
            "external_id": "stack-" + secrets.token_hex(4), "fnr": synthetic_fnr(), "enhet": "0219", "channel": "sms",
            "mobil": phone, "start_date": (date.today() - timedelta(days=55)).isoformat(), "sykmeldingsgrad": 100}).json()
        assert api.post(f"/api/v1/cases/{case['id']}/invitation").status_code == 200
        got = wait_for(lambda: httpx.get(f"{stack.sms_url}/messages", params={"to": phone}).json()["messages"], what="the opening SMS")
        assert got[0]["body"].startswith("Hei, dette er NAV.") and got[0]["num_segments"] <= 2
        [opening] = api.get(f"/api/v1/outbox?case_id={case['id']}").json()["items"]
        assert (opening["status"], opening["segments"], opening["encoding"]) == ("sent", got[0]["num_segments"], "GSM-7")
        page = httpx.get(f"{stack.sms_url}/", params={"number": phone})
        assert page.status_code == 200 and "Hei, dette er NAV." in page.text and "Send SMS" in page.text
        stack.check_alive()
