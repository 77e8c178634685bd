"""Free-text people against the live bot (issue 13, item 6): how many messages a person who
only types needs per recorded answer, how many answers are taken without asking again, how
many are stored wrong, and whether anything after the questions gets "forsto ikke".

    .venv/bin/python bench/conversation.py [--people 10] [--only b01] [--verbose]
    .venv/bin/python bench/conversation.py --url http://127.0.0.1:8000 --rasa-url http://127.0.0.1:5005 \\
        --admin-token TOKEN --service-token TOKEN
    .venv/bin/python bench/conversation.py --root /path/to/another/checkout --model /path/to/model.tar.gz

Starts its own stack (like bench/turns.py; the product model from models/current) unless
--url is given. For each person of tests/nlu_eval/free_text_people.yml: a case with the
person's facts (synthetic fnr, tests/factories.py), an invitation, then /start and the person's
messages over Rasa's REST channel with the service token. After every turn the bench reads
what is open from Rasa's tracker (`requested_slot`, `ventende_svar`) and the case through the
API (stored answers, the assessment); bench/conversation_people.py decides what the person
sends (pure, unit tested). Once the outcome is given (and the meeting questions answered),
two messages of tests/nlu_eval/after.jsonl are sent (round-robin, all 96 over 48 people).

Figures (overall and per style):
- messages per recorded answer: the person's answering messages after /start until the
  outcome (scripted messages, rewordings, yes/no to a confirmation, a picked option, a digit,
  a skip) over the answers stored; the go-ahead, "nei takk" to a follow-up and the meeting
  answers are counted apart ("other");
- clean share: the person's true answers stored with the true code without the bot asking
  that question again (or asking it after the person had already given it) and without an
  offer (confirm, choose, numbered help, skip) for it;
- wrong stored answers: a stored code that is not the person's true code (read from the case);
- outcome vs the expected triage-v1 outcome;
- after: replies that are empty or contain "forsto ikke", overall and per expected code.
Prints a table and writes bench/results/conversation.json.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.conversation_people import (  # noqa: E402
    ANSWERING, OFFER_KINDS, STYLES, BotTurn, Person, PersonResult, PersonState, after_messages_for, after_reply_bad, load_after,
    load_people, next_move, pending_pairs, restore_codes, summarise,
)
from uke8.clock import today_in_oslo  # noqa: E402
from uke8.privacy import redact_health  # noqa: E402

PEOPLE = ROOT / "tests" / "nlu_eval" / "free_text_people.yml"
AFTER = ROOT / "tests" / "nlu_eval" / "after.jsonl"
TARGETS = {"messages_per_recorded_answer": 1.2, "wrong_stored": 0, "after_forsto_ikke": 0}


class Bot:
    """The stack as the bench talks to it: the API (admin token) and Rasa (service token)."""

    def __init__(self, api: httpx.Client, rasa: httpx.Client):
        self.api, self.rasa = api, rasa
        self.restored = 0  # codes in `ventende_svar` the tracker store had redacted (see restore_codes)

    def new_case(self, person: Person) -> tuple[str, str]:
        from tests.factories import case_body  # synthetic fnr (month + 80), like the tests

        body = case_body(external_id=f"bench-conv-{person.id}-{secrets.token_hex(4)}",
                         start_date=(today_in_oslo() - timedelta(days=55)).isoformat(), **person.case)
        r = self.api.post("/api/v1/cases", json=body)
        r.raise_for_status()
        case_id = r.json()["id"]
        r = self.api.post(f"/api/v1/cases/{case_id}/invitation")
        r.raise_for_status()
        return case_id, r.json()["conversation_id"]

    def send(self, sender: str, message: str) -> list[dict[str, Any]]:
        r = self.rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        r.raise_for_status()
        return r.json() or []

    def turn(self, sender: str, case_id: str, replies: list[dict[str, Any]]) -> BotTurn:
        r = self.rasa.get(f"/conversations/{quote(sender, safe='')}/tracker", params={"include_events": "NONE"})
        r.raise_for_status()
        tracker = r.json()
        slots = tracker.get("slots") or {}
        loop = (tracker.get("active_loop") or {}).get("name")
        pending, restored = restore_codes(slots.get("ventende_svar") if isinstance(slots.get("ventende_svar"), dict) else None,
                                          lambda code: redact_health(code).text)
        self.restored += restored
        case = self.api.get(f"/api/v1/cases/{case_id}")
        case.raise_for_status()
        return BotTurn(
            texts=[m.get("text") or "" for m in replies if m.get("text")],
            buttons=[b for m in replies for b in (m.get("buttons") or [])],
            requested_slot=slots.get("requested_slot"),
            active_loop=loop,
            pending=pending,
            stored=stored_answers(case.json()),
            outcome=((case.json().get("assessment") or {}).get("classification")),
        )


def stored_answers(case: dict[str, Any]) -> dict[str, str]:
    """The case's latest code per slot (a slot answered again keeps its last answer)."""
    latest: dict[str, str] = {}
    for answer in case.get("answers") or []:
        if answer.get("slot") and answer.get("code"):
            latest[answer["slot"]] = answer["code"]
    return latest


