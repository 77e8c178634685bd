"""The case store through its use cases, on SQLite or PostgreSQL (see conftest)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.factories import synthetic_fnr, synthetic_mobile
from uke8.cases.answers import record_answer, record_free_text
from uke8.cases import conversation
from uke8.cases import decisions
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError, UnknownConversation
from uke8.cases.registration import NewCase
from uke8.review.case_view import case_view
from uke8.store.models import AnswerRecord, Case, PersonIdentity, StatusChange

ADMIN = Actor("admin", "admin")
TODAY = date(2026, 11, 23)


def new_case(**kw) -> NewCase:
    values = dict(
        external_id=f"ext-{synthetic_fnr()}",
        fnr=synthetic_fnr(),
        enhet="0219",
        start_date=TODAY - timedelta(days=55),
        sykmeldingsgrad=100,
    )
    values.update(kw)
    return NewCase(**values)


def register_and_invite(db, **kw) -> tuple[str, str]:
    with db.write() as s:
        case, _ = registration.register_case(s, new_case(**kw), ADMIN)
    with db.write() as s:
        invitation = steps.invite(s, case.id, TODAY, ADMIN)
        return case.id, invitation.conversation_id


def answer(db, conversation_id: str, **answers: str):
    result = None
    for slot, code in answers.items():
        with db.write() as s:
            result = record_answer(s, conversation_id, slot, code, source="button", today=TODAY)
    return result


def statuses(db, case_id: str) -> list[str]:
    with db.read() as s:
        return [h.status for h in s.scalars(select(StatusChange).where(StatusChange.case_id == case_id).order_by(StatusChange.id))]


def test_register_is_idempotent_on_external_id(db):
    body = new_case()
    with db.write() as s:
        first, created = registration.register_case(s, body, ADMIN)
    with db.write() as s:
        again, created_again = registration.register_case(s, body, ADMIN)
    assert created and not created_again
    assert first.id == again.id


def test_register_updates_facts_and_grade_history(db):
    body = new_case()
    with db.write() as s:
        case, _ = registration.register_case(s, body, ADMIN)
    body.sykmeldingsgrad = 40
    body.grade_changes = [(body.start_date + timedelta(days=20), 40)]
    body.gjentakende_fravaer = True
    with db.write() as s:
        registration.register_case(s, body, ADMIN)
    with db.read() as s:
        view = case_view(s, s.get(Case, case.id))
    assert view["sykmeldingsgrad"] == 40 and view["gjentakende_fravaer"] is True
    assert [g["grade"] for g in view["grade_history"]] == [100, 40]


def test_same_person_two_cases_share_a_pseudonym_and_one_identity_row(db):
    fnr = synthetic_fnr()
    with db.write() as s:
        a, _ = registration.register_case(s, new_case(fnr=fnr), ADMIN)
        b, _ = registration.register_case(s, new_case(fnr=fnr), ADMIN)
    assert a.person_id == b.person_id
    with db.read() as s:
        assert len(s.scalars(select(PersonIdentity).where(PersonIdentity.person_id == a.person_id)).all()) == 1


def test_fnr_and_mobile_are_nowhere_in_readable_form(db, backend):
    fnr, mobil = synthetic_fnr(), synthetic_mobile()
    case_id, _ = register_and_invite(db, fnr=fnr, channel="sms", mobil=mobil)
    with db.read() as s:
        conn = s.connection()
        tables = [t for t in ("cases", "person_identities", "audit_log", "status_history", "invitations", "assessments", "persons")]
        for table in tables:
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                dump = " ".join(str(v) for v in row)
                assert fnr not in dump, table
                assert mobil not in dump and mobil[1:] not in dump, table
        view = case_view(s, s.get(Case, case_id))
    assert fnr not in str(view) and mobil not in str(view)
    assert view["mobil_masked"].endswith(mobil[-2:])


def test_invitation_is_idempotent_and_screened(db):
    case_id, conversation_id = register_and_invite(db)
    with db.write() as s:
        again = steps.invite(s, case_id, TODAY, ADMIN)
    assert again.conversation_id == conversation_id
    assert again.screening == "sporsmal"
    assert statuses(db, case_id) == ["registrert", "invitert"]


def test_pregnancy_related_case_is_excluded_without_greeting(db):
    case_id, _ = register_and_invite(db, svangerskapsrelatert=True)
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    assert view["status"] == "ekskludert"
    assert view["invitation"]["screening"] == "ekskludert_ingen_hilsen"
    assert view["assessment"]["classification"] == "ekskludert_ingen_hilsen"


def test_older_person_gets_tailored_greeting_and_goes_to_queue(db):
    case_id, conversation_id = register_and_invite(db, fodselsdato=date(1958, 1, 1))
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
        state = conversation.conversation_state(s, conversation_id)
    assert view["assessment"]["classification"] == "tilpasset_hilsen"
    assert "tilpasset_hilsen" in view["assessment"]["reasons"]
    assert view["status"] == "vurdert"
    assert not state.open_for_answers


def test_answers_are_snapshots_and_complete_answers_are_assessed(db):
    case_id, conversation_id = register_and_invite(db)
    result = answer(db, conversation_id, retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    assert result.assessment["classification"] == "ikke_aktuell_na"
    assert result.assessment["reasons"] == ["god_relasjon_kort_varighet"]
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    first = view["answers"][0]
    assert first["question"]["text"].startswith("Hvor sannsynlig er det")
    assert [o["code"] for o in first["question"]["options"]] == ["veldig_sannsynlig", "usikker", "lite_sannsynlig"]
    assert first["catalogue_version"] == "catalogue-v1" and first["rule_version"] == "triage-v1"
    assert view["assessment"]["answers"] == {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker", "varighet_usikker_grunn": None}
    assert statuses(db, case_id) == ["registrert", "invitert", "besvart", "vurdert"]


def test_double_submission_stores_once(db):
    case_id, conversation_id = register_and_invite(db)
    answer(db, conversation_id, retur="usikker")
    with db.write() as s:
        again = record_answer(s, conversation_id, "retur", "usikker", source="button")
    assert not again.stored
    with db.read() as s:
        assert len(s.scalars(select(AnswerRecord).where(AnswerRecord.case_id == case_id)).all()) == 1


def test_q3_usikker_needs_the_reason_before_assessing(db):
    _, conversation_id = register_and_invite(db, sykmeldingsgrad=20)
    result = answer(db, conversation_id, retur="veldig_sannsynlig", relasjon="god", varighet="usikker")
    assert result.assessment is None
    result = answer(db, conversation_id, varighet_usikker_grunn="behandling")
    assert result.assessment["classification"] == "ikke_aktuell_na"
    assert result.assessment["reasons"] == ["usikker_varighet_behandling_lav_grad"]


def test_unknown_code_and_unknown_conversation_are_refused(db):
    _, conversation_id = register_and_invite(db)
    with pytest.raises(CaseError), db.write() as s:
        record_answer(s, conversation_id, "retur", "kanskje", source="text")
    with pytest.raises(UnknownConversation), db.write() as s:
        record_answer(s, "k-does-not-exist", "retur", "usikker", source="text")


def test_free_text_is_redacted_before_it_is_stored(db):
    case_id, conversation_id = register_and_invite(db)
    with db.write() as s:
        record_answer(s, conversation_id, "retur", "usikker", source="text", raw_text="usikker, har fått depresjon og tar sertralin")
        categories = record_free_text(s, conversation_id, "oppfolging", "ryggen er operert og jeg har vondt", question_id="q1")
    assert categories
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    stored = view["answers"][0]["raw_text"] + " " + view["free_texts"][0]["text"]
    for word in ("depresjon", "sertralin", "operert", "vondt"):
        assert word not in stored
    assert "[helseopplysning fjernet]" in stored


def test_opt_out_records_reservert_and_refuses_further_answers(db):
    case_id, conversation_id = register_and_invite(db)
    answer(db, conversation_id, retur="lite_sannsynlig")
    with db.write() as s:
        conversation.record_opt_out(s, conversation_id)
    assert statuses(db, case_id)[-1] == "reservert"
    with pytest.raises(CaseError), db.write() as s:
        record_answer(s, conversation_id, "relasjon", "god", source="button")


def test_deadline_without_answers_applies_no_answer_rules(db):
    high, _ = register_and_invite(db, sykmeldingsgrad=30)
    low, _ = register_and_invite(db, sykmeldingsgrad=29)
    with db.write() as s:
        assert steps.close_at_deadline(s, high, TODAY + timedelta(days=13)) is None  # not yet
    with db.write() as s:
        a = steps.close_at_deadline(s, high, TODAY + timedelta(days=14))
        b = steps.close_at_deadline(s, low, TODAY + timedelta(days=14))
    assert (a.classification, a.reasons) == ("kartlegging", ["ubesvart_grad_30_eller_mer"])
    assert (b.classification, b.reasons) == ("ikke_aktuell_na", ["ubesvart_lav_grad"])
    assert statuses(db, high)[-2:] == ["ubesvart", "vurdert"]
    with db.write() as s:
        assert steps.close_at_deadline(s, high, TODAY + timedelta(days=15)) is None  # only once


def test_partial_answers_count_at_the_deadline(db):
    case_id, conversation_id = register_and_invite(db, sykmeldingsgrad=10)
    answer(db, conversation_id, retur="usikker")
    with db.write() as s:
        record = steps.close_at_deadline(s, case_id, TODAY + timedelta(days=20))
    assert (record.classification, record.reasons) == ("kartlegging", ["retur_usikker_eller_lite_sannsynlig"])
    assert statuses(db, case_id)[-2:] == ["besvart", "vurdert"]


def test_decision_confirm_override_and_history(db):
    case_id, conversation_id = register_and_invite(db)
    answer(db, conversation_id, retur="veldig_sannsynlig", relasjon="vanskelig", varighet="under_26_uker")
    veileder = Actor("veileder", "Z990001", frozenset({"0219"}))
    with pytest.raises(CaseError), db.write() as s:
        decisions.decide(s, case_id, veileder, "ikke_aktuell_na", None)  # override needs a reason
    with db.write() as s:
        decisions.decide(s, case_id, veileder, "ikke_aktuell_na", "Har snakket med arbeidsgiver, konflikten er løst")
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    assert view["status"] == "ferdigbehandlet"
    assert view["assessment"]["classification"] == "kartlegging"
    assert view["assessment"]["veileder_decision"]["overrides_proposal"] is True


def test_changed_situation_creates_new_assessment_and_keeps_the_old(db):
    case_id, conversation_id = register_and_invite(db)
    answer(db, conversation_id, retur="veldig_sannsynlig", relasjon="god", varighet="under_26_uker")
    with db.write() as s:
        assert conversation.begin_new_round(s, conversation_id) == 2
    answer(db, conversation_id, retur="lite_sannsynlig", relasjon="god", varighet="over_26_uker")
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    assert [a["classification"] for a in view["assessments"]] == ["ikke_aktuell_na", "kartlegging"]
    assert view["assessment"]["round"] == 2


def test_storage_objection_removes_free_text_but_keeps_codes(db):
    case_id, conversation_id = register_and_invite(db)
    with db.write() as s:
        record_answer(s, conversation_id, "retur", "usikker", source="text", raw_text="vet ikke helt, mye på jobb")
        record_free_text(s, conversation_id, "oppfolging", "sjefen min er vanskelig")
        conversation.record_storage_objection(s, conversation_id)
    with db.read() as s:
        view = case_view(s, s.get(Case, case_id))
    assert view["storage_objection"] and view["free_texts"] == []
    assert view["answers"][0]["code"] == "usikker" and view["answers"][0]["raw_text"] is None


@pytest.mark.parametrize("table", ["status_history", "audit_log"])
def test_history_and_audit_are_append_only(db, table):
    register_and_invite(db)
    with pytest.raises(DBAPIError), db.write() as s:
        s.execute(text(f"UPDATE {table} SET actor = 'someone else'"))
    with pytest.raises(DBAPIError), db.write() as s:
        s.execute(text(f"DELETE FROM {table}"))
