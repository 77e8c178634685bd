"""`uke8 seed-scale`: many synthetic cases for the scale benchmark of the review pages.

Bulk inserts (SQLAlchemy Core, executemany in batches) of cases in every state, with the
rows the pages read: invitation, grade, status history, answer snapshots, the triage-v1
proposal (computed by the real rules), veileder decisions and audit entries. Synthetic only:
no fødselsnummer or phone number is made at all (no person_identities rows; every case is a
chat case), free texts are fixed harmless phrases. Enheter 9001–9020, the largest (9001) with
about a fifth of the cases; a veileder Z99NNNN per enhet.
"""
from __future__ import annotations

import argparse
import random
import time
import uuid
from datetime import date, datetime, time as dtime, timedelta, timezone

from sqlalchemy import func, insert, select

from uke8.clock import today_in_oslo
from uke8.store.db import Database
from uke8.store.migrate import upgrade
from uke8.store.models import (
    AnswerRecord, AssessmentRecord, AuditEntry, Case, Decision, GradeChange, Invitation, Person, StatusChange, Veileder,
)
from uke8.store.projection import reason_mask
from uke8.triage import CATALOGUE_VERSION, RULE_VERSION, Answers, CaseFacts, classify
from uke8.triage.catalogue import QUESTIONS, snapshot

ENHETER = [f"90{n:02d}" for n in range(1, 21)]
WEIGHTS = [20] + [80 / 19] * 19
BATCH = 2000
FOLLOW_UPS = ("Det kommer an på hvordan det går framover", "Jeg vil gjerne snakke med noen", "Usikker på jobben")


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, dtime(8 + rng.randrange(9), rng.randrange(60)), tzinfo=timezone.utc)


def _one(rng: random.Random, index: int, today: date, run: str) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {k: [] for k in ("persons", "cases", "invitations", "grades", "history", "answers", "assessments", "decisions", "audit")}
    case_id, person_id = str(uuid.uuid4()), str(uuid.uuid4())
    enhet = rng.choices(ENHETER, WEIGHTS)[0]
    start = today - timedelta(days=rng.randrange(20, 420))
    grade = rng.choice((20, 40, 50, 60, 80, 100, 100, 100))
    recurring = rng.random() < 0.06
    born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
    created = _at(start, rng)
    case = dict(
        id=case_id, external_id=f"skala-{run}-{index}", person_id=person_id, enhet=enhet, employer_orgnr=None,
        start_date=start, end_date=None, sykmeldingsgrad=grade, fodselsdato=born, gjentakende_fravaer=recurring,
        usikre_inngangsvilkar=False, alvorlig_diagnose=False, svangerskapsrelatert=False, uforetrygd_100=False,
        stillingsprosent=100, channel=rng.choice(("chat", "chat", "sms")), mobil_sealed=None, mobil_hash=None,
        status="registrert", handoff_requested=rng.random() < 0.04, opted_out=False, storage_objection=False,
        assigned_to=None, created_at=created, updated_at=created, proposal=None, reason_mask=0, invited_on=None,
        checkpoint_week=None,
    )
    rows["persons"].append(dict(id=person_id, created_at=created))
    rows["grades"].append(dict(case_id=case_id, valid_from=start, grade=grade, recorded_at=created))
    history = [dict(case_id=case_id, status="registrert", actor="skala", note=None, at=created)]
    rows["audit"].append(dict(at=created, actor="skala", actor_kind="system", action="case.create", case_id=case_id, outcome="ok", detail={}))
    invited_on = start + timedelta(days=55)
    if invited_on > today:
        rows["cases"].append(case)
        rows["history"].extend(history)
        return rows
    case["channel"] = "chat"  # no phone numbers in synthetic scale data
    age = (today - invited_on).days
    invited_at = _at(invited_on, rng)
    screening = "tilpasset_hilsen" if rng.random() < 0.05 else "sporsmal"
    rows["invitations"].append(dict(
        case_id=case_id, conversation_id="k-" + uuid.uuid4().hex, channel="chat", screening=screening, invited_on=invited_on,
        deadline=invited_on + timedelta(days=14), invited_at=invited_at, reminded_at=None, started_at=None, closed_at=None, round=1,
    ))
    case["invited_on"] = invited_on
    history.append(dict(case_id=case_id, status="invitert", actor="planlegger", note=None, at=invited_at))
    last = invited_at
    facts = CaseFacts(sykmeldingsgrad=grade, gjentakende_fravaer=recurring)
    classification = reasons = None
    answers: dict[str, str] = {}
    if screening == "tilpasset_hilsen":
        classification, reasons = "tilpasset_hilsen", ["tilpasset_hilsen"]
    else:
        answers_all = rng.random() < (0.85 if age >= 14 else 0.5)
        if answers_all:
            answers = {
                "retur": rng.choices(("veldig_sannsynlig", "usikker", "lite_sannsynlig"), (82, 13, 5))[0],
                "relasjon": rng.choices(("god", "vanskelig", "verken_eller"), (90, 6, 4))[0],
                "varighet": rng.choices(("under_26_uker", "over_26_uker", "usikker"), (80, 9, 11))[0],
            }
            if answers["varighet"] == "usikker":
                answers["varighet_usikker_grunn"] = rng.choice(("behandling", "annet"))
            answered_at = invited_at + timedelta(hours=rng.randrange(1, 72))
            for slot, code in answers.items():
                q = next(q for q in QUESTIONS.values() if q.slot == slot)
                rows["answers"].append(dict(
                    case_id=case_id, invitation_index=0, round=1, question_id=q.id, slot=slot, code=code,
                    question=snapshot(q.id), raw_text=rng.choice(FOLLOW_UPS) if rng.random() < 0.2 else None,
                    source=rng.choice(("button", "digit", "nlu")), confidence=None, channel="chat",
                    catalogue_version=CATALOGUE_VERSION, rule_version=RULE_VERSION, answered_at=answered_at,
                ))
            result = classify(Answers.from_mapping(answers), facts, deadline_passed=False)
            history.append(dict(case_id=case_id, status="besvart", actor="samtale", note=None, at=answered_at))
            last = answered_at
            source = "samtale"
        elif age >= 14:
            result = classify(Answers(), facts, deadline_passed=True)
            last = _at(invited_on + timedelta(days=14), rng)
            history.append(dict(case_id=case_id, status="ubesvart", actor="planlegger", note="ingen svar innen fristen", at=last))
            source = "frist"
        else:
            result = None
            case["status"] = "invitert"
        if result is not None:
            classification, reasons = result.classification.value, list(result.reasons)
    if classification is not None:
        rows["assessments"].append(dict(
            case_id=case_id, round=1, classification=classification, reasons=reasons, answers=answers, facts={},
            source="screening" if screening == "tilpasset_hilsen" else source, rule_version=RULE_VERSION,
            catalogue_version=CATALOGUE_VERSION, created_at=last,
        ))
        history.append(dict(case_id=case_id, status="vurdert", actor="samtale", note=None, at=last))
        case.update(status="vurdert", proposal=classification, reason_mask=reason_mask(reasons))
        if classification in ("kartlegging", "ikke_aktuell_na") and rng.random() < min(0.9, age / 40):
            overrides = rng.random() < 0.06
            decided = classification if not overrides else ("ikke_aktuell_na" if classification == "kartlegging" else "kartlegging")
            decided_at = last + timedelta(days=rng.randrange(1, 10))
            rows["decisions"].append(dict(
                case_id=case_id, veileder_ident=f"Z99{enhet}", classification=decided,
                reason="Syntetisk begrunnelse" if overrides else None, overrides_proposal=overrides, created_at=decided_at,
            ))
            history.append(dict(case_id=case_id, status="ferdigbehandlet", actor=f"Z99{enhet}", note="overstyrt" if overrides else "bekreftet", at=decided_at))
            case["status"] = "ferdigbehandlet"
            last = decided_at
    case["updated_at"] = last
    rows["cases"].append(case)
    rows["history"].extend(history)
    return rows


