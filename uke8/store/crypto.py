"""Keeping the fødselsnummer and phone number out of readable storage.

The fnr is stored once, encrypted (Fernet), in its own table; lookups go through a keyed
hash so the plain number never needs to be compared in SQL or written to a log.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from uke8.settings import Settings, get_settings

log = logging.getLogger(__name__)


KEY_FILE = "secret.key"


class KeyLost(RuntimeError):
    """The case store holds encrypted data that the key at hand cannot open (or there is no key)."""


def secret_key(settings: Settings | None = None) -> bytes:
    """UKE8_SECRET_KEY, or the development key in data_dir/secret.key (read once per process).

    A new development key is generated only into a store that holds nothing encrypted: a
    deleted key file next to a store full of sealed fnr and phone numbers is refused, never
    replaced by a key that opens none of them."""
    settings = settings or get_settings()
    if settings.secret_key:
        return settings.secret_key.encode()
    from uke8.secretfiles import generated

    return generated(settings, KEY_FILE, "UKE8_SECRET_KEY", before_create=lambda: _refuse_if_sealed_data(settings)).encode()


def _existing_key(settings: Settings) -> bytes | None:
    if settings.secret_key:
        return settings.secret_key.encode()
    from uke8.secretfiles import read_existing

    value = read_existing(settings.data_dir / KEY_FILE)
    return value.encode() if value else None


class StoreUnreachable(RuntimeError):
    """The case store could not be asked whether it holds sealed data."""


def _sealed_sample(settings: Settings) -> str | None:
    """One sealed value from the case store, or None (nothing sealed yet, or no schema yet);
    StoreUnreachable when the store cannot be asked at all."""
    from sqlalchemy import inspect, select
    from sqlalchemy.exc import SQLAlchemyError

    from uke8.store.db import get_database
    from uke8.store.models import Case, PersonIdentity

    database = get_database(settings)
    try:
        with database.engine.connect() as conn:
            if not inspect(conn).has_table(PersonIdentity.__tablename__):
                return None  # before `uke8 migrate`: nothing to protect
        with database.read() as session:
            return session.scalar(select(PersonIdentity.fnr_sealed).limit(1)) or session.scalar(
                select(Case.mobil_sealed).where(Case.mobil_sealed.is_not(None)).limit(1))
    except SQLAlchemyError as exc:
        raise StoreUnreachable(f"the case store cannot be asked ({type(exc).__name__})") from None


def _lost_message(settings: Settings) -> str:
    where = "UKE8_SECRET_KEY" if settings.secret_key else f"{settings.data_dir / KEY_FILE}"
    return (f"the case store holds encrypted fødselsnumre and phone numbers that {where} cannot open. "
            "Restore the key they were written with (UKE8_SECRET_KEY or the file secret.key); "
            "a new key would make every stored number unreadable, so uke8 does not start.")


def _refuse_if_sealed_data(settings: Settings) -> None:
    """Before a development key is generated: only into a store known to hold nothing sealed."""
    try:
        sample = _sealed_sample(settings)
    except StoreUnreachable as exc:
        raise KeyLost(f"{settings.data_dir / KEY_FILE} is missing and {exc}: no new key is made while the "
                      "store might hold numbers sealed under the old one") from None
    if sample is not None:
        raise KeyLost(f"{settings.data_dir / KEY_FILE} is missing, and " + _lost_message(settings))


def verify_key_opens_store(settings: Settings | None = None) -> None:
    """Raise KeyLost unless the configured key opens what the store already holds (startup check)."""
    settings = settings or get_settings()
    try:
        sample = _sealed_sample(settings)
    except StoreUnreachable as exc:
        # A store that is down must not keep the action server or the API from starting (the
        # person is told honestly when an answer cannot be saved); the next start checks again.
        log.warning("secret key not checked against the case store: %s", exc)
        return
    if sample is None:
        return
    key = _existing_key(settings)
    if key is None:
        raise KeyLost(f"{settings.data_dir / KEY_FILE} is missing, and " + _lost_message(settings))
    try:
        Sealer(key).open(sample)
    except InvalidToken:
        raise KeyLost(_lost_message(settings)) from None


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
