"""Budget lines stated in prose: `1. Kegiatan X, … dengan alokasi anggaran sebesar Rp. 399,380,000.00
realisasi anggaran sebesar Rp. 394,166,888.00 atau 98.69%`.

LKjIP chapters often give each kegiatan's budget in a sentence instead of a table. The figures
and the words before them are read by `pipeline.structure.prose_text`. A statement is a budget
mention, the realisasi that follows it before the next budget (by its words, or by the printed
share when the words slipped), and the `atau 98,69 %` / `penyerapan 92,90 %` after them. Its
name runs from the last list mark, `Program`/`Kegiatan`/`Belanja` word or the `dan` joining it
to the statement before, up to the first filler word (`yang`, `dengan`, `sebesar`, `Rp`, …).

Which mentions are budgets: one after budget words (`alokasi anggaran sebesar Rp`); a bare
`sebesar Rp` or a listed item's `Rp` only when the statement shows it is one — a realisasi or
a `penyerapan` share follows, the name is a program/kegiatan/belanja, it is an item of a list
that a budget introduces (`4 kegiatan dengan total anggaran Rp … yaitu 1) … Rp …, 2) …`), or it
is joined by `dan` to such a statement. A budget followed by the start of a list or by
`terdiri dari` / `terbagi menjadi` is the list's total (`… sebesar Rp X yang terdiri dari Belanja
Langsung Rp Y dan Belanja Tidak Langsung Rp Z`): level `total`, named by its sentence; its parts
are lines of their own (`Belanja Langsung`: level `other`, never counted in a table's figure).
These lines carry no parent: the items of a list need not add up to its total (a report lists
some of them), so they are checked by the % rule only.

A statement whose figures a table of the document already holds repeats that table and is not
loaded again; one printed twice in prose is loaded once. The lines are marked `source = prose`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from pipeline.structure.hierarchy import level_from_words
from pipeline.structure.prose_text import (
    FIRST_MARK,
    LIST_MARK,
    Boundaries,
    Mention,
    mentions,
    percent_after,
    running_text,
)
from schemas.model import BudgetLine

_BUDGET_CONTEXT = re.compile(r"\b(?:anggaran\w*|alokasi\w*|pagu|dana|total|kegiatan|program)\b", re.I)
# Names that say they are budgets: a level, a kind of spending, an APBN fund (`dana Dekonsentrasi`).
_LEVEL_NAME = re.compile(
    r"^(?:(?:Sub\s+)?(?:Kegiatan|Program|Belanja)|(?:dana\s+)?(?:Dekonsentrasi|Tugas\s+Pembantuan))\b", re.I)
# Where a name may start besides a list mark: a level or spending word (not `Belanja Daerah` of
# APBD, nor the source of a budget: `dari sumber Belanja Langsung`), an APBN fund.
_LEVEL_START = re.compile(
    r"(?:(?<=\s)|^)(?<!sumber )(?=(?:Sub\s+)?Kegiatan\s|Program\s|Belanja\s(?!Daerah)"
    r"|kegiatan\s+[A-Z]|belanja\s+(?!daerah)[A-Za-z]|(?:[Dd]ana\s+)?(?:[Dd]ekonsentrasi|[Tt]ugas\s+[Pp]embantuan)\b)")
_TOTAL_WORDS = re.compile(r"\b(?:total|jumlah)\s+(?:alokasi\s+)?(?:anggaran|belanja|dana|alokasi)\b", re.I)
_NAME_END = re.compile(
    r"[,;:]?\s+(?:yang|dengan|dilaksanakan|melalui|alokasi|anggar\w*|sebesar|berjumlah|pagu|dana|"
    r"realisasi\w*|terealisasi|penyerapan|memiliki|mendapat\w*|mempunyai|memperoleh|senilai)\b|[,;:]?\s+Rp\b", re.I)
_JOINED = re.compile(r"[\s,;.\-]*(?:dan|serta)?\s*(?=[A-Z])")
_TOTAL_AFTER = re.compile(r"^[\s,.\-]*(?:(?:yang|anggaran\s+(?:tersebut|ini))\s+)?(?:terdiri|terbagi)\b", re.I)
_TOTAL_TAIL = re.compile(
    r"(?:[\s,;:(]+(?:dengan|sebesar|berjumlah|senilai|yang|total|jumlah|anggar\w*|alokasi|pagu|dana|adalah|"
    r"sebanyak|yaitu|Rp\.?))+\s*$", re.I)
_FILLER_ONLY = {"program", "kegiatan", "sub", "dan", "serta", "belanja", "yang", "atau"}
STATEMENT_SPAN = 260  # at most this far from a pagu to its realisasi
LIST_START_SPAN = 60  # at most this far from a total to the first mark of its list
NAME_LOOKBACK = 320
NAME_MAX = 200
TOTAL_NAME_WORDS = 12


@dataclass
class _Statement:
    budget: Mention
    realisasi: Mention | None
    pct: Decimal | None
    decimals: int | None
    name: str
    level: str


def _spends(text: str, bounds: Boundaries, pagu: Mention, following: Mention) -> bool:
    """The mention after a budget is its realisasi when its words say so in the same sentence, or when the printed
    `atau P %` after it is its share of the budget (`anggaran sebesar Rp A anggaran sebesar Rp B
    atau 98,89 %` with B/A = 98,89 %: the words slipped, the arithmetic did not). Never across
    a list mark: the next item is another budget."""
    if following.start - pagu.end > STATEMENT_SPAN or bounds.mark_between(pagu.end, following.start):
        return False
    pct, decimals = percent_after(text, following)
    if following.value > pagu.value and pct is not None and pct <= 100:
        return False  # spending above this budget that its own share calls partial: another budget's
    if following.kind == "realisasi" and bounds.sentence_start(following.start) <= pagu.start:
        return True  # in a later sentence (`… Rp X,-. Sampai dengan …, realisasi Dekonsentrasi
        # sebesar Rp Y`) only its printed share makes it this budget's
    if pct is None or not pagu.value:
        return False
    share = following.value / pagu.value * 100
    return abs(share - pct) <= Decimal(1).scaleb(-(decimals or 0))


def _is_name(name: str) -> bool:
    words = name.split()
    if len(words) == 1 and _LEVEL_NAME.match(name) and not _FILLER_ONLY & {name.lower()}:
        return True  # `dekonsentrasi`
    return (len(words) >= 2 and len(name) <= NAME_MAX and bool(re.search(r"[A-Za-z]{3}", name))
            and any(w.lower().strip(",.") not in _FILLER_ONLY for w in words))


def _name(text: str, bounds: Boundaries, lower: int, upper: int, joined: bool) -> tuple[str | None, str]:
    """The name stated before a budget mention, in its sentence, and where it starts (`mark`,
    `word`, `joined`): from the last list mark or level word in [lower, upper) — or, when
    `joined` (right after the statement before, by `dan`), from there — to the first filler word."""
    lower = max(lower, bounds.clause_start(upper))
    marks = [m.end() for m in LIST_MARK.finditer(text, lower, upper)]
    words = [m.start() for m in _LEVEL_START.finditer(text, lower, upper)]
    if marks or words:
        begin, start = -1, ""
        for at, how in sorted([(m, "mark") for m in marks] + [(w, "word") for w in words]):
            # a level word inside the name begun before it (`Kegiatan Perencanaan Program …`) starts nothing
            if how == "mark" or begin < 0 or _NAME_END.search(text, begin, at):
                begin, start = (at, how) if at != begin else (begin, start)
    elif joined and (m := _JOINED.match(text, lower, upper)):
        begin, start = m.end(), "joined"
    else:
        return None, ""
    end = _NAME_END.search(text, begin, upper)
    name = text[begin:end.start() if end else upper].strip(" ,;:-")
    return (name if _is_name(name) else None), start


def _total_name(text: str, bounds: Boundaries, lower: int, upper: int) -> str | None:
    """A total is named by its clause up to the figure, less the filler before it (its last
    words: a long sentence's subject is at its end)."""
    lower = max(lower, bounds.clause_start(upper))
    head = text[lower:upper]
    tail = _TOTAL_TAIL.sub("", head)
    if (total := _TOTAL_WORDS.search(head)) and len(tail.split()) < 2:
        tail = head[:total.end()]  # `sehingga total anggaran sebesar`: keep `total anggaran`
    tail = re.split(r"[.;:]\s+(?=\w)", tail)[-1]  # a sentence end the capitals did not show (`92.71%. dengan`)
    head = re.sub(r"^(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zA-Z][.)])\s+|^(?:sehingga|sedangkan|sementara|dengan demikian)\s+",
                  "", tail.strip(" ,;:-"), flags=re.I)
    head = " ".join(head.split()[-TOTAL_NAME_WORDS:]).strip(" ,;:-")
    return head if _is_name(head) else None


def _opens_list(text: str, mention: Mention) -> bool:
    """A budget right before `yaitu 1) …`, `dengan kegiatan A. …` or `terdiri dari …` is the
    total of what follows."""
    after = text[mention.end:mention.end + LIST_START_SPAN]
    if _TOTAL_AFTER.match(after):
        return True
    first = FIRST_MARK.search(after)
    return bool(first) and not re.search(r"\d{3}", after[:first.start()])


def _in_budget_list(text: str, bounds: Boundaries, start: int) -> bool:
    """A listed item whose sentence, before the list's first mark, speaks of a budget — or,
    for a list that goes on in a sentence of its own (`… Rp X,-. Sapi perah : 1) …`), the
    sentence before it does."""
    sentence = bounds.sentence_start(start)
    first = FIRST_MARK.search(text, sentence, start)
    if not first:
        return False
    if _BUDGET_CONTEXT.search(text, sentence, first.start()):
        return True
    before = bounds.sentence_start(sentence - 1) if sentence else 0
    return sentence > 0 and bool(FIRST_MARK.search(text, before, sentence)) and bool(
        _BUDGET_CONTEXT.search(text, before, sentence))


def _statements(text: str, bounds: Boundaries, found: list[Mention]) -> list[_Statement]:
    out: list[_Statement] = []
    previous_end = 0
    previous_accepted = False
    consumed = -1
    for i, mention in enumerate(found):
        if mention.kind == "realisasi" or i <= consumed:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        realisasi = following if following and _spends(text, bounds, mention, following) else None
        consumed = i + 1 if realisasi else i
        last = realisasi or mention
        pct, decimals = percent_after(text, last)
        if realisasi is None and pct is not None and not re.match(
                r"^\s*(?:,-)?[\s,;]*(?:dengan\s+)?(?:penyerapan|serapan|realisasi|terealisasi)",
                text[mention.end:mention.end + 40], re.I):
            pct, decimals = None, None  # `Rp X (12 %)` alone: a share of something else
        lower = max(previous_end, mention.start - NAME_LOOKBACK)
        joined = previous_accepted and not bounds.sentence_start(mention.start) > previous_end
        previous_end, previous_accepted = last.end, False
        clause = text[max(lower, bounds.clause_start(mention.start)):mention.start]
        if clause.count("(") > clause.count(")"):
            continue  # `(awal alokasi dalam Perjanjian Kinerja Rp …)`: an aside, not a statement
        # an item of a list (its clause opens with a mark) is never the total of the list after it
        opens = not LIST_MARK.search(clause) and _opens_list(text, mention)
        name, start = None, ""
        if not opens:
            name, start = _name(text, bounds, lower, mention.start, joined)
        if name is None and (opens or (mention.kind != "item" and _TOTAL_WORDS.search(clause))):
            # a list's or a document's total: level `other`, so that it is never added to its parts
            name, start = _total_name(text, bounds, lower, mention.start), "total"
        level = "other" if start == "total" else level_from_words(name or "", []) or "other"
        if name is None:
            continue
        budget = (mention.kind == "pagu" or start == "total" or realisasi is not None or pct is not None
                  or bool(_LEVEL_NAME.match(name)) or start == "joined"
                  or (start == "mark" and _in_budget_list(text, bounds, mention.start)))
        if not budget:
            continue
        previous_accepted = True
        out.append(_Statement(mention, realisasi, pct, decimals, name, level))
    return out


def prose_budget_lines(page_texts: list[str], table_no: int, tables_lines: list[BudgetLine]) -> list[BudgetLine]:
    """Budget lines stated in the document's prose, numbered as table `table_no`."""
    text, page_starts = running_text(page_texts)
    bounds = Boundaries(text)
    in_tables = {v for line in tables_lines for v in line.amounts()}
    lines: list[BudgetLine] = []
    statements = _statements(text, bounds, mentions(text, bounds))
    # a budget stated twice is loaded once, from the statement that also gives its realisasi
    spent = {(s.name.lower(), s.budget.value) for s in statements if s.realisasi}
    seen: set[tuple[str, Decimal, Decimal | None]] = set()
    for s in statements:
        figures = [m for m in (s.budget, s.realisasi) if m]
        if all(m.value in in_tables for m in figures if m.value):
            continue  # repeats a table of the document
        key = (s.name.lower(), s.budget.value, s.realisasi.value if s.realisasi else None)
        if key in seen or (s.realisasi is None and key[:2] in spent):
            continue
        seen.add(key)
        snippet = text[max(0, s.budget.start - 120):(s.realisasi or s.budget).end + 20]
        lines.append(BudgetLine(
            table_no=table_no, row_no=len(lines) + 1, level=s.level, name=s.name,
            page=bisect_right(page_starts, s.budget.start), pagu=s.budget.value,
            realisasi=s.realisasi.value if s.realisasi else None, realisasi_pct=s.pct,
            realisasi_pct_decimals=s.decimals, source="prose", raw_cells={"prose": snippet}))
    return lines
