"""`uke8 import FILE`: sick-leave cases from the daily register feed, CSV or JSON Lines.

Columns are the case body of POST /api/v1/cases (INTERFACES.md), validated by the same
pydantic model, plus `grade_changes`: in JSON Lines a list of {"valid_from", "grade"}, in CSV
"2026-01-01:100;2026-02-01:50". Booleans in CSV: true/false, 1/0, ja/nei; an empty cell is
the default. A file may be gzip-compressed (FILE.gz).

New information (PRODUCT.md §3b): a row may carry `ny_informasjon`, in JSON Lines
{"kind": "legeerklaering", "key": "LE-2026-001"}, in CSV "legeerklaering:LE-2026-001" (kind:
legeerklaering | oppfolgingsplan | dialogmote | annen_enhet | annet; key: the feed's own id
for the signal, 1-64 characters). It is recorded on the row's case in the row's transaction
(uke8/cases/new_information.py) and brings a decided case back to the queue; the key makes it
idempotent, so a file imported twice records each signal once. The case's facts are
registered first, as for any row.

Streaming and batched: rows are read and validated one at a time and written in batches
(default 1000 rows, one transaction each; see uke8.cases.bulk). Idempotent on external_id: a
row already imported with the same content changes nothing; a changed row updates the facts,
flags and grade history. A bad row is reported with its line number and the reason, and
skipped; the other rows of its batch still go in. If the database refuses a batch, its rows
are retried one by one, so one row the database refuses never sinks the others.

Exit code: 0 when the file was read (some rows may be rejected: see the summary), 1 when it
had rows and every one was rejected, 2 when the file cannot be read (missing, unknown format,
a CSV header with unknown or missing columns, not UTF-8, a damaged or cut-short .gz). The
whole file is decompressed and decoded once before any row is written, so a file that cannot
be read is refused as a whole rather than half imported.

Nothing personal is printed: a rejected row is named by its line and external_id, and the
reasons never repeat the refused value.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from uke8.cases.input import NO_CONTROLS, CaseIn, without
from uke8.cases import bulk, new_information
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.store.db import Database, get_database

IMPORTER = Actor("system", "import", via="feed")
REQUIRED = ("external_id", "fnr", "enhet", "start_date", "sykmeldingsgrad")
BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "ja": True, "nei": False, "yes": True, "no": False}


class FileError(Exception):
    """The file as a whole cannot be imported."""


class RowError(Exception):
    """One row cannot be imported; the message never holds the refused value."""

    def __init__(self, message: str, external_id: str | None = None):
        super().__init__(message)
        self.external_id = external_id


class FeedSignal(BaseModel):
    """New information carried by a row: its kind and the feed's key for it."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(json_schema_extra={"enum": list(new_information.KINDS)})
    key: Annotated[str, AfterValidator(without(NO_CONTROLS))] = Field(min_length=1, max_length=new_information.KEY_MAX)

    @model_validator(mode="after")
    def known_kind(self) -> FeedSignal:
        if self.kind not in new_information.KINDS:
            raise ValueError("kind: expected one of " + ", ".join(new_information.KINDS))
        return self


class ImportRow(CaseIn):
    """The API's case body, plus what only a history of grades can get wrong, and the feed's
    new-information signal (not a fact of the case: NOT_CASE_FIELDS)."""

    NOT_CASE_FIELDS = frozenset({"ny_informasjon"})
    ny_informasjon: FeedSignal | None = None

    @model_validator(mode="after")
    def grade_changes_fit(self) -> ImportRow:
        days = [g.valid_from for g in self.grade_changes]
        if any(day < self.start_date for day in days):
            raise ValueError("grade_changes: a change is dated before start_date")
        if len(set(days)) != len(days):
            raise ValueError("grade_changes: two changes on the same day")
        return self

    def to_new_case(self) -> NewCase:
        return self.new_case()


COLUMNS = tuple(ImportRow.model_fields)


@dataclass
class Summary:
    file: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    new_information: int = 0  # signals recorded (a key seen before is not counted again)
    rejected: list[dict[str, Any]] = field(default_factory=list)  # {"line", "external_id", "reason"}
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows, "inserted": self.inserted, "updated": self.updated,
                "unchanged": self.unchanged, "new_information": self.new_information, "rejected": len(self.rejected), "seconds": round(self.seconds, 2),
                "rejected_rows": self.rejected}


# -- reading ------------------------------------------------------------------------------


GZIP_MAGIC = b"\x1f\x8b"
# What a damaged or cut-short gzip stream raises while it is read (BadGzipFile is an OSError).
GZIP_ERRORS = (OSError, EOFError, zlib.error)


