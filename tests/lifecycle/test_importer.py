"""`uke8 import`: CSV and JSON Lines, idempotent on external_id, bad rows reported by line and
never sinking the others, the file as a whole refused only when it cannot be read."""
from __future__ import annotations

import gzip
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.factories import synthetic_fnr
from tests.lifecycle.conftest import PYTHON
from uke8.cases import registration
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.review.case_view import case_view
from uke8.lifecycle.importer import FileError, Importer
from uke8.dev.stack import PROJECT_ROOT
from uke8.store.models import AuditEntry, Case, GradeChange, PersonIdentity

TODAY = date(2026, 11, 23)
HEADER = "external_id,fnr,enhet,start_date,sykmeldingsgrad,gjentakende_fravaer,channel,mobil,grade_changes"


def importer(db, batch_size: int = 1000) -> Importer:
    return Importer(db, batch_size=batch_size, today=TODAY)


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def case_by_external(db, external_id: str) -> dict:
    with db.read() as s:
        case = s.scalars(select(Case).where(Case.external_id == external_id)).one()
        return case_view(s, case, TODAY)


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_csv_rows_are_imported_with_grade_history_and_flags_and_a_rerun_changes_nothing(own_store, tmp_path):
    db, _ = own_store
    path = write(tmp_path, "feed.csv", [
        HEADER,
        f"r-1,{synthetic_fnr()},0219,2026-09-01,50,nei,chat,,2026-09-01:100;2026-10-01:50",
        f"r-2,{synthetic_fnr()},0301,2026-09-15,100,ja,sms,+4700012345,",
        f"r-3,{synthetic_fnr()},4601,2026-10-01,100,,,,",
    ])
    summary = importer(db).run(path)
    assert (summary.rows, summary.inserted, summary.updated, summary.unchanged, summary.rejected) == (3, 3, 0, 0, [])
    one = case_by_external(db, "r-1")
    assert [(g["valid_from"], g["grade"]) for g in one["grade_history"]] == [("2026-09-01", 100), ("2026-10-01", 50)]
    assert one["sykmeldingsgrad"] == 50 and one["status"] == "registrert" and one["gjentakende_fravaer"] is False
    assert [h["status"] for h in one["status_history"]] == ["registrert"]
    two = case_by_external(db, "r-2")
    assert two["channel"] == "sms" and two["mobil_masked"].endswith("45") and two["gjentakende_fravaer"] is True
    assert case_by_external(db, "r-3")["channel"] == "chat" and case_by_external(db, "r-3")["next_due"] == {"what": "invitasjon", "on": "2026-11-25"}
    audits = count(db, AuditEntry)
    again = importer(db).run(path)
    assert (again.inserted, again.updated, again.unchanged, again.rejected) == (0, 0, 3, [])
    assert count(db, Case) == 3 and count(db, AuditEntry) == audits  # nothing written at all


def test_a_changed_row_updates_facts_flags_and_grade_history(own_store, tmp_path):
    db, _ = own_store
    fnr = synthetic_fnr()
    importer(db).run(write(tmp_path, "day1.csv", [HEADER, f"u-1,{fnr},0219,2026-09-01,100,nei,chat,,"]))
    summary = importer(db).run(write(tmp_path, "day2.jsonl", [json.dumps({
        "external_id": "u-1", "fnr": fnr, "enhet": "0219", "start_date": "2026-09-01", "sykmeldingsgrad": 40,
        "gjentakende_fravaer": True, "usikre_inngangsvilkar": True,
        "grade_changes": [{"valid_from": "2026-10-15", "grade": 40}],
    })]))
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 0)
    view = case_by_external(db, "u-1")
    assert view["sykmeldingsgrad"] == 40 and view["gjentakende_fravaer"] and view["usikre_inngangsvilkar"]
    assert [(g["valid_from"], g["grade"]) for g in view["grade_history"]] == [("2026-09-01", 100), ("2026-10-15", 40)]
    with db.read() as s:
        update = s.scalars(select(AuditEntry).where(AuditEntry.case_id == view["id"], AuditEntry.action == "case.update")).one()
    assert update.detail["changed"] == sorted(["grade_history", "gjentakende_fravaer", "sykmeldingsgrad", "usikre_inngangsvilkar"])
    # a new grade without a date holds from the import day
    importer(db).run(write(tmp_path, "day3.csv", [HEADER, f"u-1,{fnr},0219,2026-09-01,60,ja,chat,,2026-10-15:40"]))
    view = case_by_external(db, "u-1")
    assert view["sykmeldingsgrad"] == 60 and view["usikre_inngangsvilkar"] is False  # an empty cell is the default
    assert [(g["valid_from"], g["grade"]) for g in view["grade_history"]][-1] == ("2026-10-15", 40)


