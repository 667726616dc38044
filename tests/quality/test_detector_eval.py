"""pipeline.quality.detector_eval scores a detector on truth files (here: the generated clean report)."""

from __future__ import annotations

import json

from pipeline.quality.detector_eval import compare
from tests.fixtures import clean_report


def test_our_detector_reads_the_clean_report_perfectly(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    clean_report.write_pdf(corpus / "clean.pdf")
    truth = clean_report.build()
    cells = [{"page": 1, "name": line.name, "role": role, "value": str(getattr(line, attr))}
             for line in clean_report.walk(truth)
             for role, attr in (("pagu_murni", "murni"), ("pagu", "pagu"), ("realisasi", "realisasi"))]
    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    (truth_dir / "clean.json").write_text(json.dumps({
        "document": "clean.pdf", "pages": [1], "checked": "generated", "budget_cells": cells,
        "indicator_cells": []}))
    [(detector, budget, _, speed)] = compare(truth_dir, corpus, ["auto"])
    assert detector == "auto" and speed > 0
    assert budget.truth == len(cells) and budget.recall == 1.0
