""""Neste steg" on the queue and the case page: the lifecycle's next_due in plain words, for
cases brought into each state through the use cases (synthetic people only)."""
from __future__ import annotations

import html as html_lib
import re
import secrets
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import event

from tests.factories import synthetic_fnr
from tests.pages.conftest import ADMIN, IKKE_AKTUELL, KARTLEGGING, SEEDER, login, make_veileder, seed_case
from uke8.cases import decisions
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.lifecycle.timeline import end_of_week
from uke8.review.due import due_text
from uke8.review.queue import QueueQuery, queue_page
from uke8.store.db import Database


def fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def register(db: Database, enhet: str, start: date, grade: int = 100) -> str:
    new = NewCase(external_id="d-" + secrets.token_hex(5), fnr=synthetic_fnr(), enhet=enhet, start_date=start,
                  sykmeldingsgrad=grade, fodselsdato=date(start.year - 40, 1, 15), channel="chat")
    with db.write() as s:
        case, _ = registration.register_case(s, new, SEEDER)
    return case.id


def invite(db: Database, case_id: str, on: date) -> None:
    with db.write() as s:
        steps.invite(s, case_id, on, SEEDER)


def queue_due(html: str, case_id: str) -> str:
    """The "Neste steg" cell (the row's last) of one case in the queue."""
    row = re.search(rf'<tr[^>]*>\s*<td[^>]*>\s*<a[^>]*href="/saker/{case_id}".*?</tr>', html, re.S)
    assert row, f"{case_id} is not in the queue"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    return html_lib.unescape(cells[-1].strip())


def page_due(html: str) -> str:
    return html_lib.unescape(re.search(r"<dt>Neste steg</dt><dd>(.*?)</dd>", html, re.S).group(1).strip())


def test_queue_and_case_page_say_what_is_due_next_in_each_state(client, db):
    today = today_in_oslo()
    make_veileder(client, "Z710001", "7101")
    veileder = Actor("veileder", "Z710001", frozenset({"7101"}))

    # registrert: invited on day 56
    start = today - timedelta(days=10)
    registrert = register(db, "7101", start)

    # invitert three days ago: the one reminder comes a week after the invitation
    invitert = register(db, "7101", today - timedelta(days=55 + 3))
    invite(db, invitert, today - timedelta(days=3))

    # paminnet: reminded, so the answer deadline is next
    paminnet = register(db, "7101", today - timedelta(days=55 + 9))
    invite(db, paminnet, today - timedelta(days=9))
    with db.write() as s:
        assert steps.remind(s, paminnet, today - timedelta(days=2))

    # vurdert, proposed ikke aktuell nå, not yet decided: the week 17 checkpoint is coming
    vurdert = seed_case(db, "7101", IKKE_AKTUELL, invited_days_ago=5)
    vurdert_start = today - timedelta(days=60)  # seed_case's own start date

    # sjekkpunkt: a silent low-grade case (ikke aktuell nå) back in the queue at week 17
    cp_start = today - timedelta(days=7 * 17 + 3)
    sjekkpunkt = register(db, "7101", cp_start, grade=20)
    invite(db, sjekkpunkt, cp_start + timedelta(days=55))
    with db.write() as s:
        assert steps.close_at_deadline(s, sjekkpunkt, cp_start + timedelta(days=55 + 14)).classification == "ikke_aktuell_na"
    with db.write() as s:
        assert steps.return_at_checkpoint(s, sjekkpunkt, end_of_week(cp_start, 17)) == 17

    # ferdigbehandlet: proposed and confirmed kartlegging
    kartlegging = seed_case(db, "7101", KARTLEGGING)
    # ferdigbehandlet the other ways round: the veileder's decision, not the proposal, decides
    to_kartlegging = seed_case(db, "7101", IKKE_AKTUELL)
    to_ikke_aktuell = seed_case(db, "7101", KARTLEGGING)
    seeded_start = today - timedelta(days=60)
    with db.write() as s:
        decisions.decide(s, kartlegging.case_id, veileder, "kartlegging", None)
        decisions.decide(s, to_kartlegging.case_id, veileder, "kartlegging", "Ønsker oppfølging likevel")
        decisions.decide(s, to_ikke_aktuell.case_id, veileder, "ikke_aktuell_na", "Friskmeldt snart")

    expected = {
        registrert: f"Inviteres {fmt(start + timedelta(days=55))}",
        invitert: f"Påminnelse {fmt(today + timedelta(days=4))}",
        paminnet: f"Svarfrist {fmt(today + timedelta(days=5))}",
        vurdert.case_id: f"Bekreft eller overstyr forslaget. Kontrollpunkt uke 17: {fmt(end_of_week(vurdert_start, 17))}",
        sjekkpunkt: "Kontrollpunkt uke 17: se over saken",
        kartlegging.case_id: "Kartleggingssamtale",
        to_kartlegging.case_id: "Kartleggingssamtale",
        to_ikke_aktuell.case_id: f"Kontrollpunkt uke 17: {fmt(end_of_week(seeded_start, 17))}",
    }
    statuses = {case_id: client.get(f"/api/v1/cases/{case_id}", headers=ADMIN).json()["status"] for case_id in expected}
    assert [statuses[c] for c in (registrert, invitert, paminnet, vurdert.case_id, sjekkpunkt, kartlegging.case_id)] == [
        "registrert", "invitert", "paminnet", "vurdert", "sjekkpunkt", "ferdigbehandlet"]

    login(client, "Z710001")
    queue = client.get("/oversikt").text
    for case_id, label in expected.items():
        assert queue_due(queue, case_id) == label, statuses[case_id]
        assert page_due(client.get(f"/saker/{case_id}").text) == label, statuses[case_id]

    # the JSON API says the same from the same rules
    item = client.get(f"/api/v1/cases/{sjekkpunkt}", headers=ADMIN).json()
    assert item["next_due"] == {"what": "sjekkpunkt_uke26", "on": end_of_week(cp_start, 26).isoformat()}


