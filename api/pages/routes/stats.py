"""Statistics per enhet and period, with a server-rendered SVG chart and its data table."""
from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from api.schemas import parse_iso_date
from api.pages.security import PageRoute, PageUser, require_user
from api.pages.templating import render
from uke8.clock import today_in_oslo
from uke8.review.stats import MonthRow, enhet_statistics
from uke8.settings import get_settings
from uke8.store.db import get_database
from uke8.store.repositories import AuditRepository

router = APIRouter(route_class=PageRoute)
DEFAULT_DAYS = 180
MAX_DAYS = 3 * 366
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)

CHART = {"width": 640, "height": 260, "left": 48, "right": 16, "top": 16, "bottom": 40}


def chart(months: list[MonthRow]) -> dict:
    """Stacked bars per month: proposals of kartlegging (bottom) and ikke aktuell nå (top)."""
    c = dict(CHART)
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    peak = max((m.kartlegging + m.ikke_aktuell for m in months), default=0)
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        step = candidate
        if peak / candidate <= 5:
            break
    top = max(step, -(-peak // step) * step)
    scale = plot_h / top
    slot = plot_w / max(1, len(months))
    bar_w = min(48, slot * 0.6)
    bars = []
    for i, m in enumerate(months):
        x = c["left"] + i * slot + (slot - bar_w) / 2
        k_h, i_h = m.kartlegging * scale, m.ikke_aktuell * scale
        base = c["top"] + plot_h
        bars.append({
            "month": m.month, "x": round(x, 1), "w": round(bar_w, 1), "label_x": round(x + bar_w / 2, 1),
            "k_y": round(base - k_h, 1), "k_h": round(k_h, 1), "i_y": round(base - k_h - i_h, 1), "i_h": round(i_h, 1),
            "kartlegging": m.kartlegging, "ikke_aktuell": m.ikke_aktuell,
        })
    ticks = [{"value": v, "y": round(c["top"] + plot_h - v * scale, 1)} for v in range(0, top + 1, step)]
    return c | {"bars": bars, "ticks": ticks, "base_y": c["top"] + plot_h, "plot_right": c["width"] - c["right"]}


def _date(value: str | None, default: date, errors: list[str], name: str) -> date:
    if not value:
        return default
    try:
        day = parse_iso_date(value)
    except ValueError:
        errors.append(f"«{name}» må være en dato.")
        return default
    if not EARLIEST <= day <= LATEST:
        # Bounded: the period arithmetic must never leave the calendar (year 1 answered 500).
        errors.append(f"«{name}» må være en dato mellom {EARLIEST.year} og {LATEST.year}.")
        return default
    return day


@router.get("/statistikk")
def statistics_page(request: Request, user: PageUser = Depends(require_user)) -> Response:
    params = request.query_params
    errors: list[str] = []
    today = today_in_oslo()
    enheter = sorted(user.enheter)
    enhet = params.get("enhet") or enheter[0]
    if enhet not in user.enheter:
        errors.append("Du kan bare se statistikk for dine egne enheter.")
        enhet = enheter[0]
    end = _date(params.get("til"), today, errors, "Til")
    start = _date(params.get("fra"), end - timedelta(days=DEFAULT_DAYS), errors, "Fra")
    if start > end:
        errors.append("«Fra» må være før «til».")
        start, end = end - timedelta(days=DEFAULT_DAYS), end
    if (end - start).days > MAX_DAYS:
        errors.append("Velg en periode på høyst tre år.")
        start = end - timedelta(days=MAX_DAYS)
    db = get_database(get_settings())
    # A read transaction (never SQLite's write lock for the whole read), then the audit in a
    # short write of its own.
    with db.read() as session:
        stats = enhet_statistics(session, enhet, start, end, today)
    with db.write() as session:
        AuditRepository(session).append(actor=user.ident, actor_kind="veileder", action="statistics.read", case_id=None,
                                        outcome="ok", detail={"enhet": enhet, "fra": start.isoformat(), "til": end.isoformat()})
    return render(request, "stats.html", {
        "title": "Statistikk",
        "stats": stats,
        "chart": chart(stats.months),
        "enheter": enheter,
        "errors": errors,
    }, status_code=422 if errors else 200)
