"""OCR of scanned pages into the same words and rulings a text PDF gives.

One page: render at a resolution chosen from the scan's own (`render_dpi`), straighten, find the
rulings in the image (`image`), erase them, read the words with the chosen recogniser
(`recognisers`: by default Tesseract, with PP-OCR's reading as another voter), turn pixels into
points. A page that is not upright (a sideways table, a page scanned upside down) is read again
in the orientation its recogniser points to, and the surer reading is kept. A table page gets
more readings of the same geometry (the other engine's, or smoothed images for Tesseract alone)
whose figures are decided by agreement (`vote`).
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from statistics import median_high

import cv2
import numpy as np
import pymupdf

from extractors.ocr.figure_crops import reread_figures, shrink
from extractors.ocr.image import (
    PageImage,
    clean_for_ocr,
    deskew,
    faint_ink_mask,
    find_dashes,
    find_rulings,
    ink_mask,
    is_bilevel,
    native_dpi,
    render,
    rotate,
    skew_angle,
)
from extractors.ocr.lexicon import respell_unsure
from extractors.ocr.recognisers import PxWord, Recogniser, chosen
from extractors.ocr.tokens import repair_tokens
from extractors.pdf.geometry import Segment, Word
from extractors.pdf.rulings import merge_segments

LINES_DPI = 150  # resolution the rulings are searched at
OCR_DPI = 300  # 9-pt table digits read best at ~300 dpi; 100-dpi fax scans are upsampled (`render_dpi`)
DEFAULT_TIMEOUT = 60.0  # seconds per page; env LKJIP_OCR_PAGE_TIMEOUT
SURE_CONF = {"tesseract": 70.0}  # a turned reading this sure ends the search for the page's orientation
HIDDEN_COVER = 0.9  # an image over this share of the page hides the text drawn before it
SEG_JOIN_PT = 50.0  # ruling pieces this far apart on one line are one ruling (scans break thin lines)
SEG_SNAP_PT = 2.0
SNAP_REACH_PT = 30.0
ENDS_ON_PT = 3.0  # a ruling end this close to a crossing ruling ends there
BROKEN_SHARE = 0.2  # a ruling reaching this share of the way into a cell, from its edge, crosses it
BROKEN_MIN_PT = 15.0  # ... and at least this far (a rule overshooting its crossing by a few pt does not)
SLIVER = 0.45  # a word less tall than this share of the page's typical word is a speck, not text
SPECK = 0.25  # ... and less tall than this share is one wherever it lies
ON_RULING_PT = 1.5  # a sliver this close to a ruling is what is left of that ruling
DASH_CONF = 60.0  # confidence of a `-` found in the image alone (`image.find_dashes`)

# Gaussian blurs (sigma in pixels of the OCR_DPI image) of the re-readings of a table page. A
# 100-dpi fax scan upsampled to 300 dpi has stair-stepped glyphs; each smoothing makes Tesseract
# misread *other* digits (LKIP.pdf truth pages: 84, 87 and 86 of 91 amounts read right by the
# plain and the two smoothed images, few misreads shared), so two readings out of three agreeing
# outvote one misread. env LKJIP_OCR_REREADS: how many of them to use (0 turns re-reading off).
REREAD_SMOOTHING = (0.7, 1.0)
REREAD_MIN_FIGURES = 3  # a page with fewer figures of 4+ digits has no amounts table: read once,
REREAD_MIN_RULINGS = 3  # ... unless it has this many rulings each way (a ruled table Tesseract garbled)
_FIGURE = re.compile(r"\d[\d.,]{3,}")

UNAVAILABLE = "OCR not available"


@dataclass(slots=True)
class OcrWord(Word):
    """A word read by OCR; `conf` is its recognition confidence, 0-100."""

    conf: float = -1.0


@dataclass
class OcrPage:
    """What OCR found on one page, in points, in the reading orientation."""

    width: float
    height: float
    words: list[OcrWord]
    hs: list[Segment]
    vs: list[Segment]
    text: str
    quarter_turns: int = 0  # clockwise turns applied to the page image before reading
    seconds: float = 0.0
    mean_conf: float = 0.0
    skew: float = 0.0  # degrees the image was turned to straighten it
    # the same page read again from smoothed images (`REREAD_SMOOTHING`), same geometry: a
    # figure's digits are decided by agreement of the readings (`vote`)
    rereadings: list[list[OcrWord]] = field(default_factory=list)
    engine: str = ""  # the recogniser of `words`
    reread_engines: list[str] = field(default_factory=list)  # the recogniser of each re-reading


class OcrUnavailable(RuntimeError):
    """No recogniser can run (neither PP-OCR's models nor Tesseract with its Indonesian model)."""


def page_timeout() -> float:
    """Per-page limit in seconds from `LKJIP_OCR_PAGE_TIMEOUT` (default 60; 0 = no limit)."""
    raw = os.environ.get("LKJIP_OCR_PAGE_TIMEOUT", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return max(0.0, value)


def unavailable_reason() -> str | None:
    """None when OCR can run; otherwise the reason, starting with "OCR not available".
    `LKJIP_OCR=off` turns OCR off (a quick ingest of a big scanned batch, or tests of the
    no-OCR behaviour)."""
    if os.environ.get("LKJIP_OCR", "").strip().lower() in ("off", "0", "no", "false"):
        return f"{UNAVAILABLE}: turned off by LKJIP_OCR"
    return chosen()[1]


def render_dpi(native: float | None, target: float = OCR_DPI) -> float:
    """The resolution to render a scan of `native` dpi at: a whole multiple of it near
    `target` (pixels are copied, not interpolated between: a 100-dpi scan at 300, 150 at 300,
    120 at 240), or `target` for scans finer than that and pages of unknown resolution."""
    if not native or native >= target:
        return target
    return native * max(1, int(target / native + 0.25))


# --------------------------------------------------------------------------- which pages
def hidden_text_layer(page: pymupdf.Page) -> bool:
    """The page's text is an OCR layer nobody sees: invisible text (render mode 3) or text
    painted before a full-page image that covers it. Such layers (PK Kadis.pdf) are often poor
    (`RpA.868.180.000`, `D1NAS`); the image is what the reader sees."""
    log = page.get_bboxlog()
    page_area = abs(page.rect)
    if not page_area:
        return False
    last_cover = -1
    for i, (kind, box) in enumerate(log):
        if kind == "fill-image" and abs(pymupdf.Rect(box)) >= HIDDEN_COVER * page_area:
            last_cover = i
    texts = [(i, kind) for i, (kind, _) in enumerate(log) if kind.endswith("-text")]
    if not texts:
        return False
    visible = [i for i, kind in texts if kind != "ignore-text"]
    if not visible:
        return True  # all invisible: render mode 3
    return last_cover >= 0 and all(i < last_cover for i in visible)


# --------------------------------------------------------------------------- reading
def _segments(boxes: list[tuple[int, int, int, int]], scale: float, horizontal: bool) -> list[Segment]:
    segs = []
    for x0, y0, x1, y1 in boxes:
        if horizontal:
            segs.append(Segment((y0 + y1) / 2 * scale, x0 * scale, x1 * scale))
        else:
            segs.append(Segment((x0 + x1) / 2 * scale, y0 * scale, y1 * scale))
    return merge_segments(segs, snap=SEG_SNAP_PT, join=SEG_JOIN_PT)


def snap_ends(hs: list[Segment], vs: list[Segment], reach: float = SNAP_REACH_PT) -> None:
    """Extend each ruling whose end stops short of a crossing ruling (a scanned line fades at
    its ends) to that ruling, when it is within `reach`. Without this a row rule that stops
    10 pt before the table's frame leaves the first column's cells merged across rows."""
    for segs, cross in ((hs, vs), (vs, hs)):
        for s in segs:
            spanning = [c.pos for c in cross if c.start - 2 <= s.pos <= c.end + 2]
            before = [x for x in spanning if s.start - reach <= x < s.start]
            after = [x for x in spanning if s.end < x <= s.end + reach]
            # an end on a crossing ruling is a real end (a column rule under a spanning header
            # starts at the header's rule); only a dangling end has faded
            if before and not any(abs(x - s.start) <= ENDS_ON_PT for x in spanning):
                s.start = min(before)
            if after and not any(abs(x - s.end) <= ENDS_ON_PT for x in spanning):
                s.end = max(after)


def _mended_start(start: float, end: float, crossings: list[float]) -> float:
    """Where a ruling from `start` to `end` (attached at `end`, dangling at `start`) really
    starts: the far side of the cell it breaks off in, when it runs along at least one whole
    cell and reaches well into that one (see `mend_broken`); else `start`. `crossings`: the
    positions of the rulings crossing its line, sorted."""
    inside = [x for x in crossings if x < start - ENDS_ON_PT]
    edge = [x for x in crossings if start < x <= end]
    if inside and len(edge) >= 2:
        far, near = inside[-1], edge[0]
        into = near - start
        if into >= BROKEN_MIN_PT and into >= BROKEN_SHARE * (near - far):
            return far
    return start


def mend_broken(hs: list[Segment], vs: list[Segment]) -> None:
    """Carry a ruling across the cell it breaks off in. A row rule of a 100-dpi scan may vanish
    for a long stretch (LKIP.pdf p26: the rule between two programs covers only 64 of the
    program column's 248 pt); the cell above then takes the next row's name. A ruling that
    runs along at least one whole cell (a table's rule, not a dotted rule's stray piece), leaves
    a crossing ruling and stops inside the next cell, well into it (`BROKEN_SHARE` of its width
    and `BROKEN_MIN_PT`), is a broken rule and goes on to that cell's far side.
    A partial rule floating inside a cell (attached at neither end) is left alone, as is a
    ruling that ends on a crossing: a rowspan's neighbours' rules stop at its edge."""
    for segs, cross in ((hs, vs), (vs, hs)):
        for s in segs:
            spanning = sorted(c.pos for c in cross if c.start - 2 <= s.pos <= c.end + 2)
            if len(spanning) < 2:
                continue
            attached_start = any(abs(x - s.start) <= ENDS_ON_PT for x in spanning)
            attached_end = any(abs(x - s.end) <= ENDS_ON_PT for x in spanning)
            if attached_end and not attached_start:
                s.start = _mended_start(s.start, s.end, spanning)
            elif attached_start and not attached_end:  # the same, mirrored
                s.end = -_mended_start(-s.end, -s.start, [-x for x in reversed(spanning)])


_DASHES = frozenset("-–—")


def is_noise(text: str, conf: float) -> bool:
    """Specks, stamp edges and scanner borders read as `|`, `\\`, `'` or two unsure letters.
    They would break the column alignment the borderless detector relies on. A dash stays:
    in an amount column it means zero."""
    if not any(ch.isalnum() for ch in text):
        return not (text in _DASHES and conf >= 50)
    return conf < 20 and len(text) <= 2


def drop_ruling_debris(words: list[OcrWord], hs: list[Segment], vs: list[Segment]) -> list[OcrWord]:
    """Words that are slivers of an erased ruling: flatter than a letter (under `SLIVER` of the
    median word height) or narrower than one (under 2 pt) while lying on a ruling. In a 100-dpi
    scan the rulings' ragged rims survive erasing; Tesseract reads them as `7`, `oe,` or `i`,
    which glue onto the amount in that cell (`7 1.622.820.514`) and make it unreadable. A dash
    stays: in an amount column it means zero."""
    heights = [w.h for w in words if any(ch.isalnum() for ch in w.text)]
    if not heights:
        return words
    typical = median_high(heights)

    def on_ruling(w: OcrWord) -> bool:
        flat = w.h < SLIVER * typical and any(
            s.start - 1 <= w.xc <= s.end + 1 and w.y0 - ON_RULING_PT <= s.pos <= w.y1 + ON_RULING_PT for s in hs)
        thin = (w.x1 - w.x0) < 2.0 and len(w.text) == 1 and any(
            s.start - 1 <= w.yc <= s.end + 1 and w.x0 - ON_RULING_PT <= s.pos <= w.x1 + ON_RULING_PT for s in vs)
        return flat or thin

    # flatter still than a quarter of a letter: a ruling's rim wherever it lies (on a stretch
    # of the rule that was lost, there is no ruling to lie on)
    return [w for w in words if w.text in _DASHES or not (on_ruling(w) or w.h < SPECK * typical)]


def rereads() -> int:
    """How many smoothed re-readings a table page gets (env LKJIP_OCR_REREADS, default all)."""
    raw = os.environ.get("LKJIP_OCR_REREADS", "").strip()
    try:
        n = int(raw) if raw else len(REREAD_SMOOTHING)
    except ValueError:
        n = len(REREAD_SMOOTHING)
    return max(0, min(n, len(REREAD_SMOOTHING)))


def unread_dashes(words: list[OcrWord], dashes: list[OcrWord]) -> list[OcrWord]:
    """The dashes (found in the image) that no recognised word covers."""
    return [d for d in dashes
            if not any(w.x0 - 1 <= d.xc <= w.x1 + 1 and w.y0 - 1 <= d.yc <= w.y1 + 1 for w in words)]


def figure_crops_wanted() -> bool:
    """Whether PP-OCR re-reads doubtful figures from their crops (`figure_crops`; env
    LKJIP_OCR_FIGURE_CROPS=off turns it off, to measure what it gives)."""
    return os.environ.get("LKJIP_OCR_FIGURE_CROPS", "").strip().lower() not in ("off", "0", "no", "false")


def is_table_page(page: OcrPage) -> bool:
    """A page worth more readings: figures in its words, or a ruled grid. On a 100-dpi scan
    Tesseract may read no figure of a table at all (`SPLIGOLOUNKIHE`, `TOOL OCO C0`), so its
    rulings say it is one: the other engine's reading then has the figures."""
    if sum(1 for w in page.words if _FIGURE.search(w.text)) >= REREAD_MIN_FIGURES:
        return True
    return len(page.hs) >= REREAD_MIN_RULINGS and len(page.vs) >= REREAD_MIN_RULINGS


def _read(img: PageImage, turns: int, rec: Recogniser, timeout: float, bilevel: bool,
          smooth: float = 0.0, skew: float | None = None, dashes: bool = True) -> OcrPage:
    """One reading of the page image turned by `turns` quarter turns, by `rec`; `smooth` blurs
    it first (a re-reading), `skew` reuses the straightening angle of the first reading so that
    every reading of a page has the same geometry. With `dashes` (the first reading) the words
    get the `-` strokes the recogniser did not read (`image.find_dashes`: zero in an amount cell)."""
    return _read_with_image(img, turns, rec, timeout, bilevel, smooth, skew, dashes)[0]


def _read_with_image(img: PageImage, turns: int, rec: Recogniser, timeout: float, bilevel: bool,
                     smooth: float = 0.0, skew: float | None = None,
                     dashes: bool = True) -> tuple[OcrPage, np.ndarray]:
    """`_read`, and the cleaned image the recogniser read (its figures' crops are read again)."""
    gray = rotate(img.gray, turns)
    if smooth:
        gray = cv2.GaussianBlur(gray, (0, 0), smooth)
    angle = skew_angle(gray, img.dpi) if skew is None else skew
    gray = deskew(gray, angle)
    # rulings are found at LINES_DPI (a quarter of the pixels: the morphology cost ~2 s a page at
    # 300 dpi); their mask is scaled back up to erase them from the full-resolution image
    f = min(1.0, LINES_DPI / img.dpi)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    ink = ink_mask(small)
    # faint grey rulings exist only in grey scans; in a fax scan the adaptive mask adds only noise
    faint = None if bilevel else faint_ink_mask(small, img.dpi * f)
    hs_px, vs_px, not_text = find_rulings(ink, img.dpi * f, faint)
    if f < 1:
        not_text = cv2.resize(not_text, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    clean = clean_for_ocr(gray, not_text, img.dpi / 72.0)
    raw, text = rec.read(clean, timeout)
    s = img.scale
    hs, vs = _segments(hs_px, s / f, True), _segments(vs_px, s / f, False)
    snap_ends(hs, vs)
    mend_broken(hs, vs)
    words = repair_tokens([OcrWord(w.x0 * s, w.y0 * s, w.x1 * s, w.y1 * s, w.text, False, w.conf)
                           for w in raw if not is_noise(w.text, w.conf)])
    words = drop_ruling_debris(words, hs, vs)
    words = respell_unsure(words)
    confs = [w.conf for w in words if w.conf >= 0]
    if dashes:  # after the mean confidence, which chooses the page's orientation
        lines = [(w.y0 / s, w.y1 / s) for w in words if any(ch.isalnum() for ch in w.text)]
        found = find_dashes(clean, img.dpi, [_px(b, 1 / f) for b in hs_px], [_px(b, 1 / f) for b in vs_px], lines)
        words += unread_dashes(words, [OcrWord(x0 * s, y0 * s, x1 * s, y1 * s, "-", False, DASH_CONF)
                                       for x0, y0, x1, y1 in found])
    height_px, width_px = gray.shape
    return OcrPage(width=width_px * s, height=height_px * s, words=words,
                   hs=hs, vs=vs, text=text, quarter_turns=turns, skew=angle, engine=rec.name,
                   mean_conf=sum(confs) / len(confs) if confs else 0.0), clean


def _px(box: tuple[int, int, int, int], k: float) -> tuple[int, int, int, int]:
    return tuple(int(round(v * k)) for v in box)  # type: ignore[return-value]


def _px_words(page: OcrPage, scale: float) -> list[PxWord]:
    return [PxWord(w.x0 / scale, w.y0 / scale, w.x1 / scale, w.y1 / scale, w.text, w.conf) for w in page.words]


def _turns_to_try(recs: list[Recogniser], img: PageImage, result: OcrPage, timeout: float) -> list[int]:
    """The quarter turns worth reading the page in: the first recogniser's; when it sees no
    need but reads the page unsurely (Tesseract under `SURE_CONF`), the other's. PP-OCR's check
    is geometric (text lines standing upright), where Tesseract's orientation detection may not
    be sure of a sideways 100-dpi table at all (LKIP.pdf p93, read sideways into `3 Yr`, `8 8`)."""
    words = _px_words(result, img.scale)
    turns = recs[0].turns_to_try(img.gray, words, result.mean_conf, timeout)
    if turns or result.mean_conf >= SURE_CONF.get(recs[0].name, -1.0):
        return turns  # a reading this sure is upright (PP-OCR's own check is the geometric one)
    for rec in recs[1:]:
        turns = rec.turns_to_try(img.gray, words, result.mean_conf, timeout)
        if turns:
            return turns
    return []


def ocr_page(page: pymupdf.Page, timeout: float | None = None, dpi: float | None = None) -> OcrPage:
    """Read one page image. Raises OcrUnavailable, or RuntimeError on a timeout (Tesseract)."""
    if os.environ.get("LKJIP_OCR", "").strip().lower() in ("off", "0", "no", "false"):
        raise OcrUnavailable(unavailable_reason())
    recs, reason = chosen()
    if reason:
        raise OcrUnavailable(reason)
    first = recs[0]
    limit = page_timeout() if timeout is None else timeout
    started = time.perf_counter()

    def left() -> float:
        return max(1.0, limit - (time.perf_counter() - started)) if limit else 0.0

    # Tesseract's readings (and the figures it was tuned on) are of 300-dpi renders
    img = render(page, dpi or (OCR_DPI if first.name == "tesseract" else render_dpi(native_dpi(page))))
    bilevel = is_bilevel(page)
    result, clean = _read_with_image(img, 0, first, limit, bilevel)
    for t in _turns_to_try(recs, img, result, left()):
        turned, turned_clean = _read_with_image(img, t, first, left(), bilevel)
        if turned.mean_conf > result.mean_conf:
            result, clean = turned, turned_clean
        if result.quarter_turns and result.mean_conf >= SURE_CONF.get(first.name, 101.0):
            break
    if is_table_page(result):
        # PP-OCR's reading of the page and the image it read, for its figures' crops
        crop_from = (first, result.words, clean) if hasattr(first, "read_lines") else None
        again: list[tuple[Recogniser, float]] = [(r, 0.0) for r in recs[1:]]
        if first.name == "tesseract":  # its own smoothed re-readings vote too
            again += [(first, sigma) for sigma in REREAD_SMOOTHING[:rereads()]]
        for rec, sigma in again:
            try:
                other, other_clean = _read_with_image(img, result.quarter_turns, rec, left(), bilevel, smooth=sigma,
                                                      skew=result.skew, dashes=False)
            except Exception:  # out of time (or the engine failed): the readings so far decide
                break
            result.rereadings.append(other.words)
            result.reread_engines.append(rec.name)
            if crop_from is None and hasattr(rec, "read_lines"):
                crop_from = (rec, other.words, other_clean)
        if crop_from is not None and figure_crops_wanted():
            rec, words, image = crop_from
            readings = [result.words, *result.rereadings]
            others = [ws for ws in readings if ws is not words]
            crop_words = reread_figures(image, 1 / img.scale, words, others, rec.read_lines, result.vs,
                                        shrink(native_dpi(page), img.dpi))
            if crop_words:
                result.rereadings.append(crop_words)
                result.reread_engines.append(rec.name)
    result.seconds = time.perf_counter() - started
    return result