def test_a_checkpoint_return_is_shown_as_such_and_can_be_decided_from_its_page(client, db):
    today = today_in_oslo()
    make_veileder(client, "Z710002", "7102")
    start = today - timedelta(days=7 * 17 + 1)
    case_id = register(db, "7102", start, grade=20)
    invite(db, case_id, start + timedelta(days=55))
    with db.write() as s:
        steps.close_at_deadline(s, case_id, start + timedelta(days=55 + 14))
    # the veileder confirmed "ikke aktuell nå" weeks before the checkpoint
    with db.write() as s:
        decisions.decide(s, case_id, Actor("veileder", "Z710002", frozenset({"7102"})), "ikke_aktuell_na", None,
                       now=datetime.combine(start + timedelta(days=75), time(9), tzinfo=timezone.utc))
    with db.write() as s:
        assert steps.return_at_checkpoint(s, case_id, end_of_week(start, 17)) == 17

    csrf = login(client, "Z710002")
    queue = client.get("/oversikt?vis=kontrollpunkt").text
    assert queue_due(queue, case_id) == "Kontrollpunkt uke 17: se over saken"
    assert "Kontrollpunkt uke 17" in queue and ">sjekkpunkt<" not in queue  # the status in words, never its code
    page = client.get(f"/saker/{case_id}").text
    assert page_due(page) == "Kontrollpunkt uke 17: se over saken"
    assert f'action="/saker/{case_id}/vurdering"' in page  # the veileder can confirm or override at the checkpoint
    # confirming "ikke aktuell nå" again (the same veileder, the same words) is a new decision, not a double submission
    r = client.post(f"/saker/{case_id}/vurdering", data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("melding=vurdert")
    view = client.get(f"/api/v1/cases/{case_id}", headers=ADMIN).json()
    assert view["status"] == "ferdigbehandlet" and len(view["decisions"]) == 2
    assert page_due(client.get(f"/saker/{case_id}").text) == f"Kontrollpunkt uke 26: {fmt(end_of_week(start, 26))}"
    again = client.post(f"/saker/{case_id}/vurdering", data={"csrf_token": csrf, "vurdering": "ikke_aktuell_na"}, follow_redirects=False)
    assert again.headers["location"].endswith("melding=uendret")


def test_the_words_for_each_next_step():
    today = date(2026, 12, 1)

    def words(what: str | None, status: str, classification: str | None = None, week: int | None = None, on: str = "2026-12-07") -> str:
        return due_text({"what": what, "on": on} if what else None, status=status, classification=classification,
                        returned_week=week, today=today)

    assert words(None, "ekskludert") == "Ingenting: unntatt fra utsending"
    assert words(None, "registrert") == "Ingenting planlagt"  # opted out, or the leave ends before day 56
    assert words("frist", "reservert") == "Vurderes ved svarfrist 07.12.2026"
    assert words("frist", "besvart") == "Svarfrist 07.12.2026"
    assert words(None, "ubesvart") == "Forslag lages ved neste kjøring"
    assert words(None, "vurdert", "tilpasset_hilsen") == "Ta kontakt ved behov, marker som ferdigbehandlet"
    assert words(None, "vurdert", "kartlegging") == "Bekreft eller overstyr forslaget"
    assert words("sjekkpunkt_uke39", "sjekkpunkt", "ikke_aktuell_na", 26) == "Kontrollpunkt uke 26: se over saken"
    assert words(None, "ferdigbehandlet", "tilpasset_hilsen") == "Ingenting planlagt"
    assert words(None, "ferdigbehandlet", "ikke_aktuell_na") == "Ingenting planlagt"  # after week 39, or the leave ended
    # today is still to come; a day in the past is overdue, and the next scheduler run takes it
    assert words("invitasjon", "registrert", on="2026-12-01") == "Inviteres 01.12.2026"
    assert words("invitasjon", "registrert", on="2026-11-30") == "Inviteres ved neste kjøring"
    assert words("paminnelse", "invitert", on="2026-11-30") == "Påminnelse ved neste kjøring"
    assert words("frist", "paminnet", on="2026-11-30") == "Svarfristen er ute: forslag lages ved neste kjøring"
    assert words("sjekkpunkt_uke26", "ferdigbehandlet", "ikke_aktuell_na", on="2026-10-22") == "Kontrollpunkt uke 26 ved neste kjøring"
    assert words("sjekkpunkt_uke17", "vurdert", "ikke_aktuell_na", on="2026-10-22") == (
        "Bekreft eller overstyr forslaget. Kontrollpunkt uke 17 ved neste kjøring")


def test_the_queue_reads_what_is_due_in_a_fixed_number_of_queries(db):
    """A longer page costs no more queries: the timelines of a page are read in one batch."""
    today = today_in_oslo()
    for n in range(30):
        case_id = register(db, "7103", today - timedelta(days=55 + 1 + n % 12), grade=20 + n)
        if n % 3:
            invite(db, case_id, today - timedelta(days=1 + n % 12))
    seed_case(db, "7103", IKKE_AKTUELL)
    seed_case(db, "7103", KARTLEGGING)

    def statements(per_page: int) -> tuple[int, int]:
        seen: list[str] = []

        def count(_conn, _cursor, statement, *_args):  # noqa: ANN001
            seen.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            with db.read() as s:
                page = queue_page(s, QueueQuery(enheter=frozenset({"7103"}), per_page=per_page), today)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert all(row.due for row in page.rows)
        return len(page.rows), len(seen)

    rows_small, small = statements(3)
    rows_large, large = statements(30)  # both pages short of the 32 cases: both count them
    assert (rows_small, rows_large) == (3, 30)
    assert large == small, "the queue's queries grow with the page"