def test_the_import_and_the_api_agree_on_what_is_unchanged(own_store, tmp_path):
    db, _ = own_store
    fnr = synthetic_fnr()
    new = NewCase(external_id="same-1", fnr=fnr, enhet="0219", start_date=date(2026, 9, 1), sykmeldingsgrad=50,
                  grade_changes=[(date(2026, 9, 1), 100), (date(2026, 10, 1), 50)], employer_orgnr="912345678")
    with db.write() as s:
        registration.register_case(s, new, Actor("admin", "admin"))
    summary = importer(db).run(write(tmp_path, "same.jsonl", [json.dumps({
        "external_id": "same-1", "fnr": fnr, "enhet": "0219", "start_date": "2026-09-01", "sykmeldingsgrad": 50,
        "employer_orgnr": "912345678",
        "grade_changes": [{"valid_from": "2026-09-01", "grade": 100}, {"valid_from": "2026-10-01", "grade": 50}]})]))
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 0, 1)


def test_bad_rows_are_reported_by_line_and_the_good_ones_of_their_batch_still_go_in(own_store, tmp_path):
    db, _ = own_store
    bad_fnr = "1234567890"
    path = write(tmp_path, "mixed.csv", [
        HEADER,
        f"m-1,{synthetic_fnr()},0219,2026-09-01,100,,,,",
        f"m-2,{bad_fnr},0219,2026-09-01,100,,,,",
        f"m-3,{synthetic_fnr()},0219,2026-09-01,101,,,,",
        "",
        f"m-4,{synthetic_fnr()},0219,2026-09-01,100,kanskje,,,",
        f"m-5,{synthetic_fnr()},0219,2026-09-01,100,,sms,,",
        f"m-6,{synthetic_fnr()},0219,2026-09-01,100,,,,2026-08-01:100",
        f"m-7,{synthetic_fnr()},0219,2026-09-01,100,,,,2026-10-01=50",
        f"m-8,{synthetic_fnr()},0219,2026-09-01",
        f'"m-9,{synthetic_fnr()},0219,2026-09-01,100,,,,',
    ])
    summary = importer(db).run(path)
    reasons = {r["line"]: (r["external_id"], r["reason"]) for r in summary.rejected}
    assert summary.inserted == 1 and count(db, Case, Case.external_id == "m-1") == 1
    assert reasons[3][0] == "m-2" and "fnr" in reasons[3][1]
    assert "sykmeldingsgrad" in reasons[4][1]
    assert "gjentakende_fravaer" in reasons[6][1]
    assert "mobil" in reasons[7][1]
    assert "before start_date" in reasons[8][1]
    assert "DATE:GRADE" in reasons[9][1]
    assert "fields" in reasons[10][1]
    assert 11 in reasons
    assert bad_fnr not in json.dumps(summary.as_dict())


def test_jsonl_lines_and_a_repeated_case_later_in_the_same_file(own_store, tmp_path):
    db, _ = own_store
    fnr = synthetic_fnr()
    row = {"external_id": "j-1", "fnr": fnr, "enhet": "0219", "start_date": "2026-09-01", "sykmeldingsgrad": 100}
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")
        f.write("{not json\n")
        f.write("[1, 2]\n")
        f.write(json.dumps(row | {"external_id": "j-2", "nickname": "x"}) + "\n")
        f.write("\n")
        f.write(json.dumps(row | {"sykmeldingsgrad": 60}) + "\n")  # the same case, changed later in the file
        f.write(json.dumps(row | {"external_id": "j-3"}) + "\n")  # the same person, another sick leave
    summary = importer(db, batch_size=10).run(path)
    assert (summary.inserted, summary.updated) == (2, 1)
    assert [r["line"] for r in summary.rejected] == [2, 3, 4]
    assert "nickname" in summary.rejected[2]["reason"]
    assert case_by_external(db, "j-1")["sykmeldingsgrad"] == 60
    assert case_by_external(db, "j-1")["person_id"] == case_by_external(db, "j-3")["person_id"]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(PersonIdentity)) == 1


