"""The Permendagri 86/2017 evaluation form as a ruled PDF: every figure a K | Rp pair under a
heading spanning two columns; read end to end with the roles its headings give."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pipeline.extract import extract_document
from tests.fixtures.pdf_factory import make_evaluation_form

ROWS = [
    ["1", "Program Penunjang Urusan Pemerintahan", "Persentase dokumen tepat waktu",
     "100%", "25.000.000.000", "60%", "9.500.000.000", "100%", "5.200.000.000",
     "20%", "1.040.000.000", "45%", "1.300.000.000", "70%", "1.350.000.000", "100%", "1.310.000.000",
     "100%", "5.000.000.000", "100", "96,15"],
    ["", "Perencanaan dan Evaluasi Kinerja", "Jumlah dokumen perencanaan",
     "20 Dokumen", "4.000.000.000", "12 Dokumen", "1.500.000.000", "4 Dokumen", "800.000.000",
     "1 Dokumen", "150.000.000", "2 Dokumen", "200.000.000", "3 Dokumen", "200.000.000",
     "4 Dokumen", "230.000.000", "4 Dokumen", "780.000.000", "100", "97,50"],
]


def test_the_evaluation_form_pdf_reads_this_years_pairs_and_leaves_the_plans(tmp_path: Path) -> None:
    path = tmp_path / "evaluasi-renja.pdf"
    make_evaluation_form(path, ROWS)
    doc = extract_document(path)
    assert doc.budget_lines, doc.error
    program, kegiatan = doc.budget_lines[:2]
    assert (program.pagu, program.tw1_rp, program.tw4_rp, program.realisasi, program.realisasi_pct) == (
        5_200_000_000, 1_040_000_000, 1_310_000_000, 5_000_000_000, Decimal("96.15"))
    assert (kegiatan.pagu, kegiatan.realisasi) == (800_000_000, 780_000_000)
    first, second = doc.indicators[:2]
    assert (first.target_value, first.tw2_value, first.realisasi_value, first.capaian_pct) == (100, 45, 100, 100)
    assert (second.target_value, second.tw3_value, second.realisasi_value) == (4, 3, 4)
    assert 25_000_000_000 not in {b.pagu for b in doc.budget_lines}  # the Renstra's end is no pagu
