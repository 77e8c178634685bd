"""The review pages in a real browser: Debian's headless Chromium driven by Playwright, against
the API running as its own process (uvicorn) on the test run's case store; accessibility
checked with axe-core (from web/node_modules) in the same browser.

Set UKE8_SCREENSHOTS=1 to (re)write the README's screenshots in docs/img/.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import axe_violations, chromium
from tests.conftest import ADMIN_TOKEN
from tests.pages.conftest import ADMIN, IKKE_AKTUELL, KARTLEGGING, seed_case
from uke8.dev.stack import PROJECT_ROOT, free_port

SHOTS = PROJECT_ROOT / "docs" / "img"


@pytest.fixture(scope="module")
def server(database_url: str, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("browser") / "api.log"
    env = os.environ | {
        "UKE8_DATABASE_URL": database_url, "UKE8_DATA_DIR": str(data_dir), "UKE8_ADMIN_TOKEN": ADMIN_TOKEN,
        "UKE8_SECRET_KEY": "test-secret-key-not-for-production", "UKE8_ENV": "development",
        "UKE8_DEV_LOGIN": "1",  # off by default; the browser signs in from loopback
    }
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                raise RuntimeError("the API did not start:\n" + log.read_text()[-3000:])
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the API did not answer in 30 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def make_veileder(base: str, ident: str, enhet: str) -> None:
    r = httpx.post(base + "/api/v1/veiledere", json={"ident": ident, "enheter": [enhet]}, headers=ADMIN)
    assert r.status_code == 200, r.text


def sign_in(page, base: str, ident: str) -> None:
    page.goto(base + "/logg-inn")
    page.get_by_role("button", name=f"Logg inn som {ident}").click()
    page.wait_for_url("**/oversikt")


def test_veileder_filters_opens_overrides_and_sees_history(server, browser, db):
    make_veileder(server, "Z800001", "8001")
    make_veileder(server, "Z800002", "8002")
    target = seed_case(
        db, "8001", KARTLEGGING, texts={"retur": "Jeg er usikker, det kommer an på mye"},
        follow_up="Sjefen og jeg har snakket sammen", meeting=(["telefon", "nav_kontor"], "tirsdag eller torsdag formiddag"),
        invited_days_ago=9, grade=60,
    )
    seed_case(db, "8001", IKKE_AKTUELL, invited_days_ago=12, channel="sms")
    seed_case(db, "8001", {"retur": "veldig_sannsynlig", "relasjon": "vanskelig", "varighet": "under_26_uker"}, invited_days_ago=6, handoff=True)
    seed_case(db, "8001", KARTLEGGING, invited_days_ago=3, gjentakende_fravaer=True, grade=40)
    seed_case(db, "8001", {}, invited_days_ago=2)
    foreign = seed_case(db, "8002", KARTLEGGING)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, server, "Z800001")
    assert page.get_by_role("heading", name="Oversikt over uke 8-saker").is_visible()

    # filter the queue: proposals for which the return to work is uncertain, newest invitation last
    page.get_by_label("Status", exact=True).select_option("vurdert")
    page.get_by_label("Grunn", exact=True).select_option("retur_usikker_eller_lite_sannsynlig")
    page.get_by_role("button", name="Vis saker").click()
    page.wait_for_url("**status=vurdert**")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert "Usikker på eller lite sannsynlig å komme tilbake i jobben" in rows.first.inner_text()
    if os.environ.get("UKE8_SCREENSHOTS"):
        page.goto(server + "/oversikt")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "queue.png"), full_page=True)
        page.go_back()

    # open the case: the answers as the person saw them, the transcript, the reasons in words
    page.locator(f"a[href='/saker/{target.case_id}']").click()
    page.wait_for_url(f"**/saker/{target.case_id}")
    assert page.locator(".app-option--chosen").first.inner_text().startswith("2. Jeg er usikker")
    assert page.get_by_text("Jeg er usikker, det kommer an på mye").first.is_visible()
    assert page.get_by_text("Telefon, På NAV-kontoret", exact=True).is_visible()
    if os.environ.get("UKE8_SCREENSHOTS"):
        page.screenshot(path=str(SHOTS / "case.png"), full_page=True)

    # override without a reason: a clear error, nothing stored; then with a reason
    page.get_by_label("Ikke aktuell nå", exact=True).check()
    page.get_by_role("button", name="Lagre vurdering").click()
    assert page.get_by_text("Skriv en begrunnelse når du overstyrer forslaget.").first.is_visible()
    assert page.get_by_label("Ikke aktuell nå", exact=True).is_checked()
    page.get_by_label("Begrunnelse").fill("Har avtalt gradert retur med arbeidsgiver")
    page.get_by_role("button", name="Lagre vurdering").click()
    page.wait_for_url("**melding=vurdert")
    assert page.get_by_text("Vurderingen er lagret.").is_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="Statushistorikk")).inner_text()
    assert "Ferdigbehandlet" in history and "Overstyrt: Har avtalt gradert retur med arbeidsgiver" in history
    assert "case.decide" in page.locator("section", has=page.get_by_role("heading", name="Tilgangslogg")).inner_text()
    view = httpx.get(f"{server}/api/v1/cases/{target.case_id}", headers=ADMIN).json()
    assert view["assessment"]["veileder_decision"]["overrides_proposal"] is True
    assert view["status"] == "ferdigbehandlet"

    # another enhet's case by URL: the same 404 as a case that does not exist
    page.goto(f"{server}/saker/{foreign.case_id}")
    assert page.get_by_role("heading", name="Fant ikke saken").is_visible()
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/logg-inn?ut=1")
    sign_in(page, server, "Z800002")
    response = page.goto(f"{server}/saker/{target.case_id}")
    assert response.status == 404 and page.get_by_role("heading", name="Fant ikke saken").is_visible()
    entries = httpx.get(f"{server}/api/v1/cases/{target.case_id}/audit", headers=ADMIN).json()["entries"]
    assert any(e["actor"] == "Z800002" and e["outcome"] == "denied" for e in entries)
    assert not csp_errors, csp_errors
    context.close()


def test_pages_have_no_serious_accessibility_violations(server, browser, db):
    make_veileder(server, "Z800003", "8003")
    case = seed_case(db, "8003", KARTLEGGING, texts={"retur": "usikker"}, meeting=(["video"], None))
    seed_case(db, "8003", IKKE_AKTUELL, invited_days_ago=40)
    # axe is injected as a script: this context only lets it past the pages' CSP
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    page.goto(server + "/logg-inn")
    found["logg-inn"] = axe_violations(page)
    sign_in(page, server, "Z800003")
    found["oversikt"] = axe_violations(page)
    page.goto(f"{server}/saker/{case.case_id}")
    found["sak"] = axe_violations(page)
    page.get_by_label("Ikke aktuell nå", exact=True).check()
    page.get_by_role("button", name="Lagre vurdering").click()  # the page with a form error
    found["sak med feil"] = axe_violations(page)
    page.goto(server + "/statistikk")
    found["statistikk"] = axe_violations(page)
    context.close()
    assert found == {name: [] for name in found}, found
