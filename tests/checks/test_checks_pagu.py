"""`realisasi_exceeds_pagu`."""

from decimal import Decimal

from pipeline.checks.pagu import check_realisasi_exceeds_pagu
from schemas.model import BudgetLine


def line(pagu, realisasi, **kw) -> BudgetLine:
    return BudgetLine(
        table_no=1, row_no=9, level="sub_kegiatan", name="Penyediaan Jasa Kebersihan",
        code="4.01.01.2.06.0008", page=5,
        pagu=None if pagu is None else Decimal(pagu),
        realisasi=None if realisasi is None else Decimal(realisasi),
        **{k: Decimal(v) for k, v in kw.items()},
    )


def test_within_budget_and_rounding_pass():
    assert check_realisasi_exceeds_pagu([line("100", "100"), line("100", "101"), line("100", "0")]) == []


def test_two_rupiah_over_is_beyond_rounding():
    assert len(check_realisasi_exceeds_pagu([line("100", "102")])) == 1


def test_overspend_is_an_error_with_the_excess():
    [flag] = check_realisasi_exceeds_pagu([line("1000000", "1250000")])
    assert flag.rule == "realisasi_exceeds_pagu" and flag.severity == "error"
    assert flag.expected == Decimal(1000000) and flag.actual == Decimal(1250000)
    for part in ("1.250.000", "1.000.000", "250.000", "hal. 5", "4.01.01.2.06.0008"):
        assert part in flag.message


def test_hint_when_realisasi_equals_the_other_budget():
    f = line("279092422", "307004019", pagu_murni="307004019", pagu_perubahan="279092422")
    [flag] = check_realisasi_exceeds_pagu([f])
    assert "equals pagu murni 307.004.019" in flag.message


def test_missing_values_give_nothing():
    assert check_realisasi_exceeds_pagu([line(None, "5"), line("5", None)]) == []
