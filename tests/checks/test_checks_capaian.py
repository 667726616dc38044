"""`capaian_mismatch`: capaian against realisasi / target, with lower-is-better indicators."""

from decimal import Decimal

import pytest

from pipeline.checks.capaian import check_capaian, is_lower_better
from schemas.model import IndicatorRow


def ind(indikator, target, realisasi, capaian, decimals=None, text=None) -> IndicatorRow:
    return IndicatorRow(
        table_no=2, row_no=5, indikator=indikator, page=33, target_value=target,
        realisasi_value=realisasi, capaian_pct=capaian, capaian_decimals=decimals,
        capaian_text=text,
    )


@pytest.mark.parametrize(
    "target, realisasi, capaian, decimals",
    [
        (100, 95, 95.0, 1),
        (3, 2, 66.67, 2),
        (80.5, 82.1, 101.99, 2),
        (12, 12, 100, 0),
        (75, 70.12, 93.49, 2),
    ],
)
def test_positive_indicators_at_printed_precision(target, realisasi, capaian, decimals):
    assert check_capaian([ind("Indeks Kepuasan Masyarakat", target, realisasi, capaian, decimals)]) == []


def test_wrong_capaian_is_an_error():
    [flag] = check_capaian([ind("Indeks Kepuasan Masyarakat", 80, 60, 85.0, 1)])
    assert flag.rule == "capaian_mismatch" and flag.severity == "error"
    assert flag.indicator == (2, 5)
    assert flag.expected == Decimal("75.0000") and flag.actual == Decimal("85.0")
    for part in ("Indeks Kepuasan Masyarakat", "85,0%", "75,0%", "hal. 33"):
        assert part in flag.message


@pytest.mark.parametrize(
    "indikator",
    [
        "Angka Kematian Ibu per 100.000 kelahiran hidup",
        "Persentase penurunan kasus DBD",
        "Jumlah pengaduan masyarakat yang belum ditindaklanjuti",
        "Tingkat pengangguran terbuka",
        "Prevalensi stunting",
        "Luas kawasan kumuh yang berkurang",
    ],
)
def test_lower_is_better_words(indikator):
    assert is_lower_better(indikator)


@pytest.mark.parametrize(
    "indikator",
    ["Indeks Kepuasan Masyarakat", "Persentase dokumen perencanaan yang tepat waktu",
     "Keturunan hewan ternak"],  # `turun` inside another word is not a match
)
def test_ordinary_indicators_are_not_lower_is_better(indikator):
    assert not is_lower_better(indikator)


def test_negative_polarity_formula_accepted_when_text_says_so():
    # target 10 cases, realised 8: (2*10 - 8) / 10 = 120%
    assert check_capaian([ind("Jumlah kasus gizi buruk", 10, 8, 120.0, 1)]) == []
    # target / realisasi = 125% is the other formula in use
    assert check_capaian([ind("Jumlah kasus gizi buruk", 10, 8, 125.0, 1)]) == []
    # a plain r/t still passes for such indicators
    assert check_capaian([ind("Jumlah kasus gizi buruk", 10, 8, 80.0, 1)]) == []
    assert len(check_capaian([ind("Jumlah kasus gizi buruk", 10, 8, 90.0, 1)])) == 1


def test_negative_formula_without_polarity_words_is_a_warning():
    [flag] = check_capaian([ind("Rasio kendaraan", 10, 8, 120.0, 1)])
    assert flag.severity == "warning" and "polarity" in flag.message


def test_decimals_from_text_when_not_given():
    # 66,666..% printed "66,7 %": one decimal
    assert check_capaian([ind("Indeks", 3, 2, 66.7, None, "66,7 %")]) == []
    assert len(check_capaian([ind("Indeks", 3, 2, 66.5, None, "66,5 %")])) == 1
    # no text: from the float (67.0 → 67 → integer precision)
    assert check_capaian([ind("Indeks", 3, 2, 67.0)]) == []


def test_capaian_cut_at_its_printed_precision_is_consistent():
    """78,16% for 2.345 / 3.000 = 78,1666…%: cut, not rounded; the same figure either way."""
    assert check_capaian([ind("Indeks", 3, 2, 66.66, 2)]) == []
    assert check_capaian([ind("Indeks", 3000, 2345, 78.16, 2)]) == []
    assert check_capaian([ind("Indeks", 3, Decimal("-3.14"), -104.66, 2)]) == []  # cut towards 0


def test_capaian_one_digit_below_the_cut_value_is_still_a_mismatch():
    """63,46% for 4.341.614 / 6.831.222 = 63,556…%: neither rounded (63,56) nor cut (63,55)."""
    (flag,) = check_capaian([ind("Indeks", 6831222, 4341614, 63.46, 2)])
    assert flag.severity == "error"
    assert check_capaian([ind("Indeks", 6831222, 4341614, 63.55, 2)]) == []


@pytest.mark.parametrize("field", ["target_value", "realisasi_value", "capaian_pct"])
def test_missing_values_give_nothing(field):
    row = ind("Indeks", 80, 60, 10.0, 1)
    setattr(row, field, None)
    assert check_capaian([row]) == []


def test_zero_target_is_skipped():
    assert check_capaian([ind("Jumlah kasus", 0, 2, 0.0, 1)]) == []


def test_figures_printed_rounded_may_give_the_printed_capaian():
    """LKIP Disbun p43: -1,02 / -1,00 = 102,00 %, but -1,0203 printed as -1,02 gives 102,03."""
    assert check_capaian([ind("Intensitas serangan OPT", -1.00, -1.02, 102.03, 2)]) == []
    # counts are exact: 13 / 9 is 144 %, never 65 %
    assert len(check_capaian([ind("Jumlah anugerah", 9, 13, 65.0, 2)])) == 1


def test_a_capaian_measured_against_another_figure_of_the_row_is_information_naming_it():
    """LKIP BP3AKB p60: capaian against the end-of-plan `TARGET RENSTRA 2018` (30), not the
    year's target (20); DKP Lampiran III: capaian = growth over last year's realisasi."""
    renstra = ind("Jumlah perempuan birokrat", 20, 23.49, 78.30, 2)
    renstra.raw_cells = {"other_7": "30", "target": "20", "realisasi_kinerja": "23.49"}
    growth = ind("Produksi Perikanan Budidaya", 5.0, 1089732.21, 1.12, 2)
    growth.raw_cells = {"other": "1,077,633.93 ton"}
    flags = check_capaian([renstra, growth])
    assert [f.severity for f in flags] == ["info", "info"]
    assert "realisasi / 30" in flags[0].message and "growth of realisasi over 1,077,633.93" in flags[1].message
    unexplained = ind("Jumlah Kota Layak Anak", 38, 35, 97.92, 2)
    unexplained.raw_cells = {"other": "64"}
    assert [f.severity for f in check_capaian([unexplained])] == ["error"]
