"""`total_mismatch`: parents against their children, total rows against the table."""

from decimal import Decimal

from pipeline.checks.totals import check_totals
from schemas.model import BudgetLine


def rp(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text.replace(".", ""))


def bl(row, level, name, parent=None, pagu=None, realisasi=None, **kw) -> BudgetLine:
    extra = {k: rp(v) if isinstance(v, str) else v for k, v in kw.items()}
    return BudgetLine(
        table_no=1, row_no=row, level=level, name=name,
        parent_row_no=parent, pagu=rp(pagu), realisasi=rp(realisasi), page=7, **extra,
    )


def test_consistent_three_levels_give_nothing():
    lines = [
        bl(1, "program", "P", pagu="300", realisasi="150"),
        bl(2, "kegiatan", "K1", 1, "100", "50"),
        bl(3, "sub_kegiatan", "S1", 2, "60", "20"),
        bl(4, "sub_kegiatan", "S2", 2, "40", "30"),
        bl(5, "kegiatan", "K2", 1, "200", "100"),
        bl(6, "total", "JUMLAH", None, "300", "150"),
    ]
    assert check_totals(lines) == []


def test_parent_not_sum_of_children_is_an_error_naming_both_figures():
    lines = [
        bl(1, "kegiatan", "Kegiatan Penataan Organisasi", pagu="1.948.876.200",
           realisasi="820.648.019"),
        bl(2, "sub_kegiatan", "A", 1, "487.277.800", "232.522.416"),
        bl(3, "sub_kegiatan", "B", 1, "953.594.400", "46.192.970"),
        bl(4, "sub_kegiatan", "C", 1, "508.004.000", "120.932.633"),
    ]
    lines[0].code = "1.5"
    [flag] = check_totals(lines)
    assert flag.rule == "total_mismatch" and flag.severity == "error"
    assert flag.line == (1, 1)
    assert flag.expected == Decimal("399648019") and flag.actual == Decimal("820648019")
    for part in ("Penataan Organisasi", "1.5", "820.648.019", "399.648.019", "421.000.000",
                 "hal. 7", "realisasi"):
        assert part in flag.message


def test_rounding_within_half_a_rupiah_per_child_is_tolerated():
    kids = [bl(i, "sub_kegiatan", f"S{i}", 1, "100", None) for i in range(2, 8)]  # 6 kids
    ok = [bl(1, "kegiatan", "K", pagu="603")] + kids  # off by 3 = 0.5 * 6
    assert check_totals(ok) == []
    bad = [bl(1, "kegiatan", "K", pagu="604")] + kids  # off by 4
    assert [f.expected for f in check_totals(bad)] == [Decimal(600)]


def test_total_without_children_uses_highest_level_only():
    lines = [
        bl(1, "program", "P", pagu="300"),
        bl(2, "kegiatan", "K1", 1, "100"),
        bl(3, "kegiatan", "K2", 1, "200"),
        bl(4, "total", "JUMLAH", None, "300"),
    ]
    assert check_totals(lines) == []  # not 600: the program and its kegiatan are not added up
    lines[3].pagu = Decimal(301)  # one rupiah: rounding
    assert check_totals(lines) == []
    lines[3].pagu = Decimal(302)
    lines[3].realisasi = None
    [flag] = check_totals(lines)
    assert flag.line == (1, 4) and flag.expected == Decimal(300)
    assert "1 program row " in flag.message


def test_total_printed_first_covers_the_table():
    lines = [
        bl(1, "total", "TOTAL", None, "250"),
        bl(2, "program", "P1", None, "100"),
        bl(3, "program", "P2", None, "100"),
    ]
    [flag] = check_totals(lines)
    assert flag.expected == Decimal(200) and flag.actual == Decimal(250)


def test_section_totals_and_grand_total():
    lines = [
        bl(1, "program", "P1", None, "100"),
        bl(2, "total", "Jumlah A", None, "100"),
        bl(3, "program", "P2", None, "50"),
        bl(4, "program", "P3", None, "50"),
        bl(5, "total", "Jumlah B", None, "100"),
        bl(6, "total", "JUMLAH TOTAL", None, "200"),
    ]
    assert check_totals(lines) == []
    lines[5].pagu = Decimal(250)
    [flag] = check_totals(lines)
    assert flag.line == (1, 6) and flag.expected == Decimal(200)


