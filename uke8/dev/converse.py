"""`uke8 converse SCRIPT.yml…`: scripted conversations against the running stack.

Format: ../shared/eval/README.md. Each script creates its case through the API (external_id
made unique), invites it, sends the turns to Rasa's REST channel as the invitation's
conversation, optionally runs the scheduler, and checks the stored outcome. Extensions used
by the project's own scripts (all optional):
- `sender: unknown` — talk as a conversation id that belongs to no invitation; `outcome:
  {stored_nothing: true}` then checks that no case was created or changed.
- per turn `expect_not: [..]` — strings that must NOT appear in the reply.
- per turn `expect_any: [..]` — at least one of the strings must appear (where two replies are
  both right, e.g. "forsto ikke" or the off-topic reply as the first miss of the ladder).
- `outcome.text_absent: [..]` — words the person wrote that must be kept nowhere at the end
  (after "Jeg vil ikke at dere lagrer dette"): not in the case as the API shows it, not in
  Rasa's tracker (all sessions, GET /conversations/{id}/tracker), and not in the chat page's
  transcript (GET /api/v1/chat/history) when the runner can sign chat links (`links`).
- `outcome.answer_sources` ({slot: source}): how the latest answer to a slot was given
  (button, digit, nlu, confirmed, combined …).
- `outcome.status`, `outcome.handoff_requested`, `outcome.opted_out`,
  `outcome.meeting_modes_include`, `outcome.screening`, `outcome.assessments` (count).
- the lifecycle (issue 5): `outcome.statuses_include` (statuses in the case's history),
  `outcome.outbox_include` / `outcome.outbox_exclude` (message kinds: invitation, sms_opening,
  reminder, tailored_greeting), `outcome.outbox_count`, `outcome.outbox_pending` (messages
  still waiting to go out), `outcome.scheduler_sent` (messages the scheduler runs wrote),
  `outcome.next_due` ({what, on?}, or null), `outcome.checkpoints` (weeks returned, e.g. [17]).

- SMS (issue 8): `via: sms` sends the turns as SMS from the case's phone through the gateway
  simulator (`--sms-url`, default http://127.0.0.1:UKE8_SMS_SIMULATOR_PORT) instead of Rasa's
  REST channel, so they take the product's whole SMS path: signed webhook, the turn, the
  outbox, the delivery worker, the simulator. The case is an SMS case (a synthetic `mobil` is
  made up); the opening SMS must reach the phone first; the first turn is the person's
  answer to it (it starts the conversation); `/button:N` sends the digit N. A turn's reply is
  every SMS the phone got for it. `sender: unknown` with `via: sms` writes from a number no
  case has. Outcome keys: `sms_max_segments` (no SMS the phone got was longer),
  `sms_received_include` / `sms_received_exclude` (strings in / not in any SMS it got).
- after the questions (issue 16), a turn may be a veileder's step instead of a message:
  `new_information: {kind: legeerklaering}` (POST /cases/{id}/new-information) or
  `ask_again: true` (POST /cases/{id}/ask-again), each with an optional `status:` to check
  after it; `outcome.new_information` lists the kinds recorded, oldest first.
- the veileder writes (issue 16): a turn `veileder: {text, meeting?: {slots: ["+3d 10:00"], form}}`
  and the outcome keys `thread_from`, `thread_include`, `meeting`, `unread_from_person`,
  `queue_ny_melding`: uke8/dev/converse_thread.py.
- `invite: scheduler` — the case is invited by a scheduler run on its day 56 (as in
  production) instead of POST /cases/{id}/invitation.

`scheduler_until` runs the scheduler the way a daily scheduler would have: a week after the
invitation, two weeks after, then every 7 days, and on the target date itself — so reminders,
deadlines and checkpoints (ends of weeks 17, 26, 39) each happen on their own day.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import yaml

from uke8.clock import today_in_oslo
from uke8.dev.converse_thread import ThreadSteps
from uke8.lifecycle.links import make_token
from uke8.settings import Settings, get_settings


@dataclass
class Result:
    name: str
    failures: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    case_id: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def synthetic_fnr(today: date | None = None) -> str:
    """A synthetic person aged 30 to 54 today (a fixed birth year would turn 65 one day and get
    the tailored greeting instead of the questions). Month + 80 marks a synthetic test person:
    never a real fødselsnummer. The individual number gives the century: 000-499 the 1900s,
    500-749 the 2000s."""
    year = (today or today_in_oslo()).year - 30 - secrets.randbelow(25)
    individual = secrets.randbelow(500) if year < 2000 else 500 + secrets.randbelow(250)
    return f"{secrets.randbelow(28) + 1:02d}{81 + secrets.randbelow(12):02d}{year % 100:02d}{individual:03d}{secrets.randbelow(100):02d}"


def synthetic_mobile() -> str:
    # +47 000…: a range not issued to subscribers (never a real person's number)
    return f"+47000{1 + secrets.randbelow(99999):05d}"


class Conversation:
    def __init__(self, api: httpx.Client, rasa: httpx.Client, sms: httpx.Client | None = None, sms_timeout: float = 60.0,
                 links: Settings | None = None):
        """`links`: the stack's settings (its data dir holds the link key), to read the chat page's
        transcript for `text_absent`."""
        self.api, self.rasa, self.sms = api, rasa, sms
        self.sms_timeout = sms_timeout
        self.links = links
        self.thread = ThreadSteps(api)

    def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        response = self.rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        response.raise_for_status()
        return response.json()

    # -- SMS through the gateway simulator ------------------------------------------------

    def _sms_last_id(self) -> int:
        messages = self.sms.get("/messages").json()["messages"]
        return max((m["id"] for m in messages), default=0)

    def _wait_delivered(self, case_id: str | None) -> None:
        """Until nothing of the case waits in the outbox (the delivery worker sent it, or gave up)."""
        if case_id is None:
            return
        deadline = time.monotonic() + self.sms_timeout
        while time.monotonic() < deadline:
            r = self.api.get(f"/api/v1/cases/{case_id}")
            r.raise_for_status()
            if not any(m["channel"] == "sms" and m["status"] in ("pending", "failed") for m in r.json().get("outbox") or []):
                return
            time.sleep(0.2)
        raise TimeoutError(f"SMS for case {case_id} still waiting in the outbox after {self.sms_timeout:.0f} s")

    def _sms_received(self, phone: str, after: int) -> list[dict[str, Any]]:
        r = self.sms.get("/messages", params={"to": phone, "direction": "outbound", "after": after})
        r.raise_for_status()
        return r.json()["messages"]

    def send_sms(self, phone: str, message: str, case_id: str | None) -> list[dict[str, Any]]:
        """One SMS from the phone; the SMS it got back, once the outbox has sent them."""
        after = self._sms_last_id()
        r = self.sms.post("/inbound", json={"from": phone, "body": message})
        r.raise_for_status()
        status = r.json().get("status_code")
        if status != 200:
            raise RuntimeError(f"the webhook answered {status} to an SMS")
        self._wait_delivered(case_id)
        return self._sms_received(phone, after)

    def _invite(self, case_id: str, script: dict[str, Any], body: dict[str, Any], result: Result) -> tuple[str, date] | None:
        if script.get("invite") == "scheduler":
            day = date.fromisoformat(body["start_date"]) + timedelta(days=55)
            r = self.api.post(f"/api/v1/scheduler/run?today={day.isoformat()}")
            if r.status_code != 200:
                result.failures.append(f"the scheduler run failed: {r.status_code} {r.text}")
                return None
            invitation = (self.api.get(f"/api/v1/cases/{case_id}").json().get("invitation") or {})
            if not invitation:
                result.failures.append("the scheduler did not invite the case")
                return None
            return invitation["conversation_id"], date.fromisoformat(invitation["invited_on"])
        r = self.api.post(f"/api/v1/cases/{case_id}/invitation")
        if r.status_code != 200:
            result.failures.append(f"inviting the case failed: {r.status_code} {r.text}")
            return None
        return r.json()["conversation_id"], date.fromisoformat(r.json().get("invited_on", today_in_oslo().isoformat()))

    def run(self, script: dict[str, Any], via: str | None = None) -> Result:
        """`via` overrides the script's own (`rest` or `sms`)."""
        result = Result(script.get("name", "unnamed"))
        via = via or script.get("via") or "rest"
        if via == "sms" and self.sms is None:
            result.failures.append("an SMS script needs the gateway simulator (--sms-url)")
            return result
        case_id = None
        phone = None
        received: list[dict[str, Any]] = []
        invited_on = today_in_oslo()
        if script.get("sender") == "unknown":
            sender = "k-unknown-" + secrets.token_hex(6)
            phone = synthetic_mobile()
            before = self._count_cases()
        else:
            body = {
                "external_id": f"converse-{secrets.token_hex(6)}",
                "fnr": synthetic_fnr(),
                "enhet": "0219",
                "start_date": (today_in_oslo() - timedelta(days=55)).isoformat(),
                "sykmeldingsgrad": 100,
                "channel": "chat",
            }
            body.update(script.get("case") or {})
            if via == "sms":
                body["channel"] = "sms"
            if body.get("channel") == "sms" and not body.get("mobil"):
                body["mobil"] = synthetic_mobile()
            phone = body.get("mobil")
            r = self.api.post("/api/v1/cases", json=body)
            if r.status_code not in (200, 201):
                result.failures.append(f"creating the case failed: {r.status_code} {r.text}")
                return result
            case_id = result.case_id = r.json()["id"]
            mark = self._sms_last_id() if via == "sms" else 0
            invited = self._invite(case_id, script, body, result)
            if invited is None:
                return result
            sender, invited_on = invited
            if via == "sms":
                self._wait_delivered(case_id)
                opening = self._sms_received(phone, mark)
                received += opening
                result.transcript += [f"< [sms] {m['body']}" for m in opening]
                if not opening and (script.get("outcome") or {}).get("screening", "sporsmal") != "ekskludert_ingen_hilsen":
                    result.failures.append("the opening SMS did not reach the phone")

        last_buttons: list[dict[str, Any]] = []
        for number, turn in enumerate(script.get("turns") or [], start=1):
            if self.thread.followup(case_id, turn, number, result):
                continue
            if "veileder" in turn and case_id is not None:
                received += self.thread.turn(self, case_id, turn, number, result, via, phone)
                continue
            message = str(turn["user"])
            if message.startswith("/button:"):
                index = int(message.split(":", 1)[1]) - 1
                if via == "sms":
                    message = str(index + 1)  # the numbered option
                elif not 0 <= index < len(last_buttons):
                    result.failures.append(f"turn {number}: no button {index + 1} in the last reply")
                    break
                else:
                    message = last_buttons[index]["payload"]
            if via == "sms":
                got = self.send_sms(phone, message, case_id)
                received += got
                replies = [{"text": m["body"]} for m in got]
            else:
                replies = self.send(sender, message)
            text = "\n".join(r.get("text") or "" for r in replies)
            result.transcript += [f"> {message}", *(f"< {r.get('text')}" for r in replies)]
            buttons = [b for r in replies for b in (r.get("buttons") or [])]
            if buttons:
                last_buttons = buttons
            for expected in turn.get("expect") or []:
                if str(expected).lower() not in text.lower():
                    result.failures.append(f"turn {number} ({message!r}): expected {expected!r} in reply {text!r}")
            any_of = [str(e) for e in turn.get("expect_any") or []]
            if any_of and not any(e.lower() in text.lower() for e in any_of):
                result.failures.append(f"turn {number} ({message!r}): expected one of {any_of!r} in reply {text!r}")
            for unexpected in turn.get("expect_not") or []:
                if str(unexpected).lower() in text.lower():
                    result.failures.append(f"turn {number} ({message!r}): did not expect {unexpected!r} in reply {text!r}")

        until = script.get("scheduler_until")
        sent_before = self._outbox_count(case_id) if until and case_id else 0
        if until:
            mark = self._sms_last_id() if via == "sms" else 0
            target = invited_on + timedelta(days=int(str(until)[1:-1])) if str(until).startswith("+") else date.fromisoformat(str(until))
            for day in scheduler_days(invited_on, target):
                r = self.api.post(f"/api/v1/scheduler/run?today={day.isoformat()}")
                if r.status_code != 200:
                    result.failures.append(f"scheduler run as of {day} failed: {r.status_code} {r.text}")
                    break
            if via == "sms" and phone:  # what the scheduler's runs sent (a reminder) reaches the phone
                self._wait_delivered(case_id)
                later = self._sms_received(phone, mark)
                received += later
                result.transcript += [f"< [sms, scheduler] {m['body']}" for m in later]

        outcome = script.get("outcome") or {}
        self._check_sms(received, outcome, result)
        if case_id is None:
            if outcome.get("stored_nothing") and self._count_cases() != before:
                result.failures.append("a conversation from an unknown sender changed the case store")
            return result
        scheduler_sent = self._outbox_count(case_id) - sent_before if until else 0
        self._check_outcome(case_id, outcome, result, scheduler_sent)
        self._check_text_absent(case_id, sender, outcome, result)
        return result

    def _check_text_absent(self, case_id: str, sender: str, outcome: dict[str, Any], result: Result) -> None:
        words = [str(w).lower() for w in outcome.get("text_absent") or []]
        if not words:
            return
        reads = {
            "the case": lambda: self.api.get(f"/api/v1/cases/{case_id}"),
            "Rasa's tracker": lambda: self.rasa.get(f"/conversations/{quote(sender, safe='')}/tracker", params={"include_events": "ALL"}),
        }
        if self.links is not None:
            token = make_token(sender, today_in_oslo() + timedelta(days=1), self.links)
            reads["the chat transcript"] = lambda: self.api.get("/api/v1/chat/history", headers={"X-Chat-Token": token})
        for place, read in reads.items():
            r = read()
            if r.status_code != 200:
                result.failures.append(f"reading {place} failed: {r.status_code}")
                continue
            kept = json.dumps(r.json(), ensure_ascii=False).lower()  # JSON escapes å as \\u00e5
            result.failures += [f"{w!r} is still in {place}" for w in words if w in kept]

    @staticmethod
    def _check_sms(received: list[dict[str, Any]], outcome: dict[str, Any], result: Result) -> None:
        longest = max((int(m.get("num_segments") or 0) for m in received), default=0)
        if "sms_max_segments" in outcome and longest > outcome["sms_max_segments"]:
            result.failures.append(f"an SMS took {longest} segments, at most {outcome['sms_max_segments']} expected")
        bodies = "\n".join(m["body"] for m in received).lower()
        lacking = [s for s in outcome.get("sms_received_include") or [] if str(s).lower() not in bodies]
        if lacking:
            result.failures.append(f"no SMS the phone got says {lacking}")
        unwanted = [s for s in outcome.get("sms_received_exclude") or [] if str(s).lower() in bodies]
        if unwanted:
            result.failures.append(f"an SMS the phone got says {unwanted}")

    def _outbox_count(self, case_id: str | None) -> int:
        r = self.api.get(f"/api/v1/cases/{case_id}")
        return len(r.json().get("outbox") or []) if r.status_code == 200 else 0

    def _count_cases(self) -> int:
        r = self.api.get("/api/v1/queue", params={"limit": 1})
        return r.json()["total"] if r.status_code == 200 else -1

    def _check_outcome(self, case_id: str, outcome: dict[str, Any], result: Result, scheduler_sent: int = 0) -> None:
        r = self.api.get(f"/api/v1/cases/{case_id}")
        if r.status_code != 200:
            result.failures.append(f"reading the case failed: {r.status_code}")
            return
        case = r.json()
        assessment = case.get("assessment") or {}
        if "classification" in outcome and assessment.get("classification") != outcome["classification"]:
            result.failures.append(f"classification {assessment.get('classification')!r}, expected {outcome['classification']!r}")
        missing = [c for c in outcome.get("reasons_include") or [] if c not in (assessment.get("reasons") or [])]
        if missing:
            result.failures.append(f"reasons {assessment.get('reasons')} lack {missing}")
        for slot, code in (outcome.get("answers") or {}).items():
            got = (assessment.get("answers") or {}).get(slot) if assessment else None
            if got is None:
                got = next((a["code"] for a in reversed(case.get("answers") or []) if a["slot"] == slot), None)
            if got != code:
                result.failures.append(f"answer {slot} is {got!r}, expected {code!r}")
        for slot, source in (outcome.get("answer_sources") or {}).items():
            got = next((a.get("source") for a in reversed(case.get("answers") or []) if a["slot"] == slot), None)
            if got != source:
                result.failures.append(f"answer {slot} came from {got!r}, expected {source!r}")
        for key in ("status", "handoff_requested", "opted_out", "storage_objection"):
            if key in outcome and case.get(key) != outcome[key]:
                result.failures.append(f"{key} is {case.get(key)!r}, expected {outcome[key]!r}")
        if "screening" in outcome and (case.get("invitation") or {}).get("screening") != outcome["screening"]:
            result.failures.append(f"screening is {(case.get('invitation') or {}).get('screening')!r}, expected {outcome['screening']!r}")
        if "assessments" in outcome and len(case.get("assessments") or []) != outcome["assessments"]:
            result.failures.append(f"{len(case.get('assessments') or [])} assessments, expected {outcome['assessments']}")
        kinds = [e["kind"] for e in case.get("new_information") or []]
        if "new_information" in outcome and kinds != outcome["new_information"]:
            result.failures.append(f"new information {kinds}, expected {outcome['new_information']}")
        modes = (case.get("meeting_preferences") or {}).get("modes") or []
        lacking = [m for m in outcome.get("meeting_modes_include") or [] if m not in modes]
        if lacking:
            result.failures.append(f"meeting modes {modes} lack {lacking}")
        self._check_lifecycle(case, outcome, result, scheduler_sent)
        self.thread.check(case_id, case, outcome, result.failures)

    @staticmethod
    def _check_lifecycle(case: dict[str, Any], outcome: dict[str, Any], result: Result, scheduler_sent: int) -> None:
        history = [h["status"] for h in case.get("status_history") or []]
        lacking = [s for s in outcome.get("statuses_include") or [] if s not in history]
        if lacking:
            result.failures.append(f"status history {history} lacks {lacking}")
        messages = case.get("outbox") or []
        kinds = [m["kind"] for m in messages]
        lacking = [k for k in outcome.get("outbox_include") or [] if k not in kinds]
        if lacking:
            result.failures.append(f"outbox {kinds} lacks {lacking}")
        unwanted = [k for k in outcome.get("outbox_exclude") or [] if k in kinds]
        if unwanted:
            result.failures.append(f"outbox {kinds} should not hold {unwanted}")
        if "outbox_count" in outcome and len(messages) != outcome["outbox_count"]:
            result.failures.append(f"{len(messages)} outbox messages {kinds}, expected {outcome['outbox_count']}")
        pending = [m["kind"] for m in messages if m["status"] in ("pending", "failed")]
        if "outbox_pending" in outcome and len(pending) != outcome["outbox_pending"]:
            result.failures.append(f"{len(pending)} messages still to be sent {pending}, expected {outcome['outbox_pending']}")
        if "scheduler_sent" in outcome and scheduler_sent != outcome["scheduler_sent"]:
            result.failures.append(f"the scheduler wrote {scheduler_sent} outbox messages, expected {outcome['scheduler_sent']}")
        if "next_due" in outcome:
            want, got = outcome["next_due"], case.get("next_due")
            if want is None:
                if got is not None:
                    result.failures.append(f"next_due is {got}, expected nothing")
            elif got is None or any(got.get(k) != str(v) for k, v in want.items()):
                result.failures.append(f"next_due is {got}, expected {want}")
        weeks = [c["week"] for c in case.get("checkpoints") or []]
        if "checkpoints" in outcome and weeks != outcome["checkpoints"]:
            result.failures.append(f"checkpoint returns {weeks}, expected {outcome['checkpoints']}")


