"""Two `uke8 deliver` processes and a slow gateway: one worker's batch takes longer than a
lease, so the other takes over its last messages. Each message reaches the gateway exactly
once (the lease is renewed, or found taken, right before each send), one person's in order."""
from __future__ import annotations

import pytest

from tests.sms.conftest import PYTHON, Proc, wait_for
from tests.sms.test_delivery import all_settled, sms_person, statuses

pytestmark = pytest.mark.timeout(300)

PEOPLE = 40  # two messages each: a first batch of 40 sends at 0.35 s is ~14 s, twice the 7 s lease
DELAY = 0.35


def test_two_workers_and_a_slow_gateway_send_each_message_once_in_order(gateway, own_sms_store):
    db, _ = own_sms_store
    people = [sms_person(db, replies=1) for _ in range(PEOPLE)]
    # every send is answered late (recorded, then answered after DELAY: under the 1 s timeout)
    gateway.post("/faults", {"delay_next": 10_000, "delay_seconds": DELAY, "delay_mode": "after"})
    workers = [Proc(f"deliver-{n}", [PYTHON, "-m", "uke8.cli", "deliver"], gateway.env, gateway.tmp / f"deliver-{n}.log")
               for n in (1, 2)]
    for worker in workers:
        gateway.procs[worker.name] = worker.start()
    wait_for(lambda: all_settled(db, [p[0] for p in people]), timeout=180, interval=0.5, what="all messages sent")
    stats = gateway.get("/stats")
    twice = {key: n for key, n in stats["attempts_by_key"].items() if n != 1}
    assert not twice, f"{len(twice)} messages reached the gateway more than once"
    assert stats["attempts"] == 2 * PEOPLE
    for case_id, phone, texts in people:
        assert [m["body"] for m in gateway.received(phone)] == texts  # once each, in the order written
        assert statuses(db, case_id) == [("sent", 1), ("sent", 1)]
    logs = [w.log.read_text() for w in workers]
    assert all("'sent': " in log for log in logs), "both workers sent part of the work"
