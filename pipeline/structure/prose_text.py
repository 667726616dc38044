"""The words around rupiah figures in running prose: what each figure is, where clauses start.

`pipeline.structure.prose` builds budget lines from these. A report's prose folds into one
running string (page breaks and wrapped lines are spaces); each `Rp` figure is a *mention* whose
kind is told by the words of its own clause before it — since the previous figure, list mark
(`2)`, `b.`, `(3)`) or sentence end, so that `… penyerapan 92,90 % 2) GCB-Penataan … sebesar Rp`
is not read as spending. Kinds: `realisasi` (`realisasi/penyerapan … Rp`), `pagu`
(`anggaran/alokasi/dana … Rp`), `amount` (`sebesar Rp`: a budget only when the statement says
so), `item` (`1) Name Rp …`: a listed item's figure with no word at all).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from pipeline.normalise.figures import FIGURE, decimal_mark, figure_value
from pipeline.normalise.numbers import NumberConvention, parse_value

_REALISASI_WORDS = re.compile(r"\b(?:realisasi\w*|terealisasi|penyerapan\w*|serapan\w*|terserap\w*)\b", re.I)
_PAGU_WORDS = re.compile(r"\b(?:anggaran\w*|alokasi\w*|pagu|dana)\b", re.I)
_AMOUNT_WORDS = re.compile(r"\b(?:sebesar|senilai|berjumlah)\b", re.I)
_BEFORE_FIGURE = re.compile(r"(?:rp\.?|sebesar|senilai)\s*$", re.I)
_RP_BEFORE = re.compile(r"rp\.?\s*$", re.I)
# `Rp. 0,-`: nothing spent, too small for FIGURE but a realisasi all the same.
_ZERO = re.compile(r"(?<=[Rr][Pp])\.?\s*0(?:,-|[.,]00)?(?!\d|[.,]\d)")
_PERCENT_AFTER = re.compile(
    r"^\s*(?:,-)?\s*(?:,|;)?\s*(?:atau|\(|sebesar|yaitu|(?:dengan\s+)?(?:penyerapan|serapan|realisasi|terealisasi)"
    r"(?:\s+(?:anggaran|keuangan))?(?:\s+sebesar)?)?\s*\(?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
# A list mark (`1.`, `2)`, `(3)`, `b.`, `A.`) before a capitalised word.
LIST_MARK = re.compile(r"(?:(?<=\s)|^)(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zA-Z][.)])\s+(?=[A-Z])")
# The first mark of a list (`1)`, `A.`, `a.`, `(1)`): a figure right before it introduces the list.
FIRST_MARK = re.compile(r"(?:(?<=\s)|^)(?:\(1\)|1[.)]|[Aa][.)])\s+(?=[A-Za-z])")
# Words that open a new clause inside a sentence (`…, sehingga total anggaran sebesar Rp …`).
CLAUSE_WORD = re.compile(r"\b(?:sehingga|sedangkan|Sedangkan|Sementara)\b")
# A sentence's end: after a word, a percent or a figure (`… 90,26 %. Kegiatan`), never a list mark.
SENTENCE_END = re.compile(r"(?:(?<=[a-z]{2})|(?<=%)|(?<=,-)|(?<=\d{3}))[.!?]\s+(?=[A-Z])")
MENTION_WINDOW = 90  # characters before a figure searched for its kind


@dataclass
class Mention:
    kind: str  # "pagu" | "realisasi" | "amount" | "item"
    start: int
    end: int
    value: Decimal
    mark: str  # decimal mark implied by the figure


def running_text(page_texts: list[str]) -> tuple[str, list[int]]:
    """The pages as one string with whitespace folded, and the offset where each page starts.
    Lines of tab- or pipe-separated cells are tables, not prose, and are left out."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for text in page_texts:
        starts.append(length)
        lines = [ln for ln in text.splitlines() if "\t" not in ln and not ln.lstrip().startswith("|")]
        first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
        if first is not None and re.fullmatch(r"\s*\d{1,4}\s*", lines[first]):
            del lines[first]  # the page number printed at its top, inside a sentence broken by the page
        folded = " ".join(" ".join(lines).split())
        parts.append(folded)
        length += len(folded) + 1
    return " ".join(parts), starts


class Boundaries:
    """Offsets where a clause starts: after list marks' numbers and sentence ends."""

    def __init__(self, text: str) -> None:
        self.marks = [m.start() for m in LIST_MARK.finditer(text)]
        self.sentences = [m.end() for m in SENTENCE_END.finditer(text)]
        self.clauses = [m.start() for m in CLAUSE_WORD.finditer(text)]

    @staticmethod
    def _last(offsets: list[int], before: int) -> int:
        i = bisect_right(offsets, before)
        return offsets[i - 1] if i else 0

    def clause_start(self, before: int) -> int:
        return max(self._last(self.marks, before), self._last(self.sentences, before),
                   self._last(self.clauses, before))

    def sentence_start(self, before: int) -> int:
        return self._last(self.sentences, before)

    def mark_between(self, lower: int, upper: int) -> bool:
        i = bisect_right(self.marks, lower)
        return i < len(self.marks) and self.marks[i] < upper


def _kind(window: str) -> str:
    if _REALISASI_WORDS.search(window):
        return "realisasi"
    if _PAGU_WORDS.search(window):
        return "pagu"
    return "amount" if _AMOUNT_WORDS.search(window) else "item"


def mentions(text: str, bounds: Boundaries) -> list[Mention]:
    """Every rupiah figure of the running text with its kind, in order; `Rp. 0,-` after
    realisasi words is a zero realisasi."""
    found: list[Mention] = []
    previous_end = 0
    spans = sorted([(m.start(), m.end(), m) for m in FIGURE.finditer(text)]
                   + [(m.start(), m.end(), None) for m in _ZERO.finditer(text)], key=lambda s: s[0])
    for start, end, match in spans:
        value = figure_value(match) if match else Decimal(0)
        head = text[max(0, start - 9):start]
        if value is None or (match and not _BEFORE_FIGURE.search(head)):
            previous_end = end
            continue
        kind = _kind(text[max(previous_end, bounds.clause_start(start), start - MENTION_WINDOW):start])
        if match and kind == "item" and not _RP_BEFORE.search(head):
            kind = "amount"  # `sebesar 897,673,933.00` without Rp
        if match or kind == "realisasi":
            found.append(Mention(kind, start, end, value, decimal_mark(match) if match else ","))
        previous_end = end
    return found


def percent_after(text: str, mention: Mention) -> tuple[Decimal | None, int | None]:
    """The `atau 98,69 %` / `penyerapan 92,90 %` printed right after a figure, read in the
    figure's own convention (a percent in the other one is doubtful: None)."""
    match = _PERCENT_AFTER.match(text[mention.end:mention.end + 60])
    if not match:
        return None, None
    raw = match.group(1)
    other = "." if mention.mark == "," else ","
    if other in raw:
        return None, None
    value = parse_value(raw + "%", NumberConvention(mention.mark))
    return value.value, value.decimals
