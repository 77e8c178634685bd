"""A meeting proposed in the thread (PRODUCT.md §3b): one to three slots and a form.

foreslatt -> avtalt (the person picked a slot) -> avlyst (either side cancelled);
foreslatt -> avlyst (the person asked for another time, or the veileder proposed anew).
A case has at most one meeting that is foreslatt or avtalt: a new proposal cancels the open
one. Each move writes an audit row and a line from NAV in the thread, so both sides see it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from uke8.cases import audit
from uke8.cases.actors import Actor
from uke8.cases.errors import CaseError
from uke8.store.models import Case, Meeting, utcnow

FORESLATT, AVTALT, AVLYST = "foreslatt", "avtalt", "avlyst"
OPEN = (FORESLATT, AVTALT)
FORMS = ("kontor", "video", "telefon", "arbeidsplass")
MAX_SLOTS = 3


class MeetingRefused(CaseError):
    """A meeting move this case cannot take (nothing proposed, a slot that is not offered …)."""


@dataclass(frozen=True)
class MeetingRequest:
    slots: tuple[datetime, ...]
    form: str

    def check(self, now: datetime) -> None:
        """Refuse what the person could not pick: no slot, more than three, a repeat, a naive
        time, a time already past, an unknown form."""
        if not 1 <= len(self.slots) <= MAX_SLOTS:
            raise MeetingRefused(f"a meeting has one to {MAX_SLOTS} slots")
        if any(s.tzinfo is None for s in self.slots):
            raise MeetingRefused("a slot needs its UTC offset, e.g. 2027-01-12T10:00:00+01:00")
        if len(set(self.slots)) != len(self.slots):
            raise MeetingRefused("the same slot twice")
        if any(s <= now for s in self.slots):
            raise MeetingRefused("a slot in the past")
        if self.form not in FORMS:
            raise MeetingRefused(f"form is one of {', '.join(FORMS)}")


def open_meeting(session: Session, case_id: str) -> Meeting | None:
    """The meeting that is foreslatt or avtalt, if any (the newest)."""
    return session.scalar(select(Meeting).where(Meeting.case_id == case_id, Meeting.status.in_(OPEN))
                          .order_by(Meeting.id.desc()).limit(1))


def latest_meeting(session: Session, case_id: str) -> Meeting | None:
    return session.scalar(select(Meeting).where(Meeting.case_id == case_id).order_by(Meeting.id.desc()).limit(1))


def slots_of(meeting: Meeting) -> list[datetime]:
    return [datetime.fromisoformat(s) for s in meeting.slots]


def propose(session: Session, case: Case, actor: Actor, request: MeetingRequest, *, now: datetime | None = None) -> Meeting:
    """A new proposal (the caller holds the case lock); an open meeting is cancelled first."""
    now = now or utcnow()
    request.check(now)
    earlier = open_meeting(session, case.id)
    if earlier is not None:
        _set(session, case, earlier, AVLYST, actor, now, reason="ny_avtale_foreslatt")
    meeting = Meeting(case_id=case.id, proposed_by=actor.ident, form=request.form,
                      slots=[s.isoformat() for s in request.slots], status=FORESLATT, created_at=now, updated_at=now)
    session.add(meeting)
    session.flush()
    audit.write(session, actor, "meeting.propose", case.id, {"meeting_id": meeting.id, "slots": len(request.slots),
                                                           "form": request.form})
    return meeting


def book(session: Session, case: Case, actor: Actor, slot_index: int, *, now: datetime | None = None) -> Meeting:
    """The person picked slot `slot_index` (0-based) of the proposed meeting."""
    meeting = open_meeting(session, case.id)
    if meeting is None or meeting.status != FORESLATT:
        raise MeetingRefused("no proposed meeting to pick a time for")
    slots = slots_of(meeting)
    if not 0 <= slot_index < len(slots):
        raise MeetingRefused("that time was not offered")
    meeting.at = slots[slot_index]
    _set(session, case, meeting, AVTALT, actor, now or utcnow(), slot=slot_index + 1)
    return meeting


def cancel(session: Session, case: Case, actor: Actor, *, reason: str, now: datetime | None = None) -> Meeting:
    """Either side cancels the open meeting; `reason`: avlyst_av_person | ny_tid_onsket | avlyst_av_veileder."""
    meeting = open_meeting(session, case.id)
    if meeting is None:
        raise MeetingRefused("no meeting to cancel")
    _set(session, case, meeting, AVLYST, actor, now or utcnow(), reason=reason)
    return meeting


def _set(session: Session, case: Case, meeting: Meeting, status: str, actor: Actor, now: datetime, **detail: object) -> None:
    before = meeting.status
    meeting.status = status
    meeting.updated_at = now
    session.flush()
    audit.write(session, actor, f"meeting.{status}", case.id, {"meeting_id": meeting.id, "from": before, **detail})


def view(meeting: Meeting | None) -> dict[str, object] | None:
    """The case's meeting as the API shows it (INTERFACES.md): status, time (when booked), form, slots."""
    if meeting is None:
        return None
    return {"id": meeting.id, "status": meeting.status, "at": meeting.at.isoformat() if meeting.at else None,
            "form": meeting.form, "slots": list(meeting.slots)}
