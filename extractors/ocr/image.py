"""Page images for OCR: render, binarise, find the table rulings, erase them.

A scan has no vector drawings, so the ruled-table detector would see no rulings; the lines
are found in the image instead (OpenCV morphology: an opening with a long thin kernel keeps
only ink runs longer than any letter) and handed over as the same `Segment`s the vector
reader produces. The lines are then painted white before Tesseract reads the page: a ruling
touching a digit is read as `|`, `1` or `l` and glues neighbouring cells into one word.

Coordinates here are pixels of the rendered image; `ocr.py` turns them into PDF points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf

PxBox = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels (x1, y1 exclusive)

MIN_LINE_PT = 16.0  # an ink run at least this long (points) is a ruling, not a letter stroke
BRIDGE_PT = 1.0  # breaks this short inside a ruling are closed before looking for long runs
MAX_SKEW = 2.0  # degrees searched by `skew_angle`
SKEW_STEP = 0.1
TEXT_BESIDE = 0.5  # share of a run's length with ink right beside it that makes it a text stroke
CROSSED_RULES = 3  # ... unless it crosses this many rulings the other way (text never does)
MAX_THICK_PT = 3.5  # thicker runs are filled bars (black header bands), not rulings
DASH_THICK_PT = 1.5  # pieces of a dashed ruling are at most this thick
DASH_GAP_PT = 3.0  # and at most this far apart
DASH_COVER = 0.4  # share of a dashed ruling's length that is ink


@dataclass
class PageImage:
    gray: np.ndarray  # uint8, H x W, 255 = paper
    dpi: float  # pixels per inch of `gray`

    @property
    def scale(self) -> float:
        """Points per pixel."""
        return 72.0 / self.dpi


def native_dpi(page: pymupdf.Page) -> float | None:
    """Resolution of the largest image on the page (the scan), in pixels per inch."""
    best: tuple[float, float] | None = None
    for info in page.get_image_info():
        x0, y0, x1, y1 = info["bbox"]
        w_pt = max(abs(x1 - x0), abs(y1 - y0))
        if w_pt <= 0:
            continue
        area = abs(x1 - x0) * abs(y1 - y0)
        px = max(info.get("width") or 0, info.get("height") or 0)
        if px and (best is None or area > best[0]):
            best = (area, px * 72.0 / w_pt)
    return best[1] if best else None


def render(page: pymupdf.Page, dpi: float) -> PageImage:
    """The page as a grayscale image in its displayed orientation (its /Rotate applied)."""
    pix = page.get_pixmap(dpi=int(round(dpi)), colorspace=pymupdf.csGRAY, alpha=False)
    gray = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    return PageImage(gray=np.ascontiguousarray(gray), dpi=dpi)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """255 where there is ink. Otsu suits scans (paper and ink are two clear modes)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def faint_ink_mask(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Ink against its neighbourhood (adaptive threshold): catches the thin grey rulings of a
    grey scan that Otsu counts as paper. Used to find lines only: it also keeps paper noise,
    which the long-run opening then drops."""
    block = max(15, int(dpi / 10) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)


def _runs(ink: np.ndarray, length: int, horizontal: bool, bridge: int = 0) -> np.ndarray:
    """Ink that belongs to straight runs at least `length` pixels long in one direction.

    Gaps up to `bridge` pixels along the direction are closed first: a faint ruling of a
    grey scan breaks into dashes. The bridge stays far below the space between two letters
    (or two text lines, for vertical runs), so text is not glued into a run. Longer breaks are
    joined later, as segments (`merge_segments`)."""
    size = (length, 1) if horizontal else (1, length)
    if bridge > 1:
        close = (bridge, 1) if horizontal else (1, bridge)
        ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, close))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def _dashed_runs(ink: np.ndarray, length: int, horizontal: bool, px: float) -> np.ndarray:
    """Dashed and dotted rulings (row rules of many scanned forms, thin rules a 100-dpi scan
    breaks up): runs of small flat pieces with short gaps, wobbling by a pixel or two. Only
    pieces no thicker than a rule and shorter than a ruling take part, so letters (taller) are
    never bridged into a line; the bridged run must be mostly ink, as a dashed line is."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    across = stats[:, cv2.CC_STAT_HEIGHT if horizontal else cv2.CC_STAT_WIDTH]
    along = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    keep = (across <= max(2, int(DASH_THICK_PT * px))) & (along < length)
    keep[0] = False
    if not keep.any():
        return np.zeros_like(ink)
    pieces = np.where(keep[labels], 255, 0).astype(np.uint8)
    gap, wobble = max(3, int(DASH_GAP_PT * px)), 3
    close = (gap, wobble) if horizontal else (wobble, gap)
    bridged = cv2.morphologyEx(pieces, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, close))
    runs = _runs(bridged, 2 * length, horizontal)
    out = np.zeros_like(ink)
    count, run_labels, run_stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in run_stats[i])
        band = pieces[max(0, y - 2):y + h + 2, x:x + w] if horizontal else pieces[y:y + h, max(0, x - 2):x + w + 2]
        cover = (band > 0).any(axis=0 if horizontal else 1).mean()
        if cover >= DASH_COVER:
            out[run_labels == i] = 255
    return out


