"""Process supervisor: the API, the action server and Rasa as one stack.

Used by `uke8 run` (uke8/dev/run.py, behind `make run`) and by the end-to-end tests:

    with Stack(api_port=free_port(), env={"UKE8_DATABASE_URL": url}) as stack:
        httpx.get(stack.api_url + "/healthz")

Each process runs in its own session with its own log file (var/logs/NAME.log by default).
`start()` launches them all, then waits until each answers its health check; if one exits
or the timeout passes, everything is stopped and StackError carries the tail of the
failing process's log. `stop()` sends SIGTERM, then SIGKILL after a grace period; it also
runs on SIGINT/SIGTERM and at exit.

Rasa and the action server are started only when domain.yml and a trained model
(models/current, written by scripts/train_model.py) exist, unless asked for explicitly.

Environment passed to every child: the caller's environment, plus
  UKE8_API_PORT, UKE8_ACTION_PORT, UKE8_RASA_PORT   the ports in use
  UKE8_API_URL, UKE8_RASA_URL                       http://127.0.0.1:PORT
  UKE8_ACTION_URL                                   http://127.0.0.1:ACTION_PORT/webhook (bot/endpoints.yml)
  UKE8_TRACKER_DB                                   Rasa's SQLite tracker store file (bot/endpoints.yml);
                                                    default UKE8_DATA_DIR/rasa-tracker.db, kept if set
  UKE8_SMS_SIMULATOR_PORT, UKE8_SMS_GATEWAY_URL      with_sms: the simulator's port; the gateway the delivery
                                                    worker sends through (default the simulator, kept if set)
  UKE8_MINSIDE_PORT                                 the local Min side's port (with_minside)
  UKE8_SERVICE_TOKEN                                the shared secret of the API, the action server and Rasa
                                                    (uke8/service_auth.py); kept if set, else generated into
                                                    UKE8_DATA_DIR/service.token (refused in production)
Rasa refuses an unset ${VAR} in endpoints.yml, so every variable it uses must be set here.

Where they listen: UKE8_API_HOST / UKE8_ACTION_HOST / UKE8_RASA_HOST, each defaulting to
UKE8_BIND_HOST, 127.0.0.1. The action server (uke8/action_server.py), Rasa's HTTP API
(`--auth-token`, via bot/uke8_bot/rasa_run.py) and its REST channel refuse every call without
the service token, on loopback too. Every child runs with umask 077; the data directory is 0700.
"""
from __future__ import annotations

import atexit
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

# free_port is re-exported: the tests and benchmarks take it from here together with Stack.
from uke8.dev.processes import (  # noqa: F401
    Service, StackError, connect_host, die_with_parent, free_port, private_log, tail, url_host,
)

# The checkout the stack runs from (its .venv, .venv-bot, models/, bot/): a development tool
# runs from the source tree, not from an installed wheel.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Two Rasa workers use both cores of the project's 2-core machines (bench/turns.py measures it).
DEFAULT_RASA_WORKERS = 2
DEFAULT_PORTS = {"api": 8000, "action": 5055, "rasa": 5005, "sms": 8025, "minside": 8026}


