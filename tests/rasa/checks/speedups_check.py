"""Run in the bot environment (.venv-bot) by tests/rasa/test_bot_extensions.py: Rasa with the
project's hot-path fixes applied behaves as Rasa without them. Prints one JSON object."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from jsonschema import ValidationError  # noqa: E402
from rasa.core.actions.action import RemoteAction  # noqa: E402
from rasa.shared.core.events import Event, SlotSet  # noqa: E402
import rasa.shared.utils.common  # noqa: E402

original_resolve = Event.resolve_by_type
original_validate = RemoteAction._validate_action_result
type_names = sorted({cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)})
before = {name: original_resolve(name).__name__ for name in type_names}

import bot.uke8_bot  # noqa: E402,F401  (applies the fixes, as Rasa's channel loading does)

out = {"patched": Event.resolve_by_type is not original_resolve and RemoteAction._validate_action_result is not original_validate}
out["same_classes"] = {name: Event.resolve_by_type(name).__name__ for name in type_names} == before
out["topic_is_none"] = Event.resolve_by_type("topic") is None
try:
    Event.resolve_by_type("no_such_event")
    out["unknown_raises"] = False
except ValueError:
    out["unknown_raises"] = True


class LateEvent(SlotSet):  # an Event class defined after the table was built is still found
    type_name = "uke8_late_event"


out["late_subclass"] = Event.resolve_by_type("uke8_late_event") is LateEvent
action = RemoteAction("action_x", None)
good = {"events": [{"event": "slot", "name": "retur", "value": "usikker"}], "responses": [{"text": "hei"}]}
out["valid_accepted"] = action._validate_action_result(good) is True
refused = []
for bad in ({"events": [{"event": "slot"}]}, {"events": "x"}, {"responses": [1]}):
    try:
        action._validate_action_result(bad)
        refused.append(False)
    except ValidationError as e:
        refused.append("Failed to validate Action server response" in e.message)
out["invalid_refused"] = refused
print(json.dumps(out))
