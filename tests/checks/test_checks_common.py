"""Formatting, tolerances and matching keys shared by the checks."""

from decimal import Decimal

import pytest

from pipeline.checks.common import (
    fmt_pct,
    fmt_rp,
    money_tolerance,
    normalise_name,
    printed_decimals,
    rounding_verdict,
    structured_code,
)


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1184303783"), "1.184.303.783"),
        (Decimal("80"), "80"),
        (Decimal("0"), "0"),
        (Decimal("-421000000"), "-421.000.000"),
        (Decimal("1234.5"), "1.234,50"),
        (Decimal("1234.00"), "1.234"),
    ],
)
def test_fmt_rp_indonesian_style(value, text):
    assert fmt_rp(value) == text


def test_fmt_pct_uses_decimal_comma():
    assert fmt_pct(Decimal("4.8441"), 1) == "4,8%"
    assert fmt_pct(Decimal("90.91"), 2) == "90,91%"
    assert fmt_pct(Decimal("45"), 0) == "45%"


def test_money_tolerance_grows_half_a_rupiah_per_line():
    assert money_tolerance(1) == 1
    assert money_tolerance(2) == 1
    assert money_tolerance(10) == 5


def test_printed_decimals_prefers_declared_then_exponent():
    assert printed_decimals(Decimal("45"), 0) == 0
    assert printed_decimals(Decimal("45.00"), None) == 2
    assert printed_decimals(Decimal("45"), None) == 0


@pytest.mark.parametrize(
    "printed, decimals, computed, verdict",
    [
        ("45", 0, "44.919", "ok"),
        ("45", 0, "45.5", "ok"),  # half-up or half-even: both fine
        ("99.998", 3, "99.9984", "ok"),
        ("100.00", 2, "99.996", "ok"),
        ("99.99", 2, "99.998", "truncated"),
        ("44", 0, "44.9", "truncated"),
        ("49", 0, "4.844", None),
        ("45", 0, "44.4", None),
    ],
)
def test_rounding_verdict(printed, decimals, computed, verdict):
    assert rounding_verdict(Decimal(printed), decimals, Decimal(computed)) == verdict


@pytest.mark.parametrize(
    "a, b",
    [
        ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
         "PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA"),
        ("Kegiatan: Penataan Organisasi", "penataan organisasi"),
        ("1.5 Kegiatan Penataan Organisasi", "Penataan  Organisasi."),
        ("Sub Kegiatan Fasilitasi Pelayanan Publik", "sub-kegiatan fasilitasi pelayanan publik"),
    ],
)
def test_normalise_name_equates_printing_variants(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_normalise_name_keeps_distinct_names_distinct():
    assert normalise_name("Penataan Organisasi") != normalise_name("Penataan Kelembagaan")


@pytest.mark.parametrize(
    "code, expected",
    [
        ("1.01.01.2.01.0001", "1.01.01.2.01.0001"),
        ("4.01.01 ", "4.01.01"),
        ("X.XX.01", "X.XX.01"),
        ("1.2", None),
        ("1.2.3", None),
        ("II.", None),
        (None, None),
    ],
)
def test_structured_code_ignores_row_numbering(code, expected):
    assert structured_code(code) == expected
