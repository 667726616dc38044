"""Score an extraction against hand-checked truth files (``tests/eval/truth/*.json``).

Pure Python: no DuckDB here. The caller fetches a document's ``budget_lines`` and
``indicators`` rows (dicts keyed by the SCHEMA.md column names) and hands them over.

Truth file (one per document)::

    {
      "document": "tangerang-2023/damkar.pdf",   # path relative to the corpus root
      "pages": [1, 2, 3],                         # pages the truth covers completely (1-based)
      "checked": "how and when it was checked, what was hard",
      "budget_cells": [
        {"page": 1, "name": "...", "code": "1.", "role": "pagu", "value": "1234567890"}
      ],
      "indicator_cells": [
        {"page": 1, "indikator": "...", "role": "target_value", "value": "100",
         "aliases": ["<parent indikator> : <sub-item>"]}          # aliases optional
      ]
    }

Scoring rules
-------------
* A predicted cell is (row name, role, value) for every non-null role value of a row whose
  ``page`` is one of the truth's ``pages``. Budget rows are named by ``name``, indicator rows
  by ``indikator``. Budget lines stated in prose (``source = 'prose'``) are not table cells,
  which is all a truth file lists: they are left out.
* A predicted cell is right when it has the truth cell's role, its value equals the truth's
  value (amount roles exactly, after Decimal conversion: ``1234.00 == 1234``; percent roles and
  all indicator values within ``VALUE_TOLERANCE`` = 0.005) and the names match.
* Names match when their normalised forms (:func:`normalise_name`) are equal, or when
  ``difflib.SequenceMatcher(None, a, b).ratio() >= NAME_RATIO`` (0.9). A truth cell may list
  ``aliases``: other accepted names (e.g. the composite "parent : sub-item" form).
* Each truth cell matches at most one predicted cell and vice versa; the matching is a maximum
  bipartite matching (so the order of rows never costs a match), trying same-page pairs first.
  Pages are otherwise not required to agree: a row that wraps over a page break may be
  reported on either page.
* Names aside (``score_document(..., names=False)``, ``lkjip eval --names-aside``): a cell is
  right when its page, role and value are; the names are not compared. It tells how many
  figures were read right where the names were misread (an OCR'd name garbled past
  ``NAME_RATIO``), and is an upper bound: two rows' equal values (a `0`) may pair across rows.
* precision = matched predicted cells / predicted cells on truth pages;
  recall = matched truth cells / truth cells. Budget (amount) cells and indicator cells are
  scored separately; the overall figures are micro-averages (sums over documents).
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

BUDGET_ROLES = (
    "pagu_murni", "pagu_perubahan", "pagu", "realisasi", "realisasi_pct",
    "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp",
)
INDICATOR_ROLES = (
    "target_value", "realisasi_value", "capaian_pct",
    "tw1_value", "tw2_value", "tw3_value", "tw4_value",
)
#: budget roles compared exactly (rupiah); every other role is compared with the tolerance
EXACT_ROLES = frozenset(r for r in BUDGET_ROLES if r != "realisasi_pct")
VALUE_TOLERANCE = Decimal("0.005")
NAME_RATIO = 0.9

TRUTH_KEYS = {"document", "pages", "checked", "budget_cells", "indicator_cells"}
BUDGET_CELL_KEYS = {"page", "name", "role", "value"}
BUDGET_CELL_OPTIONAL = {"code", "aliases", "note"}
INDICATOR_CELL_KEYS = {"page", "indikator", "role", "value"}
INDICATOR_CELL_OPTIONAL = {"aliases", "note"}


# --------------------------------------------------------------------------- names
_ENUM_RE = re.compile(
    r"""^\s*(?:
        [-\u2013\u2022*\u00b7]+                              # bullets: - – • * ·
      | \(?[0-9]+(?:\.[0-9]+)*[.)]                           # 1.  1.1.  1)  (1)
      | [0-9]+(?:\.[0-9]+)+                                  # 1.01.01 (a code)
      | \(?[a-z][.)]                                         # a.  a)  (a)
      | \(?[ivxlcdm]+[.)]                                    # II.  iv)
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_LEADING_WORD_RE = re.compile(r"^(?:sub\s*kegiatan|kegiatan|program)\s+")
_NON_WORD_RE = re.compile(r"[^\w\s]|_", re.UNICODE)


def normalise_name(text: str | None) -> str:
    """The form names are compared in.

    Steps: None -> ""; strip leading list markers and codes ("1.", "1.1.", "a)", "II.", "-",
    "1.01.01"), repeatedly; Unicode NFKD with combining marks dropped ("peñata" -> "penata");
    casefold; every punctuation character becomes a space (so "RKA- SKPD", "RKA-SKPD" and
    "RKA SKPD" agree); whitespace collapsed; one leading "program", "kegiatan" or
    "sub kegiatan" word removed.
    """
    if text is None:
        return ""
    s = str(text)
    while True:
        stripped = _ENUM_RE.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold()
    s = _NON_WORD_RE.sub(" ", s)
    s = " ".join(s.split())
    s = _LEADING_WORD_RE.sub("", s)
    return s


def names_match(truth_names: Iterable[str], predicted: str | None) -> bool:
    """True when ``predicted`` matches any of ``truth_names`` (see module doc)."""
    p = normalise_name(predicted)
    for t in truth_names:
        n = normalise_name(t)
        if n == p:
            return True
        if n and p and difflib.SequenceMatcher(None, n, p, autojunk=False).ratio() >= NAME_RATIO:
            return True
    return False


# --------------------------------------------------------------------------- values
def to_decimal(value: Any) -> Decimal | None:
    """Decimal from a Decimal/int/float/str cell value; None for None, NaN, '' or junk."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return None if value.is_nan() else value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return Decimal(repr(value))
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return None if d.is_nan() or d.is_infinite() else d


def values_match(role: str, truth: Decimal, predicted: Decimal) -> bool:
    if role in EXACT_ROLES:
        return truth == predicted
    return abs(truth - predicted) <= VALUE_TOLERANCE


# --------------------------------------------------------------------------- truth files
def validate_truth(truth: dict) -> list[str]:
    """Problems with one truth dict (empty list when it is valid)."""
    errs: list[str] = []
    missing = TRUTH_KEYS - set(truth)
    if missing:
        errs.append(f"missing keys {sorted(missing)}")
    extra = {k for k in set(truth) - TRUTH_KEYS if not k.startswith("_")}  # "_file" is added by load_truth
    if extra:
        errs.append(f"unknown keys {sorted(extra)}")
    doc = truth.get("document")
    if not isinstance(doc, str) or not doc or doc.startswith("/"):
        errs.append("document must be a path relative to the corpus root")
    pages = truth.get("pages")
    if (not isinstance(pages, list) or not pages
            or not all(isinstance(p, int) and not isinstance(p, bool) and p >= 1 for p in pages)):
        errs.append("pages must be a non-empty list of 1-based page numbers")
        pages = []
    elif len(set(pages)) != len(pages):
        errs.append("pages has duplicates")
    if not isinstance(truth.get("checked"), str) or not truth.get("checked", "").strip():
        errs.append("checked must say how the values were checked")
    for kind, keys, optional, roles, name_key in (
        ("budget_cells", BUDGET_CELL_KEYS, BUDGET_CELL_OPTIONAL, BUDGET_ROLES, "name"),
        ("indicator_cells", INDICATOR_CELL_KEYS, INDICATOR_CELL_OPTIONAL, INDICATOR_ROLES, "indikator"),
    ):
        cells = truth.get(kind)
        if not isinstance(cells, list):
            errs.append(f"{kind} must be a list")
            continue
        for i, c in enumerate(cells):
            where = f"{kind}[{i}]"
            if not isinstance(c, dict):
                errs.append(f"{where} is not an object")
                continue
            if keys - set(c):
                errs.append(f"{where} missing {sorted(keys - set(c))}")
            if set(c) - keys - optional:
                errs.append(f"{where} unknown keys {sorted(set(c) - keys - optional)}")
            if c.get("role") not in roles:
                errs.append(f"{where} role {c.get('role')!r} not in {roles}")
            if not isinstance(c.get(name_key), str):
                errs.append(f"{where} {name_key} must be a string")
            v = c.get("value")
            if not isinstance(v, str) or to_decimal(v) is None or v.strip() != v:
                errs.append(f"{where} value {v!r} is not a plain decimal string")
            elif c.get("role") in EXACT_ROLES and to_decimal(v) != to_decimal(v).to_integral_value():
                errs.append(f"{where} amount {v!r} is not whole rupiah")
            if c.get("page") not in pages:
                errs.append(f"{where} page {c.get('page')!r} not in pages")
            aliases = c.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                errs.append(f"{where} aliases must be a list of strings")
    return errs


def load_truth(truth_dir: Path) -> list[dict]:
    """All ``*.json`` truth files under ``truth_dir``, sorted by file name.

    Each dict gets a ``_file`` key (the file's name). Raises ``ValueError`` naming the file
    when one is invalid.
    """
    out = []
    for path in sorted(Path(truth_dir).glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            truth = json.load(fh)
        errs = validate_truth(truth)
        if errs:
            raise ValueError(f"{path.name}: " + "; ".join(errs[:10]))
        truth["_file"] = path.name
        out.append(truth)
    return out


def find_source_path(truth: dict, source_paths: Iterable[str]) -> str | None:
    """The warehouse ``documents.source_path`` that is the truth's document.

    Matches on the path ending with the truth's ``document`` (corpus-relative), so an ingest
    root anywhere works; falls back to the file name alone when that is unique.
    """
    want = truth["document"].replace("\\", "/")
    paths = [p for p in source_paths if p]
    norm = {p: p.replace("\\", "/") for p in paths}
    hits = [p for p, n in norm.items() if n == want or n.endswith("/" + want)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        return min(hits, key=len)
    base = want.rsplit("/", 1)[-1]
    hits = [p for p, n in norm.items() if n.rsplit("/", 1)[-1] == base]
    return hits[0] if len(hits) == 1 else None


# --------------------------------------------------------------------------- scoring
@dataclass
class Cell:
    page: int | None
    name: str
    role: str
    value: Decimal
    aliases: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"p{self.page} {self.role}={self.value} {self.name[:70]!r}"


@dataclass
class CellScore:
    truth: int = 0          # truth cells
    predicted: int = 0      # predicted cells on truth pages
    matched: int = 0        # pairs (truth cell, predicted cell) judged right
    missed: list[Cell] = field(default_factory=list)   # truth cells without a match
    wrong: list[Cell] = field(default_factory=list)    # predicted cells without a match

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.truth if self.truth else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def __iadd__(self, other: "CellScore") -> "CellScore":
        self.truth += other.truth
        self.predicted += other.predicted
        self.matched += other.matched
        return self


@dataclass
class DocScore:
    document: str
    budget: CellScore
    indicator: CellScore

    @property
    def cells(self) -> CellScore:
        total = CellScore()
        total += self.budget
        total += self.indicator
        return total


def _truth_cells(cells: list[dict], name_key: str) -> list[Cell]:
    out = []
    for c in cells:
        out.append(Cell(page=c["page"], name=c[name_key], role=c["role"],
                        value=to_decimal(c["value"]), aliases=tuple(c.get("aliases", ()))))
    return out


def _derived_pagu(row: dict, role: str) -> bool:
    """The effective `pagu` the records fill in from a printed pagu murni or perubahan."""
    return role == "pagu" and row.get("pagu") is not None and row.get("pagu") in (
        row.get("pagu_perubahan"), row.get("pagu_murni"))


def _predicted_cells(rows: list[dict], name_key: str, roles: tuple[str, ...], pages: set[int],
                     unpaged: int | None = None, derived_pagu: bool = False) -> list[Cell]:
    """`unpaged`: the page of rows that have none (a text conversion without page breaks is page
    1). `derived_pagu`: leave out a `pagu` that only repeats the row's murni or perubahan (for
    truth that lists those and no `pagu`: it was never printed as a cell of its own)."""
    out = []
    for row in rows or ():
        page = row.get("page")
        try:
            page = int(page) if page is not None else unpaged
        except (TypeError, ValueError):
            page = None
        if page not in pages or row.get("source") == "prose":
            continue
        name = row.get(name_key)
        for role in roles:
            if derived_pagu and _derived_pagu(row, role):
                continue
            v = to_decimal(row.get(role))
            if v is not None:
                out.append(Cell(page=page, name="" if name is None else str(name), role=role, value=v))
    return out


def _match(truth: list[Cell], pred: list[Cell], names: bool = True) -> CellScore:
    """Maximum bipartite matching between truth and predicted cells (augmenting paths);
    `names` False: the names are not compared (module doc, "Names aside")."""
    # candidate truth cells for every predicted cell, same page first
    cand: list[list[int]] = []
    name_cache: dict[tuple[int, str], bool] = {}
    by_role: dict[str, list[int]] = {}
    for ti, t in enumerate(truth):
        by_role.setdefault(t.role, []).append(ti)
    for p in pred:
        same, other = [], []
        for ti in by_role.get(p.role, ()):
            t = truth[ti]
            if not values_match(p.role, t.value, p.value):
                continue
            if names:
                key = (ti, p.name)
                if key not in name_cache:
                    name_cache[key] = names_match((t.name, *t.aliases), p.name)
                if not name_cache[key]:
                    continue
            (same if t.page == p.page else other).append(ti)
        cand.append(same + other if names else same)  # names aside, the page must agree

    owner = [-1] * len(truth)  # truth index -> predicted index
    taken = [-1] * len(pred)   # predicted index -> truth index

    def augment(start: int) -> bool:
        """Breadth-first search for an augmenting path from predicted cell ``start``."""
        reached_from: dict[int, int] = {}  # truth index -> predicted index that reached it
        queue = [start]
        head = 0
        while head < len(queue):
            pi = queue[head]
            head += 1
            for ti in cand[pi]:
                if ti in reached_from:
                    continue
                reached_from[ti] = pi
                if owner[ti] == -1:
                    while True:  # flip the path back to start
                        pj = reached_from[ti]
                        previous = taken[pj]
                        owner[ti], taken[pj] = pj, ti
                        if previous == -1:
                            return True
                        ti = previous
                queue.append(owner[ti])
        return False

    for pi in range(len(pred)):
        if cand[pi]:
            augment(pi)

    matched_pred = {pi for pi in owner if pi != -1}
    score = CellScore(truth=len(truth), predicted=len(pred), matched=len(matched_pred))
    score.missed = [truth[ti] for ti in range(len(truth)) if owner[ti] == -1]
    score.wrong = [pred[pi] for pi in range(len(pred)) if pi not in matched_pred]
    return score


def score_document(truth: dict, budget_rows: list[dict], indicator_rows: list[dict],
                   names: bool = True) -> DocScore:
    """Score one document's extracted rows against its truth dict (see module doc); `names`
    False scores the values alone ("Names aside")."""
    pages = set(truth["pages"])
    unpaged = 1 if truth["document"].lower().endswith(".txt") else None
    truth_roles = {c["role"] for c in truth.get("budget_cells", [])}
    derived = "pagu" not in truth_roles and bool(truth_roles & {"pagu_murni", "pagu_perubahan"})
    budget = _match(
        _truth_cells(truth.get("budget_cells", []), "name"),
        _predicted_cells(budget_rows, "name", BUDGET_ROLES, pages, unpaged, derived),
        names,
    )
    indicator = _match(
        _truth_cells(truth.get("indicator_cells", []), "indikator"),
        _predicted_cells(indicator_rows, "indikator", INDICATOR_ROLES, pages, unpaged),
        names,
    )
    return DocScore(document=truth["document"], budget=budget, indicator=indicator)


# --------------------------------------------------------------------------- report
def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def _counts(c: CellScore) -> str:
    return f"{c.matched}/{c.predicted}/{c.truth}"


def _line(label: str, b: CellScore, i: CellScore, width: int) -> str:
    return (f"{label:<{width}}  {_fmt(b.precision)} {_fmt(b.recall)} {_counts(b):>17}"
            f"    {_fmt(i.precision)} {_fmt(i.recall)} {_counts(i):>17}")


def format_report(scores: list[DocScore], details: int = 0) -> str:
    """Per-document and overall (micro-averaged) precision/recall, budget and indicator cells.

    Columns per kind: precision, recall, matched/predicted/truth. ``details`` > 0 appends up to
    that many missed truth cells and wrong predicted cells per document.
    """
    width = max([len("document"), len("OVERALL (micro)")] + [len(s.document) for s in scores])
    sub = f"{'P':>5} {'R':>5} {'ok/pred/truth':>17}"
    head = (f"{'':<{width}}  {'budget (amount) cells':<29}    {'indicator cells':<29}\n"
            f"{'document':<{width}}  {sub}    {sub}")
    rule = "-" * (width + 2 + 29 + 4 + 29)
    lines = [head, rule]
    tb, ti = CellScore(), CellScore()
    for s in scores:
        lines.append(_line(s.document, s.budget, s.indicator, width))
        tb += s.budget
        ti += s.indicator
    lines.append(rule)
    lines.append(_line("OVERALL (micro)", tb, ti, width))
    if details > 0:
        for s in scores:
            parts = []
            for kind, cs in (("budget", s.budget), ("indicator", s.indicator)):
                for c in cs.missed[:details]:
                    parts.append(f"  missed {kind}: {c.describe()}")
                for c in cs.wrong[:details]:
                    parts.append(f"  wrong  {kind}: {c.describe()}")
            if parts:
                lines.append("")
                lines.append(s.document)
                lines.extend(parts)
    return "\n".join(lines)
