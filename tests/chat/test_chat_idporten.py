"""ID-porten sign-in on the chat page (UKE8_CHAT_LOGIN=idporten), in process, against the small
OpenID provider of the review pages' tests (tests/oidc_provider.py: real HTTP discovery, JWKS
and token endpoint, real RS256 ID tokens). Rasa is replaced by a stub: what is tested is who
gets in, not the conversation."""
from __future__ import annotations

import secrets
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories import synthetic_fnr
from tests.oidc_provider import CLIENT_ID, Provider, serving
from uke8.cases import registration
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.lifecycle import steps
from uke8.lifecycle.links import make_token
from uke8.settings import get_settings
from uke8.store.db import Database
from uke8.store.models import AuditEntry, ChatSession
from uke8.triage import chat_texts as texts

SEEDER = Actor("system", "test")
HIGH = {"acr": "idporten-loa-high"}


class Invited:
    def __init__(self, db: Database):
        today = today_in_oslo()
        self.fnr = synthetic_fnr()
        new = NewCase(external_id="t-" + secrets.token_hex(5), fnr=self.fnr, enhet="0315",
                      start_date=today - timedelta(days=55), sykmeldingsgrad=100,
                      fodselsdato=date(today.year - 40, 1, 15), channel="chat")
        with db.write() as session:
            case, _ = registration.register_case(session, new, SEEDER)
            self.case_id = case.id
        with db.write() as session:
            self.conversation_id = steps.invite(session, self.case_id, today, SEEDER).conversation_id
        self.token = make_token(self.conversation_id, today + timedelta(days=21), get_settings())


class StubRasa:
    async def events(self, conversation_id):
        return [{"event": "bot", "text": "Hei!"}]

    async def send(self, conversation_id, message, client_id=None):
        return [{"recipient_id": conversation_id, "text": "Takk for svaret."}]


@pytest.fixture
def idp(monkeypatch):
    with serving(monkeypatch, UKE8_CHAT_LOGIN="idporten", UKE8_IDPORTEN_ISSUER="{issuer}", UKE8_IDPORTEN_CLIENT_ID=CLIENT_ID,
                 UKE8_IDPORTEN_REDIRECT_URI="http://testserver/chat/innlogging/callback") as p:
        yield p


@pytest.fixture
def client(idp, monkeypatch) -> TestClient:
    from api.chat import routes
    from api.main import create_app

    monkeypatch.setattr(routes, "_rasa", lambda: StubRasa())
    return TestClient(create_app())


def open_link(client: TestClient, token: str):
    return client.get("/chat", params={"t": token}, follow_redirects=False)


def sign_in(client: TestClient, idp: Provider, token: str, claims: dict):
    r = open_link(client, token)
    assert r.status_code == 303 and r.headers["location"].startswith(idp.issuer + "/authorize?"), r.text
    code, state = idp.authorize(r.headers["location"], claims)
    return client.get("/chat/innlogging/callback", params={"code": code, "state": state}, follow_redirects=False)


def api(client: TestClient, token: str, message: str | None = None):
    headers = {"X-Chat-Token": token}
    if message is None:
        return client.get("/api/v1/chat/history", headers=headers)
    return client.post("/api/v1/chat/messages", headers=headers, json={"message": message})


def logins(db: Database, case_id: str) -> list[AuditEntry]:
    with db.read() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.action.like("chat.%"))
                               .order_by(AuditEntry.id)).all()
        session.expunge_all()
        return list(rows)


