"""Issue 12 §1: the development sign-in (no password) is off unless UKE8_DEV_LOGIN asks for it,
answers only requests from loopback, and the API refuses to start with it in production.
`uke8 run` (the demo) turns it on and says so."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.pages.conftest import LOOPBACK, make_veileder
from uke8.settings import get_settings


def app_client(monkeypatch, *, dev_login: str | None, client=LOOPBACK, env: str | None = None) -> TestClient:
    from api.main import create_app

    if dev_login is None:
        monkeypatch.delenv("UKE8_DEV_LOGIN", raising=False)
    else:
        monkeypatch.setenv("UKE8_DEV_LOGIN", dev_login)
    if env is not None:
        monkeypatch.setenv("UKE8_ENV", env)
    get_settings.cache_clear()
    return TestClient(create_app(), client=client)


def try_dev_login(client: TestClient, ident: str, headers: dict | None = None):
    page = client.get("/logg-inn", headers=headers)
    listed = f"Logg inn som {ident}" in page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    # the CSRF cookie of the page is set either way; forge the form if the page has none
    token = found.group(1) if found else "x"
    if not found:
        client.cookies.set("uke8_innlogging", "x", path="/logg-inn")
    r = client.post("/logg-inn/utvikling", data={"csrf_token": token, "ident": ident, "neste": "/oversikt"},
                    headers=headers, follow_redirects=False)
    return listed, r


def test_dev_login_is_off_by_default_even_from_loopback(monkeypatch):
    client = app_client(monkeypatch, dev_login=None)
    make_veileder(client, "Z720001", "7201")
    listed, r = try_dev_login(client, "Z720001")
    assert not listed and "Utviklingsinnlogging" not in client.get("/logg-inn").text
    assert r.status_code == 404 and "uke8_sesjon" not in r.headers.get("set-cookie", "")
    assert client.get("/oversikt", follow_redirects=False).status_code == 303  # still signed out


@pytest.mark.parametrize("peer, headers", [
    (("203.0.113.7", 40000), None),                                   # another machine
    (("testclient", 50000), None),                                    # not an address at all
    (LOOPBACK, {"X-Forwarded-For": "203.0.113.7"}),                   # relayed by a local proxy
    (LOOPBACK, {"Forwarded": "for=203.0.113.7"}),
])
def test_dev_login_answers_only_loopback(monkeypatch, peer, headers):
    make_veileder(app_client(monkeypatch, dev_login="1"), "Z720002", "7202")
    client = app_client(monkeypatch, dev_login="1", client=peer)
    listed, r = try_dev_login(client, "Z720002", headers)
    assert not listed
    assert r.status_code == 404 and "uke8_sesjon" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize("peer", [LOOPBACK, ("::1", 50000)])
def test_dev_login_when_enabled_from_loopback_says_so(monkeypatch, peer):
    client = app_client(monkeypatch, dev_login="1", client=peer)
    make_veileder(client, "Z720003", "7203")
    page = client.get("/logg-inn").text
    assert "UKE8_DEV_LOGIN=1" in page and "bare fra denne maskinen" in page
    listed, r = try_dev_login(client, "Z720003")
    assert listed and r.status_code == 303 and r.headers["location"] == "/oversikt"
    assert "Z720003" in client.get("/oversikt").text


def test_the_api_refuses_to_start_with_dev_login_in_production(monkeypatch):
    with pytest.raises(RuntimeError, match="UKE8_DEV_LOGIN"):
        app_client(monkeypatch, dev_login="1", env="production")
    # without it, production starts
    assert app_client(monkeypatch, dev_login=None, env="production").get("/healthz").status_code == 200


def test_dev_login_set_in_production_after_start_stays_off(monkeypatch):
    client = app_client(monkeypatch, dev_login="1")
    make_veileder(client, "Z720004", "7204")
    monkeypatch.setenv("UKE8_ENV", "production")
    get_settings.cache_clear()
    listed, r = try_dev_login(client, "Z720004")
    assert not listed and r.status_code == 404


def test_make_run_turns_dev_login_on_for_the_demo_and_says_so():
    from uke8.dev.run import demo_sign_in_env

    env, said = demo_sign_in_env({})
    assert env == {"UKE8_DEV_LOGIN": "1"} and "ON" in said and "this machine only" in said
    assert demo_sign_in_env({"UKE8_ENV": "production"}) == ({}, "off (UKE8_ENV=production)")
    env, said = demo_sign_in_env({"UKE8_DEV_LOGIN": "0"})
    assert env == {} and said.startswith("off")
