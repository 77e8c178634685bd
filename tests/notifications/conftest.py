"""The real RabbitMQ for the broker tests, treated as the suite treats PostgreSQL: used when
UKE8_TEST_BROKER_URL is set (`.ci/run` sets it, and starts RabbitMQ if it is down), so in CI a
broker that does not answer fails these tests instead of skipping them. Without the variable
(a developer's machine without RabbitMQ) they are skipped, with the reason in the summary.
Each test gets a queue of its own, deleted afterwards."""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pika
import pytest

from uke8.notifications.events import TaskEvent
from uke8.settings import get_settings


def broker_url() -> str | None:
    return os.environ.get("UKE8_TEST_BROKER_URL") or None


class Queue:
    def __init__(self, url: str, name: str):
        self.url, self.name = url, name
        self.connection = pika.BlockingConnection(pika.URLParameters(url))
        self.channel = self.connection.channel()
        self.channel.queue_declare(queue=name, durable=True)

    def drain(self) -> list[tuple[pika.BasicProperties, TaskEvent]]:
        """Every message now on the queue (acknowledged)."""
        got = []
        while True:
            method, properties, body = self.channel.basic_get(self.name, auto_ack=True)
            if method is None:
                return got
            got.append((properties, TaskEvent.from_json(body)))


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Queue]:
    url = broker_url()
    if url is None:
        # The broker tests need a real RabbitMQ and are never faked. CI always has one (.ci/run
        # starts it when it is down and sets UKE8_TEST_BROKER_URL), so there a missing URL is a
        # failure. On a developer's machine without RabbitMQ they are skipped, saying why, the
        # way the PostgreSQL pass is left out without UKE8_TEST_DATABASE_URL.
        if os.environ.get("CI"):
            pytest.fail("CI without UKE8_TEST_BROKER_URL: the broker tests must run against the real RabbitMQ")
        pytest.skip("no RabbitMQ for the broker tests: set UKE8_TEST_BROKER_URL (e.g. "
                    "amqp://guest:guest@127.0.0.1:5672/%2F); CI sets it and fails without it")
    name = f"uke8.test.{secrets.token_hex(4)}"
    monkeypatch.setenv("UKE8_BROKER_URL", url)
    monkeypatch.setenv("UKE8_MINSIDE_QUEUE", name)
    get_settings.cache_clear()
    queue = Queue(url, name)
    try:
        yield queue
    finally:
        queue.channel.queue_delete(name)
        queue.connection.close()