def test_the_right_person_at_the_high_level_opens_the_chat(client, idp, db):
    person = Invited(db)
    r = open_link(client, person.token)
    assert r.status_code == 303
    query = parse_qs(urlparse(r.headers["location"]).query)
    assert query["acr_values"] == ["idporten-loa-high"] and query["scope"] == ["openid"]
    assert query["code_challenge_method"] == ["S256"] and query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://testserver/chat/innlogging/callback"]
    assert person.token not in r.headers["location"]  # the link stays with us, not the provider

    code, state = idp.authorize(r.headers["location"], {"pid": person.fnr} | HIGH)
    r = client.get("/chat/innlogging/callback", params={"code": code, "state": state}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/chat?t={person.token}"
    cookie = r.headers["set-cookie"]
    assert "uke8_chat_sesjon=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert "Max-Age=1800" in cookie

    page = open_link(client, person.token)
    assert page.status_code == 200 and "chat.js" in page.text and texts.LOGOUT_BUTTON in page.text
    assert api(client, person.token).status_code == 200
    r = api(client, person.token, "ja")
    assert r.status_code == 200 and r.json()["messages"][0]["text"] == "Takk for svaret."
    [entry] = logins(db, person.case_id)
    assert (entry.action, entry.outcome, entry.actor_kind) == ("chat.login", "ok", "person")
    assert person.fnr not in str(entry.detail) + entry.actor  # never the fødselsnummer


def test_the_legacy_name_of_the_high_level_is_accepted(client, idp, db):
    person = Invited(db)
    assert sign_in(client, idp, person.token, {"pid": person.fnr, "acr": "Level4"}).status_code == 303
    assert api(client, person.token).status_code == 200


def test_another_person_is_refused_kindly_and_audited(client, idp, db):
    person = Invited(db)
    someone_else = Invited(db)  # known to the store: the audit names their pseudonymous person
    r = sign_in(client, idp, person.token, {"pid": someone_else.fnr} | HIGH)
    assert r.status_code == 403
    assert texts.LOGIN_WRONG_PERSON_TITLE in r.text and "chat.js" not in r.text
    assert person.case_id not in r.text and person.conversation_id not in r.text
    assert "uke8_chat_sesjon" not in r.headers.get("set-cookie", "")
    assert api(client, person.token).status_code == 401
    [entry] = logins(db, person.case_id)
    assert (entry.action, entry.outcome) == ("chat.login", "denied") and entry.detail["reason"] == "other_person"
    assert someone_else.fnr not in str(entry.detail) + entry.actor and entry.actor != "ukjent"

    stranger = synthetic_fnr()  # unknown to the store
    r = sign_in(client, idp, person.token, {"pid": stranger} | HIGH)
    assert r.status_code == 403
    assert logins(db, person.case_id)[-1].actor == "ukjent"


@pytest.mark.parametrize("claims", [{"acr": "idporten-loa-substantial"}, {}], ids=["substantial", "no-acr"])
def test_a_lower_level_of_assurance_is_refused(client, idp, db, claims):
    person = Invited(db)
    r = sign_in(client, idp, person.token, {"pid": person.fnr} | claims)
    assert r.status_code == 401 and texts.LOGIN_FAILED_TITLE in r.text
    assert api(client, person.token).status_code == 401
    [entry] = logins(db, person.case_id)
    assert entry.outcome == "denied" and entry.detail["reason"] == "acr"


def test_missing_wrong_or_replayed_state_is_refused(client, idp, db):
    person = Invited(db)
    r = open_link(client, person.token)
    code, state = idp.authorize(r.headers["location"], {"pid": person.fnr} | HIGH)
    for params in ({"code": code}, {"code": code, "state": "forged"}, {"state": state}):
        refused = client.get("/chat/innlogging/callback", params=params, follow_redirects=False)
        assert refused.status_code == 400 and texts.LOGIN_FAILED_TITLE in refused.text
    # the pending sign-in was used up by the refusals: even the right state is now refused
    assert client.get("/chat/innlogging/callback", params={"code": code, "state": state}, follow_redirects=False).status_code == 400

    r = open_link(client, person.token)
    pending = client.cookies.get("uke8_chat_innlogging")
    code, state = idp.authorize(r.headers["location"], {"pid": person.fnr} | HIGH)
    params = {"code": code, "state": state}
    assert client.get("/chat/innlogging/callback", params=params, follow_redirects=False).status_code == 303
    # the same callback again (a replay): the browser has no pending sign-in left ...
    assert client.get("/chat/innlogging/callback", params=params, follow_redirects=False).status_code == 400
    # ... and one that kept a copy of it gets nothing either: the code is spent at the provider
    kept = TestClient(client.app, cookies={"uke8_chat_innlogging": pending})
    r = kept.get("/chat/innlogging/callback", params=params, follow_redirects=False)
    assert r.status_code == 401 and "uke8_chat_sesjon" not in r.headers.get("set-cookie", "")
    assert [e.outcome for e in logins(db, person.case_id)] == ["ok"]


def test_a_token_with_another_nonce_is_refused(client, idp, db):
    person = Invited(db)
    r = sign_in(client, idp, person.token, {"pid": person.fnr, "nonce": "replayed"} | HIGH)
    assert r.status_code == 401
    assert api(client, person.token).status_code == 401


def test_a_token_signed_with_another_key_is_refused(client, idp, db):
    from cryptography.hazmat.primitives.asymmetric import rsa

    person, other = Invited(db), Invited(db)
    assert sign_in(client, idp, other.token, {"pid": other.fnr} | HIGH).status_code == 303  # the API has the JWKS now
    r = open_link(client, person.token)
    code, state = idp.authorize(r.headers["location"], {"pid": person.fnr} | HIGH)
    idp.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # not the key of that JWKS (same kid)
    assert client.get("/chat/innlogging/callback", params={"code": code, "state": state}, follow_redirects=False).status_code == 401


def test_the_link_token_alone_is_not_enough(client, idp, db):
    person = Invited(db)
    assert open_link(client, person.token).status_code == 303  # to ID-porten, no chat
    for r in (api(client, person.token), api(client, person.token, "ja")):
        assert r.status_code == 401 and r.json() == {"message": texts.LOGIN_REQUIRED, "reason": "login_required"}
    # a made-up session cookie changes nothing
    client.cookies.set("uke8_chat_sesjon", "made-up")
    assert api(client, person.token).status_code == 401
    # a bad link is still refused as before, before any sign-in
    assert open_link(client, person.token[:-3] + "AAA").status_code == 403


def test_a_session_for_one_case_does_not_open_another(client, idp, db):
    a, b = Invited(db), Invited(db)
    assert sign_in(client, idp, a.token, {"pid": a.fnr} | HIGH).status_code == 303
    assert api(client, a.token).status_code == 200
    assert api(client, b.token).status_code == 401
    assert api(client, b.token, "ja").status_code == 401
    assert open_link(client, b.token).status_code == 303  # B's page asks for a sign-in of its own


def test_signing_out_and_expiry_end_the_session(client, idp, db):
    person = Invited(db)
    assert sign_in(client, idp, person.token, {"pid": person.fnr} | HIGH).status_code == 303
    copied = client.cookies.get("uke8_chat_sesjon")
    r = client.post("/chat/logg-ut")
    assert r.status_code == 200 and texts.LOGGED_OUT_TITLE in r.text
    assert api(client, person.token).status_code == 401
    thief = TestClient(client.app, cookies={"uke8_chat_sesjon": copied})
    assert api(thief, person.token).status_code == 401  # revoked in the store, not only in the browser
    assert [e.action for e in logins(db, person.case_id)] == ["chat.login", "chat.logout"]

    assert sign_in(client, idp, person.token, {"pid": person.fnr} | HIGH).status_code == 303
    assert api(client, person.token).status_code == 200
    with db.write() as session:  # the session's time is up
        for row in session.scalars(select(ChatSession).where(ChatSession.case_id == person.case_id)):
            row.expires_at = row.created_at - timedelta(seconds=1)
    assert api(client, person.token).status_code == 401
    assert open_link(client, person.token).status_code == 303


def test_link_mode_is_unchanged(monkeypatch, db):
    from api.chat import routes
    from api.main import create_app

    monkeypatch.setenv("UKE8_CHAT_LOGIN", "link")
    get_settings.cache_clear()
    monkeypatch.setattr(routes, "_rasa", lambda: StubRasa())
    client = TestClient(create_app())
    person = Invited(db)
    page = open_link(client, person.token)
    assert page.status_code == 200 and "chat.js" in page.text and texts.LOGOUT_BUTTON not in page.text
    assert api(client, person.token).status_code == 200
    assert client.get("/chat/innlogging/callback", params={"code": "x", "state": "y"}).status_code == 404


def test_the_api_will_not_start_with_idporten_half_configured(monkeypatch):
    from uke8.startup import StartupRefused, check_chat_login

    monkeypatch.setenv("UKE8_ENV", "production")
    monkeypatch.delenv("UKE8_CHAT_LOGIN", raising=False)
    get_settings.cache_clear()
    assert get_settings().resolved_chat_login == "idporten"  # the production default
    with pytest.raises(StartupRefused, match="UKE8_IDPORTEN_ISSUER.*UKE8_IDPORTEN_CLIENT_SECRET"):
        check_chat_login(get_settings())
    monkeypatch.setenv("UKE8_CHAT_LOGIN", "link")
    get_settings.cache_clear()
    check_chat_login(get_settings())  # the weaker mode, chosen explicitly


def test_the_callbacks_code_never_reaches_the_access_log():
    from api.chat.security import scrub

    line = "GET /chat/innlogging/callback?code=secret-code&state=s1 HTTP/1.1"
    assert scrub(line) == "GET /chat/innlogging/callback?code=[skjult]&state=s1 HTTP/1.1"
