"""Bad input (issue 12 §3): body limits before authentication and parsing (api/limits.py), and
bounded paging parameters and list fields answered with 422, never 500.

The body limits are checked in process and on a real uvicorn server (raw sockets), since only
a real server shows that a declared length is refused without waiting for the body and that a
chunked body is counted as it arrives.
"""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.limits import KIB
from api.schemas import MAX_GRADE_CHANGES, MAX_OFFSET
from tests.conftest import ADMIN_TOKEN
from tests.factories import case_body
from uke8.cases.status import Status
from uke8.dev.stack import free_port
from uke8.store.models import AuditEntry, Case
from uke8.triage import chat_texts

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
TWELVE_MB = 12 * 1024 * 1024


@pytest.fixture
def client() -> TestClient:
    from api.main import create_app

    # a 500 is an answer here, not an exception: the tests assert what the caller gets
    return TestClient(create_app(), raise_server_exceptions=False, client=("127.0.0.1", 50000))


def audit_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def case_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Case))


def json_of_size(size: int) -> bytes:
    """A case body padded with whitespace to exactly `size` bytes (still valid JSON)."""
    body = json.dumps(case_body()).encode()
    return body[:-1] + b" " * (size - len(body)) + b"}"


# -- 1. bodies: refused with 413 before authentication and parsing ------------------------


