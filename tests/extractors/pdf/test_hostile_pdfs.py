"""Hostile PDFs are contained: each ends as a `failed` document with its reason, inside the time
and memory limits of an isolated worker, and the next document is extracted as usual."""

from __future__ import annotations

import zlib
from pathlib import Path

import pymupdf
import pytest

from pipeline.batch.isolation import Job, Limits, WorkerDied, WorkerPool
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "raw" / "kota-bogor-2023-pengukuran.txt"


def _bomb(path: Path, megabytes: int) -> Path:
    """A page whose content stream inflates from ~1 MB to `megabytes` of drawing operators."""
    unit = b"0 0 m 1 1 l S\n"
    raw = unit * (megabytes * (1 << 20) // len(unit))
    doc = pymupdf.open()
    doc.new_page()
    xref = doc[0].get_contents()[0] if doc[0].get_contents() else None
    if xref is None:
        doc[0].insert_text((72, 72), "x")
        xref = doc[0].get_contents()[0]
    doc.update_stream(xref, zlib.compress(raw, 9), compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.save(path)
    return path


def _deeply_nested(path: Path, depth: int) -> Path:
    """A catalog entry nested `depth` arrays deep."""
    doc = pymupdf.open()
    doc.new_page()
    doc.save(path)
    data = path.read_bytes()
    nested = b"[" * depth + b"1" + b"]" * depth
    path.write_bytes(data.replace(b"/Type/Catalog", b"/Type/Catalog/Deep " + nested, 1))
    return path


def _many_pages(path: Path, pages: int) -> Path:
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page(width=200, height=200)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def pool():
    pool = WorkerPool(Limits(timeout=20, max_memory_mb=1024))
    yield pool
    pool.close()


def _run(pool: WorkerPool, path: Path, max_pages: int | None = None):
    return pool.run(Job(str(path), path.name, path.name.ljust(64, "0"), "pdf", max_pages=max_pages))


def _sample_still_works(pool: WorkerPool) -> None:
    doc = pool.run(Job(str(SAMPLE), "raw/bogor.txt", "b" * 64, "text"))
    assert doc.status == "ok" and doc.budget_lines


def test_a_decompression_bomb_of_drawing_objects_is_contained(pool, tmp_path) -> None:
    """~1 MB that inflates to 160 MB of path operators (millions of drawing objects): the worker
    hits its time or memory limit (or MuPDF gives up); either way only this document suffers.
    A worker killed by its memory cap surfaces as WorkerDied, which the flow retries once and then
    records as `failed` (tests/flows/test_flow_faults.py)."""
    try:
        doc = _run(pool, _bomb(tmp_path / "drawings.pdf", megabytes=160))
    except WorkerDied as exc:
        assert "died" in str(exc)
    else:
        assert doc.seconds < 25 and (doc.status == "ok" or doc.error)
    _sample_still_works(pool)


def test_deeply_nested_objects_are_refused(pool, tmp_path) -> None:
    doc = _run(pool, _deeply_nested(tmp_path / "nested.pdf", depth=200_000))
    assert doc.status in ("failed", "partial", "ok", "needs_ocr")
    assert doc.status == "ok" or doc.error
    _sample_still_works(pool)


def test_ten_thousand_pages_exceed_the_page_limit(pool, tmp_path) -> None:
    doc = _run(pool, _many_pages(tmp_path / "long.pdf", 10_000), max_pages=2000)
    assert doc.status == "failed" and "10000 pages" in doc.error and "max_pages=2000" in doc.error
    _sample_still_works(pool)
