"""How the stack chooses Rasa's workers and endpoints (nothing is started here)."""
from __future__ import annotations

import socket

import pytest

from uke8.dev.stack import Stack, StackError


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])  # nothing listens there once the socket is closed


def test_several_workers_need_redis_and_fall_back_to_one_with_a_note():
    stack = Stack(env={"UKE8_RASA_WORKERS": "2", "UKE8_REDIS_PORT": closed_port()}, with_rasa=False)
    assert stack.rasa_workers == 1
    assert any("Redis does not answer" in note for note in stack.notes)


def test_the_postgresql_tracker_store_refuses_to_start_without_redis():
    with pytest.raises(StackError, match="needs Redis"):
        Stack(env={"UKE8_TRACKER_STORE": "postgresql", "UKE8_REDIS_PORT": closed_port()}, with_rasa=False)


def test_workers_and_endpoints_with_redis_answering():
    # Redis runs on these machines (127.0.0.1:6379) as Rasa's lock store.
    stack = Stack(env={"UKE8_RASA_WORKERS": "2"}, with_rasa=False)
    assert stack.rasa_workers == 2 and stack.notes == []
    single = Stack(env={"UKE8_RASA_WORKERS": "1"}, with_rasa=False)
    assert single.rasa_workers == 1
