"""The uke8 API: JSON API under /api/v1 (OpenAPI at /docs), health, the review pages (api/pages) and the chat page (api/chat)."""
from __future__ import annotations

import sys
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.deps import CaseNotVisible, audit_refusal
from api.limits import BodyLimit
from api.schemas import ErrorOut, ValidationErrorOut
from uke8.cases.errors import CaseError
from api import chat, pages
from api.routes import cases, outbox, queue, scheduler, sms, statistics, veiledere
from api.routes import kartlegging, new_information
from api.routes import messages, reveal
from uke8.settings import get_settings
from uke8.store.db import get_database

API_PREFIX = "/api/v1"
BODY_PARSE_ERROR = "There was an error parsing the body"  # FastAPI's 400 for a body that is not text

# The refusals every bearer-token route can answer, declared in the OpenAPI (schemathesis checks
# that no other status comes back and that each body matches its schema).
ERROR_RESPONSES: dict[int | str, dict] = {
    401: {"model": ErrorOut, "description": "missing or invalid bearer token (audited)"},
    403: {"model": ErrorOut, "description": "this token may not do this (audited)"},
    413: {"model": ErrorOut, "description": "the request body is larger than this endpoint accepts (api/limits.py)"},
    422: {"model": ValidationErrorOut, "description": "invalid input; `message` says what, without repeating the value"},
}
EXTRA_RESPONSES: dict[object, dict[int | str, dict]] = {
    cases: {404: {"model": ErrorOut, "description": "no such case, or not one of the caller's enheter (audited)"},
            409: {"model": ErrorOut, "description": "the case's state does not allow this now"}},
}
# The case's follow-up routes (issue 16) answer as the case routes do.
EXTRA_RESPONSES[kartlegging] = EXTRA_RESPONSES[new_information] = EXTRA_RESPONSES[cases]
EXTRA_RESPONSES[messages] = EXTRA_RESPONSES[reveal] = EXTRA_RESPONSES[cases]  # the thread, who the person is


def _readable(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        message = error.get("msg", "invalid").removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


@asynccontextmanager
async def _startup_checks(app: FastAPI):
    # Production without its secrets, or a key that cannot open the stored data: refuse to
    # serve (uvicorn exits non-zero) rather than generate a secret or seal under a wrong key.
    from uke8.startup import StartupRefused, check, check_chat_login

    try:
        check(get_settings())
        check_chat_login(get_settings())
    except StartupRefused as exc:
        print(f"uke8: will not start: {exc}", file=sys.stderr, flush=True)
        raise
    yield


def create_app() -> FastAPI:
    app = FastAPI(
        lifespan=_startup_checks,
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

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and exc.detail == BODY_PARSE_ERROR:
            # A body that is not even text (not UTF-8) is refused like any JSON that does not
            # parse: 422 with a readable message (FastAPI's own answer here is a bare 400).
            message = "body: the body is not valid JSON in UTF-8"
            return JSONResponse(status_code=422, content={
                "message": message, "detail": [{"loc": ["body"], "msg": message, "type": "json_invalid"}]})
        if exc.status_code == 405 and request.url.path.startswith(API_PREFIX):
            # Starlette's Allow names the methods of the first route of the path only; a path with
            # a route per method (GET and POST /cases/{id}/messages) must name all the OpenAPI has.
            allowed = sorted({method.upper() for template, operations in request.app.openapi()["paths"].items()
                              if compile_path(template)[0].match(request.url.path) for method in operations})
            if allowed:
                exc = StarletteHTTPException(405, exc.detail, headers={**(exc.headers or {}), "Allow": ", ".join(allowed)})
        return await http_exception_handler(request, exc)

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

    for module in (cases, queue, veiledere, scheduler, outbox, statistics, kartlegging, new_information, messages, reveal):
        app.include_router(module.router, prefix=API_PREFIX, responses=ERROR_RESPONSES | EXTRA_RESPONSES.get(module, {}))
    app.include_router(sms.router, prefix=API_PREFIX, responses={413: ERROR_RESPONSES[413]})
    pages.install(app)
    chat.install(app, API_PREFIX)
    # Outside every route: an oversized body is refused before authentication or parsing.
    app.add_middleware(BodyLimit)
    return app


app = create_app()
