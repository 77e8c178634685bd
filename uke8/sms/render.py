"""The bot's messages as SMS: numbered options, the SMS wording, GSM-7 characters, 1–2 segments.

A reply from Rasa is a list of messages, each with `text` and perhaps `buttons`. By SMS:
- a question's buttons become numbered lines and a prompt: "1 …\\n2 …\\n3 …\\nSvar 1, 2 eller 3."
  (a digit answers by that order, as in chat: uke8/understanding/interpret.py); a yes/no
  question asks "Svar ja eller nei."; the follow-up's lone "Nei takk" button is left out;
- a fixed text with an SMS version (texts.py) is replaced by it;
- characters outside GSM-7 that have a GSM-7 equivalent are replaced (curly quotes, « »,
  dashes, ellipsis, non-breaking spaces), and emoji are dropped: one of them would turn the
  whole SMS into UCS-2 and cut a segment from 153 to 67 characters;
- consecutive messages are joined into one SMS when together they still fit in two segments.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from uke8.sms import gsm7
from uke8.sms.texts import SMS_REPLACEMENTS, SMS_VERSIONS

MAX_SEGMENTS = 2  # the goal for one SMS; longer texts are sent, counted and reported

_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200b": "",
    "\u2022": "-", "\u00b7": "-", "\t": " ",
}
# Pictographs and their modifiers: nothing in GSM-7 carries their meaning, so they are left out.
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\U000E0000-\U000E007F\u20E3]"
)
YES_NO_PAYLOADS = frozenset({"/ja", "/nei"})
_SKIP_ALONE = frozenset({"/nei"})  # a lone "Nei takk" button: a chat convenience, not a question


def to_gsm(text: str) -> str:
    """`text` in GSM-7 where that keeps its meaning; anything else is left (and sent as UCS-2)."""
    text = _EMOJI.sub("", text)
    out = []
    for ch in text:
        if ch in gsm7.GSM7_BASIC or ch in gsm7.GSM7_EXTENSION:
            out.append(ch)
        elif ch in _REPLACE:
            out.append(_REPLACE[ch])
        else:
            # accented letters GSM-7 lacks (ô, á, ü is there) lose the accent: "Tromsø" stays, "crème" → "creme"
            base = unicodedata.normalize("NFKD", ch)
            stripped = "".join(c for c in base if not unicodedata.combining(c))
            out.append(stripped if stripped and gsm7.is_gsm7(stripped) else ch)
    return re.sub(r"[ ]{2,}", " ", "".join(out)).strip()


def sms_wording(text: str) -> str:
    if text in SMS_VERSIONS:
        return SMS_VERSIONS[text]
    for long, short in SMS_REPLACEMENTS:
        text = text.replace(long, short)
    return text


def options_prompt(count: int) -> str:
    numbers = [str(n) for n in range(1, count + 1)]
    if count == 1:
        return "Svar 1."
    return f"Svar {', '.join(numbers[:-1])} eller {numbers[-1]}."


def render_message(message: Mapping[str, Any]) -> str:
    """One bot message as SMS text (GSM-7 where possible)."""
    text = sms_wording(str(message.get("text") or "").strip())
    buttons = [b for b in message.get("buttons") or [] if b.get("title")]
    payloads = {str(b.get("payload") or "").strip() for b in buttons}
    lines = [text] if text else []
    if buttons and payloads <= YES_NO_PAYLOADS and len(buttons) >= 2:
        lines.append("Svar ja eller nei.")
    elif buttons and not (len(buttons) == 1 and payloads <= _SKIP_ALONE):
        lines += [f"{n} {b['title']}" for n, b in enumerate(buttons, start=1)]
        lines.append(options_prompt(len(buttons)))
    return to_gsm("\n".join(lines))


def render_reply(messages: Iterable[Mapping[str, Any]], max_segments: int = MAX_SEGMENTS) -> list[str]:
    """A turn's bot messages as the SMS to send, in order: each rendered, and neighbours joined
    (blank line between) while the joined text stays within `max_segments`."""
    texts = [t for t in (render_message(m) for m in messages) if t]
    packed: list[str] = []
    for text in texts:
        if packed:
            joined = packed[-1] + "\n\n" + text
            if gsm7.segments(joined).count <= max_segments:
                packed[-1] = joined
                continue
        packed.append(text)
    return packed


def describe(texts: Sequence[str]) -> list[dict[str, Any]]:
    """Segments and encoding per SMS (what the outbox reports)."""
    out = []
    for text in texts:
        seg = gsm7.segments(text)
        out.append({"segments": seg.count, "encoding": seg.encoding, "characters": len(text)})
    return out
