"""Fixtures of the local Min side's tests: the real RabbitMQ queue of tests/notifications (used
when UKE8_TEST_BROKER_URL is set, skipped with the reason otherwise, failing in CI), and the
chat tests' stack helper for the browser test."""
from __future__ import annotations

from tests.chat.conftest import chat  # noqa: F401  (the session stack's chat helper)
from tests.notifications.conftest import broker  # noqa: F401  (a queue of its own per test)