def seed_scale(db: Database, cases: int, seed: int = 8) -> dict:
    rng = random.Random(seed)
    today = today_in_oslo()
    run = uuid.uuid4().hex[:6]
    started = time.monotonic()
    with db.write() as session:
        for enhet in ENHETER:
            if session.get(Veileder, f"Z99{enhet}") is None:
                session.add(Veileder(ident=f"Z99{enhet}", enheter=[enhet], token_hash=uuid.uuid4().hex + uuid.uuid4().hex))
    done = 0
    while done < cases:
        n = min(BATCH, cases - done)
        batch: dict[str, list[dict]] = {}
        for i in range(n):
            for k, v in _one(rng, done + i, today, run).items():
                batch.setdefault(k, []).extend(v)
        with db.engine.begin() as conn:
            conn.execute(insert(Person), batch["persons"])
            conn.execute(insert(Case), batch["cases"])
            conn.execute(insert(GradeChange), batch["grades"])
            if batch["invitations"]:
                conn.execute(insert(Invitation), batch["invitations"])
                ids = dict(conn.execute(select(Invitation.case_id, Invitation.id).where(
                    Invitation.case_id.in_([r["case_id"] for r in batch["invitations"]]))).all())
                for a in batch["answers"]:
                    a.pop("invitation_index", None)
                    a["invitation_id"] = ids[a["case_id"]]
            if batch["answers"]:
                conn.execute(insert(AnswerRecord), batch["answers"])
            if batch["assessments"]:
                conn.execute(insert(AssessmentRecord), batch["assessments"])
                assessed = dict(conn.execute(select(AssessmentRecord.case_id, AssessmentRecord.id).where(
                    AssessmentRecord.case_id.in_([r["case_id"] for r in batch["assessments"]]))).all())
                for d in batch["decisions"]:
                    d["assessment_id"] = assessed[d["case_id"]]
            if batch["decisions"]:
                conn.execute(insert(Decision), batch["decisions"])
            conn.execute(insert(StatusChange), batch["history"])
            conn.execute(insert(AuditEntry), batch["audit"])
        done += n
        print(f"  {done}/{cases} cases ({time.monotonic() - started:.0f} s)", flush=True)
    # What autovacuum would do soon after a bulk load: statistics, and the visibility map
    # that lets the queue's counts and pages be index-only scans.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if not db.is_sqlite else "ANALYZE")
    with db.read() as session:
        total = session.scalar(select(func.count()).select_from(Case))
    return {"inserted": cases, "total_cases": total, "seconds": round(time.monotonic() - started, 1)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--url", help="database URL (default: UKE8_DATABASE_URL or the SQLite file)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (the data differs per run in ids only)")


def main(args: argparse.Namespace) -> int:
    from uke8.settings import get_settings

    url = args.url or get_settings().resolved_database_url()
    upgrade(url)
    result = seed_scale(Database(url), args.cases, args.seed)
    print(f"seeded {result['inserted']} synthetic cases in {result['seconds']} s; {result['total_cases']} cases in the store")
    return 0
