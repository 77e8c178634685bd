"""Request bodies of the JSON API. Refusals come back as 422 with a readable message that never
repeats the refused value.

Every list and string is bounded, and so is every paging parameter (MAX_OFFSET). The JSON API
takes JSON's own types strictly (`CaseBody`): `false` is not a grade and `0` is not a date.
`CaseIn` is the same body read leniently, for the register feed's CSV, where every value is text.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from uke8.triage.persons import birth_date_from_fnr

E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# ASCII digits only: \d would also take other scripts' digits.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Paging: far beyond any real queue or outbox, well inside the databases' 64-bit integers.
MAX_OFFSET = 10_000_000
# A sick leave lasts at most a year: a grade change a week is 52.
MAX_GRADE_CHANGES = 100
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

# Text is stored, and PostgreSQL cannot store NUL: control characters are refused (an identifier
# has none at all; free text keeps tab and line breaks). The patterns are in the OpenAPI too.
NO_CONTROLS = r"^[^\x00-\x1f\x7f]*$"
TEXT_WITHOUT_CONTROLS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _without(pattern: str):
    compiled = re.compile(pattern)

    def check(value: str | None) -> str | None:
        if value is not None and not compiled.fullmatch(value):  # (match: $ passes a final newline)
            raise ValueError("must not contain control characters")
        return value

    return check


class CaseIn(BaseModel):
    # The OpenAPI says what it can of the rules between fields: sms needs a mobil. (That
    # end_date is not before start_date, JSON Schema cannot say; it is in the description.)
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "if": {"properties": {"channel": {"const": "sms"}}, "required": ["channel"]},
        "then": {"required": ["mobil"], "properties": {"mobil": {"type": "string"}}},
    })

    external_id: Annotated[str, AfterValidator(_without(NO_CONTROLS))] = Field(
        min_length=1, max_length=100, json_schema_extra={"pattern": NO_CONTROLS})
    fnr: str = Field(description="11 digits", pattern=r"^\d{11}$")
    enhet: str = Field(description="NAV-enhet: 4 digits", pattern=r"^\d{4}$")
    start_date: date
    sykmeldingsgrad: int = Field(ge=0, le=100)
    fodselsdato: date | None = None
    gjentakende_fravaer: bool = False
    usikre_inngangsvilkar: bool = False
    alvorlig_diagnose: bool = False
    svangerskapsrelatert: bool = False
    uforetrygd_100: bool = False
    stillingsprosent: int = Field(default=100, ge=0, le=100)
    channel: Literal["chat", "sms"] = "chat"
    mobil: str | None = Field(default=None, max_length=16, description="E.164, required for sms",
                              json_schema_extra={"pattern": E164.pattern})
    employer_orgnr: str | None = Field(default=None, pattern=r"^\d{9}$")
    end_date: date | None = None
    grade_changes: list[GradeChangeIn] = Field(default_factory=list, max_length=MAX_GRADE_CHANGES)

    @field_validator("mobil")
    @classmethod
    def mobil_is_e164(cls, value: str | None) -> str | None:
        if value is not None and not E164.match(value):
            raise ValueError("mobil must be an E.164 number such as +4799999999")
        return value

    @model_validator(mode="after")
    def consistent(self) -> CaseIn:
        if self.channel == "sms" and not self.mobil:
            raise ValueError("mobil is required when channel is sms")
        if self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self

    def birth_date(self) -> date | None:
        return self.fodselsdato or birth_date_from_fnr(self.fnr)


class GradeChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    valid_from: date
    grade: int = Field(ge=0, le=100)


CaseIn.model_rebuild()


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


class VeilederIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    ident: str = Field(pattern=r"^[A-Z]\d{6}$", description="NAV-ident, e.g. Z123456")
    enheter: list[Annotated[str, Field(pattern=r"^\d{4}$", description="NAV-enhet: 4 digits")]] = Field(
        min_length=1, max_length=MAX_ENHETER)

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