def _binary(path: Path) -> io.BufferedIOBase:
    try:
        return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    except OSError as exc:
        raise FileError(f"cannot open {path}: {exc.strerror or exc}") from None


def _open(path: Path) -> io.TextIOBase:
    return io.TextIOWrapper(_binary(path), encoding="utf-8-sig", newline="")


def check_readable(path: Path) -> None:
    """Decompress and decode the whole file once, line by line, before anything is written.
    FileError names the first line that is not UTF-8, or what is wrong with the .gz; never
    the bytes themselves (they may be a fødselsnummer)."""
    number = 0
    with _binary(path) as stream:
        try:
            for number, line in enumerate(stream, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    hint = " (it looks gzip-compressed: name it FILE.gz)" if number == 1 and line.startswith(GZIP_MAGIC) else ""
                    raise FileError(f"line {number}, byte {exc.start + 1}: not UTF-8 ({exc.reason}){hint}; "
                                    "save the file as UTF-8 and import it again") from None
        except GZIP_ERRORS as exc:
            raise FileError(f"{path.name}: {_gzip_problem(exc)} (after line {number}); nothing was imported") from None


def _gzip_problem(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the gzip file is cut short"
    if isinstance(exc, gzip.BadGzipFile) and "Not a gzipped file" in str(exc):
        return "not a gzip file, though its name ends in .gz"
    return "the gzip file is damaged"


def detect_format(path: Path, given: str | None) -> str:
    if given:
        return given
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] == ".csv":
        return "csv"
    if suffixes and suffixes[-1] in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise FileError(f"cannot tell the format of {path.name}: use --format csv|jsonl")


def _grade_changes_from_csv(text: str) -> list[dict[str, str]]:
    changes = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        day, sep, grade = part.partition(":")
        if not sep:
            raise RowError("grade_changes: expected DATE:GRADE;DATE:GRADE, e.g. 2026-01-01:100;2026-02-01:50")
        changes.append({"valid_from": day.strip(), "grade": grade.strip()})
    return changes


def _signal_from_csv(text: str) -> dict[str, str]:
    kind, sep, key = text.partition(":")
    if not sep:
        raise RowError("ny_informasjon: expected KIND:KEY, e.g. legeerklaering:LE-2026-001")
    return {"kind": kind.strip(), "key": key.strip()}


def _csv_value(name: str, value: str) -> Any:
    if name == "grade_changes":
        return _grade_changes_from_csv(value)
    if name == "ny_informasjon":
        return _signal_from_csv(value)
    if CaseIn.model_fields[name].annotation is bool:
        if value.strip().lower() not in BOOLEANS:
            raise RowError(f"{name}: expected true/false, 1/0 or ja/nei")
        return BOOLEANS[value.strip().lower()]
    return value.strip()


def read_csv(stream: io.TextIOBase) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    reader = csv.reader(stream)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise FileError(f"line 1: the header is not CSV: {exc}") from None
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        raise FileError("the header " + "; ".join(filter(None, [
            f"has unknown columns: {', '.join(unknown)}" if unknown else "",
            f"lacks required columns: {', '.join(missing)}" if missing else "",
            "names a column twice" if len(set(header)) != len(header) else "",
        ])) + f" (known columns: {', '.join(COLUMNS)})")
    id_at = header.index("external_id")
    line = reader.line_num
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            yield start, RowError(f"not valid CSV: {exc}")
            continue
        line = reader.line_num
        if not values or all(not v.strip() for v in values):
            continue
        external_id = values[id_at].strip() if id_at < len(values) else None
        if len(values) != len(header):
            yield start, RowError(f"{len(values)} fields, the header has {len(header)}", external_id)
            continue
        try:
            yield start, {name: _csv_value(name, value) for name, value in zip(header, values) if value.strip() != ""}
        except RowError as exc:
            yield start, RowError(str(exc), external_id)


def read_jsonl(stream: io.TextIOBase) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    for number, text in enumerate(stream, start=1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield number, RowError(f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield number, value if isinstance(value, dict) else RowError("a line must be a JSON object")


def validate(raw: dict[str, Any]) -> NewCase:
    return validate_row(raw)[0]


def validate_row(raw: dict[str, Any]) -> tuple[NewCase, FeedSignal | None]:
    try:
        row = ImportRow.model_validate(raw)
        return row.to_new_case(), row.ny_informasjon
    except ValidationError as exc:
        raise RowError(_readable(exc)) from None


def _readable(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in error.get("loc", ()))
        message = error.get("msg", "invalid").removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


# -- writing ------------------------------------------------------------------------------


class Importer:
    def __init__(self, db: Database, *, batch_size: int = 1000, today: date | None = None):
        self.db, self.batch_size, self.today = db, batch_size, today or today_in_oslo()

    def run(self, path: Path, fmt: str | None = None) -> Summary:
        started = time.perf_counter()
        summary = Summary(file=str(path))
        reader = read_csv if detect_format(path, fmt) == "csv" else read_jsonl
        check_readable(path)
        batch: list[tuple[int, NewCase]] = []
        in_batch: set[str] = set()
        self.signals: dict[str, FeedSignal] = {}  # the batch's signals by external_id
        with _open(path) as stream:
            for line, raw in reader(stream):
                summary.rows += 1
                external_id = raw.get("external_id") if isinstance(raw, dict) else raw.external_id
                try:
                    if isinstance(raw, RowError):
                        raise raw
                    new, signal = validate_row(raw)
                except RowError as exc:
                    summary.rejected.append({"line": line, "external_id": _printable(external_id), "reason": str(exc)})
                    continue
                if new.external_id in in_batch:  # a later row for the same case: it goes after the earlier one
                    self._flush(batch, summary)
                    batch, in_batch = [], set()
                batch.append((line, new))
                in_batch.add(new.external_id)
                if signal is not None:
                    self.signals[new.external_id] = signal
                if len(batch) >= self.batch_size:
                    self._flush(batch, summary)
                    batch, in_batch = [], set()
        self._flush(batch, summary)
        summary.rejected.sort(key=lambda r: r["line"])
        summary.seconds = time.perf_counter() - started
        return summary

    def _flush(self, batch: list[tuple[int, NewCase]], summary: Summary) -> None:
        if not batch:
            return
        signals, self.signals = self.signals, {}
        try:
            with self.db.write() as session:
                outcomes, recorded = self._apply(session, [new for _, new in batch], signals)
        except Exception:  # noqa: BLE001 - the batch rolled back whole; find the row(s) the database refuses
            outcomes, recorded = [], 0
            for line, new in batch:
                try:
                    with self.db.write() as session:
                        more, signalled = self._apply(session, [new], signals)
                    outcomes += more
                    recorded += signalled
                except Exception as exc:  # noqa: BLE001
                    summary.rejected.append({"line": line, "external_id": new.external_id,
                                             "reason": f"the case store refused the row ({type(exc).__name__})"})
        for outcome in outcomes:
            setattr(summary, outcome.result, getattr(summary, outcome.result) + 1)
        summary.new_information += recorded

    def _apply(self, session, rows: list[NewCase], signals: dict[str, FeedSignal]) -> tuple[list[bulk.Outcome], int]:
        """Register the rows, then record their signals on their cases, in the same transaction."""
        outcomes = bulk.apply_batch(session, rows, IMPORTER, self.today)
        recorded = 0
        for outcome in outcomes:
            signal = signals.get(outcome.external_id)
            if signal is not None:
                recorded += new_information.record(session, outcome.case_id, IMPORTER, signal.kind, key=signal.key).created
        return outcomes, recorded


def _printable(value: Any) -> str | None:
    return value[:100] if isinstance(value, str) else None


# -- `uke8 import` ------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="CSV or JSON Lines (optionally .gz)")
    parser.add_argument("--format", choices=("csv", "jsonl"), help="default: from the file name")
    parser.add_argument("--batch-size", type=int, default=1000, help="rows per transaction (default 1000)")
    parser.add_argument("--today", type=date.fromisoformat, help="the day a grade without a date holds from (default: today in Europe/Oslo)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--show", type=int, default=50, help="rejected rows to list (default 50; --json lists all)")


def main(args: argparse.Namespace) -> int:
    try:
        summary = Importer(get_database(), batch_size=max(1, args.batch_size), today=args.today).run(args.file, args.format)
    except FileError as exc:
        print(f"uke8 import: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        print(f"{summary.file}: {summary.rows} rows in {summary.seconds:.1f} s")
        for name in ("inserted", "updated", "unchanged"):
            print(f"  {name:<10} {getattr(summary, name):>8}")
        if summary.new_information:
            print(f"  {'new information':<10} {summary.new_information:>8}")
        print(f"  {'rejected':<10} {len(summary.rejected):>8}")
        for row in summary.rejected[: args.show]:
            print(f"  line {row['line']}: {row['external_id'] or '-'}: {row['reason']}")
        if len(summary.rejected) > args.show:
            print(f"  … and {len(summary.rejected) - args.show} more (--json lists every one)")
    return 1 if summary.rows and len(summary.rejected) == summary.rows else 0
