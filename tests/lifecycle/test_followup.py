"""What follows the questions (issue 16, PRODUCT.md §3b): the kartlegging's outcome, new
information bringing a case back to the queue, and asking the person again — the use cases
against the real store, with the lifecycle's checkpoints and deadlines. Every day and moment
is given (helpers.at), never the wall clock."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.lifecycle.helpers import (
    DAY56, START, at, checkpoint_weeks, outbox_rows, register, run, statuses, view,
)
from tests.lifecycle.test_scheduler import answer, conversation_of
from uke8.cases import decisions, kartlegging, new_information
from uke8.cases.actors import Actor
from uke8.cases.answers import record_answer
from uke8.cases.conversation import record_opt_out
from uke8.cases.errors import CaseError
from uke8.cases.kartlegging import OutcomeIn, OutcomeRefused
from uke8.cases.new_information import NewInformationRefused
from uke8.lifecycle import outbox
from uke8.lifecycle.ask_again import ask_again
from uke8.lifecycle.timeline import end_of_week
from uke8.notifications.tasks import TaskSender
from uke8.review.due import due_text
from uke8.store.models import AuditEntry, Decision, KartleggingOutcome, NewInformation

VEILEDER = Actor("veileder", "Z990161", frozenset({"0219"}), via="api")
FEED = Actor("system", "import", via="feed")
KARTLEGGING = {"retur": "usikker", "relasjon": "god", "varighet": "under_26_uker"}
IKKE_AKTUELL = {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}
W17, W26 = end_of_week(START, 17), end_of_week(START, 26)


def assessed(db, answers: dict[str, str], **kw) -> str:
    """A case invited on DAY56 and assessed from `answers` the day after."""
    case_id = register(db, **kw)
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=1), **answers)
    assert view(db, case_id)["status"] == "vurdert"
    return case_id


def audits(db, case_id: str, action: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.action == action)))


def outcome(db, case_id: str, given: OutcomeIn, day=DAY56 + timedelta(days=10), actor=VEILEDER):
    with db.write() as s:
        return kartlegging.record_outcome(s, case_id, actor, given, now=at(day))


def flag(db, case_id: str, kind: str = "legeerklaering", actor=VEILEDER, **kw):
    with db.write() as s:
        return new_information.record(s, case_id, actor, kind, **kw)


# -- the kartlegging's outcome ----------------------------------------------------------------


def asked_again(db) -> tuple[str, date]:
    """An "ikke aktuell nå" case with new information, asked again on day 76: (case id, that day)."""
    case_id = assessed(db, IKKE_AKTUELL)
    flag(db, case_id)
    day = DAY56 + timedelta(days=20)
    with db.write() as s:
        ask_again(s, case_id, VEILEDER, day, now=at(day))
    return case_id, day


def test_an_innsats_outcome_confirms_an_undecided_kartlegging_and_masks_the_note(db):
    case_id = assessed(db, KARTLEGGING)
    row = outcome(db, case_id, OutcomeIn(innsats="situasjonsbestemt", trenger_14a=True,
                                         note="Ringte 12345678 om planen, fnr 01818012345"))
    assert row is not None
    shown = view(db, case_id)
    assert shown["status"] == "ferdigbehandlet"
    assert shown["kartlegging"] | {"created_at": None} == {
        "outcome": "behovsvurdering", "innsats": "situasjonsbestemt", "trenger_14a": True, "veileder": "Z990161",
        "note": "Ringte [nummer fjernet] om planen, fnr [fnr fjernet]", "created_at": None}
    assert shown["assessment"]["veileder_decision"]["classification"] == "kartlegging"
    [entry] = audits(db, case_id, "kartlegging.outcome")
    assert entry.via == "api" and entry.detail["decision"] == "kartlegging" and entry.detail["note_length"] > 0
    assert "12345678" not in str(entry.detail)
    assert audits(db, case_id, "case.decide") == []  # one audit row for the one use case
    # the same outcome again (a form sent twice) changes nothing
    assert outcome(db, case_id, OutcomeIn(innsats="situasjonsbestemt", trenger_14a=True,
                                          note="Ringte 12345678 om planen, fnr 01818012345")) is None
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(KartleggingOutcome).where(KartleggingOutcome.case_id == case_id)) == 1
    # a correction is a new row, and the newest holds
    outcome(db, case_id, OutcomeIn(innsats="varig_tilpasset", trenger_14a=True))
    assert view(db, case_id)["kartlegging"]["innsats"] == "varig_tilpasset"


def test_only_a_kartlegging_in_review_gets_an_outcome(db):
    ikke = assessed(db, IKKE_AKTUELL)
    with pytest.raises(OutcomeRefused) as refused:
        outcome(db, ikke, OutcomeIn(innsats="standard", trenger_14a=False))
    assert refused.value.rule == kartlegging.NOT_KARTLEGGING
    waiting = register(db)
    run(db, DAY56)
    with pytest.raises(OutcomeRefused) as refused:
        outcome(db, waiting, OutcomeIn(innsats="standard", trenger_14a=False))
    assert refused.value.rule == kartlegging.NOT_IN_REVIEW
    # overridden to kartlegging, the ikke aktuell nå proposal gets its outcome
    with db.write() as s:
        decisions.decide(s, ikke, VEILEDER, "kartlegging", "Vil snakke om tilrettelegging")
    assert outcome(db, ikke, OutcomeIn(innsats="standard", trenger_14a=False)) is not None


@pytest.mark.parametrize("bad", [
    OutcomeIn(), OutcomeIn(innsats="middels", trenger_14a=False), OutcomeIn(innsats="standard"),
    OutcomeIn(innsats="standard", trenger_14a=False, ikke_aktuell_na=True),
    OutcomeIn(innsats="standard", trenger_14a=False, note="x" * 2001),
])
def test_a_malformed_outcome_is_refused_and_writes_nothing(db, bad):
    case_id = assessed(db, KARTLEGGING)
    with pytest.raises(OutcomeRefused):
        outcome(db, case_id, bad)
    assert view(db, case_id)["kartlegging"] is None and view(db, case_id)["status"] == "vurdert"


def test_ikke_aktuell_na_after_the_kartlegging_follows_the_checkpoints_from_that_day(db):
    case_id = assessed(db, KARTLEGGING)
    # recorded after week 17 has ended: that checkpoint is covered, week 26 is the next
    day = W17 + timedelta(days=3)
    assert outcome(db, case_id, OutcomeIn(ikke_aktuell_na=True, note="Friskmeldt snart"), day=day) is not None
    shown = view(db, case_id, day)
    assert shown["status"] == "ferdigbehandlet" and shown["kartlegging"]["outcome"] == "ikke_aktuell_na"
    decision = shown["assessment"]["veileder_decision"]
    assert decision["classification"] == "ikke_aktuell_na" and decision["overrides_proposal"] is True
    assert shown["next_due"] == {"what": "sjekkpunkt_uke26", "on": W26.isoformat()}
    run(db, W26)
    assert checkpoint_weeks(db, case_id) == [26] and view(db, case_id, W26)["status"] == "sjekkpunkt"
    # the innsats form is closed now: the standing is ikke aktuell nå
    with pytest.raises(OutcomeRefused):
        outcome(db, case_id, OutcomeIn(innsats="standard", trenger_14a=False), day=W26)


# -- new information ------------------------------------------------------------------------


@pytest.mark.parametrize("decide", [False, True])
def test_new_information_brings_a_decided_case_back_to_the_queue_at_once(db, decide):
    case_id = assessed(db, IKKE_AKTUELL)
    if decide:
        with db.write() as s:
            decisions.decide(s, case_id, VEILEDER, "ikke_aktuell_na", None)
    recorded = flag(db, case_id, "dialogmote", note="Arbeidsgiver ber om møte, tlf 98765432")
    assert recorded.created and recorded.reopened
    shown = view(db, case_id)
    assert shown["status"] == "ny_informasjon"
    assert shown["status_history"][-1]["note"] == "ny informasjon: ønske om dialogmøte"
    [entry] = shown["new_information"]
    assert (entry["kind"], entry["source"], entry["actor"]) == ("dialogmote", "veileder", "Z990161")
    assert entry["note"] == "Arbeidsgiver ber om møte, tlf [nummer fjernet]"
    assert shown["next_due"] is None  # in the queue now, no checkpoint waits while it is
    [row] = audits(db, case_id, "case.new_information")
    assert row.detail == {"kind": "dialogmote", "source": "veileder", "reopened": True, "note_length": len("Arbeidsgiver ber om møte, tlf 98765432")}
    assert due_text(None, status="ny_informasjon", classification="ikke_aktuell_na", returned_week=None,
                    today=DAY56).startswith("Ny informasjon")
    # more information while it waits is kept, without another move
    assert not flag(db, case_id, "oppfolgingsplan").reopened
    assert statuses(db, case_id).count("ny_informasjon") == 1


def test_new_information_on_a_case_still_being_asked_is_only_recorded(db):
    case_id = register(db)
    assert not flag(db, case_id, "annet").reopened  # registered, not yet invited
    run(db, DAY56)
    assert not flag(db, case_id, "annen_enhet").reopened
    assert view(db, case_id)["status"] == "invitert" and len(view(db, case_id)["new_information"]) == 2


def test_a_key_makes_the_signal_idempotent_per_case_and_entry_point(db):
    case_id = assessed(db, IKKE_AKTUELL)
    other = assessed(db, IKKE_AKTUELL)
    first = flag(db, case_id, "legeerklaering", actor=FEED, key="LE-1")
    again = flag(db, case_id, "legeerklaering", actor=FEED, key="LE-1")
    assert first.created and not again.created and again.entry.id == first.entry.id
    assert flag(db, other, "legeerklaering", actor=FEED, key="LE-1").created  # another case's key
    assert flag(db, case_id, "legeerklaering", actor=VEILEDER, key="LE-1").created  # another entry point's
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(NewInformation).where(NewInformation.case_id == case_id)) == 2
    assert view(db, case_id)["new_information"][0]["source"] == "feed"
    assert len(audits(db, case_id, "case.new_information")) == 2  # the repeat wrote nothing


def test_the_veileder_decides_again_or_marks_done_after_new_information(db):
    case_id = assessed(db, IKKE_AKTUELL)
    with db.write() as s:
        decisions.decide(s, case_id, VEILEDER, "ikke_aktuell_na", None)
    flag(db, case_id)
    # the same decision again is a new decision here, as at a checkpoint
    with db.write() as s:
        assert decisions.decide(s, case_id, VEILEDER, "ikke_aktuell_na", None, repeat_is_noop=True) is not None
    assert view(db, case_id)["status"] == "ferdigbehandlet"
    flag(db, case_id, "oppfolgingsplan")
    with db.write() as s:
        assert decisions.mark_done(s, case_id, VEILEDER)  # nothing new: the decision stands
    assert view(db, case_id)["status"] == "ferdigbehandlet"


# -- asking again -------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["chat", "sms"])
def test_asking_again_opens_a_round_and_tells_the_person_on_their_channel(db, channel):
    case_id = assessed(db, IKKE_AKTUELL, channel=channel)
    flag(db, case_id)
    day = DAY56 + timedelta(days=20)
    with db.write() as s:
        invitation = ask_again(s, case_id, VEILEDER, day, now=at(day))
        assert (invitation.round, invitation.deadline, invitation.closed_at) == (2, day + timedelta(days=14), None)
    shown = view(db, case_id, day)
    assert shown["status"] == "invitert" and shown["next_due"] == {"what": "frist", "on": (day + timedelta(days=14)).isoformat()}
    message = outbox_rows(db, case_id)[-1]
    kind = "sms_opening" if channel == "sms" else "invitation"
    assert (message.kind, message.round, message.idempotency_key) == (kind, 2, f"{case_id}:2:{kind}")
    text = message.payload["text"]
    assert "ny informasjon" in text and "frivillig" in text and "på nytt" in text
    for word in ("sykepenger", "må svare", "legeerklæring"):
        assert word not in text.lower()
    if channel == "chat":
        assert "{lenke}" in text and "ny informasjon" in message.payload["minside_text"]
        with db.read() as s:
            assert "ny informasjon" in outbox.render(message, s) and "/chat?t=" in outbox.render(message, s)
    [entry] = audits(db, case_id, "conversation.ask_again")
    assert entry.detail == {"round": 2, "deadline": (day + timedelta(days=14)).isoformat(), "channel": channel}
    # a second request while the round is open changes nothing and sends nothing
    with db.write() as s:
        assert ask_again(s, case_id, VEILEDER, day, now=at(day)) is None
    assert [m.kind for m in outbox_rows(db, case_id)].count(kind) == 2


def test_the_min_side_task_of_the_new_round_carries_its_own_words(db):
    case_id, day = asked_again(db)
    message = outbox_rows(db, case_id)[-1]
    sender = TaskSender(db, publisher=None)
    event = sender.event_for(outbox.Outgoing(message.id, case_id, message.kind, "chat", message.idempotency_key, ""))
    assert event.event == "opprett" and "ny informasjon" in event.text and event.link


def test_the_new_round_is_answered_and_assessed_like_any_other(db):
    case_id, day = asked_again(db)
    answer(db, case_id, day + timedelta(days=1), **KARTLEGGING)
    shown = view(db, case_id, day + timedelta(days=1))
    assert shown["status"] == "vurdert" and shown["assessment"]["classification"] == "kartlegging"
    assert shown["assessment"]["round"] == 2 and len(shown["assessments"]) == 2
    assert statuses(db, case_id)[-4:] == ["ny_informasjon", "invitert", "besvart", "vurdert"]


def test_no_answer_in_the_new_round_leaves_the_earlier_assessment_standing(db):
    case_id, day = asked_again(db)
    run(db, day + timedelta(days=14))
    shown = view(db, case_id, day + timedelta(days=14))
    assert shown["status"] == "vurdert" and len(shown["assessments"]) == 1
    assert shown["invitation"]["closed_at"] is not None


def test_asking_again_is_refused_without_new_information_or_contact(db):
    plain = assessed(db, IKKE_AKTUELL)
    with pytest.raises(NewInformationRefused) as refused, db.write() as s:
        ask_again(s, plain, VEILEDER, DAY56 + timedelta(days=5))
    assert refused.value.rule == new_information.NO_NEW_INFORMATION
    stopped = assessed(db, IKKE_AKTUELL)
    with db.write() as s:
        record_opt_out(s, conversation_of(db, stopped))
    flag(db, stopped)
    with pytest.raises(NewInformationRefused) as refused, db.write() as s:
        ask_again(s, stopped, VEILEDER, DAY56 + timedelta(days=5))
    assert refused.value.rule == new_information.NO_CONTACT
    reserved = assessed(db, IKKE_AKTUELL, reservert_digital=True)
    flag(db, reserved)
    with pytest.raises(CaseError), db.write() as s:
        ask_again(s, reserved, VEILEDER, DAY56 + timedelta(days=5))
    assert view(db, reserved)["status"] == "ny_informasjon"  # rolled back: still waiting for the veileder
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Decision).where(Decision.case_id == plain)) == 0


def test_a_person_can_still_change_the_situation_while_the_case_waits(db):
    case_id = assessed(db, IKKE_AKTUELL)
    flag(db, case_id)
    from uke8.cases.conversation import begin_new_round

    with db.write() as s:
        assert begin_new_round(s, conversation_of(db, case_id), DAY56 + timedelta(days=5)) == 2
    assert view(db, case_id)["status"] == "besvart"
    with db.write() as s:
        record_answer(s, conversation_of(db, case_id), "retur", "usikker", source="button", today=DAY56 + timedelta(days=5))


# -- the register feed carries the same signal ---------------------------------------------------


def test_the_feed_brings_new_information_once_per_key(db, tmp_path):
    import json

    from tests.factories import synthetic_fnr
    from uke8.lifecycle.importer import Importer
    from uke8.store.models import Case

    row = {"external_id": f"feed-ny-{synthetic_fnr()}", "fnr": synthetic_fnr(), "enhet": "0219",
           "start_date": START.isoformat(), "sykmeldingsgrad": 100}
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert Importer(db, today=DAY56).run(first).inserted == 1
    with db.read() as s:
        case_id = s.scalars(select(Case.id).where(Case.external_id == row["external_id"])).one()
    run(db, DAY56)
    answer(db, case_id, DAY56 + timedelta(days=1), **IKKE_AKTUELL)

    signalled = tmp_path / "signal.jsonl"
    signalled.write_text("\n".join([
        json.dumps(row | {"ny_informasjon": {"kind": "legeerklaering", "key": "LE-2026-001"}}),
        json.dumps(row | {"external_id": row["external_id"] + "-x", "ny_informasjon": {"kind": "røntgen", "key": "R-1"}}),
    ]) + "\n", encoding="utf-8")
    summary = Importer(db, today=DAY56 + timedelta(days=3)).run(signalled)
    assert (summary.unchanged, summary.new_information) == (1, 1)
    assert [r["line"] for r in summary.rejected] == [2] and "ny_informasjon" in summary.rejected[0]["reason"]
    assert "røntgen" not in summary.rejected[0]["reason"]
    shown = view(db, case_id)
    assert shown["status"] == "ny_informasjon"
    assert [(e["kind"], e["source"], e["actor"]) for e in shown["new_information"]] == [("legeerklaering", "feed", "import")]
    [entry] = audits(db, case_id, "case.new_information")
    assert entry.via == "feed" and entry.actor == "import"

    # the same file again: the key is known, nothing changes; CSV carries the signal as KIND:KEY
    assert Importer(db, today=DAY56 + timedelta(days=4)).run(signalled).new_information == 0
    csv = tmp_path / "signal.csv"
    csv.write_text("external_id,fnr,enhet,start_date,sykmeldingsgrad,ny_informasjon\n"
                   f"{row['external_id']},{row['fnr']},0219,{START.isoformat()},100,oppfolgingsplan:OP-7\n"
                   f"{row['external_id']},{row['fnr']},0219,{START.isoformat()},100,oppfolgingsplan:OP-7\n", encoding="utf-8")
    assert Importer(db, today=DAY56 + timedelta(days=5)).run(csv).new_information == 1
    assert [e["kind"] for e in view(db, case_id)["new_information"]] == ["legeerklaering", "oppfolgingsplan"]
    assert statuses(db, case_id).count("ny_informasjon") == 1
