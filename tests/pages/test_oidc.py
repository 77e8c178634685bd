"""OIDC sign-in (authorization code + PKCE) against a small OpenID provider run by the test on
127.0.0.1: discovery, JWKS and token endpoint are real HTTP, the ID token a real RS256 JWT."""
from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.pages.conftest import make_veileder
from uke8.dev.stack import free_port

CLIENT_ID = "uke8-test"


class Provider:
    def __init__(self):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}  # code -> {"challenge", "claims"}
        self.next_claims: dict = {}
        self.authorize_query: dict = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = urlparse(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._json({"issuer": provider.issuer, "authorization_endpoint": provider.issuer + "/authorize",
                                "token_endpoint": provider.issuer + "/token", "jwks_uri": provider.issuer + "/jwks"})
                elif path == "/jwks":
                    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
                    self._json({"keys": [jwk | {"kid": "k1", "use": "sig", "alg": "RS256"}]})
                else:
                    self._json({}, 404)

            def do_POST(self):
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                entry = provider.codes.pop(form.get("code"), None)
                challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
                if entry is None or entry["challenge"] != challenge or form.get("client_id") != CLIENT_ID:
                    return self._json({"error": "invalid_grant"}, 400)
                now = int(time.time())
                claims = {"iss": provider.issuer, "aud": CLIENT_ID, "sub": "abc", "iat": now, "exp": now + 300,
                          "nonce": entry["nonce"]} | entry["claims"]
                token = jwt.encode(claims, provider.key, algorithm="RS256", headers={"kid": "k1"})
                self._json({"id_token": token, "token_type": "Bearer"})

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def authorize(self, url: str, claims: dict) -> tuple[str, str]:
        """What the provider's login page would do: remember the request, hand back a code."""
        query = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
        self.authorize_query = query
        code = "code-" + query["state"][:8]
        self.codes[code] = {"challenge": query["code_challenge"], "nonce": query["nonce"], "claims": claims}
        return code, query["state"]


@pytest.fixture
def provider(monkeypatch):
    from api.pages import oidc
    from uke8.settings import get_settings

    p = Provider()
    monkeypatch.setenv("UKE8_ENV", "production")
    monkeypatch.setenv("UKE8_SESSION_COOKIE_SECURE", "false")  # the TestClient talks plain http
    monkeypatch.setenv("UKE8_OIDC_ISSUER", p.issuer)
    monkeypatch.setenv("UKE8_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("UKE8_OIDC_REDIRECT_URI", "http://testserver/logg-inn/oidc/callback")
    get_settings.cache_clear()
    oidc._providers.clear()
    yield p
    p.server.shutdown()
    oidc._providers.clear()


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
