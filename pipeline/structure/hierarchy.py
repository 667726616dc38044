"""Levels and parents of table rows: OPD → program → kegiatan → sub kegiatan, and totals.

Evidence, strongest first: the row's own words (`Program …`, `Kegiatan …`, `JUMLAH`), its code
(`1.01.01.2.01.0001`, `1.2`, `II.`), the level its numbering style has elsewhere in the table,
the level named by the column header (`Kegiatan`), and finally arithmetic: an unlabelled row
whose amounts are the sum of the rows that follow it is their parent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

RANK = {"opd": 0, "urusan": 1, "program": 2, "kegiatan": 3, "sub_kegiatan": 4}
CHILD = {"opd": "program", "urusan": "program", "program": "kegiatan", "kegiatan": "sub_kegiatan",
         "sub_kegiatan": "sub_kegiatan"}

# `Jumlah`, `JUMLAH TOTAL`, `Total Anggaran`, `Jumlah Belanja Langsung dan Belanja Tdk Langsung`;
# not `Jumlah Dokumen …` (an indicator)
_TOTAL = re.compile(
    r"^\s*(?:grand\s+)?(?:jumlah|total|sub\s*total)"
    r"(?:\s+(?:dan\s+)?(?:total|keseluruhan|seluruhnya|anggaran|belanja|akhir|program|kegiatan|pagu|apbd|apbn|dak"
    r"|langsung|tidak|tdk\.?|pendapatan|daerah))*\s*:?\s*$",
    re.IGNORECASE,
)
_PREFIXES = (
    (re.compile(r"^\s*sub[\s-]*kegiatan\b", re.IGNORECASE), "sub_kegiatan"),
    (re.compile(r"^\s*kegiatan\b", re.IGNORECASE), "kegiatan"),
    (re.compile(r"^\s*program\b", re.IGNORECASE), "program"),
    (re.compile(r"^\s*(?:urusan|bidang\s+urusan)\b", re.IGNORECASE), "urusan"),
)
_OPD = re.compile(
    r"^\s*(?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|SATUAN POLISI|KANTOR|RSUD|RUMAH SAKIT|"
    r"BAGIAN|BIRO|KELURAHAN|SATPOL)\b"
)
_KEMENDAGRI = re.compile(r"^\s*(?:\d{1,2}|X)\.(?:\d{2}|XX)(?:\.\d{1,2}){0,1}(?:\.\d\.\d{2})?(?:\.\d{4})?\s*$")
_LEADING_CODE = re.compile(
    r"^\s*((?:\d+\.)+\d*|[IVXLC]+\.|[A-Za-z]\.|\d+\)|[a-z]\))\s+(?=\S)"
)


@dataclass
class RowInfo:
    """What structure needs of a row: its name, printed code, amounts and any text cells."""

    name: str
    code: str | None
    amounts: dict[str, Decimal]
    texts: list[str]
    level: str | None = None
    labelled: bool = False
    section: bool = False  # an upper-case heading that opens a new part of the table
    level_by: str | None = None  # the reading that chose the level, where arithmetic chose it
    below_labelled: bool = False  # level guessed as the child of the labelled row above it

    @property
    def level_by_sums(self) -> bool:
        """Level told apart from its neighbours' by arithmetic (rows printed alike)."""
        return self.level_by == "sums"


# the list number of a scanned name whose dot a 100-dpi scan lost or garbled: `1 Dukungan
# Pembangunan`, `2? Perencanaan Detail`, `I Perencanaan Umum` (a `1.` read `I`)
_OCR_LEADING_NUMBER = re.compile(r"^\s*((?:\d{1,2}|[Il|])[?:;,'’]?)\s+(?=[A-Z][a-z]{3,}|[A-Z]{3,})")


def split_leading_code(name: str, scanned: bool = False) -> tuple[str | None, str]:
    """`1. Perencanaan …` → ('1.', 'Perencanaan …'); names without numbering unchanged.
    `scanned` (the row was read by OCR): a bare number before a capitalised word is its list
    number too (`1 Dukungan …`, `2? Perencanaan …`: the dot was lost or misread); a text PDF
    prints what it means."""
    m = _LEADING_CODE.match(name)
    if m:
        return m.group(1), name[m.end():]
    m = _OCR_LEADING_NUMBER.match(name) if scanned else None
    if m:  # the number as printed: `1.` for `1`, `2?` and `I`
        return re.sub(r"[Il|]", "1", m.group(1)).rstrip("?:;,'’") + ".", name[m.end():]
    return None, name


