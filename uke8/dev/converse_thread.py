"""`uke8 converse`'s steps and checks for what happens after the questions (issue 16), kept
apart from converse.py so that each stays small.

Steps in place of a person's message: `new_information: {kind, note?, key?}` posts new
information, `ask_again: true` asks the person again (each with an optional `status:` to check).

A turn `veileder: {text, meeting?: {slots: ["+3d 10:00", …], form}}` posts the veileder's
message through the API (POST /cases/{id}/messages) with a veileder token of the case's enhet
(created once per enhet through POST /veiledere, named "Vera Veileder"). Slots are written
relative to today in Oslo ("+3d 10:00": three days ahead at 10.00), so a script never carries a
date that the wall clock will one day pass. By SMS the turn's reply is the SMS the phone got.

Outcome keys:
- `thread_from: [veileder, person, nav, …]` — who wrote each message of the thread, in order;
- `thread_include: [..]` — strings in some message of the thread (as the veileder reads it);
- `meeting: {status, slot (1-based: the booked time is that proposed slot), form}`;
- `unread_from_person: N`, and `queue_ny_melding: true|false` (the case is in the queue's
  "Ny melding" view).
The thread is read with the admin token, which does not mark the person's messages read.
"""
from __future__ import annotations

import re
import secrets
from datetime import datetime, time, timedelta
from typing import Any

import httpx

from uke8.clock import OSLO, today_in_oslo

VEILEDER_NAME = "Vera Veileder"
_SLOT = re.compile(r"^\+(\d+)d\s+(\d{1,2})[:.](\d{2})$")


def slot_time(spec: str) -> datetime:
    """"+3d 10:00" → that moment in Oslo time, relative to today."""
    m = _SLOT.match(spec.strip())
    if m is None:
        raise ValueError(f"a slot is written like '+3d 10:00', not {spec!r}")
    day = today_in_oslo() + timedelta(days=int(m.group(1)))
    return datetime.combine(day, time(int(m.group(2)), int(m.group(3))), tzinfo=OSLO)


