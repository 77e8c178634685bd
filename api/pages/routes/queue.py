"""The review queue of the veileder's enheter: filters, sorting, paging, counts per status."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from api.pages.security import PageRoute, PageUser, require_user
from api.pages.templating import render
from uke8.cases.status import Status
from uke8.lifecycle import outbox
from uke8.clock import today_in_oslo
from uke8.review import queue as review_queue
from uke8.review.labels import FILTER_REASONS, contact_otherwise_text
from uke8.notifications.status import contact_otherwise
from uke8.settings import get_settings
from uke8.sms import unanswered as sms_unanswered
from uke8.store.db import get_database
from uke8.store.repositories import AuditRepository

router = APIRouter(route_class=PageRoute)

VIEW_LABELS = {
    "alle": "Alle saker",
    "nye": "Nye forslag",
    "ikke_svart": "Har ikke svart",
    "kontakt": "Ønsker kontakt",
    "kontrollpunkt": "Kontrollpunkt",
    "ny_informasjon": "Ny informasjon",
    "ny_melding": "Ny melding",
    "mine": "Tildelt meg",
}
SORT_LABELS = {"oppdatert": "Sist endret først", "invitert": "Lengst siden invitasjon først", "grad": "Høyest sykmeldingsgrad først"}
PER_PAGE = 25
MAX_PAGE = 100_000


@router.get("/oversikt")
def queue_page(request: Request, user: PageUser = Depends(require_user)) -> Response:
    params = request.query_params
    errors: list[str] = []

    def pick(name: str, allowed, default=None):
        value = params.get(name) or default
        if value is not None and value not in allowed:
            errors.append(name)
            return default
        return value

    status = pick("status", {s.value for s in Status})
    reason = pick("grunn", set(FILTER_REASONS))
    channel = pick("kanal", {"chat", "sms"})
    view = pick("vis", set(VIEW_LABELS), "alle")
    sort = pick("sorter", set(SORT_LABELS), "oppdatert")
    enhet = pick("enhet", set(user.enheter))
    # Bounded like the JSON API's offset: a page beyond MAX_PAGE (or not a number) answers 422.
    raw_page = params.get("side") or "1"
    page = int(raw_page) if raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= 6 else 0
    if not 1 <= page <= MAX_PAGE:
        errors.append("side")
        page = 1
    enheter = frozenset({enhet}) if enhet else user.enheter
    query = review_queue.QueueQuery(
        enheter=enheter, me=user.ident, statuses=(status,) if status else (), reason=reason, channel=channel,
        view=view, sort=sort, page=page, per_page=PER_PAGE,
    )
    db = get_database(get_settings())
    # A read transaction (never SQLite's write lock for the whole read), then the audit in a
    # short write of its own.
    with db.read() as session:
        result = review_queue.queue_page(session, query, today_in_oslo())
        undelivered = outbox.dead_counts(session, [row.id for row in result.rows])
        unanswered = sms_unanswered.counts(session, [row.id for row in result.rows])
        otherwise = contact_otherwise(session, [(row.id, row.reservert_digital) for row in result.rows])
    with db.write() as session:
        AuditRepository(session).append(
            actor=user.ident, actor_kind="veileder", action="queue.read", case_id=None, outcome="ok",
            detail={"count": len(result.rows), "statuses": list(query.statuses), "via": "side"},
        )
    current = {k: v for k, v in {"enhet": enhet, "vis": view if view != "alle" else None, "status": status,
                                 "grunn": reason, "kanal": channel,
                                 "sorter": sort if sort != "oppdatert" else None}.items() if v}

    def link(**changes) -> str:
        merged = {**current, **changes}
        return "/oversikt?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", 1)})

    return render(request, "queue.html", {
        "title": "Oversikt",
        "result": result,
        "undelivered": undelivered,
        "unanswered": unanswered,
        "otherwise": {case_id: contact_otherwise_text(reason) for case_id, reason in otherwise.items()},
        "filters": {"status": status, "grunn": reason, "kanal": channel, "vis": view, "sorter": sort, "enhet": enhet},
        "errors": errors,
        "view_labels": VIEW_LABELS,
        "sort_labels": SORT_LABELS,
        "status_order": [s.value for s in Status],
        "link": link,
        "enheter": sorted(user.enheter),
    }, status_code=422 if errors else 200)
