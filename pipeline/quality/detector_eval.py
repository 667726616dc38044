"""Compare table detectors on the truth set: ours against pdfplumber and camelot.

`python -m pipeline.quality.detector_eval TRUTH_DIR CORPUS_DIR [--detectors auto,pdfplumber,...]`
extracts every truth document with each detector (the rest of the pipeline unchanged), scores
it like `lkjip eval`, and prints precision/recall of amount and indicator cells with pages/s.
This is how the choice of detector is measured, not guessed.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from pipeline.extract import extract_document
from pipeline.quality.evaluate import CellScore, load_truth, score_document

DETECTORS = ("auto", "pdfplumber", "camelot-stream", "camelot-lattice")


def _rows(records: list) -> list[dict]:
    return [dataclasses.asdict(r) for r in records]


def compare(truth_dir: Path, corpus: Path, detectors: list[str]) -> list[tuple[str, CellScore, CellScore, float]]:
    """(detector, amount-cell score, indicator-cell score, pages/s) per detector."""
    truths = [t for t in load_truth(truth_dir) if (corpus / t["document"]).exists()
              and t["document"].lower().endswith(".pdf")]
    results = []
    for detector in detectors:
        budget, indicator = CellScore(), CellScore()
        pages, seconds = 0, 0.0
        for truth in truths:
            started = time.perf_counter()
            doc = extract_document(corpus / truth["document"], detector=detector)
            seconds += time.perf_counter() - started
            pages += doc.n_pages or 0
            score = score_document(truth, _rows(doc.budget_lines), _rows(doc.indicators))
            budget += score.budget
            indicator += score.indicator
        results.append((detector, budget, indicator, pages / seconds if seconds else 0.0))
    return results


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth_dir", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--detectors", default=",".join(DETECTORS))
    args = parser.parse_args(argv)
    rows = compare(args.truth_dir, args.corpus, [d for d in args.detectors.split(",") if d])
    print(f"{'detector':<16} {'amount P':>8} {'amount R':>8} {'ind. P':>8} {'ind. R':>8} {'pages/s':>8}")
    for detector, budget, indicator, speed in rows:
        print(f"{detector:<16} {_fmt(budget.precision):>8} {_fmt(budget.recall):>8} "
              f"{_fmt(indicator.precision):>8} {_fmt(indicator.recall):>8} {speed:8.1f}")


if __name__ == "__main__":
    main()
