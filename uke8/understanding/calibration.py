"""Confidence thresholds of the live form, calibrated on held-out data (see bench/nlu.py).

`accept`: record the answer; `confirm`: ask "Forstår jeg deg riktig …?"; below: ask again.
`global_accept`: act on a global intent (stopp, menneske, …) instead of treating the text
as an answer.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    accept: float = 0.80
    confirm: float = 0.40
    global_accept: float = 0.60


THRESHOLDS = Thresholds()
