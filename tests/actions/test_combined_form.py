"""Several answers in one message, through the form with the real store (issue 13, item 3):
every clear answer recorded as `combined`, questions already answered never asked again,
doubtful ones confirmed together in one summary."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import time_machine
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ActionAskBekreftelse, ValidateWeek8Form
from tests.actions.test_form_actions import invited_case, run, texts, view
from uke8.understanding.clauses import clause_spans

form = ValidateWeek8Form()


def ranking(*pairs):
    return [{"name": n, "confidence": c} for n, c in pairs]


def tracker(sender: str, text: str, whole: list, *per_clause: list, slots: dict[str, Any] | None = None) -> Tracker:
    latest: dict[str, Any] = {"text": text, "intent": whole[0], "intent_ranking": whole}
    spans = clause_spans(text)
    if per_clause:
        assert len(spans) == len(per_clause)
        latest["clauses"] = [{"start": b, "end": e, "intent_ranking": r} for (b, e), r in zip(spans, per_clause)]
    return Tracker(sender, {"requested_slot": None, **(slots or {})}, latest, [], False, None, {"name": "week8_form"}, "action_listen")


ALL_THREE = "Jeg kommer nok tilbake, sjefen er grei, og jeg blir frisk i løpet av et par måneder"


def test_one_message_answering_all_three_is_recorded_as_combined_and_the_form_is_done(db):
    case_id, conv = invited_case(db)
    t = tracker(conv, ALL_THREE, ranking(("q2_god", 0.4), ("q1_veldig_sannsynlig", 0.3), ("q3_under_26_uker", 0.3)),
                ranking(("q1_veldig_sannsynlig", 0.95), ("usikker", 0.05)), ranking(("q2_god", 0.97)), ranking(("q3_under_26_uker", 0.9)))
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, t, {}))
    assert (result["retur"], result["relasjon"], result["varighet"]) == ("veldig_sannsynlig", "god", "under_26_uker")
    assert "Takk! Jeg har notert at du tror det er veldig sannsynlig" in texts(d)
    case = view(db, case_id)
    assert sorted((a["slot"], a["code"], a["source"]) for a in case["answers"]) == [
        ("relasjon", "god", "combined"), ("retur", "veldig_sannsynlig", "combined"), ("varighet", "under_26_uker", "combined")]
    assert all(a["raw_text"] == ALL_THREE for a in case["answers"])
    assert case["assessment"]["reasons"] == ["god_relasjon_kort_varighet"]


def test_a_q2_answer_while_q1_is_open_is_recorded_and_q1_asked_again(db):
    case_id, conv = invited_case(db)
    d = CollectingDispatcher()
    result = run(form.validate_retur(None, d, tracker(conv, "arbeidsgiveren min har vært grei", ranking(("q2_god", 0.99), ("usikker", 0.01))), {}))
    assert result["retur"] is None and result["relasjon"] == "god"
    assert "forsto" not in texts(d) and "samarbeidet med arbeidsgiveren din som godt" in texts(d)
    assert "misser" not in result or result["misser"] == {}  # not a miss: the person said something
    slots = run(form.required_slots([], CollectingDispatcher(), tracker(conv, "", ranking(("x", 1.0)), slots={"relasjon": "god"}), {}))
    assert slots[0] == "retur"  # asked again; relasjon is filled, so the form will not ask it
    assert [(a["slot"], a["source"]) for a in view(db, case_id)["answers"]] == [("relasjon", "combined")]


def test_q3_and_q3_grunn_in_one_message(db):
    case_id, conv = invited_case(db)
    text = "vet ikke helt, venter på operasjon"
    t = tracker(conv, text, ranking(("q3_grunn_behandling", 0.99), ("usikker", 0.01)),
                ranking(("usikker", 0.99)), ranking(("q3_grunn_behandling", 0.99)))
    result = run(form.validate_retur(None, CollectingDispatcher(), t, {}))
    assert result["retur"] is None
    assert (result["varighet"], result["varighet_usikker_grunn"]) == ("usikker", "behandling")
    assert sorted(a["slot"] for a in view(db, case_id)["answers"]) == ["varighet", "varighet_usikker_grunn"]


def test_doubtful_answers_of_one_message_are_confirmed_together(db):
    case_id, conv = invited_case(db)
    text = "sjefen er grei nok vel, og jeg blir nok frisk snart"
    t = tracker(conv, text, ranking(("q2_verken_eller", 0.5), ("q3_under_26_uker", 0.5)),
                ranking(("q2_verken_eller", 0.6), ("q2_god", 0.2), ("out_of_scope", 0.2)),
                ranking(("q3_under_26_uker", 0.6), ("out_of_scope", 0.4)))
    result = run(form.validate_retur(None, CollectingDispatcher(), t, {}))
    pending = result["ventende_svar"]
    assert pending["kind"] == "summary" and pending["slot"] == "retur"
    assert [(a["slot"], a["code"]) for a in pending["answers"]] == [("relasjon", "verken_eller"), ("varighet", "under_26_uker")]
    assert view(db, case_id)["answers"] == []  # nothing doubtful recorded yet
    slots = {"ventende_svar": pending, "bekreft_tekst": result["bekreft_tekst"]}
    d = CollectingDispatcher()
    run(ActionAskBekreftelse().run(d, tracker(conv, "", ranking(("x", 1.0)), slots=slots), {}))
    assert texts(d).startswith("Forstår jeg deg riktig at du opplever samarbeidet") and " og at du tror du trenger" in texts(d)
    assert [b["payload"] for b in d.messages[0]["buttons"]] == ["/ja", "/nei"]
    yes = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "ja", ranking(("ja", 1.0)), slots=slots), {}))
    assert (yes["relasjon"], yes["varighet"]) == ("verken_eller", "under_26_uker")
    assert sorted((a["slot"], a["source"]) for a in view(db, case_id)["answers"]) == [("relasjon", "combined"), ("varighet", "combined")]


def test_a_summary_answered_no_records_nothing(db):
    case_id, conv = invited_case(db)
    slots = {"ventende_svar": {"slot": "retur", "kind": "summary", "answers": [{"slot": "relasjon", "code": "god", "confidence": 0.6}], "text": "x"}}
    result = run(form.validate_bekreftelse(None, CollectingDispatcher(), tracker(conv, "nei", ranking(("nei", 1.0)), slots=slots), {}))
    assert result["ventende_svar"] is None and "relasjon" not in result
    assert view(db, case_id)["answers"] == []


def test_store_down_takes_none_of_the_answers_and_says_so(db, monkeypatch):
    import actions.context as action_context
    from uke8.store.db import Database
    from uke8.triage.messages import REPLIES

    case_id, conv = invited_case(db)
    dead = Database("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1")
    monkeypatch.setattr(action_context, "get_database", lambda: dead)
    d = CollectingDispatcher()
    t = tracker(conv, ALL_THREE, ranking(("q2_god", 0.4), ("q1_veldig_sannsynlig", 0.3), ("q3_under_26_uker", 0.3)),
                ranking(("q1_veldig_sannsynlig", 0.95)), ranking(("q2_god", 0.97)), ranking(("q3_under_26_uker", 0.9)))
    result = run(form.validate_retur(None, d, t, {}))
    assert result == {"retur": None}
    assert REPLIES["lagring_feilet"] in texts(d) and "notert" not in texts(d)
    monkeypatch.undo()
    assert view(db, case_id)["answers"] == []


def _q3_by_end_date(db, day: datetime, text: str = "Jeg regner med å være sykmeldt til jul") -> dict:
    # The whole test runs at `day` (time-machine): the case, its invitation and the reading of
    # "til jul" all see the same day, never the wall clock.
    with time_machine.travel(day, tick=False):
        _, conv = invited_case(db)
        d = CollectingDispatcher()
        t = tracker(conv, text, ranking(("q3_under_26_uker", 0.5), ("q3_over_26_uker", 0.3)),
                    slots={"retur": "veldig_sannsynlig", "relasjon": "god", "requested_slot": "varighet"})
        return run(form.validate_varighet(None, d, t, {}))


def test_an_end_date_alone_is_read_from_the_day_of_asking(db):
    # "til jul" asked in early December is a short leave; asked in June it is a long one. Far from
    # 26 weeks the sum is recorded; near them (the end of March, asked in December: 24.5 weeks) it
    # is the bot's guess and only confirmed.
    december = _q3_by_end_date(db, datetime(2026, 12, 4, 10, tzinfo=timezone.utc))
    assert december["varighet"] == "under_26_uker"
    june = _q3_by_end_date(db, datetime(2027, 6, 4, 10, tzinfo=timezone.utc))
    assert june["varighet"] == "over_26_uker"
    near = _q3_by_end_date(db, datetime(2026, 12, 4, 10, tzinfo=timezone.utc), "Jeg regner med å være sykmeldt ut mars")
    assert near["varighet"] is None and near["ventende_svar"]["code"] == "under_26_uker"
    assert near["ventende_svar"]["kind"] in ("confirm", "choose")
