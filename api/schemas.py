"""Request bodies of the JSON API. Refusals come back as 422 with a readable message that never
repeats the refused value.

Every list and string is bounded, and so is every paging parameter (MAX_OFFSET). The JSON API
takes JSON's own types strictly (`CaseBody`): `false` is not a grade and `0` is not a date.
`CaseIn` (uke8/cases/input.py, shared with the register feed's import) is the same body read
leniently, for the feed's CSV, where every value is text.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from uke8.cases.input import (  # noqa: F401  (the API's bodies share the feed's rules and bounds)
    E164,
    MAX_GRADE_CHANGES,
    NO_CONTROLS,
    TEXT_WITHOUT_CONTROLS,
    CaseIn,
    GradeChangeIn,
    without as _without,
)

# ASCII digits only: \d would also take other scripts' digits.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Paging: far beyond any real queue or outbox, well inside the databases' 64-bit integers.
MAX_OFFSET = 10_000_000
MAX_ENHETER = 50


def parse_iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD text (or a date) is a date, in bodies and query strings alike: pydantic
    would also take a number (today=0 is 1970-01-01), a timestamp or 20261123."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD, e.g. 2026-11-23")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a real date written YYYY-MM-DD") from None


IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]


def _json_int(value: Any) -> Any:
    """JSON's integer: 55 and 55.0 (JSON Schema counts both), never true/false or "55"."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true or false")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value  # anything else meets the strict int check


JsonInt = Annotated[int, BeforeValidator(_json_int)]

class GradeChangeBody(GradeChangeIn):
    model_config = ConfigDict(extra="forbid", strict=True)
    valid_from: IsoDate
    grade: JsonInt = Field(ge=0, le=100)


class CaseBody(CaseIn):
    """A sick-leave case as the JSON API takes it: CaseIn with JSON's types taken strictly.
    end_date, when given, is not before start_date."""

    model_config = ConfigDict(extra="forbid", strict=True)
    start_date: IsoDate
    sykmeldingsgrad: JsonInt = Field(ge=0, le=100)
    stillingsprosent: JsonInt = Field(default=100, ge=0, le=100)
    fodselsdato: IsoDate | None = None
    end_date: IsoDate | None = None
    grade_changes: list[GradeChangeBody] = Field(default_factory=list, max_length=MAX_GRADE_CHANGES)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    classification: Literal["kartlegging", "ikke_aktuell_na"]
    reason: Annotated[str, AfterValidator(_without(TEXT_WITHOUT_CONTROLS))] | None = Field(
        default=None, max_length=2000, json_schema_extra={"pattern": TEXT_WITHOUT_CONTROLS})


Note = Annotated[str, AfterValidator(_without(TEXT_WITHOUT_CONTROLS))]


class KartleggingIn(BaseModel):
    """The kartlegging's outcome (uke8/cases/kartlegging.py): a behovsvurdering, `innsats` with
    `trenger_14a`; or `ikke_aktuell_na: true` (then neither of them): the person is "ikke
    aktuell nå" after all, and the case follows the checkpoints of weeks 17, 26 and 39. `note`:
    the veileder's short note (identifiers are masked before it is stored)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    innsats: Literal["standard", "situasjonsbestemt", "spesielt_tilpasset", "varig_tilpasset"] | None = None
    trenger_14a: bool | None = Field(default=None, description="whether a §14a vedtak is needed; required with innsats")
    ikke_aktuell_na: bool = False
    note: Note | None = Field(default=None, max_length=2000, json_schema_extra={"pattern": TEXT_WITHOUT_CONTROLS})

    @model_validator(mode="after")
    def one_outcome(self) -> KartleggingIn:
        if self.ikke_aktuell_na:
            if self.innsats is not None or self.trenger_14a is not None:
                raise ValueError("ikke_aktuell_na: true takes no innsats or trenger_14a")
        elif self.innsats is None:
            raise ValueError("give innsats (with trenger_14a), or ikke_aktuell_na: true")
        elif self.trenger_14a is None:
            raise ValueError("trenger_14a (true or false) is required with innsats")
        return self


class NewInformationIn(BaseModel):
    """New information on the case (uke8/cases/new_information.py): it returns to the queue now.
    `key` (optional): the caller's id for this signal; the same key again changes nothing."""

    model_config = ConfigDict(extra="forbid", strict=True)
    kind: Literal["legeerklaering", "oppfolgingsplan", "dialogmote", "annen_enhet", "annet"]
    note: Note | None = Field(default=None, max_length=2000, json_schema_extra={"pattern": TEXT_WITHOUT_CONTROLS})
    key: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")


# -- the thread after the questions (api/routes/messages.py, uke8/thread) ---------------------

# Text with at least one visible character and no control characters but tab and line breaks:
# one pattern, so that every schema-valid body is one the route can take.
VISIBLE_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
VisibleText = Annotated[str, AfterValidator(_without(VISIBLE_TEXT))]
CLIENT_KEY = r"^[A-Za-z0-9._:-]+$"


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    slots: list[Annotated[str, Field(max_length=40, json_schema_extra={"format": "date-time"})]] = Field(
        min_length=1, max_length=3, description="1-3 times, ISO 8601 with their UTC offset, e.g. 2027-01-12T10:00:00+01:00")
    form: Literal["kontor", "video", "telefon", "arbeidsplass"]


class ThreadMessageIn(BaseModel):
    """A veileder's message to the person, perhaps proposing a meeting (uke8/thread/delivery.py).
    `client_key` (or the Idempotency-Key header): the same key again returns the first message."""

    model_config = ConfigDict(extra="forbid", strict=True)
    text: VisibleText = Field(min_length=1, max_length=2000, json_schema_extra={"pattern": VISIBLE_TEXT})
    meeting: MeetingIn | None = None
    client_key: str | None = Field(default=None, min_length=1, max_length=62, pattern=CLIENT_KEY)


class RevealIn(BaseModel):
    """Show the person's fødselsnummer or phone number; `purpose` is audited with the showing."""

    model_config = ConfigDict(extra="forbid", strict=True)
    what: Literal["fnr", "telefon"]
    purpose: VisibleText = Field(min_length=3, max_length=200, json_schema_extra={"pattern": VISIBLE_TEXT},
                                 description="why it is needed, e.g. \"ringe for å avtale samtale\"")


class VeilederIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    ident: str = Field(pattern=r"^[A-Z]\d{6}$", description="NAV-ident, e.g. Z123456")
    enheter: list[Annotated[str, Field(pattern=r"^\d{4}$", description="NAV-enhet: 4 digits")]] = Field(
        min_length=1, max_length=MAX_ENHETER)
    navn: VisibleText | None = Field(default=None, max_length=80, json_schema_extra={"pattern": VISIBLE_TEXT},
                                     description="the name the person sees under the veileder's messages; left out: unchanged")

    @field_validator("enheter")
    @classmethod
    def enheter_once_each(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


# -- refusals, as the OpenAPI declares them ------------------------------------------------


class ErrorOut(BaseModel):
    """A refusal: `detail` is one sentence (`message` too, where the answer carries it)."""

    detail: str
    message: str | None = None


class ValidationItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    """422: one readable sentence for people, FastAPI's list (without the refused values) for tools."""

    message: str
    detail: list[ValidationItem]
