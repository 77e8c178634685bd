"""Request bodies of the JSON API. Refusals come back as 422 with a readable message."""
from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from uke8.triage.persons import birth_date_from_fnr

E164 = re.compile(r"^\+[1-9]\d{7,14}$")


class CaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    external_id: str = Field(min_length=1, max_length=100)
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
    mobil: str | None = Field(default=None, description="E.164, required for sms")
    employer_orgnr: str | None = Field(default=None, pattern=r"^\d{9}$")
    end_date: date | None = None
    grade_changes: list[GradeChangeIn] = Field(default_factory=list)

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


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    classification: Literal["kartlegging", "ikke_aktuell_na"]
    reason: str | None = Field(default=None, max_length=2000)


class VeilederIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ident: str = Field(pattern=r"^[A-Z]\d{6}$", description="NAV-ident, e.g. Z123456")
    enheter: list[str] = Field(min_length=1)

    @field_validator("enheter")
    @classmethod
    def enheter_are_four_digits(cls, value: list[str]) -> list[str]:
        bad = [e for e in value if not re.fullmatch(r"\d{4}", e)]
        if bad:
            raise ValueError(f"an enhet is 4 digits; got {bad}")
        return sorted(set(value))
