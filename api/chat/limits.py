"""Rate limit per chat link: a token bucket per conversation, in this process's memory.

A bucket holds up to `per_minute` tokens and refills at per_minute/60 tokens a second; each
message takes one. A full bucket that has been idle is forgotten, so memory stays bounded by
the conversations active in the last minute or so.

In-process only: with several API processes behind a load balancer each keeps its own
buckets, so the effective limit is per_minute × processes. A shared store (Redis, with the
same bucket in a Lua script or INCR with EXPIRE per minute) is needed for an exact limit there.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 when allowed, else the seconds until one is free."""
        now = self._clock()
        with self._lock:
            self._sweep(now)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(self.capacity, now)
            else:
                bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        refill_time = self.capacity / self.rate
        for key in [k for k, b in self._buckets.items() if now - b.updated >= refill_time]:
            del self._buckets[key]


def retry_after(seconds: float) -> str:
    """The Retry-After header's value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))
