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

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

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
