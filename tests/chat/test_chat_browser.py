"""The chat page in a real browser: Debian's headless Chromium driven by Playwright, against the
session's real stack (API, Rasa, action server). A person opens the link, answers by clicking
and typing, reloads halfway and goes on, finishes; the case store then holds exactly what the
same conversation through Rasa's REST channel leaves. Keyboard only, a phone-sized screen, an
expired link, and axe-core's accessibility check.

Set UKE8_SCREENSHOTS=1 to (re)write the README's screenshots docs/img/chat.png and chat-mobile.png.
"""
from __future__ import annotations

import json
import os

import pytest

from tests.browser import axe_violations, chromium
from tests.chat.conftest import ChatStack, outcome
from uke8.dev.stack import PROJECT_ROOT
from uke8.triage import chat_texts as texts

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

SHOTS = PROJECT_ROOT / "docs" / "img"
TURN_MS = 90_000  # one bot turn, generous for a busy 2-core machine
PHONE = {"width": 375, "height": 740}

FOLLOW_UP = "Jeg vet ikke helt hvordan det blir på jobben fremover"
RELASJON = "sånn passe, verken bra eller dårlig"
MEETING_TIME = "tirsdag eller torsdag formiddag"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


# ---------------------------------------------------------------- page helpers


def nav_count(page) -> int:
    return page.locator("#chat-logg .chat-message[data-from='nav']").count()


def idle(page) -> None:
    page.wait_for_function("() => document.getElementById('chat-logg').getAttribute('aria-busy') === 'false'", timeout=TURN_MS)


def wait_for_bot(page, before: int, expect: str | None = None) -> str:
    """Wait until the bot's answer to the last message is on the page; its text."""
    page.wait_for_function(
        "n => document.querySelectorAll(\"#chat-logg .chat-message[data-from='nav']\").length > n", arg=before, timeout=TURN_MS,
    )
    idle(page)
    new = page.locator("#chat-logg .chat-message[data-from='nav'] .chat-text")
    text = "\n".join(new.nth(i).inner_text() for i in range(before, new.count()))
    if expect is not None:
        assert expect.lower() in text.lower(), text
    return text


def open_chat(page, link: str, expect: str | None = "Hvor sannsynlig") -> str:
    response = page.goto(link)
    assert response.status == 200
    return wait_for_bot(page, 0, expect)


def click_option(page, title: str, expect: str | None = None) -> str:
    before = nav_count(page)
    page.locator("#chat-valg").get_by_role("button", name=title, exact=True).click()
    return wait_for_bot(page, before, expect)


def type_message(page, text: str, expect: str | None = None) -> str:
    before = nav_count(page)
    page.get_by_label(texts.INPUT_LABEL).fill(text)
    page.get_by_role("button", name=texts.SEND, exact=True).click()
    return wait_for_bot(page, before, expect)


def options(page) -> list[str]:
    return [t.strip() for t in page.locator("#chat-valg button").all_inner_texts()]


def person_bubbles(page) -> list[str]:
    return [t.strip() for t in page.locator("#chat-logg .chat-message[data-from='person'] .chat-text").all_inner_texts()]


def sent_messages(page) -> list[str]:
    """Record every message the page sends to the API (to replay through the REST channel)."""
    sent: list[str] = []

    def on_request(request) -> None:
        if request.url.endswith("/api/v1/chat/messages") and request.method == "POST":
            sent.append(json.loads(request.post_data)["message"])

    page.on("request", on_request)
    return sent


# ---------------------------------------------------------------- tests


