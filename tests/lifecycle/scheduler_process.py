"""`uke8 scheduler …` in a process of its own, for the exactly-once tests.

    python -m tests.lifecycle.scheduler_process [--start-at EPOCH] [--crash-after N] scheduler --once --today D --json

--start-at lines several processes up on one moment, so they really contend for the same cases.
--crash-after N kills the process with os._exit (no cleanup, no rollback from Python: the
database sees the connection drop) inside the transaction of its (N+1)-th step that writes an
outbox message, after the step's state change has been flushed and before its notice exists.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

CRASH_EXIT = 97


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start-at", type=float)
    parser.add_argument("--crash-after", type=int)
    own, rest = parser.parse_known_args()

    from uke8.cli import main as uke8_main
    from uke8.lifecycle import outbox

    if own.crash_after is not None:
        original, written = outbox.enqueue, [0]

        def enqueue(*args, **kwargs):
            if written[0] >= own.crash_after:
                os._exit(CRASH_EXIT)
            written[0] += 1
            return original(*args, **kwargs)

        outbox.enqueue = enqueue
    if own.start_at:
        time.sleep(max(0.0, own.start_at - time.time()))
    return uke8_main(rest)


if __name__ == "__main__":
    sys.exit(main())
