"""Synthetic demo data for `make run`: three enheter, a veileder for each, cases in every state
worth seeing. Idempotent: run it twice and nothing is duplicated (tokens are renewed).

All data is synthetic: fødselsnummer use month + 80 (NAV's synthetic test persons) and phone
numbers a range not issued to subscribers.
"""
from __future__ import annotations

import argparse
import json
from datetime import timedelta
from urllib.parse import quote

from uke8.tokens import admin_token, new_veileder_token
from uke8.cases.answers import record_answer
from uke8.cases import conversation
from uke8.cases import registration
from uke8.lifecycle import steps
from uke8.cases.actors import Actor
from uke8.cases.registration import NewCase
from uke8.clock import today_in_oslo
from uke8.lifecycle.links import make_link
from uke8.lifecycle.outbox import link_valid_until
from uke8.settings import get_settings
from uke8.store.crypto import token_hash
from uke8.store.db import get_database
from uke8.store.models import Veileder
from uke8.store.repositories import VeilederRepository

ENHETER = {"0219": ("Z900219", "NAV Bærum"), "0301": ("Z900301", "NAV Frogner"), "4601": ("Z904601", "NAV Bergenhus")}
SEEDER = Actor("system", "demo", via="dev")

# (label, days on sick leave, grade, extra facts, answers)
PERSONAS = [
    ("veldig sannsynlig retur, god relasjon", 56, 100, {}, {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}),
    ("usikker retur", 60, 100, {}, {"retur": "usikker", "relasjon": "god", "varighet": "usikker", "varighet_usikker_grunn": "behandling"}),
    ("vanskelig relasjon", 58, 50, {}, {"retur": "veldig_sannsynlig", "relasjon": "vanskelig", "varighet": "under_26_uker"}),
    ("gjentakende fravær", 57, 40, {"gjentakende_fravaer": True}, {"retur": "veldig_sannsynlig", "relasjon": "god", "varighet": "under_26_uker"}),
    ("invitert, ikke svart ennå", 56, 20, {}, {}),
    ("ikke invitert ennå", 40, 100, {}, None),
    ("65 år eller eldre", 56, 100, {"fodselsdato_years": 66}, {}),
    ("invitert på SMS, ikke svart ennå", 56, 60, {"channel": "sms"}, {}),
    # people without an employer (triage-v2): no employer question
    ("uten arbeidsgiver, usikker retur", 57, 100, {"har_arbeidsgiver": False}, {"retur": "usikker", "varighet": "under_26_uker"}),
    ("uten arbeidsgiver, ikke svart ennå", 56, 80, {"har_arbeidsgiver": False}, {}),
]


def _fnr(index: int, birth_year: int) -> str:
    return f"{10 + index % 18:02d}{81 + index % 12:02d}{birth_year % 100:02d}{200 + index:03d}{index % 97:02d}"


def seed() -> dict:
    db = get_database()
    today = today_in_oslo()
    tokens: dict[str, dict[str, str]] = {}
    conversations: list[dict[str, str]] = []
    for e_index, (enhet, (ident, name)) in enumerate(ENHETER.items()):
        token = new_veileder_token()
        with db.write() as session:
            repo = VeilederRepository(session)
            existing = repo.get(ident)
            if existing is None:
                repo.add(Veileder(ident=ident, enheter=[enhet], token_hash=token_hash(token)))
            else:
                existing.enheter, existing.token_hash = [enhet], token_hash(token)
        tokens[enhet] = {"ident": ident, "navn": name, "token": token}
        for p_index, (label, days, grade, facts, answers) in enumerate(PERSONAS):
            index = e_index * 10 + p_index
            years = facts.get("fodselsdato_years", 40)
            birth = today.replace(year=today.year - years) - timedelta(days=30)
            new = NewCase(
                external_id=f"demo-{enhet}-{p_index}",
                fnr=_fnr(index, birth.year),
                fodselsdato=birth,
                enhet=enhet,
                start_date=today - timedelta(days=days - 1),
                sykmeldingsgrad=grade,
                gjentakende_fravaer=facts.get("gjentakende_fravaer", False),
                har_arbeidsgiver=facts.get("har_arbeidsgiver", True),
                channel=facts.get("channel", "chat"),
                # +47 000…: a range not issued to subscribers
                mobil=f"+47000{90000 + index:05d}" if facts.get("channel") == "sms" else None,
            )
            with db.write() as session:
                case, _ = registration.register_case(session, new, SEEDER)
            if answers is None:
                continue
            with db.write() as session:
                invitation = steps.invite(session, case.id, today, SEEDER)
                conversation_id = invitation.conversation_id
                chat_link = make_link(conversation_id, link_valid_until(invitation))
            with db.read() as session:
                state = conversation.conversation_state(session, conversation_id)
            for slot, code in answers.items():
                if state.open_for_answers and slot not in state.answers:
                    with db.write() as session:
                        record_answer(session, conversation_id, slot, code, source="demo")
            if not answers:
                conversations.append({"enhet": enhet, "persona": label, "conversation_id": conversation_id, "case_id": case.id,
                                      "chat_link": chat_link, "mobil": new.mobil,
                                      # synthetic (month + 80), for the local Min side's sign-in only
                                      "minside_fnr": new.fnr if new.channel == "chat" else None})
    return {"admin_token": admin_token(get_settings()), "veiledere": tokens, "open_conversations": conversations}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def main(args: argparse.Namespace) -> int:
    result = seed()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"admin token:      {result['admin_token']}")
    for enhet, v in result["veiledere"].items():
        print(f"veileder {v['ident']} ({v['navn']}, enhet {enhet}): {v['token']}")
    print("open conversations (send /start to the REST channel with this sender id):")
    for c in result["open_conversations"]:
        print(f"  {c['conversation_id']}  enhet {c['enhet']}  ({c['persona']})")
        if c.get("mobil"):
            sms = f"http://127.0.0.1:{get_settings().sms_simulator_port}/?number={quote(c['mobil'])}"
            print(f"    by SMS: answer as {c['mobil']} on the simulator's phone page {sms}")
        else:
            print(f"    chat page: {c['chat_link']}")
            print(f"    Min side:  sign in at http://127.0.0.1:{get_settings().minside_port}/ with the synthetic "
                  f"fnr {c['minside_fnr']}")
    return 0