def test_skipped_when_no_child_prints_the_column():
    lines = [
        bl(1, "kegiatan", "K", pagu="100", realisasi="80"),
        bl(2, "sub_kegiatan", "S1", 1, "60"),
        bl(3, "sub_kegiatan", "S2", 1, "40"),
    ]
    assert check_totals(lines) == []


def test_empty_child_cell_is_unknown_and_skips_that_column():
    lines = [
        bl(1, "kegiatan", "K", pagu="100", realisasi="80"),
        bl(2, "sub_kegiatan", "S1", 1, "60", "50"),
        bl(3, "sub_kegiatan", "S2", 1, "40"),  # realisasi cell empty (a `-` would be 0)
    ]
    assert check_totals(lines) == []
    lines[2].realisasi = Decimal(0)
    [flag] = check_totals(lines)
    assert flag.expected == Decimal(50)


def test_blank_perubahan_means_unrevised_budget():
    """Only revised rows print a perubahan; the total's perubahan is the sum of revised budgets
    and the murni of unrevised rows (the bundled Kota Bogor sample)."""
    def row(r, level, murni, perubahan, parent=None):
        return BudgetLine(table_no=1, row_no=r, level=level, name=f"R{r}", parent_row_no=parent,
                          pagu_murni=rp(murni), pagu_perubahan=rp(perubahan),
                          pagu=rp(perubahan or murni))

    lines = [
        row(1, "sub_kegiatan", "120.000.000", "125.000.000"),
        row(2, "sub_kegiatan", "80.000.000", None),
        row(3, "sub_kegiatan", "50.000.000", None),
        row(4, "total", "250.000.000", "255.000.000"),
    ]
    assert check_totals(lines) == []
    lines[3].pagu_perubahan = lines[3].pagu = rp("260.000.000")
    [flag] = check_totals(lines)
    assert (flag.expected, flag.actual) == (rp("255.000.000"), rp("260.000.000"))
    assert "pagu (perubahan, else murni)" in flag.message
    lines[3].pagu_murni = rp("240.000.000")
    assert {f.expected for f in check_totals(lines)} == {rp("255.000.000"), rp("250.000.000")}


def test_unreadable_perubahan_cell_skips_the_budget_comparison():
    # S2's perubahan could not be read, so its pagu fell back to murni: the sum would be wrong
    lines = [
        bl(1, "kegiatan", "K", pagu="120", pagu_murni="100", pagu_perubahan="120"),
        bl(2, "sub_kegiatan", "S1", 1, "60", pagu_murni="60"),
        bl(3, "sub_kegiatan", "S2", 1, "40", pagu_murni="40"),
    ]
    lines[2].unparsed = ["pagu_perubahan"]
    assert check_totals(lines) == []
    lines[2].unparsed = []
    assert [f.expected for f in check_totals(lines)] == [Decimal(100)]


def test_each_amount_column_checked_and_derived_pagu_not_twice():
    parent = bl(1, "kegiatan", "K", pagu="120", realisasi="90",
                pagu_murni="100", pagu_perubahan="120", tw1_rp="10", tw4_rp="90")
    kids = [
        bl(2, "sub_kegiatan", "S1", 1, "70", "45", pagu_murni="50", pagu_perubahan="70",
           tw1_rp="5", tw4_rp="45"),
        bl(3, "sub_kegiatan", "S2", 1, "60", "45", pagu_murni="50", pagu_perubahan="60",
           tw1_rp="5", tw4_rp="40"),
    ]
    flags = check_totals([parent, *kids])
    # pagu (= perubahan) 120 vs 130 and tw4 90 vs 85, each reported once; murni 100 agrees
    assert sorted((f.expected, f.actual) for f in flags) == [
        (Decimal(85), Decimal(90)), (Decimal(130), Decimal(120))]
    assert any("pagu (perubahan, else murni)" in f.message for f in flags)
    assert any("TW IV" in f.message for f in flags)


