"""`uke8 sms-simulator`: a local stand-in for the SMS gateway (started by `make run`, port
UKE8_SMS_SIMULATOR_PORT, 8025). A developer, a test or the demo uses it as the phone network.

- `POST /2010-04-01/Accounts/{sid}/Messages.json` — the Twilio-compatible Messages API the
  delivery worker sends through: basic auth (account sid, auth token), form To/From/Body;
  records the message and answers 201 with its `sid` and `num_segments`. An
  `Idempotency-Key` seen before answers with the message already recorded: a retry after a
  timeout whose request did arrive never records a second one.
- `POST /inbound` `{"from": "+47…", "body": "…", "message_sid"?: "SM…", "forge"?: true}` —
  an SMS from a phone: signed like Twilio signs it (X-Twilio-Signature with the auth token,
  over UKE8_SMS_PUBLIC_URL or the webhook URL) and posted to the product's
  /api/v1/sms/inbound; a `<Message>` in the TwiML answer is recorded as sent to the phone.
  `forge: true` signs with a wrong key (to see the 403).
- `GET /messages?to=&sender=&direction=&after=` — what was recorded (`after`: an id).
- Delivery receipts: a message sent with a `StatusCallback` gets one, posted there and signed
  like Twilio's (`MessageStatus` delivered, or undelivered with ErrorCode 30003 after
  `undeliver_next`); the message shows `receipt` and the webhook's `receipt_status_code`.
- `POST /faults` `{"fail_next": N, "fail_status": 503, "delay_next": N, "delay_seconds": S,
  "delay_mode": "hang" | "after", "undeliver_next": N, "only_to"?: "+47…"}` — the next N sends answer with that
  status; or the next N are delayed S seconds, either before anything is recorded ("hang":
  then 503) or after the message was recorded ("after": it arrived, the answer comes late);
  `only_to` aims the faults at one phone. `DELETE /faults`.
- `GET /stats` — send attempts in all and per Idempotency-Key, current faults.
- `GET /` — a page to chat as a phone: pick a number, read what it got, answer.
State is in memory; numbers and texts are never logged (the access log is off).
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import html
import itertools
import os
import secrets
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import httpx
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from uke8.settings import Settings, get_settings
from uke8.sms import gsm7
from uke8.sms.credentials import auth_token
from uke8.sms.signature import HEADER, compute_signature

INBOUND_PATH = "/api/v1/sms/inbound"


@dataclass
class Faults:
    fail_next: int = 0
    fail_status: int = 503
    delay_next: int = 0
    delay_seconds: float = 0.0
    delay_mode: str = "after"  # "after": recorded, then a late answer; "hang": late, nothing recorded, 503
    only_to: str | None = None  # faults hit only messages to this number
    undeliver_next: int = 0  # the next N accepted messages get an `undelivered` receipt (error 30003)


@dataclass
class State:
    messages: list[dict[str, Any]] = field(default_factory=list)
    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)
    attempts: int = 0
    attempts_by_key: dict[str, int] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    ids: Any = field(default_factory=lambda: itertools.count(1))

    def record(self, direction: str, to: str, sender: str, body: str, **extra: Any) -> dict[str, Any]:
        seg = gsm7.segments(body)
        message = {
            "id": next(self.ids),
            "sid": extra.pop("sid", None) or "SM" + secrets.token_hex(16),
            "direction": direction,
            "to": to,
            "from": sender,
            "body": body,
            "num_segments": seg.count,
            "encoding": seg.encoding,
            "at": datetime.now(timezone.utc).isoformat(),
            **extra,
        }
        self.messages.append(message)
        return message


def _twilio_error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"code": code, "message": message, "status": status})


def _resource(m: dict[str, Any], account_sid: str) -> dict[str, Any]:
    return {
        "sid": m["sid"], "account_sid": account_sid, "to": m["to"], "from": m["from"], "body": m["body"],
        "status": "queued", "num_segments": str(m["num_segments"]), "direction": "outbound-api",
        "date_created": m["at"], "api_version": "2010-04-01",
    }


def create_app(settings: Settings | None = None, inbound_url: str | None = None) -> FastAPI:
    settings = settings or get_settings()
    account_sid = settings.sms_account_sid
    token = auth_token(settings)
    api_url = os.environ.get("UKE8_API_URL") or f"http://127.0.0.1:{settings.api_port}"
    target = inbound_url or api_url.rstrip("/") + INBOUND_PATH
    signed_url = settings.sms_public_url or target
    state = State()
    app = FastAPI(title="uke8 SMS gateway simulator", version="1")
    app.state.sim = state

    def authorised(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return secrets.compare_digest(user, account_sid) and secrets.compare_digest(password, token)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/2010-04-01/Accounts/{sid}/Messages.json")
    async def send(sid: str, request: Request) -> Any:
        if sid != account_sid or not authorised(request):
            return _twilio_error(401, 20003, "Authenticate")
        form = await request.form()
        key = request.headers.get("idempotency-key") or request.headers.get("i-twilio-idempotency-token")
        state.attempts += 1
        if key:
            state.attempts_by_key[key] = state.attempts_by_key.get(key, 0) + 1
        faults = state.faults
        targeted = faults.only_to is None or faults.only_to == str(form.get("To") or "")
        if targeted and faults.fail_next > 0:
            faults.fail_next -= 1
            return _twilio_error(faults.fail_status, 20500, "Simulated gateway failure")
        delay = None
        if targeted and faults.delay_next > 0:
            faults.delay_next -= 1
            delay = (faults.delay_mode, faults.delay_seconds)
        if delay and delay[0] == "hang":
            await asyncio.sleep(delay[1])
            return _twilio_error(503, 20500, "Simulated gateway hang")
        to, sender, body = str(form.get("To") or ""), str(form.get("From") or ""), form.get("Body")
        if not to or body is None:
            return _twilio_error(400, 21604, "A 'To' and a 'Body' are required")
        if not (to.startswith("+") and to[1:].isdigit() and 8 <= len(to) <= 16):
            return _twilio_error(400, 21211, "The 'To' number is not a valid phone number")
        if key and key in state.by_key:
            message = state.by_key[key]
        else:
            message = state.record("outbound", to, sender, str(body), idempotency_key=key)
            if key:
                state.by_key[key] = message
            callback = str(form.get("StatusCallback") or "")
            if callback:
                undelivered = targeted and faults.undeliver_next > 0
                faults.undeliver_next -= undelivered
                message["receipt"] = "undelivered" if undelivered else "delivered"
                asyncio.get_running_loop().create_task(send_receipt(callback, message))
        if delay:
            await asyncio.sleep(delay[1])
        return JSONResponse(status_code=201, content=_resource(message, account_sid))

    async def send_receipt(url: str, message: dict[str, Any]) -> None:
        """The delivery receipt, as Twilio posts it to the StatusCallback: signed over that URL."""
        params = {"MessageSid": message["sid"], "SmsSid": message["sid"], "MessageStatus": message["receipt"],
                  "SmsStatus": message["receipt"], "AccountSid": account_sid, "To": message["to"], "From": message["from"],
                  "ApiVersion": "2010-04-01", **({"ErrorCode": "30003"} if message["receipt"] == "undelivered" else {})}
        async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
            try:
                response = await client.post(url, data=params, headers={HEADER: compute_signature(token, url, params)})
                message["receipt_status_code"] = response.status_code
            except httpx.HTTPError as exc:
                message["receipt_status_code"] = type(exc).__name__

    async def deliver_inbound(sender: str, body: str, message_sid: str | None = None, forge: bool = False) -> dict[str, Any]:
        message_sid = message_sid or "SM" + secrets.token_hex(16)
        seg = gsm7.segments(body)
        params = {
            "MessageSid": message_sid, "SmsSid": message_sid, "SmsMessageSid": message_sid, "AccountSid": account_sid,
            "From": sender, "To": settings.sms_from, "Body": body, "NumMedia": "0", "NumSegments": str(max(1, seg.count)),
            "ApiVersion": "2010-04-01",
        }
        key = "forged-" + secrets.token_hex(8) if forge else token
        headers = {HEADER: compute_signature(key, signed_url, params)}
        if not any(m.get("sid") == message_sid and m["direction"] == "inbound" for m in state.messages):
            state.record("inbound", settings.sms_from, sender, body, sid=message_sid)
        async with httpx.AsyncClient(timeout=120, trust_env=False) as client:
            try:
                response = await client.post(target, data=params, headers=headers)
            except httpx.HTTPError as exc:
                return {"message_sid": message_sid, "status_code": None, "error": type(exc).__name__, "replies": []}
        replies = []
        if response.status_code == 200 and "xml" in response.headers.get("content-type", ""):
            try:
                root = ET.fromstring(response.text)
                replies = [m.text or "" for m in root.iter("Message")]
            except ET.ParseError:
                replies = []
            for text in replies:
                state.record("outbound", sender, settings.sms_from, text, via="twiml")
        return {"message_sid": message_sid, "status_code": response.status_code, "replies": replies}

    @app.post("/inbound")
    async def inbound(payload: dict[str, Any]) -> Any:
        sender, body = str(payload.get("from") or ""), payload.get("body")
        if not sender or body is None:
            return JSONResponse(status_code=422, content={"detail": "give 'from' and 'body'"})
        return await deliver_inbound(sender, str(body), payload.get("message_sid"), bool(payload.get("forge")))

    @app.get("/messages")
    def messages(to: str | None = None, sender: str | None = None, direction: str | None = None, after: int = 0) -> dict[str, Any]:
        found = [m for m in state.messages if m["id"] > after and (to is None or m["to"] == to)
                 and (sender is None or m["from"] == sender) and (direction is None or m["direction"] == direction)]
        return {"messages": found}

    @app.get("/stats")
    def stats() -> dict[str, Any]:
        return {"attempts": state.attempts, "attempts_by_key": state.attempts_by_key, "messages": len(state.messages),
                "faults": asdict(state.faults)}

    @app.post("/faults")
    def set_faults(payload: dict[str, Any]) -> dict[str, Any]:
        current = asdict(state.faults)
        unknown = set(payload) - set(current)
        if unknown:
            return JSONResponse(status_code=422, content={"detail": f"unknown fault setting(s): {sorted(unknown)}"})
        if payload.get("delay_mode", "after") not in ("after", "hang"):
            return JSONResponse(status_code=422, content={"detail": "delay_mode is 'after' or 'hang'"})
        state.faults = Faults(**{**current, **payload})
        return asdict(state.faults)

    @app.delete("/faults")
    def clear_faults() -> dict[str, Any]:
        state.faults = Faults()
        return asdict(state.faults)

    @app.get("/", response_class=HTMLResponse)
    def phone(number: str | None = None) -> str:
        return _page(state, number, settings.sms_from)

    @app.post("/phone")
    async def phone_send(number: str = Form(...), body: str = Form("")) -> RedirectResponse:
        number = number.strip()
        if body.strip():
            before = max((m["id"] for m in state.messages), default=0)
            await deliver_inbound(number, body)
            # wait briefly for the replies the delivery worker sends, so the page shows them
            deadline, last_new, seen = time.monotonic() + 6, time.monotonic(), 0
            while time.monotonic() < deadline:
                new = sum(1 for m in state.messages if m["id"] > before and m["to"] == number)
                if new != seen:
                    seen, last_new = new, time.monotonic()
                elif seen and time.monotonic() - last_new > 1.0:
                    break
                await asyncio.sleep(0.2)
        return RedirectResponse(f"/?number={quote(number)}#siste", status_code=303)

    return app


def _page(state: State, number: str | None, gateway_number: str) -> str:
    numbers = list(dict.fromkeys(m["to"] if m["direction"] == "outbound" else m["from"] for m in state.messages))
    esc = html.escape
    links = "".join(f'<li><a href="/?number={quote(n)}">{esc(n)}</a></li>' for n in numbers) or "<li>Ingen ennå.</li>"
    thread = ""
    if number:
        rows = []
        for m in state.messages:
            if m["direction"] == "outbound" and m["to"] == number:
                who, css = "NAV", "in"
            elif m["direction"] == "inbound" and m["from"] == number:
                who, css = "Deg", "out"
            else:
                continue
            rows.append(f'<li class="{css}"><div class="who">{who} · {m["num_segments"]} segment(er), {esc(m["encoding"])}</div>'
                        f'<div class="text">{esc(m["body"])}</div></li>')
        thread = (
            f"<h2>Telefon {esc(number)}</h2><ol class=\"thread\">{''.join(rows) or '<li>Ingen meldinger ennå.</li>'}</ol>"
            f'<form method="post" action="/phone" id="siste"><input type="hidden" name="number" value="{esc(number)}">'
            f'<label for="body">Svar som telefonen</label><textarea id="body" name="body" rows="3" required autofocus></textarea>'
            f'<button type="submit">Send SMS</button> <a href="/?number={quote(number)}#siste">Oppdater</a></form>'
        )
    return f"""<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>SMS-simulator</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#23262a}}
