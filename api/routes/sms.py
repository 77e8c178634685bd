"""The SMS gateway's webhooks: POST /api/v1/sms/inbound (a Twilio-compatible form post) and
POST /api/v1/sms/status (delivery receipts, Twilio's StatusCallback; signed the same way).

Not behind bearer tokens: the gateway proves itself with the request signature
(`X-Twilio-Signature`, HMAC-SHA1 of the URL and the parameters under the gateway's auth
token; uke8/sms/signature.py). A missing or wrong signature answers 403, is audited, and
nothing of the request is read further. The order: the body's size (413 over 32 KiB, before
the route runs: api/limits.py), then the signature header's presence and shape (before the
form is parsed), then the form and the signature itself. The URL checked is
UKE8_SMS_PUBLIC_URL when set (the public URL the gateway calls, behind a proxy), else the URL
the request arrived at.

The answer is TwiML: an empty `<Response/>`, or for an unknown number the one neutral reply
as a `<Message>` (so that number is never stored to send it). Everything else the person is
told goes through the outbox and the delivery worker (uke8/sms/inbound.py).
"""
from __future__ import annotations

import logging
import re
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from api.deps import DatabaseDep, SettingsDep, anonymous_refusals
from uke8.cases import audit
from uke8.sms import inbound, receipts
from uke8.sms.credentials import auth_token
from uke8.sms.signature import HEADER, is_valid

router = APIRouter(prefix="/sms", tags=["sms"])
log = logging.getLogger("uke8.sms")

TWIML = "application/xml"
REQUIRED = ("MessageSid", "From", "Body")
# The signature's shape: base64 of a 20-byte HMAC-SHA1 digest.
SIGNATURE_SHAPE = re.compile(r"[A-Za-z0-9+/]{27}=")


def twiml(message: str | None = None) -> Response:
    body = f"<Message>{escape(message)}</Message>" if message else ""
    content = f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>' if body else '<?xml version="1.0" encoding="UTF-8"?><Response/>'
    return Response(content=content, media_type=TWIML)


def _audit_refusal(db, request: Request, outcome: str, reason: str, action: str = "sms.inbound") -> None:
    """Forged or broken posts are anonymous refusals: capped per source and minute like the
    API's (uke8/cases/audit.py), so nobody can fill the append-only log through this route."""
    source = request.client.host if request.client else "unknown"
    audit.record_anonymous_refusal(db, anonymous_refusals(request), source, action=action, case_id=None,
                                   outcome=outcome, detail={"reason": reason}, actor="sms-gateway")


@router.post(
    "/inbound",
    response_class=Response,
    responses={200: {"content": {TWIML: {}}, "description": "TwiML"}, 400: {"description": "a required field is missing"},
               403: {"description": "missing or wrong signature (audited)"}},
)
async def sms_inbound(request: Request, db: DatabaseDep, settings: SettingsDep) -> Response:
    """An SMS from a person (form fields MessageSid, From, To, Body, as Twilio posts them)."""
    signature = request.headers.get(HEADER)
    if not signature or not SIGNATURE_SHAPE.fullmatch(signature.strip()):
        # Refused before the form is read: no parsing work for a request that cannot be the
        # gateway's (the body's size is bounded before this, by api/limits.py).
        reason = "missing_signature" if not signature else "bad_signature"
        await run_in_threadpool(_audit_refusal, db, request, "forbidden", reason)
        return JSONResponse(status_code=403, content={"detail": "The request signature is missing or does not match."})
    form = await request.form()
    params = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    url = settings.sms_public_url or str(request.url)
    if not await run_in_threadpool(is_valid, auth_token(settings), url, params, signature):
        reason = "missing_signature" if not signature else "bad_signature"
        await run_in_threadpool(_audit_refusal, db, request, "forbidden", reason)
        return JSONResponse(status_code=403, content={"detail": "The request signature is missing or does not match."})
    fields = dict(params)
    missing = [name for name in REQUIRED if name not in fields or (name != "Body" and not fields[name].strip())]
    if missing:
        await run_in_threadpool(_audit_refusal, db, request, "invalid", "missing " + ", ".join(missing))
        return JSONResponse(status_code=400, content={"detail": f"Missing form field(s): {', '.join(missing)}."})
    sms = inbound.InboundSms(message_sid=fields["MessageSid"].strip()[:64], sender=fields["From"], body=fields["Body"])
    received = await run_in_threadpool(inbound.receive, db, sms)
    if received.kind == "queued":
        await run_in_threadpool(_process, db, received.conversation_id)
    return twiml(received.reply)


@router.post(
    "/status",
    status_code=204,
    response_class=Response,
    responses={204: {"description": "recorded (or nothing to record)"}, 400: {"description": "a required field is missing"},
               403: {"description": "missing or wrong signature (audited)"}},
)
async def sms_status(request: Request, db: DatabaseDep, settings: SettingsDep) -> Response:
    """A delivery receipt (Twilio's StatusCallback: MessageSid, MessageStatus, ErrorCode?), signed
    like inbound messages; updates the outbox message the gateway took (uke8/sms/receipts.py)."""
    signature = request.headers.get(HEADER)
    if not signature or not SIGNATURE_SHAPE.fullmatch(signature.strip()):
        await run_in_threadpool(_audit_refusal, db, request, "forbidden", "missing_signature" if not signature else "bad_signature",
                                "sms.status")
        return JSONResponse(status_code=403, content={"detail": "The request signature is missing or does not match."})
    form = await request.form()
    params = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    url = settings.sms_status_url or str(request.url)
    if not await run_in_threadpool(is_valid, auth_token(settings), url, params, signature):
        await run_in_threadpool(_audit_refusal, db, request, "forbidden", "bad_signature", "sms.status")
        return JSONResponse(status_code=403, content={"detail": "The request signature is missing or does not match."})
    fields = dict(params)
    missing = [name for name in ("MessageSid", "MessageStatus") if not fields.get(name, "").strip()]
    if missing:
        await run_in_threadpool(_audit_refusal, db, request, "invalid", "missing " + ", ".join(missing), "sms.status")
        return JSONResponse(status_code=400, content={"detail": f"Missing form field(s): {', '.join(missing)}."})
    await run_in_threadpool(receipts.record_receipt, db, fields["MessageSid"].strip(), fields["MessageStatus"],
                            fields.get("ErrorCode"))
    return Response(status_code=204)


def _process(db, conversation_id: str) -> None:
    """The turn, in this request; the message is already committed, so whatever goes wrong here
    the gateway gets its 200 and the delivery worker's sweep takes the message up again."""
    rasa = inbound.RasaClient()
    try:
        inbound.process_conversation(db, conversation_id, rasa)
    except Exception as exc:  # noqa: BLE001 - recorded already; the sweep retries
        log.error("sms turn failed (%s); the sweep will retry", type(exc).__name__)
    finally:
        rasa.close()