def _components(mask: np.ndarray, horizontal: bool, max_thick: float) -> tuple[list[PxBox], list[PxBox]]:
    """Connected pieces of `mask` as boxes: thin ones and thick ones (bars). A piece's thickness
    is its area over its length (robust to a slight skew, which makes the box taller than the
    line is thick)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    thin: list[PxBox] = []
    thick: list[PxBox] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        length = w if horizontal else h
        if length > 0:
            (thick if area / length > max_thick else thin).append((x, y, x + w, y + h))
    return thin, thick


def _debris(ink: np.ndarray, ruling_mask: np.ndarray, px: float, horizontal: bool) -> np.ndarray:
    """Short dashes continuing the found rulings (a thin ruling in a bilevel scan breaks into
    dashes shorter than a ruling); Tesseract reads them as `-`, `_`, `|`. A piece is debris when
    it is a short straight run lying on the extension of a ruling (the ruling's mask smeared
    along its own direction, so a slight skew is followed locally)."""
    short = max(3, int(2.0 * px))
    reach = max(short, int(40.0 * px))
    tol = max(1, int(0.6 * px))
    if horizontal:
        run_k, smear_k = (short, 1), (reach, 2 * tol + 1)
    else:
        run_k, smear_k = (1, short), (2 * tol + 1, reach)
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, run_k))
    along = cv2.dilate(ruling_mask, cv2.getStructuringElement(cv2.MORPH_RECT, smear_k))
    return runs & along


def _beside_text(ink: np.ndarray, box: PxBox, horizontal: bool, px: float) -> bool:
    """A run with ink along most of its length just beside it is a stroke of text, not a ruling:
    in a 100-dpi fax scan the letters of a bold word touch at their foot and make a long run.
    A ruling has paper on both sides for most of its length (text in a cell stays clear of it)."""
    x0, y0, x1, y1 = box
    near, far = max(1, int(0.8 * px)), max(2, int(2.5 * px))
    h, w = ink.shape
    if horizontal:
        sides = [ink[max(0, y0 - far):max(0, y0 - near), x0:x1], ink[min(h, y1 + near):min(h, y1 + far), x0:x1]]
        axis = 0
    else:
        sides = [ink[y0:y1, max(0, x0 - far):max(0, x0 - near)], ink[y0:y1, min(w, x1 + near):min(w, x1 + far)]]
        axis = 1
    for band in sides:
        if band.size and (band > 0).any(axis=axis).mean() > TEXT_BESIDE:
            return True
    return False


def _crossings(box: PxBox, others: list[PxBox], horizontal: bool) -> int:
    """How many of `others` (rulings of the other direction) `box` crosses or touches."""
    x0, y0, x1, y1 = box
    if horizontal:
        return sum(1 for ox0, oy0, ox1, oy1 in others if x0 - 1 <= ox0 and ox1 <= x1 + 1 and oy0 - 1 <= y0 and y1 <= oy1 + 1)
    return sum(1 for ox0, oy0, ox1, oy1 in others if y0 - 1 <= oy0 and oy1 <= y1 + 1 and ox0 - 1 <= x0 and x1 <= ox1 + 1)


def _ruling_runs(ink: np.ndarray, h_thin: list[PxBox], v_thin: list[PxBox], px: float
                 ) -> tuple[list[PxBox], list[PxBox]]:
    """The runs that are rulings, not text strokes (`_beside_text`). A run with text beside it
    is still a ruling when it crosses `CROSSED_RULES` rulings the other way: cell text set
    flush against a column rule (LKIP.pdf p98, a Program column) hugs that rule from top to
    bottom, yet a letter's stroke never runs across the table's row rules."""
    h_hugged = [_beside_text(ink, b, True, px) for b in h_thin]
    v_hugged = [_beside_text(ink, b, False, px) for b in v_thin]
    h_clear = [b for b, hugged in zip(h_thin, h_hugged) if not hugged]
    v_clear = [b for b, hugged in zip(v_thin, v_hugged) if not hugged]
    hs = h_clear + [b for b, hugged in zip(h_thin, h_hugged) if hugged and _crossings(b, v_clear, True) >= CROSSED_RULES]
    vs = v_clear + [b for b, hugged in zip(v_thin, v_hugged) if hugged and _crossings(b, h_clear, False) >= CROSSED_RULES]
    return hs, vs


def _block_edges(solid: np.ndarray, length: int) -> tuple[list[PxBox], list[PxBox]]:
    """Edges of the solid black areas that stand where rulings would be (horizontal, vertical).
    A wide band (a black header band) gives its top and bottom: the table's top border and the
    rule under its header row. A block at least a ruling long each way (a cell printed solid
    black, as a column of LKIP.pdf pp 100-101 is) gives all four sides: its cell's borders,
    whose rulings vanish into the block, so that without them the cells beside and below it
    merge into one. A thin strip (a scanner's edge) gives nothing."""
    h_edges: list[PxBox] = []
    v_edges: list[PxBox] = []
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if w >= 4 * length or (w >= length and h >= length):
            h_edges += [(x, y, x + w, y + 1), (x, y + h - 1, x + w, y + h)]
        if w >= length and h >= length:
            v_edges += [(x, y, x + 1, y + h), (x + w - 1, y, x + w, y + h)]
    return h_edges, v_edges


def _only(mask: np.ndarray, boxes: list[PxBox]) -> np.ndarray:
    out = np.zeros_like(mask)
    for x0, y0, x1, y1 in boxes:
        out[y0:y1, x0:x1] = mask[y0:y1, x0:x1]
    return out


def find_rulings(ink: np.ndarray, dpi: float, faint: np.ndarray | None = None
                 ) -> tuple[list[PxBox], list[PxBox], np.ndarray]:
    """Horizontal and vertical ruling pieces (pixel boxes) and the mask of ink that is no text:
    the rulings, their broken-off dashes, and thick bars (black header bands, scanner edges).
    `faint` (`faint_ink_mask`) is searched for the rulings when given; `ink` for the rest."""
    px = dpi / 72.0
    length = max(8, int(MIN_LINE_PT * px))
    max_thick = max(2.0, MAX_THICK_PT * px)
    lines_ink = ink if faint is None else (ink | faint)
    bridge = int(BRIDGE_PT * px)
    h_mask = _runs(lines_ink, length, True, bridge)
    v_mask = _runs(lines_ink, length, False, bridge)
    _, h_bars = _components(h_mask, True, max_thick)
    _, v_bars = _components(v_mask, False, max_thick)
    bars = _only(h_mask, h_bars) | _only(v_mask, v_bars)
    # a bar's solid core (a black header band) without the thin rulings that touch it: as one
    # connected piece with the band, the column rulings under it were all taken for a bar
    k = int(max_thick) + 1
    solid = cv2.morphologyEx(bars, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    if solid.any():
        free = lines_ink & ~cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        h_mask, v_mask = _runs(free, length, True, bridge), _runs(free, length, False, bridge)
    h_mask |= _dashed_runs(ink, length, True, px)
    v_mask |= _dashed_runs(ink, length, False, px)
    h_thin, _ = _components(h_mask, True, max_thick)
    v_thin, _ = _components(v_mask, False, max_thick)
    h_edges, v_edges = _block_edges(solid, length)
    hs, vs = _ruling_runs(ink, h_thin, v_thin, px)
    hs, vs = hs + h_edges, vs + v_edges
    h_mask, v_mask = _only(h_mask, hs), _only(v_mask, vs)
    not_text = h_mask | v_mask | bars | _debris(ink, h_mask, px, True) | _debris(ink, v_mask, px, False)
    return hs, vs, not_text


def clean_for_ocr(gray: np.ndarray, not_text: np.ndarray, px: float) -> np.ndarray:
    """The grey image with rulings and bars painted white, with a small margin so that their
    grey rim does not come back as `|`. Grey, not binarised: on an upsampled 100-dpi fax scan
    Tesseract reads the smooth grey glyphs better than our thresholded ones (52 vs 43 of 62
    amounts' digits on four LKIP.pdf pages)."""
    grow = max(1, int(round(0.5 * px)))
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * grow + 1, 2 * grow + 1))
    out = gray.copy()
    out[cv2.dilate(not_text, k) > 0] = 255
    return out