class Stack:
    def __init__(
        self,
        root: Path | str = PROJECT_ROOT,
        *,
        api_port: int | None = None,
        action_port: int | None = None,
        rasa_port: int | None = None,
        env: dict[str, str] | None = None,
        with_rasa: bool | None = None,
        model: Path | str | None = None,
        log_dir: Path | str | None = None,
        timeout: float | None = None,
        migrate: bool = False,
        grace: float = 10.0,
        with_scheduler: bool = False,
        with_sms: bool = False,
        sms_port: int | None = None,
        with_minside: bool = False,
        minside_port: int | None = None,
    ) -> None:
        """with_rasa: None = start Rasa and the action server when domain.yml and a trained model
        exist; True = require them; False = the API only. migrate: run `uke8 migrate` first.
        with_scheduler: also run the lifecycle loop (`uke8 scheduler`, every UKE8_SCHEDULER_INTERVAL s).
        with_sms: also run the SMS gateway simulator (`uke8 sms-simulator`) and the delivery worker (`uke8 deliver`).
        with_minside: also run the local Min side (`uke8 minside`: the broker's task events, or the outbox)."""
        self.root = Path(root).resolve()
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.api_port = api_port or self._env_port("UKE8_API_PORT", "api")
        self.action_port = action_port or self._env_port("UKE8_ACTION_PORT", "action")
        self.rasa_port = rasa_port or self._env_port("UKE8_RASA_PORT", "rasa")
        self.log_dir = Path(log_dir) if log_dir else self.root / "var" / "logs"
        self.timeout = timeout or float(self.env.get("UKE8_STACK_TIMEOUT") or 240)
        self.grace = grace
        self.migrate = migrate
        self.with_scheduler = with_scheduler
        self.with_sms = with_sms
        self.sms_port = sms_port or self._env_port("UKE8_SMS_SIMULATOR_PORT", "sms")
        self.with_minside = with_minside
        self.minside_port = minside_port or self._env_port("UKE8_MINSIDE_PORT", "minside")
        if with_sms:
            self.env.setdefault("UKE8_SMS_GATEWAY_URL", self.sms_url)
        self.services: list[Service] = []
        self._started = False
        self._previous_handlers: dict[int, object] = {}
        self._lock = threading.RLock()  # a signal may arrive while stop() runs

        self.data_dir = data_dir = Path(self.env.get("UKE8_DATA_DIR") or self.root / "var")
        bind = (self.env.get("UKE8_BIND_HOST") or "127.0.0.1").strip()
        self.hosts = {name: (self.env.get(f"UKE8_{name.upper()}_HOST") or bind).strip() for name in ("api", "action", "rasa")}
        self.env["UKE8_SERVICE_TOKEN"] = self._service_token(data_dir)
        self.env.update(
            UKE8_API_PORT=str(self.api_port),
            UKE8_ACTION_PORT=str(self.action_port),
            UKE8_RASA_PORT=str(self.rasa_port),
            UKE8_API_URL=self.api_url,
            UKE8_RASA_URL=self.rasa_url,
            UKE8_SMS_SIMULATOR_PORT=str(self.sms_port),
            UKE8_MINSIDE_PORT=str(self.minside_port),
            UKE8_ACTION_URL=f"{self.action_url}/webhook",
            RASA_TELEMETRY_ENABLED="false",
        )
        # Rasa's SQL tracker store (bot/endpoints.yml): its own SQLite file, never the case store
        self.env.setdefault("UKE8_TRACKER_DB", str(data_dir / "rasa-tracker.db"))
        self.env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        # Rasa is one process per worker; several need Redis as the lock store (bot/endpoints-redis.yml).
        self.env.setdefault("UKE8_REDIS_HOST", "127.0.0.1")
        self.env.setdefault("UKE8_REDIS_PORT", "6379")
        self.env.setdefault("UKE8_REDIS_DB", "0")
        self.rasa_workers = max(1, int(self.env.get("UKE8_RASA_WORKERS") or DEFAULT_RASA_WORKERS))
        self.tracker_store = (self.env.get("UKE8_TRACKER_STORE") or "sqlite").lower()
        self.notes: list[str] = []
        if (self.rasa_workers > 1 or self.tracker_store == "postgresql") and not self._redis_answers():
            where = f"{self.env['UKE8_REDIS_HOST']}:{self.env['UKE8_REDIS_PORT']}"
            if self.tracker_store == "postgresql":
                raise StackError(f"UKE8_TRACKER_STORE=postgresql needs Redis as Rasa's lock store, and none answers at {where}")
            self.notes.append(f"Redis does not answer at {where}: Rasa runs as 1 worker instead of {self.rasa_workers}")
            self.rasa_workers = 1
        for name, value in (("HOST", "127.0.0.1"), ("PORT", "5432"), ("DB", "uke8_tracker"), ("USER", "postgres"),
                            ("PASSWORD", ""), ("LOGIN_DB", "postgres")):
            self.env.setdefault(f"UKE8_TRACKER_PG_{name}", value)
        self.env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        self.env["PYTHONUNBUFFERED"] = "1"

        self.model = self._find_model(model)
        self.rasa_missing = self._rasa_missing()
        if with_rasa is None:
            self.rasa_enabled = self.rasa_missing is None
        elif with_rasa and self.rasa_missing:
            raise StackError(f"Rasa was asked for but {self.rasa_missing}")
        else:
            self.rasa_enabled = with_rasa

    def _service_token(self, data_dir: Path) -> str:
        token = (self.env.get("UKE8_SERVICE_TOKEN") or "").strip()
        if token:
            return token
        from uke8.secretfiles import MissingSecrets, read_or_create

        if (self.env.get("UKE8_ENV") or "").strip().lower() in ("production", "prod"):
            raise StackError(str(MissingSecrets(["UKE8_SERVICE_TOKEN"])))
        return read_or_create(data_dir / "service.token", lambda: secrets.token_urlsafe(32))

    @property
    def service_token(self) -> str:
        return self.env["UKE8_SERVICE_TOKEN"]

    @property
    def rasa_auth(self) -> dict:
        """Keyword arguments for an httpx call or client to Rasa (its API and the REST channel)."""
        from uke8.service_auth import HEADER, QUERY

        return {"headers": {HEADER: self.service_token}, "params": {QUERY: self.service_token}}

    def _redis_answers(self) -> bool:
        try:
            with socket.create_connection((self.env["UKE8_REDIS_HOST"], int(self.env["UKE8_REDIS_PORT"])), timeout=2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except (OSError, ValueError):
            return False

    def _env_port(self, name: str, service: str) -> int:
        value = self.env.get(name)
        return int(value) if value else DEFAULT_PORTS[service]

    # ------------------------------------------------------------------ urls

    @property
    def api_url(self) -> str:
        return f"http://{url_host(connect_host(self.hosts['api']))}:{self.api_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://{url_host(connect_host(self.hosts['rasa']))}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://{url_host(connect_host(self.hosts['action']))}:{self.action_port}"

    @property
    def sms_url(self) -> str:
        return f"http://127.0.0.1:{self.sms_port}"

    @property
    def minside_url(self) -> str:
        return f"http://127.0.0.1:{self.minside_port}"

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    # ------------------------------------------------------------------ setup

    def _app_python(self) -> str:
        venv_python = self.root / ".venv" / "bin" / "python"
        return str(venv_python) if venv_python.exists() else sys.executable

    def _find_model(self, model: Path | str | None) -> Path | None:
        if model:
            return (self.root / model).resolve()
        current = self.root / "models" / "current"
        if current.is_file():
            text = current.read_text().strip()
            return (self.root / text).resolve() if text else None
        return None

    def _rasa_missing(self) -> str | None:
        """Why Rasa cannot start, or None."""
        if not (self.root / "domain.yml").exists():
            return "domain.yml does not exist yet (no Rasa project)"
        if not self.model or not self.model.is_file():
            return "there is no trained model (models/current): run `make train`"
        if not (self.root / ".venv-bot" / "bin" / "rasa").exists():
            return ".venv-bot has no rasa: run `make venv`"
        return None

    def _services(self) -> list[Service]:
        py = self._app_python()
        logs = self.log_dir
        services = [
            Service(
                "api",
                [py, "-m", "uvicorn", "api.main:app", "--host", self.hosts["api"], "--port", str(self.api_port)],
                self.api_port,
                lambda c: c.get(f"{self.api_url}/healthz").status_code == 200,
                logs / "api.log",
                host=self.hosts["api"],
            )
        ]
        if self.with_scheduler:
            # No port: ready once started; check_alive() watches it like the others.
            services.append(Service("scheduler", [py, "-m", "uke8.cli", "scheduler"], 0, lambda c: True, logs / "scheduler.log"))
        if self.with_sms:
            # The gateway simulator, and the worker that sends the outbox's SMS through
            # UKE8_SMS_GATEWAY_URL (the simulator unless set) and retries what failed.
            services.append(Service("sms-simulator", [py, "-m", "uke8.cli", "sms-simulator", "--port", str(self.sms_port)],
                                    self.sms_port, lambda c: c.get(f"{self.sms_url}/healthz").status_code == 200,
                                    logs / "sms-simulator.log"))
            services.append(Service("deliver", [py, "-m", "uke8.cli", "deliver"], 0, lambda c: True, logs / "deliver.log"))
        if self.env.get("UKE8_BROKER_URL"):
            # Min side tasks on the broker (uke8/notifications): only when one is configured.
            services.append(Service("notify", [py, "-m", "uke8.cli", "notify"], 0, lambda c: True, logs / "notify.log"))
        if self.with_minside:
            # The local Min side: the broker's task events when one is configured, else the outbox (read only).
            services.append(Service("minside", [py, "-m", "uke8.cli", "minside", "--port", str(self.minside_port)],
                                    self.minside_port, lambda c: c.get(f"{self.minside_url}/healthz").status_code == 200,
                                    logs / "minside.log"))
        if self.rasa_enabled:
            services.insert(
                0,
                Service(
                    "actions",
                    # rasa-sdk's app behind the service token, on our host (rasa-sdk alone binds every interface)
                    [py, "-m", "uke8.action_server", "--actions", "actions", "--host", self.hosts["action"],
                     "--port", str(self.action_port)],
                    self.action_port,
                    lambda c: c.get(f"{self.action_url}/health").status_code == 200,
                    logs / "actions.log",
                    host=self.hosts["action"],
                ),
            )
            # `rasa run` with --auth-token from UKE8_SERVICE_TOKEN (added in-process: never on the command line)
            argv = [
                str(self.root / ".venv-bot" / "bin" / "python"), "-m", "bot.uke8_bot.rasa_run", "run",
                "--enable-api", "--interface", self.hosts["rasa"], "--port", str(self.rasa_port),
                "--model", str(self.model),
            ]
            if self.tracker_store == "postgresql":
                endpoints = "bot/endpoints-postgres.yml"
            elif self.rasa_workers > 1:
                endpoints = "bot/endpoints-redis.yml"
            else:
                endpoints = "bot/endpoints.yml"
            for flag, path in (("--endpoints", endpoints), ("--credentials", "bot/credentials.yml")):
                if (self.root / path).exists():
                    argv += [flag, path]
            rasa = Service("rasa", argv, self.rasa_port, self._rasa_ready, logs / "rasa.log", host=self.hosts["rasa"])
            rasa.env["SANIC_WORKERS"] = str(self.rasa_workers)
            services.insert(1, rasa)
        return services

    def _rasa_ready(self, client: httpx.Client) -> bool:
        if client.get(f"{self.rasa_url}/").status_code != 200:
            return False
        status = client.get(f"{self.rasa_url}/status", params=self.rasa_auth["params"])
        return status.status_code == 200 and bool(status.json().get("model_id") or status.json().get("model_file"))

    def _run_migrations(self) -> None:
        import importlib.util

        if importlib.util.find_spec("uke8.store.migrate") is None:
            print("stack: uke8.store.migrate does not exist yet, migrations skipped", file=sys.stderr)
            return
        log = self.log_dir / "migrate.log"
        with private_log(log) as out:
            rc = subprocess.call([self._app_python(), "-m", "uke8.cli", "migrate"], cwd=self.root, env=self.env,
                                 stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        if rc != 0:
            raise StackError(f"`uke8 migrate` failed (exit {rc}); {log}:\n{tail(log)}")

    # ------------------------------------------------------------------ start / stop

    def start(self) -> "Stack":
        if self._started:
            return self
        from uke8.secretfiles import private_dir

        private_dir(self.data_dir)  # 0700: stores, secrets and logs are this user's only
        private_dir(self.log_dir)
        self._private_tracker_file()
        self._install_handlers()
        self._started = True
        try:
            if self.migrate:
                self._run_migrations()
            self.services = self._services()
            for service in self.services:
                self._launch(service)
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _private_tracker_file(self) -> None:
        """Rasa's SQLite tracker store holds what people wrote: created 0600 before Rasa opens it
        (SQLite gives its -wal and -shm files the same mode)."""
        if self.tracker_store != "sqlite" or not self.env.get("UKE8_TRACKER_DB"):
            return
        path = Path(self.env["UKE8_TRACKER_DB"])
        if path.parent.is_dir():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                if path.stat().st_uid == os.getuid():
                    path.chmod(0o600)

    def _launch(self, service: Service) -> None:
        service.launch(self.root, self.env)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        pending = list(self.services)
        with httpx.Client(timeout=5.0, trust_env=False) as client:
            while pending:
                for service in list(pending):
                    self.check_alive(service)
                    try:
                        if service.ready(client):
                            pending.remove(service)
                    except (httpx.HTTPError, ValueError):
                        pass
                if not pending:
                    break
                if time.monotonic() > deadline:
                    service = pending[0]
                    raise StackError(
                        f"{service.name} did not become ready within {self.timeout:.0f} s "
                        f"(waiting for: {', '.join(s.name for s in pending)}); {service.log}:\n{tail(service.log)}"
                    )
                time.sleep(0.3)

    def check_alive(self, service: Service | None = None) -> None:
        """Raise StackError (with the log's tail) if a process of the stack has exited."""
        for s in [service] if service else self.services:
            if s.proc is not None and s.proc.poll() is not None:
                raise StackError(f"{s.name} exited with code {s.proc.returncode}; {s.log}:\n{tail(s.log)}")

    def stop(self) -> None:
        with self._lock:
            running = [s for s in self.services if s.proc is not None and s.proc.poll() is None]
            for s in reversed(running):
                self._signal(s, signal.SIGTERM)
            deadline = time.monotonic() + self.grace
            for s in reversed(running):
                try:
                    s.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self._signal(s, signal.SIGKILL)
                    s.proc.wait(timeout=5)
            for s in self.services:  # reap the process groups' leftovers
                if s.proc is not None:
                    self._signal(s, signal.SIGKILL)
            self._started = False
            self._restore_handlers()

    @staticmethod
    def _signal(service: Service, sig: int) -> None:
        service.signal(sig)

    # ------------------------------------------------------------------ signals, context manager

    def _install_handlers(self) -> None:
        atexit.register(self.stop)
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous_handlers[sig] = signal.getsignal(sig)
            signal.signal(sig, self._on_signal)

    def _restore_handlers(self) -> None:
        atexit.unregister(self.stop)
        if threading.current_thread() is threading.main_thread():
            for sig, handler in self._previous_handlers.items():
                signal.signal(sig, handler)
        self._previous_handlers.clear()

    def _on_signal(self, signum: int, frame) -> None:
        previous = self._previous_handlers.get(signum)
        self.stop()
        if callable(previous):
            previous(signum, frame)
        elif signum == signal.SIGINT:
            raise KeyboardInterrupt
        else:
            raise SystemExit(128 + signum)

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
