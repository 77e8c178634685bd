"""An SMS from a person: match the number, record the message once, run the turn, queue the replies.

Flow (POST /api/v1/sms/inbound, after the signature is checked in api/routes/sms.py):
1. `receive()`: the sender's number is hashed with the store's keyed hash and matched to the
   newest open SMS invitation of a case with that number (channel sms, not screened out,
   sick leave not ended). No match: the number is unknown, and gets one neutral reply at
   most (a keyed hash and a day are all that is kept, to know it had it). A match: the
   message is recorded in `sms_inbound` under its MessageSid (unique: a duplicate delivery
   is recognised and not processed again), the text sealed, status `received`, and
   committed before anything else happens.
2. `process_conversation()`: the conversation's messages are taken oldest first (a message
   is claimed for a lease; never one while an earlier one of the same conversation is
   unprocessed), each sent to Rasa's REST channel with the invitation's conversation id as
   sender (never the number) and its MessageSid in the metadata; the bot's replies are
   rendered as SMS (render.py) and written to the outbox as `sms_reply` messages, keyed
   "sms:{MessageSid}:{n}", in the same transaction that marks the message `processed` and
   drops its text. The delivery worker sends them, in order. A message is done only when the
   bot answered (uke8/bot_answer.py: at least one bot message came back); Rasa answers 200
   with no messages when the action server fails, and then the answer was not stored.
   The first SMS of a conversation is the person's go-ahead after the opening SMS: it
   starts the conversation (/start: greeting, privacy notice, first question); its words
   are not taken as an answer (a "ja" there is not "veldig sannsynlig"). STOPP (and the
   other stop words) is recorded at once as an opt-out, before the turn, then answered.
3. Failures: Rasa unreachable, 5xx, or no bot message in its answer → the message goes back
   to `received` and is tried again (at the next message of the conversation, or by the
   delivery worker's sweep after the backoff); after UKE8_OUTBOX_MAX_ATTEMPTS it is given up:
   `failed`, audited, its text kept sealed for the veileder (the case view shows it, the
   queue flags the case), and the person gets a short, honest reply (texts.NOT_SAVED_SMS).
   A process dying mid-turn leaves the message `processing` until its lease ends; the sweep
   then looks in Rasa's tracker for the turn with that MessageSid: if Rasa had answered it,
   its replies are taken from there instead of running the turn twice (a turn Rasa took
   without a bot message is run again).

Why in the webhook request: the turn takes about a second, the reply then goes out at once,
and the order of one person's messages is kept without a queue of its own. The message is
committed before the turn, so a slow or failing Rasa loses nothing; a gateway that gives up
waiting and delivers again is recognised by the MessageSid.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from uke8.bot_answer import bot_answered
from uke8.cases import audit, conversation
from uke8.cases.actors import SYSTEM_CONVERSATION
from uke8.cases.errors import UnknownConversation
from uke8.cases.status import Status
from uke8.lifecycle import outbox
from uke8.clock import today_in_oslo
from uke8.privacy import safe_to_store
from uke8.settings import Settings, get_settings
from uke8.sms import render
from uke8.sms.texts import NOT_SAVED_SMS, REPLIES_SMS, UNKNOWN_NUMBER_SMS
from uke8.store.crypto import get_sealer
from uke8.store.db import Database
from uke8.store.models import Case, Invitation, SmsInbound, SmsUnknownSender, utcnow
from uke8.understanding.interpret import interpret

log = logging.getLogger("uke8.sms")

RECEIVED, PROCESSING, PROCESSED, FAILED = "received", "processing", "processed", "failed"
LEASE = timedelta(minutes=2)
# A new message is the webhook's to process; the sweep leaves it alone this long.
SWEEP_GRACE = timedelta(seconds=30)
MAX_BODY = 1600  # ten segments: what a gateway concatenates at most; longer text is cut
UNKNOWN_SENDER_KEPT_DAYS = 365
START = "/start"
METADATA_KEY = "sms_message_sid"
ACTOR = "sms"
# STOPP by SMS is honoured before the turn reaches the bot: the conversation's opt-out, via sms.
STOP_BY_SMS = SYSTEM_CONVERSATION.reached_via("sms")
STOPPED_SMS = REPLIES_SMS["reservert"]


@dataclass(frozen=True)
class InboundSms:
    message_sid: str
    sender: str  # the gateway's From
    body: str


@dataclass(frozen=True)
class Received:
    kind: str  # "queued" | "duplicate" | "unknown"
    conversation_id: str | None = None
    reply: str | None = None  # the neutral reply to an unknown number, sent in the webhook's answer


class RasaUnavailable(Exception):
    pass


class NoBotAnswer(RasaUnavailable):
    """Rasa took the message but no bot message came back (the action server failed)."""


def normalise_number(raw: str) -> str:
    """E.164 as the case store has it: no spaces or dashes, 00 → +."""
    number = "".join(ch for ch in raw.strip() if ch.isdigit() or ch == "+")
    if number.startswith("00"):
        number = "+" + number[2:]
    return number


def is_stop(text: str) -> bool:
    meaning = interpret(None, text, None)
    return meaning.code == "stopp" and meaning.source == "keyword"


# -- 1. receive --------------------------------------------------------------------------


def open_invitation(session, number_hash: str, today: date) -> tuple[Case, Invitation] | None:
    row = session.execute(
        select(Case, Invitation)
        .join(Invitation, Invitation.case_id == Case.id)
        .where(
            Case.mobil_hash == number_hash,
            Invitation.channel == "sms",
            Invitation.screening != "ekskludert_ingen_hilsen",
            Case.status != Status.EKSKLUDERT,
            or_(Case.end_date.is_(None), Case.end_date >= today),
        )
        .order_by(Invitation.invited_at.desc(), Invitation.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def receive(db: Database, sms: InboundSms, today: date | None = None) -> Received:
    today = today or today_in_oslo()
    sealer = get_sealer()
    number_hash = sealer.keyed_hash(normalise_number(sms.sender))
    try:
        with db.write() as session:
            if session.scalar(select(SmsInbound.id).where(SmsInbound.message_sid == sms.message_sid)) is not None:
                return Received("duplicate")
            match = open_invitation(session, number_hash, today)
            if match is None:
                return _unknown(session, number_hash, today)
            case, invitation = match
            session.add(SmsInbound(
                message_sid=sms.message_sid, case_id=case.id, conversation_id=invitation.conversation_id,
                body_sealed=sealer.seal(sms.body[:MAX_BODY]), status=RECEIVED, attempts=0, replies=0,
                lease_until=utcnow() + SWEEP_GRACE,
            ))
            session.flush()
            audit.append(session, actor=ACTOR, actor_kind="system", action="sms.inbound", case_id=case.id,
                         detail={"message_sid": sms.message_sid}, via="sms")
            return Received("queued", invitation.conversation_id)
    except IntegrityError:
        # the same MessageSid (or the same unknown number) written by a concurrent request
        return Received("duplicate")


def _unknown(session, number_hash: str, today: date) -> Received:
    """One neutral reply per number at most; nothing about the message is kept."""
    session.query(SmsUnknownSender).filter(
        SmsUnknownSender.replied_on < today - timedelta(days=UNKNOWN_SENDER_KEPT_DAYS)
    ).delete(synchronize_session=False)
    if session.get(SmsUnknownSender, number_hash) is not None:
        return Received("unknown")
    session.add(SmsUnknownSender(number_hash=number_hash, replied_on=today))
    session.flush()
    return Received("unknown", reply=UNKNOWN_NUMBER_SMS)


# -- 2. process --------------------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    id: int
    message_sid: str
    case_id: str
    conversation_id: str
    body: str
    attempts: int  # including this one
    first: bool  # the conversation's first SMS


class RasaClient:
    """Rasa's REST channel, as the SMS channel uses it."""

    def __init__(self, settings: Settings | None = None, transport: httpx.BaseTransport | None = None):
        settings = settings or get_settings()
        from uke8.service_auth import rasa_auth  # Rasa refuses every call without the service token

        self._client = httpx.Client(base_url=settings.rasa_url, timeout=settings.sms_rasa_timeout, trust_env=False,
                                    transport=transport, **rasa_auth(settings))

    def close(self) -> None:
        self._client.close()

    def turn(self, conversation_id: str, text: str, message_sid: str) -> list[dict[str, Any]]:
        body = {"sender": conversation_id, "message": text, "input_channel": "sms", "metadata": {METADATA_KEY: message_sid}}
        try:
            response = self._client.post("/webhooks/rest/webhook", json=body)
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise RasaUnavailable(f"rasa {response.status_code}")
        response.raise_for_status()
        return list(response.json() or [])

    def replies_already_given(self, conversation_id: str, message_sid: str) -> list[dict[str, Any]] | None:
        """The bot's replies to the turn with this MessageSid if Rasa has it in its tracker, else None."""
        try:
            response = self._client.get(f"/conversations/{conversation_id}/tracker", params={"include_events": "ALL"})
        except httpx.HTTPError as exc:
            raise RasaUnavailable(type(exc).__name__) from None
        if response.status_code >= 500:
            raise RasaUnavailable(f"rasa {response.status_code}")
        if response.status_code != 200:
            return None
        events = response.json().get("events") or []
        # the latest attempt at this message: an earlier one may have got no answer
        start = next((i for i in range(len(events) - 1, -1, -1)
                      if events[i].get("event") == "user" and (events[i].get("metadata") or {}).get(METADATA_KEY) == message_sid),
                     None)
        if start is None:
            return None
        replies = []
        for event in events[start + 1:]:
            if event.get("event") == "user":
                break
            if event.get("event") == "bot":
                data = event.get("data") or {}
                replies.append({"text": event.get("text"), "buttons": data.get("buttons")})
        # Rasa took it without answering (the action server failed): not done, run it again
        return replies if bot_answered(replies) else None


