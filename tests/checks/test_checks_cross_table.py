"""`cross_table_mismatch`: one program/kegiatan, two tables of one document."""

from decimal import Decimal

from pipeline.checks.cross_table import check_cross_table
from schemas.model import BudgetLine


def bl(table, level, name, code=None, pagu=None, realisasi=None, row=1, **kw) -> BudgetLine:
    return BudgetLine(
        table_no=table, row_no=row, level=level, name=name, code=code, page=table * 10,
        pagu=None if pagu is None else Decimal(pagu),
        realisasi=None if realisasi is None else Decimal(realisasi),
        **{k: Decimal(v) for k, v in kw.items()},
    )


def test_same_program_by_name_with_different_pagu():
    lines = [
        bl(1, "program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
           "1", "2636500000"),
        bl(2, "program", "PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA", "2",
           "2600000000"),
    ]
    [flag] = check_cross_table(lines)
    assert flag.rule == "cross_table_mismatch" and flag.severity == "error"
    assert flag.line == (2, 1)
    assert flag.expected == Decimal("2636500000") and flag.actual == Decimal("2600000000")
    for part in ("2.636.500.000", "2.600.000.000", "36.500.000", "hal. 20", "hal. 10", "by name"):
        assert part in flag.message


def test_agreeing_tables_give_nothing():
    lines = [
        bl(1, "kegiatan", "Kegiatan Penataan Organisasi", None, "100", "80"),
        bl(2, "kegiatan", "Penataan Organisasi", None, "100", "80"),
        bl(3, "kegiatan", "penataan organisasi.", None, "100", "80"),
    ]
    assert check_cross_table(lines) == []


def test_realisasi_difference_is_reported():
    lines = [
        bl(1, "kegiatan", "Penataan Organisasi", None, "100", "80"),
        bl(2, "kegiatan", "Penataan Organisasi", None, "100", "70"),
    ]
    [flag] = check_cross_table(lines)
    assert "realisasi" in flag.message and flag.actual == Decimal(70)


def test_original_and_revised_budget_tables_agree():
    lines = [
        bl(1, "program", "Program A", None, "120", pagu_murni="100", pagu_perubahan="120"),
        bl(2, "program", "Program A", None, "100"),  # a table of the original budget
    ]
    assert check_cross_table(lines) == []


def test_table_in_thousands_is_not_a_mismatch():
    lines = [bl(1, "program", "Program A", None, "2636500000"), bl(2, "program", "Program A", None, "2636500")]
    assert check_cross_table(lines) == []


def test_codes_decide_over_names():
    same_code = [
        bl(1, "sub_kegiatan", "Penyediaan Gaji dan Tunjangan ASN", "4.01.01.2.02.0001", "100"),
        bl(2, "sub_kegiatan", "Penyediaan Gaji & Tunjangan Aparatur", "4.01.01.2.02.0001", "90"),
    ]
    [flag] = check_cross_table(same_code)
    assert "by code" in flag.message
    different_codes = [
        bl(1, "sub_kegiatan", "Koordinasi Perencanaan", "4.01.01.2.01.0001", "100"),
        bl(2, "sub_kegiatan", "Koordinasi Perencanaan", "4.01.02.2.01.0001", "90"),
    ]
    assert check_cross_table(different_codes) == []


def test_row_numbering_is_not_a_code():
    lines = [
        bl(1, "kegiatan", "Kegiatan A", "1.2", "100"),
        bl(2, "kegiatan", "Kegiatan B", "1.2", "90"),
    ]
    assert check_cross_table(lines) == []


def test_duplicate_name_within_a_table_is_ambiguous():
    lines = [
        bl(1, "sub_kegiatan", "Koordinasi dan Sinkronisasi", None, "100", row=1),
        bl(1, "sub_kegiatan", "Koordinasi dan Sinkronisasi", None, "50", row=2),
        bl(2, "sub_kegiatan", "Koordinasi dan Sinkronisasi", None, "50", row=1),
    ]
    assert check_cross_table(lines) == []


def test_levels_must_match_and_same_table_is_not_compared():
    lines = [
        bl(1, "program", "Penataan Organisasi", None, "100"),
        bl(2, "kegiatan", "Penataan Organisasi", None, "50"),
    ]
    assert check_cross_table(lines) == []
