"""The gateway's auth token: UKE8_SMS_AUTH_TOKEN, or a development token generated once into
the data directory (shared by the API, the delivery worker and the simulator of one stack)."""
from __future__ import annotations

import os
import secrets

from uke8.settings import Settings, get_settings

TOKEN_FILE = "sms-auth.token"


def auth_token(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.sms_auth_token:
        return settings.sms_auth_token
    path = settings.data_dir / TOKEN_FILE
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # O_EXCL: when two processes start at once, one writes and both read the same token
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(16))
    for _ in range(50):
        token = path.read_text().strip()
        if token:
            return token
        import time

        time.sleep(0.02)  # the other process is still writing it
    raise RuntimeError(f"{path} is empty")
