"""Tesseract (Indonesian model, through the `tesseract` command) as a recogniser: the fallback
when PP-OCR cannot run, and the second voter of `LKJIP_OCR_ENGINE=paddle+tesseract`.

Why pytesseract (the `tesseract` command) rather than tesserocr, measured on the LKIP.pdf scan
(psm 6, same cleaned page images): accuracy is the same engine's - digits of 62 table amounts on
four pages read right 52 (pytesseract, Debian's Tesseract 5.3) vs 53 (tesserocr, whose wheel
bundles 5.5), 58 vs 54 with `ind+eng`. tesserocr is faster, but its time limit is cooperative
and it runs inside the worker, so a page that hangs Tesseract takes the document down. The
command runs in a process that `timeout` kills, and its absence is simple to detect.
"""

from __future__ import annotations

import os
import shutil
from functools import lru_cache

import numpy as np

from extractors.ocr.recognisers import PxWord

UNAVAILABLE = "OCR not available"
PSM = 6  # one uniform block: table rows come out as lines, cells as words (psm 3 splits rows)
GARBAGE_CONF = 70.0  # mean word confidence under this: ask Tesseract for the orientation (sideways tables)


def _find_binary() -> str | None:
    """Where the `tesseract` command is (tests monkeypatch this to simulate its absence)."""
    import pytesseract

    cmd = pytesseract.pytesseract.tesseract_cmd
    return shutil.which(cmd) or (cmd if os.path.isabs(cmd) and os.access(cmd, os.X_OK) else None)


@lru_cache(maxsize=4)
def _languages(binary: str) -> frozenset[str]:
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # a broken install: no usable model
        return frozenset()


def ocr_languages() -> str:
    """Indonesian, plus English where installed: `ind+eng` reads the digits of the corpus' fax
    scans better than either alone (58 vs 52 of 62 amounts on four LKIP.pdf pages)."""
    binary = _find_binary()
    langs = _languages(binary) if binary else frozenset()
    return "ind+eng" if "eng" in langs else "ind"


class TesseractRecogniser:
    name = "tesseract"

    def unavailable(self) -> str | None:
        try:
            import pytesseract  # noqa: F401
        except ImportError:
            return f"{UNAVAILABLE}: pytesseract not installed"
        binary = _find_binary()
        if binary is None:
            return f"{UNAVAILABLE}: tesseract not installed"
        if "ind" not in _languages(binary):
            return f"{UNAVAILABLE}: Tesseract Indonesian model (tesseract-ocr-ind) not installed"
        return None

    def read(self, gray: np.ndarray, timeout: float) -> tuple[list[PxWord], str]:
        import pytesseract
        from PIL import Image

        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # workers parallelise; OpenMP threads only contend
        data = pytesseract.image_to_data(Image.fromarray(gray), lang=ocr_languages(), config=f"--psm {PSM}",
                                         output_type=pytesseract.Output.DICT, timeout=timeout or 0)
        words = []
        lines: dict[tuple[int, int, int], list[str]] = {}
        for i, text in enumerate(data["text"]):
            text = (text or "").strip().strip("_|")  # `_`, `|`: remnants of an erased ruling touching the word
            if not text or int(data["level"][i]) != 5:
                continue
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
            words.append(PxWord(x, y, x + w, y + h, text, float(data["conf"][i])))
            lines.setdefault(key, []).append(text)
        return words, "\n".join(" ".join(ws) for ws in lines.values()) + ("\n" if lines else "")

    def turns_to_try(self, gray: np.ndarray, words: list[PxWord], mean_conf: float, timeout: float) -> list[int]:
        """A page that reads badly is tried in the orientation Tesseract's OSD detects. OSD is
        sure a page lies on its side more often than it is sure which side: on LKIP.pdf p26 it
        said 270° (mean confidence then 32) where 90° reads at 87; so both sides are tried."""
        if mean_conf >= GARBAGE_CONF and len(words) >= 5:
            return []
        import pytesseract
        from PIL import Image

        try:
            osd = pytesseract.image_to_osd(Image.fromarray(gray), config="--psm 0",
                                           output_type=pytesseract.Output.DICT, timeout=timeout or 0)
        except (pytesseract.TesseractError, RuntimeError):
            return []
        if float(osd.get("orientation_conf", 0)) < 1.0:
            return []
        turns = (int(osd.get("rotate", 0)) // 90) % 4
        return [turns, 4 - turns] if turns in (1, 3) else [turns] if turns else []