def is_bilevel(page: pymupdf.Page) -> bool:
    """The page's largest image is black and white (1 bit per pixel: a fax-style scan)."""
    best = None
    for img in page.get_images(full=True):
        w, h, bpc = img[2], img[3], img[4]
        if best is None or w * h > best[0]:
            best = (w * h, bpc)
    return best is not None and best[1] == 1


def skew_angle(gray: np.ndarray, dpi: float) -> float:
    """The small rotation (degrees, within ±MAX_SKEW) that makes text rows and rulings
    horizontal: the angle whose row profile of ink is the most peaked, searched on a 50-dpi
    copy. A scan skewed by 1 degree puts the two ends of a table's row rule 8 pt apart, enough
    to split rows and to slide words into the wrong cell."""
    f = min(1.0, 50.0 / dpi)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def peakiness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    angles = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_STEP)
    scores = [peakiness(a) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    return best if abs(best) >= SKEW_STEP / 2 and max(scores) > 1.02 * peakiness(0.0) else 0.0


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    if not angle:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def rotate(gray: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate by multiples of 90 degrees clockwise (sideways tables on portrait scans)."""
    k = quarter_turns % 4
    if k == 0:
        return gray
    return np.ascontiguousarray(np.rot90(gray, -k))


DASH_MAX_THICK_PT = 1.8  # a printed `-` in an amount cell (zero): at most this thick (2 scan px at 100 dpi),
DASH_LENGTH_PT = (2.0, 8.0)  # ... this long, and at least DASH_ASPECT times longer than thick
DASH_ASPECT = 2.5
DASH_CLEAR_PT = (4.0, 2.0)  # ... with no other ink this far beside it and above or below it
DASH_OFF_RULING_PT = 3.0  # ... nor a row rule this near (what is left of an erased rule lies on it)
DASH_RULING_GAP_PT = 0.5  # an erased rule's remnants lie this near it
ON_LINE_ASPECT = 1.2  # a stubbier stroke is a dash only in the middle of a line of recognised text
ON_LINE_SHARE = 0.25  # ... its middle within this share of the line's height from the line's middle
DOT_PT = (1.0, 1.8)  # a `-` worn to a square dot (2 x 2 scan px at 100 dpi): each side this long ...
DOT_ASPECT = 1.5  # ... the longer at most this times the shorter ...
DOT_ALIGN_PT = 1.0  # ... and its right end this near a dash's of another row (its column's `-` place)
SOLID = 0.6  # a dash or a dot fills at least this share of its bounding box


def _on_text_line(ym: float, h: float, lines: Sequence[tuple[float, float]]) -> bool:
    """Whether a stroke centred at `ym`, `h` tall, lies mid-height in a line of recognised words
    (`lines`: their top and bottom, pixels) more than twice its height: where a `-` is printed."""
    return any(y1 - y0 > 2 * h and abs((y0 + y1) / 2 - ym) <= ON_LINE_SHARE * (y1 - y0) for y0, y1 in lines)


def find_dashes(clean: np.ndarray, dpi: float, hs: list[PxBox], vs: list[PxBox],
                lines: Sequence[tuple[float, float]] = ()) -> list[PxBox]:
    """Short thick-enough horizontal strokes standing alone, away from the rulings: the `-`
    that an amount cell prints for zero. In a 100-dpi fax scan it is a stroke 1-2 px thick,
    which neither recogniser reads as a word (Tesseract's `-` comes too unsure to keep, PP-OCR
    detects no text line in it). `clean` is the page with its rulings erased; `hs`, `vs` the
    rulings (pixel boxes). Specks and the dotted remnants of an erased or broken rule are not
    dashes: those lie on a rule's line or among other specks.

    A `-` of 3 x 2 scan pixels (LKIP.pdf p100, right-aligned against its column's rule) is not
    2.5 times longer than thick: such a stubby stroke counts when it lies mid-height in a line of
    the page's recognised words (`lines`, the words' top and bottom in pixels), where no speck
    has reason to be. The dotted remains of an erased rule beside a dash do not make it text.
    Worn further, to a square dot of 2 x 2 scan pixels (p100 again), it counts only mid-line and
    where its column prints its `-`: ending where a dash of another row ends (`_aligned_dots`)."""
    px = dpi / 72.0
    ink = ink_mask(clean)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    lo, hi = DASH_LENGTH_PT[0] * px, DASH_LENGTH_PT[1] * px
    cx, cy = int(DASH_CLEAR_PT[0] * px), int(DASH_CLEAR_PT[1] * px)
    off, gap = DASH_OFF_RULING_PT * px, DASH_RULING_GAP_PT * px
    remains = np.zeros(ink.shape, bool)  # where an erased rule's remnants lie
    for b in list(hs) + list(vs):
        remains[max(0, int(b[1] - gap)):int(b[3] + gap) + 1, max(0, int(b[0] - gap)):int(b[2] + gap) + 1] = True
    out: list[PxBox] = []
    dots: list[PxBox] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        ym, xm = y + h / 2, x + w / 2
        dot = _is_dot(w, h, area, px) and _on_text_line(ym, h, lines)
        if not dot and not _dash_shaped(w, h, area, px, lo, hi, ym, lines):
            continue
        x0, y0, x1, y1 = max(0, x - cx), max(0, y - cy), x + w + cx, y + h + cy
        around = labels[y0:y1, x0:x1]
        if np.any((around != 0) & (around != i) & ~remains[y0:y1, x0:x1]):
            continue
        if any(abs((b[1] + b[3]) / 2 - ym) <= off and b[0] - off <= xm <= b[2] + off for b in hs):
            continue
        if any(x <= b[2] and b[0] <= x + w and b[1] - off <= ym <= b[3] + off for b in vs):  # on a column rule
            continue
        (dots if dot else out).append((x, y, x + w, y + h))
    return out + _aligned_dots(dots, out, DOT_ALIGN_PT * px)


def _dash_shaped(w: int, h: int, area: int, px: float, lo: float, hi: float, ym: float,
                 lines: Sequence[tuple[float, float]]) -> bool:
    """A solid stroke thin enough, `lo` to `hi` long, and long for its thickness (a stubby one
    only mid-height in a line of recognised words: the lines are looked at for those alone)."""
    if not (h <= DASH_MAX_THICK_PT * px and lo <= w <= hi and area >= SOLID * w * h):
        return False
    return w >= DASH_ASPECT * h or (w >= ON_LINE_ASPECT * h and _on_text_line(ym, h, lines))


def _is_dot(w: int, h: int, area: int, px: float) -> bool:
    """A square blob the size of a `-` worn down by a 100-dpi scan to 2 x 2 pixels."""
    lo, hi = DOT_PT[0] * px, DOT_PT[1] * px
    return lo <= w <= hi and lo <= h <= hi and max(w, h) <= DOT_ASPECT * min(w, h) and area >= SOLID * w * h


def _aligned_dots(dots: list[PxBox], dashes: list[PxBox], reach: float) -> list[PxBox]:
    """The dots that end where a dash of another row ends: a column prints its `-` right-aligned,
    so a dot there is the same `-` worn down (LKIP.pdf p100: `-` as 3 x 2 scan px in one row,
    2 x 2 in another). A speck anywhere else is left."""
    return [d for d in dots
            if any(abs(d[2] - e[2]) <= reach and (e[1] > d[3] or e[3] < d[1]) for e in dashes)]
