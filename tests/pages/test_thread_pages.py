"""The case page's thread and "who the person is" over HTTP (api/pages/routes/thread.py): the
queue's "Ny melding", reading marks read (audited), the write form with a meeting proposal, its
refusals and double submission, the meeting's status, and the reveal buttons.

The cases are seeded on today's calendar (tests/pages/conftest.py), so the times proposed here
are read from the same wall clock."""
from __future__ import annotations

import html
from datetime import timedelta

from sqlalchemy import select

from tests.pages.conftest import ADMIN, KARTLEGGING, login, make_veileder, seed_case
from uke8.clock import OSLO, utc_now
from uke8.store.models import Invitation
from uke8.thread import meetings, messages
from uke8.thread.texts import slot_label


def audit(client, case_id: str) -> list[dict]:
    return client.get(f"/api/v1/cases/{case_id}/audit", headers=ADMIN).json()["entries"]


def _conversation(db, case_id: str) -> str:
    with db.read() as s:
        return s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))


def _local(days: int, hour: int = 10) -> str:
    """A datetime-local value `days` ahead, as the browser sends it (Oslo time, no offset)."""
    return (utc_now().astimezone(OSLO) + timedelta(days=days)).replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_a_message_from_the_person_raises_the_case_until_the_page_is_opened(client, db):
    make_veileder(client, "Z710001", "7101")
    case = seed_case(db, "7101", KARTLEGGING)
    with db.write() as s:
        messages.record_from_person(s, _conversation(db, case.case_id), "Kan vi snakke på fredag?")
    login(client, "Z710001")
    queue = client.get("/oversikt").text
    assert "Ny melding (1)" in queue and "1 sak med ny melding fra personen" in queue
    assert case.case_id in client.get("/oversikt?vis=ny_melding").text

    page = html.unescape(client.get(f"/saker/{case.case_id}").text)
    assert "Meldinger med personen" in page and "Kan vi snakke på fredag?" in page
    assert "1 ny melding fra personen" in page
    read = [e for e in audit(client, case.case_id) if e["action"] == "thread.read"]
    assert read and read[-1]["actor"] == "Z710001" and read[-1]["detail"]["unread_before"] == 1
    assert "Ny melding (" not in client.get("/oversikt").text
    assert "1 ny melding fra personen" not in html.unescape(client.get(f"/saker/{case.case_id}").text)


