"""Segment counting: GSM-7 with its extension table, UCS-2 for anything else."""
from __future__ import annotations

import pytest

from uke8.sms.gsm7 import GSM7, UCS2, is_gsm7, segments


def test_norwegian_letters_are_gsm7():
    text = "Hei! Blåbær, ærlig, øl og Årøy. ÆØÅ æøå"
    assert is_gsm7(text)
    assert segments(text).encoding == GSM7


@pytest.mark.parametrize("text, encoding, count, units", [
    ("", GSM7, 0, 0),
    ("a" * 160, GSM7, 1, 160),
    ("a" * 161, GSM7, 2, 161),
    ("æ" * 306, GSM7, 2, 306),
    ("å" * 307, GSM7, 3, 307),
    ("€" * 80, GSM7, 1, 160),  # extension characters count two septets
    ("€" * 81, GSM7, 2, 162),
    ("a" * 152 + "€" + "a" * 153, GSM7, 3, 307),  # an escape pair never straddles segments
    ("a" * 151 + "€" + "a" * 153, GSM7, 2, 306),
    ("Hei 😀", UCS2, 1, 6),  # an emoji is two UTF-16 units
    ("a" * 70, GSM7, 1, 70),
    ("a" * 69 + "’", UCS2, 1, 70),  # a curly quote forces UCS-2
    ("a" * 70 + "’", UCS2, 2, 71),
    ("«" + "a" * 133, UCS2, 2, 134),
    ("«" + "a" * 134, UCS2, 3, 135),
    ("a" * 66 + "😀" + "a" * 66, UCS2, 3, 134),  # a surrogate pair is not split (134 units, yet 3 segments)
])
def test_segments(text, encoding, count, units):
    seg = segments(text)
    assert (seg.encoding, seg.count, seg.units) == (encoding, count, units)


def test_the_characters_that_forced_ucs2_are_reported():
    assert segments("«Hei» – sa hun 😀").non_gsm == "«»–😀"
    assert segments("Hei").non_gsm == ""
