"""The text path reads a text conversion of a PDF as well as the PDF path reads the PDF.

The product ingests text conversions (tab-separated cells, one table row per line) made by
converters we never see. Here the truth pages of corpus PDFs are converted into that format from
the PDF reader's own cells (so both paths start from the same cell texts) and scored against the
same truth: what the text path loses is what geometry gave the PDF path (ruled rows that close a
row, page breaks, bold). Skipped when ../shared is absent.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pymupdf
import pytest

from pipeline.extract import extract_document, read_source
from pipeline.quality.evaluate import load_truth, score_document
from tests.conftest import CORPUS

EVAL = Path(__file__).parents[1] / "eval"
# (truth set, document): a quarterly form over four pages, an LKIP with prose between tables,
# a program/kegiatan table with kegiatan rows that print no figures, one over four pages
DOCUMENTS = [("truth", "tangerang-2023/damkar.pdf"), ("truth", "jabar-2016/3. LKIP 2016 (Draft).pdf"),
             ("truth-unseen", "jabar-2016/3. LKIP TAHUN 2016 - DISPERINDAG JABAR.pdf"),
             ("truth-heldout2", "jabar-2016/LKIP Disbun 2016.pdf")]


def _html(rows: list[list[str]]) -> str:
    from html import escape

    return "<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>\n"
                               for r in rows) + "</table>"


def convert_to_text(pdf: Path, pages: set[int], html: bool = False) -> str:
    """The pages as a cell-reading converter prints them: each page's text above its tables, then
    each table row as its cells joined by tabs (a merged cell's text in its first column), or
    each table as an HTML table (`html`), as markdown converters write tables."""
    source = read_source(pdf, pdf.read_bytes(), "pdf")
    parts: list[str] = []
    with pymupdf.open(pdf) as doc:
        for number in sorted(pages):
            grids = [g for g in source.grids if g.page == number]
            table_top = min((r.y or 0.0 for g in grids for r in g.rows), default=float("inf"))
            lines = [" ".join(s["text"] for s in line["spans"]).strip()
                     for block in doc[number - 1].get_text("dict")["blocks"]
                     for line in block.get("lines", []) if line["bbox"][1] < table_top - 2]
            parts.append("\n".join(x for x in lines if x))
            parts.extend(_html([r.cells for r in g.rows]) if html else
                         "\n".join("\t".join(c.replace("\n", " ") for c in r.cells) for r in g.rows)
                         for g in grids)
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("html", [False, True], ids=["tabs", "html"])
@pytest.mark.parametrize("truth_set, document", DOCUMENTS)
def test_a_text_conversion_reads_like_its_pdf(tmp_path: Path, truth_set: str, document: str, html: bool) -> None:
    if not CORPUS.exists():
        pytest.skip(f"development corpus not found at {CORPUS}")
    (truth,) = [t for t in load_truth(EVAL / truth_set) if t["document"] == document]
    pdf = CORPUS / document
    text = tmp_path / (pdf.stem + ".txt")
    text.write_text(convert_to_text(pdf, set(truth["pages"]), html), encoding="utf-8")

    def score(path: Path, one_page: bool):
        doc = extract_document(path, source_path=document)
        rows = [[dataclasses.asdict(x) for x in items] for items in (doc.budget_lines, doc.indicators)]
        wanted = copy.deepcopy(truth)
        if one_page:  # a text document is one page
            wanted["pages"] = [1]
            for item in (*wanted["budget_cells"], *wanted["indicator_cells"], *rows[0], *rows[1]):
                item["page"] = 1
        return score_document(wanted, *rows)

    from_text, from_pdf = score(text, True), score(pdf, False)
    for kind in ("budget", "indicator"):
        got, want = getattr(from_text, kind), getattr(from_pdf, kind)
        assert (got.matched, got.predicted) == (want.matched, want.predicted), (kind, got.wrong[:3], got.missed[:3])