def _claim_next(db: Database, conversation_id: str, now: datetime, *, eager: bool) -> Claimed | None:
    """The conversation's oldest unprocessed message, claimed for LEASE; None when there is
    none, or it is being processed elsewhere, or (not `eager`) it waits for its retry time."""
    with db.write() as session:
        row = session.scalars(
            select(SmsInbound)
            .where(SmsInbound.conversation_id == conversation_id, SmsInbound.status.in_((RECEIVED, PROCESSING)))
            .order_by(SmsInbound.id)
            .limit(1)
            .with_for_update()
        ).first()
        if row is None:
            return None
        if row.status == PROCESSING and row.lease_until and row.lease_until > now:
            return None
        if row.status == RECEIVED and not eager and row.lease_until and row.lease_until > now:
            return None
        first = session.scalar(
            select(SmsInbound.id).where(SmsInbound.conversation_id == conversation_id, SmsInbound.status == PROCESSED).limit(1)
        ) is None
        row.status, row.attempts, row.lease_until = PROCESSING, row.attempts + 1, now + LEASE
        body = get_sealer().open(row.body_sealed) if row.body_sealed else ""
        return Claimed(row.id, row.message_sid, row.case_id, row.conversation_id, body, row.attempts, first)


def _turn(db: Database, claimed: Claimed, rasa: RasaClient) -> list[dict[str, Any]]:
    if claimed.attempts > 1:
        # An earlier attempt may have died after Rasa ran the turn: never run it twice.
        earlier = rasa.replies_already_given(claimed.conversation_id, claimed.message_sid)
        if earlier is not None:
            return earlier
    text = claimed.body.strip()
    if is_stop(text):
        # Honoured at once, whatever happens to the turn (idempotent).
        with db.write() as session:
            try:
                conversation.record_opt_out(session, claimed.conversation_id, STOP_BY_SMS)
            except UnknownConversation:
                pass
    elif claimed.first:
        text = START
    if not text:
        return []
    replies = rasa.turn(claimed.conversation_id, text, claimed.message_sid)
    if not bot_answered(replies):
        # Rasa says 200 with no messages when the action server fails: the answer was not
        # stored, so the message is not done (the chat page answers 502 here).
        raise NoBotAnswer("no bot answer")
    return replies


