"""Min side tasks end to end (issue 15): a chat case invited through the API has its task
published and its outbox message `sent` within seconds; answering closes the task.

    .venv/bin/python bench/notify.py [--cases 50] [--broker-url URL] [--interval 0.2]
    .venv/bin/python bench/notify.py --broker-down-for 5 [--backoff 60,300,…]

Everything is the product's own, each in its own process: a fresh SQLite case store in a
temporary UKE8_DATA_DIR (`uke8 migrate`), the API (uvicorn on a free loopback port, the admin
token), the worker `uke8 notify --interval S` publishing to a queue of its own
(`uke8.bench.<random>`, deleted afterwards) on the real RabbitMQ (default
amqp://guest:guest@127.0.0.1:5672/%2F; UKE8_TEST_BROKER_URL or --broker-url). The bench is the
register feed and the person:

1. registers N synthetic chat cases (fødselsnummer with month + 80, no mobile number, so no
   varsel SMS) with POST /api/v1/cases, then invites each with POST /api/v1/cases/{id}/invitation,
   one after the other, while the worker runs;
2. per case, from the invitation's own timestamp (`invited_at`, written by the API inside the
   invite's transaction, just before its commit) to
   (a) the outbox invitation row `sent` (its `sent_at`, written by the worker after the broker's
       publisher confirm), and
   (b) the `opprett` event on the queue (a pika consumer in this process, matched by task_id);
3. records the three answers of each case through uke8.cases.answers.record_answer (the use
   case the bot's form calls, one transaction per answer, source "button"), and measures from
   the commit of the third to the `inaktiver` event (reason besvart) on the queue.

Duplicates are events whose event_id (= the outbox message id, the AMQP message_id) arrived
more than once; missing are the expected events (one opprett and one inaktiver per case) that
never arrived. The queue is watched for `--settle` seconds after the last expected event.

--broker-down-for S: the worker is first started against a closed port (nothing global is
stopped), the cases are invited while it fails, and after S seconds (and at least one failed
attempt of every invitation) it is stopped and started again with the real URL. The outbox then
retries after its backoff: UKE8_OUTBOX_BACKOFF, the product's default (60 s before the first
retry) unless --backoff is given. The report says whether every event arrived exactly once and
how long after the broker came back.

Prints a markdown table and writes bench/results/notify.json (notify-broker-down.json with
--broker-down-for).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F"
ANSWERS = (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker"))
UKE8 = ROOT / ".venv" / "bin" / "uke8"
PYTHON = ROOT / ".venv" / "bin" / "python"


# -- pure helpers (tests/unit/test_bench_notify.py) ---------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of `values`; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def spread(values: Sequence[float]) -> dict:
    """n, p50, p95 and max, rounded to milliseconds."""
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 3)
    return {"n": len(values), "p50": r(percentile(values, 50)), "p95": r(percentile(values, 95)),
            "max": r(max(values) if values else None)}


def tally(arrivals: Iterable[tuple[str, str, str]], expected: Iterable[tuple[str, str]]) -> dict:
    """arrivals: (event_id, event, task_id) as consumed, in order; expected: (event, task_id)
    that must arrive once each. Duplicates: arrivals of an event_id seen before. Missing:
    expected (event, task_id) never seen. Unexpected: distinct events nobody expected."""
    arrivals = list(arrivals)
    expected = set(expected)
    by_id = Counter(event_id for event_id, _, _ in arrivals)
    seen = {(event, task) for _, event, task in arrivals}
    return {
        "arrived": len(arrivals),
        "distinct": len(by_id),
        "duplicates": sum(count - 1 for count in by_id.values()),
        "missing": len(expected - seen),
        "unexpected": len(seen - expected),
    }


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def epoch(moment: datetime) -> float:
    """A stored timestamp (SQLite: naive UTC; PostgreSQL: aware) as seconds since the epoch."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


# -- the queue ---------------------------------------------------------------------------------


class Consumer(threading.Thread):
    """Consumes the bench's queue; keeps (arrival time, event_id, event, task_id, reason)."""

    def __init__(self, url: str, queue: str):
        super().__init__(daemon=True)
        import pika

        self.url, self.queue = url, queue
        self.arrivals: list[tuple[float, str, str, str, str | None]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.connection = pika.BlockingConnection(pika.URLParameters(url))
        self.channel = self.connection.channel()
        self.channel.queue_declare(queue=queue, durable=True)  # as the publisher declares it

    def _on_message(self, channel, method, properties, body) -> None:  # noqa: ANN001
        from uke8.notifications.events import TaskEvent

        now = time.time()
        event = TaskEvent.from_json(body)
        with self.lock:
            self.arrivals.append((now, properties.message_id or event.event_id, event.event, event.task_id, event.reason))
        channel.basic_ack(method.delivery_tag)

    def run(self) -> None:
        try:
            self.channel.basic_consume(self.queue, self._on_message)
            self.ready.set()
            while not self.stopping.is_set():
                self.connection.process_data_events(time_limit=0.05)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            self.error = exc
            self.ready.set()
        finally:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001
                pass

    def snapshot(self) -> list[tuple[float, str, str, str, str | None]]:
        with self.lock:
            return list(self.arrivals)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)


