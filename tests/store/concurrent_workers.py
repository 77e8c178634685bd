"""Worker functions run in separate processes by test_concurrency (module level, so spawn can import them)."""
from __future__ import annotations

import os
from datetime import date

from uke8.cases import answers
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.store.db import Database


def _db(url: str, secret: str) -> Database:
    os.environ["UKE8_SECRET_KEY"] = secret
    return Database(url)


def write_free_texts(url: str, secret: str, conversation_id: str, worker: int, count: int) -> int:
    db = _db(url, secret)
    for i in range(count):
        with db.write() as s:
            answers.record_free_text(s, conversation_id, "oppfolging", f"arbeider {worker} skriver melding {i}")
    db.dispose()
    return count


def update_facts(url: str, secret: str, new: dict, count: int) -> int:
    db = _db(url, secret)
    for i in range(count):
        body = NewCase(**new)
        body.stillingsprosent = 50 + i
        with db.write() as s:
            registration.register_case(s, body, Actor("admin", "admin"))
    db.dispose()
    return count


def invite(url: str, secret: str, case_id: str) -> str:
    db = _db(url, secret)
    with db.write() as s:
        conversation_id = steps.invite(s, case_id, date(2026, 11, 23), Actor("system", "planlegger")).conversation_id
    db.dispose()
    return conversation_id
