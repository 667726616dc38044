"""Property tests of the text path: arbitrary unicode and tab/newline structure never raise
out of extraction, and every figure loaded is supported by its cell's text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.text import read_text
from pipeline.structure.records import document_convention, table_records
from pipeline.structure.tables import build_tables

CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Program A", "Kegiatan B", "Sub Kegiatan C", "Jumlah", "Pagu", "Murni", "Perubahan",
                     "Realisasi", "%", "Triwulan", "I", "II", "III", "IV", "K", "Rp", "Target", "Indikator",
                     "-", "", "1", "1.1", "II.", "<b>", "Rp. 1.000", "1.234.567", "12,5%", "17,620,100", "3 Dokumen"]),
    st.from_regex(r"-?(Rp\.? ?)?\d{1,3}([.,]\d{3}){0,3}([.,]\d{1,2})?( ?%)?", fullmatch=True),
)
ROW = st.lists(CELL, min_size=1, max_size=9).map("\t".join)
DOC = st.lists(st.one_of(ROW, ROW, st.text(max_size=30), st.just(""), st.just("---")), max_size=25).map("\n".join)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_text_path_never_raises_and_values_come_from_their_cells(text: str) -> None:
    try:
        doc = read_text("fuzz.txt", text.encode("utf-8", "surrogatepass"))
    except ValueError:
        return  # refused as a whole (empty, binary): a documented outcome
    tables = build_tables(doc.grids)
    fallback = document_convention(tables)
    for table in tables:
        lines, indicators = table_records(table, fallback)
        for line in lines:
            for role in ("pagu_murni", "pagu_perubahan", "realisasi", "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp"):
                value = getattr(line, role)
                if value is None or value == 0:
                    continue
                raw = line.raw_cells.get(role, "")
                # the figure's significant digits are printed in the cell
                significant = _digits(str(abs(value)).rstrip("0").rstrip(".")).lstrip("0")
                assert significant and significant in _digits(raw), (role, value, raw)
        for ind in indicators:
            if ind.target_value not in (None, 0):
                assert any(ch.isdigit() for ch in ind.target_text or ""), ind


def test_non_ascii_digits_never_become_rupiah() -> None:
    """Found by the property test above: `0.00١` (an Arabic-Indic digit) once became pagu 1,00."""
    doc = read_text("x.txt", "No\tProgram\tPagu\n1\tProgram A\t0.00\u0661\n".encode())
    tables = build_tables(doc.grids)
    lines, _ = table_records(tables[0], document_convention(tables))
    assert lines[0].pagu in (None, 0)


def test_long_property_campaign_runs_every_property() -> None:
    """tests/fuzz/fuzz_properties.py (the long campaign, outside the suite) runs the bodies of
    these property tests and of tests/normalise/test_numbers.py; a few examples each keep it working."""
    from tests.fuzz.fuzz_properties import PROPERTIES, main

    assert main(["--examples", "3", "--seed", "8"]) == 0
    assert len(PROPERTIES) == 8
