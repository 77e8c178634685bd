"""`uke8 scheduler` as the loop that `make run` starts: a case registered while it runs is
invited by the next run; the stack supervisor starts and watches it."""
from __future__ import annotations

import subprocess
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.lifecycle.conftest import PYTHON
from tests.lifecycle.test_exactly_once import register_many
from uke8.clock import today_in_oslo
from uke8.dev.stack import PROJECT_ROOT, Stack, free_port
from uke8.store.models import Invitation

pytestmark = [pytest.mark.processes, pytest.mark.timeout(300)]


def wait_for_invitations(db, count: int, seconds: float) -> int:
    deadline, found = time.time() + seconds, 0
    while time.time() < deadline:
        with db.read() as s:
            found = s.scalar(select(func.count()).select_from(Invitation)) or 0
        if found >= count:
            break
        time.sleep(0.2)
    return found


def test_the_loop_invites_what_becomes_due_while_it_runs(own_store):
    db, env = own_store
    proc = subprocess.Popen([PYTHON, "-m", "uke8.cli", "scheduler", "--interval", "1"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        time.sleep(2)
        assert proc.poll() is None, proc.stdout.read()
        register_many(db, 3, start=today_in_oslo() - timedelta(days=55))  # day 56 is today
        assert wait_for_invitations(db, 3, 30) == 3
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "scheduler " in out and "'invited': 3" in out


def test_the_stack_starts_the_scheduler(own_store, tmp_path):
    _, env = own_store
    with Stack(api_port=free_port(), env=env, with_rasa=False, with_scheduler=True, log_dir=tmp_path / "logs") as stack:
        names = [s.name for s in stack.services]
        assert names == ["api", "scheduler"]
        time.sleep(3)
        stack.check_alive()
    assert "scheduler " in (tmp_path / "logs" / "scheduler.log").read_text()


def test_a_run_against_an_unreachable_store_says_so_without_details(own_store):
    _, env = own_store
    env = env | {"UKE8_DATABASE_URL": "postgresql+psycopg://uke8@127.0.0.1:9/nowhere"}
    done = subprocess.run([PYTHON, "-m", "uke8.cli", "scheduler", "--once", "--today", "2026-11-23"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "scheduler: run as of 2026-11-23 failed: OperationalError" in done.stderr and "Traceback" not in done.stderr
