"""PRODUCT.md §1: the assistant is NAV's automatic service asking on behalf of the veileder; no
text the person reads says or implies that it is the veileder or any other person."""
from __future__ import annotations

import re
from datetime import date

import yaml

from uke8.sms import texts as sms_texts
from uke8.dev.stack import PROJECT_ROOT
from uke8.triage import after_questions, chat_texts, messages, notices

# Phrases that make the bot a person: "I am your veileder", "the veileder is typing", a name.
CLAIMS = re.compile(
    r"jeg er (din )?veileder|jeg er veilederen|jeg er en veileder|veilederen (din )?skriver|"
    r"jeg heter|jeg jobber (i|på|hos) nav|din veileder her|hilsen (din )?veileder",
    re.IGNORECASE,
)


def _strings(module) -> list[str]:
    out: list[str] = []
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            out += [v for v in value.values() if isinstance(v, str)]
    return out


def every_person_facing_text() -> dict[str, str]:
    day = date(2026, 12, 14)
    found: dict[str, str] = {}
    for module in (messages, chat_texts, sms_texts, after_questions):
        for i, text in enumerate(_strings(module)):
            found[f"{module.__name__}:{i}"] = text
    for fn in (notices.sms_opening, notices.reminder_sms, notices.tailored_greeting_sms, notices.tailored_greeting_chat,
               notices.ask_again_sms, notices.minside_task_again):
        found[f"notices.{fn.__name__}"] = fn()
    for fn in (notices.invitation_chat, notices.reminder_chat, notices.ask_again_chat):
        found[f"notices.{fn.__name__}"] = fn(day)
    for i, text in enumerate(after_questions.every_reply()):
        found[f"after_questions.reply:{i}"] = text
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            found[f"domain:{name}"] = variant.get("text") or ""
    page = (PROJECT_ROOT / "api/chat/templates/chat.html").read_text(encoding="utf-8")
    found["chat.html"] = page
    found["chat.js"] = (PROJECT_ROOT / "api/chat/static/chat.js").read_text(encoding="utf-8")
    return found


TEXTS = every_person_facing_text()


def test_the_scan_sees_the_texts_that_matter():
    assert len(TEXTS) > 100
    assert any(t == messages.GREETING for t in TEXTS.values())
    assert "domain:utter_hvorfor" in TEXTS and "notices.sms_opening" in TEXTS


def test_no_text_says_the_bot_is_a_veileder_or_a_person():
    offenders = {name: m.group(0) for name, text in TEXTS.items() if (m := CLAIMS.search(text))}
    assert offenders == {}


def test_the_scan_catches_the_pilots_greeting():
    assert CLAIMS.search("Jeg er din veileder i NAV. Jeg skriver til deg …")
    assert CLAIMS.search("Veilederen skriver …") and CLAIMS.search("Hei, jeg heter Kari")


def test_the_greeting_says_it_is_navs_automatic_service_and_the_veileder_reads():
    assert messages.GREETING == (
        "Hei! Dette er en automatisk tjeneste fra NAV. Veilederen din vil gjerne bli bedre kjent med "
        "situasjonen din, og samarbeide med deg hvis du trenger oppfølging nå som du er sykmeldt. "
        "Har du mulighet til å svare på tre spørsmål? Veilederen din leser svarene."
    )
    for text in (sms_texts.GREETING_SMS, messages.REPLIES["hvorfor"], sms_texts.REPLIES_SMS["hvorfor"]):
        assert "automatisk tjeneste fra NAV" in text and "Veilederen din" in text.replace("veilederen din", "Veilederen din")


def test_the_first_sms_says_an_automatic_service_asks():
    opening = notices.sms_opening()
    assert opening.startswith("Hei, dette er NAV.") and "automatiske tjeneste" in opening


def test_the_chat_page_labels_the_bot_as_navs_automatic_service():
    assert chat_texts.TYPING == "NAV svarer …" and "veileder" not in chat_texts.TYPING.lower()
    assert "automatisk" in chat_texts.SPEAKER_NAV_LABEL and "veileder" not in chat_texts.SPEAKER_NAV_LABEL.lower()
    assert "veileder" not in chat_texts.WIDGET_TITLE.lower()
    assert "automatisk tjeneste" in chat_texts.INTRO
    assert "data-speaker-nav-label" in TEXTS["chat.html"] and "speakerNavLabel" in TEXTS["chat.js"]
