"""The local Min side with a broker: the consumer on the real RabbitMQ (UKE8_TEST_BROKER_URL;
skipped with the reason without it, failing in CI). What `uke8 notify` publishes for an invited
chat case becomes an open task with its link, a redelivery changes nothing, every message is
acknowledged once stored (the queue is left empty), a message that is no task event is rejected,
and answering closes the task. Synthetic people; every run is given its moment."""
from __future__ import annotations

import time
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.factories import synthetic_fnr
from tests.lifecycle.helpers import DAY56, at, register, run
from tests.notifications.test_minside_tasks import conversation, publisher, settle
from uke8.cases.answers import record_answer
from uke8.dev.minside import build
from uke8.dev.minside_tasks import Consumer, TaskStore
from uke8.lifecycle.links import verify_link
from uke8.notifications import events
from uke8.notifications.events import TaskEvent
from uke8.settings import get_settings


def wait_until(predicate, what: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = predicate()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def on_queue(broker) -> int:
    return broker.channel.queue_declare(queue=broker.name, durable=True, passive=True).method.message_count


def test_published_tasks_are_consumed_acked_once_and_closed_when_answered(db, broker):
    fnr = synthetic_fnr()
    case_id = register(db, fnr=fnr, channel="chat")
    run(db, DAY56)
    s = get_settings()
    store = TaskStore()
    consumer = Consumer(s.broker_url, s.minside_queue, store, timeout=2).start()
    try:
        with publisher() as pub:
            settle(db, pub, at(DAY56, 9, 1))
        [task] = wait_until(lambda: store.tasks_for(fnr), "the task on Min side")
        assert task.open and task.task_id == events.task_id(case_id, 1)
        assert verify_link(task.link, today=DAY56) == conversation(db, case_id)
        wait_until(lambda: on_queue(broker) == 0 and consumer.stored >= 1, "every message acknowledged")

        # a message that is no task event is rejected (not requeued), and the consumer goes on
        stored = consumer.stored
        for _ in range(2):
            broker.channel.basic_publish("", broker.name, b'{"event": "opprett", "event_id": "x"}')  # no ident: rejected
        wait_until(lambda: consumer.rejected >= 2 and on_queue(broker) == 0, "the bad messages rejected")
        assert consumer.stored == stored and consumer.connected.is_set()

        conversation_id = conversation(db, case_id)
        for slot, code in (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker")):
            with db.write() as session:
                record_answer(session, conversation_id, slot, code, source="button", today=DAY56 + timedelta(days=1))
        with publisher() as pub:
            settle(db, pub, at(DAY56 + timedelta(days=1), 10))
        [task] = wait_until(lambda: [t for t in store.tasks_for(fnr) if not t.open], "the task closed")
        assert task.closed_reason == "besvart"
    finally:
        consumer.stop()


def test_a_redelivered_event_changes_nothing(broker):
    fnr, s = synthetic_fnr(), get_settings()
    store = TaskStore()
    consumer = Consumer(s.broker_url, s.minside_queue, store, timeout=2).start()
    try:
        opprett = TaskEvent("opprett", "41", "c:1:invitation", "t-41", fnr, "tekst", "http://127.0.0.1:8000/chat?t=x", "2030-01-14")
        close = TaskEvent("inaktiver", "42", "c:1:task_done", "t-41", fnr, reason="frist")
        with publisher() as pub:
            for e in (opprett, opprett, close, opprett):  # the last: a redelivery after the close
                pub.publish(e)
        wait_until(lambda: consumer.stored + consumer.duplicates >= 4, "all four handled")
        assert (consumer.stored, consumer.duplicates) == (2, 2)
        [task] = store.tasks_for(fnr)
        assert task.closed_reason == "frist"
    finally:
        consumer.stop()


def test_the_app_in_broker_mode_shows_the_consumed_task(broker, tmp_path, monkeypatch):
    monkeypatch.setenv("UKE8_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    fnr = synthetic_fnr()
    app, consumer, store = build(get_settings())
    assert consumer is not None and (tmp_path / "minside.db").exists()
    consumer.start()
    try:
        with publisher() as pub:
            pub.publish(TaskEvent("opprett", "51", "c:5:invitation", "t-51", fnr, "Tre korte spørsmål",
                                  "http://127.0.0.1:8000/chat?t=v1.abc", "2030-01-14"))
        wait_until(lambda: store.tasks_for(fnr), "the task stored")
        c = TestClient(app)
        assert c.get("/healthz").json() == {"status": "ok", "source": "broker", "connected": True}
        c.post("/logg-inn", data={"fnr": fnr})
        page = c.get("/").text
        assert "Gå til spørsmålene" in page and "14. januar 2030" in page and "meldingskøen" in page
    finally:
        consumer.stop()
        store.close()
