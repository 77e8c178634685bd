"""The thread across both sides in a real browser (Debian's Chromium, as the other browser
tests): a veileder proposes two times on the case page, the person opens the chat link, sees the
veileder's message under the veileder's name, picks the second time with its button; the case
page then shows the meeting booked. A later message from the veileder reaches the open chat
page by its poll. axe-core finds no serious violations on either page.

The chat page is the session stack's API (Rasa and the action server behind it); the case page
is the review pages' test server (tests/pages, development sign-in) on the same case store."""
from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.browser import axe_violations
from tests.chat.conftest import ChatStack
from tests.chat.test_chat_browser import TURN_MS, idle, nav_count, wait_for_bot
from tests.conftest import ADMIN_TOKEN
from tests.pages.test_browser import browser, server, sign_in  # noqa: F401 (fixtures)
from uke8.clock import OSLO, utc_now
from uke8.triage import chat_texts as texts
from uke8.triage import meeting_texts
from uke8.triage.catalogue import button_payload

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

VEILEDER, NAME = "Z816001", "Vera Veileder"


def _local(days: int, hour: int):
    """A time `days` ahead at `hour` in Oslo, from the wall clock (the form's datetime-local value, and the moment)."""
    moment = (utc_now().astimezone(OSLO) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M"), moment


def test_a_meeting_proposed_on_the_case_page_is_picked_on_the_chat_page(chat: ChatStack, server, browser):  # noqa: F811
    r = httpx.post(server + "/api/v1/veiledere", json={"ident": VEILEDER, "enheter": ["0219"], "navn": NAME},
                   headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 200, r.text
    invited = chat.invite(enhet="0219")
    for message in ("/start", button_payload("q1", "veldig_sannsynlig"), button_payload("q2", "god"),
                    button_payload("q3", "under_26_uker")):
        assert chat.rest(invited.conversation_id, message)
    assert chat.case(invited.case_id)["assessment"]["classification"] == "ikke_aktuell_na"
    found = {}

    # the veileder proposes two times on the case page
    first, _ = _local(3, 10)
    second, second_at = _local(4, 14)
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="nb-NO")
    veileder = desk.new_page()
    sign_in(veileder, server, VEILEDER)
    veileder.goto(f"{server}/saker/{invited.case_id}")
    veileder.get_by_label("Skriv til personen").fill("Hei! Takk for svarene. Passer en av disse tidene for en prat?")
    veileder.get_by_label("Tidspunkt 1").fill(first)
    veileder.get_by_label("Tidspunkt 2").fill(second)
    veileder.get_by_label("Hvordan").select_option("telefon")
    veileder.get_by_role("button", name="Send til personen").click()
    veileder.wait_for_url("**melding=melding_sendt**")
    assert "Foreslått" in veileder.locator("section#meldinger").inner_text()
    found["saken med forslaget"] = axe_violations(veileder)

    # the person opens the chat link: the veileder's message, named, with the times as buttons
    phone = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="nb-NO")
    page = phone.new_page()
    assert page.goto(chat.link(invited.conversation_id)).status == 200
    bubble = page.locator("#chat-logg .chat-message[data-from='veileder']")
    bubble.first.wait_for(timeout=TURN_MS)
    idle(page)
    assert "Passer en av disse tidene" in bubble.inner_text()
    assert texts.SPEAKER_VEILEDER.format(name=NAME) in bubble.locator(".chat-speaker").inner_text()
    assert texts.SPEAKER_NAV_LABEL not in bubble.inner_text()  # a person at NAV, not the automatic service
    labels = [b.strip() for b in page.locator("#chat-valg button").all_inner_texts()]
    assert labels == [meeting_texts.slot_label(m).capitalize() for m in (_local(3, 10)[1], second_at)]
    found["chatten med forslaget"] = axe_violations(page)

    before = nav_count(page)
    page.locator("#chat-valg").get_by_role("button", name=labels[1], exact=True).click()
    reply = wait_for_bot(page, before, expect="Samtalen er avtalt")
    assert "kl. 14.00" in reply and "på telefon" in reply
    person = page.locator("#chat-logg .chat-message[data-from='person'] .chat-text").all_inner_texts()
    assert person[-1].strip() == labels[1]
    found["chatten med avtalt samtale"] = axe_violations(page)

    # the veileder sees the booked meeting
    veileder.reload()
    section = veileder.locator("section#meldinger").inner_text()
    assert "Avtalt" in section and meeting_texts.slot_label(second_at) in section and "Samtalen er avtalt" in section
    found["saken med avtalt samtale"] = axe_violations(veileder)
    case = chat.case(invited.case_id)
    assert case["meeting"]["status"] == "avtalt" and case["meeting"]["at"] is not None

    # a new message from the veileder reaches the open chat page without a reload (its poll)
    token = httpx.post(server + "/api/v1/veiledere", json={"ident": VEILEDER, "enheter": ["0219"]},
                       headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).json()["token"]
    r = httpx.post(server + f"/api/v1/cases/{invited.case_id}/messages", json={"text": "Så bra, da ringer jeg deg."},
                   headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    page.wait_for_function("() => document.getElementById('chat-logg').innerText.includes('da ringer jeg deg')",
                           timeout=(texts.THREAD_POLL_SECONDS + 30) * 1000)
    assert bubble.count() == 2
    phone.close()
    desk.close()
    assert found == {name: [] for name in found}, found
