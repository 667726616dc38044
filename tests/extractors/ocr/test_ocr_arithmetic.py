"""A figure cell's reading chosen by its table's arithmetic (extractors/ocr/arithmetic.py), and
its place in `cells.finish_ocr_grids`: after the vote and the column repair. Words are made by
hand: no OCR engine needed."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.ocr import engine as ocr
from extractors.ocr.arithmetic import amount_value, choose_by_arithmetic, percent_value
from extractors.ocr.cells import finish_ocr_grids
from schemas.model import Grid, GridRow

# after LKIP.pdf p38 (Tabel 3.8): a total above its programs (two of p38, a third that sums), pagu / realisasi / %
TABLE = [
    ["", "BELANJA LANGSUNG", "294.160.463.728", "255.243.078.813", "86,77"],
    ["1", "Program Pengembangan Jaringan Irigasi", "162.254.370.560", "132.085.209.311", "81,41"],
    ["2", "Pengembangan, Pengelolaan dan Konservasi Sungai", "79.446.683.060", "75.626.563.843", "95,19"],
    ["3", "Program Pengendalian Banjir", "52.459.410.108", "47.529.305.659", "90,60"],
]


def _rows(*changes: tuple[int, int, str]) -> list[list[str]]:
    rows = [list(r) for r in TABLE]
    for i, j, text in changes:
        rows[i][j] = text
    return rows


def test_amounts_and_percents_are_read_as_printed_or_as_ocr_spoils_them():
    assert amount_value("75.628.563.843") == 75628563843
    assert amount_value("- 75.628.563.843") == 75628563843  # a speck before it
    assert amount_value("564 160.000") == 564160000  # a mark read as a space
    assert amount_value("374.160.000,1H)") == 374160000  # cents aside
    assert amount_value("Rp. 2.636.500.000,-") == 2636500000
    for text in ("93,28", "1906519440", "2.696.2?", "Program", ""):
        assert amount_value(text) is None, text
    assert percent_value("93,28") == (Fraction(9328, 100), 2)
    assert percent_value("( 94,26 %)") == (Fraction(9426, 100), 2)
    assert percent_value("100%") == (100, 0)
    assert percent_value("1.234.567") is None


def test_a_total_chooses_the_reading_of_a_cell_that_makes_it_the_sum():
    # the vote took `75.626.563.843` (two engines agreeing on a misread); Tesseract's re-readings
    # read `75.628.563.843`, with which the realisations sum to the total above them
    readings = {(2, 3): ["75.626.563.843", "- 75.628.563.843", "75.626.563.843"]}
    assert choose_by_arithmetic(_rows(), readings) == {(2, 3): "- 75.628.563.843"}


def test_a_total_that_holds_as_decided_changes_nothing():
    rows = _rows((2, 3, "75.628.563.843"))
    assert choose_by_arithmetic(rows, {(2, 3): ["75.628.563.843", "75.626.563.843"]}) == {}


def test_a_reading_that_does_not_make_the_sum_is_not_taken():
    assert choose_by_arithmetic(_rows(), {(2, 3): ["75.626.563.843", "75.623.563.843"]}) == {}


def test_a_cell_left_empty_takes_the_reading_the_total_needs():
    readings = {(2, 3): ["", "75.628.563.843", "76.628.563.843"]}
    assert choose_by_arithmetic(_rows((2, 3, "")), readings) == {(2, 3): "75.628.563.843"}


def test_a_misread_total_takes_the_reading_its_run_sums_to():
    rows = _rows((2, 3, "75.628.563.843"), (0, 3, "255.243.076.813"))
    readings = {(0, 3): ["255.243.076.813", "255.243.078.813"]}
    assert choose_by_arithmetic(rows, readings) == {(0, 3): "255.243.078.813"}


def test_two_cells_that_would_each_fix_the_sum_are_both_left():
    rows = [["Jumlah", "3.000.000"], ["a", "1.000.000"], ["b", "1.000.000"]]
    readings = {(1, 1): ["1.000.000", "2.000.000"], (2, 1): ["1.000.000", "2.000.000"]}
    assert choose_by_arithmetic(rows, readings) == {}


def test_a_total_below_its_run_counts_too():
    rows = [["a", "1.500.000"], ["b", "2.700.000"], ["Jumlah", "4.200.000"]]
    assert choose_by_arithmetic(rows, {(1, 1): ["2.700.000", "2.800.000"]}) == {}
    rows[1][1] = "2.800.000"
    assert choose_by_arithmetic(rows, {(1, 1): ["2.800.000", "2.700.000"]}) == {(1, 1): "2.700.000"}


def test_small_figures_are_no_totals():
    # counts and codes: a sum of small numbers happens by chance
    rows = [["Jumlah", "300"], ["a", "100"], ["b", "150"]]
    assert choose_by_arithmetic(rows, {(2, 1): ["150", "200"]}) == {}


def test_a_percent_left_empty_takes_the_reading_the_row_confirms():
    # p38 row 11: only PP-OCR read `93,28`, unsure; 526.264.112 / 564.160.000 = 93,2827 %
    rows = [["11", "Program Perencanaan", "564 160.000", "526.264.112", ""]]
    assert choose_by_arithmetic(rows, {(0, 4): ["", "93,28", ""]}) == {(0, 4): "93,28"}
    assert choose_by_arithmetic(rows, {(0, 4): ["", "93,82", ""]}) == {}  # not the row's ratio
    rows[0][4] = "L 9A"  # a garble is no figure either
    assert choose_by_arithmetic(rows, {(0, 4): ["L 9A", "93,28"]}) == {(0, 4): "93,28"}


def test_a_decided_percent_and_a_whole_percent_are_left():
    rows = [["11", "Program Perencanaan", "564.160.000", "526.264.112", "93,82"]]
    assert choose_by_arithmetic(rows, {(0, 4): ["93,82", "93,28"]}) == {}  # decided by the vote
    rows = [["11", "Program Perencanaan", "500.000.000", "500.000.000", ""]]
    assert choose_by_arithmetic(rows, {(0, 4): ["", "100%"]}) == {}  # no decimals: too loose a check


# --------------------------------------------------------------------------- in the grid
def _word(text: str, x0: float, y0: float, conf: float) -> ocr.OcrWord:
    return ocr.OcrWord(x0, y0, x0 + 90, y0 + 10, text, False, conf)


def test_finish_ocr_grids_takes_the_reading_the_total_confirms_and_repairs_it():
    # three readings of one engine: the first two agree on `2.800.000`, the third reads
    # `- 2.700.000` (a speck before it); the total below says the third is right
    boxes = [(0.0, y, 100.0, y + 20) for y in (0.0, 20.0, 40.0)]
    grid = Grid(rows=[GridRow(cells=[c], page=1, cell_boxes=[b])
                      for c, b in zip(["1.500.000", "2.800.000", "4.200.000"], boxes)], page=1)
    first = [_word("1.500.000", 5, 5, 90), _word("2.800.000", 5, 25, 90), _word("4.200.000", 5, 45, 90)]
    again = [_word("1.500.000", 5, 5, 90), _word("2.800.000", 5, 25, 85), _word("4.200.000", 5, 45, 90)]
    third = [_word("1.500.000", 5, 5, 90), _word("-", 5, 25, 40), _word("2.700.000", 12, 25, 40),
             _word("4.200.000", 5, 45, 90)]
    finish_ocr_grids([grid], {1: first}, {1: [again, third]})
    assert [r.cells[0] for r in grid.rows] == ["1.500.000", "2.700.000", "4.200.000"]


def test_a_cell_that_happens_to_be_a_sum_with_a_misread_changes_nothing():
    # round budgets: 500.000.000 is 300.000.000 plus a `100.000.000` misread `200.000.000`, but
    # the column has no total: a shorter run than the whole column is never tried
    rows = [["a", "500.000.000"], ["b", "300.000.000"], ["c", "100.000.000"], ["d", "150.000.000"]]
    assert choose_by_arithmetic(rows, {(2, 1): ["100.000.000", "200.000.000"]}) == {}
    # ... and a cell a total confirms as decided is not changed for another cell's sum: the
    # 2.000.000 over the last two would be their sum with `5.000.000` read `1.000.000`
    rows = [["Jumlah", "8.000.000"], ["a", "2.000.000"], ["b", "1.000.000"], ["c", "5.000.000"]]
    assert choose_by_arithmetic(rows, {(3, 1): ["5.000.000", "1.000.000"]}) == {}


# --------------------------------------------------------------------------- properties
def _grouped(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _one_digit_off(value: int, position: int, digit: int) -> int:
    text = str(value)
    k = position % len(text)
    return int(text[:k] + str(digit) + text[k + 1:]) if (k or digit) else value


@given(st.lists(st.integers(10 ** 6, 10 ** 11), min_size=2, max_size=8), st.integers(0, 7),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 12), st.integers(0, 9)), max_size=6),
       st.integers(0, 12), st.integers(0, 9))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_arithmetic_restores_a_misread_cell_or_changes_nothing(values, bad, misreads, position, digit):
    """A column under its `Jumlah`, one cell decided as misread (a digit changed), its right
    reading among its readings, and other cells with misread readings too: the only change ever
    made is the misread cell back to its right reading."""
    bad %= len(values)
    rows = [["Jumlah", _grouped(sum(values))]] + [[f"k{i}", _grouped(v)] for i, v in enumerate(values)]
    wrong = _one_digit_off(values[bad], position, digit)
    rows[bad + 1][1] = _grouped(wrong)
    readings = {(bad + 1, 1): [_grouped(wrong), _grouped(values[bad])]}
    for cell, pos, d in misreads:
        i = cell % len(values) + 1
        readings.setdefault((i, 1), [rows[i][1]]).append(_grouped(_one_digit_off(values[i - 1], pos, d)))
    chosen = choose_by_arithmetic(rows, readings)
    assert chosen in ({}, {(bad + 1, 1): _grouped(values[bad])})
    if wrong == values[bad]:
        assert chosen == {}  # the column holds as decided
