"""The fixed texts the person reads (uke8/triage/messages.py), checked against PRODUCT.md §1, §3
and §4; split from test_catalogue.py."""

from __future__ import annotations

import re

import pytest

from uke8 import triage
from uke8.triage import catalogue, messages
from uke8.triage.catalogue import QUESTIONS

# PRODUCT.md §1's questions, copied by hand once, in test_catalogue.py
from tests.unit.test_catalogue import SLOTS, SPEC_QUESTIONS, VALUES

# Words that would turn a voluntary question into pressure, or office jargon the pilot dropped.
FORBIDDEN = re.compile(
    r"forhåndsvarsel|miste\s+sykepeng|stans|plikt|må\s+svare|sanksjon|aktivitetskrav",
    re.IGNORECASE,
)


# --- fixed texts (messages.py) ----------------------------------------------------------

# PRODUCT.md §1's example: NAV's automatic service, asking on behalf of the veileder.
SPEC_GREETING = (
    "Hei! Dette er en automatisk tjeneste fra NAV. Veilederen din vil gjerne bli bedre kjent med "
    "situasjonen din, og samarbeide med deg hvis du trenger oppfølging nå som du er sykmeldt. "
    "Har du mulighet til å svare på tre spørsmål? Veilederen din leser svarene."
)


def test_greeting_verbatim():
    assert messages.GREETING == SPEC_GREETING


def test_follow_up_prompt_verbatim():
    assert messages.FOLLOW_UP_PROMPT == (
        "Vil du fortelle litt mer? Du trenger ikke å skrive noe om helsen din."
    )


def test_contact_info():
    assert "nav.no/skriv-til-oss" in messages.CONTACT_INFO
    assert "55 55 33 33" in messages.CONTACT_INFO


def test_privacy_notice_covers_section_4():
    text = messages.PRIVACY_NOTICE
    assert "veilederen din i NAV" in text
    assert "Arbeidsgiveren din får aldri se" in text
    assert "12 måneder" in text
    assert "sletter" in text
    assert "frivillig" in text
    assert "«Jeg vil ikke at dere lagrer dette»" in text
    assert "trenger ikke å skrive noe om helsen din" in text


def test_tailored_greeting():
    text = messages.TAILORED_GREETING
    assert "ta kontakt hvis du ønsker en samtale" in text.lower()
    assert messages.CONTACT_INFO in text
    # No questions in a tailored greeting, and nothing that hints at age or diagnosis (SMS).
    assert "?" not in text
    for question in QUESTIONS.values():
        assert question.text not in text
    assert not re.search(r"diagnose|alder|år gammel|pensjon|alvorlig", text, re.IGNORECASE)


def test_meeting_modes():
    assert messages.MEETING_MODES == (
        ("nav_kontor", "På NAV-kontoret"),
        ("video", "Video"),
        ("telefon", "Telefon"),
        ("arbeidsplassen", "På arbeidsplassen"),
    )
    assert messages.MEETING_PROMPT.endswith("?")
    assert "dager" in messages.MEETING_TIME_PROMPT
    assert "tidspunkt" in messages.MEETING_TIME_PROMPT


@pytest.mark.parametrize(
    ("slot", "code"), [(slot, code) for slot in SLOTS for code in VALUES[slot]]
)
def test_confirmation_question_for_every_code(slot, code):
    text = messages.confirmation_question(slot, code)
    assert text.startswith("Forstår jeg deg riktig at ")
    assert text.endswith("?")


def test_confirmation_question_unknown():
    with pytest.raises(ValueError):
        messages.confirmation_question("retur", "god")


def _all_fixed_texts():
    texts = [v for k, v in vars(messages).items() if k.isupper() and isinstance(v, str)]
    texts += [label for _, label in messages.MEETING_MODES]
    for question in QUESTIONS.values():
        texts.append(question.text)
        texts += [question.label_for(code) for code in question.codes]
    return texts


def test_no_text_pressures_or_threatens():
    texts = _all_fixed_texts()
    assert len(texts) > 20
    for text in texts:
        assert not FORBIDDEN.search(text), text


def test_texts_are_bokmal_not_escaped():
    # Plain Norwegian letters, not "ae/oe/aa" stand-ins or mojibake.
    for text in _all_fixed_texts():
        assert "Ã" not in text and "\\u" not in text


# --- public API -------------------------------------------------------------------------


def test_package_reexports_the_contract():
    for name in (
        "CATALOGUE_VERSION", "Option", "Question", "QUESTIONS", "QUESTION_ORDER",
        "question_by_slot", "next_question", "is_complete", "snapshot", "button_payload",
        "parse_button_payload", "GREETING", "PRIVACY_NOTICE", "CONTACT_INFO",
        "FOLLOW_UP_PROMPT", "outcome_message", "TAILORED_GREETING", "MEETING_MODES",
        "MEETING_PROMPT", "MEETING_TIME_PROMPT", "ScreeningResult", "CaseFacts", "Screening",
        "screen", "RULE_VERSION", "Classification", "Answers", "Assessment", "classify",
        "REASON_TEXTS", "FNR_PATTERN", "birth_date_from_fnr", "age_on", "mask_fnr",
        "mask_phone",
    ):
        assert hasattr(triage, name), name
        assert name in triage.__all__, name
    assert triage.next_question is catalogue.next_question


def test_domain_package_is_pure():
    import pathlib

    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in pathlib.Path(catalogue.__file__).parent.glob("*.py")
    )
    for banned in ("rasa", "fastapi", "sqlalchemy", "pydantic", "requests", "httpx", "os"):
        assert not re.search(rf"^\s*(import|from)\s+{banned}\b", source, re.M), banned
    assert "open(" not in source
