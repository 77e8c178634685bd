"""The veileder's review pages: server-rendered HTML styled with Aksel (@navikt/ds-css from
npm, served from web/node_modules, or from vendor/ in an installed wheel), behind a session sign-in.

Routes by resource in routes/ (login, queue, cases, statistics), thin over uke8.review and
uke8.cases; the access rule for a case is the JSON API's (api.deps.accessible_case),
and so are the audit entries.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from api.pages.routes import cases, login, queue, stats
from api.pages.routes import followup
from api.pages.routes import thread
from api.pages.security import PageRoute
from uke8.settings import get_settings

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
# Aksel's CSS and the typeface: an installed wheel has its own copy in vendor/ (setup.py puts
# it there); a checkout serves web/node_modules (`make web`) directly.
VENDOR = HERE / "vendor"
NODE_MODULES = HERE.parents[1] / "web" / "node_modules"


def _assets(vendored: str, npm: str) -> Path:
    return VENDOR / vendored if (VENDOR / vendored).is_dir() else NODE_MODULES / npm


AKSEL = _assets("aksel", "@navikt/ds-css/dist")
FONTS = _assets("fonts", "@fontsource/source-sans-3")

router = APIRouter(route_class=PageRoute, include_in_schema=False)
for module in (login, queue, cases, followup, thread, stats):
    router.include_router(module.router)


def install(app: FastAPI) -> None:
    """Add the pages and their static files (Aksel's CSS and the typeface from npm, our own CSS/JS)."""
    login.refuse_unsafe_dev_login(get_settings())
    app.include_router(router)
    # check_dir=False: the API still starts before `make web` has run; the pages are then unstyled.
    app.mount("/static/aksel", StaticFiles(directory=AKSEL, check_dir=False), name="aksel")
    app.mount("/static/fonts", StaticFiles(directory=FONTS, check_dir=False), name="fonts")
    app.mount("/static/app", StaticFiles(directory=STATIC), name="app-static")
