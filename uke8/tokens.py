"""The API's bearer tokens: the admin token and new veileder tokens. Here, below the API, so
the development tools (demo seeding, `uke8 converse`) can print and use them too."""
from __future__ import annotations

import secrets

from uke8.settings import Settings


def admin_token(settings: Settings) -> str:
    """UKE8_ADMIN_TOKEN when set; otherwise a development token generated once into the data dir."""
    if settings.admin_token:
        return settings.admin_token
    from uke8.secretfiles import generated  # in production: refused, never generated

    return generated(settings, "admin.token", "UKE8_ADMIN_TOKEN", lambda: "adm-" + secrets.token_urlsafe(24))


def new_veileder_token() -> str:
    return "vei-" + secrets.token_urlsafe(24)
