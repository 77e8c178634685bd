"""What every uke8 process checks before it serves anything:

1. in production, that every secret is configured (uke8/secretfiles.py: none is generated);
2. that the secret key opens what the case store already holds (uke8/store/crypto.py): a lost
   or changed key must stop the process, not quietly seal new numbers under another key.

`check_or_exit` prints one plain sentence and exits 2; the API runs `check` in its lifespan
(uvicorn then exits non-zero), the action server and the `uke8` commands call `check_or_exit`.
"""
from __future__ import annotations

import os
import sys

from uke8.settings import Settings, get_settings

EXIT_REFUSED = 2


class StartupRefused(RuntimeError):
    pass


def private_umask() -> None:
    """Files this process creates (databases, logs, secrets) are for its user only."""
    os.umask(0o077)


def check(settings: Settings | None = None, *, store: bool = True) -> None:
    from uke8.secretfiles import MissingSecrets, require_production_secrets
    from uke8.store.crypto import KeyLost, verify_key_opens_store

    settings = settings or get_settings()
    try:
        require_production_secrets(settings)
        if store:
            verify_key_opens_store(settings)
    except (MissingSecrets, KeyLost) as exc:
        raise StartupRefused(str(exc)) from None


def check_chat_login(settings: Settings | None = None) -> None:
    """The API's own check: with the chat page behind ID-porten (UKE8_CHAT_LOGIN=idporten, the
    production default) every ID-porten setting must be there; the page never falls back to
    the link alone."""
    settings = settings or get_settings()
    if settings.resolved_chat_login != "idporten":
        return
    missing = settings.missing_idporten_settings()
    if missing:
        raise StartupRefused(
            f"the chat page signs in with ID-porten (UKE8_CHAT_LOGIN=idporten{', the production default' if not settings.chat_login else ''}), "
            f"but {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set. Set them, or set "
            "UKE8_CHAT_LOGIN=link to open the chat with the signed link alone (weaker: see the README)."
        )


def check_or_exit(settings: Settings | None = None, *, store: bool = True) -> None:
    try:
        check(settings, store=store)
    except StartupRefused as exc:
        print(f"uke8: will not start: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_REFUSED) from None
