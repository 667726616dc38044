"""Every hand-checked truth file under tests/eval/truth (and truth-unseen, truth-heldout,
truth-heldout2, truth-heldout3, written from page images for #14) is well formed. Needs no corpus."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.quality.evaluate import BUDGET_ROLES, INDICATOR_ROLES, validate_truth

EVAL = Path(__file__).parents[1] / "eval"
TRUTH_DIR = EVAL / "truth"
FILES = sorted(p for d in ("truth", "truth-unseen", "truth-heldout", "truth-heldout2",
                           "truth-heldout3")
               for p in (EVAL / d).glob("*.json"))


def test_there_are_truth_files():
    assert len(FILES) >= 8 + 14 + 9


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_truth_file_is_valid(path: Path):
    truth = json.loads(path.read_text(encoding="utf-8"))
    assert validate_truth(truth) == []
    assert set(truth) == {"document", "pages", "checked", "budget_cells", "indicator_cells"}
    assert truth["document"].lower().endswith((".pdf", ".txt")) and not truth["document"].startswith("/")
    assert truth["budget_cells"] or truth["indicator_cells"]
    assert len(truth["checked"]) > 40
    pages = set(truth["pages"])
    for c in truth["budget_cells"]:
        assert c["role"] in BUDGET_ROLES
        assert c["page"] in pages
        v = Decimal(c["value"])
        assert v >= 0
        if c["role"] != "realisasi_pct":
            assert v == v.to_integral_value(), c  # whole rupiah, no separators
            assert c["value"].isdigit(), c
        assert c["name"] == " ".join(c["name"].split()), c  # whitespace collapsed
    for c in truth["indicator_cells"]:
        assert c["role"] in INDICATOR_ROLES
        assert c["page"] in pages
        Decimal(c["value"])
        assert "," not in c["value"], c
        assert c["indikator"].strip() and c["indikator"] == " ".join(c["indikator"].split()), c
    # every covered page carries at least one truth cell
    used = {c["page"] for c in truth["budget_cells"]} | {c["page"] for c in truth["indicator_cells"]}
    assert used == pages


def test_one_file_per_document_in_each_truth_set():
    """A set scores each document once (the held-out sets cover other pages of documents that
    the development sets cover too)."""
    docs = [(p.parent.name, json.loads(p.read_text(encoding="utf-8"))["document"]) for p in FILES]
    assert len(docs) == len(set(docs))
