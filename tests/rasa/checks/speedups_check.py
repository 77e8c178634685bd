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

# The check by event name agrees with Rasa's own `jsonschema.validate` on every response of a
# corpus: each event type bare and with its fields of right and wrong types, unknown and
# malformed events, and the response's other fields; verdict and error message alike.
import itertools  # noqa: E402
import random  # noqa: E402

from jsonschema import validate as rasa_validate  # noqa: E402  (what Rasa 3.6 calls)

schema = RemoteAction.action_response_format_spec()
values = [None, "x", 1, 0.5, True, [], ["a"], {}, {"k": "v"}]
events = [{"event": alt["properties"]["event"]["const"]} for alt in schema["properties"]["events"]["items"]["oneOf"]]
fields = sorted({f for alt in schema["properties"]["events"]["items"]["oneOf"] for f in alt.get("properties", {})} | {"timestamp", "metadata"})
rng = random.Random(17)
corpus = [{}, {"events": []}, {"events": None}, {"events": "x"}, {"events": [1]}, {"events": [{}]}, {"events": [{"event": 3}]},
          {"events": [{"event": "no_such"}]}, {"responses": []}, {"responses": [1]}, {"responses": "x"}, [], "x", None]
for event in events:
    corpus.append({"events": [event]})
    for field, value in itertools.product(fields, values):
        if rng.random() < 0.35:
            corpus.append({"events": [dict(event, **{field: value})], "responses": [{"text": "hei"}]})
for _ in range(300):  # several events at once, good and bad mixed
    chosen = [dict(rng.choice(events), **{rng.choice(fields): rng.choice(values)}) for _ in range(rng.randint(1, 6))]
    corpus.append({"events": chosen, "responses": rng.choice([[], [{"text": "x"}], [1]])})


def verdict(fn, result):
    try:
        fn(result)
        return "ok"
    except ValidationError as e:
        return e.message.split(". Failed to validate")[0]


agree = [verdict(lambda r: rasa_validate(r, schema), r) == verdict(action._validate_action_result, r) for r in corpus]
out["same_verdicts"] = all(agree)
out["corpus"] = {"responses": len(corpus), "valid": sum(verdict(lambda r: rasa_validate(r, schema), r) == "ok" for r in corpus)}
print(json.dumps(out))
