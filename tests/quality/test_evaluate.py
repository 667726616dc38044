"""The truth-file scorer (pipeline/quality/evaluate.py). Needs no corpus and no warehouse."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.quality.evaluate import (
    DocScore,
    find_source_path,
    format_report,
    load_truth,
    names_match,
    normalise_name,
    score_document,
    validate_truth,
)

TRUTH_DIR = Path(__file__).parents[1] / "eval" / "truth"


def _truth() -> dict:
    return {
        "document": "x/doc.pdf",
        "pages": [1, 2],
        "checked": "made up for a test",
        "budget_cells": [
            {"page": 1, "name": "Program Penunjang Urusan Pemerintahan Daerah", "role": "pagu", "value": "1000000"},
            {"page": 1, "name": "Program Penunjang Urusan Pemerintahan Daerah", "role": "realisasi", "value": "900000"},
            {"page": 1, "name": "Program Penunjang Urusan Pemerintahan Daerah", "role": "realisasi_pct", "value": "90"},
            {"page": 2, "name": "Penyediaan Gaji dan Tunjangan ASN", "role": "tw1_rp", "value": "250000"},
            {"page": 2, "name": "Penyediaan Gaji dan Tunjangan ASN", "role": "tw2_rp", "value": "0"},
        ],
        "indicator_cells": [
            {"page": 1, "indikator": "Persentase dokumen tepat waktu", "role": "target_value", "value": "100"},
            {"page": 1, "indikator": "Persentase dokumen tepat waktu", "role": "realisasi_value", "value": "94.26"},
            {"page": 2, "indikator": "Daging", "role": "target_value", "value": "768495",
             "aliases": ["Jumlah produksi yang dihasilkan (ton) : Daging"]},
        ],
    }


def _rows(truth: dict) -> tuple[list[dict], list[dict]]:
    """The rows a perfect extraction would give: consecutive cells of one name form one row
    (a repeated role starts a new row, as for a name printed on several rows)."""

    def build(cells, key, convert):
        rows, current = [], {}
        for c in cells:
            row = current.get((c["page"], c[key]))
            if row is None or c["role"] in row:
                row = {"page": c["page"], key: c[key]}
                rows.append(row)
                current[(c["page"], c[key])] = row
            row[c["role"]] = convert(c["value"])
        return rows

    return (build(truth["budget_cells"], "name", Decimal),
            build(truth["indicator_cells"], "indikator", float))


def test_perfect_prediction_scores_one():
    t = _truth()
    b, i = _rows(t)
    s = score_document(t, b, i)
    assert isinstance(s, DocScore)
    assert (s.budget.precision, s.budget.recall) == (1.0, 1.0)
    assert (s.indicator.precision, s.indicator.recall) == (1.0, 1.0)
    assert s.budget.missed == [] and s.budget.wrong == []


def test_amounts_compare_exactly_across_types():
    t = _truth()
    b, i = _rows(t)
    b[0]["pagu"] = 1000000.0          # float
    b[0]["realisasi"] = "900000.00"   # string with cents
    s = score_document(t, b, i)
    assert s.budget.precision == 1.0 and s.budget.recall == 1.0
    b[0]["pagu"] = Decimal("1000000.01")  # one cent off: wrong
    s = score_document(t, b, i)
    assert s.budget.matched == 4


def test_percent_and_indicator_values_within_tolerance():
    t = _truth()
    b, i = _rows(t)
    b[0]["realisasi_pct"] = Decimal("90.004")
    i[0]["realisasi_value"] = 94.264
    s = score_document(t, b, i)
    assert s.budget.recall == 1.0 and s.indicator.recall == 1.0
    i[0]["realisasi_value"] = 94.27  # 0.01 off
    s = score_document(t, b, i)
    assert s.indicator.matched == s.indicator.truth - 1


def test_wrong_value_lowers_precision_and_recall():
    t = _truth()
    b, i = _rows(t)
    b[1]["tw1_rp"] = Decimal("250001")
    s = score_document(t, b, i)
    assert s.budget.predicted == 5 and s.budget.truth == 5 and s.budget.matched == 4
    assert s.budget.precision == pytest.approx(0.8)
    assert s.budget.recall == pytest.approx(0.8)
    assert [c.role for c in s.budget.missed] == ["tw1_rp"]
    assert [c.value for c in s.budget.wrong] == [Decimal("250001")]


def test_extra_row_lowers_precision_only():
    t = _truth()
    b, i = _rows(t)
    b.append({"page": 2, "name": "Baris tambahan", "pagu": Decimal("5")})
    i.append({"page": 1, "indikator": "Persentase dokumen tepat waktu", "target_value": 100.0})  # a duplicate
    s = score_document(t, b, i)
    assert s.budget.recall == 1.0 and s.budget.precision == pytest.approx(5 / 6)
    assert s.indicator.recall == 1.0 and s.indicator.precision == pytest.approx(3 / 4)


def test_rows_off_the_truth_pages_are_ignored():
    t = _truth()
    b, i = _rows(t)
    b.append({"page": 3, "name": "Elsewhere", "pagu": Decimal("1")})
    b.append({"page": None, "name": "No page", "pagu": Decimal("1")})
    s = score_document(t, b, i)
    assert s.budget.precision == 1.0


def test_renamed_row_fails():
    t = _truth()
    b, i = _rows(t)
    b[1]["name"] = "Penyediaan Administrasi Pelaksanaan Tugas ASN"
    s = score_document(t, b, i)
    assert s.budget.matched == 3 and s.budget.recall == pytest.approx(0.6)


def test_null_and_nan_cells_are_not_predictions():
    t = _truth()
    b, i = _rows(t)
    b[0]["pagu_murni"] = None
    b[0]["tw3_rp"] = float("nan")
    s = score_document(t, b, i)
    assert s.budget.predicted == 5


def test_each_truth_cell_matches_once_and_order_does_not_matter():
    t = {
        "document": "x.pdf", "pages": [1], "checked": "test",
        "budget_cells": [
            {"page": 1, "name": "Pengelolaan Keuangan", "role": "pagu", "value": "10"},
            {"page": 1, "name": "Pengelolaan Keuangan Daerah", "role": "pagu", "value": "10"},
        ],
        "indicator_cells": [],
    }
    # the first prediction fits both truth cells, the second only the second one
    rows = [{"page": 1, "name": "Pengelolaan Keuangan Daerah", "pagu": 10},
            {"page": 1, "name": "Pengelolaan Keuangan", "pagu": 10}]
    for order in (rows, rows[::-1]):
        s = score_document(t, order, [])
        assert s.budget.matched == 2


def test_page_of_a_wrapped_row_may_differ():
    t = _truth()
    b, i = _rows(t)
    for r in b:
        if r["page"] == 2:
            r["page"] = 1
    assert score_document(t, b, i).budget.recall == 1.0


def test_aliases_accept_composite_names():
    t = _truth()
    b, i = _rows(t)
    i[1]["indikator"] = "Jumlah produksi yang dihasilkan (ton): - Daging"
    assert score_document(t, b, i).indicator.recall == 1.0


def test_empty_truth_name_matches_missing_name():
    t = {"document": "x.pdf", "pages": [1], "checked": "t", "indicator_cells": [],
         "budget_cells": [{"page": 1, "name": "", "role": "tw1_rp", "value": "54659890"}]}
    assert score_document(t, [{"page": 1, "name": None, "tw1_rp": 54659890}], []).budget.matched == 1
    assert score_document(t, [{"page": 1, "name": "PROGRAM X", "tw1_rp": 54659890}], []).budget.matched == 0


@pytest.mark.parametrize("a,b", [
    ("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN / KOTA",
     "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"),
    ("Kegiatan Pengelolaan Pendapatan Daerah", "Pengelolaan  Pendapatan\nDaerah"),
    ("Sub Kegiatan Penyediaan Gaji dan Tunjangan ASN", "penyediaan gaji dan tunjangan asn"),
    ("Koordinasi dan Penyusunan Dokumen RKA- SKPD", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"),
    ("Penyediaan Bahan Bacaan dan Peraturan Perundang- undangan", "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan"),
    ("3. Persentase Berita di Media Massa", "Persentase Berita di Media Massa"),
    ("1.1. Jumlah kawasan", "Jumlah kawasan"),
    ("- Daging", "Daging"),
    ("II. Program Pengembangan", "Pengembangan"),
    ("Persentase pelayanan peñata usahaan", "persentase pelayanan penata usahaan"),
])
def test_normalisation_makes_equal(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_normalisation_keeps_meaningful_words():
    assert normalise_name("Programmer") == "programmer"          # only a whole leading word goes
    assert normalise_name("Jumlah Program Kerja") == "jumlah program kerja"
    assert normalise_name("3 Dokumen") == "3 dokumen"             # a bare number is not a list marker
    assert normalise_name(None) == ""


def test_fuzzy_names():
    # one missing space in a long name: ratio above 0.9
    assert names_match(["Penyusunan Pelaporan dan Analisis PrognosisRealisasi Anggaran"],
                       "Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran")
    # a different sub-kegiatan: no
    assert not names_match(["Koordinasi dan Penyusunan DPA-SKPD"],
                           "Koordinasi dan Penyusunan Perubahan DPA-SKPD")
    assert not names_match(["Daging"], "Telur")


def test_format_report_lists_documents_and_overall():
    t = _truth()
    b, i = _rows(t)
    s1 = score_document(t, b, i)
    t2 = dict(t, document="y/other.pdf")
    s2 = score_document(t2, b[:1], [])
    text = format_report([s1, s2], details=3)
    assert "x/doc.pdf" in text and "y/other.pdf" in text and "OVERALL" in text
    overall = [l for l in text.splitlines() if l.startswith("OVERALL")][0]
    # budget: 5 + 3 matched of 5 + 3 predicted and 10 truth cells
    assert "8/8" in overall.replace(" ", "") and "/10" in overall.replace(" ", "")
    assert "missed budget" in text
    assert "n/a" in text  # no indicator predictions for the second document


def test_validate_truth_catches_problems():
    t = _truth()
    assert validate_truth(t) == []
    bad = json.loads(json.dumps(t))
    bad["budget_cells"][0]["role"] = "anggaran"
    bad["budget_cells"][1]["value"] = "1.234,00"
    bad["indicator_cells"][0]["page"] = 9
    del bad["checked"]
    errs = validate_truth(bad)
    assert any("role" in e for e in errs)
    assert any("plain decimal" in e for e in errs)
    assert any("not in pages" in e for e in errs)
    assert any("checked" in e for e in errs)


def test_load_truth_reads_and_rejects(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(_truth()))
    loaded = load_truth(tmp_path)
    assert len(loaded) == 1 and loaded[0]["_file"] == "a.json"
    bad = _truth()
    bad["pages"] = []
    (tmp_path / "b.json").write_text(json.dumps(bad))
    with pytest.raises(ValueError, match="b.json"):
        load_truth(tmp_path)


def test_find_source_path():
    t = {"document": "tangerang-2023/damkar.pdf"}
    paths = ["/data/raw/tangerang-2023/damkar.pdf", "/data/raw/tangerang-2023/BPBD.pdf"]
    assert find_source_path(t, paths) == paths[0]
    assert find_source_path(t, ["damkar.pdf", "x/BPBD.pdf"]) == "damkar.pdf"
    assert find_source_path(t, ["a/damkar.pdf", "b/damkar.pdf"]) is None
    assert find_source_path(t, []) is None


def test_every_shipped_truth_file_scores_one_against_itself():
    """The real truth files, fed back as a perfect extraction, score 1.0 (names normalise)."""
    truths = load_truth(TRUTH_DIR)
    assert len(truths) >= 8
    for t in truths:
        b, i = _rows(t)
        s = score_document(t, b, i)
        assert s.budget.matched == s.budget.truth == s.budget.predicted, t["_file"]
        assert s.indicator.matched == s.indicator.truth == s.indicator.predicted, t["_file"]


def _murni_truth(document: str) -> dict:
    return {"document": document, "pages": [1], "checked": "made up for a test", "indicator_cells": [],
            "budget_cells": [
                {"page": 1, "name": "Kegiatan A", "role": "pagu_murni", "value": "150000000"},
                {"page": 1, "name": "Kegiatan A", "role": "realisasi", "value": "146820936"}]}


def test_rows_of_a_text_conversion_without_page_breaks_are_on_page_one():
    row = {"page": None, "name": "Kegiatan A", "pagu_murni": Decimal("150000000"),
           "realisasi": Decimal("146820936")}
    assert score_document(_murni_truth("text/a.txt"), [row], []).budget.recall == 1.0
    assert score_document(_murni_truth("x/a.pdf"), [row], []).budget.recall == 0.0  # a PDF row has its page


def test_the_pagu_filled_in_from_murni_is_not_scored_when_the_truth_prints_none():
    row = {"page": 1, "name": "Kegiatan A", "pagu_murni": Decimal("150000000"), "pagu": Decimal("150000000"),
           "realisasi": Decimal("146820936")}
    score = score_document(_murni_truth("x/a.pdf"), [row], [])
    assert (score.budget.precision, score.budget.recall) == (1.0, 1.0)
    with_pagu = _murni_truth("x/a.pdf")
    with_pagu["budget_cells"].append({"page": 1, "name": "Kegiatan A", "role": "pagu", "value": "150000000"})
    assert score_document(with_pagu, [row], []).budget.recall == 1.0  # printed as its own cell: scored
    other = dict(row, pagu=Decimal("160000000"))  # not the murni: a cell of its own, and wrong here
    assert score_document(_murni_truth("x/a.pdf"), [other], []).budget.precision < 1.0


def test_budget_lines_stated_in_prose_are_no_table_cells_of_the_truth():
    t = _truth()
    b, i = _rows(t)
    b.append({"page": b[0]["page"], "name": "total anggaran", "pagu": Decimal("24275063039"), "source": "prose"})
    s = score_document(t, b, i)
    assert (s.budget.precision, s.budget.recall) == (1.0, 1.0)


def test_names_aside_scores_the_values_of_misread_names_on_their_page():
    """An OCR'd name garbled past NAME_RATIO loses its row's cells; names aside, they count
    when page, role and value agree, and a wrong value or another page still does not."""
    t = _truth()
    b, i = _rows(t)
    b[1]["name"] = "Penyedaan Gaii dun Tunjungan ASH"  # garbled: no match by name
    assert score_document(t, b, i).budget.matched == 3
    aside = score_document(t, b, i, names=False)
    assert aside.budget.matched == 5 and aside.budget.precision == 1.0
    b[1]["tw1_rp"] = Decimal("250001")
    b[1]["page"] = 1  # the zero now on another page than the truth's
    aside = score_document(t, b, i, names=False)
    assert aside.budget.matched == 3 and [c.role for c in aside.budget.missed] == ["tw1_rp", "tw2_rp"]
