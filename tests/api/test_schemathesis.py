"""Schemathesis over the JSON API's OpenAPI, in process, with the admin token and a veileder's:
no answer is a 5xx, every status is one the OpenAPI declares, every body matches its schema,
valid input is taken and invalid input refused (schemathesis' default checks).

Bounded: a few examples per operation and token, derandomized, so `make test` stays quick and
the same on every run. The run writes random cases and runs the scheduler as of random dates,
so it has a fresh case store of its own (tests/conftest.py's fresh_database), never the
session's.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from api.main import create_app
from tests.conftest import ADMIN_TOKEN, fresh_database
from uke8.settings import get_settings
from uke8.store import db as store_db

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
APP = create_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("schemathesis") / "uke8.db", "uke8_schemathesis") as url:
        yield url
        database = store_db._databases.pop(url, None)
        if database is not None:
            database.dispose()


@pytest.fixture
def tokens(settings_env, own_store: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    monkeypatch.setenv("UKE8_DATABASE_URL", own_store)
    get_settings.cache_clear()
    r = TestClient(APP).post("/api/v1/veiledere", json={"ident": "X990001", "enheter": ["0219"]}, headers=ADMIN)
    assert r.status_code == 200, r.text
    return {"admin": ADMIN, "veileder": {"Authorization": f"Bearer {r.json()['token']}"}}


# A case body's one rule JSON Schema cannot state (end_date not before start_date; the schema's
# description says it): schema-valid bodies that break it are rightly refused with 422, so
# "schema-valid input is accepted" is not asked of this one operation. Every other check is.
# The same for the statistics' period: fra not after til, at most three years, dates 2000-2100
# (JSON Schema has no bounds for dates; the parameters' descriptions say them).
CROSS_FIELD_RULES = {("POST", "/api/v1/cases"), ("GET", "/api/v1/statistics")}


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_openapi(case, tokens):
    excluded = [positive_data_acceptance] if (case.operation.method.upper(), case.operation.path) in CROSS_FIELD_RULES else []
    for headers in tokens.values():
        case.call_and_validate(headers=headers, excluded_checks=excluded)
