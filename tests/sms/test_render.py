"""The bot's messages as SMS, and every SMS text there is: numbered options, GSM-7, at most two
segments, no health information, and no word of sick leave where a locked screen shows it."""
from __future__ import annotations

from datetime import date

import pytest
import yaml

from uke8.privacy import redact_health
from uke8.sms import gsm7, render, texts
from uke8.dev.stack import PROJECT_ROOT
from uke8.triage import notices
from uke8.triage.catalogue import QUESTIONS
from uke8.triage.messages import FOLLOW_UP_PROMPT, GREETING, PRIVACY_NOTICE, REPLIES

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = {name: variants[0] for name, variants in DOMAIN["responses"].items()}
QUESTION_TEXTS = {q.text for q in QUESTIONS.values()} | {o.label for q in QUESTIONS.values() for o in q.options}
NOTICE_SMS = {"opening": notices.sms_opening(), "reminder": notices.reminder_sms(), "tailored": notices.tailored_greeting_sms()}


def every_sms() -> dict[str, str]:
    """Every text the product can send by SMS: the notices, each domain response rendered,
    every fixed text with an SMS version, and the neutral reply to an unknown number."""
    out = {f"notice:{k}": render.to_gsm(v) for k, v in NOTICE_SMS.items()}
    out |= {f"response:{k}": render.render_message(v) for k, v in RESPONSES.items()}
    out |= {f"version:{i}": render.render_message({"text": chat}) for i, chat in enumerate(texts.SMS_VERSIONS)}
    out["unknown"] = texts.UNKNOWN_NUMBER_SMS
    return out


def test_a_question_is_numbered_lines_and_asks_for_a_digit():
    sms = render.render_message(RESPONSES["utter_ask_retur"])
    assert sms == (
        "Hvor sannsynlig er det at du kommer tilbake i jobben du ble sykmeldt fra?\n"
        "1 Jeg tror det er veldig sannsynlig\n2 Jeg er usikker\n3 Jeg tror det er lite sannsynlig\n"
        "Svar 1, 2 eller 3."
    )
    assert render.render_message(RESPONSES["utter_ask_relasjon"]).endswith("\n2 Jeg opplever samarbeidet vårt som vanskelig\nSvar 1 eller 2.")
    assert render.render_message(RESPONSES["utter_ask_moteform"]).endswith("4 På arbeidsplassen\nSvar 1, 2, 3 eller 4.")


def test_yes_no_questions_ask_for_ja_or_nei_and_a_lone_no_thanks_button_is_dropped():
    confirm = {"text": "Forstår jeg deg riktig at du er usikker?", "buttons": [{"title": "Ja", "payload": "/ja"}, {"title": "Nei", "payload": "/nei"}]}
    assert render.render_message(confirm) == "Forstår jeg deg riktig at du er usikker?\nSvar ja eller nei."
    follow_up = {"text": FOLLOW_UP_PROMPT, "buttons": [{"title": "Nei takk", "payload": "/nei"}]}
    assert "1 Nei takk" not in render.render_message(follow_up)


def test_curly_quotes_dashes_and_emoji_are_replaced_so_the_sms_stays_gsm7():
    assert render.to_gsm("«Hei» – det går “fint” … 😀👍🏽 ’ok’") == '"Hei" - det går "fint" ... \'ok\''
    assert render.to_gsm("crème brûlée på Tromsø") == "crème brulée på Tromsø"  # è and é are GSM-7, û is not
    assert render.to_gsm("Ωμέγα") .startswith("Ω")  # Greek capitals are GSM-7; what has no equivalent stays (UCS-2)


def test_the_greeting_and_privacy_notice_have_short_sms_versions():
    assert render.render_message({"text": GREETING}) == texts.GREETING_SMS
    assert render.render_message({"text": PRIVACY_NOTICE}) == render.to_gsm(texts.PRIVACY_SMS)


def test_a_turn_is_packed_into_as_few_sms_as_fit_two_segments_each():
    replies = [{"text": GREETING}, {"text": PRIVACY_NOTICE}, RESPONSES["utter_ask_retur"]]
    sms = render.render_reply(replies)
    assert len(sms) == 3 and all(gsm7.segments(t).count <= 2 for t in sms)
    short = render.render_reply([{"text": REPLIES["velkommen_tilbake"]}, RESPONSES["utter_ask_varighet"]])
    assert len(short) == 1 and short[0].startswith(REPLIES["velkommen_tilbake"] + "\n\nHvor lenge")


@pytest.mark.parametrize("name", sorted(every_sms()))
def test_every_sms_is_gsm7_within_two_segments(name):
    text = every_sms()[name]
    if "{" in text:  # a slot placeholder (the confirmation question) is filled at run time
        return
    seg = gsm7.segments(text)
    assert seg.encoding == gsm7.GSM7, (name, seg.non_gsm)
    assert seg.count <= 2, (name, seg.count, text)


@pytest.mark.parametrize("name", sorted(every_sms()))
def test_no_sms_carries_health_information(name):
    text = every_sms()[name]
    for question_text in QUESTION_TEXTS:  # the catalogue's wording, the same on every channel (PRODUCT.md §1)
        text = text.replace(question_text, "")
    assert redact_health(text).categories == (), (name, redact_health(text).categories)


def test_sms_of_our_own_wording_never_name_sick_leave_or_health():
    """The notices (read on a locked screen, before the person has answered) never; the SMS
    versions of the conversation's texts neither, except the answer to the person's own
    question about sykepenger. The questions keep the catalogue's wording."""
    allowed = {texts.REPLIES_SMS["sykepenger"]}
    ours = [*NOTICE_SMS.values(), *(v for v in texts.SMS_VERSIONS.values() if v not in allowed), texts.UNKNOWN_NUMBER_SMS]
    for text in ours:
        lowered = text.lower().replace("helsen din", "")  # "you need not write about your health"
        assert not [w for w in notices.SMS_FORBIDDEN if w in lowered], text


def test_the_first_sms_says_it_is_nav_how_to_check_it_and_not_sykmelding():
    opening = notices.sms_opening().lower()
    assert "nav" in opening and "55 55 33 33" in opening and "stopp" in opening
    assert "sykmeld" not in opening and "sykemeld" not in opening and "helse" not in opening


def test_every_outcome_has_an_sms_version_without_health_or_absence_details():
    from uke8.triage.messages import outcome_message

    for classification, reasons in [
        ("kartlegging", ["gjentakende_fravaer"]), ("kartlegging", ["ubesvart_grad_30_eller_mer", "gjentakende_fravaer"]),
        ("ikke_aktuell_na", ["usikker_varighet_behandling_lav_grad"]), ("ikke_aktuell_na", ["god_relasjon_kort_varighet"]),
        ("ikke_aktuell_na", ["ubesvart_lav_grad"]), ("kartlegging", ["varighet_over_26_uker", "usikre_inngangsvilkar"]),
    ]:
        sms = render.render_message({"text": outcome_message(classification, reasons)})
        assert sms in texts.SMS_VERSIONS.values() or sms in {render.to_gsm(v) for v in texts.SMS_VERSIONS.values()}
        assert "fravær" not in sms and "behandling" not in sms and "friskmeld" not in sms
        assert "55 55 33 33" in sms or "nav.no" in sms


def test_segments_are_reported_per_sms():
    assert render.describe(["a" * 200, "Hei 😀"]) == [
        {"segments": 2, "encoding": "GSM-7", "characters": 200}, {"segments": 1, "encoding": "UCS-2", "characters": 5}]
