"""Ruling segments from a page's vector drawings.

Tables are drawn as stroked lines, stroked rectangles, or (Word/LibreOffice exports) thin
filled rectangles; large filled rectangles are cell shading and are ignored, as are curves,
diagonals and tiny junction patches. White rules count only where they cross coloured
shading (a blue header band split by white lines); on white paper they are invisible. Collinear pieces are fused so that a
ruling broken at every cell becomes one segment. Uses `get_cdrawings` (plain tuples, ~2x
faster than `get_drawings`) because form pages carry 1,500+ drawing objects.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractors.pdf.geometry import Segment

THIN = 3.0  # a filled rectangle thinner than this is a line
MIN_LEN = 2.0  # shorter pieces are junction patches or dots
AXIS_TOL = 1.0  # max slope deviation (pt) for a line to count as horizontal/vertical
SNAP = 1.5  # collinear pieces within this distance share one position
JOIN = 4.5  # pieces along one position closer than this are fused (dashes, junction gaps)
DOT_GAP = 3.0  # dots of a dotted rule lie closer than this to each other
DOT_RUN = 6  # dots in a row that make a dotted rule (fewer are a bullet or a decoration)


def _is_white(color: tuple[float, ...] | None) -> bool:
    if not color:
        return False
    for c in color:
        if c <= 0.95:
            return False
    return True


def raw_segments(
    drawings: Iterable[dict], matrix=None, clip: tuple[float, float, float, float] | None = None
) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical pieces from `page.get_cdrawings()`, transformed by `matrix`
    (the page's rotation matrix, or None)."""
    pieces: list[tuple[float, float, float, float]] = []  # x0, y0, x1, y1 of a line
    white: list[tuple[float, float, float, float]] = []  # white rules: visible on shading only
    fills: list[tuple[float, float, float, float]] = []  # coloured cell shading
    dots: list[tuple[float, float]] = []  # centres of pieces too small to be lines
    for path in drawings:
        kind = path.get("type") or ""
        stroked = "s" in kind
        if stroked:
            is_white = _is_white(path.get("color")) and ("f" not in kind or _is_white(path.get("fill")))
        else:
            is_white = _is_white(path.get("fill"))
        add = white.append if is_white else pieces.append
        for item in path["items"]:
            op = item[0]
            if op == "re":
                x0, y0, x1, y1 = item[1]
                if x1 < x0:
                    x0, x1 = x1, x0
                if y1 < y0:
                    y0, y1 = y1, y0
                w, h = x1 - x0, y1 - y0
                if max(w, h) < MIN_LEN and not is_white:
                    dots.append(((x0 + x1) / 2, (y0 + y1) / 2))
                elif w <= THIN or h <= THIN:
                    if w >= h:
                        if w >= MIN_LEN:
                            ym = (y0 + y1) / 2
                            add((x0, ym, x1, ym))
                    elif h >= MIN_LEN:
                        xm = (x0 + x1) / 2
                        add((xm, y0, xm, y1))
                elif stroked and not is_white:
                    pieces += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
                elif not stroked and not is_white:
                    fills.append((x0, y0, x1, y1))
            elif op == "l":
                (ax, ay), (bx, by) = item[1], item[2]
                add((ax, ay, bx, by))
            elif op == "qu" and stroked and not is_white:
                # axis-aligned quads are rectangles drawn with a transform
                q = item[1]
                xs = [p[0] for p in q]
                ys = [p[1] for p in q]
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
                pieces += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    pieces += dotted_rules(dots)
    if white and fills:
        # white separators drawn over coloured header shading (white text on blue, etc.):
        # the separators split the band into cells, the band's top and bottom close them
        hosts: set[int] = set()
        for x0, y0, x1, y1 in white:
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            on = [k for k, (fx0, fy0, fx1, fy1) in enumerate(fills)
                  if fx0 - 1 <= mx <= fx1 + 1 and fy0 - 1 <= my <= fy1 + 1]
            if on:
                pieces.append((x0, y0, x1, y1))
                hosts.update(on)
        for k in hosts:
            fx0, fy0, fx1, fy1 = fills[k]
            pieces += [(fx0, fy0, fx1, fy0), (fx0, fy1, fx1, fy1)]
    if matrix is not None:
        a, b, c, d, e, f = matrix
        pieces = [
            (a * x0 + c * y0 + e, b * x0 + d * y0 + f, a * x1 + c * y1 + e, b * x1 + d * y1 + f)
            for x0, y0, x1, y1 in pieces
        ]
    hs: list[Segment] = []
    vs: list[Segment] = []
    for x0, y0, x1, y1 in pieces:
        if clip is not None:
            cx0, cy0, cx1, cy1 = clip
            if max(x0, x1) < cx0 or min(x0, x1) > cx1 or max(y0, y1) < cy0 or min(y0, y1) > cy1:
                continue
        if abs(y1 - y0) <= AXIS_TOL and abs(x1 - x0) >= MIN_LEN:
            hs.append(Segment((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= AXIS_TOL and abs(y1 - y0) >= MIN_LEN:
            vs.append(Segment((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return hs, vs


def _runs(points: list[tuple[float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) of the runs of at least DOT_RUN points sharing their first
    coordinate (within SNAP) and following each other along the second within DOT_GAP."""
    runs: list[tuple[float, float, float]] = []
    by_line: dict[int, list[tuple[float, float]]] = {}
    for a, b in points:
        by_line.setdefault(round(a / SNAP), []).append((a, b))
    for line in by_line.values():
        line.sort(key=lambda p: p[1])
        run = [line[0]]
        for p in line[1:] + [(line[-1][0], float("inf"))]:
            if p[1] - run[-1][1] <= DOT_GAP:
                run.append(p)
                continue
            if len(run) >= DOT_RUN:
                runs.append((sum(q[0] for q in run) / len(run), run[0][1], run[-1][1]))
            run = [p]
    return runs


def dotted_rules(dots: list[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    """Dotted rules (an Excel export's `……` row separators, drawn as tiny squares) as lines:
    each is dropped dot by dot as too short, yet it is the row's border."""
    if len(dots) < DOT_RUN:
        return []
    rules = [(start, y, end, y) for y, start, end in _runs([(y, x) for x, y in dots])]
    rules += [(x, start, x, end) for x, start, end in _runs(dots)]
    return rules


def merge_segments(segs: list[Segment], snap: float = SNAP, join: float = JOIN) -> list[Segment]:
    """Fuse collinear, overlapping or nearly touching pieces."""
    if not segs:
        return []
    segs = sorted(segs, key=lambda s: s.pos)
    out: list[Segment] = []
    group: list[Segment] = [segs[0]]

    def flush(group: list[Segment]) -> None:
        pos = sum(s.pos for s in group) / len(group)
        cur: Segment | None = None
        for s in sorted(group, key=lambda s: s.start):
            if cur is not None and s.start <= cur.end + join:
                cur.end = max(cur.end, s.end)
            else:
                cur = Segment(pos, s.start, s.end)
                out.append(cur)

    for s in segs[1:]:
        if s.pos - group[-1].pos > snap:
            flush(group)
            group = []
        group.append(s)
    flush(group)
    return out


def page_rulings(
    drawings: Iterable[dict], matrix=None, clip=None
) -> tuple[list[Segment], list[Segment]]:
    hs, vs = raw_segments(drawings, matrix, clip)
    return merge_segments(hs), merge_segments(vs)

