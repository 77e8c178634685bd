"""Keeping the fødselsnummer and phone number out of readable storage.

The fnr is stored once, encrypted (Fernet), in its own table; lookups go through a keyed
hash so the plain number never needs to be compared in SQL or written to a log.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import lru_cache

from cryptography.fernet import Fernet

from uke8.settings import Settings, get_settings


def secret_key(settings: Settings | None = None) -> bytes:
    settings = settings or get_settings()
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.data_dir / "secret.key"
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip().encode()


class Sealer:
    def __init__(self, key: bytes):
        self._hmac_key = hashlib.sha256(b"uke8-hash:" + key).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"uke8-enc:" + key).digest()))

    def keyed_hash(self, value: str) -> str:
        return hmac.new(self._hmac_key, value.encode(), hashlib.sha256).hexdigest()

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def open(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()


@lru_cache(maxsize=8)
def _sealer_for(key: bytes) -> Sealer:
    return Sealer(key)


def get_sealer(settings: Settings | None = None) -> Sealer:
    return _sealer_for(secret_key(settings))


def token_hash(token: str) -> str:
    """Bearer tokens are stored as their SHA-256: a leaked table grants nothing."""
    return hashlib.sha256(token.encode()).hexdigest()
