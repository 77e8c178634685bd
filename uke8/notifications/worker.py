"""`uke8 notify`: the delivery worker of the `chat` channel (Min side tasks), started by
`make run` when a broker is configured (UKE8_BROKER_URL).

Every round (at once again while there is work, else after UKE8_NOTIFY_INTERVAL seconds):
1. close_done_tasks: queue the `inaktiver` of every published task whose case is done;
2. outbox.deliver(db, "chat", TaskSender): claim due task events with a lease, publish each with
   publisher confirms, mark it sent (and queue its varsel SMS in that same transaction), or count
   a failed attempt and retry after the backoff (UKE8_OUTBOX_BACKOFF), dead after
   UKE8_OUTBOX_MAX_ATTEMPTS. A broker that is down loses nothing and sends nothing twice: the
   outbox row stays until the broker confirmed it, and a retry after a lost confirm carries the
   same message_id (the outbox message id) for the consumer to recognise.
A veileder's message to a chat person (uke8/thread, kind `thread_notice`) is a beskjed of its own
with the link, followed by its neutral varsel SMS (`thread_varsel`), never the message's words.
The varsel SMS themselves go out through `uke8 deliver` like any SMS. The log has counts only.
"""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime, timedelta

from uke8.clock import OSLO
from uke8.lifecycle import outbox
from uke8.lifecycle.outbox import DeliveryReport
from uke8.lifecycle.worker_loop import run_loop
from uke8.notifications.publisher import RabbitMqPublisher, TaskPublisher
from uke8.notifications.tasks import TaskSender, close_done_tasks, then_varsel
from uke8.settings import Settings, get_settings
from uke8.store.db import Database, get_database

log = logging.getLogger("uke8.notifications")


def publisher_from(settings: Settings) -> TaskPublisher:
    if not settings.broker_url:
        raise SystemExit("notify: UKE8_BROKER_URL is not set (no broker to publish Min side tasks to)")
    return RabbitMqPublisher(settings.broker_url, settings.minside_queue, timeout=settings.broker_timeout)


def lease_for(settings: Settings) -> timedelta:
    # Longer than one publish can take (connect + confirm), renewed before each (outbox.take).
    return timedelta(seconds=settings.broker_timeout * 3 + 5)


def run_once(db: Database, publisher: TaskPublisher, *, now: datetime | None = None, limit: int = 100) -> tuple[DeliveryReport, int]:
    closed = close_done_tasks(db, today=now.astimezone(OSLO).date() if now else None, now=now)
    report = outbox.deliver(db, "chat", TaskSender(db, publisher), limit=limit, now=now, lease=lease_for(get_settings()),
                            on_sent=then_varsel)
    return report, closed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="publish what is due now, then exit")
    parser.add_argument("--interval", type=float, default=None, help="seconds to sleep when idle (default UKE8_NOTIFY_INTERVAL, 1)")


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
    settings = get_settings()
    db = get_database()
    publisher = publisher_from(settings)
    interval = args.interval or settings.notify_interval
    print(f"notify: Min side tasks to queue {settings.minside_queue!r} (idle interval {interval} s)", flush=True)
    try:
        return run_loop("notify", lambda: run_once(db, publisher), interval=interval, once=args.once, extra="closed", log=log)
    finally:
        publisher.close()
