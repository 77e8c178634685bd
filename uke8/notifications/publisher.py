"""The task publisher: an adapter behind a small Protocol, so that a Kafka producer (NAV's
brukervarsel topic) could replace the RabbitMQ one without touching the outbox or the worker.

RabbitMqPublisher (pika, a blocking connection): the durable queue UKE8_MINSIDE_QUEUE is
declared, every event is published persistent, `mandatory`, with publisher confirms on, so
`publish` returns only once the broker has taken responsibility for it; `message_id` is the
outbox message id and the `idempotency-key` header its key, so a consumer recognises a message
the outbox sent again after a lost confirm. Anything else (connection refused, a broker that
goes away, a nack, an unroutable message, no confirm within UKE8_BROKER_TIMEOUT) raises
BrokerUnavailable: the outbox counts a failed attempt and retries after its backoff. The next
publish connects afresh. Error texts name the exception type only (never the ident or the link).
"""
from __future__ import annotations

from typing import Protocol

import pika
import pika.exceptions

from uke8.notifications.events import TaskEvent


class BrokerUnavailable(Exception):
    """The broker did not take the event; worth trying again later."""


class TaskPublisher(Protocol):
    def publish(self, event: TaskEvent) -> None:
        """Return only when the event is safely with the broker; raise otherwise."""

    def close(self) -> None: ...


class RabbitMqPublisher:
    def __init__(self, url: str, queue: str, *, timeout: float = 5.0):
        self.queue = queue
        self.params = pika.URLParameters(url)
        self.params.connection_attempts = 1
        self.params.retry_delay = 0
        self.params.socket_timeout = timeout
        self.params.stack_timeout = timeout
        self.params.blocked_connection_timeout = timeout
        self.params.heartbeat = 60
        self._connection: pika.BlockingConnection | None = None
        self._channel = None

    def _open(self):
        if self._channel is not None and self._channel.is_open and self._connection is not None and self._connection.is_open:
            return self._channel
        self.close()
        self._connection = pika.BlockingConnection(self.params)
        channel = self._connection.channel()
        channel.confirm_delivery()
        channel.queue_declare(queue=self.queue, durable=True)
        self._channel = channel
        return channel

    def publish(self, event: TaskEvent) -> None:
        properties = pika.BasicProperties(
            content_type="application/json", delivery_mode=pika.DeliveryMode.Persistent, message_id=event.event_id,
            type=event.event, headers={"idempotency-key": event.idempotency_key, "task-id": event.task_id})
        try:
            self._open().basic_publish(exchange="", routing_key=self.queue, body=event.to_json(), properties=properties,
                                       mandatory=True)
        except (pika.exceptions.AMQPError, OSError) as exc:
            self.close()
            raise BrokerUnavailable(f"broker: {type(exc).__name__}") from None

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and connection.is_open:
            try:
                connection.close()
            except (pika.exceptions.AMQPError, OSError):
                pass

    def __enter__(self) -> RabbitMqPublisher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
