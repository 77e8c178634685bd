"""The lifecycle run against the real store (SQLite, or PostgreSQL with UKE8_TEST_DATABASE_URL):
invitations, the one reminder, deadlines, checkpoints, a changed situation, and who gets nothing."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from tests.lifecycle.helpers import (
    ADMIN, DAY56, START, assessments, at, checkpoint_weeks, outbox_kinds, outbox_rows, register, run, statuses, view,
)
from uke8.cases.answers import record_answer
from uke8.cases import conversation
from uke8.cases import decisions
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.store.crypto import get_sealer
from uke8.lifecycle import outbox
from uke8.lifecycle.links import verify_link
from uke8.lifecycle.timeline import end_of_week
from uke8.store.models import Case, Invitation

VEILEDER = Actor("veileder", "Z990101", frozenset({"0219"}))
W17, W26, W39 = (end_of_week(START, w) for w in (17, 26, 39))


def conversation_of(db, case_id: str) -> str:
    return view(db, case_id)["invitation"]["conversation_id"]


def answer(db, case_id: str, day: date, **answers: str) -> None:
    conversation_id = conversation_of(db, case_id)
    for slot, code in answers.items():
        with db.write() as s:
            record_answer(s, conversation_id, slot, code, source="button", today=day)


@pytest.mark.parametrize("grade", [100, 40])
def test_a_case_is_invited_at_day_56_graded_or_not(db, grade):
    case_id = register(db, sykmeldingsgrad=grade)
    assert case_id not in run(db, DAY56 - timedelta(days=1)).invited
    assert case_id in run(db, DAY56).invited
    assert case_id not in run(db, DAY56).invited  # a second run does nothing
    assert statuses(db, case_id) == ["registrert", "invitert"]
    [notice] = outbox_rows(db, case_id)
    assert (notice.kind, notice.channel, notice.status, notice.attempts) == ("invitation", "chat", "pending", 0)
    assert notice.idempotency_key == f"{case_id}:1:invitation"
    conversation_id = conversation_of(db, case_id)
    # the link, signed when the message goes out (never stored), opens this conversation
    # until a week after the deadline, then no more
    assert notice.payload["link_valid_until"] == (DAY56 + timedelta(days=21)).isoformat()
    assert "{lenke}" in notice.payload["text"] and "link" not in notice.payload
    with db.read() as s:
        text = outbox.render(notice, s)
    link = re.search(r"\S+/chat\?t=\S+", text).group(0)
    assert "frivillig" in text and verify_link(link, today=DAY56) == conversation_id


def test_silent_high_grade_person_is_reminded_once_then_proposed_kartlegging(db):
    case_id = register(db, sykmeldingsgrad=100)
    run(db, DAY56)
    assert case_id not in run(db, DAY56 + timedelta(days=6)).reminded
    assert view(db, case_id, DAY56)["next_due"] == {"what": "paminnelse", "on": (DAY56 + timedelta(days=7)).isoformat()}
    assert case_id in run(db, DAY56 + timedelta(days=7)).reminded
    assert case_id not in run(db, DAY56 + timedelta(days=8)).reminded  # once
    assert view(db, case_id, DAY56 + timedelta(days=8))["next_due"] == {"what": "frist", "on": (DAY56 + timedelta(days=14)).isoformat()}
    assert case_id not in run(db, DAY56 + timedelta(days=13)).closed
    assert case_id in run(db, DAY56 + timedelta(days=14)).closed
    assert case_id not in run(db, DAY56 + timedelta(days=15)).closed
    v = view(db, case_id)
    assert (v["assessment"]["classification"], v["assessment"]["reasons"]) == ("kartlegging", ["ubesvart_grad_30_eller_mer"])
    assert statuses(db, case_id) == ["registrert", "invitert", "paminnet", "ubesvart", "vurdert"]
    assert outbox_kinds(db, case_id) == ["invitation", "reminder"]
    assert [m["kind"] for m in v["outbox"]] == ["invitation", "reminder"]
    assert v["next_due"] is None  # kartlegging: no checkpoints
    assert run(db, W39).checkpoints.count(case_id) == 0


def test_silent_low_grade_person_is_not_relevant_now_and_returns_at_each_checkpoint(db):
    case_id = register(db, sykmeldingsgrad=20)
    for day in (DAY56, DAY56 + timedelta(days=7), DAY56 + timedelta(days=14)):
        run(db, day)
    v = view(db, case_id, DAY56 + timedelta(days=14))
    assert (v["assessment"]["classification"], v["assessment"]["reasons"]) == ("ikke_aktuell_na", ["ubesvart_lav_grad"])
    assert v["next_due"] == {"what": "sjekkpunkt_uke17", "on": W17.isoformat()}
    assert case_id not in run(db, W17 - timedelta(days=1)).checkpoints
    assert case_id in run(db, W17).checkpoints
    assert case_id not in run(db, W17 + timedelta(days=1)).checkpoints
    assert view(db, case_id, W17)["status"] == "sjekkpunkt"
    # the veileder keeps "ikke aktuell nå"; the case comes back at week 26 and 39, once each
    with db.write() as s:
        decisions.decide(s, case_id, VEILEDER, "ikke_aktuell_na", None, now=at(W17, 11))
    assert view(db, case_id, W17)["next_due"] == {"what": "sjekkpunkt_uke26", "on": W26.isoformat()}
    assert case_id in run(db, W26).checkpoints
    assert case_id in run(db, W39 + timedelta(days=3)).checkpoints  # still in sjekkpunkt from week 26: the week-39 return is recorded too
    assert case_id not in run(db, W39 + timedelta(days=30)).checkpoints
    assert checkpoint_weeks(db, case_id) == [17, 26, 39]
    assert statuses(db, case_id)[-4:] == ["sjekkpunkt", "ferdigbehandlet", "sjekkpunkt", "sjekkpunkt"]
    assert [c["week"] for c in view(db, case_id)["checkpoints"]] == [17, 26, 39]
    assert outbox_kinds(db, case_id) == ["invitation", "reminder"]  # a checkpoint sends the person nothing


def test_the_veileders_decision_decides_about_checkpoints(db):
    overridden_to_kartlegging = register(db, sykmeldingsgrad=20)
    overridden_to_ikke_aktuell = register(db, sykmeldingsgrad=100)
    for day in (DAY56, DAY56 + timedelta(days=14)):
        run(db, day)
    with db.write() as s:
        decisions.decide(s, overridden_to_kartlegging, VEILEDER, "kartlegging", "Har snakket med personen", now=at(DAY56 + timedelta(days=15)))
        decisions.decide(s, overridden_to_ikke_aktuell, VEILEDER, "ikke_aktuell_na", "Friskmeldt om to uker", now=at(DAY56 + timedelta(days=15)))
    report = run(db, W17)
    assert overridden_to_kartlegging not in report.checkpoints
    assert overridden_to_ikke_aktuell in report.checkpoints


def test_a_checkpoint_already_covered_by_a_late_assessment_does_not_fire(db):
    case_id = register(db, sykmeldingsgrad=20, start_date=START - timedelta(days=70))  # invited late, at week 18
    late = START - timedelta(days=70) + timedelta(days=7 * 18)
    run(db, late)
    answer(db, case_id, late, retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    assert case_id not in run(db, late + timedelta(days=20)).checkpoints
    assert case_id in run(db, end_of_week(START - timedelta(days=70), 26)).checkpoints
    assert checkpoint_weeks(db, case_id) == [26]


def test_after_a_long_stop_only_the_latest_checkpoint_returns(db):
    case_id = register(db, sykmeldingsgrad=20)
    for day in (DAY56, DAY56 + timedelta(days=14)):
        run(db, day)
    run(db, W26 + timedelta(days=10))
    assert checkpoint_weeks(db, case_id) == [26]


def test_answering_before_the_reminder_means_no_reminder(db):
    case_id = register(db)
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=2), retur="usikker")
    assert case_id not in run(db, DAY56 + timedelta(days=7)).reminded
    assert case_id in run(db, DAY56 + timedelta(days=14)).closed  # the answers given count at the deadline
    assert view(db, case_id)["assessment"]["reasons"] == ["retur_usikker_eller_lite_sannsynlig"]
    assert outbox_kinds(db, case_id) == ["invitation"]


def test_nothing_is_sent_after_an_opt_out(db):
    case_id = register(db)
    run(db, DAY56)
    with db.write() as s:
        conversation.record_opt_out(s, conversation_of(db, case_id))
    [notice] = outbox_rows(db, case_id)
    assert notice.status == "cancelled"  # not yet delivered: it never will be
    for day in (DAY56 + timedelta(days=7), DAY56 + timedelta(days=14), W17):
        report = run(db, day)
        assert case_id not in report.reminded
    assert outbox_kinds(db, case_id) == ["invitation"]
    assert statuses(db, case_id) == ["registrert", "invitert", "reservert", "vurdert"]


def test_an_opt_out_after_the_outcome_keeps_the_case_in_the_queue(db):
    case_id = register(db, sykmeldingsgrad=20)
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=1), retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    with db.write() as s:
        conversation.record_opt_out(s, conversation_of(db, case_id))
    run(db, DAY56 + timedelta(days=20))
    v = view(db, case_id)
    assert v["status"] == "vurdert" and v["opted_out"] is True
    assert assessments(db, case_id) == 1  # the deadline does not assess an assessed round again
    assert case_id in run(db, W17).checkpoints  # the veileder still looks again; nothing is sent
    assert outbox_kinds(db, case_id) == ["invitation"]


def test_nobody_is_invited_or_reminded_after_the_sick_leave_ended(db):
    ended = register(db, end_date=DAY56 - timedelta(days=1))
    ends_soon = register(db, end_date=DAY56 + timedelta(days=3))
    report = run(db, DAY56)
    assert ended not in report.invited and ends_soon in report.invited
    assert ends_soon not in run(db, DAY56 + timedelta(days=7)).reminded
    assert outbox_kinds(db, ended) == [] and outbox_kinds(db, ends_soon) == ["invitation"]
    with pytest.raises(CaseError), db.write() as s:
        steps.invite(s, ended, DAY56, ADMIN)


def test_screened_out_people_get_nothing_and_older_people_a_tailored_greeting(db):
    excluded = register(db, svangerskapsrelatert=True)
    older = register(db, fodselsdato=date(1958, 1, 1), channel="sms")
    report = run(db, DAY56)
    assert excluded in report.invited and older in report.invited
    assert view(db, excluded)["status"] == "ekskludert" and outbox_kinds(db, excluded) == []
    [greeting] = outbox_rows(db, older)
    assert (greeting.kind, greeting.channel) == ("tailored_greeting", "sms")
    assert "sykmeld" not in greeting.payload["text"].lower() and "link" not in greeting.payload
    for day in (DAY56 + timedelta(days=7), DAY56 + timedelta(days=14)):
        run(db, day)
    assert outbox_kinds(db, excluded) == [] and outbox_kinds(db, older) == ["tailored_greeting"]


def test_an_sms_case_gets_an_opening_without_health_words_and_no_number_in_the_outbox(db):
    case_id = register(db, channel="sms")
    run(db, DAY56)
    run(db, DAY56 + timedelta(days=7))
    opening, reminder = outbox_rows(db, case_id)
    assert (opening.kind, reminder.kind) == ("sms_opening", "reminder")
    for message in (opening, reminder):
        text = message.payload["text"].lower()
        assert message.channel == "sms" and "link" not in message.payload
        for word in ("sykmeld", "helse", "diagnose", "sykepeng"):
            assert word not in text
    assert "nav" in opening.payload["text"].lower() and "55 55 33 33" in opening.payload["text"]
    with db.read() as s:
        mobil = get_sealer().open(s.get(Case, case_id).mobil_sealed)
    assert mobil not in str(opening.payload) and mobil[3:] not in str(reminder.payload)


def test_a_changed_situation_gets_a_new_round_with_its_own_deadline(db):
    case_id = register(db, sykmeldingsgrad=20)
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=1), retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    changed_on = DAY56 + timedelta(days=30)
    with db.write() as s:
        assert conversation.begin_new_round(s, conversation_of(db, case_id), today=changed_on) == 2
    v = view(db, case_id, changed_on)
    assert v["next_due"] == {"what": "frist", "on": (changed_on + timedelta(days=14)).isoformat()}
    assert case_id not in run(db, changed_on + timedelta(days=7)).closed  # the old deadline is long past, the new one is not
    assert case_id not in run(db, changed_on + timedelta(days=7)).reminded  # no reminder in a later round
    answer(db, case_id, changed_on + timedelta(days=8), retur="lite_sannsynlig")
    assert case_id in run(db, changed_on + timedelta(days=14)).closed
    v = view(db, case_id)
    assert [a["classification"] for a in v["assessments"]] == ["ikke_aktuell_na", "kartlegging"]
    assert v["assessment"]["round"] == 2 and v["status"] == "vurdert"
    assert outbox_kinds(db, case_id) == ["invitation"]


def test_a_changed_situation_without_new_answers_keeps_the_earlier_assessment(db):
    case_id = register(db, sykmeldingsgrad=20)
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=1), retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    with db.write() as s:
        conversation.begin_new_round(s, conversation_of(db, case_id), today=DAY56 + timedelta(days=2))
    assert case_id in run(db, DAY56 + timedelta(days=16)).closed
    assert assessments(db, case_id) == 1
    assert statuses(db, case_id)[-2:] == ["besvart", "vurdert"]
    assert case_id in run(db, W17).checkpoints  # still ikke aktuell nå


def test_a_checkpoint_case_that_reports_a_change_is_answered_again(db):
    case_id = register(db, sykmeldingsgrad=20)
    for day in (DAY56, DAY56 + timedelta(days=14), W17):
        run(db, day)
    assert view(db, case_id)["status"] == "sjekkpunkt"
    with db.write() as s:
        conversation.begin_new_round(s, conversation_of(db, case_id), today=W17 + timedelta(days=1))
    answer(db, case_id, W17 + timedelta(days=2), retur="usikker", relasjon="god", varighet="over_26_uker")
    v = view(db, case_id, W17 + timedelta(days=2))
    assert v["status"] == "vurdert" and v["assessment"]["classification"] == "kartlegging"
    assert v["next_due"] is None


def test_a_step_that_fails_half_way_leaves_nothing_and_the_rerun_does_it_once(db, monkeypatch):
    case_id = register(db)

    def broken(*args, **kwargs):
        raise RuntimeError("the process dies between the invitation and its notice")

    monkeypatch.setattr(outbox, "enqueue", broken)
    assert f"{case_id}: RuntimeError" in run(db, DAY56).errors
    with db.read() as s:
        assert s.get(Case, case_id).status == "registrert"
        assert s.query(Invitation).filter_by(case_id=case_id).count() == 0
    monkeypatch.undo()
    assert case_id in run(db, DAY56).invited
    assert outbox_kinds(db, case_id) == ["invitation"] and statuses(db, case_id) == ["registrert", "invitert"]


def test_the_outbox_key_refuses_a_second_copy_of_a_message(db):
    case_id = register(db)
    run(db, DAY56)
    with pytest.raises(IntegrityError), db.write() as s:
        case = s.get(Case, case_id)
        invitation = s.query(Invitation).filter_by(case_id=case_id).one()
        outbox.enqueue(s, case, invitation, outbox.INVITATION, DAY56)
    assert outbox_kinds(db, case_id) == ["invitation"]
