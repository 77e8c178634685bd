"""Masking identifiers and redacting health details before anything is stored."""
from __future__ import annotations

import pytest

from uke8.privacy import MAX_STORED_TEXT, REDACTED, mask_identifiers, redact_health, safe_to_store


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Jeg har fått påvist diabetes og bruker insulin", ["diabetes", "insulin"]),
        ("Venter på en skulderoperasjon i mars", ["skulderoperasjon"]),
        ("eg har hatt vondt i nakken sidan jul", ["vondt", "nakken"]),
        ("tar cipralex for nervene", ["cipralex"]),
        ("Er til behandling på DPS hver uke", ["behandling", "DPS"]),
        ("har depresjn og sover lite", ["depresjn"]),  # a typo is still a diagnosis
        ("Legen mistenker ME", ["ME"]),
        ("ryggsmertene gjør at jeg ikke kan løfte", ["ryggsmertene"]),
    ],
)
def test_health_details_are_redacted(text, gone):
    result = redact_health(text)
    assert result.changed and REDACTED in result.text
    for word in gone:
        assert word not in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Sjefen min svarer ikke på meldinger",
        "Vi er uenige om turnusen og lønna",
        "me har det travelt på jobb",  # nynorsk "me" (we) is not the diagnosis ME
        "Behandlingen av søknaden min tok lang tid",
        "Jeg jobber på sykehuset som portør",
        "Det passer best på tirsdager etter klokka ti",
        "økonomien er vanskelig etter at jeg ble sykmeldt",
        "For eksempel kunne jeg jobbet kortere dager",  # "eksem" is a diagnosis, "eksempel" is not
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact_health(text).text == text


def test_identifiers_are_masked():
    masked = mask_identifiers("fnr 01810012345, ring 40 00 00 00 eller +4700011122")
    assert "01810012345" not in masked and "40 00 00 00" not in masked and "+4700011122" not in masked
    assert masked.count("[fnr fjernet]") == 1 and masked.count("[nummer fjernet]") == 2
    assert mask_identifiers("vi har 12 ansatte") == "vi har 12 ansatte"


@pytest.mark.parametrize("number", ["55 55 33 33", "55553333", "+47 55 55 33 33", "0047 55553333"])
def test_navs_public_number_is_kept(number):
    # A veileder's "ring oss på 55 55 33 33" must reach the person; it identifies nobody.
    assert mask_identifiers(f"ring oss på {number} i dag") == f"ring oss på {number} i dag"
    assert mask_identifiers("ring 55 55 33 34") == "ring [nummer fjernet]"


def test_safe_to_store_caps_and_skips_empty():
    assert safe_to_store("   ") is None and safe_to_store(None) is None
    long = safe_to_store("sjefen " * 100)
    assert len(long.text) <= MAX_STORED_TEXT
