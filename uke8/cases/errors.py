"""The refusals of the case use cases. Entry points translate them: the JSON API answers 409
(api/main.py), the pages show the message, the conversation says the round is closed."""
from __future__ import annotations


class CaseError(Exception):
    """A request that cannot be carried out on this case (the API answers 409)."""


class UnknownConversation(Exception):
    """A conversation id that belongs to no invitation."""
