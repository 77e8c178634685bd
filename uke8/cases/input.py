"""The input of a sick-leave case, as the register feed delivers it: the JSON API's body
(api/schemas.py CaseBody reads it with JSON's types strictly) and the import's rows
(uke8/lifecycle/importer.py reads the CSV's text leniently) share this one model, its bounds
and the rules between its fields. `new_case()` hands it to the registration use case.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from uke8.cases.registration import NewCase
from uke8.triage.persons import birth_date_from_fnr

E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# A sick leave lasts at most a year: a grade change a week is 52.
MAX_GRADE_CHANGES = 100

# Text is stored, and PostgreSQL cannot store NUL: control characters are refused (an identifier
# has none at all; free text keeps tab and line breaks). The patterns are in the OpenAPI too.
NO_CONTROLS = r"^[^\x00-\x1f\x7f]*$"
TEXT_WITHOUT_CONTROLS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def without(pattern: str):
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

    NOT_CASE_FIELDS: ClassVar[frozenset[str]] = frozenset()

    external_id: Annotated[str, AfterValidator(without(NO_CONTROLS))] = Field(
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
    reservert_digital: bool = Field(default=False, description=(
        "the contact register (KRR) says no digital contact: nothing digital is sent, the queue "
        "says to reach the person another way"))
    har_arbeidsgiver: bool = Field(default=True, description=(
        "false for people without an employer (arbeidsledig, frilanser, selvstendig næringsdrivende): "
        "asked without the employer question and assessed by triage-v2"))
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

    def new_case(self, **extra) -> NewCase:
        """The registration use case's input (`extra`: what the feed adds, e.g. health categories)."""
        # A subclass's own fields that are signals about the case, not facts of it (the import's
        # ny_informasjon), stay out of NewCase: NOT_CASE_FIELDS.
        return NewCase(**self.model_dump(exclude={"grade_changes", "fodselsdato", *self.NOT_CASE_FIELDS}), fodselsdato=self.birth_date(),
                       grade_changes=[(g.valid_from, g.grade) for g in self.grade_changes], **extra)


class GradeChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    valid_from: date
    grade: int = Field(ge=0, le=100)


CaseIn.model_rebuild()
