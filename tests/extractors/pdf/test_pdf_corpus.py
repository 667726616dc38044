"""read_pdf on the real development corpus (../shared/corpus), skipped when it is absent.

Expected values were read off page renders (`page.get_pixmap(dpi=80)`), not off our output.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.pdf import read_pdf

CORPUS = Path(os.environ.get("LKJIP_SHARED", Path(__file__).parents[3].parent / "shared")) / "corpus"
TANGERANG = CORPUS / "tangerang-2023"
JABAR = CORPUS / "jabar-2016"
AMOUNT = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+|-)$")


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"corpus file {path} not available (the shared corpus is not mounted)")
    return path


@lru_cache(maxsize=None)
def _read(path: Path):
    return read_pdf(str(_need(path)))


def _row(grid, first_cell_prefix: str):
    for row in grid.rows:
        if row.cells[0].startswith(first_cell_prefix):
            return row
    raise AssertionError(f"no row starting with {first_cell_prefix!r}")


def test_setda_first_page_header_and_values():
    doc = _read(TANGERANG / "setda.pdf")
    assert doc.n_pages == 9 and len(doc.grids) == 9
    g = doc.grids[0]
    assert g.source == "pdf:ruled" and g.page == 1 and g.top_of_page
    assert len(g.col_edges) == 12
    head = [r.cells for r in g.rows[:4]]
    assert head[0][0] == "Urusan/Bidang Urusan/Program/Kegiatan"
    assert head[0][2] == "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023"
    assert head[0][3:10] == [""] * 7  # merged title: text in the leftmost column only
    assert head[1][2:10] == ["I", "", "II", "", "III", "", "IV", ""]
    assert head[3][2:10] == ["K", "Rp"] * 4
    assert head[0][10] == "Perangkat Daerah Penanggung Jawab"

    row = _row(g, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah")
    assert row.cells[1] == "Jumlah dokumen perencanaan Setda"
    assert row.cells[2:6] == ["1", "68.116.500", "1", "69.273.200"]
    assert row.cells[10] == "SETDA" and not row.bold

    total = [r for r in g.rows if r.cells[0] == "SEKRETARIAT DAERAH" and r.cells[3]]
    assert total and total[0].cells[2:6] == ["-", "26.733.044.785", "", "48.162.861.717"]

    # a program spanning six indicator rows: its name in the top row, '' below
    i = next(k for k, r in enumerate(g.rows) if r.cells[0] == "PROGRAM ADMINISTRASI UMUM")
    assert g.rows[i].bold
    assert g.rows[i].cells[1] == "Persentase Perangkat Daerah yang menyelenggarakan IKM"
    assert [r.cells[0] for r in g.rows[i + 1 : i + 6]] == [""] * 5
    assert g.rows[i + 5].cells[1] == "Predikat SAKIP Setda"


def test_setda_every_page_has_program_rows_with_k_and_rp():
    doc = _read(TANGERANG / "setda.pdf")
    first = doc.grids[0].col_edges
    for g in doc.grids:
        assert g.col_edges == pytest.approx(first, abs=1.5)
        data = [r for r in g.rows if r.cells[10] == "SETDA"]
        assert len(data) >= 5
        # every row with an indicator carries K and Rp cells shaped like figures
        filled = [r for r in data if r.cells[3]]
        assert filled and all(AMOUNT.match(r.cells[3]) for r in filled)
        assert all(r.page == g.page for r in g.rows)


@pytest.mark.parametrize("name", sorted(p.name for p in TANGERANG.glob("*.pdf")) or ["setda.pdf"])
def test_tangerang_one_ruled_grid_per_page(name):
    doc = _read(TANGERANG / name)
    assert [g.page for g in doc.grids] == list(range(1, doc.n_pages + 1))
    assert {len(g.col_edges) - 1 for g in doc.grids} == {11}
    assert all(g.source == "pdf:ruled" for g in doc.grids)
    head = [r.cells for r in doc.grids[0].rows[:5]]
    assert any(c[2:10] == ["K", "Rp"] * 4 for c in head)
    assert doc.pages_needing_ocr == []


def test_disnak_borderless_tables():
    doc = _read(JABAR / "LKIP DISNAK 2016.pdf")
    by_caption = {g.caption: g for g in doc.grids if g.caption}
    t3 = by_caption["Tabel 3. Sasaran Produksi Hasil Ternak"]
    assert t3.page == 15 and t3.source == "pdf:aligned" and len(t3.col_edges) == 10
    assert t3.rows[0].cells[2] == "Produksi Hasil Ternak (Ton)"  # over the year columns' rule
    assert t3.rows[2].cells[2:9] == ["2013", "2014", "2015", "2016", "2017", "2018", "13-18"]
    assert _row(t3, "1").cells[1:] == [
        "Sapi Lokal", "73.721.604", "77.249.374", "80.774.792", "84.491.196", "88.363.986", "92.428.462", "4,63"
    ]
    assert t3.rows[-1].cells[:3] == ["III", "Susu", "242.929.234"] and t3.rows[-1].bold

    t5 = by_caption["Tabel 5. Alokasi Anggaran Dinas Peternakan Provinsi Jawa Barat Tahun 2016"]
    assert t5.page == 17
    assert next(r for r in t5.rows if r.cells[:2] == ["1", "13"]).cells == [
        "1", "13", "Program Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup", "129.000.000", "129.000.000"
    ]
    assert next(r for r in t5.rows if r.cells[0] == "11").cells[2] == (
        "Program Pemasaran dan Pengolahan Hasil Pertanian, Perkebunan, Peternakan, Perikanan dan Kehutanan"
    )
    assert t5.rows[-1].cells[3:] == ["80.361.575.770", "77.005.760.086"]
    # the twelve program rows (the source numbers two of them "3"), not their wrapped tails
    codes = [r.cells[1] for r in t5.rows if r.cells[0].isdigit() and len(r.cells[1]) == 2]
    assert codes == ["13", "29", "59", "60", "61", "62", "66", "79", "86", "87", "88", "89"]


def test_lkip_ruled_table_with_caption():
    doc = _read(JABAR / "LKIP BP3AKB 2016.pdf")
    g = next(g for g in doc.grids if g.caption and g.caption.startswith("Tabel 3.1.3a."))
    assert g.page == 55 and g.source == "pdf:ruled"
    assert g.rows[0].cells == ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "% Capaian"]
    assert g.rows[1].cells[2:] == ["Indeks Pemberdayaan Gender (IDG)", "73 poin", "69.02poin", "99.36"]
    assert g.rows[2].cells[:2] == ["", ""]  # sasaran spans three indicator rows


def test_scanned_documents_need_ocr(monkeypatch):
    monkeypatch.setenv("LKJIP_OCR", "off")  # what a reader without Tesseract sees (OCR: tests/test_ocr*.py)
    doc = read_pdf(str(_need(JABAR / "LKIP.pdf")))
    assert doc.grids == [] and doc.pages_needing_ocr == list(range(1, doc.n_pages + 1))
    doc = read_pdf(str(_need(JABAR / "PK_Kadis 2016.pdf")))
    assert doc.grids == [] and doc.pages_needing_ocr == [1, 2, 3]


def test_scanned_inserts_in_a_text_report(monkeypatch):
    monkeypatch.setenv("LKJIP_OCR", "off")
    doc = read_pdf(str(_need(JABAR / "3. LKIP TAHUN 2016 - DISPERINDAG JABAR.pdf")))
    assert doc.pages_needing_ocr[:6] == [2, 3, 4, 5, 6, 7]
    assert 1 not in doc.pages_needing_ocr and 8 not in doc.pages_needing_ocr
    assert len(doc.page_texts) == doc.n_pages == 84
