"""Running things in Rasa's own environment (.venv-bot, Python 3.10) from the tests."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from uke8.settings import PROJECT_ROOT

RASA = PROJECT_ROOT / ".venv-bot" / "bin" / "rasa"
BOT_PYTHON = PROJECT_ROOT / ".venv-bot" / "bin" / "python"
CURRENT_MODEL = PROJECT_ROOT / "models" / "current"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}


def run_check(script: str) -> dict[str, Any]:
    """A check script under tests/rasa/checks, run in .venv-bot; its last line is its JSON result."""
    result = subprocess.run([str(BOT_PYTHON), script], cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def predicted_exactly(stories: str, out: Path) -> dict[str, Any]:
    """`rasa test core` of the trained model on `stories`: every story predicted exactly; the report."""
    if not CURRENT_MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    model = (PROJECT_ROOT / CURRENT_MODEL.read_text().strip()).resolve()
    result = subprocess.run(
        [str(RASA), "test", "core", "--model", str(model), "--stories", stories, "--out", str(out), "--no-plot"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = out / "failed_test_stories.yml"
    failed_text = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert "story:" not in failed_text, failed_text
    return json.loads((out / "story_report.json").read_text())
