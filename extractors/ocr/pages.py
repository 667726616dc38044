"""Which pages of a PDF are read by OCR, and their OCR'd content in place of the text layer.

Runs inside `read_pdf`, so inside the document task: `lkjip ingest --workers N` spreads the
OCR of N documents over N processes. A page is OCR'd when it has no text layer but an image
(a scan), or when its text is a hidden OCR layer under a full-page image (see
`ocr.hidden_text_layer`; `LKJIP_OCR_HIDDEN_LAYER=keep` keeps such layers). Without Tesseract
nothing is OCR'd: scans stay `needs_ocr` with the reason, hidden layers are used as they are.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from extractors.ocr.engine import (
    DEFAULT_TIMEOUT,
    OcrPage,
    OcrUnavailable,
    hidden_text_layer,
    ocr_page,
    page_timeout,
    unavailable_reason,
)
from extractors.ocr.image import native_dpi
from extractors.pdf.reader import PageContent, needs_ocr

# Told how many pages are about to be OCR'd and the time limit of each: the worker passes this on
# so that its parent extends the document's time limit (a 142-page scan needs minutes, a
# 3-page text PDF must not). None outside a worker.
ocr_planned: Callable[[int, float], None] | None = None

MIN_SCAN_DPI = 90  # coarser scans (a 10-pt digit under ~12 px) give more wrong figures than right ones


@dataclass
class OcrRun:
    """What OCR did to one document."""

    pages: dict[int, OcrPage] = field(default_factory=dict)  # 1-based page -> its OCR result
    warnings: list[str] = field(default_factory=list)  # become the document's reasons
    seconds: float = 0.0  # wall time spent in OCR (rendering, line finding, Tesseract)


def _replace_hidden_layers() -> bool:
    return os.environ.get("LKJIP_OCR_HIDDEN_LAYER", "replace").strip().lower() != "keep"


def _wants_ocr(page: pymupdf.Page, content: PageContent) -> str | None:
    """"scan", "hidden-layer" or None."""
    if needs_ocr(content):
        dpi = native_dpi(page)
        return "scan" if dpi is None or dpi >= MIN_SCAN_DPI else None
    if content.words and _replace_hidden_layers() and page.get_images(full=False) and hidden_text_layer(page):
        return "hidden-layer"
    return None


def _as_content(number: int, result: OcrPage) -> PageContent:
    return PageContent(number, result.width, result.height, list(result.words), result.hs, result.vs,
                       result.text)


def run_ocr(doc: pymupdf.Document, contents: list[PageContent | None]) -> OcrRun:
    """OCR the pages that need it, replacing their entries of `contents` in place."""
    run = OcrRun()
    todo = []
    for i, content in enumerate(contents):
        if content is None:
            continue
        kind = _wants_ocr(doc[i], content)
        if kind:
            todo.append((i, kind))
    if not todo:
        return run
    reason = unavailable_reason()
    if reason:
        if any(kind == "scan" for _, kind in todo):
            run.warnings.append(reason)
        return run
    if ocr_planned is not None:
        ocr_planned(len(todo), page_timeout() or DEFAULT_TIMEOUT)
    started = time.perf_counter()
    for i, kind in todo:
        try:
            result = ocr_page(doc[i])
        except OcrUnavailable as exc:  # uninstalled mid-run: report once, stop trying
            run.warnings.append(str(exc))
            break
        except Exception as exc:  # a timeout (RuntimeError) or a Tesseract failure: this page only
            if kind == "scan":
                run.warnings.append(f"page {i + 1}: OCR failed ({str(exc).strip() or type(exc).__name__})")
            continue
        if kind == "hidden-layer" and len(result.words) < len(contents[i].words) // 2:
            continue  # our reading found far less than the layer: keep the layer
        run.pages[i + 1] = result
        contents[i] = _as_content(i + 1, result)
    run.seconds = time.perf_counter() - started
    return run
