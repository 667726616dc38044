"""Budget lines stated in prose: `1. Kegiatan X, … dengan alokasi anggaran sebesar Rp. 399,380,000.00
realisasi anggaran sebesar Rp. 394,166,888.00 atau 98.69%`.

LKjIP chapters often give each kegiatan's budget in a sentence instead of a table. Reading:
the document's text is folded into one running string (page breaks and wrapped lines are
spaces, so a sentence broken across a page is whole again); every `Rp` figure is a *mention*
whose kind is told by the words since the previous figure (realisasi words win: `realisasi
anggaran sebesar Rp …` is spending; a bare `X sebesar Rp …` is a pagu only when a realisasi
follows it); a statement is a pagu mention, the realisasi mention that
follows it before the next pagu, and the `atau 98,69 %` after that. Its name runs from the last
list mark or `Program`/`Kegiatan` word before it up to the first filler word (`yang`, `dengan`,
`dilaksanakan`, `anggaran`, …).

A statement whose figures a table of the document already holds repeats that table and is not
loaded again; one printed twice in prose is loaded once. The lines are marked `source = prose`
and never carry a parent: their sums are checked by the % rule only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from pipeline.normalise.figures import FIGURE, decimal_mark, figure_value
from pipeline.normalise.numbers import NumberConvention, parse_value
from pipeline.structure.hierarchy import level_from_words
from schemas.model import BudgetLine

_REALISASI_WORDS = re.compile(r"\b(?:realisasi\w*|terealisasi|penyerapan\w*|serapan\w*|terserap\w*)\b", re.I)
_PAGU_WORDS = re.compile(r"\b(?:anggaran\w*|alokasi\w*|pagu|dana)\b", re.I)
_AMOUNT_WORDS = re.compile(r"\b(?:sebesar|senilai|berjumlah)\b", re.I)  # a pagu only when a realisasi follows
_RP_BEFORE = re.compile(r"rp\.?\s*$", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:,-)?\s*(?:,|;)?\s*(?:atau|\(|sebesar|yaitu)?\s*\(?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
# Where a name may start: a list mark (`1.`, `2)`, `b.`) or a level word.
_NAME_START = re.compile(r"(?:(?<=\s)|^)(?:(?:\d{1,2}|[a-zA-Z])[.)]\s+(?=[A-Z])|(?=(?:Sub\s+)?Kegiatan\s|Program\s))")
_NAME_END = re.compile(
    r"[,;:]?\s+(?:yang|dengan|dilaksanakan|melalui|alokasi|anggaran\w*|sebesar|berjumlah|pagu|dana|"
    r"realisasi\w*|terealisasi|penyerapan|memiliki|mendapat\w*|mempunyai)\b|[,;:]?\s+Rp\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})[.!?]\s+(?=[A-Z])")  # not a list mark (`1.`, `b.`)
MENTION_WINDOW = 90  # characters before a figure searched for its kind
STATEMENT_SPAN = 260  # at most this far from a pagu to its realisasi
NAME_LOOKBACK = 320
NAME_MAX = 200


@dataclass
class _Mention:
    kind: str  # "pagu" | "realisasi" | "amount" (`sebesar Rp …`: a pagu when a realisasi follows)
    start: int
    end: int
    value: Decimal
    mark: str  # decimal mark implied by the figure


def _running_text(page_texts: list[str]) -> tuple[str, list[int]]:
    """The pages as one string with whitespace folded, and the offset where each page starts.
    Lines of tab- or pipe-separated cells are tables, not prose, and are left out."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for text in page_texts:
        starts.append(length)
        lines = [ln for ln in text.splitlines() if "\t" not in ln and not ln.lstrip().startswith("|")]
        folded = " ".join(" ".join(lines).split())
        parts.append(folded)
        length += len(folded) + 1
    return " ".join(parts), starts


