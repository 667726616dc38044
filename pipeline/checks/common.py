"""Shared helpers for the consistency checks: tolerances, Indonesian number formatting, row labels,
name/code normalisation.

Every rule's message must let an auditor find the row in the PDF and see both figures, so the
formatting lives here once (`1.184.303.783`, `4,8%`, `hal. 12`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from schemas.model import AMOUNT_UNIT, BudgetLine, Flag

# Hierarchy rank of the levels that carry money: lower = higher in the tree. `total` and `other`
# are deliberately absent: they are never part of a parent/child sum.
LEVEL_RANK: dict[str, int] = {
    "opd": 0,
    "urusan": 1,
    "sasaran": 2,
    "program": 3,
    "kegiatan": 4,
    "sub_kegiatan": 5,
}

ONE = Decimal(1)
HALF = Decimal("0.5")
# A hair for values that went through float (IndicatorRow) or long division.
HAIR = Decimal("1e-9")

ROLE_LABEL: dict[str, str] = {
    "pagu_murni": "pagu murni",
    "pagu_perubahan": "pagu perubahan",
    "pagu": "pagu",
    "realisasi": "realisasi",
    "tw1_rp": "TW I",
    "tw2_rp": "TW II",
    "tw3_rp": "TW III",
    "tw4_rp": "TW IV",
    "realisasi_pct": "% realisasi",
}

QUARTER_ROLES = ("tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp")


# --------------------------------------------------------------------------- tolerances
def money_tolerance(n_terms: int, unit: Decimal = ONE) -> Decimal:
    """Allowed gap between a printed sum and the sum of its `n_terms` printed parts.

    Each part may have been rounded to its printed `unit` on its own (the rupiah; 10.000 rupiah
    for `287,50` in a column `(dlm juta)`, `printed_unit`), so the gap may grow by half a unit
    per part; never less than one unit.
    """
    return max(unit, HALF * n_terms * unit)


def printed_unit(lines: Iterable[BudgetLine]) -> Decimal:
    """The coarsest unit the lines' amounts are printed to: a rupiah, or what a scaled column's
    figures are rounded to (`AMOUNT_UNIT`)."""
    return max((Decimal(u) for line in lines if (u := line.raw_cells.get(AMOUNT_UNIT))), default=ONE)


def printed_decimals(value: Decimal, declared: int | None) -> int:
    """Digits after the separator as printed; falls back to the Decimal's own exponent."""
    if declared is not None:
        return max(0, declared)
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rounding_verdict(printed: Decimal, decimals: int, computed: Decimal) -> str | None:
    """How a printed percentage relates to the value computed from its figures.

    `ok`: within half a unit of the last printed digit (any sane rounding, incl. half-even);
    `truncated`: equals the computed value cut (not rounded) at the printed precision — a
    rounding-size slip; `None`: wrong beyond rounding.
    """
    unit = Decimal(1).scaleb(-decimals)
    if abs(printed - computed) <= unit * HALF + HAIR:
        return "ok"
    truncated = computed.quantize(unit, rounding=ROUND_DOWN)
    if abs(printed - truncated) <= HAIR:
        return "truncated"
    return None


def to_decimal(value: float | int | Decimal | None) -> Decimal | None:
    """Decimal from an IndicatorRow float without binary noise (`0.1` → `0.1`)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


# --------------------------------------------------------------------------- formatting
def fmt_rp(value: Decimal) -> str:
    """Indonesian style: `1.184.303.783`, `1.234,50` (cents only when there are any)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        return sign + f"{int(value):,}".replace(",", ".")
    q = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, frac = f"{q:,.2f}".split(".")
    return sign + whole.replace(",", ".") + "," + frac


def fmt_num(value: Decimal, decimals: int) -> str:
    """A plain number with a decimal comma at a fixed precision (`90,91`)."""
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{q:,.{decimals}f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def fmt_pct(value: Decimal, decimals: int) -> str:
    return fmt_num(value, decimals) + "%"


def where(page: int | None) -> str:
    return f"hal. {page}" if page is not None else "page unknown"


def describe(line: BudgetLine) -> str:
    """`'Kegiatan Penataan Organisasi' (kode 1.5, hal. 12, table 3 row 14)`.

    The page comes first: it is what an auditor turns to. `table` is the extracted table's order
    in the document, not the printed caption number (`Tabel 3.8`), which lines do not carry.
    """
    parts = []
    if line.code:
        parts.append(f"kode {line.code}")
    if line.page is None and line.source_line is not None:
        parts.append(f"line {line.source_line}")  # text inputs have lines, not pages
    else:
        parts.append(where(line.page))
    parts.append(f"table {line.table_no} row {line.row_no}")
    label = line.name or (f"indikator: {line.indicator}" if line.indicator else "")
    return f"'{label}' ({', '.join(parts)})"


def line_flag(rule: str, line: BudgetLine, message: str, *, severity: str = "error",
              expected: Decimal | None = None, actual: Decimal | None = None,
              other: BudgetLine | None = None) -> Flag:
    """A flag on one budget line: the row, its page (where an auditor looks) and the figures."""
    return Flag(rule=rule, severity=severity, message=message, line=line.key, page=line.page,
                expected=expected, actual=actual, other_line=other.key if other is not None else None)


def level_label(level: str) -> str:
    return level.replace("_", " ")


def rows_of(n: int, level: str) -> str:
    """`1 program row`, `3 sub kegiatan rows`."""
    return f"{n} {level_label(level)} row{'s' if n != 1 else ''}"


# --------------------------------------------------------------------------- grouping / matching
def by_table(lines: Iterable[BudgetLine]) -> dict[int, list[BudgetLine]]:
    tables: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        tables[line.table_no].append(line)
    for table_lines in tables.values():
        table_lines.sort(key=lambda l: l.row_no)
    return dict(tables)


_LEADING_NUMBERING = re.compile(r"^\s*(?:(?:\d+|[a-z])[.)]\s*)+(?:\d+\s+)?|^\s*\d+(?:\.\d+)+\s+")
_PREFIX = re.compile(r"^\s*(?:sub[\s\-]*kegiatan|kegiatan|program)\b[\s:.\-]*")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """Key for matching one program/kegiatan printed in two places.

    Lowercase, leading numbering (`1.2`, `a.`) and the `program`/`kegiatan`/`sub kegiatan` prefix
    removed, punctuation to spaces, whitespace collapsed — tables differ in exactly these.
    """
    s = unicodedata.normalize("NFKC", name).lower()
    s = _LEADING_NUMBERING.sub("", s)
    s = _PREFIX.sub("", s)
    s = _NON_WORD.sub(" ", s)
    return " ".join(s.split())


def structured_code(code: str | None) -> str | None:
    """The code if it is a nomenclature code (`1.01.01.2.01.0001`), None for row numbering.

    Numbering such as `1.2` or `II.` restarts in every table and would match unrelated rows, so
    only codes with at least three parts and a zero-padded/long part (or an `X` placeholder) count.
    """
    if not code:
        return None
    c = re.sub(r"\s+", "", code).upper().strip(".")
    parts = c.split(".")
    if len(parts) < 3 or not all(p.isalnum() for p in parts):
        return None
    if any((len(p) >= 2 and p[0] == "0") or len(p) >= 3 or "X" in p for p in parts):
        return c
    return None


def budgets(line: BudgetLine) -> set[Decimal]:
    """Every budget figure the row prints: a revised and an original budget are both legitimate
    values for `the budget` of a line when comparing two tables or documents."""
    return {v for v in (line.pagu, line.pagu_murni, line.pagu_perubahan) if v is not None}
