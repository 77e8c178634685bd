"""The outbox workers' shared loop (uke8/lifecycle/worker_loop.py): a failed run is logged by
kind and tried again, a run that did something is reported, `once` stops after one run."""
from __future__ import annotations

import logging

import pytest

from uke8.lifecycle.outbox import DeliveryReport
from uke8.lifecycle.worker_loop import run_loop


def test_a_failed_run_is_logged_and_the_next_one_still_runs(caplog, capsys):
    runs = iter([RuntimeError("store down"), (DeliveryReport(sent=2), 1), KeyboardInterrupt()])

    def run_once():
        step = next(runs)
        if isinstance(step, BaseException):
            raise step
        return step

    with caplog.at_level(logging.ERROR):
        assert run_loop("notify", run_once, interval=0, once=False, extra="closed", log=logging.getLogger("t")) == 0
    assert "notify run failed: RuntimeError" in caplog.text and "store down" not in caplog.text
    assert "notify: {'sent': 2, 'failed': 0, 'dead': 0, 'cancelled': 0} closed 1" in capsys.readouterr().out


@pytest.mark.parametrize("result", [(DeliveryReport(), 0), (DeliveryReport(sent=1), 0)])
def test_once_runs_exactly_once(result):
    calls = []
    assert run_loop("deliver", lambda: calls.append(1) or result, interval=60, once=True, extra="x",
                    log=logging.getLogger("t")) == 0
    assert calls == [1]
