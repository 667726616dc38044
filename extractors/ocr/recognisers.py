"""The recognisers that read a cleaned page image into words, and which one runs (LKJIP_OCR_ENGINE).

A recogniser turns a grey page image (rulings already erased) into words with pixel boxes and
a confidence 0-100; everything around it (rendering, straightening, rulings, the detectors, the
vote) is shared. Two are available: PP-OCR through RapidOCR (`paddle`: it reads the 6-7 px
digits of a 100-dpi fax scan that Tesseract cannot, and indicator text better) and Tesseract
(`tesseract`, the stand-in when the other cannot run); `paddle+tesseract` and
`tesseract+paddle` (the default) add the second engine's reading of the same image as a voter
(`vote`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import numpy as np

ENGINES = ("paddle", "tesseract", "paddle+tesseract", "tesseract+paddle")
# Tesseract's three readings with PP-OCR's as a fourth voter: on every scan truth file at least as
# good as Tesseract alone, better on the held-out LKIP.pdf pages (amounts 42/45/55 against
# 31/38/55, matched/predicted/truth) and on LKIP.pdf's indicators (development 34/38/45 against
# 30/35/45); PP-OCR alone reads development amounts 79/81/81 against 81/81/81 and the held-out
# ones 25/40/55. See tests/eval/truth-scans/README.md
DEFAULT_ENGINE = "tesseract+paddle"


@dataclass(frozen=True, slots=True)
class PxWord:
    """A word in pixels of the image it was read from; `conf` 0-100."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    conf: float


class Recogniser(Protocol):
    name: str

    def unavailable(self) -> str | None:
        """None when it can run; else why not (starting with "OCR not available")."""

    def read(self, gray: np.ndarray, timeout: float) -> tuple[list[PxWord], str]:
        """Words and the page text (lines joined by newlines) of an upright grey image."""

    def turns_to_try(self, gray: np.ndarray, words: list[PxWord], mean_conf: float, timeout: float) -> list[int]:
        """Clockwise quarter turns worth reading again when the page may not be upright."""


def engine_choice() -> list[str]:
    """The recognisers LKJIP_OCR_ENGINE asks for, the first reading the page (DEFAULT_ENGINE when unset)."""
    raw = os.environ.get("LKJIP_OCR_ENGINE", "").strip().lower() or DEFAULT_ENGINE
    return (raw if raw in ENGINES else DEFAULT_ENGINE).split("+")


def recogniser(name: str) -> Recogniser:
    if name == "paddle":
        from extractors.ocr.paddle import PaddleRecogniser

        return PaddleRecogniser()
    from extractors.ocr.tesseract import TesseractRecogniser

    return TesseractRecogniser()


def chosen() -> tuple[list[Recogniser], str | None]:
    """The usable recognisers of the choice, first one first; when none is usable, the other
    engine stands in (a missing model or binary must not stop OCR). The reason is the first
    one's when nothing can run."""
    wanted = [recogniser(n) for n in engine_choice()]
    usable = [r for r in wanted if r.unavailable() is None]
    if usable:
        return usable, None
    other = recogniser("tesseract" if wanted[0].name == "paddle" else "paddle")
    if other.unavailable() is None:
        return [other], None
    return [], wanted[0].unavailable()
