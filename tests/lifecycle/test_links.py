"""Signed, expiring links to the chat page."""
from __future__ import annotations

import base64
import json
from datetime import date

import pytest

from uke8.lifecycle.links import LinkError, make_link, make_token, verify_link
from uke8.settings import get_settings

EXPIRES = date(2026, 12, 21)


def test_a_valid_link_opens_its_conversation_through_its_last_day(monkeypatch):
    monkeypatch.setenv("UKE8_PUBLIC_URL", "https://uke8.example.no/")
    get_settings.cache_clear()
    link = make_link("k-abc_DEF-123", EXPIRES)
    assert link.startswith("https://uke8.example.no/chat?t=v1.")
    assert verify_link(link, today=date(2026, 11, 23)) == "k-abc_DEF-123"
    assert verify_link(link, today=EXPIRES) == "k-abc_DEF-123"
    token = link.split("t=", 1)[1]
    assert verify_link(token, today=EXPIRES) == "k-abc_DEF-123"


def test_an_expired_link_says_so():
    token = make_token("k-1", EXPIRES)
    with pytest.raises(LinkError) as exc:
        verify_link(token, today=date(2026, 12, 22))
    assert exc.value.reason == "expired"


def _swap_payload(token: str, **changes) -> str:
    version, body, mac = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"{version}.{forged}.{mac}"


@pytest.mark.parametrize("changes", [{"c": "k-someone-else"}, {"e": "2027-12-31"}])
def test_a_tampered_link_is_refused(changes):
    token = make_token("k-1", EXPIRES)
    with pytest.raises(LinkError) as exc:
        verify_link(_swap_payload(token, **changes), today=date(2026, 11, 23))
    assert exc.value.reason == "bad_signature"


def test_a_changed_signature_or_another_secret_is_refused(monkeypatch):
    token = make_token("k-1", EXPIRES)
    version, body, mac = token.split(".")
    flipped = ("A" if mac[0] != "A" else "B") + mac[1:]
    with pytest.raises(LinkError) as exc:
        verify_link(f"{version}.{body}.{flipped}", today=date(2026, 11, 23))
    assert exc.value.reason == "bad_signature"
    monkeypatch.setenv("UKE8_LINK_SECRET", "another-secret")
    get_settings.cache_clear()
    with pytest.raises(LinkError) as exc:
        verify_link(token, today=date(2026, 11, 23))
    assert exc.value.reason == "bad_signature"


@pytest.mark.parametrize("junk", ["", "v1", "v1.abc", "v2.a.b", "https://x/chat?t=", "https://x/chat?q=1", "v1.a.b.c", "v1.!!.??"])
def test_malformed_links_are_refused(junk):
    with pytest.raises(LinkError) as exc:
        verify_link(junk, today=date(2026, 11, 23))
    assert exc.value.reason in ("malformed", "bad_signature")


def test_the_development_key_is_generated_once_and_kept_private(monkeypatch, tmp_path):
    monkeypatch.setenv("UKE8_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("UKE8_LINK_SECRET", raising=False)
    get_settings.cache_clear()
    token = make_token("k-1", EXPIRES)
    key_file = tmp_path / "link.key"
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    assert verify_link(token, today=date(2026, 11, 23)) == "k-1"  # the same key is read back
