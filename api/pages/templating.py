"""Jinja2 templates of the pages, with the filters that turn codes and dates into plain Norwegian."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from uke8.review import labels
from uke8.settings import get_settings

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))  # autoescapes .html
MONTHS = ("jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des.")


def _dato(value: date | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(get_settings().timezone)).date()
    return value.strftime("%d.%m.%Y")


def _tid(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(ZoneInfo(get_settings().timezone)).strftime("%d.%m.%Y kl. %H:%M")


def _prosent(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.{digits}f} %".replace(".", ",")


def _tall(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.{digits}f}".replace(".", ",")


def _maned(value: str) -> str:
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


env = templates.env
env.filters.update(dato=_dato, tid=_tid, prosent=_prosent, tall=_tall, maned=_maned)
env.globals.update(
    status_label=labels.status_label,
    status_color=lambda code: labels.STATUS_COLORS.get(code, "neutral"),
    classification_label=labels.classification_label,
    channel_label=lambda code: labels.CHANNEL_LABELS.get(code, code),
    reason_text=labels.reason_text,
    STATUS_LABELS=labels.STATUS_LABELS,
    FILTER_REASONS=labels.FILTER_REASONS,
    INNSATS_LABELS=labels.INNSATS_LABELS,
    NEW_INFORMATION_LABELS=labels.NEW_INFORMATION_LABELS,
    NEW_INFORMATION_SOURCES=labels.NEW_INFORMATION_SOURCES,
)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    user = getattr(request.state, "page_user", None)
    base = {"user": user, "csrf_token": user.csrf_token if user else None, "path": request.url.path}
    return templates.TemplateResponse(request, name, base | context, status_code=status_code)
