"""pipeline.structure.arithmetic: percent columns read by the table's own arithmetic."""

from __future__ import annotations

from pipeline.structure.arithmetic import decide_percent_columns, share_of_ratio
from pipeline.structure.roles import assign_roles
from schemas.model import GridRow

HEADER = [["Sasaran", "Indikator Kinerja Utama", "Nama Program", "Anggaran", "Realisasi", "Capaian"]]


def _rows(*cells: list[str]) -> list[GridRow]:
    return [GridRow(cells=list(c)) for c in cells]


def test_capaian_that_is_realisasi_over_pagu_is_the_absorption() -> None:
    rows = _rows(["S", "1) Nilai impor (%)", "Program A", "413,350,000.00", "409,070,737.00", "98.96"],
                 ["", "2) Jumlah pasar (unit)", "Program B", "4,375,000,000.00", "4,011,228,172.00", "91.69"],
                 ["", "3) Jumlah kerjasama (buah)", "Program C", "100,000,000.00", "97,895,000", "97.9"])
    roles = [c.role for c in assign_roles(HEADER, rows, 6)]
    assert roles[3:] == ["pagu", "realisasi", "realisasi_pct"]


def test_capaian_of_the_indicator_stays_when_the_ratio_does_not_hold() -> None:
    rows = _rows(["S", "1) Nilai impor (%)", "Program A", "413,350,000.00", "409,070,737.00", "105.2"],
                 ["", "2) Jumlah pasar (unit)", "Program B", "4,375,000,000.00", "4,011,228,172.00", "80"],
                 ["", "3) Jumlah kerjasama (buah)", "Program C", "100,000,000.00", "97,895,000", "120"])
    roles = [c.role for c in assign_roles(HEADER, rows, 6)]
    assert roles[5] == "capaian"


def test_absorption_column_beside_an_indicator_that_never_adds_up_is_capaian() -> None:
    roles = ["indikator", "pagu", "realisasi", "realisasi_pct"]
    rows = _rows(["Ind A", "100.000.000", "90.000.000", "120,5"], ["Ind B", "200.000.000", "50.000.000", "101,0"])
    decide_percent_columns(roles, rows)
    assert roles[3] == "capaian"


def test_one_row_decides_nothing() -> None:
    roles = ["indikator", "pagu", "realisasi", "capaian"]
    decide_percent_columns(roles, _rows(["Ind A", "100.000.000", "90.000.000", "90,0"]))
    assert roles[3] == "capaian"


def test_share_of_ratio_counts_only_rows_printing_all_three() -> None:
    rows = _rows(["1.000.000", "500.000", "50,00"], ["1.000.000", "", "10,00"], ["2.000.000", "200.000", "11,00"])
    assert share_of_ratio(rows, 2, 1, 0) == (1, 2)