def test_an_oversized_anonymous_body_is_413_before_authentication(client, db):
    before = audit_rows(db), case_count(db)
    r = client.post("/api/v1/cases", content=b'{"external_id": "' + b"x" * TWELVE_MB + b'"}',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert "64 KiB" in r.json()["message"]
    assert r.headers["connection"] == "close"
    # authentication never ran (it audits every anonymous refusal), and nothing was written
    assert (audit_rows(db), case_count(db)) == before


@pytest.mark.parametrize(
    "path, limit, content_type",
    [
        ("/api/v1/cases", 64 * KIB, "application/json"),
        ("/api/v1/veiledere", 64 * KIB, "application/json"),
        ("/api/v1/chat/messages", 4 * KIB, "application/json"),
        ("/api/v1/sms/inbound", 32 * KIB, "application/x-www-form-urlencoded"),
        ("/logg-inn/utvikling", 32 * KIB, "application/x-www-form-urlencoded"),
        ("/saker/00000000-0000-4000-8000-000000000000/notat", 32 * KIB, "application/x-www-form-urlencoded"),
    ],
)
def test_each_route_refuses_one_byte_over_its_limit(client, db, path, limit, content_type):
    before = audit_rows(db)
    r = client.post(path, content=b"a" * (limit + 1), headers={"Content-Type": content_type}, follow_redirects=False)
    assert r.status_code == 413
    if path.startswith("/api/v1/chat/"):
        assert r.json() == {"message": chat_texts.TOO_LONG, "reason": "too_large"}
    elif path.startswith("/api/"):
        assert "at most" in r.json()["message"]
    else:
        assert r.headers["content-type"].startswith("text/html")
        assert "Skjemaet er for stort" in r.text and r.headers["content-security-policy"]
    assert audit_rows(db) == before
    # At the limit the route itself answers (here: the body is not what it wants, or no token).
    at_limit = client.post(path, content=b"a" * limit, headers={"Content-Type": content_type}, follow_redirects=False)
    assert at_limit.status_code != 413


def test_a_body_just_within_the_limit_reaches_the_route_whole(client, db):
    body = json_of_size(64 * KIB)
    r = client.post("/api/v1/cases", content=body, headers=ADMIN | {"Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    assert r.json()["external_id"] == json.loads(body)["external_id"]


def test_an_invalid_content_length_is_400(client):
    r = client.post("/api/v1/cases", content=b"{}", headers={"Content-Type": "application/json", "Content-Length": "-1"})
    assert r.status_code == 400


# On a real server: uvicorn in a thread, spoken to over a socket.


@pytest.fixture
def server() -> Iterator[tuple[str, int]]:
    from api.main import create_app

    port = free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield "127.0.0.1", port
    srv.should_exit = True
    thread.join(timeout=10)


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?i)content-length: *(\d+)", head)
    while length and len(rest) < int(length.group(1)):
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, rest


def request_head(path: str, *headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_declared_length_over_the_limit_is_refused_without_waiting_for_the_body(server):
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(request_head("/api/v1/cases", f"Content-Length: {TWELVE_MB}"))
        # Not one byte of the body is sent: the answer must come from the headers alone.
        status, body = read_response(sock)
    assert status == 413
    assert "at most 64 KiB" in json.loads(body)["message"]


def chunked(data: bytes, size: int = 8 * KIB) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def test_a_chunked_body_is_counted_as_it_arrives(server, db):
    before = audit_rows(db)
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(request_head("/api/v1/cases", "Transfer-Encoding: chunked"))
        try:
            sock.sendall(chunked(b"x" * (256 * KIB)))
        except OSError:
            pass  # the server may close as soon as the limit is passed
        status, body = read_response(sock)
    assert status == 413
    assert audit_rows(db) == before  # refused before authentication (which audits)


def test_a_chunked_body_within_the_limit_is_handed_on_whole(server):
    body = json.dumps(case_body()).encode()
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(request_head("/api/v1/cases", "Transfer-Encoding: chunked", f"Authorization: Bearer {ADMIN_TOKEN}"))
        sock.sendall(chunked(body, size=16))
        status, answer = read_response(sock)
    assert status == 201, answer
    assert json.loads(answer)["external_id"] == json.loads(body)["external_id"]


# -- 2. paging parameters and list fields: bounded, 422 ----------------------------------


HUGE = "100000000000000000000000"


@pytest.mark.parametrize(
    "query, field",
    [
        (f"offset={HUGE}", "offset"),
        (f"offset={MAX_OFFSET + 1}", "offset"),
        ("offset=-1", "offset"),
        (f"limit={HUGE}", "limit"),
        ("limit=0", "limit"),
        ("limit=1e3", "limit"),
        ("&".join(["status=invitert"] * (len(Status) + 1)), "status"),
    ],
)
def test_queue_paging_out_of_bounds_is_422_with_a_readable_message(client, query, field):
    r = client.get(f"/api/v1/queue?{query}", headers=ADMIN)
    assert r.status_code == 422, r.text
    message = r.json()["message"]
    assert message.startswith(field + ":")
    assert HUGE not in r.text and "1e3" not in r.text  # the refused value is not repeated


def test_queue_at_its_last_offset_answers_an_empty_page(client):
    r = client.get(f"/api/v1/queue?offset={MAX_OFFSET}&limit=500", headers=ADMIN)
    assert r.status_code == 200
    assert r.json()["items"] == [] and r.json()["offset"] == MAX_OFFSET


@pytest.mark.parametrize("query", [f"offset={HUGE}", "offset=-1", f"limit={HUGE}", "limit=1001"])
def test_outbox_paging_out_of_bounds_is_422(client, query):
    r = client.get(f"/api/v1/outbox?{query}", headers=ADMIN)
    assert r.status_code == 422
    assert HUGE not in r.text


def test_too_many_grade_changes_are_422_and_nothing_is_stored(client, db):
    before = case_count(db)
    changes = [{"valid_from": f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}", "grade": 50} for i in range(MAX_GRADE_CHANGES + 1)]
    r = client.post("/api/v1/cases", json=case_body(start_date="2026-01-01", grade_changes=changes), headers=ADMIN)
    assert r.status_code == 422
    assert r.json()["message"].startswith("grade_changes:")
    assert str(MAX_GRADE_CHANGES) in r.json()["message"]
    assert case_count(db) == before


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"grade_changes": [{"valid_from": "2026-01-02", "grade": False}]}, "grade_changes.0.grade"),
        ({"sykmeldingsgrad": True}, "sykmeldingsgrad"),
        ({"sykmeldingsgrad": "100"}, "sykmeldingsgrad"),
        ({"start_date": 0}, "start_date"),
        ({"start_date": "2026-01-01T00:00:00"}, "start_date"),
        ({"gjentakende_fravaer": "ja"}, "gjentakende_fravaer"),
        ({"mobil": "+47" + "9" * 40, "channel": "sms"}, "mobil"),
    ],
)
def test_a_case_body_of_the_wrong_json_types_is_422(client, overrides, field):
    r = client.post("/api/v1/cases", json=case_body(**overrides), headers=ADMIN)
    assert r.status_code == 422, r.text
    assert r.json()["message"].startswith(field + ":")


def test_whole_numbers_written_as_floats_are_still_grades(client):
    r = client.post("/api/v1/cases", json=case_body(sykmeldingsgrad=60.0), headers=ADMIN)
    assert r.status_code == 201, r.text
    assert r.json()["sykmeldingsgrad"] == 60