class ThreadSteps:
    def __init__(self, api: httpx.Client):
        self.api = api  # with the admin token
        self._tokens: dict[str, str] = {}
        self.proposed: dict[str, list[str]] = {}  # case id -> the latest proposal's slots (ISO)

    def _token(self, enhet: str) -> str:
        if enhet not in self._tokens:
            ident = f"Z{secrets.randbelow(900000) + 100000}"
            r = self.api.post("/api/v1/veiledere", json={"ident": ident, "enheter": [enhet], "navn": VEILEDER_NAME})
            r.raise_for_status()
            self._tokens[enhet] = r.json()["token"]
        return self._tokens[enhet]

    def post(self, case_id: str, step: dict[str, Any]) -> str | None:
        """Post the veileder's message; a failure's description, or None."""
        case = self.api.get(f"/api/v1/cases/{case_id}")
        case.raise_for_status()
        body: dict[str, Any] = {"text": str(step.get("text") or "Hei!")}
        if step.get("meeting"):
            slots = [slot_time(s).isoformat() for s in step["meeting"]["slots"]]
            body["meeting"] = {"slots": slots, "form": step["meeting"].get("form", "telefon")}
            self.proposed[case_id] = slots
        headers = {"Authorization": f"Bearer {self._token(case.json()['enhet'])}"}
        r = self.api.post(f"/api/v1/cases/{case_id}/messages", json=body, headers=headers)
        if r.status_code not in (200, 201):
            return f"the veileder's message failed: {r.status_code} {r.text}"
        return None

    def followup(self, case_id: str | None, turn: dict[str, Any], number: int, result: Any) -> bool:
        """A veileder's step after the questions (issue 16) instead of a person's message; False
        for any other turn. `new_information: {kind, note?, key?}` posts new information,
        `ask_again: true` asks the person again; `status: X` then checks the case's status."""
        if case_id is None or not ("new_information" in turn or "ask_again" in turn):
            return False
        if "new_information" in turn:
            what, r = "new information", self.api.post(f"/api/v1/cases/{case_id}/new-information", json=turn["new_information"])
        else:
            what, r = "asking again", self.api.post(f"/api/v1/cases/{case_id}/ask-again")
        result.transcript.append(f"= {what}: {r.status_code}")
        if r.status_code != 200:
            result.failures.append(f"turn {number}: {what} failed: {r.status_code} {r.text}")
        elif "status" in turn and r.json().get("status") != turn["status"]:
            result.failures.append(f"turn {number}: status {r.json().get('status')!r} after {what}, expected {turn['status']!r}")
        return True

    def turn(self, conversation: Any, case_id: str, turn: dict[str, Any], number: int, result: Any, via: str,
             phone: str | None) -> list[dict[str, Any]]:
        """One veileder turn of a script; by SMS, the SMS the phone got for it (checked against `expect`)."""
        mark = conversation._sms_last_id() if via == "sms" else 0
        failure = self.post(case_id, turn["veileder"])
        result.transcript.append(f"= the veileder writes: {failure or 'ok'}")
        if failure:
            result.failures.append(f"turn {number}: {failure}")
            return []
        if via != "sms":
            return []
        conversation._wait_delivered(case_id)
        got = conversation._sms_received(phone, mark)
        result.transcript += [f"< [sms, veileder] {m['body']}" for m in got]
        text = "\n".join(m["body"] for m in got).lower()
        result.failures += [f"turn {number}: expected {e!r} in the veileder's SMS {text!r}"
                            for e in turn.get("expect") or [] if str(e).lower() not in text]
        return got

    def check(self, case_id: str, case: dict[str, Any], outcome: dict[str, Any], failures: list[str]) -> None:
        if any(k in outcome for k in ("thread_from", "thread_include")):
            r = self.api.get(f"/api/v1/cases/{case_id}/messages")
            if r.status_code != 200:
                failures.append(f"reading the thread failed: {r.status_code}")
            else:
                thread = r.json()
                senders = [m["from"] for m in thread]
                if "thread_from" in outcome and senders != outcome["thread_from"]:
                    failures.append(f"the thread's messages are from {senders}, expected {outcome['thread_from']}")
                words = "\n".join(m["text"] for m in thread).lower()
                lacking = [w for w in outcome.get("thread_include") or [] if str(w).lower() not in words]
                if lacking:
                    failures.append(f"no message in the thread says {lacking}")
        if "unread_from_person" in outcome and case.get("unread_from_person") != outcome["unread_from_person"]:
            failures.append(f"unread_from_person is {case.get('unread_from_person')!r}, expected {outcome['unread_from_person']}")
        if "queue_ny_melding" in outcome:
            r = self.api.get("/api/v1/queue", params={"ny_melding": "true", "limit": 500})
            ids = [item.get("id") or item.get("case_id") for item in (r.json().get("items") or [])] if r.status_code == 200 else []
            if (case_id in ids) != bool(outcome["queue_ny_melding"]):
                failures.append(f"the case is {'' if case_id in ids else 'not '}in the queue's 'Ny melding', "
                                f"expected {'in' if outcome['queue_ny_melding'] else 'not in'}")
        want = outcome.get("meeting")
        if want is not None:
            got = case.get("meeting") or {}
            for key in ("status", "form"):
                if key in want and got.get(key) != want[key]:
                    failures.append(f"meeting {key} is {got.get(key)!r}, expected {want[key]!r}")
            if "slot" in want:
                slots = self.proposed.get(case_id) or []
                index = int(want["slot"]) - 1
                expected = datetime.fromisoformat(slots[index]) if 0 <= index < len(slots) else None
                at = datetime.fromisoformat(got["at"]) if got.get("at") else None
                if expected is None or at != expected:
                    failures.append(f"the meeting is at {got.get('at')!r}, expected slot {want['slot']} of {slots}")
