"""Measured fixes to Rasa 3.6's hot path, applied when Rasa loads this package.

Each was found with py-spy on the Rasa process under bench/turns.py; behaviour is unchanged.

- Every action server response is checked with `jsonschema.validate(result, schema)`, which
  first checks the constant schema against its meta-schema, every time: a third of the Rasa
  process's CPU per turn. The response is still validated against the same schema, by a
  validator built once; a response that does not match is refused exactly as before.
- Even built once, that validator tries each event against all 23 event schemas of the
  schema's `oneOf` (1.4 ms a response of six events; 6.5 % of the Rasa process's busy time
  under bench/turns.py, session 17). Each of the 23 fixes its own `event` name (checked when
  this module loads), so exactly one of them can match an event: the one named by it. A response
  is first checked against the schema without the `oneOf` and each event against that one
  schema (0.16 ms); where anything fails, the full validator decides and raises the error
  `jsonschema.validate` would (its `best_match`), word for word.
  (fastjsonschema was measured too: 1.8 ms, slower than jsonschema on this `oneOf`.)
- Every stored event is turned back into its class by `Event.resolve_by_type`, which walks
  all Event subclasses (and `inspect.isabstract` on each) per event, for every event of the
  conversation on every turn. The class per type name is now looked up in a table, rebuilt
  whenever a name is not found (a subclass defined later is still found).
"""
from __future__ import annotations

import copy
from typing import Any, Optional

import rasa.shared.utils.common
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR = validator_for(_SCHEMA)(_SCHEMA)


def _by_event_name(schema: dict[str, Any]) -> tuple[Any, dict[str, Any]] | None:
    """The schema without the events' `oneOf` and a validator per event name, or None where the
    `oneOf`'s schemas do not each fix a different event name (then only the full check is used)."""
    base = copy.deepcopy(schema)
    items = base.get("properties", {}).get("events", {}).get("items", {})
    alternatives = items.pop("oneOf", None)
    if not alternatives:
        return None
    names = [alt.get("properties", {}).get("event", {}).get("const") for alt in alternatives]
    if any(not isinstance(name, str) for name in names) or len(set(names)) != len(names):
        return None
    cls = validator_for(schema)
    return cls(base), {name: cls(alt) for name, alt in zip(names, alternatives)}


_DISPATCH = _by_event_name(_SCHEMA)


def _valid_by_event_name(result: Any) -> bool:
    """True only where the full schema surely holds (False: ask the full validator)."""
    if _DISPATCH is None:
        return False
    base, by_name = _DISPATCH
    if not base.is_valid(result):
        return False
    events = result.get("events") if isinstance(result, dict) else None
    return not isinstance(events, list) or all(
        isinstance(event, dict) and (check := by_name.get(event.get("event"))) is not None and check.is_valid(event)
        for event in events)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        if not _valid_by_event_name(result):
            # as jsonschema.validate: of all errors, the one best_match picks (Rasa's message)
            error = best_match(_VALIDATOR.iter_errors(result))
            if error is not None:
                raise error
        return True
    except ValidationError as e:
        e.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


_EVENT_TYPES: dict[str, type[Event]] = {}


def _event_types() -> dict[str, type[Event]]:
    table: dict[str, type[Event]] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        table.setdefault(cls.type_name, cls)  # the first match wins, as in Rasa's loop
    return table


_original_resolve_by_type = Event.resolve_by_type


def _resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
    cls = _EVENT_TYPES.get(type_name)
    if cls is None:
        _EVENT_TYPES.clear()
        _EVENT_TYPES.update(_event_types())
        cls = _EVENT_TYPES.get(type_name)
    if cls is not None:
        return cls
    return _original_resolve_by_type(type_name, default)  # Rasa's own answer for the rest


def apply() -> None:
    if RemoteAction._validate_action_result is not _validate_action_result:
        validator_for(_SCHEMA).check_schema(_SCHEMA)  # once here, instead of on every call
        RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    if Event.resolve_by_type is not _resolve_by_type:
        Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign,assignment]
