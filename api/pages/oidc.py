"""Sign-in through an OpenID Connect provider (authorization code flow with PKCE).

Production sign-in for the review pages (for NAV: Entra ID, with the NAVident claim). Set
UKE8_OIDC_ISSUER, UKE8_OIDC_CLIENT_ID, UKE8_OIDC_CLIENT_SECRET and UKE8_OIDC_REDIRECT_URI
(ending in /logg-inn/oidc/callback); optionally UKE8_OIDC_SCOPES and UKE8_OIDC_IDENT_CLAIM.
The provider only says who the person is: what they may see (their enheter) comes from the
veiledere table, so a person the table does not know gets no access.

The same client serves the chat page's ID-porten sign-in (api/chat/idporten.py) with its own
OidcClient: another issuer and client, and acr_values for the level of assurance.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from uke8.settings import Settings

DISCOVERY_TTL_SECONDS = 3600


class OidcError(Exception):
    """The provider's answer could not be trusted or used; the page says sign-in failed."""


@dataclass(frozen=True)
class OidcStart:
    url: str
    state: str
    nonce: str
    verifier: str

    def cookie_value(self) -> str:
        return f"{self.state}.{self.nonce}.{self.verifier}"


@dataclass(frozen=True)
class OidcClient:
    """Who we are at one provider, and what the authorization request adds (`extra`)."""

    issuer: str
    client_id: str
    client_secret: str | None
    redirect_uri: str
    scopes: str
    extra: tuple[tuple[str, str], ...] = ()

    @classmethod
    def review_pages(cls, settings: Settings) -> OidcClient:
        if not settings.oidc_configured:
            raise OidcError("OIDC is not configured")
        return cls(settings.oidc_issuer or "", settings.oidc_client_id or "", settings.oidc_client_secret,
                   settings.oidc_redirect_uri or "", settings.oidc_scopes)


def parse_cookie(value: str | None) -> tuple[str, str, str] | None:
    parts = (value or "").split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 and all(parts) else None


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class OidcProvider:
    def __init__(self, settings: Settings, http: httpx.Client | None = None, client: OidcClient | None = None):
        self.settings = settings
        self.client = client or OidcClient.review_pages(settings)
        self.issuer = self.client.issuer.rstrip("/")
        self.http = http or httpx.Client(timeout=10)
        self._metadata: dict[str, Any] | None = None
        self._fetched_at = 0.0
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def metadata(self) -> dict[str, Any]:
        with self._lock:
            if self._metadata is None or time.monotonic() - self._fetched_at > DISCOVERY_TTL_SECONDS:
                r = self.http.get(self.issuer + "/.well-known/openid-configuration")
                r.raise_for_status()
                data = r.json()
                if data.get("issuer", "").rstrip("/") != self.issuer:
                    raise OidcError("discovery document names another issuer")
                self._metadata, self._fetched_at = data, time.monotonic()
                self._jwks = jwt.PyJWKClient(data["jwks_uri"], cache_keys=True)
            return self._metadata

    def start(self) -> OidcStart:
        state, nonce, verifier = (secrets.token_urlsafe(24) for _ in range(3))
        query = {
            "response_type": "code",
            "client_id": self.client.client_id,
            "redirect_uri": self.client.redirect_uri,
            "scope": self.client.scopes,
            "state": state,
            "nonce": nonce,
            "code_challenge": _challenge(verifier),
            "code_challenge_method": "S256",
        } | dict(self.client.extra)
        return OidcStart(self.metadata()["authorization_endpoint"] + "?" + urlencode(query), state, nonce, verifier)

    def finish(self, code: str, nonce: str, verifier: str) -> dict[str, Any]:
        """Exchange the code and return the verified ID token's claims."""
        meta = self.metadata()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.client.redirect_uri,
            "client_id": self.client.client_id,
            "code_verifier": verifier,
        }
        if self.client.client_secret:
            form["client_secret"] = self.client.client_secret
        r = self.http.post(meta["token_endpoint"], data=form)
        if r.status_code != 200:
            raise OidcError(f"token endpoint answered {r.status_code}")
        id_token = r.json().get("id_token")
        if not id_token:
            raise OidcError("no id_token in the token response")
        assert self._jwks is not None
        try:
            key = self._jwks.get_signing_key_from_jwt(id_token)
            claims = jwt.decode(
                id_token, key.key, algorithms=["RS256", "ES256", "PS256"], audience=self.client.client_id,
                issuer=meta["issuer"], options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as e:
            raise OidcError(f"ID token refused: {type(e).__name__}") from e
        if not isinstance(claims.get("nonce"), str) or not secrets.compare_digest(claims["nonce"], nonce):
            raise OidcError("ID token nonce does not match")
        return claims

    def ident(self, claims: dict[str, Any]) -> str | None:
        value = claims.get(self.settings.oidc_ident_claim)
        return value.strip().upper() if isinstance(value, str) and value.strip() else None


_providers: dict[str, OidcProvider] = {}


def provider(settings: Settings, client: OidcClient | None = None) -> OidcProvider:
    """The review pages' provider, or (with `client`) another client's, one per issuer and client."""
    client = client or OidcClient.review_pages(settings)
    key = f"{client.issuer}|{client.client_id}|{client.redirect_uri}"
    if key not in _providers:
        _providers[key] = OidcProvider(settings, client=client)
    return _providers[key]