def test_tables_are_independent():
    a = bl(1, "program", "P", None, "100")
    b = bl(2, "kegiatan", "K", 1, "100")
    c = BudgetLine(table_no=2, row_no=2, level="kegiatan", name="X", parent_row_no=1,
                   pagu=Decimal(999))
    assert check_totals([a, b, c]) == []


def test_children_summing_to_twice_the_parent_are_two_levels_not_an_error():
    lines = [
        bl(1, "program", "P", pagu="300"),
        bl(2, "kegiatan", "K1", 1, "100"), bl(3, "kegiatan", "S1", 1, "100"),
        bl(4, "kegiatan", "K2", 1, "200"), bl(5, "kegiatan", "S2", 1, "200"),
    ]
    assert check_totals(lines) == []
    lines[4].pagu = Decimal(250)  # not twice: the sum is wrong under either reading
    assert len(check_totals(lines)) == 1


def test_a_flag_under_levels_told_apart_by_sums_says_so():
    lines = [
        bl(1, "program", "P", tw1_rp="300", tw2_rp="999"),
        bl(2, "kegiatan", "K1", 1, tw1_rp="210", tw2_rp="150"),
        bl(4, "kegiatan", "K2", 1, tw1_rp="90", tw2_rp="70"),
    ]
    for line in lines[1:]:
        line.raw_cells["level_by"] = "sums"
    (flag,) = check_totals(lines)
    assert flag.actual == Decimal(999) and "told apart by their sums" in flag.message


def test_a_total_closes_the_rows_above_it_not_a_line_printed_after_it():
    """`Jumlah` of the kegiatan, then `Belanja tidak langsung` printed under it."""
    lines = [
        bl(1, "kegiatan", "K1", None, "100", "90"),
        bl(2, "kegiatan", "K2", None, "200", "180"),
        bl(3, "total", "Jumlah", None, "300", "270"),
        bl(4, "kegiatan", "Belanja tidak langsung", None, "500", "450"),
    ]
    assert check_totals(lines) == []
    lines[2].realisasi = Decimal(250)  # the realisasi really disagrees under every reading
    (flag,) = check_totals(lines)
    assert (flag.expected, flag.actual) == (Decimal(270), Decimal(250))
    assert "Reading used: the rows above the total" in flag.message


def test_a_total_printed_first_over_section_headings_with_subtotals():
    """`TOTAL`, `TUGAS PEMBANTUAN` (its subtotal), programs, `DANA DEKONSENTRASI`, programs —
    in a table stitched under an earlier one whose rows the total does not cover."""
    lines = [
        bl(1, "program", "Earlier table's program", None, "999"),
        bl(2, "total", "TOTAL", None, "300"),
        bl(3, "other", "TUGAS PEMBANTUAN", None, "200"),
        bl(4, "program", "P1", None, "150"),
        bl(5, "program", "P2", None, "50"),
        bl(6, "other", "DANA DEKONSENTRASI", None, "100"),
        bl(7, "program", "P3", None, "100"),
    ]
    assert check_totals(lines) == []
    lines[1].pagu = Decimal(350)
    (flag,) = check_totals(lines)
    assert flag.actual == Decimal(350) and "Reading used" in flag.message


def test_a_zero_section_total_between_a_section_total_and_the_grand_total():
    lines = [
        bl(1, "kegiatan", "K1", None, "100", "90"),
        bl(2, "kegiatan", "K2", None, "200", "180"),
        bl(3, "total", "Jumlah Belanja Langsung", None, "300", "270"),
        bl(4, "total", "Jumlah Belanja Tdk Langsung", None, "0", "0"),
        bl(5, "total", "Jumlah Belanja Langsung dan Belanja Tdk Langsung", None, "300", "270"),
    ]
    assert check_totals(lines) == []
    lines[4].pagu = Decimal(310)  # the grand total wrong: flagged against both parts
    (flag,) = check_totals(lines)
    assert flag.line == (1, 5) and (flag.expected, flag.actual) == (Decimal(300), Decimal(310))


def test_a_second_total_that_no_later_total_explains_is_still_compared():
    lines = [
        bl(1, "kegiatan", "K1", None, "100"),
        bl(2, "total", "Jumlah", None, "100"),
        bl(3, "total", "JUMLAH TOTAL", None, "120"),
    ]
    (flag,) = check_totals(lines)
    assert flag.line == (1, 3) and flag.expected == Decimal(100)


