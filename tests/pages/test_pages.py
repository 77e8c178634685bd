"""The review pages over HTTP: sign-in, sessions, CSRF, security headers, enhet scoping with
the JSON API's 404 and audit, decisions, notes, assignment, statistics, and bad input."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.pages.conftest import ADMIN, IKKE_AKTUELL, KARTLEGGING, csrf_of, login, make_veileder, seed_case
from uke8.store.models import WebSession

PAGES = ("/oversikt", "/statistikk")


def audit(client, case_id: str) -> list[dict]:
    r = client.get(f"/api/v1/cases/{case_id}/audit", headers=ADMIN)
    assert r.status_code == 200
    return r.json()["entries"]


def test_pages_need_a_session_and_send_security_headers(client):
    for path in (*PAGES, "/saker/00000000-0000-0000-0000-000000000000"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/logg-inn?neste=")
    r = client.get("/logg-inn")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert "<script" not in r.text and "style=" not in r.text
    # the JSON API keeps its own behaviour (and /docs its CDN assets): no page CSP there
    assert "content-security-policy" not in client.get("/healthz").headers


def test_dev_login_lists_veiledere_and_sets_a_safe_cookie(client, db):
    make_veileder(client, "Z700001", "7001")
    page = client.get("/logg-inn")
    assert "Logg inn som Z700001" in page.text and "enhet 7001" in page.text
    token = csrf_of(page.text)
    r = client.post("/logg-inn/utvikling", data={"csrf_token": token, "ident": "Z700001", "neste": "https://evil.example/"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/oversikt"  # no open redirect
    cookie = [c for c in r.headers.get_list("set-cookie") if c.startswith("uke8_sesjon=")][0]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    with db.read() as session:  # only a hash of the token is stored
        assert session.get(WebSession, value) is None
    assert "Z700001" in client.get("/oversikt").text


def test_login_without_csrf_or_for_unknown_ident_is_refused(client):
    make_veileder(client, "Z700002", "7002")
    client.get("/logg-inn")
    r = client.post("/logg-inn/utvikling", data={"csrf_token": "forged", "ident": "Z700002"}, follow_redirects=False)
    assert r.status_code == 403 and "Ingenting er endret" in r.text
    token = csrf_of(client.get("/logg-inn").text)
    r = client.post("/logg-inn/utvikling", data={"csrf_token": token, "ident": "Z999999"}, follow_redirects=False)
    assert r.headers["location"] == "/logg-inn?feil=ukjent"
    assert client.get("/oversikt", follow_redirects=False).status_code == 303


def test_dev_login_is_off_in_production(client, monkeypatch):
    from uke8.settings import get_settings

    make_veileder(client, "Z700003", "7003")
    monkeypatch.setenv("UKE8_ENV", "production")
    get_settings.cache_clear()
    page = client.get("/logg-inn")
    assert "Logg inn som" not in page.text and "Innlogging er ikke satt opp" in page.text
    token = re.search(r'name="csrf_token"', page.text)
    assert token is None
    client.cookies.set("uke8_innlogging", "x", path="/logg-inn")
    r = client.post("/logg-inn/utvikling", data={"csrf_token": "x", "ident": "Z700003"}, follow_redirects=False)
    assert r.status_code == 404 and "uke8_sesjon" not in r.headers.get("set-cookie", "")


def test_session_cookie_is_secure_in_production(client, monkeypatch):
    from api.pages.security import cookie_secure
    from uke8.settings import Settings

    assert cookie_secure(Settings(env="production")) is True
    assert cookie_secure(Settings(env="development")) is False
    assert cookie_secure(Settings(env="development", session_cookie_secure=True)) is True


def test_logout_revokes_the_session_even_for_a_copied_cookie(client):
    make_veileder(client, "Z700004", "7004")
    csrf = login(client, "Z700004")
    stolen = client.cookies.get("uke8_sesjon")
    assert client.post("/logg-ut", data={"csrf_token": "wrong"}).status_code == 403
    r = client.post("/logg-ut", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/logg-inn")
    client.cookies.set("uke8_sesjon", stolen)
    assert client.get("/oversikt", follow_redirects=False).status_code == 303


def test_queue_shows_own_enhet_only_with_plain_reasons_and_flags(client, db):
    make_veileder(client, "Z700005", "7005")
    mine = seed_case(db, "7005", KARTLEGGING, handoff=True)
    calm = seed_case(db, "7005", IKKE_AKTUELL, channel="sms")
    foreign = seed_case(db, "7006", KARTLEGGING)
    login(client, "Z700005")
    html = client.get("/oversikt").text
    assert f"/saker/{mine.case_id}" in html and f"/saker/{calm.case_id}" in html
    assert f"/saker/{foreign.case_id}" not in html
    assert "Usikker på eller lite sannsynlig å komme tilbake i jobben" in html  # REASON_TEXTS, not codes
    assert "retur_usikker_eller_lite_sannsynlig" not in html.split("<table")[1]
    assert "Ønsker kontakt" in html and "Bekreft eller overstyr forslaget" in html
    assert mine.fnr not in html and calm.mobil not in html
    # filters: status, reason, channel, view
    only_sms = client.get("/oversikt?kanal=sms").text
    assert f"/saker/{calm.case_id}" in only_sms and f"/saker/{mine.case_id}" not in only_sms
    by_reason = client.get("/oversikt?grunn=retur_usikker_eller_lite_sannsynlig").text
    assert f"/saker/{mine.case_id}" in by_reason and f"/saker/{calm.case_id}" not in by_reason
    contact = client.get("/oversikt?vis=kontakt").text
    assert f"/saker/{mine.case_id}" in contact and f"/saker/{calm.case_id}" not in contact
    # a bad filter value is a friendly 422 with the page, not a crash
    bad = client.get("/oversikt?status=tull&side=x")
    assert bad.status_code == 422 and "ugyldige" in bad.text
    # another veileder's enhet cannot be chosen by URL
    assert f"/saker/{foreign.case_id}" not in client.get("/oversikt?enhet=7006").text


def test_queue_paging_and_sorting(client, db):
    make_veileder(client, "Z700007", "7007")
    seeded = [seed_case(db, "7007", IKKE_AKTUELL, invited_days_ago=d, grade=20 + d) for d in range(1, 29)]
    login(client, "Z700007")
    first = client.get("/oversikt").text
    assert "28 saker, side 1 av 2" in first and 'aria-label="Side 2"' in first
    second = client.get("/oversikt?side=2").text
    ids_first = set(re.findall(r'href="/saker/([^"]+)"', first))
    ids_second = set(re.findall(r'href="/saker/([^"]+)"', second))
    assert len(ids_first) == 25 and len(ids_second) == 3 and not ids_first & ids_second
    oldest = client.get("/oversikt?sorter=invitert").text
    assert re.findall(r'href="/saker/([^"]+)"', oldest)[0] == seeded[-1].case_id  # 28 days since invitation
    highest = client.get("/oversikt?sorter=grad").text
    assert re.findall(r'href="/saker/([^"]+)"', highest)[0] == seeded[-1].case_id  # grade 48


def test_case_page_shows_answers_transcript_and_is_audited(client, db):
    make_veileder(client, "Z700008", "7008")
    seeded = seed_case(
        db, "7008", KARTLEGGING, texts={"retur": "Jeg er usikker, ring meg på 99887766"},
        follow_up="Har migrene og sjefen min er sur", meeting=(["telefon", "video"], "tirsdag formiddag"),
    )
    login(client, "Z700008")
    r = client.get(f"/saker/{seeded.case_id}")
    assert r.status_code == 200
    html = r.text
    assert "Hvor sannsynlig er det at du kommer tilbake i jobben du ble sykmeldt fra?" in html
    assert re.search(r'class="app-option--chosen">2\. Jeg er usikker <strong class="app-chosen">– valgt</strong>', html)
    assert "99887766" not in html and "[nummer fjernet]" in html  # free text only redacted
    assert "migrene" not in html and "[helseopplysning fjernet]" in html
    assert "Telefon, Video" in html and "tirsdag formiddag" in html
    assert "Usikker på eller lite sannsynlig å komme tilbake i jobben" in html
    assert seeded.fnr not in html and str(seeded.born.year) in html  # the birth date, never the fnr
    reads = [e for e in audit(client, seeded.case_id) if e["action"] == "case.read" and e["actor"] == "Z700008"]
    assert len(reads) == 1 and reads[0]["detail"] == {"via": "side"}


def test_foreign_case_is_404_like_a_missing_one_and_audited(client, db):
    make_veileder(client, "Z700009", "7009")
    foreign = seed_case(db, "7010", KARTLEGGING)
    login(client, "Z700009")
    csrf = csrf_of(client.get("/oversikt").text)
    r_foreign = client.get(f"/saker/{foreign.case_id}")
    r_missing = client.get("/saker/00000000-0000-0000-0000-000000000000")
    assert r_foreign.status_code == r_missing.status_code == 404
    assert r_foreign.text == r_missing.text
    for action, data in (("vurdering", {"vurdering": "kartlegging"}), ("tildel", {}), ("notat", {"notat": "x", "notat_nokkel": "k1"}), ("ferdig", {})):
        assert client.post(f"/saker/{foreign.case_id}/{action}", data={"csrf_token": csrf, **data}).status_code == 404
    entries = audit(client, foreign.case_id)
    denied = [e for e in entries if e["outcome"] == "denied" and e["actor"] == "Z700009"]
    assert len(denied) == 5
    view = client.get(f"/api/v1/cases/{foreign.case_id}", headers=ADMIN).json()
    assert view["status"] == "vurdert" and view["assigned_to"] is None and view["decisions"] == []


def test_override_needs_a_reason_and_is_kept_with_history_and_audit(client, db):
    make_veileder(client, "Z700011", "7011")
    seeded = seed_case(db, "7011", KARTLEGGING)
    csrf = login(client, "Z700011")
    url = f"/saker/{seeded.case_id}/vurdering"
    r = client.post(url, data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na", "begrunnelse": "  "})
    assert r.status_code == 422 and "Skriv en begrunnelse når du overstyrer forslaget." in r.text
    assert 'value="ikke_aktuell_na" checked' in r.text  # the choice is kept in the form
    r = client.post(url, data={"csrf_token": "old", "vurdering": "ikke_aktuell_na", "begrunnelse": "Friskmeldt"})
    assert r.status_code == 403
    r = client.post(url, data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na", "begrunnelse": "Friskmeldt neste uke"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=vurdert")
    again = client.post(url, data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na", "begrunnelse": "Friskmeldt neste uke"}, follow_redirects=False)
    assert again.headers["location"].endswith("melding=uendret")  # a double submission stores nothing
    view = client.get(f"/api/v1/cases/{seeded.case_id}", headers=ADMIN).json()
    assert view["status"] == "ferdigbehandlet" and len(view["decisions"]) == 1
    d = view["assessment"]["veileder_decision"]
    assert d == d | {"classification": "ikke_aktuell_na", "overrides_proposal": True, "veileder": "Z700011", "reason": "Friskmeldt neste uke"}
    page = client.get(f"/saker/{seeded.case_id}?melding=vurdert").text
    assert "Vurderingen er lagret." in page and "Overstyrt: Friskmeldt neste uke" in page and "Ferdigbehandlet" in page
    decides = [e for e in audit(client, seeded.case_id) if e["action"] == "case.decide"]
    assert len(decides) == 1 and decides[0]["detail"]["overrides_proposal"] is True and decides[0]["actor"] == "Z700011"
    refused = [e for e in audit(client, seeded.case_id) if e["outcome"] == "refused"]
    assert refused and refused[0]["detail"] == {"reason": "begrunnelse"}


def test_confirm_assign_note_and_mark_done(client, db):
    make_veileder(client, "Z700012", "7012")
    invited = seed_case(db, "7012")  # invited, no answers yet
    hilsen = seed_case(db, "7012", born=date(1950, 3, 1))  # 65 or older: a tailored greeting, straight to the queue
    csrf = login(client, "Z700012")
    case = seed_case(db, "7012", IKKE_AKTUELL)
    base = f"/saker/{case.case_id}"
    assert client.post(f"{base}/ferdig", data={"csrf_token": csrf}).status_code == 422  # decide first
    assert client.post(f"{base}/vurdering", data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na"}, follow_redirects=False).status_code == 303
    assert client.post(f"{base}/tildel", data={"csrf_token": csrf}, follow_redirects=False).headers["location"].endswith("tildelt")
    assert client.post(f"{base}/tildel", data={"csrf_token": csrf}, follow_redirects=False).headers["location"].endswith("uendret")
    note = {"csrf_token": csrf, "notat": "Ringte, fnr 15818012345 nevnt", "notat_nokkel": "form-1"}
    assert client.post(f"{base}/notat", data=note, follow_redirects=False).headers["location"].endswith("notat")
    assert client.post(f"{base}/notat", data=note, follow_redirects=False).headers["location"].endswith("uendret")
    empty = client.post(f"{base}/notat", data={"csrf_token": csrf, "notat": " ", "notat_nokkel": "form-2"})
    assert empty.status_code == 422 and "Skriv et notat" in empty.text
    too_long = client.post(f"{base}/notat", data={"csrf_token": csrf, "notat": "x" * 2001, "notat_nokkel": "form-3"})
    assert too_long.status_code == 422 and "x" * 2001 in too_long.text  # nothing the veileder wrote is lost
    page = client.get(base).text
    assert page.count("Ringte, fnr [fnr fjernet] nevnt") == 1 and "15818012345" not in page
    view = client.get(f"/api/v1/cases/{case.case_id}", headers=ADMIN).json()
    assert view["assigned_to"] == "Z700012" and view["status"] == "ferdigbehandlet"
    assert view["assessment"]["veileder_decision"]["overrides_proposal"] is False
    actions = [e["action"] for e in audit(client, case.case_id)]
    assert actions.count("case.assign") == 1 and actions.count("case.note") == 1
    # a tilpasset hilsen needs no decision: the veileder marks it ferdigbehandlet
    r = client.post(f"/saker/{hilsen.case_id}/ferdig", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.headers["location"].endswith("melding=ferdig")
    assert client.get(f"/api/v1/cases/{hilsen.case_id}", headers=ADMIN).json()["status"] == "ferdigbehandlet"
    # a case without a proposal can be neither decided nor finished
    assert "Det er ingenting å vurdere før det finnes et forslag." in client.get(f"/saker/{invited.case_id}").text
    assert client.post(f"/saker/{invited.case_id}/ferdig", data={"csrf_token": csrf}).status_code == 422
    assert client.get(f"/api/v1/cases/{invited.case_id}", headers=ADMIN).json()["status"] == "invitert"


def test_notes_are_append_only(client, db):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    make_veileder(client, "Z700013", "7013")
    case = seed_case(db, "7013", IKKE_AKTUELL)
    csrf = login(client, "Z700013")
    client.post(f"/saker/{case.case_id}/notat", data={"csrf_token": csrf, "notat": "Første", "notat_nokkel": "n1"})
    with pytest.raises(DBAPIError):
        with db.write() as session:
            session.execute(text("UPDATE case_notes SET text = 'endret' WHERE case_id = :c"), {"c": case.case_id})


def test_statistics_page(client, db):
    make_veileder(client, "Z700014", "7014")
    k1 = seed_case(db, "7014", KARTLEGGING, invited_days_ago=10)
    k2 = seed_case(db, "7014", KARTLEGGING, invited_days_ago=10)
    i1 = seed_case(db, "7014", IKKE_AKTUELL, invited_days_ago=10)
    seed_case(db, "7014", {"retur": "usikker"}, invited_days_ago=10)  # answered only q1, no proposal yet
    seed_case(db, "7015", KARTLEGGING, invited_days_ago=10)  # another enhet
    csrf = login(client, "Z700014")
    client.post(f"/saker/{k1.case_id}/vurdering", data={"csrf_token": csrf, "vurdering": "kartlegging"})
    client.post(f"/saker/{k2.case_id}/vurdering", data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na", "begrunnelse": "Ny info"})
    client.post(f"/saker/{i1.case_id}/vurdering", data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na"})
    html = client.get("/statistikk?enhet=7014").text
    value = lambda tid: re.search(rf'data-testid="{tid}">([^<]*)<', html).group(1)  # noqa: E731
    assert value("andel-kartlegging") == "67 %"  # 2 of 3 proposals
    assert value("svarprosent") == "75 %"  # 3 of 4 asked answered every question
    assert value("andel-overstyrt") == "33 %"  # 1 of 3 decisions
    assert value("median-dager") == "10"
    assert "<title id=\"graf-tittel\">" in html and "<caption" in html
    assert client.get("/statistikk?enhet=7015").status_code == 422  # not the veileder's enhet
    assert client.get("/statistikk?fra=2026-13-01").status_code == 422
