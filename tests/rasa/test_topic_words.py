"""The trained model reads each word of the MENY list (uke8/triage/topics.py) alone as its
request, sure enough to act on, so the rules route it to action_global; interpret's keyword
reading makes the answer certain even if it did not. "MENY" itself is no request to act on."""
from __future__ import annotations

import json
import subprocess

import pytest

from tests.rasa.bot_env import BOT_PYTHON, CURRENT_MODEL, ENV
from uke8.settings import PROJECT_ROOT
from uke8.triage import topics
from uke8.understanding.calibration import THRESHOLDS


@pytest.mark.timeout(300)
def test_each_menu_word_alone_is_read_as_its_request(tmp_path):
    if not CURRENT_MODEL.exists():
        pytest.fail("no trained model: run `make train`")
    model = (PROJECT_ROOT / CURRENT_MODEL.read_text().strip()).resolve()
    words = [*topics.TOPIC_WORDS.values(), topics.MENU_WORD]
    out = tmp_path / "parses.jsonl"
    subprocess.run([str(BOT_PYTHON), "bench/rasa_parse.py", str(model), str(out)], cwd=PROJECT_ROOT, env=ENV, check=True,
                   input="".join(json.dumps({"text": w}) + "\n" for w in words), text=True, capture_output=True)
    parses = {p["text"]: p["intent"] for p in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for code, word in topics.TOPIC_WORDS.items():
        assert parses[word]["name"] == code and parses[word]["confidence"] >= THRESHOLDS.global_accept, (word, parses[word])
    menu = parses[topics.MENU_WORD]
    assert menu["name"] not in {"stopp", "ikke_lagre", "endret_situasjon"} or menu["confidence"] < THRESHOLDS.global_accept
