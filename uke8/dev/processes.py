"""One supervised process of the development stack (uke8/dev/stack.py) and the helpers around it.

Kept apart from the Stack so that the supervisor's module stays readable: here is what one
child process needs (its argv, port, readiness check, private log, launch and signal);
the Stack decides which processes to run, with which environment, and in what order.
"""
from __future__ import annotations

import ctypes
import ipaddress
import os
import signal
import socket
import subprocess
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx


class StackError(RuntimeError):
    """A process of the stack did not come up."""


def private_log(path: Path):
    """A log opened for writing, mode 0600 (a log may name conversation ids)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "w")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log, without Python warnings (Rasa's imports print dozens of them,
    which would push the real error out of sight)."""
    try:
        with open(path, errors="replace") as f:
            last = list(deque(f, maxlen=1000))
    except OSError as e:
        return f"(no log: {e})"
    kept, in_warning = [], False
    for line in last:
        if "Warning: " in line:
            in_warning = True
            continue
        if in_warning and (line.startswith((" ", "\t")) or line.startswith("Implementing implicit namespace")):
            continue
        in_warning = False
        kept.append(line)
    return "".join(kept[-lines:])


try:
    _libc = ctypes.CDLL("libc.so.6", use_errno=True)
except OSError:  # not glibc Linux
    _libc = None


def die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if the supervisor dies without stopping it, and
    create every file (stores, logs, secrets) for this user only."""
    os.umask(0o077)
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def is_wildcard(host: str) -> bool:
    """Every interface: the unspecified IPv4 or IPv6 address, or no host at all."""
    try:
        return not host.strip() or ipaddress.ip_address(host.strip()).is_unspecified
    except ValueError:  # a host name
        return False


def connect_host(bind_host: str) -> str:
    """Where to reach a process that listens on `bind_host` from this machine."""
    return "127.0.0.1" if is_wildcard(bind_host) else bind_host.strip()


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass
class Service:
    name: str
    argv: list[str]
    port: int
    ready: Callable[[httpx.Client], bool]
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None

    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{url_host(connect_host(self.host))}:{self.port}"

    def launch(self, cwd: Path, env: dict[str, str]) -> None:
        """Start the process in its own session, its output in its log; refuse a port in use."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            if self.port and s.connect_ex((connect_host(self.host), self.port)) == 0:
                raise StackError(f"{self.name}: port {self.port} is already in use")
        out = private_log(self.log)
        out.write(f"# {' '.join(self.argv)}\n")
        out.flush()
        with out:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=cwd,
                env={**env, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: Ctrl-C goes to us, we stop it in order
                preexec_fn=die_with_parent,
            )

    def signal(self, sig: int) -> None:
        """Signal the whole process group (Rasa's workers and uvicorn's reloader are children)."""
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
