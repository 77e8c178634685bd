"""What the person reads about a proposed meeting (uke8/triage/meeting_texts.py): plain
Norwegian dates in Oslo time, every slot as a numbered option (SMS digits and chat payloads
mean the same slot), GSM-7 by SMS, and no word that makes the bot the veileder."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.unit.test_honest_texts import CLAIMS
from uke8.clock import OSLO
from uke8.privacy import redact_health
from uke8.sms import gsm7, render
from uke8.triage import meeting_texts as t
from uke8.triage import notices

SLOTS = (datetime(2027, 1, 12, 10, 0, tzinfo=OSLO), datetime(2027, 1, 14, 13, 30, tzinfo=OSLO),
         datetime(2027, 3, 28, 9, 15, tzinfo=OSLO))  # the last one: the first day of summer time


def every_text() -> list[tuple[str, list[dict[str, str]]]]:
    out = []
    for form in t.FORMS:
        out += [(t.offer(SLOTS[:n], form), t.slot_buttons(SLOTS[:n])) for n in (1, 2, 3)]
        out += [(t.not_offered(SLOTS, form), t.slot_buttons(SLOTS)), (t.booked(SLOTS[1], form), [])]
        out.append((t.line_booked(SLOTS[0], form), []))
    out += [(t.ask_which(SLOTS, c), t.slot_buttons(SLOTS)) for c in ((0,), (0, 2), (0, 1, 2))]
    out += [(t.another_time(), []), (t.moved(SLOTS[0]), []), (t.moved(None), []), (t.cancelled(SLOTS[0]), []),
            (t.CHOICE_NOT_SAVED, []), (t.line_another_time(), []), (t.line_moved(SLOTS[0]), []), (t.line_cancelled(None), [])]
    return out


def test_slot_labels_are_oslo_time_in_norwegian():
    assert t.slot_label(SLOTS[0]) == "tirsdag 12. januar kl. 10.00"
    assert t.slot_label(SLOTS[2].astimezone(timezone.utc)) == "søndag 28. mars kl. 09.15"
    assert t.booked(SLOTS[1], "video").startswith("Så fint! Samtalen er avtalt torsdag 14. januar kl. 13.30 på video")


def test_every_slot_is_a_button_numbered_as_the_sms_numbers_it():
    buttons = t.slot_buttons(SLOTS)
    assert [b["payload"] for b in buttons] == ["1", "2", "3"]
    sms = render.render_message({"text": t.offer(SLOTS, "telefon"), "buttons": buttons})
    assert "\n1 Tirsdag 12. januar kl. 10.00\n2 Torsdag" in sms and sms.endswith("Svar 1, 2 eller 3.")


def test_every_text_is_honest_plain_and_fits_an_sms():
    for text, buttons in every_text():
        assert not CLAIMS.search(text), text
        sms = render.render_message({"text": text, "buttons": buttons})
        seg = gsm7.segments(sms)
        assert seg.encoding == gsm7.GSM7 and seg.count <= 2, (seg, sms)
        assert redact_health(sms).categories == ()
        assert not [w for w in notices.SMS_FORBIDDEN if w in sms.lower()], sms
