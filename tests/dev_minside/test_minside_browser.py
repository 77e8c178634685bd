"""The local Min side in a real browser, against the session's real stack (API, Rasa, action
server) without a broker, so `uke8 minside` reads the outbox (the embedded default): a person
invited to chat signs in with their (synthetic) fødselsnummer, sees the task, follows
"Gå til spørsmålene" to the chat page, answers the three questions by buttons, goes back to
Min side and finds the task closed. The invitation stays pending in the outbox throughout."""
from __future__ import annotations

import signal
import subprocess
import time
from contextlib import contextmanager

import httpx
import pytest

from tests.browser import axe_violations, chromium
from tests.chat.conftest import ChatStack
from tests.chat.test_chat_browser import TURN_MS, click_option, options, wait_for_bot
from tests.factories import synthetic_fnr
from uke8.dev.processes import Service, tail
from uke8.dev.stack import Stack, free_port

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]


@contextmanager
def minside(stack: Stack, tmp_path):
    """`uke8 minside --source outbox` with the stack's environment (its store, data dir, link key)."""
    port = free_port()
    env = {k: v for k, v in stack.env.items() if k != "UKE8_BROKER_URL"}
    service = Service("minside", [stack._app_python(), "-m", "uke8.cli", "minside", "--port", str(port), "--source", "outbox"],
                      port, lambda c: c.get(f"http://127.0.0.1:{port}/healthz").status_code == 200, tmp_path / "minside.log")
    service.launch(stack.root, env)
    try:
        deadline = time.monotonic() + 60
        with httpx.Client(timeout=5, trust_env=False) as client:
            while True:
                assert service.proc.poll() is None, tail(service.log)
                try:
                    if service.ready(client):
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"minside never became ready: {tail(service.log)}"
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        service.signal(signal.SIGTERM)
        try:
            service.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            service.signal(signal.SIGKILL)
            service.proc.wait(timeout=5)


def test_from_the_task_on_min_side_to_the_chat_and_back_to_a_closed_task(chat: ChatStack, tmp_path):
    fnr = synthetic_fnr()
    invited = chat.invite(fnr=fnr)
    with minside(chat.stack, tmp_path) as url, chromium() as browser:
        # bypass_csp: axe-core is added to the page for the accessibility check
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO", bypass_csp=True).new_page()
        page.goto(url + "/")
        assert page.get_by_text("Lokal testversjon av Min side").is_visible()
        assert axe_violations(page) == []
        page.get_by_label("Fødselsnummer (syntetisk, 11 siffer)").fill(fnr)
        page.get_by_role("button", name="Logg inn").click()
        task = page.locator("article[data-state='open']")
        assert task.count() == 1
        assert "tre korte spørsmål" in task.inner_text() and "Du kan svare til og med" in task.inner_text()
        assert axe_violations(page) == []

        task.get_by_role("link", name="Gå til spørsmålene").click()
        page.wait_for_url("**/chat?t=*")
        wait_for_bot(page, 0, "Hvor sannsynlig")
        click_option(page, "Jeg tror det er veldig sannsynlig", expect="samarbeidet og relasjonen")
        click_option(page, "Jeg opplever samarbeidet vårt som godt", expect="Hvor lenge tenker du")
        click_option(page, "Under 26 uker totalt (6 måneder)")
        for _ in range(3):  # a follow-up question, if the bot asks one, declined
            if "Nei takk" not in options(page):
                break
            click_option(page, "Nei takk")
        deadline = time.monotonic() + TURN_MS / 1000
        while chat.case(invited.case_id)["status"] in ("invitert", "paminnet"):
            assert time.monotonic() < deadline, "the answers never completed the case"
            time.sleep(0.5)

        page.goto(url + "/")
        assert page.locator("article[data-state='open']").count() == 0
        assert page.get_by_text("Du har ingen oppgaver nå.").is_visible()
        closed = page.locator("article[data-state='closed']")
        assert closed.count() == 1 and "Du har svart" in closed.inner_text()
        assert closed.get_by_role("link", name="Gå til spørsmålene").count() == 0
        assert axe_violations(page) == []
    # a viewer: the invitation was never marked sent (no broker published it)
    [invitation] = [m for m in chat.admin.get(f"/api/v1/outbox?case_id={invited.case_id}").json()["items"]
                    if m["kind"] == "invitation"]
    assert invitation["status"] == "pending"
