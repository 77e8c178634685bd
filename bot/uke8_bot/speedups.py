"""Measured fixes to Rasa 3.6's hot path, applied when Rasa loads this package.

Each was found with py-spy on the Rasa process under bench/turns.py; behaviour is unchanged.

- Every action server response is checked with `jsonschema.validate(result, schema)`, which
  first checks the constant schema against its meta-schema, every time: a third of the Rasa
  process's CPU per turn. The response is still validated against the same schema, by a
  validator built once; a response that does not match is refused exactly as before.
- Every stored event is turned back into its class by `Event.resolve_by_type`, which walks
  all Event subclasses (and `inspect.isabstract` on each) per event, for every event of the
  conversation on every turn. The class per type name is now looked up in a table, rebuilt
  whenever a name is not found (a subclass defined later is still found).
"""
from __future__ import annotations

from typing import Any, Optional

import rasa.shared.utils.common
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR = validator_for(_SCHEMA)(_SCHEMA)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _VALIDATOR.validate(result)
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