.thread{{list-style:none;padding:0}} .thread li{{margin:.6rem 0;padding:.6rem .8rem;border-radius:.8rem;max-width:80%;white-space:pre-wrap}}
.in{{background:#ecf1f7}} .out{{background:#d7f0dd;margin-left:auto!important}} .who{{font-size:.75rem;color:#555}}
textarea{{width:100%;font:inherit}} label{{display:block;font-weight:600;margin:.5rem 0}} button{{font:inherit;padding:.4rem 1rem}}
</style></head><body>
<h1>SMS-simulator</h1>
<p>Gatewayens nummer: {esc(gateway_number)}. Meldinger til og fra telefoner vises her; svar sendes signert til uke8 slik en SMS-gateway gjør.</p>
<form method="get" action="/"><label for="number">Telefonnummer</label><input id="number" name="number" value="{esc(number or '')}" placeholder="+4700012345"> <button type="submit">Åpne</button></form>
<h2>Telefoner</h2><ul>{links}</ul>
{thread}
</body></html>"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=None, help="default UKE8_SMS_SIMULATOR_PORT (8025)")
    parser.add_argument("--inbound-url", default=None, help="the product's webhook (default: UKE8_API_URL + /api/v1/sms/inbound)")


def main(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    port = args.port or settings.sms_simulator_port
    app = create_app(settings, args.inbound_url)
    print(f"sms-simulator: http://127.0.0.1:{port}/", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    return 0
