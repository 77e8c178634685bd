"""The veileder writes to the person (uke8/thread/delivery.py): what is stored, what the outbox
carries on each channel, the SMS's shape (GSM-7, segments, numbered times in Oslo time), the
chat notice that never holds the message's words, and the refusals."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.factories import synthetic_mobile
from tests.lifecycle.helpers import DAY56, at, outbox_rows, register, run
from uke8.cases.actors import Actor
from uke8.cases.answers import record_answer
from uke8.cases.conversation import record_opt_out
from uke8.lifecycle import outbox
from uke8.lifecycle.outbox import Outgoing
from uke8.notifications import events
from uke8.notifications.tasks import TaskSender, then_varsel
from uke8.sms import gsm7
from uke8.sms.render import to_gsm
from uke8.store.crypto import get_sealer, token_hash
from uke8.store.models import AuditEntry, Case, Invitation, Meeting, OutboxMessage, ThreadMessage, Veileder
from uke8.thread import delivery, messages, texts
from uke8.thread.delivery import MessageRefused, Unreachable
from uke8.thread.meetings import MeetingRequest

NOW = at(DAY56 + timedelta(days=2), 12)
TODAY = NOW.date()
ANSWERS = (("retur", "usikker"), ("relasjon", "god"), ("varighet", "under_26_uker"))


def _veileder(db, enhet: str = "0219", navn: str | None = "Kari Nordmann") -> Actor:
    ident = f"Z{abs(hash((enhet, navn, id(db)))) % 900000 + 100000}"
    with db.write() as s:
        if s.get(Veileder, ident) is None:
            s.add(Veileder(ident=ident, navn=navn, enheter=[enhet], token_hash=token_hash(f"t-{ident}-{navn}")))
    return Actor("veileder", ident, frozenset({enhet}), via="api")


def _conversation(db, case_id: str) -> str:
    with db.read() as s:
        return s.scalar(select(Invitation.conversation_id).where(Invitation.case_id == case_id))


def _answered(db, channel: str = "chat") -> str:
    """A case invited at day 56 that answered the three questions (status vurdert)."""
    case_id = register(db, channel=channel) if channel == "sms" else register(db)
    run(db, DAY56)
    for slot, code in ANSWERS:
        with db.write() as s:
            record_answer(s, _conversation(db, case_id), slot, code, source="button")
    return case_id


def _post(db, case_id, actor, text="Hei! Jeg har lest svarene dine.", meeting=None, key=None):
    with db.write() as s:
        posted = delivery.post_from_veileder(s, case_id, actor, text, meeting, client_key=key, now=NOW, today=TODAY)
        return posted.message.id, posted.created


def _slots(*days_hours) -> tuple[datetime, ...]:
    return tuple(at(DAY56 + timedelta(days=d), h) for d, h in days_hours)


def test_by_sms_one_signed_message_with_numbered_times_in_oslo_time(db):
    case_id = _answered(db, "sms")
    actor = _veileder(db)
    slots = _slots((9, 10), (10, 14), (11, 9))  # 2 December 2026 is a Wednesday
    message_id, created = _post(db, case_id, actor, "Hei! Takk for svarene dine.", MeetingRequest(slots, "telefon"))
    assert created
    with db.read() as s:
        stored = s.get(ThreadMessage, message_id)
        assert (stored.sender, stored.author, stored.author_name, stored.channel) == ("veileder", actor.ident, "Kari Nordmann", "sms")
        meeting = s.get(Meeting, stored.meeting_id)
        assert meeting.status == "foreslatt" and meeting.form == "telefon" and len(meeting.slots) == 3
        detail = s.scalars(select(AuditEntry.detail).where(AuditEntry.case_id == case_id,
                                                           AuditEntry.action == "thread.veileder_message")).one()
        assert detail["message_id"] == message_id and "Takk" not in str(detail)
    [sms] = [m for m in outbox_rows(db, case_id) if m.kind == outbox.THREAD_SMS]
    assert sms.channel == "sms" and sms.idempotency_key == f"{case_id}:1:thread_sms:{message_id}"
    text = sms.payload["text"]
    assert text.startswith("Hei, dette er Kari Nordmann, veilederen din i NAV.")
    assert "ikke fra den automatiske tjenesten" in text and text.rstrip().endswith("Hilsen Kari Nordmann")
    assert "Hei! Takk for svarene dine." in text and "Jeg er din veileder" not in text
    assert "samtale med deg på telefon" in text
    assert "\n1 onsdag 2. desember kl. 10.00\n2 torsdag 3. desember kl. 14.00\n3 fredag 4. desember kl. 09.00\n" in text
    assert "Svar 1, 2 eller 3." in text and "Passer ingen, skriv når det passer bedre." in text
    assert to_gsm(text) == text and gsm7.segments(text).encoding == gsm7.GSM7


def test_the_longest_sms_message_stays_gsm7_within_its_segments():
    slots = _slots((9, 10), (10, 14), (11, 9))
    text = texts.sms_from_veileder("Kari Nordmann-Kristiansen", "a" * texts.SMS_TEXT_MAX, slots, "arbeidsplass")
    info = gsm7.segments(text)
    assert info.encoding == gsm7.GSM7 and info.count <= texts.SMS_MAX_SEGMENTS, info
    plain = gsm7.segments(texts.sms_from_veileder("Kari Nordmann", "Hei! Takk for svarene dine. Jeg tar kontakt snart."))
    assert plain.count <= 2, plain  # a short message without times is an ordinary SMS


def test_times_follow_oslo_summer_time():
    assert texts.slot_label(datetime(2027, 6, 15, 8, 0, tzinfo=timezone.utc)) == "tirsdag 15. juni kl. 10.00"
    assert texts.slot_label(datetime(2027, 1, 12, 9, 0, tzinfo=timezone.utc)) == "tirsdag 12. januar kl. 10.00"


def test_one_time_asks_to_answer_1_and_without_a_name_the_signature_is_neutral():
    text = texts.sms_from_veileder(None, "Hei!", _slots((9, 10)), "video")
    assert "Svar 1 hvis tiden passer." in text and "Passer denne tiden?" in text
    assert text.startswith("Hei, dette er veilederen din i NAV.") and "Hilsen veilederen din i NAV" in text


def test_on_chat_a_notice_with_the_link_never_the_words_then_a_beskjed_and_a_neutral_varsel(db):
    case_id = _answered(db)
    actor = _veileder(db)
    message_id, _ = _post(db, case_id, actor, "Hei! Hvordan går det med planen om gradert retur?")
    [notice] = [m for m in outbox_rows(db, case_id) if m.kind == outbox.THREAD_NOTICE]
    assert notice.channel == "chat" and notice.payload["thread_message_id"] == message_id
    assert "gradert" not in str(notice.payload) and "{lenke}" in notice.payload["text"]
    assert date_of(notice.payload["link_valid_until"]) >= TODAY + timedelta(days=delivery.THREAD_LINK_DAYS)

    published = []

    class Recorder:
        def publish(self, event):
            published.append(event)

        def close(self):
            pass

    sender = TaskSender(db, Recorder())
    sender(Outgoing(notice.id, case_id, notice.kind, notice.channel, notice.idempotency_key, ""), None)
    [event] = published
    assert event.event == events.BESKJED and event.task_id != events.task_id(case_id, 1)
    assert event.text == texts.minside_notice() and "/chat?t=" in event.link and "gradert" not in event.text

    with db.write() as s:  # a chat case with a number gets the varsel SMS
        s.get(Case, case_id).mobil_sealed = get_sealer().seal(synthetic_mobile())
        row = s.get(OutboxMessage, notice.id)
        row.status, row.sent_at = outbox.SENT, NOW
        then_varsel(s, row)
    [varsel] = [m for m in outbox_rows(db, case_id) if m.kind == outbox.THREAD_VARSEL]
    assert varsel.channel == "sms" and varsel.payload["text"] == texts.varsel_sms() and "gradert" not in varsel.payload["text"]
    assert varsel.idempotency_key == f"{case_id}:1:thread_varsel:{message_id}"


def date_of(text: str) -> date:
    return date.fromisoformat(text)


def test_the_same_client_key_stores_and_queues_once(db):
    case_id = _answered(db, "sms")
    actor = _veileder(db)
    meeting = MeetingRequest(_slots((9, 10)), "kontor")
    first = _post(db, case_id, actor, meeting=meeting, key="skjema-1")
    again = _post(db, case_id, actor, meeting=meeting, key="skjema-1")
    assert first == (first[0], True) and again == (first[0], False)
    with db.read() as s:
        assert len(messages.thread(s, case_id)) == 1
        assert len(s.scalars(select(Meeting).where(Meeting.case_id == case_id)).all()) == 1
    assert [m.kind for m in outbox_rows(db, case_id)].count(outbox.THREAD_SMS) == 1


def test_identifiers_are_masked_in_what_is_stored_and_sent(db):
    case_id = _answered(db, "sms")
    message_id, _ = _post(db, case_id, _veileder(db), "Ring meg gjerne på 91234567 i morgen.")
    with db.read() as s:
        assert "91234567" not in s.get(ThreadMessage, message_id).text
    [sms] = [m for m in outbox_rows(db, case_id) if m.kind == outbox.THREAD_SMS]
    assert "91234567" not in sms.payload["text"] and "[nummer fjernet]" in sms.payload["text"]


@pytest.mark.parametrize("setup, reason", [
    ("not_invited", texts.NOT_INVITED), ("opted_out", texts.OPTED_OUT), ("reservert", texts.RESERVED),
    ("ended", texts.ENDED),
])
def test_a_person_who_cannot_be_reached_is_refused_with_what_to_do(db, setup, reason):
    if setup == "not_invited":
        case_id = register(db)
    elif setup == "reservert":
        case_id = register(db, reservert_digital=True)
    else:
        case_id = _answered(db, "sms")
    if setup == "opted_out":
        with db.write() as s:
            record_opt_out(s, _conversation(db, case_id))
    if setup == "ended":
        with db.write() as s:
            s.get(Case, case_id).end_date = TODAY - timedelta(days=1)
    before = outbox_rows(db, case_id)
    with pytest.raises(Unreachable) as refused:
        _post(db, case_id, _veileder(db))
    assert refused.value.reason == reason and "annen måte" in refused.value.words
    with db.read() as s:
        assert messages.thread(s, case_id) == []
    assert len(outbox_rows(db, case_id)) == len(before)


def test_a_meeting_is_not_proposed_while_the_questions_are_open(db):
    case_id = register(db)
    run(db, DAY56)
    with pytest.raises(Unreachable) as refused:
        _post(db, case_id, _veileder(db), meeting=MeetingRequest(_slots((9, 10)), "video"))
    assert refused.value.reason == texts.STILL_ANSWERING
    _post(db, case_id, _veileder(db))  # a message without a time may go


@pytest.mark.parametrize("text", ["Hvordan går det med sykmeldingen?", "Har du vondt i ryggen?", "x" * (texts.SMS_TEXT_MAX + 1)])
def test_an_sms_refuses_words_about_health_or_sick_leave_and_long_texts(db, text):
    case_id = _answered(db, "sms")
    with pytest.raises(MessageRefused):
        _post(db, case_id, _veileder(db), text)


def test_chat_takes_what_sms_cannot(db):
    case_id = _answered(db)
    message_id, _ = _post(db, case_id, _veileder(db), "Hvordan går det med sykmeldingen?")
    assert message_id


def test_another_enhet_gets_unknown_case(db):
    case_id = _answered(db)
    with pytest.raises(messages.UnknownCase):
        _post(db, case_id, _veileder(db, "0301"))


def test_a_stopp_after_queueing_stops_the_delivery(db):
    case_id = _answered(db, "sms")
    _post(db, case_id, _veileder(db))
    with db.write() as s:
        record_opt_out(s, _conversation(db, case_id))
    with db.read() as s:
        case = s.get(Case, case_id)
        row = s.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id,
                                                    OutboxMessage.kind == outbox.THREAD_SMS)).one()
        assert row.status == outbox.CANCELLED or not outbox.may_send(row, case, TODAY)


def test_without_a_name_the_fallback_signs(db):
    case_id = _answered(db)
    message_id, _ = _post(db, case_id, _veileder(db, navn=None))
    with db.read() as s:
        assert s.get(ThreadMessage, message_id).author_name == texts.FALLBACK_NAME
