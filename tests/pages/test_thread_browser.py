"""The case page's thread in a real browser (Debian's Chromium, as tests/pages/test_browser.py):
the veileder writes with two proposed times through the form, sees the message and the meeting
foreslått, reveals the fødselsnummer with a purpose; axe-core finds no serious violations on the
queue with "Ny melding", the case page with its thread, with a form error, and with a value shown."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.browser import axe_violations
from tests.pages.conftest import KARTLEGGING, seed_case
from tests.pages.test_browser import browser, make_veileder, server, sign_in  # noqa: F401 (fixtures)
from uke8.clock import OSLO, utc_now
from uke8.store.models import Invitation
from uke8.thread import messages


def _local(days: int, hour: int) -> str:
    return (utc_now().astimezone(OSLO) + timedelta(days=days)).replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_the_thread_on_the_case_page_in_a_browser(server, browser, db):  # noqa: F811
    make_veileder(server, "Z810001", "8101")
    case = seed_case(db, "8101", KARTLEGGING, channel="sms")
    with db.read() as s:
        conversation = s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case.case_id))
    with db.write() as s:
        messages.record_from_person(s, conversation, "Hei, når kan vi snakke?")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    found = {}
    sign_in(page, server, "Z810001")
    assert page.get_by_text("Ny melding (1)").is_visible()
    found["oversikt med ny melding"] = axe_violations(page)

    page.goto(f"{server}/saker/{case.case_id}")
    assert page.get_by_text("Hei, når kan vi snakke?").is_visible()
    page.get_by_role("button", name="Send til personen").click()  # nothing written: the error beside the field
    assert page.get_by_text("Skriv en melding før du sender.").first.is_visible()
    found["sak med feil i meldingen"] = axe_violations(page)

    page.get_by_label("Skriv til personen").fill("Hei! Takk for svarene. Passer en av disse tidene?")
    page.get_by_label("Tidspunkt 1").fill(_local(3, 10))
    page.get_by_label("Tidspunkt 2").fill(_local(4, 14))
    page.get_by_label("Hvordan").select_option("telefon")
    page.get_by_role("button", name="Send til personen").click()
    page.wait_for_url("**melding=melding_sendt**")
    assert page.get_by_text("Meldingen er lagret og sendes til personen.").is_visible()
    section = page.locator("section#meldinger").inner_text()
    assert "Hei! Takk for svarene." in section and "Foreslått" in section and "Telefon" in section
    found["sak med meldinger og forslag"] = axe_violations(page)

    page.get_by_label("Formål").fill("ringe for å avtale samtale")
    page.get_by_role("button", name="Vis fødselsnummer").click()
    assert page.get_by_text(case.fnr).is_visible()
    found["sak med fødselsnummer vist"] = axe_violations(page)
    context.close()
    assert found == {name: [] for name in found}, found
