"""`cross_document_mismatch`: one line of one region + unit + year printed in two documents
(e.g. the PK and the LKjIP) with different budgets.

Only documents of the same region, unit and year are compared (that also keeps the fuzzy name
matching small). Lines match by nomenclature code when both print one, else by normalised name,
else by name similarity (difflib ratio ≥ `FUZZY_THRESHOLD`; such a match is only a `warning`,
and the score is in the message). Budgets agree when any printed budget of one (pagu, murni,
perubahan) equals one of the other's: a PK signed on the original budget and an LKjIP reporting
the revised one are consistent.

Flags are raised from `doc`'s side only; the pipeline calls this once per document, so both
documents of a pair get their own flag.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from schemas.model import BudgetLine, Flag

from .common import budgets, describe, fmt_rp, normalise_name, structured_code
from .cross_table import MATCH_LEVELS, any_same, compatible, match_keys

RULE = "cross_document_mismatch"
FUZZY_THRESHOLD = 0.9


@dataclass
class DocLines:
    """What the cross-document check needs of one loaded document."""

    doc_id: str
    region_name: str | None
    unit_name: str | None
    year: int | None
    doc_type: str
    lines: list[BudgetLine]
    line_ids: dict[tuple[int, int], str] = field(default_factory=dict)


def _scope(doc: DocLines) -> tuple[str, str, int] | None:
    if not doc.region_name or not doc.unit_name or doc.year is None:
        return None
    return (" ".join(doc.region_name.upper().split()), normalise_name(doc.unit_name), doc.year)


@dataclass
class _Index:
    by_code: dict[tuple[str, str], list[BudgetLine]]
    by_name: dict[tuple[str, str], list[BudgetLine]]
    by_level: dict[str, list[tuple[str, BudgetLine]]]


def _index(lines: list[BudgetLine]) -> _Index:
    idx = _Index(defaultdict(list), defaultdict(list), defaultdict(list))
    for line in lines:
        if line.level not in MATCH_LEVELS:
            continue
        code = structured_code(line.code)
        if code:
            idx.by_code[(line.level, code)].append(line)
        name = normalise_name(line.name)
        if name:
            idx.by_name[(line.level, name)].append(line)
            idx.by_level[line.level].append((name, line))
    return idx


def _fuzzy(
    name: str, line: BudgetLine, idx: _Index, taken: set[tuple[str, str]]
) -> tuple[list[BudgetLine], float]:
    """Best similar-named line(s) at the same level; ties at the best score are all returned.

    Lines of the other document whose name has an exact partner in this one (`taken`) are not
    candidates: that keeps the quadratic part to the leftovers of both sides.
    """
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(name)
    best, score = [], 0.0
    for cand_name, cand in idx.by_level.get(line.level, ()):
        if (line.level, cand_name) in taken or not compatible(line, cand):
            continue
        matcher.set_seq1(cand_name)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            continue
        r = matcher.ratio()
        if r < FUZZY_THRESHOLD or r < score:
            continue
        if r > score:
            best, score = [], r
        best.append(cand)
    return best, score


def _match(
    line: BudgetLine, idx: _Index, taken: set[tuple[str, str]]
) -> tuple[list[BudgetLine], str, float]:
    code = structured_code(line.code)
    if code and (line.level, code) in idx.by_code:
        return idx.by_code[(line.level, code)], "code", 1.0
    name = normalise_name(line.name)
    if not name:
        return [], "", 0.0
    exact = [c for c in idx.by_name.get((line.level, name), ()) if compatible(line, c)]
    if exact:
        return exact, "name", 1.0
    fuzzy, score = _fuzzy(name, line, idx, taken)
    return fuzzy, "similar name", score


def _budget_pool(lines: list[BudgetLine]) -> dict[tuple[str, str, str], set]:
    """Every budget a document prints for a line, over all its tables.

    A summary table may print only the revised budget of a program whose original budget is in
    the detail table; the document as a whole states both, and a PK on the original budget
    agrees with it. Disagreements between tables are `cross_table_mismatch`'s business.
    """
    pool: dict[tuple[str, str, str], set] = defaultdict(set)
    for line in lines:
        if line.level in MATCH_LEVELS:
            for key in match_keys(line):
                pool[key] |= budgets(line)
    return pool


def _pooled(line: BudgetLine, pool: dict[tuple[str, str, str], set]) -> set:
    out = set(budgets(line))
    for key in match_keys(line):
        out |= pool.get(key, set())
    return out


def check_across_documents(doc: DocLines, others: list[DocLines]) -> list[Flag]:
    scope = _scope(doc)
    if scope is None:
        return []
    flags: list[Flag] = []
    peers = [o for o in others if o.doc_id != doc.doc_id and _scope(o) == scope]
    if not peers:
        return []
    own_pool = _budget_pool(doc.lines)
    taken = {
        (l.level, n) for l in doc.lines if l.level in MATCH_LEVELS and (n := normalise_name(l.name))
    }
    for other in peers:
        idx, other_pool = _index(other.lines), _budget_pool(other.lines)
        for line in doc.lines:
            if line.level not in MATCH_LEVELS or not budgets(line):
                continue
            candidates, how, score = _match(line, idx, taken)
            candidates = [c for c in candidates if budgets(c)]
            if not candidates:
                continue
            mine = _pooled(line, own_pool)
            if any(any_same(mine, _pooled(c, other_pool)) for c in candidates):
                continue
            flags.append(_flag(line, doc, candidates[0], other, how, score))
    return flags


def _flag(
    line: BudgetLine, doc: DocLines, match: BudgetLine, other: DocLines, how: str, score: float
) -> Flag:
    mine = line.pagu if line.pagu is not None else min(budgets(line))
    theirs = match.pagu if match.pagu is not None else min(budgets(match))
    fuzzy = how == "similar name"
    matched = f"name similarity {score:.2f}".replace(".", ",") if fuzzy else how
    return Flag(
        rule=RULE,
        severity="warning" if fuzzy else "error",
        message=(
            f"{describe(line)}: pagu {fmt_rp(mine)} differs from {fmt_rp(theirs)} for the same "
            f"{line.level.replace('_', ' ')} in the {other.doc_type} document "
            f"{other.doc_id[:12]} {describe(match)} (matched by {matched}; "
            f"difference {fmt_rp(abs(mine - theirs))}){_hint(doc, other)}."
        ),
        line=line.key,
        other_doc_id=other.doc_id,
        other_line_id=other.line_ids.get(match.key),
        expected=theirs,
        actual=mine,
        page=line.page,
    )


def _hint(doc: DocLines, other: DocLines) -> str:
    """A PK is signed on the original budget, an LKjIP usually reports the revised one."""
    if (doc.doc_type == "pk") != (other.doc_type == "pk"):
        return "; a PK states the original budget, so check whether the APBD revision explains it"
    return ""
