"""The service token: the shared secret between uke8's own processes.

Who checks it, and how it travels:
- the action server (uke8/action_server.py) refuses /webhook and /actions without the header
  HEADER; Rasa sends it from `action_endpoint.headers` in bot/endpoints*.yml;
- Rasa's HTTP API (`rasa run --auth-token`, started so by uke8/dev/stack.py) wants it as the query
  parameter `token` (Rasa 3.6 knows no other way short of JWT);
- the REST channel (bot/uke8_bot/channels.py, POST /webhooks/rest/webhook), which Rasa's
  --auth-token does not cover, wants the header HEADER (or `token`, like Rasa's API).
Every caller of Rasa in uke8 therefore sends both: `httpx.Client(**rasa_auth())`.

It is required always, not only beyond loopback: on one machine it keeps other local users
and a veileder who knows a conversation id from answering for the person. Development
generates it into data_dir/service.token; production refuses to start without
UKE8_SERVICE_TOKEN (uke8/secretfiles.py).
"""
from __future__ import annotations

import hmac

from uke8.settings import Settings, get_settings

HEADER = "X-Uke8-Service-Token"
QUERY = "token"  # Rasa's name for it (rasa/server.py requires_auth)
TOKEN_FILE = "service.token"
ENV = "UKE8_SERVICE_TOKEN"


def service_token(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.service_token:
        return settings.service_token
    from uke8.secretfiles import generated

    return generated(settings, TOKEN_FILE, ENV)


def rasa_auth(settings: Settings | None = None) -> dict:
    """Keyword arguments for an httpx client that calls Rasa (its API and the REST channel)."""
    token = service_token(settings)
    return {"headers": {HEADER: token}, "params": {QUERY: token}}


def matches(expected: str, provided: str | None) -> bool:
    return bool(expected) and provided is not None and hmac.compare_digest(expected.encode(), provided.encode())
