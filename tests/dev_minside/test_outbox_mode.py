"""The local Min side without a broker (the embedded default): the product's outbox read
directly, through the page a person signs in to. A pending chat invitation is an open task with
its link; the reminder keeps the task; answering, opting out or the deadline closes it; and
the outbox is never touched (the invitation stays pending: nothing pretends it was sent).
Synthetic people; every run and every look is given its day (DAY56 and after)."""
from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories import synthetic_fnr
from tests.lifecycle.helpers import DAY56, outbox_rows, register, run
from uke8.cases.answers import record_answer
from uke8.cases.conversation import record_opt_out
from uke8.dev.minside import create_app
from uke8.dev.minside_tasks import OPPGAVE, OutboxView
from uke8.lifecycle import outbox
from uke8.lifecycle.links import verify_link
from uke8.notifications import events
from uke8.store.models import Invitation
from uke8.triage import notices


def conversation(db, case_id: str) -> str:
    with db.read() as s:
        return s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))


def snapshot(db, case_id: str) -> list[tuple]:
    return [(m.kind, m.status, m.attempts, m.sent_at, m.next_attempt_at) for m in outbox_rows(db, case_id)]


def client(db, day) -> TestClient:
    return TestClient(create_app(OutboxView(db, today=lambda: day), "utboksen"))


def sign_in(c: TestClient, fnr: str) -> None:
    r = c.post("/logg-inn", data={"fnr": fnr}, follow_redirects=False)
    assert r.status_code == 303 and "minside_sesjon" in r.cookies


def test_a_pending_invitation_is_an_open_task_with_its_link_and_the_outbox_stays_as_it_was(db):
    fnr = synthetic_fnr()
    case_id = register(db, fnr=fnr, channel="chat")
    run(db, DAY56)
    before = snapshot(db, case_id)
    assert [(k, s) for k, s, *_ in before] == [(outbox.INVITATION, outbox.PENDING)]
    [task] = OutboxView(db).tasks_for(fnr, today=DAY56)
    assert task.kind == OPPGAVE and task.open and task.task_id == events.task_id(case_id, 1)
    assert task.text == notices.minside_task()
    assert verify_link(task.link, today=DAY56) == conversation(db, case_id)
    assert task.valid_until == outbox_rows(db, case_id)[0].payload["link_valid_until"]

    c = client(db, DAY56)
    page = c.get("/")
    assert "Lokal testversjon av Min side" in page.text and 'name="fnr"' in page.text
    assert c.get("/api/oppgaver").status_code == 401
    sign_in(c, fnr)
    page = c.get("/")
    assert page.status_code == 200 and "Gå til spørsmålene" in page.text and notices.minside_task() in page.text
    assert task.link.replace("&", "&amp;") in page.text or task.link in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    [shown] = c.get("/api/oppgaver").json()["tasks"]
    assert shown["open"] and shown["link"] == task.link
    assert snapshot(db, case_id) == before  # a viewer: nothing marked sent, nothing claimed


def test_the_reminder_keeps_the_task_and_answering_closes_it(db):
    fnr = synthetic_fnr()
    case_id = register(db, fnr=fnr, channel="chat")
    run(db, DAY56)
    run(db, DAY56 + timedelta(days=7))
    [task] = OutboxView(db).tasks_for(fnr, today=DAY56 + timedelta(days=7))
    assert task.open and task.reminded and task.text == notices.minside_task_reminder()
    for slot, code in (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker")):
        with db.write() as s:
            record_answer(s, conversation(db, case_id), slot, code, source="button", today=DAY56 + timedelta(days=8))
    c = client(db, DAY56 + timedelta(days=8))
    sign_in(c, fnr)
    [shown] = c.get("/api/oppgaver").json()["tasks"]
    assert (shown["open"], shown["closed_reason"], shown["link"]) == (False, "besvart", None)
    page = c.get("/").text
    assert "Du har ingen oppgaver nå." in page and "Du har svart" in page and "Gå til spørsmålene" not in page


def test_opting_out_and_the_deadline_close_the_task(db):
    opted, late = synthetic_fnr(), synthetic_fnr()
    opted_case = register(db, fnr=opted, channel="chat")
    register(db, fnr=late, channel="chat")
    run(db, DAY56)
    with db.write() as s:
        record_opt_out(s, conversation(db, opted_case))
    assert [t.closed_reason for t in OutboxView(db).tasks_for(opted, today=DAY56)] == ["reservert"]
    run(db, DAY56 + timedelta(days=7))
    run(db, DAY56 + timedelta(days=14))
    assert [t.closed_reason for t in OutboxView(db).tasks_for(late, today=DAY56 + timedelta(days=14))] == ["frist"]


def test_people_see_only_their_own_and_a_bad_fnr_is_refused_kindly(db):
    fnr = synthetic_fnr()
    register(db, fnr=fnr, channel="chat")
    run(db, DAY56)
    assert OutboxView(db).tasks_for(synthetic_fnr(), today=DAY56) == []
    c = client(db, DAY56)
    r = c.post("/logg-inn", data={"fnr": "1234"})
    assert r.status_code == 422 and "11 siffer" in r.text
    sign_in(c, synthetic_fnr())
    assert c.get("/api/oppgaver").json() == {"tasks": []}
    assert "Du har ingen oppgaver nå." in c.get("/").text
    c.post("/logg-ut")
    assert c.get("/api/oppgaver").status_code == 401
