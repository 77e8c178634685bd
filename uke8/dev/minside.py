"""`uke8 minside`: a local Min side for development and tests, started by `make run` like the
SMS simulator. A person "signs in" by typing a synthetic fødselsnummer (no ID-porten: the page
says it is a local test version) and sees their open tasks, each with its link to the chat page
("Gå til spørsmålene") and the last day to answer, and the tasks that are closed.

Where the tasks come from (uke8/dev/minside_tasks.py):
- UKE8_BROKER_URL set: the task events on UKE8_MINSIDE_QUEUE, consumed in a background thread
  (acknowledged once stored; idempotent by event_id and idempotency key; `inaktiver` closes),
  kept in UKE8_DATA_DIR/minside.db (or in memory with --memory);
- no broker (the embedded default): the product's outbox read directly, what would have been
  published; read only, so the chat invitations stay pending there and the delivery state
  stays honest.

Routes: GET / (sign-in form, or the person's tasks), POST /logg-inn (form field `fnr`),
POST /logg-ut, GET /api/oppgaver (the signed-in person's tasks as JSON), GET /healthz.
Sessions are a random cookie in memory. Binds 127.0.0.1; the access log is off and nothing
logs the fødselsnummer or a link.
"""
from __future__ import annotations

import argparse
import logging
import secrets
import sys
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from uke8.dev.minside_tasks import OPPGAVE, Consumer, OutboxView, Task, TaskStore
from uke8.settings import Settings, get_settings
from uke8.triage.notices import norwegian_date

TEMPLATES = Path(__file__).resolve().parent / "templates"
COOKIE = "minside_sesjon"
MAX_SESSIONS = 1000
CLOSED = {
    "besvart": "Du har svart. Takk for at du tok deg tid!",
    "reservert": "Lukket: du har sagt at du ikke vil svare, og det er helt greit.",
    "frist": "Lukket: fristen for å svare har gått ut.",
    "avsluttet": "Lukket: sykmeldingen er avsluttet.",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


class TaskSource(Protocol):
    def tasks_for(self, ident: str) -> list[Task]: ...


def norsk_dato(value: str | None) -> str:
    try:
        d = date.fromisoformat(value or "")
    except ValueError:
        return value or ""
    return f"{norwegian_date(d)} {d.year}"


def valid_fnr(value: str) -> str | None:
    value = (value or "").strip().replace(" ", "")
    return value if len(value) == 11 and value.isdigit() else None


def create_app(source: TaskSource, description: str, *, consumer: Consumer | None = None) -> FastAPI:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters["norsk_dato"] = norsk_dato
    page = env.get_template("minside.html")
    sessions: dict[str, str] = {}  # cookie -> ident, in memory only
    app = FastAPI(title="uke8 local Min side", version="1", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sessions, app.state.source, app.state.consumer = sessions, source, consumer

    def ident_of(request: Request) -> str | None:
        return sessions.get(request.cookies.get(COOKIE) or "")

    def render(ident: str | None, error: str | None = None, status: int = 200) -> HTMLResponse:
        tasks = source.tasks_for(ident) if ident else []
        html = page.render(ident=ident, error=error, source=description, reasons=CLOSED,
                           open_tasks=[t for t in tasks if t.kind == OPPGAVE and t.open],
                           closed_tasks=[t for t in tasks if t.kind == OPPGAVE and not t.open],
                           messages=[t for t in tasks if t.kind != OPPGAVE])
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store",
                                                               "Referrer-Policy": "no-referrer"})

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        body: dict[str, Any] = {"status": "ok", "source": "broker" if consumer else "outbox"}
        if consumer is not None:
            body["connected"] = consumer.connected.is_set()
        return body

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        return render(ident_of(request))

    @app.post("/logg-inn")
    def sign_in(fnr: str = Form("")) -> Any:
        ident = valid_fnr(fnr)
        if ident is None:
            return render(None, "Skriv et fødselsnummer med 11 siffer.", status=422)
        if len(sessions) >= MAX_SESSIONS:
            sessions.pop(next(iter(sessions)))
        token = secrets.token_urlsafe(24)
        sessions[token] = ident
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="lax", path="/")
        return response

    @app.post("/logg-ut")
    def sign_out(request: Request) -> RedirectResponse:
        sessions.pop(request.cookies.get(COOKIE) or "", None)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.get("/api/oppgaver")
    def tasks(request: Request) -> Any:
        ident = ident_of(request)
        if ident is None:
            return JSONResponse(status_code=401, content={"detail": "not signed in"})
        return {"tasks": [t.as_json() for t in source.tasks_for(ident)]}

    return app


def build(settings: Settings, *, source: str = "auto", memory: bool = False) -> tuple[FastAPI, Consumer | None, TaskStore | None]:
    """The app for `settings`: broker mode when a broker is configured (or asked for), else the outbox."""
    use_broker = source == "broker" or (source == "auto" and bool(settings.broker_url))
    if use_broker:
        if not settings.broker_url:
            raise SystemExit("minside: --source broker needs UKE8_BROKER_URL")
        store = TaskStore(None if memory else Path(settings.data_dir) / "minside.db")
        consumer = Consumer(settings.broker_url, settings.minside_queue, store, timeout=settings.broker_timeout)
        description = f"Oppgavene kommer fra meldingskøen «{settings.minside_queue}»."
        return create_app(store, description, consumer=consumer), consumer, store
    description = ("Ingen meldingskø er satt opp: oppgavene leses rett fra uke8s utboks "
                   "(det som ville blitt publisert). Utboksen endres ikke.")
    return create_app(OutboxView(), description), None, None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="default UKE8_MINSIDE_PORT (8026)")
    parser.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (a development tool: keep it on loopback)")
    parser.add_argument("--source", choices=("auto", "broker", "outbox"), default="auto",
                        help="auto (default): the broker when UKE8_BROKER_URL is set, else the outbox")
    parser.add_argument("--memory", action="store_true", help="broker mode: keep the tasks in memory, not in UKE8_DATA_DIR/minside.db")


def main(args: argparse.Namespace) -> int:
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
    settings = get_settings()
    port = args.port or settings.minside_port
    app, consumer, store = build(settings, source=args.source, memory=args.memory)
    if consumer is not None:
        consumer.start()
    print(f"minside: http://127.0.0.1:{port}/ ({'broker queue ' + repr(settings.minside_queue) if consumer else 'outbox, read only'})",
          flush=True)
    try:
        uvicorn.run(app, host=args.host, port=port, log_level="warning", access_log=False)
    finally:
        if consumer is not None:
            consumer.stop()
        if store is not None:
            store.close()
    return 0