def test_a_second_table_stitched_under_the_first_keeps_its_total_printed_first():
    """`TOTAL APBD` over two urusan, then (a table the stitcher joined) `TOTAL` over the two
    funding sections that print their subtotals."""
    lines = [
        bl(1, "total", "TOTAL APBD", None, "300"),
        bl(2, "urusan", "URUSAN WAJIB", None, "100"),
        bl(3, "urusan", "URUSAN PILIHAN", None, "200"),
        bl(4, "total", "TOTAL", None, "70"),
        bl(5, "other", "TUGAS PEMBANTUAN", None, "50"),
        bl(6, "program", "P1", None, "50"),
        bl(7, "other", "DANA DEKONSENTRASI", None, "20"),
        bl(8, "program", "P2", None, "20"),
    ]
    assert check_totals(lines) == []
    lines[3].pagu = Decimal(75)
    (flag,) = check_totals(lines)
    assert flag.line == (1, 4) and flag.actual == Decimal(75)


def test_a_section_total_never_takes_the_rows_a_later_total_adds_up():
    lines = [
        bl(1, "program", "P1", None, "90"),
        bl(2, "total", "Jumlah A", None, "100"),  # wrong: P1 is 90 …
        bl(3, "program", "P2", None, "60"),
        bl(4, "program", "P3", None, "40"),  # … though P2 + P3 happen to make 100
        bl(5, "total", "Jumlah B", None, "100"),
    ]
    (flag,) = check_totals(lines)
    assert flag.line == (1, 2) and flag.expected == Decimal(90)


def test_a_child_printing_its_pagu_and_realisasi_swapped_is_named_in_both_flags():
    lines = [
        bl(1, "sub_kegiatan", "S1", None, "100", "90"),
        bl(2, "sub_kegiatan", "S2", None, "279", "307"),  # printed the other way round
        bl(3, "total", "Jumlah", None, "407", "369"),
    ]
    flags = check_totals(lines)
    assert sorted((f.expected, f.actual) for f in flags) == [
        (Decimal(379), Decimal(407)), (Decimal(397), Decimal(369))]
    assert all("'S2'" in f.message and "swapped" in f.message for f in flags)
    lines[2].realisasi = Decimal(360)  # no longer the mirror difference: no row named
    assert not any("swapped" in f.message for f in check_totals(lines))


def test_amounts_printed_in_millions_may_miss_their_sum_by_their_rounding() -> None:
    """LKIP.pdf p79 (a Renja in `juta`): eight kegiatan printed to 0,01 juta sum to 2.450,17 while
    the program prints 2.449,16 (2.449.163.248 rupiah elsewhere) — 1,01 juta off, an error; a gap
    of 0,01 juta over three rows is their rounding (each part rounded to 10.000 rupiah)."""
    def juta(row, level, name, parent, pagu):
        line = bl(row, level, name, parent, pagu=None)
        line.pagu = Decimal(pagu) * 1_000_000
        line.raw_cells = {"pagu": pagu, "amount_unit": "10000"}
        return line

    rounded = [juta(1, "program", "Program Pelayanan Administrasi Perkantoran", None, "9397.78"),
               juta(2, "kegiatan", "A", 1, "4533.66"), juta(3, "kegiatan", "B", 1, "707.05"),
               juta(4, "kegiatan", "C", 1, "4157.06")]
    assert check_totals(rounded) == []
    unscaled = [bl(1, "program", "P", pagu="9.397.780.000"), bl(2, "kegiatan", "A", 1, "4.533.660.000"),
                bl(3, "kegiatan", "B", 1, "707.050.000"), bl(4, "kegiatan", "C", 1, "4.157.060.000")]
    assert len(check_totals(unscaled)) == 1  # 10.000 rupiah off where rupiah are printed: an error
    wrong = [juta(1, "program", "Program Peningkatan Kesejahteraan", None, "2449.16"),
             juta(2, "kegiatan", "A", 1, "1332.91"), juta(3, "kegiatan", "B", 1, "1117.26")]
    [flag] = check_totals(wrong)
    assert "2.449.160.000" in flag.message
