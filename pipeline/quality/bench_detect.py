"""Pages per second of `read_pdf` against bare PyMuPDF text extraction on the same files.

    python -m pipeline.quality.bench_detect PATH... [--repeat N]

PATH may be a PDF or a folder (its *.pdf). The bare baseline opens each file and calls
`page.get_text()` on every page; `read_pdf` does that plus words, fonts, drawings and table
detection, and the OCR of scanned pages (their count, how many were re-read as table pages, and
the share of `read_pdf`'s time spent in OCR are shown). Each figure is the best of N runs (default 1) to damp noise on a shared machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pymupdf

from extractors.pdf import read_pdf


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    return out


def _bare(path: Path) -> int:
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()
        return doc.page_count


def _timed(fn, path: Path, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn(path)
        best = min(best, time.perf_counter() - t)
    return best, result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    files = _files(args.paths)
    tot_pages = tot_bare = tot_read = 0.0
    tot_grids = tot_ocr_pages = tot_reread = 0
    tot_ocr = 0.0
    print(f"{'file':42} {'pages':>5} {'bare p/s':>9} {'read_pdf p/s':>12} {'ratio':>8} {'grids':>5}"
          f" {'ocr pages':>9} {'re-read':>7} {'ocr share':>9} {'seconds':>8}")
    for path in files:
        t_bare, n = _timed(_bare, path, args.repeat)
        try:
            t_read, doc = _timed(lambda p: read_pdf(str(p)), path, args.repeat)
        except Exception as exc:  # report and go on: a benchmark, not a validator
            print(f"{path.name[:42]:42} {n:5d}  error: {exc}")
            continue
        grids = len(doc.grids)
        tot_pages += n
        tot_bare += t_bare
        tot_read += t_read
        tot_grids += grids
        tot_ocr_pages += doc.ocr_pages
        tot_reread += doc.ocr_reread_pages
        tot_ocr += doc.ocr_seconds
        print(
            f"{path.name[:42]:42} {n:5d} {n / t_bare:9.1f} {n / t_read:12.3g}"
            f" {t_read / t_bare:8.4g} {grids:5d} {doc.ocr_pages:9d} {doc.ocr_reread_pages:7d}"
            f" {doc.ocr_seconds / t_read:9.1%} {t_read:8.1f}"
        )
    if tot_pages:
        print(
            f"{'TOTAL':42} {int(tot_pages):5d} {tot_pages / tot_bare:9.1f} {tot_pages / tot_read:12.3g}"
            f" {tot_read / tot_bare:8.4g} {tot_grids:5d} {tot_ocr_pages:9d} {tot_reread:7d}"
            f" {tot_ocr / tot_read:9.1%} {tot_read:8.1f}"
        )


if __name__ == "__main__":
    main()
