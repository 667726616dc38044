"""Mutated PDFs never make extraction raise: each ends as a document with a status.
(The longer campaign on corpus PDFs is tests/fuzz/fuzz_pdf.py.)"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_document
from tests.fixtures import clean_report
from tests.fuzz.fuzz_pdf import mutate

STATUSES = {"ok", "partial", "needs_ocr", "failed"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_pdf_ends_with_a_status(tmp_path, seed: int) -> None:
    original = clean_report.write_pdf(tmp_path / "clean.pdf").read_bytes()
    mutant = tmp_path / "mutant.pdf"
    mutant.write_bytes(mutate(original, original, random.Random(seed)))
    doc = extract_document(mutant)
    assert doc.status in STATUSES
    assert doc.status == "ok" or doc.error
