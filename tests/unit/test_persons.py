"""fnr helpers. Every number here is made up: synthetic (month + 80) or with check digits that
fail the mod-11 control, so none of them can be a real person's fødselsnummer."""

from __future__ import annotations

from datetime import date

import pytest

from uke8.triage.persons import (
    FNR_PATTERN,
    age_on,
    birth_date_from_fnr,
    is_fnr,
    mask_fnr,
    mask_phone,
)

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _passes_mod11(fnr: str) -> bool:
    digits = [int(c) for c in fnr]
    k1 = 11 - sum(w * d for w, d in zip(_K1, digits)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(w * d for w, d in zip(_K2, digits[:9] + [k1])) % 11
    k2 = 0 if k2 == 11 else k2
    return k1 < 10 and k2 < 10 and digits[9] == k1 and digits[10] == k2


def fake(day: int, month: int, yy: int, individual: int) -> str:
    """An 11-digit number with the given parts and check digits that are certainly invalid."""
    base = f"{day:02d}{month:02d}{yy:02d}{individual:03d}"
    for tail in range(100):
        candidate = f"{base}{tail:02d}"
        if not _passes_mod11(candidate):
            return candidate
    raise AssertionError("unreachable: at most one tail passes mod 11")


def test_fake_numbers_are_never_valid():
    for parts in [(1, 1, 80, 123), (15, 6, 5, 600), (31, 12, 99, 950)]:
        assert not _passes_mod11(fake(*parts))


def test_pattern():
    assert FNR_PATTERN.fullmatch(fake(1, 81, 80, 123))
    for bad in ("", "1234567890", "123456789012", "1234567890a", "12345 67890", "١٢٣٤٥٦٧٨٩٠١"):
        assert not FNR_PATTERN.fullmatch(bad)
        assert not is_fnr(bad)
    assert is_fnr(fake(1, 81, 80, 123))
    # "$" would match before a trailing newline; is_fnr must not.
    assert not is_fnr(fake(1, 81, 80, 123) + "\n")
    assert not is_fnr(None)  # type: ignore[arg-type]


# --- century rules ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("individual", "yy", "year"),
    [
        (0, 0, 1900),
        (499, 99, 1999),
        (123, 45, 1945),
        (500, 54, 1854),
        (749, 99, 1899),
        (500, 0, 2000),
        (999, 39, 2039),
        (750, 10, 2010),
        (900, 40, 1940),
        (999, 99, 1999),
    ],
)
def test_century(individual, yy, year):
    assert birth_date_from_fnr(fake(15, 6, yy, individual)) == date(year, 6, 15)


@pytest.mark.parametrize(
    ("individual", "yy"),
    [(500, 40), (749, 53), (750, 54), (899, 99), (750, 40), (899, 40)],
)
def test_individual_numbers_never_issued(individual, yy):
    assert birth_date_from_fnr(fake(15, 6, yy, individual)) is None


# --- D-, H- and synthetic numbers -------------------------------------------------------

def test_ordinary_number():
    assert birth_date_from_fnr(fake(1, 1, 80, 123)) == date(1980, 1, 1)


def test_d_number():
    assert birth_date_from_fnr(fake(41, 1, 80, 123)) == date(1980, 1, 1)
    assert birth_date_from_fnr(fake(71, 12, 80, 123)) == date(1980, 12, 31)


def test_h_number():
    assert birth_date_from_fnr(fake(1, 41, 80, 123)) == date(1980, 1, 1)
    assert birth_date_from_fnr(fake(1, 52, 80, 123)) == date(1980, 12, 1)


def test_synthetic_number():
    assert birth_date_from_fnr(fake(1, 81, 80, 123)) == date(1980, 1, 1)
    assert birth_date_from_fnr(fake(24, 92, 5, 512)) == date(2005, 12, 24)


def test_synthetic_d_number():
    assert birth_date_from_fnr(fake(45, 83, 60, 400)) == date(1960, 3, 5)


@pytest.mark.parametrize(
    "parts",
    [
        (0, 1, 80, 123),  # day 0
        (32, 1, 80, 123),  # day 32 is neither a date nor a D-number
        (40, 1, 80, 123),
        (72, 1, 80, 123),  # D-number day 32
        (1, 0, 80, 123),
        (1, 13, 80, 123),
        (1, 40, 80, 123),
        (1, 53, 80, 123),  # H-number month 13
        (1, 80, 80, 123),
        (1, 93, 80, 123),  # synthetic month 13
        (30, 2, 80, 123),
        (29, 2, 81, 123),  # 1981 is not a leap year
        (31, 84, 80, 123),  # 31 April
    ],
)
def test_impossible_dates(parts):
    assert birth_date_from_fnr(fake(*parts)) is None


def test_leap_day():
    assert birth_date_from_fnr(fake(29, 82, 0, 600)) == date(2000, 2, 29)
    assert birth_date_from_fnr(fake(29, 82, 0, 100)) is None  # 1900 was no leap year


@pytest.mark.parametrize("bad", ["", "0101801234", "010180123456", "01018O12345", "abcdefghijk"])
def test_not_an_fnr(bad):
    assert birth_date_from_fnr(bad) is None


def test_check_digits_are_not_validated():
    number = fake(1, 81, 80, 123)
    assert not _passes_mod11(number)
    assert birth_date_from_fnr(number) == date(1980, 1, 1)


# --- age --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1960, 6, 15), date(2025, 6, 14), 64),
        (date(1960, 6, 15), date(2025, 6, 15), 65),
        (date(1960, 6, 15), date(2025, 6, 16), 65),
        (date(1960, 6, 15), date(1960, 6, 15), 0),
        (date(1960, 12, 31), date(2025, 1, 1), 64),
        (date(2000, 2, 29), date(2023, 2, 28), 22),
        (date(2000, 2, 29), date(2023, 3, 1), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
    ],
)
def test_age_on(birth, day, age):
    assert age_on(birth, day) == age


def test_age_before_birth():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


def test_age_from_synthetic_number_at_screening_boundary():
    birth = birth_date_from_fnr(fake(15, 86, 60, 400))
    assert age_on(birth, date(2025, 6, 14)) == 64
    assert age_on(birth, date(2025, 6, 15)) == 65


# --- masking ----------------------------------------------------------------------------

def test_mask_fnr():
    number = fake(1, 81, 80, 123)
    assert mask_fnr(number) == "018180*****"
    assert number[6:] not in mask_fnr(number)


def test_mask_fnr_tolerates_spaces():
    number = fake(1, 81, 80, 123)
    assert mask_fnr(f" {number[:6]} {number[6:]} ") == "018180*****"


@pytest.mark.parametrize("bad", ["", "12345", "0101801234567", "hemmelig", None])
def test_mask_fnr_hides_anything_else_completely(bad):
    assert mask_fnr(bad) == "*" * 11  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("12345678", "******78"),
        ("+47 123 45 678", "********78"),
        ("0047-12345678", "**********78"),
        ("12", "**"),
        ("1", "*"),
        ("", ""),
    ],
)
def test_mask_phone(number, masked):
    assert mask_phone(number) == masked
