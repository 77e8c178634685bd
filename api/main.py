"""The uke8 API: JSON API under /api/v1 (OpenAPI at /docs), health, the review pages (api/pages) and the chat page (api/chat)."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.deps import CaseNotVisible, audit_refusal
from uke8.cases.service import CaseError
from api import chat, pages
from api.routes import cases, outbox, queue, scheduler, sms, veiledere
from uke8.settings import get_settings
from uke8.store.db import get_database

API_PREFIX = "/api/v1"


def _readable(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        message = error.get("msg", "invalid").removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def create_app() -> FastAPI:
    app = FastAPI(
        title="uke8",
        description="Uke 8-samtalen: cases, invitations, the review queue and the audit log.",
        version="1",
    )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if "case_id" in request.path_params:
            audit_refusal(get_database(get_settings()), request, None, "invalid", {"message": _readable(errors)[:500]})
        # Keep FastAPI's list under "detail" for tools, and add one sentence for people.
        safe = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
        return JSONResponse(status_code=422, content={"message": _readable(errors), "detail": safe})

    @app.exception_handler(CaseNotVisible)
    async def case_not_visible(request: Request, exc: CaseNotVisible) -> JSONResponse:
        audit_refusal(get_database(get_settings()), request, exc.actor, exc.outcome)
        return JSONResponse(status_code=404, content={"detail": "No case with that id."})

    @app.exception_handler(CaseError)
    async def case_error(request: Request, exc: CaseError) -> JSONResponse:
        audit_refusal(get_database(get_settings()), request, getattr(request.state, "actor", None), "refused", {"reason": str(exc)})
        return JSONResponse(status_code=409, content={"detail": str(exc)})

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    for module in (cases, queue, veiledere, scheduler, outbox, sms):
        app.include_router(module.router, prefix=API_PREFIX)
    pages.install(app)
    chat.install(app, API_PREFIX)
    return app


app = create_app()
