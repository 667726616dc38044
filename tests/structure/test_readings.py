"""pipeline.structure.readings: an ambiguous indicator figure read as its capaian confirms."""

from __future__ import annotations

from pipeline.structure.readings import read_by_capaian
from schemas.model import IndicatorRow


def _row(realisasi: float, realisasi_text: str, target: float, capaian: float | None) -> IndicatorRow:
    return IndicatorRow(table_no=1, row_no=1, indikator="- Susu", realisasi_value=realisasi,
                        realisasi_text=realisasi_text, target_value=target, target_text=str(target),
                        capaian_pct=capaian)


def test_a_lone_group_is_re_read_when_only_the_other_reading_matches_the_capaian() -> None:
    row = _row(352.39, "352,390*", 268797.0, 131.10)  # LKIP DISNAK p19: comma as thousands here
    read_by_capaian(row)
    assert row.realisasi_value == 352390.0 and row.raw_cells["read_by"] == "capaian"


def test_a_figure_whose_reading_agrees_or_is_unambiguous_stays() -> None:
    agreeing = _row(2.25, "2,250", 2.3, 97.82)
    read_by_capaian(agreeing)
    assert agreeing.realisasi_value == 2.25
    unambiguous = _row(352.39, "352,39", 268797.0, 131.10)  # two decimals: no other reading
    read_by_capaian(unambiguous)
    assert unambiguous.realisasi_value == 352.39 and "read_by" not in unambiguous.raw_cells
    no_capaian = _row(352.39, "352,390", 268797.0, None)
    read_by_capaian(no_capaian)
    assert no_capaian.realisasi_value == 352.39


def test_the_fewest_figures_are_re_read() -> None:
    row = _row(2.165, "2.165 (105,60)", 2050.0, 105.60)  # LAKIP BKPD p30
    row.target_text = "2.050"
    read_by_capaian(row)
    assert (row.realisasi_value, row.target_value) == (2165.0, 2050.0)
