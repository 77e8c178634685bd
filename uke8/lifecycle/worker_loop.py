"""The loop of an outbox worker (`uke8 deliver`, `uke8 notify`): one run, a line when it did
something, a pause only when it did nothing, and a failed run (the store briefly unreachable)
logged by kind and tried again — never the process ended by it."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict

from uke8.lifecycle.outbox import DeliveryReport


def run_loop(name: str, run_once: Callable[[], tuple[DeliveryReport, int]], *, interval: float, once: bool,
             extra: str, log: logging.Logger) -> int:
    """Run `run_once` until interrupted (or once). It returns the delivery report and a count of
    the worker's other work, printed as `extra` (e.g. "closed 3")."""
    try:
        while True:
            try:
                report, other = run_once()
            except Exception as exc:  # noqa: BLE001 - e.g. the store briefly unreachable: try again
                log.error("%s run failed: %s", name, type(exc).__name__)
                report, other = DeliveryReport(), 0
            if report.handled or other:
                print(f"{name}: {asdict(report)} {extra} {other}", flush=True)
            if once:
                return 0
            if not (report.handled or other):
                time.sleep(interval)
    except KeyboardInterrupt:
        return 0
