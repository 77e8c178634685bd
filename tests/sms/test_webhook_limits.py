"""The SMS webhook's order (issue 12 §3): the body's size first (413, api/limits.py), then the
signature header's presence and shape, and only then is the form parsed and the signature
checked. In process, against the real case store."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.factories import synthetic_mobile
from tests.sms.test_webhook import URL, TOKEN, client, form, post, refusals  # noqa: F401 - the fixture
from uke8.sms.signature import HEADER, compute_signature
from uke8.store.models import SmsInbound, SmsUnknownSender

MAX_SMS_BODY = 1600  # the longest message a Twilio-compatible gateway delivers


def stored(db) -> tuple[int, int]:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(SmsInbound)),
                s.scalar(select(func.count()).select_from(SmsUnknownSender)))


def test_an_oversized_form_is_413_before_the_signature_is_checked(client, db):
    before = len(refusals(db)), stored(db)
    data = form(synthetic_mobile(), "x" * (2 * 1024 * 1024))
    r = post(client, data)  # correctly signed: only its size is wrong
    assert r.status_code == 413
    assert "at most 32 KiB" in r.json()["message"]
    assert (len(refusals(db)), stored(db)) == before  # not audited, nothing received


def test_the_longest_real_sms_in_the_worst_encoding_is_still_taken(client, db):
    # 1,600 characters outside the BMP: 12 bytes each once percent-encoded, the most one SMS weighs
    data = form(synthetic_mobile(), "\U0001F600" * MAX_SMS_BODY)
    r = post(client, data)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")


BROKEN_MULTIPART = {"Content-Type": "multipart/form-data"}  # no boundary: parsing it fails


@pytest.mark.parametrize("signature, reason", [(None, "missing_signature"), ("x" * 5000, "bad_signature"),
                                               ("not a signature at all", "bad_signature")])
def test_a_missing_or_malformed_signature_is_refused_before_the_form_is_parsed(client, db, signature, reason):
    headers = BROKEN_MULTIPART | ({HEADER: signature} if signature is not None else {})
    before = len(refusals(db))
    r = client.post("/api/v1/sms/inbound", content=b"--x\r\nbroken", headers=headers)
    # A parsed form would have failed (400); the header alone decided.
    assert r.status_code == 403 and "signature" in r.json()["detail"]
    assert len(refusals(db)) == before + 1 and refusals(db)[-1].detail["reason"] == reason


def test_a_well_formed_signature_still_has_the_form_checked(client, db):
    data = form(synthetic_mobile())
    wrong = compute_signature("not-the-gateways-secret", URL, data)
    assert post(client, data, signature=wrong).status_code == 403
    assert post(client, data, signature=compute_signature(TOKEN, URL, data)).status_code == 200
