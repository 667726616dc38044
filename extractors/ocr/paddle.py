"""PP-OCR (PP-OCRv6 small detection and recognition, PP-OCR angle classifier) through RapidOCR
on ONNX Runtime, CPU.

Why: on the 100-dpi fax scan LKIP.pdf, whose serif digits are 6-7 px high, Tesseract reads
`SPLIGOLOUNKIHE` for `374.160.000,00`; PP-OCR's recogniser, trained on low-resolution crops,
reads most of them (figures in the recognised words of the development truth pages, same
300-dpi renders: see README "Scanned reports (OCR)"). The three models ship inside the `rapidocr`
wheel: nothing downloads at run time. Thread counts are fixed (`THREADS`, env LKJIP_OCR_THREADS)
so that a result never depends on the machine: workers parallelise documents.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from extractors.ocr.recognisers import PxWord

UNAVAILABLE = "OCR not available"
THREADS = 1  # ONNX Runtime intra-op threads per process (env LKJIP_OCR_THREADS); inter-op 1
SIDEWAYS = 0.6  # share of text lines standing upright (taller than wide) that makes a page sideways
UPSIDE_DOWN = 0.6  # share of lines the angle classifier turns by 180 that makes a page upside down
ORIENT_SIDE_PX = 1600  # the orientation check looks at a copy this long, for speed
MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx", "ch_ppocr_mobile_v2.0_cls_mobile.onnx")


def threads() -> int:
    raw = os.environ.get("LKJIP_OCR_THREADS", "").strip()
    return max(1, int(raw)) if raw.isdigit() else THREADS


def _model_dir() -> Path | None:
    try:
        import rapidocr
    except ImportError:
        return None
    return Path(rapidocr.__file__).parent / "models"


@lru_cache(maxsize=2)
def _engine(n_threads: int):
    """One RapidOCR per process (loading the models takes a second), word boxes on, cut and
    scored by `paddle_words.WordBoxes`. RapidOCR's `max_side_len` (2000 px) stays: reading the
    300-dpi render whole (4000) took four times as long and read no more amounts on the
    held-out LKIP.pdf pages (23 vs 24 of 55 right)."""
    from rapidocr import RapidOCR

    from extractors.ocr.paddle_words import WordBoxes

    eng = RapidOCR(params={
        "Global.log_level": "error",
        "Global.return_word_box": True,
        "EngineConfig.onnxruntime.intra_op_num_threads": n_threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })
    eng.cal_rec_boxes = WordBoxes()
    return eng


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


class PaddleRecogniser:
    name = "paddle"

    def unavailable(self) -> str | None:
        models = _model_dir()
        if models is None:
            return f"{UNAVAILABLE}: rapidocr not installed"
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            return f"{UNAVAILABLE}: onnxruntime not installed"
        missing = [m for m in MODELS if not (models / m).is_file()]
        return f"{UNAVAILABLE}: PP-OCR models missing from rapidocr ({', '.join(missing)})" if missing else None

    def read(self, gray: np.ndarray, timeout: float) -> tuple[list[PxWord], str]:
        """Words of the page; a line's words come from RapidOCR's word boxes. `timeout` is not
        enforced: ONNX Runtime runs in this process and does not hang on an image.

        The angle classifier stays off here: the page is upright by now (`turns_to_try`), and
        on single text lines it turned short cells round (`100%` read `%001`, LKIP.pdf p100)."""
        # every step named on each call: RapidOCR keeps a call's step choice for the next calls
        out = _engine(threads())(_bgr(gray), use_det=True, use_cls=False, use_rec=True, return_word_box=True)
        words: list[PxWord] = []
        lines: list[str] = []
        for line in getattr(out, "word_results", None) or ():  # no text found: a detection result
            texts = []
            for text, score, box in line:
                text = (text or "").strip()
                if not text:
                    continue
                xs, ys = [p[0] for p in box], [p[1] for p in box]
                words.append(PxWord(min(xs), min(ys), max(xs), max(ys), text, float(score) * 100.0))
                texts.append(text)
            if texts:
                lines.append(" ".join(texts))
        return words, "\n".join(lines) + ("\n" if lines else "")

    def read_lines(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """Each crop read as one text line (no detection), with its least sure character's
        probability as confidence (0-100), as the page's words have (`paddle_words`)."""
        eng = _engine(threads())
        out = []
        for crop in crops:
            if not crop.size:
                out.append(("", 0.0))
                continue
            res = eng(_bgr(crop), use_det=False, use_cls=False, use_rec=True, return_word_box=True)
            text = (res.txts or ("",))[0] or ""
            infos = getattr(res, "word_results", None) or ()
            confs = [c for info in infos for c in (getattr(info, "confs", None) or ())]
            out.append((text, 100.0 * min(confs) if confs else 0.0))
        return out

    def turns_to_try(self, gray: np.ndarray, words: list[PxWord], mean_conf: float, timeout: float) -> list[int]:
        """A sideways page ([1, 3]: its text lines stand upright; the surer reading of the two
        sides wins) or an upside-down one ([2]: the angle classifier turns most lines round)."""
        f = min(1.0, ORIENT_SIDE_PX / max(gray.shape))
        small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
        eng = _engine(threads())
        det = eng(_bgr(small), use_det=True, use_cls=False, use_rec=False, return_word_box=False)
        boxes = [np.asarray(b) for b in (det.boxes if det.boxes is not None else [])]
        sizes = [(b[:, 0].max() - b[:, 0].min(), b[:, 1].max() - b[:, 1].min()) for b in boxes]
        long_lines = [(w, h) for w, h in sizes if max(w, h) >= 3 * min(w, h)]
        if not long_lines:
            return []
        if sum(1 for w, h in long_lines if h > w) >= SIDEWAYS * len(long_lines):
            return [1, 3]
        crops = [small[int(b[:, 1].min()):int(b[:, 1].max()) + 1, int(b[:, 0].min()):int(b[:, 0].max()) + 1]
                 for b, (w, h) in zip(boxes, sizes) if w >= 3 * h]
        crops = [_bgr(c) for c in crops if c.size]
        if not crops:
            return []
        _, cls = eng.cls_and_rotate(crops)
        turned = sum(1 for label, score in (cls.cls_res or []) if "180" in str(label))
        return [2] if turned >= UPSIDE_DOWN * len(crops) else []
