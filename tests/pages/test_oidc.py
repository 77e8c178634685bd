"""OIDC sign-in (authorization code + PKCE) against a small OpenID provider run by the test on
127.0.0.1: discovery, JWKS and token endpoint are real HTTP, the ID token a real RS256 JWT."""
from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.oidc_provider import CLIENT_ID, serving
from tests.pages.conftest import make_veileder


@pytest.fixture
def provider(monkeypatch):
    with serving(monkeypatch, UKE8_ENV="production",
                 UKE8_SESSION_COOKIE_SECURE="false",  # the TestClient talks plain http
                 UKE8_OIDC_ISSUER="{issuer}", UKE8_OIDC_CLIENT_ID=CLIENT_ID,
                 UKE8_OIDC_REDIRECT_URI="http://testserver/logg-inn/oidc/callback") as p:
        yield p


def test_oidc_sign_in_for_a_known_veileder(client, provider):
    make_veileder(client, "Z710001", "7101")
    page = client.get("/logg-inn")
    assert "Logg inn med NAV-ID" in page.text and "Logg inn som" not in page.text
    r = client.get("/logg-inn/oidc", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(provider.issuer + "/authorize?")
    code, state = provider.authorize(r.headers["location"], {"NAVident": "Z710001"})
    assert provider.authorize_query["code_challenge_method"] == "S256"
    assert provider.authorize_query["redirect_uri"] == "http://testserver/logg-inn/oidc/callback"
    # a callback with another state (a forged link) is refused
    assert client.get(f"/logg-inn/oidc/callback?code={code}&state=forged", follow_redirects=False).headers["location"] == "/logg-inn?feil=oidc"
    r = client.get(f"/logg-inn/oidc/callback?code={code}&state={state}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/oversikt"
    assert "Z710001" in client.get("/oversikt").text


def test_oidc_person_unknown_to_the_veiledere_table_gets_no_access(client, provider):
    r = client.get("/logg-inn/oidc", follow_redirects=False)
    code, state = provider.authorize(r.headers["location"], {"NAVident": "Z710999"})
    r = client.get(f"/logg-inn/oidc/callback?code={code}&state={state}", follow_redirects=False)
    assert r.headers["location"] == "/logg-inn?feil=tilgang"
    assert client.get("/oversikt", follow_redirects=False).status_code == 303


def test_oidc_token_with_wrong_nonce_or_signature_is_refused(client, provider):
    make_veileder(client, "Z710002", "7102")
    r = client.get("/logg-inn/oidc", follow_redirects=False)
    code, state = provider.authorize(r.headers["location"], {"NAVident": "Z710002", "nonce": "replayed"})
    r = client.get(f"/logg-inn/oidc/callback?code={code}&state={state}", follow_redirects=False)
    assert r.headers["location"] == "/logg-inn?feil=oidc"
    r = client.get("/logg-inn/oidc", follow_redirects=False)
    code, state = provider.authorize(r.headers["location"], {"NAVident": "Z710002"})
    # the provider now signs with a key other than the one the API has from its JWKS (same kid)
    provider.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider.codes[code]["claims"] = {"NAVident": "Z710002"}
    r = client.get(f"/logg-inn/oidc/callback?code={code}&state={state}", follow_redirects=False)
    assert r.headers["location"] == "/logg-inn?feil=oidc"
