"""Accuracy on the hand-checked truth set (tests/eval/truth), through the warehouse and
`lkjip eval`. Skipped when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract import extract_document
from pipeline.quality.evaluate import CellScore, load_truth, score_document
from pipeline.warehouse.store import connect_readonly, open_writer
from tests.conftest import CORPUS

TRUTH = Path(__file__).parents[1] / "eval" / "truth"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    if not CORPUS.exists():
        pytest.skip(f"development corpus not found at {CORPUS}")
    db = tmp_path_factory.mktemp("eval") / "w.duckdb"
    with open_writer(db) as writer:
        for truth in load_truth(TRUTH):
            path = CORPUS / truth["document"]
            if path.exists():
                writer.load(extract_document(path, source_path=truth["document"]))
    return db


def _scores(db: Path) -> dict[str, object]:
    from pipeline.cli import _rows_for

    con = connect_readonly(db)
    try:
        return {t["document"]: score_document(t, *_rows_for(con, t)) for t in load_truth(TRUTH)}
    finally:
        con.close()


@pytest.mark.parametrize("document", ["tangerang-2023/damkar.pdf", "tangerang-2023/inspektorat.pdf",
                                      "tangerang-2023/BPBD.pdf", "tangerang-2023/bapenda.pdf",
                                      "jabar-2016/3. LKIP 2016 (Draft).pdf"])
def test_documents_read_perfectly(warehouse: Path, document: str) -> None:
    score = _scores(warehouse)[document]
    assert (score.budget.precision, score.budget.recall) == (1.0, 1.0), score.budget.wrong[:5] + score.budget.missed[:5]
    assert (score.indicator.precision, score.indicator.recall) == (1.0, 1.0)


def _read_by_ocr(document: str) -> bool:
    """A truth document whose pages are images (with or without a hidden OCR layer)."""
    import pymupdf

    from extractors.ocr.engine import hidden_text_layer

    with pymupdf.open(CORPUS / document) as pdf:
        return any(not page.get_text().strip() or hidden_text_layer(page) for page in pdf)


def _overall(warehouse: Path, kind: str) -> CellScore:
    """Micro-averaged `budget` or `indicator` cells over all truth documents. Without Tesseract
    the documents that are read by OCR (PK Kadis.pdf: its poor hidden layer is then used as it
    is) are left out: the floors below are for the text layers and for OCR'd pages with OCR."""
    from extractors.ocr.engine import unavailable_reason

    skip_ocr = unavailable_reason() is not None
    total = CellScore()
    for document, score in _scores(warehouse).items():
        if not (skip_ocr and _read_by_ocr(document)):
            total += getattr(score, kind)
    return total


def test_amount_cells_meet_the_goal_overall(warehouse: Path) -> None:
    total = _overall(warehouse, "budget")
    assert total.precision >= 0.99 and total.recall >= 0.99, (total.matched, total.predicted, total.truth)


def test_indicator_cells_overall(warehouse: Path) -> None:
    total = _overall(warehouse, "indicator")
    assert total.precision >= 0.99 and total.recall >= 0.98, (total.matched, total.predicted, total.truth)


def test_eval_command_prints_precision_and_recall(warehouse: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(TRUTH), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "OVERALL" in result.output and "tangerang-2023/damkar.pdf" in result.output


def test_eval_names_aside_matches_at_least_what_names_match(warehouse: Path) -> None:
    """Names aside, a cell needs only its page, role and value: never fewer matched cells."""
    def overall_matched(*extra: str) -> list[int]:
        result = CliRunner().invoke(app, ["eval", str(TRUTH), "--warehouse", str(warehouse), *extra])
        assert result.exit_code == 0, result.output
        line = next(ln for ln in result.output.splitlines() if ln.startswith("OVERALL"))
        return [int(part.split("/")[0]) for part in line.split() if part.count("/") == 2]

    named, aside = overall_matched(), overall_matched("--names-aside")
    assert len(named) == len(aside) == 2 and all(a >= n for a, n in zip(aside, named)), (named, aside)
