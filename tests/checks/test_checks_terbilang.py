"""Indonesian numbers in words: the parser (`terbilang`) and the `terbilang_mismatch` rule."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.terbilang import parse_terbilang
from pipeline.checks.terbilang_check import check_terbilang, find_pairs, parse_digits
from schemas.model import BudgetLine, IndicatorRow

UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
SCALES = [(10**15, "kuadriliun"), (10**12, "triliun"), (10**9, "milyar"), (10**6, "juta"),
          (10**3, "ribu")]


def words_below_1000(n: int) -> list[str]:
    """Standard spelling: seratus, sebelas, sepuluh, dua belas, tiga puluh empat."""
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        out.append("seratus")
    elif hundreds:
        out += [UNITS[hundreds], "ratus"]
    if rest == 10:
        out.append("sepuluh")
    elif rest == 11:
        out.append("sebelas")
    elif 12 <= rest <= 19:
        out += [UNITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, unit = divmod(rest, 10)
        out += [UNITS[tens], "puluh"] + ([UNITS[unit]] if unit else [])
    elif rest:
        out.append(UNITS[rest])
    return out


def to_words(n: int, variant: int = 0) -> str:
    """An independent number → words generator for round-trip tests. `variant` picks spelling
    variants found in reports (miliar, run-together words, `rupiah` at the end)."""
    if n == 0:
        return "nol"
    out: list[str] = []
    for value, name in SCALES:
        group, n = divmod(n, value)
        if not group:
            continue
        if group == 1 and name == "ribu":
            out.append("seribu")
        else:
            out += words_below_1000(group) + [name]
    out += words_below_1000(n)
    if variant & 1:
        out = ["miliar" if w == "milyar" else w for w in out]
    text = " ".join(out)
    if variant & 2:
        text = text.replace(" puluh", "puluh").replace(" belas", "belas")
    if variant & 4:
        text = text.upper() + " RUPIAH"
    return text


@pytest.mark.parametrize(
    "text, value",
    [
        ("dua milyar enam ratus tiga puluh enam juta lima ratus ribu rupiah", 2_636_500_000),
        ("satu milyar seratus delapan puluh empat juta tiga ratus tiga ribu tujuh ratus delapan "
         "puluh tiga rupiah", 1_184_303_783),
        ("sebelas", 11),
        ("seratus", 100),
        ("seribu", 1000),
        ("sepuluh ribu", 10_000),
        ("sebelas ribu seratus sebelas", 11_111),
        ("satu juta", 1_000_000),
        ("sejuta", 1_000_000),
        ("Dua Miliar Rupiah", 2_000_000_000),
        ("tiga trilyun", 3 * 10**12),
        ("lima ratus ribu", 500_000),
        ("nol rupiah", 0),
        ("tigapuluh enam", 36),
        ("dua belas", 12),
        ("sembilan ratus sembilan puluh sembilan", 999),
        ("empat juta rupiah saja", 4_000_000),
    ],
)
def test_parse_known_amounts(text, value):
    assert parse_terbilang(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "rupiah",
        "dua juta tiga milyar",  # scales out of order
        "dua juta juta",
        "lima belas puluh",
        "dua puluh puluh",
        "seratus seratus",
        "dua tiga",
        "tiga koma lima juta",  # decimals are not read
        "dua ribu lima sen",
        "sekretariat daerah",
        "nol ribu",
        "juta",
    ],
)
def test_parse_rejects_malformed(text):
    assert parse_terbilang(text) is None


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=7))
def test_round_trip(n, variant):
    assert parse_terbilang(to_words(n, variant)) == n


@given(st.sampled_from([0, 1, 10, 11, 19, 100, 101, 110, 111, 999, 1000, 1001, 10**6, 10**9,
                        10**12, 10**15, 10**15 - 1]))
def test_round_trip_edges(n):
    assert parse_terbilang(to_words(n)) == n


def test_generator_spells_like_the_documents():
    assert to_words(2_636_500_000) == (
        "dua milyar enam ratus tiga puluh enam juta lima ratus ribu")


@pytest.mark.parametrize(
    "text, value",
    [("2.636.500.000", 2636500000), ("2.636.500.000,00", 2636500000),
     ("2,636,500,000", 2636500000), ("2636500000", 2636500000), ("12,5", Decimal("12.5"))],
)
def test_parse_digits(text, value):
    assert parse_digits(text) == value


def test_find_pairs_in_prose():
    text = (
        "Anggaran program sebesar Rp. 2.636.500.000,- (dua milyar enam ratus tiga puluh enam\n"
        "juta lima ratus ribu rupiah) dengan realisasi Rp 1.184.303.783 (satu milyar seratus "
        "delapan puluh empat juta tiga ratus tiga ribu tujuh ratus delapan puluh tiga rupiah). "
        "Terdapat 5 (lima) sasaran, lihat Tabel 3.8 (terlampir) dan pasal 1.2 (satu)."
    )
    pairs = list(find_pairs(text))
    assert [(int(p.digits), p.words) for p in pairs] == [
        (2636500000, 2636500000), (1184303783, 1184303783), (5, 5)]
    assert all(p.agrees for p in pairs)


def test_mismatch_in_page_text_is_flagged_with_page():
    pages = [
        "Kata pengantar",
        "Pagu sebesar Rp. 2.636.500.000 (dua milyar enam ratus tiga puluh juta lima ratus ribu "
        "rupiah) untuk program penunjang.",
    ]
    [flag] = check_terbilang([], [], pages)
    assert flag.rule == "terbilang_mismatch" and flag.severity == "error"
    assert flag.page == 2 and flag.line is None
    assert flag.expected == Decimal(2636500000) and flag.actual == Decimal(2630500000)
    for part in ("hal. 2", "2.636.500.000", "2.630.500.000", "6.000.000"):
        assert part in flag.message


def test_consistent_prose_gives_nothing():
    pages = ["sebesar Rp 1.500.000 (satu juta lima ratus ribu rupiah) dan 3 (tiga) program"]
    assert check_terbilang([], [], pages) == []


def test_mismatch_in_table_cells_references_the_row_once():
    line = BudgetLine(
        table_no=2, row_no=7, level="program", name="Program Penunjang", page=9,
        raw_cells={"pagu": "2.636.500.000", "keterangan": "(dua milyar rupiah)"},
    )
    row = IndicatorRow(table_no=4, row_no=1, indikator="Jumlah dokumen", page=11,
                       target_text="3 (empat) dokumen")
    # the same text also appears in the page text of page 9: reported once, on the row
    pages = [""] * 8 + ["Program Penunjang 2.636.500.000 (dua milyar rupiah)"]
    flags = check_terbilang([line], [row], pages)
    assert [(f.line, f.indicator, f.page) for f in flags] == [((2, 7), None, 9), (None, (4, 1), 11)]
    assert "table 2 row 7" in flags[0].message
