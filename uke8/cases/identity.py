"""Whether a signed-in person is the person a conversation's case belongs to.

The chat page's ID-porten sign-in hands over the person's fødselsnummer (the ID token's `pid`).
It is never stored or logged: it is hashed with the store's keyed hash (the one registration
uses, uke8/store/crypto.py) and compared, in constant time, with the case's stored hash.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy.orm import Session

from uke8.store.crypto import get_sealer
from uke8.store.models import PersonIdentity
from uke8.store.repositories import CaseRepository


@dataclass(frozen=True)
class IdentityCheck:
    case_id: str | None  # None: the conversation is unknown
    matches: bool
    person_id: str | None  # the signed-in person's pseudonymous id, when the store knows them (for the audit)


def check_conversation_owner(session: Session, conversation_id: str, fnr: str) -> IdentityCheck:
    repo = CaseRepository(session)
    invitation = repo.invitation_by_conversation(conversation_id)
    case = repo.get(invitation.case_id) if invitation is not None else None
    if case is None:
        return IdentityCheck(None, False, None)
    presented = get_sealer().keyed_hash(fnr)
    identity = session.get(PersonIdentity, case.person_id)
    matches = identity is not None and hmac.compare_digest(presented.encode(), identity.fnr_hash.encode())
    person_id = case.person_id if matches else repo.person_by_fnr_hash(presented)
    return IdentityCheck(case.id, matches, person_id)
