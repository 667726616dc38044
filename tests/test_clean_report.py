"""A consistent report (text and PDF) yields every figure and not a single flag; one wrong
figure yields exactly its flag. Guards the checks against false alarms end to end."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.extract import extract_document
from tests.fixtures import clean_report


@pytest.fixture(params=["text", "pdf"])
def kind(request) -> str:
    return request.param


def _write(kind: str, tmp_path, spoil: bool = False):
    name = "report.txt" if kind == "text" else "report.pdf"
    writer = clean_report.write_text if kind == "text" else clean_report.write_pdf
    return writer(tmp_path / name, spoil=spoil)


def test_clean_report_has_every_figure_and_no_flags(kind: str, tmp_path) -> None:
    doc = extract_document(_write(kind, tmp_path))
    assert doc.status == "ok", doc.error
    assert doc.flags == [], [f.message for f in doc.flags]
    truth = clean_report.build()
    got = {b.name: b for b in doc.budget_lines}
    for line in [*clean_report.walk(truth), truth]:
        b = got[line.name]
        assert b.level == line.level
        assert (b.code or "") == line.code
        assert (b.pagu_murni, b.pagu_perubahan, b.pagu, b.realisasi) == (
            line.murni, line.perubahan, line.pagu, line.realisasi)
        assert [b.tw1_rp, b.tw2_rp, b.tw3_rp, b.tw4_rp] == line.quarters
        assert b.realisasi_pct == Decimal(clean_report.pct(line).rstrip("%").replace(",", "."))
        assert b.tw_cumulative is True
    by_name = {b.name: b for b in doc.budget_lines}
    sub = by_name["Penyediaan Gaji dan Tunjangan ASN"]
    assert by_name[next(n for n, b in by_name.items() if (b.table_no, b.row_no) == (sub.table_no, sub.parent_row_no))].level == "kegiatan"
    assert (doc.meta.doc_type, doc.meta.region_name, doc.meta.year) == ("lkjip", "KABUPATEN CONTOH", 2024)


def test_one_wrong_total_gives_its_flags(kind: str, tmp_path) -> None:
    doc = extract_document(_write(kind, tmp_path, spoil=True))
    rules = sorted({f.rule for f in doc.flags})
    assert "total_mismatch" in rules and "tw4_ne_realisasi" in rules, [f.message for f in doc.flags]
    assert all(f.line is not None and doc.budget_lines[-1].key == f.line for f in doc.flags)