def numbering_style(code: str | None) -> str | None:
    if not code:
        return None
    c = code.strip().rstrip(".")
    if re.fullmatch(r"[IVXLC]+", c):
        return "roman"
    if re.fullmatch(r"[A-Z]", c):
        return "letter"
    if re.fullmatch(r"[a-z]\)?", c):
        return "lower"
    if re.fullmatch(r"\d+\)?", c):
        return "arabic"
    if re.fullmatch(r"\d+(?:\.\d+)+", c):
        return f"dotted{c.count('.')}"
    return None


def level_from_code(code: str | None) -> str | None:
    """Kemendagri codes: 1.01 urusan, 1.01.01 program, 1.01.01.2.01 kegiatan, +.0001 sub kegiatan."""
    if not code or not _KEMENDAGRI.match(code):
        return None
    parts = code.strip().split(".")
    return {2: "urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}.get(len(parts))


def level_from_words(name: str, texts: list[str]) -> str | None:
    if _TOTAL.match(name) or (not name.strip() and any(_TOTAL.match(t) for t in texts)):
        return "total"
    for pattern, level in _PREFIXES:
        if pattern.match(name):
            return level
    if _OPD.match(name) and name.upper() == name:
        return "opd"
    return None


def default_level_from_header(header: str) -> str | None:
    """A name column headed just `Kegiatan` (or `Sub Kegiatan`, `Program`) names its rows' level."""
    h = header.lower()
    found = [lvl for lvl, word in (("sub_kegiatan", "sub kegiatan"), ("kegiatan", "kegiatan"),
                                   ("program", "program")) if word in h]
    if "sub kegiatan" in h:
        found = [f for f in found if f != "kegiatan"]
    return found[0] if len(found) == 1 else None


def sums_to(parent: dict[str, Decimal], children: list[dict[str, Decimal]]) -> bool | None:
    """True when some amount of `parent` equals the children's sum (all printing it), None if
    the children do not print it yet (keep adding), False if it overshoots or mismatches."""
    for role, value in parent.items():
        if value == 0:
            continue
        vals = [c.get(role) for c in children]
        if any(v is None for v in vals):
            continue
        total = sum(vals, Decimal(0))
        if abs(total - value) <= Decimal(1):
            return True
        return None if total < value else False
    return False


def assign_levels(rows: list[RowInfo], header_level: str | None = None) -> None:
    """Set `level` on every row, in place."""
    for r in rows:
        lvl = level_from_words(r.name, r.texts) or level_from_code(r.code)
        if lvl:
            r.level, r.labelled = lvl, True
    _mark_sections(rows)
    # numbering styles of labelled rows name the level of unlabelled rows with the same style;
    # not a style whose labelled rows all print one code (`1` on every row: the first part of a
    # Kode split into columns, LKIP.pdf pp 77-81), which numbers nothing
    by_style: dict[str, Counter[str]] = {}
    codes: dict[str, set[str]] = {}
    for r in rows:
        style = numbering_style(r.code)
        if r.labelled and style and r.level != "total":
            by_style.setdefault(style, Counter())[r.level] += 1
            codes.setdefault(style, set()).add((r.code or "").strip())
    for style, printed in codes.items():
        if len(printed) == 1 and sum(by_style[style].values()) >= 2:
            del by_style[style]
    last_labelled: str | None = None
    for r in rows:
        if r.labelled:
            if r.section:
                last_labelled = None
            elif r.level != "total":
                last_labelled = r.level
            continue
        style = numbering_style(r.code)
        if not r.name.strip() and not r.amounts:
            r.level = "other"
        elif style in by_style:
            r.level = by_style[style].most_common(1)[0][0]
        elif last_labelled:
            r.level, r.below_labelled = CHILD[last_labelled], style is None
        elif header_level:
            r.level = header_level
    # unlabelled rows of one numbering style share a level: the one most of them got (this also
    # places rows above the first labelled row, and rows under a missing kegiatan heading)
    assigned: dict[str, Counter[str]] = {}
    for r in rows:
        style = numbering_style(r.code)
        if not r.labelled and r.level in RANK and style:
            assigned.setdefault(style, Counter())[r.level] += 1
    for r in rows:
        style = numbering_style(r.code)
        if not r.labelled and style in assigned and (r.level is None or r.level in RANK):
            r.level = assigned[style].most_common(1)[0][0]
        elif r.level is None:
            r.level = "other"
    _levels_from_arithmetic(rows)


def _mark_sections(rows: list[RowInfo]) -> None:
    """Upper-case headings without a code in a table whose rows mostly are not upper case
    (`TUGAS PEMBANTUAN`, `DANA DEKONSENTRASI`) open a part of the table: level 'other', and the
    rows after them do not belong to what came before."""
    named = [r for r in rows if r.name.strip()]
    upper = [r for r in named if r.name.upper() == r.name and any(ch.isalpha() for ch in r.name)]
    if not named or len(upper) * 2 > len(named):
        return
    for r in upper:
        if not r.labelled and not r.code and len(r.name.split()) >= 2:
            r.level, r.labelled, r.section = "other", True, True


def _levels_from_arithmetic(rows: list[RowInfo]) -> None:
    """Tangerang-style forms print kegiatan and sub kegiatan alike (no codes, no prefixes), under
    a labelled program, sometimes after one labelled kegiatan. When the rows under a parent do
    not sum to it as read, try the other readings: consecutive groups of a row and the rows it is
    the sum of (labelled rows always open a group), else the rows that sum to the parent in every
    column, else in one column (the parent's other figure being itself wrong)."""
    for i, parent in enumerate(rows):
        if parent.level not in RANK or parent.level == "sub_kegiatan" or not parent.amounts:
            continue
        child = CHILD[parent.level]
        block = _block_under(rows, i, child)
        if len(block) < 2:
            continue
        amounts = [rows[k].amounts for k in block]
        heads_now = [a for k, a in zip(block, amounts) if rows[k].level == child]
        if sums_to(parent.amounts, heads_now) is True:
            continue
        fixed = {pos for pos, k in enumerate(block) if rows[k].labelled}
        chosen = _heads_of_groups(amounts, fixed)
        if chosen is not None and not _agrees_somewhere(parent.amounts, [amounts[p] for p in chosen]):
            chosen = None
        if chosen is None and len(fixed) <= 1:  # only the opening row, if any, is labelled
            chosen = _children_summing_to(parent.amounts, amounts)
            for column in parent.amounts:
                if chosen is None and parent.amounts[column] != 0:
                    chosen = _children_summing_to({column: parent.amounts[column]}, amounts)
        if chosen is None or not _subs_within_heads(amounts, chosen):
            continue
        for pos, k in enumerate(block):
            rows[k].level_by = "sums"
            rows[k].level = child if pos in chosen else CHILD[child]


def _block_under(rows: list[RowInfo], i: int, child: str) -> list[int]:
    """Rows after `i` that may be its children or grandchildren: unlabelled rows of either level,
    and labelled rows of the child level (a `Kegiatan …` among rows printed alike)."""
    block: list[int] = []
    for j in range(i + 1, len(rows)):
        r = rows[j]
        if r.level == "other" and not r.amounts:  # e.g. a second indicator line
            continue
        if r.level not in (child, CHILD[child]) or (r.labelled and r.level != child):
            break
        if r.level == CHILD[child] and not block:
            break  # rows printed alike start with the parent's child
        block.append(j)
    if child == CHILD[child]:
        return []
    return block


def _subs_within_heads(rows: list[dict[str, Decimal]], heads: set[int]) -> bool:
    """A reading is implausible where a sub row exceeds, in some column, the head it falls under:
    amounts are spending, a part is never larger than its whole."""
    head: dict[str, Decimal] | None = None
    for pos, row in enumerate(rows):
        if pos in heads:
            head = row
        elif head is not None and any(row[c] > head[c] + 1 for c in row if c in head):
            return False
    return True


def _agrees_somewhere(parent: dict[str, Decimal], heads: list[dict[str, Decimal]]) -> bool:
    """The heads sum to the parent in at least one column the parent prints non-zero."""
    for column, value in parent.items():
        vals = [h.get(column) for h in heads]
        if value != 0 and None not in vals and abs(sum(vals, Decimal(0)) - value) <= Decimal(1):
            return True
    return False


def _equal_in_shared_columns(head: dict[str, Decimal], total: dict[str, Decimal]) -> bool:
    shared = [c for c in head if c in total]
    return bool(shared) and all(abs(head[c] - total[c]) <= Decimal(1) for c in shared)


def _heads_of_groups(rows: list[dict[str, Decimal]], fixed: set[int] = frozenset()) -> set[int] | None:
    """Read a block of rows printed alike as consecutive groups: a head row followed by the rows
    it is the sum of (a kegiatan and its sub kegiatan). Found only when every row falls in such a
    group and some head is not all zeros, so a block of one level (whose rows are not sums of
    the rows after them) is never split. Each group is taken as long as the rest still splits:
    zero rows after a group belong to it rather than opening empty groups. Independent of the
    parent's figures. Rows in `fixed` (labelled) always open a group."""
    n = len(rows)
    columns = sorted({c for r in rows for c in r})
    # ends[i]: the group starting at i may end at any of these positions (exclusive), longest first
    ends: list[list[int]] = []
    for i in range(n):
        acc = {c: Decimal(0) for c in columns}
        found = []
        for j in range(i + 1, n):
            if j in fixed or any(c not in rows[j] for c in rows[i]):
                break  # a sub row that does not print a column its head prints
            for c in rows[j]:
                acc[c] = acc.get(c, Decimal(0)) + rows[j][c]
            if _equal_in_shared_columns(rows[i], {c: acc[c] for c in rows[i]}):
                found.append(j + 1)
        ends.append(sorted(found, reverse=True))
    splits: dict[int, list[int] | None] = {n: []}
    for i in range(n - 1, -1, -1):
        splits[i] = next(([i, *rest] for end in ends[i] if (rest := splits[end]) is not None), None)
    heads = splits[0]
    if heads is None or all(v == 0 for k in heads for v in rows[k].values()):
        return None
    return set(heads)


SEARCH_LIMIT = 5000  # nodes; the search gives up (levels unchanged) on pathological blocks


def _children_summing_to(target: dict[str, Decimal], rows: list[dict[str, Decimal]]) -> set[int] | None:
    """Positions of the rows (the first always among them: it opens the block) whose amounts
    add up to `target` in every column both print; None when no such choice is found."""
    columns = [c for c, v in target.items() if v is not None and all(c in r for r in rows)]
    if not columns or any(r[c] < 0 for r in rows for c in columns):
        return None
    goal = [target[c] for c in columns]
    # the opening row first, then the largest: the big children are found (or ruled out) early
    order = [0] + sorted(range(1, len(rows)), key=lambda k: -sum(rows[k][c] for c in columns))
    vectors = [[rows[k][c] for c in columns] for k in order]
    # what the rows from position k on can still add: prunes branches that cannot reach the goal
    remaining = [[Decimal(0)] * len(columns) for _ in range(len(rows) + 1)]
    for k in range(len(rows) - 1, -1, -1):
        remaining[k] = [a + b for a, b in zip(remaining[k + 1], vectors[k])]
    nodes = 0
    chosen: list[int] = []

    def search(k: int, sums: list[Decimal]) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > SEARCH_LIMIT:
            return False
        if any(s > g + 1 for s, g in zip(sums, goal)):
            return False
        if any(s + r < g - 1 for s, r, g in zip(sums, remaining[k], goal)):
            return False
        if k == len(rows):
            return all(abs(s - g) <= 1 for s, g in zip(sums, goal))
        if all(v == 0 for v in vectors[k]) and k > 0:  # a row of zeros: its level changes no sum
            return search(k + 1, sums)
        chosen.append(k)
        if search(k + 1, [s + v for s, v in zip(sums, vectors[k])]):
            return True
        chosen.pop()
        return k > 0 and search(k + 1, sums)

    return {order[k] for k in chosen} if search(0, [Decimal(0)] * len(columns)) else None


def assign_parents(levels: list[str], sections: set[int] = frozenset()) -> list[int | None]:
    """Index of each row's parent: the nearest row above with a higher level, never across a
    section heading (rows in `sections`)."""
    parents: list[int | None] = []
    stack: list[int] = []
    for i, level in enumerate(levels):
        if i in sections:
            stack.clear()
        if level not in RANK:
            parents.append(None)
            continue
        while stack and RANK[levels[stack[-1]]] >= RANK[level]:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents
