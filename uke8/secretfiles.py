"""The installation's secrets: configured in the environment, or, in development only, generated
once into the data directory.

- In production (UKE8_ENV=production) nothing is generated: every process refuses to start
  while one of REQUIRED is unset (`require_production_secrets`), and asking for an unset one
  raises MissingSecrets instead of quietly inventing a key nobody else has.
- A generated file is written complete to a private temporary file (mode 0600) and then
  linked to its name, which fails if another process got there first: two processes that
  start together always end up with the same secret, and nobody ever reads a half-written one.
- A file is read once per process: deleting it under a running stack changes nothing until
  a restart, and then the case store's check (uke8/startup.py) refuses a key that cannot open
  what is stored.
"""
from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

# Environment variable -> Settings attribute. The service token is the shared secret between
# uke8's own processes: the API, the action server and Rasa (see uke8/service_auth.py).
REQUIRED: dict[str, str] = {
    "UKE8_SECRET_KEY": "secret_key",
    "UKE8_ADMIN_TOKEN": "admin_token",
    "UKE8_LINK_SECRET": "link_secret",
    "UKE8_SMS_AUTH_TOKEN": "sms_auth_token",
    "UKE8_SERVICE_TOKEN": "service_token",
}

_cache: dict[Path, str] = {}
_lock = threading.Lock()


class MissingSecrets(RuntimeError):
    """Production without configured secrets: the process must not start."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            f"UKE8_ENV=production, but {', '.join(names)} {'is' if len(names) == 1 else 'are'} not set. "
            "In production uke8 never generates secrets: set them in the environment of every process "
            "(each a long random value, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`; "
            "UKE8_SECRET_KEY must be the key the case store was written with)."
        )


def missing_production_secrets(settings) -> list[str]:
    """The REQUIRED variables that are unset; empty outside production."""
    if not settings.is_production:
        return []
    return [name for name, attr in REQUIRED.items() if not (getattr(settings, attr, None) or "").strip()]


def require_production_secrets(settings) -> None:
    missing = missing_production_secrets(settings)
    if missing:
        raise MissingSecrets(missing)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700; an existing directory of ours is made 0700 too:
    it holds the case store, Rasa's tracker store, generated secrets and logs."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = path.stat()
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        path.chmod(0o700)
    return path


def generated(settings, filename: str, env_name: str, make: Callable[[], str] | None = None,
              before_create: Callable[[], None] | None = None) -> str:
    """The development secret in data_dir/filename, created on first use. `before_create` runs
    only when the file is about to be created and may refuse (raise)."""
    if settings.is_production:
        raise MissingSecrets([env_name])
    return read_or_create(Path(settings.data_dir) / filename, make or (lambda: secrets.token_urlsafe(48)), before_create)


def read_existing(path: Path) -> str | None:
    """The secret in `path` if it exists (cached like read_or_create), without creating it."""
    path = path.resolve()
    with _lock:
        if path in _cache:
            return _cache[path]
        try:
            value = path.read_text().strip()
        except FileNotFoundError:
            return None
        if value:
            _cache[path] = value
        return value or None


def read_or_create(path: Path, make: Callable[[], str], before_create: Callable[[], None] | None = None) -> str:
    path = path.resolve()
    with _lock:
        if path in _cache:
            return _cache[path]
        private_dir(path.parent)
        if not path.exists():
            if before_create is not None:
                before_create()
            _create_exclusively(path, make())
        value = path.read_text().strip()
        if not value:
            raise RuntimeError(f"{path} is empty: delete it to have a new development secret generated")
        _cache[path] = value
        return value


def _create_exclusively(path: Path, value: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(value + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic, and refuses an existing name: the first process wins
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def forget_cached() -> None:
    """Tests only: read the files again (a process normally reads each secret once)."""
    with _lock:
        _cache.clear()
