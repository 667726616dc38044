"""Open a PDF and read each page once: words (with bold), rulings, plain text, image cover.

One TextPage per page feeds `words`, `dict` (fonts, text direction) and plain text, so the
page content is parsed a single time. Coordinates are turned so that the page's dominant text
direction reads left to right: for a page with /Rotate that is its displayed orientation, and
a landscape table laid sideways on a portrait page without /Rotate is turned upright too.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

import pymupdf

from extractors.pdf.geometry import Segment, Word
from extractors.pdf.rulings import page_rulings

TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
)  # no TEXT_PRESERVE_IMAGES: image bytes in `dict` would cost more than the text
FEW_WORDS = 5  # a page with fewer words may be a scan (a stamped page number is not a text layer)
SCAN_COVER = 0.5  # share of the page covered by images for a wordless page to need OCR

Matrix6 = tuple[float, float, float, float, float, float]


@dataclass
class PageContent:
    number: int  # 1-based
    width: float  # in the reading orientation
    height: float
    words: list[Word]
    hs: list[Segment]  # horizontal rulings
    vs: list[Segment]  # vertical rulings
    text: str
    image_cover: float = 0.0  # share of the page under images (measured only when few words)
    warnings: list[str] = field(default_factory=list)


def open_pdf(path: str, max_pages: int | None = None) -> pymupdf.Document:
    """Open `path` as a PDF or raise ValueError saying why it cannot be read."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no such PDF file: {path}")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # pymupdf.FileDataError, RuntimeError from MuPDF
        raise ValueError(f"not a readable PDF: {exc}") from exc
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise ValueError("encrypted PDF: a password is required to open it")
    n = doc.page_count
    if n == 0:
        doc.close()
        raise ValueError("PDF has no pages")
    if max_pages is not None and n > max_pages:
        doc.close()
        raise ValueError(f"PDF has {n} pages, more than max_pages={max_pages}")
    return doc


def _is_bold_span(span: dict) -> bool:
    if span["flags"] & 16:
        return True
    font = span["font"].lower()
    return "bold" in font or "black" in font or "heavy" in font or font.endswith(",b")


_UPRIGHT = {  # dominant text direction → matrix making it read left to right (W, H unrotated)
    (0, -1): lambda w, h: (0.0, 1.0, -1.0, 0.0, h, 0.0),
    (0, 1): lambda w, h: (0.0, -1.0, 1.0, 0.0, 0.0, w),
    (-1, 0): lambda w, h: (-1.0, 0.0, 0.0, -1.0, w, h),
}


def _transform_box(m: Matrix6, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = m
    ax, ay = a * x0 + c * y0 + e, b * x0 + d * y0 + f
    bx, by = a * x1 + c * y1 + e, b * x1 + d * y1 + f
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _image_cover(page: pymupdf.Page) -> float:
    area = abs(page.rect)
    if not area:
        return 0.0
    covered = 0.0
    for info in page.get_image_info():
        r = pymupdf.Rect(info["bbox"]) & page.rect
        covered = max(covered, abs(r))  # the largest image: scans are one image per page
    return covered / area


def read_page(page: pymupdf.Page) -> PageContent:
    """Words, rulings, text of one page in reading orientation."""
    tp = page.get_textpage(flags=TEXT_FLAGS)
    raw = page.get_text("words", textpage=tp)
    text = page.get_text("text", textpage=tp)
    blocks = tp.extractDICT()["blocks"] if raw else []

    # bold per word and the dominant text direction, from the spans of each word's line
    dirs: Counter = Counter()
    words: list[Word] = []
    for x0, y0, x1, y1, s, b, ln, _ in raw:
        bold = False
        try:
            line = blocks[b]["lines"][ln]
        except (IndexError, KeyError):
            line = None
        if line is not None:
            best = 0.0
            for span in line["spans"]:
                sx0, sy0, sx1, sy1 = span["bbox"]
                ov = max(0.0, min(x1, sx1) - max(x0, sx0)) * max(0.0, min(y1, sy1) - max(y0, sy0))
                if ov > best:
                    best, bold = ov, _is_bold_span(span)
            dx, dy = line["dir"]
            dirs[(round(dx), round(dy))] += len(s)
        words.append(Word(x0, y0, x1, y1, s, bold))

    rect = page.rect
    if page.rotation in (90, 270):
        w_unrot, h_unrot = rect.height, rect.width
    else:
        w_unrot, h_unrot = rect.width, rect.height
    main_dir = dirs.most_common(1)[0][0] if dirs else (1, 0)
    matrix: Matrix6 | None
    if main_dir in _UPRIGHT:
        matrix = _UPRIGHT[main_dir](w_unrot, h_unrot)
    elif not dirs and page.rotation:
        matrix = tuple(page.rotation_matrix)  # type: ignore[assignment]
    else:
        matrix = None
    if matrix is not None:
        for w in words:
            w.x0, w.y0, w.x1, w.y1 = _transform_box(matrix, w.x0, w.y0, w.x1, w.y1)
        bx = _transform_box(matrix, 0, 0, w_unrot, h_unrot)
        width, height = bx[2] - bx[0], bx[3] - bx[1]
    else:
        width, height = w_unrot, h_unrot

    hs, vs = page_rulings(page.get_cdrawings(), matrix, (-5.0, -5.0, width + 5.0, height + 5.0))
    content = PageContent(page.number + 1, width, height, words, hs, vs, text)
    if len(words) < FEW_WORDS:
        content.image_cover = _image_cover(page)
    return content


def needs_ocr(content: PageContent) -> bool:
    return len(content.words) < FEW_WORDS and content.image_cover >= SCAN_COVER