def play(bot: Bot, person: Person, index: int, after: list[dict[str, Any]], cap: int, verbose: bool) -> PersonResult:
    result = PersonResult(person.id, person.style, true=dict(person.answers), expected_outcome=person.outcome)
    state = PersonState()
    log = result.transcript.append
    case_id, sender = bot.new_case(person)
    replies = bot.send(sender, "/start")
    turn = bot.turn(sender, case_id, replies)
    log("> /start")
    result.transcript += shown(turn)
    sent = 0
    while True:
        opened = state.observe(turn)
        move = next_move(person, state, turn, opened)
        if move is None:
            break
        if move.kind == "give_up":
            result.ended = "gave_up" if opened[1] else "stuck"
            log(f"  (gives up: {opened[0]} {opened[1] or ''})")
            break
        if sent >= cap:
            result.ended = "cap"
            log(f"  (cap of {cap} messages reached)")
            break
        if move.kind in ANSWERING:
            if turn.outcome is None:
                result.answering += 1
            else:
                result.after_outcome += 1
        else:
            result.other += 1
        result.buttons_used += move.kind == "button"
        sent += 1
        replies = bot.send(sender, move.text)
        proposed = ",".join(f"{k}={v}" for k, v in pending_pairs(turn.pending).items()) if opened[0] in OFFER_KINDS else ""
        log(f"> [{opened[0]} {opened[1] or ''}{' ' + proposed if proposed else ''} → {move.kind}] {move.text}")
        turn = bot.turn(sender, case_id, replies)
        result.transcript += shown(turn)
    result.stored, result.outcome = turn.stored, turn.outcome
    result.reasks, result.offers, result.skipped = dict(state.reasks), dict(state.offers), sorted(state.skipped)
    if result.outcome is not None and result.ended == "done":
        for line in after_messages_for(index, after):
            texts = [m.get("text") or "" for m in bot.send(sender, line["text"]) if m.get("text")]
            bad = after_reply_bad(texts)
            result.after.append({"expected": line["expected"], "text": line["text"], "bad": bad, "reply": "\n".join(texts)})
            log(f"> [after {line['expected']}] {line['text']}")
            result.transcript += [f"< {t}" for t in texts] or ["< (no reply)"]
    if verbose:
        print(f"--- {person.id} ({person.style})\n" + "\n".join("    " + line for line in result.transcript), flush=True)
    return result


def shown(turn: BotTurn) -> list[str]:
    """The bot's turn for the transcript: its texts, the buttons' payloads after the last."""
    lines = [f"< {t}" for t in turn.texts] or ["< (no reply)"]
    if turn.buttons:
        lines[-1] += f"  {[b.get('payload') for b in turn.buttons]}"
    return lines


def product_model(root: Path) -> Path:
    return (root / (root / "models" / "current").read_text().strip()).resolve()


def run_all(bot: Bot, people: list[tuple[int, Person]], after: list[dict[str, Any]], args: argparse.Namespace) -> list[PersonResult]:
    results = []
    for index, person in people:
        try:
            result = play(bot, person, index, after, args.cap, args.verbose)
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            result = PersonResult(person.id, person.style, true=dict(person.answers), expected_outcome=person.outcome, ended="error")
            result.transcript.append(f"error: {type(exc).__name__}: {exc}")
            print(f"  {person.id}: error {type(exc).__name__}: {exc}", flush=True)
        results.append(result)
        if not args.verbose:
            print(f"  {person.id:4} {person.style:8} {result.answering:2} msgs, {result.recorded} stored, {len(result.wrong)} wrong, "
                  f"clean {result.clean}/{len(result.true)}, outcome {result.outcome} (expected {result.expected_outcome}), "
                  f"{result.ended}, after bad {sum(a['bad'] for a in result.after)}/{len(result.after)}", flush=True)
    return results


