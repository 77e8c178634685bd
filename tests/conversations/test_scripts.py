"""Every scripted conversation in this folder (and the shared examples copied here), driven
through Rasa's REST channel and the API of a real stack started for the test session."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from uke8.dev.converse import Conversation
from uke8.settings import Settings

pytestmark = [pytest.mark.stack, pytest.mark.timeout(900)]

# `via: sms` scripts take the SMS path and need the gateway simulator and the delivery
# worker: tests/sms/test_sms_conversations.py runs them.
SCRIPTS = sorted(p for p in Path(__file__).parent.glob("*.yml") if (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("via") != "sms")


@pytest.fixture(scope="module")
def runner(stack):
    headers = {"Authorization": f"Bearer {stack.env['UKE8_ADMIN_TOKEN']}"}
    with httpx.Client(base_url=stack.api_url, headers=headers, timeout=60) as api, httpx.Client(base_url=stack.rasa_url, timeout=60, **stack.rasa_auth) as rasa:
        # the stack's settings sign chat links, so `text_absent` also reads the chat page's transcript
        yield Conversation(api, rasa, links=Settings(data_dir=stack.data_dir, api_port=stack.api_port))


def test_there_are_scripts_for_every_rule_and_screening():
    text = "\n".join(p.read_text(encoding="utf-8") for p in SCRIPTS)
    for code in (
        "retur_usikker_eller_lite_sannsynlig", "varighet_over_26_uker", "relasjon_vanskelig_eller_verken_eller",
        "ubesvart_grad_30_eller_mer", "varighet_usikker_grad_30_eller_mer", "varighet_usikker_annet_enn_behandling",
        "usikre_inngangsvilkar", "gjentakende_fravaer", "god_relasjon_kort_varighet",
        "usikker_varighet_behandling_lav_grad", "ubesvart_lav_grad", "ekskludert_ingen_hilsen", "tilpasset_hilsen",
        "uten_arbeidsgiver", "retur_i_arbeid_kort_varighet",  # triage-v2: people without an employer
    ):
        assert code in text, code


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_conversation(runner: Conversation, path: Path):
    result = runner.run(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert result.ok, "\n".join(result.failures + ["transcript:"] + result.transcript)
