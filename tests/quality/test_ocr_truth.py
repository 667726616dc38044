"""The truth files of scanned documents (tests/eval/truth-scans) are well formed. Needs no corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.quality.evaluate import validate_truth

FILES = sorted((Path(__file__).parents[1] / "eval" / "truth-scans").glob("*.json"))


def test_there_are_scan_truth_files():
    assert {p.name for p in FILES} >= {"jabar-2016-lkip-psda-ocr.json", "jabar-2016-pk-kadis-2016-ocr.json"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scan_truth_file_is_valid(path: Path):
    truth = json.loads(path.read_text(encoding="utf-8"))
    assert validate_truth(truth) == []
    assert "SCAN" in truth["checked"]  # says how the image was checked, and that it is a scan
    keys = [(c["page"], c.get("code"), c["name"], c["role"], c["value"]) for c in truth["budget_cells"]]
    assert len(keys) == len(set(keys))