def delete_queue(url: str, queue: str) -> None:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        connection.channel().queue_delete(queue)
    finally:
        connection.close()


# -- processes ---------------------------------------------------------------------------------


def launch(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    from uke8.dev.processes import die_with_parent

    out = open(log, "ab")
    try:
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                preexec_fn=die_with_parent)
    finally:
        out.close()


def stop(process: subprocess.Popen | None, sig: int = signal.SIGINT) -> None:
    """Stop one process this bench started (by its own handle, never by name)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def wait_for(what: str, check, timeout: float, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SystemExit(f"notify bench: timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# -- the run -----------------------------------------------------------------------------------


def outbox_rows(db, kind: str) -> dict[str, tuple[str, int, datetime | None]]:
    """case_id -> (status, attempts, sent_at) of its round-1 message of `kind`."""
    from sqlalchemy import select

    from uke8.store.models import OutboxMessage

    with db.read() as session:
        rows = session.execute(select(OutboxMessage.case_id, OutboxMessage.status, OutboxMessage.attempts,
                                      OutboxMessage.sent_at)
                               .where(OutboxMessage.kind == kind, OutboxMessage.round == 1)).all()
    return {case_id: (status, attempts, sent_at) for case_id, status, attempts, sent_at in rows}


def run(args: argparse.Namespace) -> dict:
    import httpx

    tmp = Path(tempfile.mkdtemp(prefix="uke8-bench-notify-"))
    data_dir, logs = tmp / "data", tmp / "logs"
    data_dir.mkdir(mode=0o700)
    logs.mkdir(mode=0o700)
    queue = f"uke8.bench.{secrets.token_hex(4)}"
    api_port = free_port_()
    admin = "adm-" + secrets.token_urlsafe(24)
    env = {k: v for k, v in os.environ.items() if not k.startswith("UKE8_")}
    env.update(
        UKE8_DATA_DIR=str(data_dir), UKE8_ENV="development", UKE8_ADMIN_TOKEN=admin,
        UKE8_SECRET_KEY=secrets.token_urlsafe(32), UKE8_LINK_SECRET=secrets.token_urlsafe(32),
        UKE8_SERVICE_TOKEN=secrets.token_urlsafe(32), UKE8_SMS_AUTH_TOKEN=secrets.token_hex(16),
        UKE8_API_PORT=str(api_port), UKE8_BROKER_URL=args.broker_url, UKE8_MINSIDE_QUEUE=queue,
        PYTHONUNBUFFERED="1",
    )
    if args.backoff:
        env["UKE8_OUTBOX_BACKOFF"] = args.backoff
    # This process reads and writes the same store (polling the outbox, the person's answers).
    for key in [k for k in os.environ if k.startswith("UKE8_")]:
        del os.environ[key]
    os.environ.update({k: v for k, v in env.items() if k.startswith("UKE8_")})

    from tests.factories import case_body
    from uke8.cases.answers import record_answer
    from uke8.lifecycle import outbox
    from uke8.notifications import events
    from uke8.settings import get_settings
    from uke8.store.db import get_database

    get_settings.cache_clear()
    settings = get_settings()
    consumer = worker = api = None
    result: dict = {}
    try:
        subprocess.run([str(UKE8), "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
        db = get_database()
        consumer = Consumer(args.broker_url, queue)
        consumer.start()
        consumer.ready.wait(10)
        if consumer.error:
            raise consumer.error

        notify = [str(UKE8), "notify", "--interval", str(args.interval)]
        down_url = f"amqp://guest:guest@127.0.0.1:{closed_port()}/%2F" if args.broker_down_for else None
        worker_started = time.time()
        worker = launch(notify, env | ({"UKE8_BROKER_URL": down_url} if down_url else {}), logs / "notify.log")
        api = launch([str(PYTHON), "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(api_port)],
                     env, logs / "api.log")
        base = f"http://127.0.0.1:{api_port}"
        client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=30)

        def api_up() -> bool:
            if api.poll() is not None:
                raise SystemExit(f"the API exited ({api.returncode}); see {logs / 'api.log'}:\n{(logs / 'api.log').read_text()[-3000:]}")
            try:
                return client.get("/healthz").status_code == 200
            except httpx.HTTPError:
                return False
        wait_for("the API", api_up, 60)

        # 1. register, then invite one after the other (the worker is running meanwhile)
        case_ids = []
        for _ in range(args.cases):
            response = client.post("/api/v1/cases", json=case_body())
            response.raise_for_status()
            case_ids.append(response.json()["id"])
        conversations, post_seconds, invite_posted = {}, [], {}
        invites_started = time.time()
        for case_id in case_ids:
            started = time.time()
            response = client.post(f"/api/v1/cases/{case_id}/invitation")
            invite_posted[case_id] = time.time()
            response.raise_for_status()
            body = response.json()
            if body["channel"] != "chat" or body["screening"] != "sporsmal":
                raise SystemExit(f"case {case_id} was invited as {body['channel']}/{body['screening']}, not chat with questions")
            conversations[case_id] = body["conversation_id"]
            post_seconds.append(invite_posted[case_id] - started)
        invites_done = time.time()
        from sqlalchemy import select

        from uke8.store.models import Invitation

        with db.read() as session:
            invited_at = {c: epoch(t) for c, t in session.execute(
                select(Invitation.case_id, Invitation.invited_at).where(Invitation.case_id.in_(case_ids))).all()}
        task_of = {events.task_id(case_id, 1): case_id for case_id in case_ids}

        outage = None
        if down_url:
            # keep the broker "down" for S seconds after the first invite, and until every
            # invitation has failed at least once (so the outage really met every event)
            first_invite = min(invited_at.values())
            wait_for("a failed attempt of every invitation", lambda: all(
                status == outbox.FAILED and attempts >= 1 for status, attempts, _ in outbox_rows(db, outbox.INVITATION).values()
            ) and len(outbox_rows(db, outbox.INVITATION)) == len(case_ids), 60)
            time.sleep(max(0.0, first_invite + args.broker_down_for - time.time()))
            during = consumer.snapshot()
            rows = outbox_rows(db, outbox.INVITATION)
            stop(worker)
            recovered = time.time()
            worker = launch(notify, env, logs / "notify.log")
            outage = {"seconds_down": round(recovered - first_invite, 2), "worker_down_started_before_first_invite_s":
                      round(first_invite - worker_started, 2),
                      "events_during_outage": len(during),
                      "failed_attempts_during_outage": sum(a for _, a, _ in rows.values()),
                      "statuses_at_recovery": dict(Counter(s for s, _, _ in rows.values())),
                      "backoff": settings.outbox_backoff, "recovered_at": recovered}

        # 2. (a) sent in the outbox, (b) opprett on the queue
        wait_for("every invitation sent", lambda: (lambda rows: len(rows) == len(case_ids) and all(
            s == outbox.SENT for s, _, _ in rows.values()))(outbox_rows(db, outbox.INVITATION)), args.timeout)
        def arrived(event: str) -> dict[str, float]:
            first: dict[str, float] = {}
            for at, _, name, task, _ in consumer.snapshot():
                if name == event and task in task_of:
                    first.setdefault(task_of[task], at)
            return first
        wait_for("every opprett on the queue", lambda: len(arrived(events.OPPRETT)) == len(case_ids), args.timeout)
        invitations = outbox_rows(db, outbox.INVITATION)
        opprett = arrived(events.OPPRETT)
        invite_to_sent = [epoch(invitations[c][2]) - invited_at[c] for c in case_ids]
        invite_to_queue = [opprett[c] - invited_at[c] for c in case_ids]
        attempts = Counter(invitations[c][1] for c in case_ids)

        # 3. the person answers (the bot's use case), the task closes
        answered = {}
        for case_id in case_ids:
            for slot, code in ANSWERS:
                with db.write() as session:
                    record_answer(session, conversations[case_id], slot, code, source="button")
            answered[case_id] = time.time()
        wait_for("every inaktiver on the queue", lambda: len(arrived(events.INAKTIVER)) == len(case_ids), args.timeout)
        wait_for("every task_done sent", lambda: (lambda rows: len(rows) == len(case_ids) and all(
            s == outbox.SENT for s, _, _ in rows.values()))(outbox_rows(db, outbox.TASK_DONE)), args.timeout)
        inaktiver = arrived(events.INAKTIVER)
        done_rows = outbox_rows(db, outbox.TASK_DONE)
        answer_to_queue = [inaktiver[c] - answered[c] for c in case_ids]
        answer_to_sent = [epoch(done_rows[c][2]) - answered[c] for c in case_ids]
        time.sleep(args.settle)  # anything sent twice would arrive now

        arrivals = consumer.snapshot()
        counts = tally(((eid, name, task) for _, eid, name, task, _ in arrivals),
                       [(e, t) for t in task_of for e in (events.OPPRETT, events.INAKTIVER)])
        reasons = Counter(reason for _, _, name, _, reason in arrivals if name == events.INAKTIVER)
        result = {
            "cases": args.cases, "interval": args.interval, "queue": queue,
            "broker": args.broker_url.split("@")[-1],
            "invite_to_sent": spread(invite_to_sent), "invite_to_opprett_on_queue": spread(invite_to_queue),
            "answer_to_inaktiver_on_queue": spread(answer_to_queue), "answer_to_task_done_sent": spread(answer_to_sent),
            "invite_post_seconds": spread(post_seconds),
            "invites_wall_seconds": round(invites_done - invites_started, 2),
            "publish_attempts_per_invitation": {str(k): v for k, v in sorted(attempts.items())},
            "inaktiver_reasons": dict(reasons), **counts,
            "exactly_once": counts["duplicates"] == 0 and counts["missing"] == 0 and counts["unexpected"] == 0,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "store": "sqlite",
        }
        if outage:
            recovered = outage.pop("recovered_at")
            outage["recovery_to_last_opprett_s"] = round(max(opprett.values()) - recovered, 2)
            outage["recovery_to_first_opprett_s"] = round(min(opprett.values()) - recovered, 2)
            result["broker_down"] = {"for_s": args.broker_down_for, **outage}
    finally:
        stop(worker)
        stop(api)
        if consumer is not None:
            consumer.stop()
        try:
            delete_queue(args.broker_url, queue)
        except Exception as exc:  # noqa: BLE001 - say so, carry on cleaning up
            print(f"notify bench: could not delete queue {queue}: {type(exc).__name__}", file=sys.stderr)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def free_port_() -> int:
    from uke8.dev.processes import free_port

    return free_port()


def table(result: dict) -> str:
    lines = ["| measure | n | p50 s | p95 s | max s |", "|---|---:|---:|---:|---:|"]
    for label, key in (("invite → outbox `sent`", "invite_to_sent"), ("invite → `opprett` on queue", "invite_to_opprett_on_queue"),
                       ("answer → `inaktiver` on queue", "answer_to_inaktiver_on_queue"),
                       ("answer → `task_done` sent", "answer_to_task_done_sent")):
        s = result[key]
        lines.append(f"| {label} | {s['n']} | {s['p50']} | {s['p95']} | {s['max']} |")
    lines.append("")
    lines.append(f"events on the queue: {result['arrived']} ({result['distinct']} distinct), duplicates {result['duplicates']}, "
                 f"missing {result['missing']}, unexpected {result['unexpected']}; inaktiver reasons {result['inaktiver_reasons']}; "
                 f"publish attempts per invitation {result['publish_attempts_per_invitation']}")
    down = result.get("broker_down")
    if down:
        lines.append(f"broker down {down['seconds_down']} s from the first invite (backoff {down['backoff']}): "
                     f"{down['failed_attempts_during_outage']} failed attempts, {down['events_during_outage']} events during it; "
                     f"after recovery first opprett +{down['recovery_to_first_opprett_s']} s, last +{down['recovery_to_last_opprett_s']} s; "
                     f"exactly once: {'yes' if result['exactly_once'] else 'NO'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--broker-url", default=os.environ.get("UKE8_TEST_BROKER_URL") or DEFAULT_BROKER)
    parser.add_argument("--interval", type=float, default=0.2, help="the worker's idle interval (uke8 notify --interval)")
    parser.add_argument("--broker-down-for", type=float, default=0.0, metavar="S",
                        help="start the worker against a closed port, restart it with the real URL after S seconds")
    parser.add_argument("--backoff", default=None, help="UKE8_OUTBOX_BACKOFF for the run (default: the product's)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for each phase (default 60, or backoff + 60)")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to keep watching the queue for duplicates")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data dir (logs)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.timeout is None:
        first_retry = float((args.backoff or "60").split(",")[0])
        args.timeout = 60 + (first_retry + args.broker_down_for if args.broker_down_for else 0)
    out = args.out or ROOT / "bench" / "results" / ("notify-broker-down.json" if args.broker_down_for else "notify.json")

    result = run(args)
    down = f", broker down {args.broker_down_for:g} s" if args.broker_down_for else ""
    print(f"Min side tasks: {args.cases} chat cases invited through the API, `uke8 notify --interval {args.interval:g}`, "
          f"RabbitMQ {result['broker']}, SQLite{down}, {os.cpu_count()} CPUs")
    print(table(result))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"written {out}")
    return 0 if result["exactly_once"] else 1


if __name__ == "__main__":
    sys.exit(main())
