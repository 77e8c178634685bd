"""`uke8 deliver`: the SMS delivery worker (started by `make run`).

A loop that, every UKE8_DELIVER_INTERVAL seconds when idle (at once again while there is
work), does two things:
- sends the outbox's due SMS messages (the opening SMS, the reminder, a tailored greeting,
  the bot's replies, a veileder's message and the varsel of one on chat: uke8/thread) through the gateway (gateway.py): claimed with a lease, one person's
  messages strictly in order, the outbox key as Idempotency-Key, retried with backoff on
  timeouts and 5xx (UKE8_OUTBOX_BACKOFF), dead after UKE8_OUTBOX_MAX_ATTEMPTS or at once on
  a refusal (4xx) — dead letters are listed by GET /api/v1/outbox?status=dead and flagged on
  the case in the queue;
- sweeps inbound SMS the webhook could not finish (inbound.sweep).
`uke8 deliver --requeue-dead [--case ID]` gives dead SMS a new round (after a long outage).
Any number of workers may run: a claimed message is leased to one of them, and the lease is
renewed (or found taken by another worker, and the message skipped) right before each send. The phone number
is opened from the case's sealed copy at the moment of sending and never logged; the log has
counts, kinds and error types only.
"""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime, timedelta

from uke8.lifecycle import outbox
from uke8.lifecycle.outbox import DeliveryReport, Outgoing
from uke8.lifecycle.worker_loop import run_loop
from uke8.settings import get_settings
from uke8.sms import gsm7, inbound
from uke8.sms.gateway import GatewayClient, GatewayRefused
from uke8.sms.render import to_gsm
from uke8.store.crypto import get_sealer
from uke8.store.db import Database, get_database
from uke8.store.models import Case

log = logging.getLogger("uke8.sms.delivery")


class SmsSender:
    """The outbox adapter: one message through the gateway; returns what the outbox records."""

    def __init__(self, gateway: GatewayClient):
        self.gateway = gateway
        self.sealer = get_sealer()

    def __call__(self, message: Outgoing, case: Case) -> dict:
        if not case.mobil_sealed:
            raise GatewayRefused("the case has no mobile number")
        text = to_gsm(message.text)
        info = gsm7.segments(text)
        accepted = self.gateway.send(self.sealer.open(case.mobil_sealed), text, message.idempotency_key)
        return {"gateway_sid": accepted.sid, "segments": info.count, "encoding": info.encoding}


def lease_for(gateway_timeout: float) -> timedelta:
    # Longer than one send can take (the gateway timeout plus the store's writes around it),
    # so a message is never sent by two workers at once. It is renewed before each send
    # (outbox.take), so it covers one message, never a whole batch.
    return timedelta(seconds=gateway_timeout * 2 + 5)


def deliver_once(db: Database, gateway: GatewayClient, *, now: datetime | None = None, limit: int = 50) -> DeliveryReport:
    settings = get_settings()
    return outbox.deliver(db, "sms", SmsSender(gateway), limit=limit, now=now, lease=lease_for(settings.sms_gateway_timeout))


def run_once(db: Database, gateway: GatewayClient, rasa: inbound.RasaClient) -> tuple[DeliveryReport, int]:
    swept = 0
    try:
        swept = inbound.sweep(db, rasa)
    except Exception as exc:  # noqa: BLE001 - the sweep must not stop the delivery
        log.error("inbound sweep failed: %s", type(exc).__name__)
    return deliver_once(db, gateway), swept


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    parser.add_argument("--interval", type=float, default=None, help="seconds to sleep when idle (default UKE8_DELIVER_INTERVAL, 1)")
    parser.add_argument("--requeue-dead", action="store_true",
                        help="give the dead SMS (all, or --case's) a new round of attempts, then exit (e.g. after a long gateway outage)")
    parser.add_argument("--case", default=None, help="with --requeue-dead: only this case's messages")


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stdout)
    settings = get_settings()
    db = get_database()
    if args.requeue_dead:
        print(f"deliver: {outbox.requeue_dead(db, 'sms', case_id=args.case)} dead SMS requeued", flush=True)
        return 0
    interval = args.interval or settings.deliver_interval
    gateway = GatewayClient(settings)
    rasa = inbound.RasaClient(settings)
    print(f"deliver: SMS through {settings.resolved_sms_gateway_url()} (idle interval {interval} s)", flush=True)
    try:
        return run_loop("deliver", lambda: run_once(db, gateway, rasa), interval=interval, once=args.once,
                        extra="inbound swept", log=log)
    finally:
        gateway.close()
        rasa.close()