def _finish(db: Database, claimed: Claimed, replies: list[dict[str, Any]]) -> int:
    texts = render.render_reply(replies)
    with db.write() as session:
        row = session.get(SmsInbound, claimed.id, with_for_update=True)
        if row is None or row.status != PROCESSING:
            return 0
        case = session.get(Case, claimed.case_id)
        invitation = session.scalars(select(Invitation).where(Invitation.conversation_id == claimed.conversation_id)).one()
        for n, (text, info) in enumerate(zip(texts, render.describe(texts))):
            outbox.enqueue_reply(session, case, invitation, text, f"sms:{claimed.message_sid}:{n}",
                                 {"segments": info["segments"], "encoding": info["encoding"]})
        row.status, row.processed_at, row.lease_until, row.body_sealed = PROCESSED, utcnow(), None, None
        row.replies, row.last_error = len(texts), None
    return len(texts)


def _release(db: Database, claimed: Claimed, error: str, now: datetime) -> str:
    """Back to `received` for a later try, or given up after UKE8_OUTBOX_MAX_ATTEMPTS."""
    with db.write() as session:
        row = session.get(SmsInbound, claimed.id, with_for_update=True)
        if row is None or row.status != PROCESSING:
            return row.status if row else FAILED
        row.last_error = error[:200]
        if row.attempts >= get_settings().outbox_max_attempts:
            # Given up: the text stays sealed for the veileder (the case is flagged in the
            # queue), and the person is told, honestly, that it was not saved.
            row.status, row.lease_until = FAILED, None
            stopped = is_stop(get_sealer().open(row.body_sealed).strip()) if row.body_sealed else False
            _keep_for_veileder(session, row)
            _tell_not_saved(session, row, stopped)
            audit.append(session, actor=ACTOR, actor_kind="system", action="sms.inbound_failed", case_id=row.case_id,
                         outcome="failed", detail={"message_sid": row.message_sid, "error": row.last_error}, via="sms")
        else:
            row.status, row.lease_until = RECEIVED, now + outbox.backoff(row.attempts)
        return row.status


