"""Helpers for Norwegian national identity numbers (fødselsnummer) and phone numbers.

The check digits are deliberately not validated: the API only requires 11 digits, and
synthetic test numbers do not always carry valid ones.
"""

from __future__ import annotations

import re
from datetime import date

# ASCII digits only: \d would also accept other scripts' digits. Use fullmatch (or is_fnr):
# with re.match, "$" would also accept a trailing newline.
FNR_PATTERN = re.compile(r"^[0-9]{11}$")

_D_NUMBER_DAY_OFFSET = 40
_H_NUMBER_MONTH_OFFSET = 40
# NAV's synthetic test data (Tenor) marks its numbers by adding 80 to the month.
_SYNTHETIC_MONTH_OFFSET = 80


def is_fnr(value: str) -> bool:
    return isinstance(value, str) and FNR_PATTERN.fullmatch(value) is not None


def _century(individual: int, yy: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and yy >= 54:
        return 1800
    if yy <= 39:
        return 2000
    if individual >= 900:
        return 1900
    # 500–899 with YY 40–99 (except 500–749 with YY 54–99 above) is not issued.
    return None


def birth_date_from_fnr(fnr: str) -> date | None:
    """The birth date encoded in a fødselsnummer, D-number, H-number or synthetic number."""
    if not is_fnr(fnr):
        return None
    day, month, yy = int(fnr[0:2]), int(fnr[2:4]), int(fnr[4:6])
    individual = int(fnr[6:9])
    if day > _D_NUMBER_DAY_OFFSET:
        day -= _D_NUMBER_DAY_OFFSET
    if month > _SYNTHETIC_MONTH_OFFSET:
        month -= _SYNTHETIC_MONTH_OFFSET
    elif month > _H_NUMBER_MONTH_OFFSET:
        month -= _H_NUMBER_MONTH_OFFSET
    century = _century(individual, yy)
    if century is None:
        return None
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


def age_on(birth: date, day: date) -> int:
    """Whole years on ``day``; someone born 29 February turns a year older on 1 March."""
    if day < birth:
        raise ValueError("the day is before the birth date")
    had_birthday = (day.month, day.day) >= (birth.month, birth.day)
    return day.year - birth.year - (0 if had_birthday else 1)


def mask_fnr(fnr: str) -> str:
    """Only the birth date part stays readable; anything that is not an fnr is hidden fully."""
    compact = "".join(str(fnr).split())
    if not is_fnr(compact):
        return "*" * 11
    return compact[:6] + "*" * 5


def mask_phone(number: str) -> str:
    """Only the last two digits stay readable, enough to recognise one's own number."""
    digits = re.sub(r"[^0-9]", "", str(number))
    if len(digits) <= 2:
        return "*" * len(digits)
    return "*" * (len(digits) - 2) + digits[-2:]
