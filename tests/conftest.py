"""Shared test helpers: where the development corpus is, and a skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LKJIP_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
EXTRACTS = Path(__file__).parent / "extracts"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# A test's result must not depend on the machine's load: no per-page OCR time limit (on a busy
# machine it cut a table page's re-readings and changed the vote), one OpenMP thread for Tesseract.
os.environ.setdefault("LKJIP_OCR_PAGE_TIMEOUT", "0")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def corpus_file(relative: str) -> Path:
    """A corpus document, or skip the test with the reason."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"development corpus not found at {path} (../shared beside the checkout)")
    return path


@pytest.fixture
def corpus():
    return corpus_file


@pytest.fixture(scope="session")
def jember():
    """The real Jember 2024 LKjIP text, extracted once for the whole session."""
    from pipeline.extract import extract_document

    return extract_document(corpus_file("text/jember-bagian-organisasi-2024-lkjip.txt"))


@pytest.fixture(scope="session")
def jambi():
    """The real Jambi 2023 pengukuran text, extracted once for the whole session."""
    from pipeline.extract import extract_document

    return extract_document(corpus_file("text/jambi-setda-2023-pengukuran.txt"))


def query(db: Path, sql: str) -> list[tuple]:
    """Rows of a query on a warehouse file, on a connection closed straight after."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def extract_text(tmp_path: Path, text: str, name: str = "lkip.txt"):
    """`text` written as a text report in `tmp_path` and extracted (an ExtractedDocument)."""
    from pipeline.extract import extract_document

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path)