def _keep_for_veileder(session, row: SmsInbound) -> None:
    """The text stays, sealed, in the form free text may be stored in (identifiers masked,
    health details redacted), and not at all for a person who asked us not to store text."""
    case = session.get(Case, row.case_id)
    sealer = get_sealer()
    stored = safe_to_store(sealer.open(row.body_sealed)) if row.body_sealed else None
    keep = stored is not None and case is not None and not case.storage_objection
    row.body_sealed = sealer.seal(stored.text) if keep else None


def _tell_not_saved(session, row: SmsInbound, stopped: bool) -> None:
    """The honest reply; a STOPP was recorded before the turn (it always is), so its sender
    gets the confirmation of the opt-out instead of being told it was not saved."""
    case = session.get(Case, row.case_id)
    invitation = session.scalars(select(Invitation).where(Invitation.conversation_id == row.conversation_id)).first()
    if case is None or invitation is None:
        return
    text = STOPPED_SMS if stopped else NOT_SAVED_SMS
    [info] = render.describe([text])
    outbox.enqueue_reply(session, case, invitation, text, f"sms:{row.message_sid}:ikke-lagret",
                         {"segments": info["segments"], "encoding": info["encoding"]})


def process_conversation(db: Database, conversation_id: str, rasa: RasaClient, *, eager: bool = True,
                         now: datetime | None = None) -> int:
    """Process the conversation's waiting messages in order; returns how many were processed.
    Stops at the first that cannot be processed now (the later ones wait behind it)."""
    done = 0
    while True:
        now_ = now or utcnow()
        claimed = _claim_next(db, conversation_id, now_, eager=eager)
        if claimed is None:
            return done
        try:
            replies = _turn(db, claimed, rasa)
        except (RasaUnavailable, httpx.HTTPError) as exc:
            status = _release(db, claimed, str(exc) or type(exc).__name__, now_)
            log.warning("sms turn not done (%s), message %s: %s", type(exc).__name__, claimed.message_sid, status)
            if status != FAILED:
                return done
            continue
        _finish(db, claimed, replies)
        done += 1


def waiting_conversations(db: Database, now: datetime | None = None, limit: int = 100) -> list[str]:
    """Conversations with a message the sweep should try: waiting past its retry time, or
    claimed by a process whose lease has run out."""
    now = now or utcnow()
    with db.read() as session:
        rows = session.scalars(
            select(SmsInbound.conversation_id)
            .where(
                SmsInbound.status.in_((RECEIVED, PROCESSING)),
                or_(SmsInbound.lease_until.is_(None), SmsInbound.lease_until <= now),
            )
            .order_by(SmsInbound.id)
            .limit(limit)
        ).all()
    return list(dict.fromkeys(rows))


def sweep(db: Database, rasa: RasaClient, now: datetime | None = None) -> int:
    """Process what the webhook could not (Rasa was down, or a process died mid-turn)."""
    return sum(process_conversation(db, c, rasa, eager=False, now=now) for c in waiting_conversations(db, now))
