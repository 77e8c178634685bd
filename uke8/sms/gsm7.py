"""SMS segments: GSM-7 (with its extension table) or UCS-2, counted as a phone network does.

GSM 03.38's basic table has the Norwegian letters (æ ø å Æ Ø Å) and a few accented ones; its
extension table (^ { } \\ [ ~ ] | € and form feed) costs two septets a character. A text with
any other character (curly quotes, « », en dash, emoji …) is sent as UCS-2 instead.
One segment holds 160 GSM-7 septets or 70 UCS-2 code units; a longer text is split into
segments of 153 septets / 67 code units (the rest is the concatenation header), and a split
never falls inside an extension character or a surrogate pair (an emoji counts two units).
"""
from __future__ import annotations

from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7, UCS2 = "GSM-7", "UCS-2"
SINGLE = {GSM7: 160, UCS2: 70}
MULTI = {GSM7: 153, UCS2: 67}


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" | "UCS-2"
    count: int  # segments the text is sent as (0 for an empty text)
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    non_gsm: str = ""  # the characters that forced UCS-2, each once, in order of appearance


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def non_gsm_characters(text: str) -> str:
    return "".join(dict.fromkeys(ch for ch in text if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION))


def _sizes(text: str, encoding: str) -> list[int]:
    if encoding == GSM7:
        return [2 if ch in GSM7_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def segments(text: str) -> Segments:
    """How `text` travels: its encoding, the number of segments and the units it takes."""
    odd = non_gsm_characters(text)
    encoding = UCS2 if odd else GSM7
    sizes = _sizes(text, encoding)
    units = sum(sizes)
    if units == 0:
        return Segments(encoding, 0, 0, odd)
    if units <= SINGLE[encoding]:
        return Segments(encoding, 1, units, odd)
    count, used = 1, 0
    for size in sizes:
        if used + size > MULTI[encoding]:  # a character never straddles two segments
            count, used = count + 1, 0
        used += size
    return Segments(encoding, count, units, odd)