def test_a_row_the_database_refuses_does_not_sink_its_batch(own_store, tmp_path):
    db, _ = own_store
    with db.write() as s:  # a real refusal by the database, for one row only
        if db.is_sqlite:
            s.execute(text("CREATE TRIGGER refuse_poison BEFORE INSERT ON cases WHEN NEW.external_id = 'poison' "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
        else:
            s.execute(text("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN IF NEW.external_id = 'poison' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$"))
            s.execute(text("CREATE TRIGGER refuse_poison BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION refuse_poison()"))
    lines = [HEADER] + [f"p-{i},{synthetic_fnr()},0219,2026-09-01,100,,,," for i in range(5)]
    lines.insert(3, f"poison,{synthetic_fnr()},0219,2026-09-01,100,,,,")
    summary = importer(db).run(write(tmp_path, "poison.csv", lines))
    assert summary.inserted == 5
    [refused] = summary.rejected
    assert (refused["line"], refused["external_id"]) == (4, "poison") and "refused the row" in refused["reason"]
    assert count(db, Case, Case.external_id.like("p-%")) == 5 and count(db, Case, Case.external_id == "poison") == 0
    assert count(db, GradeChange) == 5  # the refused row left nothing behind


def uke8_import(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "uke8.cli", "import", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.processes
def test_exit_codes_and_nothing_personal_in_the_output(own_store, tmp_path):
    _, env = own_store
    fnr, bad_fnr = synthetic_fnr(), "9999999999"
    mixed = write(tmp_path, "mixed.csv", [HEADER, f"x-1,{fnr},0219,2026-09-01,100,,,,", f"x-2,{bad_fnr},0219,2026-09-01,100,,sms,+4700099999,"])
    done = uke8_import(env, str(mixed))
    assert done.returncode == 0 and "inserted          1" in done.stdout and "line 3: x-2: fnr" in done.stdout
    for secret in (fnr, bad_fnr, "+4700099999"):
        assert secret not in done.stdout + done.stderr
    all_bad = write(tmp_path, "bad.csv", [HEADER, f"y-1,{bad_fnr},0219,2026-09-01,100,,,,"])
    assert uke8_import(env, str(all_bad)).returncode == 1
    empty = write(tmp_path, "empty.csv", [HEADER])
    assert uke8_import(env, str(empty)).returncode == 0
    unknown_column = write(tmp_path, "cols.csv", ["external_id,fnr,enhet,start_date,sykmeldingsgrad,diagnose", f"z-1,{fnr},0219,2026-09-01,100,x"])
    done = uke8_import(env, str(unknown_column))
    assert done.returncode == 2 and "unknown columns: diagnose" in done.stderr
    missing_column = write(tmp_path, "cols2.csv", ["external_id,enhet,start_date,sykmeldingsgrad", "z-1,0219,2026-09-01,100"])
    assert uke8_import(env, str(missing_column)).returncode == 2
    assert uke8_import(env, str(tmp_path / "nowhere.csv")).returncode == 2
    assert uke8_import(env, str(write(tmp_path, "feed.txt", ["x"]))).returncode == 2
    done = uke8_import(env, str(mixed), "--json")
    assert json.loads(done.stdout)["unchanged"] == 1


def unreadable_feeds(tmp_path: Path, fnr: str) -> dict[str, tuple[Path, str]]:
    """Files that cannot be read as a whole, each with what the refusal must say. Every one of
    them has good rows before the bad spot: nothing of it may be imported."""
    good = [HEADER, f"u-1,{fnr},0219,2026-09-01,100,,,,", f"u-2,{synthetic_fnr()},0219,2026-09-01,100,,,,"]
    bad_row = f"u-3,{synthetic_fnr()},0219,2026-09-01,100,,,,Bjørn"
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("\n".join([*good, bad_row]).encode("latin-1"))
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("\n".join(good).encode("utf-16"))
    whole = gzip.compress(("\n".join(good * 200) + "\n").encode("utf-8"))
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    damaged = tmp_path / "damaged.csv.gz"
    damaged.write_bytes(whole[:20] + bytes(b ^ 0xFF for b in whole[20:60]) + whole[60:])
    not_gzip = tmp_path / "plain.csv.gz"
    not_gzip.write_text("\n".join(good) + "\n", encoding="utf-8")
    gzip_unnamed = tmp_path / "packed.csv"
    gzip_unnamed.write_bytes(whole)
    return {
        "latin-1": (latin1, f"line 4, byte {bad_row.index('ø') + 1}: not UTF-8"),
        "utf-16": (utf16, "line 1, byte 1: not UTF-8"),
        "cut .gz": (cut, "the gzip file is cut short"),
        "damaged .gz": (damaged, "the gzip file is damaged"),
        "not gzip": (not_gzip, "not a gzip file"),
        "gzip without .gz": (gzip_unnamed, "it looks gzip-compressed"),
    }


def test_a_file_that_is_not_utf8_or_a_broken_gz_is_refused_whole(own_store, tmp_path):
    db, _ = own_store
    for name, (path, says) in unreadable_feeds(tmp_path, synthetic_fnr()).items():
        with pytest.raises(FileError) as refused:
            importer(db, batch_size=1).run(path)
        assert says in str(refused.value), name
        assert count(db, Case) == 0, f"{name}: rows before the bad spot were imported"


@pytest.mark.processes
def test_uke8_import_says_what_is_wrong_with_an_unreadable_file_and_exits_2(own_store, tmp_path):
    _, env = own_store
    fnr = synthetic_fnr()
    feeds = unreadable_feeds(tmp_path, fnr)
    for name in ("latin-1", "cut .gz"):  # the others are refused the same way (the test above)
        path, says = feeds[name]
        done = uke8_import(env, str(path))
        assert done.returncode == 2, f"{name}: {done.returncode} {done.stderr[-300:]}"
        assert "Traceback" not in done.stderr and says in done.stderr and done.stdout == "", name
        assert fnr not in done.stderr and "Bjørn" not in done.stderr
