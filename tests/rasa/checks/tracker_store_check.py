"""Run in the bot environment (.venv-bot) by tests/unit/test_tracker_redaction.py: drives the
project's tracker store (bot/uke8_bot/tracker_store.py) the way Rasa does for each turn — retrieve
the tracker, apply the turn's events in memory, save — and prints what was stored.

stdin: {"db": PATH, "scenarios": {NAME: {"sender": ID, "turns": [[EVENT, ...], ...]}}}, the
events as Rasa serialises them. stdout (last line): {NAME: [{"rows": [data, ...], "slots": {..}}
per turn]}, "rows" being the raw `data` column of Rasa's events table for the sender.
"""
import asyncio
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import Event  # noqa: E402

from bot.uke8_bot.tracker_store import RedactingSQLTrackerStore  # noqa: E402


async def run(request: dict) -> dict:
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=request["db"])
    out = {}
    for name, scenario in request["scenarios"].items():
        sender = scenario["sender"]
        turns = []
        for events in scenario["turns"]:
            tracker = await store.get_or_create_tracker(sender)
            for data in events:
                tracker.update(Event.from_parameters(data))
            await store.save(tracker)
            with sqlite3.connect(request["db"]) as conn:
                rows = [r[0] for r in conn.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,))]
            stored = await store.retrieve(sender)
            turns.append({"rows": rows, "slots": stored.current_slot_values() if stored else {}})
        out[name] = turns
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