def test_a_person_answers_by_clicking_and_typing_reloads_and_finishes_like_the_rest_channel(chat: ChatStack, browser):
    invited = chat.invite(sykmeldingsgrad=40)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    sent = sent_messages(page)
    link = chat.link(invited.conversation_id)

    first = open_chat(page, link)
    assert "tre spørsmål" in first and "Arbeidsgiveren din får aldri se dem" in first  # greeting and privacy notice
    assert options(page) == ["Jeg tror det er veldig sannsynlig", "Jeg er usikker", "Jeg tror det er lite sannsynlig"]
    assert page.get_by_role("complementary").get_by_text(texts.PRIVACY_TEXT).is_visible()  # beside the chat, too

    before = nav_count(page)
    page.locator("#chat-valg").get_by_role("button", name="Jeg er usikker").dblclick()  # a double click sends once
    wait_for_bot(page, before, expect="Vil du fortelle litt mer")
    assert person_bubbles(page) == ["Jeg er usikker"] and sent.count('/svar{"retur":"usikker"}') == 1
    assert options(page) == ["Nei takk"]  # the latest message's options only
    type_message(page, FOLLOW_UP, expect="samarbeidet og relasjonen")
    assert page.get_by_label(texts.INPUT_LABEL).input_value() == ""
    type_message(page, RELASJON, expect="Hvor lenge tenker du")
    if os.environ.get("UKE8_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)

    # reload halfway: the transcript comes back and the open question is asked again
    page.reload()
    idle(page)
    wait_for_bot(page, 0)
    page.wait_for_function("() => document.body.innerText.includes('Velkommen tilbake')", timeout=TURN_MS)
    idle(page)
    assert person_bubbles(page) == ["Jeg er usikker", FOLLOW_UP, RELASJON]
    assert options(page) == ["Under 26 uker totalt (6 måneder)", "Over 26 uker totalt (6 måneder)", "Vet ikke / usikker"]

    text = click_option(page, "Over 26 uker totalt (6 måneder)")
    if "Vil du fortelle litt mer" in text:
        text = click_option(page, "Nei takk")
    assert "Hvordan vil du helst at vi snakker sammen" in text  # kartlegging: the outcome, then the meeting
    assert "55 55 33 33" in text
    click_option(page, "Telefon", expect="dager og tidspunkter")
    type_message(page, MEETING_TIME, expect="tar kontakt")
    assert options(page) == []
    assert not csp_errors, csp_errors
    context.close()

    assert sent[0] == "/start" and sent.count("/start") == 2  # on opening, and on resuming after the reload
    assert '/svar{"retur":"usikker"}' in sent and FOLLOW_UP in sent and RELASJON in sent

    # the same messages through Rasa's REST channel, for a case with the same facts
    twin = chat.invite(sykmeldingsgrad=40)
    for message in sent:
        assert chat.rest(twin.conversation_id, message), message
    by_browser, by_rest = outcome(chat.case(invited.case_id)), outcome(chat.case(twin.case_id))
    assert by_browser == by_rest
    assert by_browser["classification"] == "kartlegging"
    assert by_browser["reasons"] == ["retur_usikker_eller_lite_sannsynlig"]
    assert by_browser["assessment_answers"] == {"retur": "usikker", "relasjon": "verken_eller", "varighet": "over_26_uker",
                                                "varighet_usikker_grunn": None}
    assert by_browser["meeting_preferences"] == {"modes": ["telefon"], "times": MEETING_TIME}
    assert [t["text"] for t in by_browser["free_texts"]] == [FOLLOW_UP]
    assert {a[4] for a in by_browser["answers"]} == {"chat"}


def test_keyboard_only_focus_follows_the_conversation_and_avslutt_opts_out(chat: ChatStack, browser):
    invited = chat.invite()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    open_chat(page, chat.link(invited.conversation_id))

    def focused() -> dict:
        return page.evaluate("() => ({id: document.activeElement.id, cls: document.activeElement.className,"
                             " text: document.activeElement.innerText || ''})")

    def tab_to(predicate, key="Tab", limit=25) -> dict:
        for _ in range(limit):
            page.keyboard.press(key)
            now = focused()
            if predicate(now):
                return now
        raise AssertionError(f"never reached by {key}: last focus {focused()}")

    # from the top of the page, Tab reaches the options; Enter answers
    tab_to(lambda f: "chat-reply" in f["cls"])
    assert focused()["text"].strip() == "Jeg tror det er veldig sannsynlig"
    before = nav_count(page)
    page.keyboard.press("Enter")
    wait_for_bot(page, before, expect="samarbeidet og relasjonen")
    # new bot messages are in the polite live region (announced), the person's too
    log = page.get_by_role("log", name=texts.LOG_LABEL)
    assert log.get_attribute("aria-live") == "polite" and "samarbeidet og relasjonen" in log.inner_text()
    # after the bot's answer the focus is on its first option
    assert "chat-reply" in focused()["cls"] and focused()["text"].strip() == "Jeg opplever samarbeidet vårt som godt"
    # on to the text field, type, Enter sends
    tab_to(lambda f: f["id"] == "chat-melding")
    before = nav_count(page)
    page.keyboard.type("vi har hatt en del uenigheter i det siste, så det er ikke så lett")
    page.keyboard.press("Enter")
    wait_for_bot(page, before, expect="Hvor lenge tenker du")
    assert "chat-reply" in focused()["cls"]

    # Avslutt: a confirm step; Escape keeps the conversation and gives the focus back
    tab_to(lambda f: f["id"] == "chat-avslutt", key="Shift+Tab")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=texts.END_HEADING)
    assert dialog.is_visible() and focused()["id"] == "avslutt-nei"
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.id === 'chat-avslutt'")
    assert not dialog.is_visible()
    assert chat.case(invited.case_id)["opted_out"] is False
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert focused()["id"] == "avslutt-ja"
    before = nav_count(page)
    page.keyboard.press("Enter")
    wait_for_bot(page, before, expect="sender deg ikke flere meldinger")
    assert person_bubbles(page)[-1] == texts.END_MESSAGE
    assert page.locator("#chat-avslutt").is_hidden()
    case = chat.case(invited.case_id)
    assert case["opted_out"] is True and case["status"] == "reservert"
    assert {a["slot"]: a["code"] for a in case["answers"]} == {"retur": "veldig_sannsynlig", "relasjon": "vanskelig"}
    context.close()


