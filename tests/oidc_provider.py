"""A small OpenID provider run by a test on 127.0.0.1: discovery, JWKS and token endpoint are
real HTTP, the ID token a real RS256 JWT. The review pages' sign-in (tests/pages/test_oidc.py)
and the chat page's ID-porten sign-in (tests/chat/test_chat_idporten.py) are tested against it."""
from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

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


@contextmanager
def serving(monkeypatch, **env: str) -> Iterator[Provider]:
    """A running provider with the client's settings in the environment (`{issuer}` in a value
    is the provider's issuer), and the app's cached settings and provider metadata cleared
    before and after."""
    from api.pages import oidc
    from uke8.settings import get_settings

    p = Provider()
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(issuer=p.issuer))
    get_settings.cache_clear()
    oidc._providers.clear()
    try:
        yield p
    finally:
        p.server.shutdown()
        oidc._providers.clear()
