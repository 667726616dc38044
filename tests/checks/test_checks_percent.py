"""`pct_mismatch`: printed % realisasi against realisasi / pagu."""

from decimal import Decimal

import pytest

from pipeline.checks.percent import check_percentages
from schemas.model import BudgetLine


def line(pagu, realisasi, pct, decimals=None, **kw) -> BudgetLine:
    return BudgetLine(
        table_no=3, row_no=4, level="sub_kegiatan", name="Fasilitasi Pelayanan Publik",
        code="1.5.2", page=12, pagu=Decimal(pagu), realisasi=Decimal(realisasi),
        realisasi_pct=Decimal(pct), realisasi_pct_decimals=decimals,
        **{k: Decimal(v) for k, v in kw.items()},
    )


@pytest.mark.parametrize(
    "pagu, realisasi, pct, decimals",
    [
        ("2636500000", "1184303703", "45", 0),  # 44,92% printed 45%
        ("100000", "44900", "45", 0),
        ("100000", "99998", "99.998", 3),
        ("1000000", "999984", "99.998", 3),  # 99,9984 rounds to 99,998
        ("1000000", "999960", "100.00", 2),  # 99,996 rounds up to 100,00
        ("178919600", "0", "0", 0),
        ("3", "1", "33.33", 2),
        ("3", "2", "66.67", 2),
        ("21840517000", "20951225130", "95.92", 2),  # 95,929…: cut, not rounded (LAKIP BKPD p45)
    ],
)
def test_correctly_rounded_percentages_pass(pagu, realisasi, pct, decimals):
    assert check_percentages([line(pagu, realisasi, pct, decimals)]) == []


def test_wrong_percentage_is_an_error_with_both_values():
    [flag] = check_percentages([line("953594400", "46192970", "49", 0)])
    assert flag.rule == "pct_mismatch" and flag.severity == "error"
    assert flag.actual == Decimal(49)
    assert flag.expected == Decimal("4.8441")
    for part in ("49%", "4,8%", "46.192.970", "953.594.400", "hal. 12", "1.5.2"):
        assert part in flag.message


def test_half_unit_boundary_depends_on_printed_precision():
    # 44,4% printed as 45% is beyond half a unit: error
    assert check_percentages([line("1000", "444", "45", 0)])[0].severity == "error"
    # 44,96% printed as 45,0% is fine at one decimal; printed 45,00% is off by 0,04 > 0,005
    assert check_percentages([line("10000", "4496", "45.0", 1)]) == []
    assert check_percentages([line("10000", "4496", "45.00", 2)])[0].severity == "error"


def test_decimals_fall_back_to_the_printed_value():
    assert check_percentages([line("10000", "4496", "45.0")]) == []
    assert len(check_percentages([line("10000", "4496", "45.00")])) == 1


def test_cut_instead_of_rounded_is_the_same_figure_as_for_capaian():
    """99,99 printed for 99,998: the figure cut at its printed precision, not a mismatch (the
    capaian rule already says so); one more hundredth off is still flagged."""
    assert check_percentages([line("100000", "99998", "99.99", 2)]) == []
    [flag] = check_percentages([line("100000", "99998", "99.98", 2)])
    assert flag.severity == "error"


def test_percentage_of_the_other_budget_is_a_warning():
    # measured against perubahan 200, the printed 60% is realisasi / murni 150
    f = line("200", "90", "60", 0, pagu_murni="150", pagu_perubahan="200")
    [flag] = check_percentages([f])
    assert flag.severity == "warning" and "pagu murni" in flag.message
    assert flag.expected == Decimal("45.0000")


def test_jambi_percentage_matches_neither_budget():
    f = line("279092422", "307004019", "90.91", 2,
             pagu_murni="307004019", pagu_perubahan="279092422")
    [flag] = check_percentages([f])
    assert flag.severity == "error"
    assert "110,00%" in flag.message


@pytest.mark.parametrize("missing", ["pagu", "realisasi", "realisasi_pct"])
def test_nothing_to_compare_gives_nothing(missing):
    f = line("100", "50", "10", 0)
    setattr(f, missing, None)
    assert check_percentages([f]) == []


def test_zero_pagu_is_left_to_other_rules():
    assert check_percentages([line("0", "10", "0", 0)]) == []
