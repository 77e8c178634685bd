"""Random sequences of use-case calls on one case never make a move the status machine
forbids, and every call that changes the case leaves one audit row, and one history row per
status move (hypothesis drives the sequences; the store is the session's, SQLite or PostgreSQL).

A call the rules refuse raises a CaseError and its transaction rolls back: nothing is written.
`mark_started` (the person opened the chat) is left out: it stamps the invitation without an
audit row, as it always has.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings, strategies as st
from sqlalchemy import func, select

from tests.factories import synthetic_fnr
from uke8.cases import answers, conversation, decisions, kartlegging, new_information
from uke8.cases.kartlegging import OutcomeIn
from uke8.lifecycle.ask_again import ask_again
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.cases.registration import NewCase, register_case
from uke8.cases.status import ALLOWED, Status
from uke8.lifecycle import steps
from uke8.store.models import AuditEntry, Case, StatusChange
from uke8.store.repositories import CaseRepository
from uke8.triage.catalogue import QUESTIONS

ADMIN = Actor("admin", "admin")
VEILEDER = Actor("veileder", "Z990777", frozenset({"0219"}), via="page")
START = date(2026, 9, 28)
ANSWERS = [(q.slot, code) for q in QUESTIONS.values() for code in q.codes]

answer = st.tuples(st.just("answer"), st.sampled_from(ANSWERS))
calls = st.one_of(
    st.tuples(st.just("invite")),
    answer, answer, answer,  # answers weigh more: most sequences should get past the questions
    st.tuples(st.just("skip")),
    st.tuples(st.sampled_from(["opt_out", "handoff", "storage_objection", "new_round"])),
    st.tuples(st.sampled_from(["remind", "deadline", "checkpoint", "done"])),
    st.tuples(st.just("decide"), st.sampled_from(["kartlegging", "ikke_aktuell_na", "tilpasset_hilsen"]),
              st.sampled_from([None, "begrunnet"])),
    st.tuples(st.just("wait"), st.sampled_from([1, 3, 8, 30, 60])),
    # after the questions (issue 16): new information, asking again, the kartlegging's outcome
    st.tuples(st.sampled_from(["new_information", "ask_again", "outcome_innsats", "outcome_ikke_aktuell"])),
)


def _call(session, case_id: str, today: date, call: tuple) -> None:
    name, *args = call
    invitation = CaseRepository(session).invitation_for_case(case_id)
    cid = invitation.conversation_id if invitation else None
    if name == "invite":
        steps.invite(session, case_id, today, ADMIN)
    elif name == "remind":
        steps.remind(session, case_id, today)
    elif name == "deadline":
        steps.close_at_deadline(session, case_id, today)
    elif name == "checkpoint":
        steps.return_at_checkpoint(session, case_id, today)
    elif name == "decide":
        decisions.decide(session, case_id, VEILEDER, args[0], args[1])
    elif name == "done":
        decisions.mark_done(session, case_id, VEILEDER)
    elif name == "new_information":
        new_information.record(session, case_id, VEILEDER, "legeerklaering")
    elif name == "ask_again":
        ask_again(session, case_id, VEILEDER, today)
    elif name.startswith("outcome_"):
        given = OutcomeIn(innsats="standard", trenger_14a=False) if name == "outcome_innsats" else OutcomeIn(ikke_aktuell_na=True)
        kartlegging.record_outcome(session, case_id, VEILEDER, given)
    elif cid is None:
        raise UnknownConversation("not invited yet")
    elif name == "answer":
        answers.record_answer(session, cid, *args[0], source="button", today=today)
    elif name == "skip":
        answers.assess_after_skipping(session, cid, today=today)
    elif name == "new_round":
        conversation.begin_new_round(session, cid, today)
    else:
        getattr(conversation, f"record_{name}")(session, cid)


def _rows(db, case_id: str) -> tuple[list[str], int, str]:
    with db.read() as s:
        history = list(s.scalars(select(StatusChange.status).where(StatusChange.case_id == case_id).order_by(StatusChange.id)))
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == case_id))
        return history, audits, s.get(Case, case_id).status


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(calls, min_size=1, max_size=24))
def test_no_call_sequence_makes_a_forbidden_move(db, sequence):
    with db.write() as s:
        case, _ = register_case(s, NewCase(external_id=f"prop-{synthetic_fnr()}", fnr=synthetic_fnr(), enhet="0219",
                                           start_date=START, sykmeldingsgrad=100), ADMIN)
        case_id = case.id
    history, audits, status = _rows(db, case_id)
    assert history == [Status.REGISTRERT] and audits == 1 and status == Status.REGISTRERT
    today = START + timedelta(days=56)
    for call in [("invite",), *sequence]:
        if call[0] == "wait":
            today += timedelta(days=call[1])
            continue
        try:
            with db.write() as s:
                _call(s, case_id, today, call)
        except (CaseError, UnknownConversation):
            refused = True  # rolled back: the counts below must not move
        else:
            refused = False
        after, audits_after, status_after = _rows(db, case_id)
        new = after[len(history):]
        assert after[:len(history)] == history, "history rows are only ever appended"
        previous = history[-1]
        for status in new:
            assert Status(status) in ALLOWED[Status(previous)], f"{call}: {previous} → {status}"
            previous = status
        assert status_after == after[-1], "the case's status is its last history row"
        if refused:
            assert (new, audits_after) == ([], audits), f"{call} was refused but wrote"
        elif new:
            assert audits_after - audits == 1, f"{call} moved {new} with {audits_after - audits} audit rows"
        else:
            assert audits_after - audits in (0, 1), f"{call} wrote {audits_after - audits} audit rows"
        event(f"reached {status_after}")
        history, audits = after, audits_after