@pytest.mark.parametrize("enheter, field", [(["0219", "12345"], "enheter.1"), ([f"{i:04d}" for i in range(51)], "enheter")])
def test_veileder_enheter_are_bounded_and_never_echoed(client, enheter, field):
    r = client.post("/api/v1/veiledere", json={"ident": "Z990002", "enheter": enheter}, headers=ADMIN)
    assert r.status_code == 422
    assert r.json()["message"].startswith(field + ":")
    assert "12345" not in r.text and "0050" not in r.text


# The review pages: the queue's page number and the statistics' dates.


@pytest.fixture
def signed_in(client, monkeypatch) -> TestClient:
    from tests.pages.conftest import login, make_veileder
    from uke8.settings import get_settings

    monkeypatch.setenv("UKE8_DEV_LOGIN", "1")
    get_settings.cache_clear()
    make_veileder(client, "Z990003", "0219")
    login(client, "Z990003")
    return client


@pytest.mark.parametrize("side", [HUGE, "100001", "0", "-5", "²", "abc"])
def test_queue_page_number_out_of_bounds_is_422(signed_in, side):
    r = signed_in.get(f"/oversikt?side={side}")
    assert r.status_code == 422
    assert HUGE not in r.text


@pytest.mark.parametrize("query", ["til=0001-01-01", "fra=0001-01-01&til=0001-01-02", "fra=9999-12-30&til=9999-12-31"])
def test_statistics_dates_out_of_range_are_422_not_500(signed_in, query):
    r = signed_in.get(f"/statistikk?{query}")
    assert r.status_code == 422
    assert "må være en dato mellom 2000 og 2100" in r.text


@pytest.mark.parametrize("query", ["fra=20261123", "til=2026-1-3", "fra=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-11-23"])
def test_statistics_dates_are_strict_iso_dates(signed_in, query):
    r = signed_in.get(f"/statistikk?{query}")
    assert r.status_code == 422
    assert "må være en dato" in r.text


# -- text that PostgreSQL cannot store (NUL) or that has no place in an identifier -------------


@pytest.mark.parametrize("external_id", ["sf-\x00-1", "sf-\x1b[2J", "sf\n"])
def test_control_characters_in_an_identifier_are_422(client, db, external_id):
    before = case_count(db)
    r = client.post("/api/v1/cases", json=case_body(external_id=external_id), headers=ADMIN)
    assert r.status_code == 422
    assert r.json()["message"] == "external_id: must not contain control characters"
    assert case_count(db) == before


def test_a_decision_reason_with_nul_is_422_but_line_breaks_are_text(client):
    case = client.post("/api/v1/cases", json=case_body(), headers=ADMIN).json()
    r = client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "kartlegging", "reason": "a\x00b"}, headers=ADMIN)
    assert r.status_code == 422 and r.json()["message"].startswith("reason:")
    r = client.post(f"/api/v1/cases/{case['id']}/decision", json={"classification": "kartlegging", "reason": "a\nb\tc"}, headers=ADMIN)
    assert r.status_code != 422  # (409 here: the case has no proposal yet)


def test_an_outbox_case_id_with_nul_is_422(client):
    assert client.get("/api/v1/outbox?case_id=a%00b", headers=ADMIN).status_code == 422


def test_a_page_note_with_nul_is_stored_without_it(signed_in, db):
    from tests.pages.conftest import csrf_of, seed_case
    from uke8.store.models import CaseNote

    case = seed_case(db, "0219")
    csrf = csrf_of(signed_in.get(f"/saker/{case.case_id}").text)
    r = signed_in.post(f"/saker/{case.case_id}/notat", data={"csrf_token": csrf, "notat": "Ring\x00 etter kl. 10", "notat_nokkel": "nul-1"},
                       follow_redirects=False)
    assert r.status_code == 303, r.text
    with db.read() as s:
        assert s.scalars(select(CaseNote.text).where(CaseNote.case_id == case.case_id)).all() == ["Ring etter kl. 10"]


def test_a_development_sign_in_with_nul_in_the_ident_is_unknown_not_500(client, monkeypatch):
    from uke8.settings import get_settings

    from tests.pages.conftest import make_veileder

    monkeypatch.setenv("UKE8_DEV_LOGIN", "1")
    get_settings.cache_clear()
    make_veileder(client, "Z990004", "0219")  # the sign-in form lists veiledere: there is one
    page = client.get("/logg-inn")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/logg-inn/utvikling", data={"csrf_token": csrf, "ident": "Z\x00", "neste": "/oversikt"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/logg-inn?feil=ukjent"