def report(results: list[PersonResult], seconds: float, restored: int = 0) -> dict[str, Any]:
    overall = summarise(results)
    by_style = {style: summarise([r for r in results if r.style == style]) for style in STYLES if any(r.style == style for r in results)}
    after_by_code: dict[str, dict[str, int]] = {}
    for r in results:
        for a in r.after:
            entry = after_by_code.setdefault(a["expected"], {"sent": 0, "forsto_ikke": 0})
            entry["sent"] += 1
            entry["forsto_ikke"] += a["bad"]
    print("\n| style | people | msgs / recorded answer | clean share | wrong stored | not recorded | outcome right | after: forsto ikke |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in [*by_style.items(), ("**all**", overall)]:
        print(f"| {name} | {s['people']} | {s['messages_per_recorded_answer']} ({s['answering_messages']}/{s['answers_recorded']}) | "
              f"{_pct(s['clean_share'])} | {s['wrong_stored']} | {s['not_recorded']}/{s['answers_true']} | "
              f"{s['outcome_right']}/{s['people']} | {s['after_forsto_ikke']}/{s['after_sent']} |")
    print(f"\ntargets: ≤ {TARGETS['messages_per_recorded_answer']} messages per recorded answer (now {overall['messages_per_recorded_answer']}); "
          f"{TARGETS['wrong_stored']} wrong stored answers (now {overall['wrong_stored']}); "
          f"after: {TARGETS['after_forsto_ikke']} 'forsto ikke' (now {overall['after_forsto_ikke']} of {overall['after_sent']}, "
          f"{_pct(overall['after_forsto_ikke_share'])})")
    print(f"ended: {overall['ended']}; answers given by button after two misses: {overall['buttons_used']}; "
          f"other messages (go-ahead, follow-up, meeting): {overall['other_messages']}; {seconds:.0f} s")
    if restored:
        print(f"offered codes the tracker store had redacted (read back by restore_codes): {restored}")
    print("after, per expected code: " + ", ".join(f"{c} {v['forsto_ikke']}/{v['sent']}" for c, v in sorted(after_by_code.items())))
    wrong = [(r.id, s, t, c) for r in results for s, (t, c) in r.wrong.items()]
    if wrong:
        print("wrong stored: " + "; ".join(f"{i} {s}={c} (true {t})" for i, s, t, c in wrong))
    return {
        "targets": TARGETS, "overall": overall, "by_style": by_style, "after_by_code": after_by_code, "seconds": round(seconds, 1),
        "redacted_offer_codes_read_back": restored,
        "people": [{"id": r.id, "style": r.style, "answering": r.answering, "other": r.other, "after_outcome": r.after_outcome,
                    "recorded": r.recorded, "clean": r.clean, "true": r.true, "stored": r.stored,
                    "wrong": {s: {"true": t, "stored": c} for s, (t, c) in r.wrong.items()}, "reasks": r.reasks, "offers": r.offers,
                    "skipped": r.skipped, "buttons_used": r.buttons_used, "outcome": r.outcome, "expected_outcome": r.expected_outcome,
                    "ended": r.ended, "after": r.after, "transcript": r.transcript} for r in results],
    }


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f} %"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=None, help="only the first N people")
    parser.add_argument("--only", action="append", default=None, help="only this person id (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="print each turn")
    parser.add_argument("--cap", type=int, default=20, help="messages per person at most (after /start, before the after-check)")
    parser.add_argument("--url", default=None, help="the API of an already running stack (then also --rasa-url, --admin-token, --service-token)")
    parser.add_argument("--rasa-url", default=os.environ.get("UKE8_RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--admin-token", default=None)
    parser.add_argument("--service-token", default=None)
    parser.add_argument("--root", type=Path, default=ROOT, help="project checkout whose stack is started (default this one)")
    parser.add_argument("--model", type=Path, default=None, help="default ROOT/models/current")
    parser.add_argument("--people-file", type=Path, default=PEOPLE)
    parser.add_argument("--after-file", type=Path, default=AFTER)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "conversation.json")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

    people = list(enumerate(load_people(args.people_file)))
    if args.only:
        people = [(i, p) for i, p in people if p.id in args.only]
    if args.people:
        people = people[: args.people]
    after = load_after(args.after_file)

    started = time.perf_counter()
    with ExitStack() as stack:
        if args.url:
            if not (args.admin_token and args.service_token):
                parser.error("--url needs --admin-token and --service-token")
            api_url, rasa_url, admin, service = args.url, args.rasa_url, args.admin_token, args.service_token
        else:
            from uke8.dev.stack import Stack, free_port

            tmp = stack.enter_context(tempfile.TemporaryDirectory())
            admin = "adm-bench-" + secrets.token_hex(8)
            env = {"UKE8_DATA_DIR": tmp, "UKE8_DATABASE_URL": f"sqlite:///{tmp}/uke8.db", "UKE8_ADMIN_TOKEN": admin,
                   "UKE8_SECRET_KEY": "bench-secret-not-for-production", "UKE8_TRACKER_DB": f"{tmp}/tracker.db"}
            model = args.model.resolve() if args.model else product_model(args.root.resolve())
            print(f"starting the stack ({args.root.resolve()}, model {model.name}) …", flush=True)
            running = stack.enter_context(Stack(args.root.resolve(), api_port=free_port(), action_port=free_port(), rasa_port=free_port(),
                                                env=env, with_rasa=True, model=model, log_dir=Path(tmp) / "logs", migrate=True))
            api_url, rasa_url, service = running.api_url, running.rasa_url, running.service_token
        from uke8.service_auth import HEADER, QUERY

        api = stack.enter_context(httpx.Client(base_url=api_url, headers={"Authorization": f"Bearer {admin}"}, timeout=60))
        rasa = stack.enter_context(httpx.Client(base_url=rasa_url, headers={HEADER: service}, params={QUERY: service}, timeout=60))
        bot = Bot(api, rasa)
        results = run_all(bot, people, after, args)
    data = report(results, time.perf_counter() - started, bot.restored)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
