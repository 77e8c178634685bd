"""Exposure (issue 12): against the real processes, every port of the stack listens on loopback
only; the action server, Rasa's HTTP API and its REST channel refuse calls without the
service token and serve them with it; the data the stack writes is private (0700 / 0600).
One more action server is started bound beyond loopback: it still wants the token."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from uke8.service_auth import HEADER
from uke8.dev.stack import PROJECT_ROOT, Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

# Rasa's action-call body (enough for the action server to route it)
ACTION_CALL = {"next_action": "validate_week8_form", "sender_id": "k-nobody", "version": "3.6.21",
               "tracker": {"sender_id": "k-nobody", "slots": {}, "latest_message": {}, "events": [], "active_loop": {}},
               "domain": {}}


def listeners(port: int) -> set[str]:
    """The local addresses that listen on TCP `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8))
                    found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_port_of_the_stack_listens_on_loopback_only(stack: Stack) -> None:
    assert stack.rasa_enabled, f"Rasa was not started: {stack.rasa_missing}"
    for name, port in (("api", stack.api_port), ("action server", stack.action_port), ("rasa", stack.rasa_port)):
        assert listeners(port) == {"127.0.0.1"}, f"{name} listens on {listeners(port)}"


def test_the_action_server_refuses_calls_without_the_service_token(stack: Stack) -> None:
    url = stack.action_url
    assert httpx.get(f"{url}/health", timeout=10).status_code == 200  # the readiness check, says only "ok"
    for headers in ({}, {HEADER: "wrong"}, {HEADER: ""}):
        assert httpx.get(f"{url}/actions", headers=headers, timeout=10).status_code == 401
        r = httpx.post(f"{url}/webhook", json=ACTION_CALL, headers=headers, timeout=10)
        assert r.status_code == 401 and "validate" not in r.text
    r = httpx.get(f"{url}/actions", headers={HEADER: stack.service_token}, timeout=10)
    assert r.status_code == 200 and {"name": "validate_week8_form"} in r.json()


def test_rasas_api_and_rest_channel_refuse_calls_without_the_service_token(stack: Stack) -> None:
    url = stack.rasa_url
    sender = "k-nobody-exposure"
    for params, headers in (({}, {}), ({"token": "wrong"}, {HEADER: "wrong"})):
        assert httpx.get(f"{url}/status", params=params, timeout=10).status_code == 401
        assert httpx.get(f"{url}/conversations/{sender}/tracker", params=params, timeout=10).status_code == 401
        assert httpx.post(f"{url}/model/parse", params=params, json={"text": "ja"}, timeout=30).status_code == 401
        r = httpx.post(stack.webhook_url, params=params, headers=headers, json={"sender": sender, "message": "/start"}, timeout=60)
        assert r.status_code == 401
    assert httpx.get(f"{url}/status", timeout=10, **stack.rasa_auth).status_code == 200
    assert httpx.post(f"{url}/model/parse", json={"text": "ja"}, timeout=30, **stack.rasa_auth).status_code == 200
    # the REST channel with the header alone (what the API sends), and Rasa's own GET / stays open
    r = httpx.post(stack.webhook_url, headers={HEADER: stack.service_token}, json={"sender": sender, "message": "/start"}, timeout=60)
    assert r.status_code == 200 and isinstance(r.json(), list)
    assert httpx.get(f"{url}/", timeout=10).status_code == 200


def test_rasa_sends_the_token_so_answers_still_reach_the_store(stack: Stack) -> None:
    from tests.factories import case_body

    api = httpx.Client(base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}, timeout=30)
    case_id = api.post("/api/v1/cases", json=case_body()).json()["id"]
    sender = api.post(f"/api/v1/cases/{case_id}/invitation").json()["conversation_id"]
    with httpx.Client(timeout=60, **stack.rasa_auth) as rasa:
        for message in ("/start", "1"):
            assert rasa.post(stack.webhook_url, json={"sender": sender, "message": message}).status_code == 200
    answers = api.get(f"/api/v1/cases/{case_id}").json()["answers"]
    assert answers, "the action server did not record the answer (did Rasa send the service token?)"


def test_what_the_stack_writes_is_private(stack: Stack) -> None:
    assert mode(stack.data_dir) == 0o700
    tracker = Path(stack.env["UKE8_TRACKER_DB"])
    private = [tracker, stack.data_dir / "service.token", *stack.log_dir.glob("*.log")]
    private += [p for p in (tracker.with_name(tracker.name + "-wal"), tracker.with_name(tracker.name + "-shm")) if p.exists()]
    url = stack.env["UKE8_DATABASE_URL"]
    if url.startswith("sqlite:///"):
        private.append(Path(url.removeprefix("sqlite:///")))
    assert {str(p): oct(mode(p)) for p in private} == {str(p): oct(0o600) for p in private}
    assert mode(stack.log_dir) == 0o700


@pytest.mark.processes
def test_an_action_server_bound_beyond_loopback_still_wants_the_token(tmp_path) -> None:
    port, token = free_port(), "service-token-for-this-test"
    env = {**os.environ, "UKE8_SERVICE_TOKEN": token, "UKE8_DATA_DIR": str(tmp_path), "UKE8_BIND_HOST": "0.0.0.0",
           "UKE8_DATABASE_URL": f"sqlite:///{tmp_path / 'uke8.db'}", "PYTHONPATH": str(PROJECT_ROOT)}
    with open(tmp_path / "actions.log", "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "uke8.action_server", "--port", str(port)], cwd=PROJECT_ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (tmp_path / "actions.log").read_text()[-2000:]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the action server did not come up"
            time.sleep(0.3)
        assert listeners(port) == {"0.0.0.0"}  # UKE8_BIND_HOST is honoured ...
        assert httpx.post(f"http://127.0.0.1:{port}/webhook", json=ACTION_CALL, timeout=10).status_code == 401  # ... and guarded
        assert httpx.get(f"http://127.0.0.1:{port}/actions", headers={HEADER: token}, timeout=10).status_code == 200
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
