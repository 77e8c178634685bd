"""Confidence thresholds of the live form, calibrated on held-out training data by
bench/calibrate.py (k-fold; the evaluation set is never used), stored in calibration.json.

`accept`: record the answer; `confirm`: ask "Forstår jeg deg riktig …?" about a top code this
likely; `offer`: the least mass the open question's codes must hold for any offer (below: ask
again); `close`: the second code within this fraction of the first competes, so both are
offered ("Mente du … eller …?"). `global_accept`: act on a global intent (stopp, menneske, …)
instead of an answer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Thresholds:
    accept: float = 0.80
    confirm: float = 0.40
    global_accept: float = 0.60
    offer: float = 0.20
    close: float = 0.50


def load_thresholds(path: Path = CALIBRATION_FILE) -> Thresholds:
    if not path.exists():
        return Thresholds()
    values = json.loads(path.read_text())
    return Thresholds(accept=values["accept"], confirm=values["confirm"], global_accept=values["global_accept"],
                      offer=values.get("offer", Thresholds.offer), close=values.get("close", Thresholds.close))


THRESHOLDS = load_thresholds()
