"""bench/conversation.py's pure part (bench/conversation_people.py): how a scripted free-text
person answers what the bot shows, and how the figures are counted. No stack: the bot's turn
is built by hand the way the bench reads it (tracker slots, the case's stored answers, buttons)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.conversation_people import (
    ANSWER_SLOTS, ANSWERING, BotTurn, Message, Person, PersonResult, PersonState, after_messages_for, after_reply_bad,
    load_after, load_people, next_move, payload_answers, restore_codes, summarise, what_is_open,
)

ROOT = Path(__file__).resolve().parents[2]
Q_BUTTONS = {
    "retur": ("veldig_sannsynlig", "usikker", "lite_sannsynlig"),
    "relasjon": ("god", "vanskelig"),
    "varighet": ("under_26_uker", "over_26_uker", "usikker"),
    "varighet_usikker_grunn": ("behandling", "annet"),
}


def person(**over) -> Person:
    fields = dict(
        id="t01", style="bokmål", case={"sykmeldingsgrad": 50},
        answers={"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "usikker", "varighet_usikker_grunn": "behandling"},
        messages=(Message("q1", "Jeg kommer nok tilbake, sjefen er grei", ("retur", "relasjon")),
                  Message("q3", "Vet ikke, venter på operasjon", ("varighet", "varighet_usikker_grunn"))),
        fallback={"q1": "Veldig sannsynlig", "q2": "Godt samarbeid", "q3": "Usikker", "q3_grunn": "Behandlingen"},
        outcome="kartlegging",
    )
    fields.update(over)
    return Person(**fields)


def asked(slot: str, **over) -> BotTurn:
    buttons = [{"title": code, "payload": f'/svar{{"{slot}":"{code}"}}'} for code in Q_BUTTONS[slot]]
    return BotTurn(texts=["Spørsmålet?"], buttons=buttons, requested_slot=slot, active_loop="week8_form", **over)


def offer(pending: dict, buttons: list[dict]) -> BotTurn:
    return BotTurn(texts=["Mente du …?"], buttons=buttons, requested_slot="bekreftelse", active_loop="week8_form", pending=pending)


def play(p: Person, state: PersonState, turn: BotTurn):
    return next_move(p, state, turn, state.observe(turn))


def test_choose_offer_clicks_the_button_that_carries_the_true_code():
    buttons = [{"title": "Jeg er usikker", "payload": '/svar{"retur":"usikker"}'},
               {"title": "Jeg tror det er veldig sannsynlig", "payload": '/svar{"retur":"veldig_sannsynlig"}'},
               {"title": "Ingen av dem", "payload": "/nei"}]
    state = PersonState()
    move = play(person(), state, offer({"slot": "retur", "kind": "choose", "offered": ["usikker", "veldig_sannsynlig"]}, buttons))
    assert (move.kind, move.text) == ("pick", '/svar{"retur":"veldig_sannsynlig"}')
    assert state.offers == {"retur": 1}


def test_choose_offer_without_the_true_code_answers_none_of_them():
    buttons = [{"title": "Jeg er usikker", "payload": '/svar{"retur":"usikker"}'},
               {"title": "Jeg tror det er lite sannsynlig", "payload": '/svar{"retur":"lite_sannsynlig"}'},
               {"title": "Ingen av dem", "payload": "/ingen"}]
    move = play(person(), PersonState(), offer({"slot": "retur", "kind": "choose"}, buttons))
    assert (move.kind, move.text) == ("none_of_them", "/ingen")
    # no tracker information at all: the buttons alone say it is an offer of a subset
    turn = BotTurn(texts=["Mente du …?"], buttons=buttons, requested_slot="some_new_slot", active_loop="week8_form")
    assert what_is_open(turn) == ("choose", "retur")


@pytest.mark.parametrize("code, expected", [("veldig_sannsynlig", ("yes", "/ja")), ("usikker", ("no", "/nei"))])
def test_confirmation_is_yes_exactly_for_the_true_code(code, expected):
    buttons = [{"title": "Ja", "payload": "/ja"}, {"title": "Nei", "payload": "/nei"}]
    move = play(person(), PersonState(), offer({"slot": "retur", "code": code, "confidence": 0.6}, buttons))  # today's shape: no kind
    assert (move.kind, move.text) == expected


@pytest.mark.parametrize("kind", ["confirm", "summary"])  # "summary": as actions/forms.py writes it
def test_summary_confirmation_of_several_answers_is_yes_only_when_all_are_right(kind):
    p = person()
    yes_no = [{"title": "Ja", "payload": "/ja"}, {"title": "Nei", "payload": "/nei"}]
    right = offer({"kind": kind, "slot": "retur", "answers": {"retur": "veldig_sannsynlig", "relasjon": "god"}}, yes_no)
    wrong = offer({"kind": kind, "slot": "retur", "answers": {"retur": "veldig_sannsynlig", "relasjon": "vanskelig"}}, yes_no)
    assert play(p, PersonState(), right).kind == "yes"
    assert play(p, PersonState(), wrong).text in ("nei", "/nei")


def test_a_question_gets_the_scripted_message_then_the_fallback_then_the_true_button():
    p, state = person(), PersonState()
    assert play(p, state, asked("retur")).text == "Jeg kommer nok tilbake, sjefen er grei"
    assert play(p, state, asked("retur")).text == "Veldig sannsynlig"
    third = play(p, state, asked("retur"))
    assert (third.kind, third.text) == ("button", '/svar{"retur":"veldig_sannsynlig"}')
    assert state.reasks == {"retur": 2}


def test_a_question_already_answered_in_a_combined_message_gets_the_fallback_and_counts_as_asked_again():
    p, state = person(), PersonState()
    play(p, state, asked("retur"))  # carries retur and relasjon
    move = play(p, state, asked("relasjon"))
    assert (move.kind, move.text) == ("fallback", "Godt samarbeid")
    assert state.reasks == {"relasjon": 1}
    assert play(p, state, asked("varighet")).text == "Vet ikke, venter på operasjon"
    assert "varighet" not in state.reasks


def test_verken_eller_has_no_button_so_the_person_gives_up_after_the_fallback():
    p, state = person(answers={"retur": "veldig_sannsynlig", "relasjon": "verken_eller", "varighet": "under_26_uker"}), PersonState()
    play(p, state, asked("relasjon"))
    assert play(p, state, asked("relasjon")).kind == "give_up"


def test_numbered_help_is_answered_with_the_digit_of_the_true_code_in_button_order():
    p = person()
    turn = BotTurn(texts=["1. … 2. … 3. …"], requested_slot="bekreftelse", active_loop="week8_form",
                   pending={"slot": "varighet", "kind": "hjelp"})
    assert play(p, PersonState(), turn).text == "3"  # varighet usikker is the third option


def test_skip_offer_is_taken_and_the_answer_is_not_recorded():
    state = PersonState()
    turn = offer({"slot": "retur", "kind": "hopp"}, [{"title": "Bli kontaktet", "payload": "Bli kontaktet"},
                                                     {"title": "Hopp over", "payload": "Hopp over"}])
    move = play(person(), state, turn)
    assert (move.kind, move.text) == ("skip", "Hopp over")
    assert state.skipped == {"retur"}


def test_go_ahead_follow_up_meeting_and_done():
    p = person()
    assert play(p, PersonState(), BotTurn(texts=["Har du mulighet til å svare?"])).kind == "go_ahead"
    assert play(p, PersonState(), BotTurn(texts=["Vil du fortelle litt mer?"], requested_slot="oppfolging", active_loop="week8_form")).text == "nei takk"
    meeting = BotTurn(buttons=[{"title": "Video", "payload": '/mote{"moteform":"video"}'}, {"title": "Telefon", "payload": '/mote{"moteform":"telefon"}'}],
                      requested_slot="moteform", active_loop="mote_form", outcome="kartlegging")
    assert play(p, PersonState(), meeting).text == '/mote{"moteform":"telefon"}'
    assert play(p, PersonState(), BotTurn(texts=["Takk!"], outcome="kartlegging")) is None
    assert {"go_ahead", "follow_up", "meeting"}.isdisjoint(ANSWERING)


class PerfectBot:
    """Takes every answer a message carries and asks only what is still open: the ideal the
    targets aim at. The real bench talks to the real stack; this checks the counting."""

    def __init__(self, p: Person, understands: bool = True):
        self.p, self.understands, self.stored = p, understands, {}

    def turn(self) -> BotTurn:
        for slot in ANSWER_SLOTS:
            if slot == "varighet_usikker_grunn" and self.stored.get("varighet") != "usikker":
                continue
            if slot not in self.stored:
                return asked(slot, stored=dict(self.stored))
        return BotTurn(texts=["Takk"], stored=dict(self.stored), outcome=self.p.outcome)

    def receive(self, move, open_slot: str) -> None:
        carried = payload_answers(move.text)
        if not carried and self.understands:
            message = next((m for m in self.p.messages if m.text == move.text), None)
            carried = {s: self.p.answers[s] for s in (message.carries if message else (open_slot,))}
        self.stored.update(carried)


@pytest.mark.parametrize("understands", [True, False])
def test_every_scripted_person_against_a_perfect_and_a_deaf_bot(understands):
    people = load_people(ROOT / "tests" / "nlu_eval" / "free_text_people.yml")
    assert len(people) >= 40
    results = []
    for p in people:
        bot, state = PerfectBot(p, understands), PersonState()
        result = PersonResult(p.id, p.style, true=dict(p.answers), expected_outcome=p.outcome)
        for _ in range(20):
            turn = bot.turn()
            opened = state.observe(turn)
            move = next_move(p, state, turn, opened)
            if move is None or move.kind == "give_up":
                result.ended = "done" if move is None else "gave_up"
                break
            result.answering += move.kind in ANSWERING
            result.buttons_used += move.kind == "button"
            bot.receive(move, opened[1])
        result.stored, result.outcome = dict(bot.stored), bot.turn().outcome
        result.reasks, result.offers = dict(state.reasks), dict(state.offers)
        results.append(result)
    s = summarise(results)
    assert s["wrong_stored"] == 0
    if understands:
        # every message is the person's own scripted one: fewer messages than answers (combined ones)
        assert s["messages_per_recorded_answer"] < 1.0 and s["clean_share"] == 1.0 and s["outcome_right"] == len(people)
    else:
        # nothing understood: scripted message, fallback, then the true button (verken_eller: no button, gives up)
        assert s["clean_share"] == 0.0 and s["messages_per_recorded_answer"] > 2.0
        assert s["buttons_used"] == s["answers_recorded"]  # each one by the true code's button in the end
        assert s["ended"]["gave_up"] == sum(1 for p in people if p.answers["relasjon"] == "verken_eller")


def test_after_check_counts_forsto_ikke_and_empty_replies_and_uses_every_line():
    assert after_reply_bad(["Beklager, det forsto jeg ikke helt. Velg gjerne et av svarene."])
    assert after_reply_bad(["Jeg forstår ikke."]) and after_reply_bad([]) and after_reply_bad([""])
    assert not after_reply_bad(["Forstår jeg deg riktig at du er usikker?"])
    assert not after_reply_bad(["Takk! Veilederen din leser meldingen din. Du kan også ringe 55 55 33 33."])
    after = load_after(ROOT / "tests" / "nlu_eval" / "after.jsonl")
    used = [line["text"] for i in range(len(after) // 2) for line in after_messages_for(i, after)]
    assert sorted(used) == sorted(line["text"] for line in after)


def test_summary_counts_wrong_stored_answers_and_messages_per_recorded_answer():
    r = PersonResult("x", "sms", answering=4, true={"retur": "usikker", "relasjon": "god", "varighet": "under_26_uker"},
                     stored={"retur": "lite_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}, reasks={"varighet": 1})
    s = summarise([r])
    assert (s["wrong_stored"], s["answers_recorded"], s["messages_per_recorded_answer"]) == (1, 3, 1.333)
    assert s["clean_share"] == round(1 / 3, 3)  # relasjon only: retur wrong, varighet asked again


def test_an_offered_code_the_tracker_store_redacted_is_read_back_as_the_code():
    from uke8.privacy import redact_health

    stored = {"slot": "varighet_usikker_grunn", "code": "[helseopplysning fjernet]", "offered": ["[helseopplysning fjernet]", "annet"]}
    pending, restored = restore_codes(stored, lambda code: redact_health(code).text)
    assert (pending["code"], pending["offered"], restored) == ("behandling", ["behandling", "annet"], 2)
    assert restore_codes({"slot": "retur", "code": "usikker"}, lambda code: redact_health(code).text) == ({"slot": "retur", "code": "usikker"}, 0)


def test_nothing_open_after_an_answer_without_an_outcome_is_stuck_not_a_go_ahead():
    ended = BotTurn(texts=["Du har sagt at du ikke vil bli kontaktet om dette."], stored={"retur": "usikker"})
    assert what_is_open(ended) == ("stuck", None)
    assert play(person(), PersonState(), ended).kind == "give_up"