def scheduler_days(invited_on: date, target: date) -> list[date]:
    """The days a daily scheduler would have done something on, up to the target: weekly from
    the invitation (the reminder at +7, the deadline at +14, checkpoints at week ends), and the target."""
    days = {target}
    day = invited_on + timedelta(days=7)
    while day < target:
        days.add(day)
        day += timedelta(days=7)
    return sorted(days)


def _admin_token() -> str:
    from uke8.tokens import admin_token

    return admin_token(get_settings())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scripts", nargs="+", type=Path, help="YAML scripts or folders of them")
    parser.add_argument("--api-url", default=os.environ.get("UKE8_API_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--rasa-url", default=os.environ.get("UKE8_RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--sms-url", default=None,
                        help="the SMS gateway simulator, for `via: sms` scripts (default http://127.0.0.1:$UKE8_SMS_SIMULATOR_PORT, 8025)")
    parser.add_argument("--token", default=None, help="admin token (default: UKE8_ADMIN_TOKEN or the development token)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every transcript")


def expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


def main(args: argparse.Namespace) -> int:
    from uke8.service_auth import rasa_auth  # Rasa and its REST channel want the service token

    token = args.token or _admin_token()
    headers = {"Authorization": f"Bearer {token}"}
    failed = 0
    files = expand(args.scripts)
    sms_url = args.sms_url or f"http://127.0.0.1:{os.environ.get('UKE8_SMS_SIMULATOR_PORT') or 8025}"
    with httpx.Client(base_url=args.api_url, headers=headers, timeout=60) as api, httpx.Client(base_url=args.rasa_url, timeout=60, **rasa_auth()) as rasa, \
            httpx.Client(base_url=sms_url, timeout=120) as sms:
        runner = Conversation(api, rasa, sms, links=get_settings())
        for path in files:
            script = yaml.safe_load(path.read_text(encoding="utf-8"))
            try:
                result = runner.run(script)
            except httpx.HTTPError as exc:
                result = Result(script.get("name", path.stem), [f"HTTP error: {exc}"])
            except (TimeoutError, RuntimeError) as exc:
                result = Result(script.get("name", path.stem), [str(exc)])
            status = "ok  " if result.ok else "FAIL"
            print(f"{status} {path.name}: {result.name}")
            for failure in result.failures:
                print(f"     - {failure}")
            if args.verbose or not result.ok:
                print("\n".join("       " + line for line in result.transcript))
            failed += not result.ok
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0