def _mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    previous_end = 0
    for match in FIGURE.finditer(text):
        value = figure_value(match)
        if value is None or not _RP_BEFORE.search(text[max(0, match.start() - 6):match.start()]):
            previous_end = match.end()
            continue
        window = text[max(previous_end, match.start() - MENTION_WINDOW):match.start()]
        kind = ("realisasi" if _REALISASI_WORDS.search(window) else "pagu" if _PAGU_WORDS.search(window)
                else "amount" if _AMOUNT_WORDS.search(window) else None)
        if kind:
            found.append(_Mention(kind, match.start(), match.end(), value, decimal_mark(match)))
        previous_end = match.end()
    return found


def _percent(text: str, mention: _Mention) -> tuple[Decimal | None, int | None]:
    match = _PERCENT_AFTER.match(text[mention.end:mention.end + 40])
    if not match:
        return None, None
    raw = match.group(1)
    other = "." if mention.mark == "," else ","
    if other in raw:  # `98.69` after `394,166,888.00` uses the figure's own mark; anything else is doubtful
        return None, None
    value = parse_value(raw + "%", NumberConvention(mention.mark))
    return value.value, value.decimals


def _spends(text: str, pagu: _Mention, following: _Mention) -> bool:
    """The mention after a pagu is its realisasi when its words say so, or when the printed
    `atau P %` after it is its share of the pagu (`anggaran sebesar Rp A anggaran sebesar Rp B
    atau 98,89 %` with B/A = 98,89 %: the words slipped, the arithmetic did not)."""
    if following.start - pagu.end > STATEMENT_SPAN:
        return False
    if following.kind == "realisasi":
        return True
    pct, decimals = _percent(text, following)
    if pct is None or not pagu.value:
        return False
    share = following.value / pagu.value * 100
    return abs(share - pct) <= Decimal(1).scaleb(-(decimals or 0))


def _name(text: str, lower: int, upper: int) -> str | None:
    """The name stated before a pagu mention, in its sentence: from the last name start in
    [lower, upper) to the first filler word. A lone `Kegiatan` or `Program` is a table's header
    word, not a name."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lower, upper)]
    lower = ends[-1] if ends else lower
    starts = [m.end() for m in _NAME_START.finditer(text, lower, upper)]
    if not starts:
        return None
    begin = starts[-1]
    end = _NAME_END.search(text, begin, upper)
    name = text[begin:end.start() if end else upper].strip(" ,;:-")
    if len(name.split()) < 2 or len(name) > NAME_MAX or not re.search(r"[A-Za-z]{3}", name):
        return None
    return name


def prose_budget_lines(page_texts: list[str], table_no: int, tables_lines: list[BudgetLine]) -> list[BudgetLine]:
    """Budget lines stated in the document's prose, numbered as table `table_no`."""
    text, page_starts = _running_text(page_texts)
    in_tables = {v for line in tables_lines for v in line.amounts()}
    mentions = _mentions(text)
    lines: list[BudgetLine] = []
    seen: set[tuple[str, Decimal, Decimal | None]] = set()
    previous_end = 0
    consumed = -1
    for i, mention in enumerate(mentions):
        if mention.kind not in ("pagu", "amount") or i <= consumed:
            continue
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        realisasi = following if following and _spends(text, mention, following) else None
        if mention.kind == "amount" and not (realisasi and realisasi.kind == "realisasi"):
            continue  # `X sebesar Rp …` alone says nothing of what the amount is
        consumed = i + 1 if realisasi else i
        pct, decimals = _percent(text, realisasi) if realisasi else (None, None)
        name = _name(text, max(previous_end, mention.start - NAME_LOOKBACK), mention.start)
        previous_end = (realisasi or mention).end
        if name is None or all(m.value in in_tables for m in (mention, realisasi) if m):
            continue  # repeats a table of the document
        key = (name.lower(), mention.value, realisasi.value if realisasi else None)
        if key in seen:
            continue
        seen.add(key)
        page = bisect_right(page_starts, mention.start)
        snippet = text[max(0, mention.start - 120):(realisasi or mention).end + 20]
        lines.append(BudgetLine(
            table_no=table_no, row_no=len(lines) + 1, level=level_from_words(name, []) or "other", name=name,
            page=page, pagu=mention.value, realisasi=realisasi.value if realisasi else None,
            realisasi_pct=pct, realisasi_pct_decimals=decimals, source="prose",
            raw_cells={"prose": snippet}))
    return lines