def test_a_phone_sized_screen_and_an_over_long_message(chat: ChatStack, browser):
    invited = chat.invite()
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nb-NO")
    page = context.new_page()
    open_chat(page, chat.link(invited.conversation_id))

    def fits() -> None:
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == PHONE["width"], width  # no horizontal scrolling

    fits()
    field = page.get_by_label(texts.INPUT_LABEL)
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["width"] > 250
    for button in page.locator("#chat-valg button").all():
        b = button.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] and b["height"] >= 24  # target size
    before = nav_count(page)
    page.locator("#chat-valg").get_by_role("button", name="Jeg tror det er veldig sannsynlig").tap()
    wait_for_bot(page, before, expect="samarbeidet og relasjonen")
    fits()

    # over the limit: the counter says so, Send refuses with a message, nothing is cut or sent
    long_text = "Det er litt vanskelig å forklare, " * 8  # 272 characters
    field.fill(long_text)
    counter = page.locator("#chat-teller")
    assert counter.inner_text() == texts.COUNTER_OVER.format(n=len(long_text), max=200, over=len(long_text) - 200)
    assert "aksel-textarea__counter--error" in counter.get_attribute("class")
    assert "chat-teller" in field.get_attribute("aria-describedby")
    page.get_by_role("button", name=texts.SEND, exact=True).tap()
    assert page.get_by_role("alert").filter(has_text="Meldingen er for lang").is_visible()
    assert field.input_value() == long_text and field.get_attribute("aria-invalid") == "true"
    assert person_bubbles(page) == ["Jeg tror det er veldig sannsynlig"]
    field.fill("Vi har et godt samarbeid")
    assert counter.inner_text() == texts.COUNTER.format(n=24, max=200)
    before = nav_count(page)
    page.get_by_role("button", name=texts.SEND, exact=True).tap()
    wait_for_bot(page, before)
    idle(page)
    fits()
    if os.environ.get("UKE8_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => document.getElementById('chat-skjema').scrollIntoView({block: 'end'})")
        page.screenshot(path=str(SHOTS / "chat-mobile.png"))
    assert chat.case(invited.case_id)["answers"][0]["code"] == "veldig_sannsynlig"
    context.close()


def test_an_expired_link_is_refused_kindly(chat: ChatStack, browser):
    invited = chat.invite()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    response = page.goto(chat.link(invited.conversation_id, valid_days=-1))
    assert response.status == 410
    assert page.get_by_role("heading", name=texts.LINK_EXPIRED_TITLE).is_visible()
    assert page.get_by_text("55 55 33 33").first.is_visible()
    assert page.locator("#chat").count() == 0
    assert chat.case(invited.case_id)["invitation"]["conversation_id"] == invited.conversation_id
    assert chat.case(invited.case_id)["answers"] == []
    context.close()


def test_no_serious_accessibility_violations(chat: ChatStack, browser):
    invited = chat.invite()
    found = {}
    for name, viewport in (("skrivebord", {"width": 1280, "height": 900}), ("telefon", PHONE)):
        # axe is injected as a script: this context only lets it past the page's CSP
        context = browser.new_context(viewport=viewport, bypass_csp=True, locale="nb-NO")
        page = context.new_page()
        open_chat(page, chat.link(invited.conversation_id), expect=None)
        if name == "skrivebord":
            found["samtale start"] = axe_violations(page)
            click_option(page, "Jeg tror det er veldig sannsynlig", expect="samarbeidet")
            found["midt i samtalen"] = axe_violations(page)
            page.get_by_label(texts.INPUT_LABEL).fill("x" * 201)
            page.get_by_role("button", name=texts.SEND, exact=True).click()
            found["for lang melding"] = axe_violations(page)
            page.get_by_role("button", name=texts.END_BUTTON).click()
            # Aksel's modal fades in: check it as it stands once shown
            page.evaluate("() => Promise.all(document.getElementById('chat-avslutt-dialog').getAnimations().map(a => a.finished))")
            found["avslutt-dialog"] = axe_violations(page)
            page.get_by_role("button", name=texts.END_CANCEL).click()
            page.goto(chat.link(invited.conversation_id, valid_days=-1))
            found["utløpt lenke"] = axe_violations(page)
        else:
            found["telefon"] = axe_violations(page)
        context.close()
    assert found == {name: [] for name in found}, found