def test_the_veileder_writes_with_a_meeting_once_and_sees_its_status(client, db):
    make_veileder(client, "Z710002", "7102")
    case = seed_case(db, "7102", KARTLEGGING)
    csrf = login(client, "Z710002")
    page = html.unescape(client.get(f"/saker/{case.case_id}").text)
    assert "Skriv til personen" in page and 'type="datetime-local"' in page and "Foreslå tid for samtale" in page
    form = {"csrf_token": csrf, "melding": "Hei! Jeg vil gjerne snakke med deg.", "melding_nokkel": "skjema-1",
            "tid1": _local(3), "tid2": _local(4, 14), "samtaleform": "telefon"}
    r = client.post(f"/saker/{case.case_id}/melding", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=melding_sendt")
    again = client.post(f"/saker/{case.case_id}/melding", data=form, follow_redirects=False)
    assert again.headers["location"].endswith("melding=uendret")

    page = html.unescape(client.get(f"/saker/{case.case_id}").text)
    assert page.count("Hei! Jeg vil gjerne snakke med deg.") == 1 and "Veileder ·" in page
    assert "Foreslått" in page and "Foreslåtte tider" in page and "Venter på å bli sendt" in page
    with db.write() as s:
        case_row = messages.locked_case(s, case.case_id, _actor("Z710002", "7102"))
        booked = meetings.book(s, case_row, _actor("Z710002", "7102"), 1)
        at = booked.at
    page = html.unescape(client.get(f"/saker/{case.case_id}").text)
    assert "Avtalt" in page and slot_label(at) in page and "Telefon" in page
    assert "thread.veileder_message" in [e["action"] for e in audit(client, case.case_id)]


def _actor(ident: str, enhet: str):
    from uke8.cases.actors import Actor

    return Actor("veileder", ident, frozenset({enhet}), via="page")


def test_the_write_form_says_what_is_wrong_and_stores_nothing(client, db):
    make_veileder(client, "Z710003", "7103")
    case = seed_case(db, "7103", KARTLEGGING)
    csrf = login(client, "Z710003")
    base = {"csrf_token": csrf, "melding_nokkel": "k"}
    cases = [({"melding": " "}, "Skriv en melding"),
             ({"melding": "Hei", "tid1": _local(-2), "samtaleform": "kontor"}, "fram i tid"),
             ({"melding": "Hei", "tid1": _local(2)}, "Velg hvordan samtalen skal foregå"),
             ({"melding": "Hei", "tid1": "i morgen", "samtaleform": "video"}, "dato og klokkeslett"),
             ({"melding": "Hei", "tid1": _local(2), "tid2": _local(2), "samtaleform": "video"}, "to ganger")]
    for fields, words in cases:
        r = client.post(f"/saker/{case.case_id}/melding", data=base | fields)
        assert r.status_code == 422 and words in html.unescape(r.text), (fields, r.status_code)
    with db.read() as s:
        assert messages.thread(s, case.case_id) == []


def test_a_person_reserved_against_digital_contact_gets_no_form_but_what_to_do(client, db):
    make_veileder(client, "Z710004", "7104")
    case = seed_case(db, "7104", KARTLEGGING)
    client.post("/api/v1/cases", json=_reserved_body(db, case), headers=ADMIN)
    login(client, "Z710004")
    page = html.unescape(client.get(f"/saker/{case.case_id}").text)
    assert "reservert mot digital kontakt" in page and "Ta kontakt på annen måte" in page
    assert 'action="/saker/' + case.case_id + '/melding' not in page


def _reserved_body(db, case) -> dict:
    from uke8.store.models import Case

    with db.read() as s:
        row = s.get(Case, case.case_id)
        return {"external_id": case.external_id, "fnr": case.fnr, "enhet": row.enhet, "start_date": row.start_date.isoformat(),
                "sykmeldingsgrad": row.sykmeldingsgrad, "fodselsdato": row.fodselsdato.isoformat(), "channel": row.channel,
                "reservert_digital": True}


def test_reveal_shows_the_value_only_in_its_answer_audited_with_its_purpose(client, db):
    make_veileder(client, "Z710005", "7105")
    make_veileder(client, "Z710006", "7106")
    case = seed_case(db, "7105", KARTLEGGING, channel="sms")
    csrf = login(client, "Z710005")
    page = client.get(f"/saker/{case.case_id}").text
    assert "Vis fødselsnummer" in page and "Vis telefonnummer" in page and case.fnr not in page
    r = client.post(f"/saker/{case.case_id}/vis", data={"csrf_token": csrf, "hva": "fnr", "formal": "ringe for å avtale samtale"})
    assert r.status_code == 200 and case.fnr in r.text and r.headers["cache-control"] == "no-store"
    r = client.post(f"/saker/{case.case_id}/vis", data={"csrf_token": csrf, "hva": "telefon", "formal": "ringe"})
    assert r.status_code == 200 and case.mobil in r.text
    assert case.fnr not in client.get(f"/saker/{case.case_id}").text
    assert case.fnr not in client.get("/oversikt").text and case.mobil not in client.get("/oversikt").text
    missing = client.post(f"/saker/{case.case_id}/vis", data={"csrf_token": csrf, "hva": "fnr", "formal": " "})
    assert missing.status_code == 422 and case.fnr not in missing.text and "Skriv kort hvorfor" in html.unescape(missing.text)
    rows = [e for e in audit(client, case.case_id) if e["action"] == "case.reveal"]
    assert [(e["detail"]["what"], e["detail"]["purpose"]) for e in rows] == [("fnr", "ringe for å avtale samtale"),
                                                                              ("telefon", "ringe")]
    assert case.fnr not in str(audit(client, case.case_id))

    client.post("/logg-ut", data={"csrf_token": csrf})
    other = login(client, "Z710006")
    r = client.post(f"/saker/{case.case_id}/vis", data={"csrf_token": other, "hva": "fnr", "formal": "ringe"})
    assert r.status_code == 404 and case.fnr not in r.text
