"""Physical lines of a borderless table → rows.

An *anchor* line starts a row (it holds numbering, a figure, or text outside the text
columns). A *floating* line holds text in text columns only and no numbering: the wrapped
tail of a cell. A run of floating lines between two anchors is split at its largest vertical
gap: lines above it continue the row above, lines below it open the row below (a vertically
centred row whose name wraps above and below its values); a line whose text starts in lowercase
opens no row unless the gap above it is clearly a row gap (`CLEAR_GAP`: on a 100-dpi scan line
tops jitter by 2-3 pt, LKIP.pdf p52). A numbered line without values
followed, at wrapped-line distance, by a line carrying the rest of the name and the values
is one row printed bottom-aligned.
"""

from __future__ import annotations

from extractors.pdf.cells import is_numbering
from extractors.pdf.geometry import Word
from extractors.pdf.textlines import TextLine

SPLIT_TOL = 0.15  # × line height: gaps closer than this count as equal (then: row above)
CLEAR_GAP = 0.5  # × line height: a gap this much over the run's closest pitch is a row gap
# however OCR jitters line tops; a narrower one does not open a row at a line that `continues`
FULL_LINE = 0.15  # a wrapped name reaches within this share of its column's width


def group_rows(
    lines: list[TextLine],
    cells: list[dict[int, list[Word]]],
    texts: list[list[str]],
    numeric_cols: set[int],
) -> list[list[int]]:
    """Indices of `lines` per row, top to bottom; `cells`/`texts` are the lines' columns."""
    n = len(texts[0]) if texts else 0
    col0 = [t[0] for t in texts if t[0]]
    numbering_col = 0 in numeric_cols or sum(1 for s in col0 if is_numbering(s)) * 2 > len(col0)
    text_cols = {j for j in range(n) if j not in numeric_cols and not (j == 0 and numbering_col)}

    def floating(k: int) -> bool:
        t = texts[k]
        filled = [j for j in range(n) if t[j]]
        if not filled or any(j not in text_cols for j in filled):
            return False
        return not is_numbering(t[filled[0]].split(" ")[0])

    def continues(k: int) -> bool:
        """A text cell of the line starts in lowercase: the wrapped tail of a cell, no first line."""
        return any(texts[k][j][:1].islower() for j in text_cols if texts[k][j])

    groups: list[list[int]] = []
    pending: list[int] = []
    k = 0
    while k < len(lines):
        if floating(k) and groups:
            run = [k]
            while run[-1] + 1 < len(lines) and floating(run[-1] + 1):
                run.append(run[-1] + 1)
            nxt = run[-1] + 1
            if nxt < len(lines):
                seq = [run[0] - 1] + run + [nxt]
                gaps = [lines[b].top - lines[a].top for a, b in zip(seq, seq[1:])]  # line pitches
                tol = SPLIT_TOL * lines[run[0]].height
                split = len(gaps) - 1
                for i in range(len(gaps) - 2, -1, -1):
                    if gaps[i] > gaps[split] + tol:
                        split = i
                clear = min(gaps) + CLEAR_GAP * lines[run[0]].height
                while split < len(run) and continues(run[split]) and gaps[split] < clear:
                    split += 1
                groups[-1].extend(run[:split])
                pending = run[split:]
            else:
                groups[-1].extend(run)
            k = run[-1] + 1
            continue
        groups.append(pending + [k])
        pending = []
        k += 1
    if pending:
        groups.append(pending)
    return _join_bottom_aligned(groups, lines, cells, texts, numeric_cols, text_cols)


def _join_bottom_aligned(
    groups: list[list[int]],
    lines: list[TextLine],
    cells: list[dict[int, list[Word]]],
    texts: list[list[str]],
    numeric_cols: set[int],
    text_cols: set[int],
) -> list[list[int]]:
    """Join a numbered row without values to the next row when that row is the wrapped end
    of its name carrying the values: the name fills its column up to the right, the next
    line starts with no numbering in that same column, at wrapped-line distance."""
    right: dict[int, float] = {}
    left: dict[int, float] = {}
    for c in cells:
        for j, ws in c.items():
            right[j] = max(right.get(j, ws[-1].x1), max(w.x1 for w in ws))
            left[j] = min(left.get(j, ws[0].x0), min(w.x0 for w in ws))
    out: list[list[int]] = []
    for g in groups:
        if out:
            prev = out[-1]
            a, b = prev[-1], g[0]
            t_prev, t_next = texts[a], texts[b]
            filled_next = [j for j, v in enumerate(t_next) if v]
            j = filled_next[0] if filled_next else -1
            prev_right = max((k for i in prev for k, v in enumerate(texts[i]) if v), default=-1)
            if (
                j in text_cols
                and prev_right == j  # nothing right of the name: no values yet
                and t_prev[j]
                and any(t_next[k] for k in numeric_cols)
                and not is_numbering(t_next[j].split(" ")[0])
                and lines[b].y0 - lines[a].y1 < 0.8 * lines[a].height
                and max(w.x1 for w in cells[a][j]) >= right[j] - FULL_LINE * (right[j] - left[j])
            ):
                prev.extend(g)
                continue
        out.append(g)
    return out
