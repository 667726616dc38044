"""Turn a table cell's text into a typed value (amount, percent, count, label ...).

Indonesian reports mix two number conventions -- `1.234.567,89` (Indonesian) and
`1,234,567.89` (English, from spreadsheets) -- often in the same document.  Most cells
say which one they use; the rest (`1.000`, `12,500`: one separator followed by exactly
three digits) are *ambiguous* and are resolved only by a convention inferred from the
whole column or document (`infer_convention`), never guessed cell by cell.

Decision rules, in order, for the number part of a cell:

1. Grouping decides when it can: two or more groups of one separator (`1.234.567`) make
   it the thousands separator; with both separators (`1.234,5`) the last one is the
   decimal one; a lone separator followed by 1, 2 or 4+ digits (`12.5`, `46,95`) or
   preceded by 4+ digits or a leading zero (`1234.567`, `0,125`) is decimal.  Impossible
   grouping (`1.23.4`, `12,34,567`) is unparsed.  A cell decided this way is read by its
   own form even if it contradicts the convention (noted in `reason`).
2. A lone 3-digit group (`1.000`) is ambiguous.  It is resolved, in this order, by
   a. a no-cents suffix in the same cell: `,-` means ',' is decimal, `.-` means '.';
   b. the percent rule: in a percent, reading the group as thousands would give more
      than 1000 % (`99.998%` -> 99998 %), which is absurd, so it is decimal (99.998);
      this beats the convention.  Only `1.000 %` itself is left to the convention;
   c. the convention passed in;
   d. otherwise the cell is unparsed ("ambiguous separator: no convention").
3. Spaces between digits: with no `.`/`,` in the number they are thousands separators
   only if every group after the first has exactly 3 digits (`1 234 567`); with
   separators they are OCR/line-wrap splits and are removed (`98,2 9%` -> 98.29), and the
   rejoined number must still have valid grouping.  A line break is also allowed right
   after a separator (`15.071.\n228`), a plain space is not (`1, 2` is a list).
4. Sign: a leading `-`/`+`; parentheses around a plain amount mean negative (accounting),
   around a percent, count or labelled value they are just brackets.

Everything else (currency `Rp`/`IDR`, scale words `ribu`/`juta`/`miliar`/`M`, units,
`(B)` grades, `A (82)`, dashes) is described on `parse_value`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "ENGLISH",
    "INDONESIAN",
    "NumberConvention",
    "ParsedValue",
    "infer_convention",
    "parse_value",
]


@dataclass(frozen=True, slots=True)
class NumberConvention:
    decimal_sep: str | None  # "," (1.234.567,89), "." (1,234,567.89) or None = unknown
    evidence: int = 0  # how many cells decided it (for logging)

    def __post_init__(self) -> None:
        if self.decimal_sep not in (",", ".", None):
            raise ValueError(f"decimal_sep must be ',', '.' or None, not {self.decimal_sep!r}")


INDONESIAN = NumberConvention(",")
ENGLISH = NumberConvention(".")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    kind: str  # amount | percent | count | qualitative | dash | empty | unparsed
    value: Decimal | None
    raw: str
    unit: str | None = None
    label: str | None = None
    decimals: int | None = None  # digits printed after the decimal separator, 0 if none
    currency: bool = False  # "Rp"/"IDR" was printed
    reason: str | None = None  # why unparsed, or a note


# A percent whose lone 3-digit group read as thousands would exceed this is read as decimal.
PERCENT_LIMIT = 1000

_OTHER = {",": ".", ".": ","}
_AMBIGUOUS = "?"
_SCALES = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "milyar": 9, "miliar": 9, "m": 9,
           "triliun": 12, "trilyun": 12}

# --- cleaning -------------------------------------------------------------------------

_BREAK_TAG_RE = re.compile(r"<\s*/?\s*(?:br|p|div)\b[^<>]*>", re.I)
_INLINE_TAG_RE = re.compile(r"<\s*/?\s*(?:b|i|u|em|strong|span|font|sup|sub)\b[^<>]*>", re.I)
_WS_RE = re.compile(r"\s+")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _translation() -> dict[int, str | None]:
    """Map look-alike characters PDFs and OCR emit to ASCII.  Not NFKC: that would turn
    a superscript footnote marker (`94%²`) into a digit and corrupt the value."""
    table: dict[int, str | None] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # fullwidth
    for c in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[c] = " "
    for c in (0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        table[c] = None  # soft hyphen, zero-width characters
    for c in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63):
        table[c] = "-"  # hyphens, en/em dashes, minus sign
    return table


_TRANSLATION = _translation()


def _collapse_ws(m: re.Match[str]) -> str:
    return " " if _LINE_BREAKS.isdisjoint(m.group()) else "\n"


def _clean(text: str) -> str:
    """Strip simple HTML, normalise look-alike characters and collapse each whitespace run
    to one space or one newline (so the grammar below never sees long whitespace runs)."""
    if "<" in text:
        text = _INLINE_TAG_RE.sub("", _BREAK_TAG_RE.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = text.translate(_TRANSLATION)
    return _WS_RE.sub(_collapse_ws, text).strip()


# --- grammar --------------------------------------------------------------------------

_CURRENCY = r"(?:(?:rp|idr)\s?\.?\s?)+"
_LABEL = r"[^\W\d_](?:[^\W\d_]|[\s+/.'&-])*?"
_UNIT_WORD = r"[^\W\d_][\w.'-]*"

# One number with its decorations.  fullmatch only; whitespace runs are single characters.
_NUMERIC_RE = re.compile(
    rf"""
    (?P<open>\(\s?)?
    (?P<sign>[-+]\s?)?
    (?P<cur>{_CURRENCY})?
    (?P<open2>\(\s?)?
    (?P<sign2>[-+]\s?)?
    (?P<num>[0-9]+(?:(?:\s?[.,]\n?|\s)[0-9]+)*)  # `2,602,500 ,000`: a wrap before a separator
    (?P<nocents>\s?[.,]\s?-{{1,2}})?
    (?:\s?(?P<scale>ribu|rb|juta|jt|mil[iy]ar|tril[iy]un|(?-i:M))\.?(?![^\W_]))?
    (?:\s?(?P<pct>%|persen(?![^\W_])))?
    (?:\s?\*{{1,3}})?  # a footnote mark: `992.770 *`, `352,390*`
    (?P<close>\s?\))?
    (?:\s?\(\s?(?P<plabel>{_LABEL})\s?\)
       |\s(?P<unit>{_UNIT_WORD}(?:\s?/\s?{_UNIT_WORD}|\s{_UNIT_WORD}){{0,5}}))?  # `1.5e3` is no unit
    (?:\s?\*{{1,3}})?  # ... or after the unit: `4 Dokumen*`, a scan's `150.000 m*` (m³)
    (?P<close2>\s?\))?
    """,
    re.I | re.X,
)
# `A (82)`, `Baik (75,5 %)`: a label with its score in brackets.
_LABEL_FIRST_RE = re.compile(rf"(?P<label>{_LABEL})\s?\(\s?(?P<inner>[^()]*?)\s?\)")
_DASH_RE = re.compile(rf"(?P<cur>{_CURRENCY})?-{{1,3}}(?:\s?[.,]\s?-{{1,2}})?(?:\s?(?P<pct>%))?", re.I)
_CURRENCY_ONLY_RE = re.compile(_CURRENCY, re.I)
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_ANY_DIGIT_RE = re.compile(r"\d")
_SLASH_RE = re.compile(r"\s?/\s?")


class _Reject(Exception):
    """Internal: the cell cannot be read; the message is the `reason`."""


# --- the number itself ----------------------------------------------------------------


def _is_lead_group(group: str) -> bool:
    return 1 <= len(group) <= 3 and group[0] != "0"


def _check_thousands(groups: list[str]) -> None:
    if not _is_lead_group(groups[0]) or any(len(g) != 3 for g in groups[1:]):
        raise _Reject("invalid digit grouping")


def _compact(core: str) -> str:
    """Remove whitespace inside the number, or reject it when it separates two numbers."""
    if " " not in core and "\n" not in core:
        return core
    if "." in core or "," in core:  # OCR / line-wrap split inside a number
        return core.replace(" ", "").replace("\n", "")
    groups = core.split()
    if not _is_lead_group(groups[0]) or any(len(g) != 3 for g in groups[1:]):
        raise _Reject("digits separated by spaces are not one number")
    return "".join(groups)


def _own_decimal_sep(core: str) -> str:
    """The decimal separator the grouping alone implies: ',' or '.', '' when the number has
    no separator, _AMBIGUOUS for a lone 3-digit group; raises _Reject for bad grouping."""
    dots, commas = core.count("."), core.count(",")
    if not dots and not commas:
        return ""
    if dots and commas:
        last = max(core.rfind("."), core.rfind(","))
        dec = core[last]
        if core.count(dec) != 1:
            raise _Reject("invalid digit grouping")
        _check_thousands(core[:last].split(_OTHER[dec]))
        return dec
    sep = "." if dots else ","
    groups = core.split(sep)
    if len(groups) > 2:
        _check_thousands(groups)
        return _OTHER[sep]
    head, tail = groups
    if len(tail) == 3 and _is_lead_group(head):
        return _AMBIGUOUS
    return sep


def _read_number(core: str, hint: str | None, percent: bool,
                 convention_sep: str | None) -> tuple[str, str, str | None]:
    """Return (integer digits, fraction digits, note) following the module's rules."""
    core = _compact(core)
    own = _own_decimal_sep(core)
    note = None
    if own == _AMBIGUOUS:
        sep = "." if "." in core else ","
        if hint:
            dec = hint
        elif percent and int(core.replace(sep, "")) > PERCENT_LIMIT:
            dec = sep
            note = f"lone 3-digit group read as decimal: over {PERCENT_LIMIT}% otherwise"
        elif convention_sep:
            dec = convention_sep
        else:
            raise _Reject(f"ambiguous separator: no convention ({sep!r} before 3 digits)")
    else:
        dec = own
        if own and convention_sep and own != convention_sep:
            note = f"decimal separator {own!r} contradicts convention {convention_sep!r}"
    if dec and dec in core:
        i = core.rfind(dec)
        int_part, frac = core[:i], core[i + 1:]
    else:
        int_part, frac = core, ""
    return int_part.replace(".", "").replace(",", ""), frac, note


def _to_decimal(int_digits: str, frac: str, negative: bool, shift: int) -> Decimal:
    """Build the Decimal from digit strings: exact, no context rounding (prec 28) even for
    huge numbers or scaling, and printed trailing zeros kept (`0,00` -> Decimal('0.00'))."""
    if shift:
        digits, point = int_digits + frac, len(int_digits) + shift
        digits += "0" * max(0, point - len(digits))
        int_digits, frac = digits[:point], digits[point:]
    negative = negative and any(c != "0" for c in int_digits + frac)
    return Decimal(("-" if negative else "") + int_digits + ("." + frac if frac else ""))


# --- assembling a ParsedValue ---------------------------------------------------------


def _normalise_unit(unit: str) -> str:
    """`Kali / Tahun` -> `Kali/Tahun`; `UMK M` -> `UMKM`: a run of all-caps fragments that
    contains a one-letter fragment is an OCR split of one acronym, so join it."""
    words = _SLASH_RE.sub("/", unit).split()
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word.isalpha() and word.isupper():
            run.append(word)
            continue
        if len(run) > 1 and any(len(w) == 1 for w in run):
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return " ".join(out)


def _from_match(m: re.Match[str], raw: str, convention_sep: str | None,
                label: str | None = None) -> ParsedValue:
    opens = bool(m["open"]) + bool(m["open2"])
    if opens != bool(m["close"]) + bool(m["close2"]):
        raise _Reject("unbalanced parentheses")
    if m["sign"] and m["sign2"]:
        raise _Reject("two signs")
    percent, unit, scale, plabel = m["pct"], m["unit"], m["scale"], m["plabel"]
    currency = bool(m["cur"])
    if percent and (unit or scale or currency or m["nocents"]):
        raise _Reject("percent mixed with currency, scale or unit")
    hint = None
    if m["nocents"]:
        hint = "," if "," in m["nocents"] else "."
    int_digits, frac, note = _read_number(m["num"], hint, bool(percent), convention_sep)

    label = label or plabel
    if not all(w[0].isalpha() for w in (unit, label) if w):  # `10²`: a footnote, not a unit
        raise _Reject("unrecognised text after number")
    if label:
        kind = "qualitative"
        label = " ".join(label.split())
    elif percent:
        kind = "percent"
    elif unit:
        kind = "count"
    else:
        kind = "amount"
    negative = bool((m["sign"] or m["sign2"] or "").startswith("-"))
    negative = negative or (opens == 1 and kind == "amount")  # accounting (1.000)
    shift = _SCALES[scale.lower()] if scale else 0
    if scale:
        note = f"scaled by 10^{shift} ({scale})" + (f"; {note}" if note else "")
    return ParsedValue(
        kind=kind,
        value=_to_decimal(int_digits, frac, negative, shift),
        raw=raw,
        unit="%" if percent else (_normalise_unit(unit) if unit else None),
        label=label,
        decimals=len(frac),
        currency=currency,
        reason=note,
    )


def _match(s: str) -> tuple[re.Match[str], str | None] | None:
    """Match a cleaned cell that contains digits: a decorated number, or `label (number)`."""
    m = _NUMERIC_RE.fullmatch(s)
    if m:
        return m, None
    lm = _LABEL_FIRST_RE.fullmatch(s)
    if lm and not _CURRENCY_ONLY_RE.fullmatch(lm["label"]):
        inner = _NUMERIC_RE.fullmatch(lm["inner"])
        if inner and not (inner["open"] or inner["open2"] or inner["close"]
                          or inner["close2"] or inner["plabel"]):
            return inner, lm["label"]
    return None


def _text_cell(s: str, raw: str) -> ParsedValue:
    """A cell without ASCII digits: a dash, a text label, or junk."""
    m = _DASH_RE.fullmatch(s)
    if m:
        return ParsedValue("dash", Decimal(0), raw, unit="%" if m["pct"] else None,
                           decimals=0, currency=bool(m["cur"]))
    if _ANY_DIGIT_RE.search(s):
        return ParsedValue("unparsed", None, raw, reason="non-ASCII digits")
    label = " ".join(s.split())
    if not any(c.isalpha() for c in label) or not label.isprintable():
        return ParsedValue("unparsed", None, raw, reason="no digits and no text label")
    if _CURRENCY_ONLY_RE.fullmatch(label):
        return ParsedValue("unparsed", None, raw, reason="currency without an amount")
    return ParsedValue("qualitative", None, raw, label=label)


# a spreadsheet's error printed in its cell (`#DIV/0!`, `#REF!`): a label, no figure
_SPREADSHEET_ERROR = re.compile(r"^#(?:DIV/0!|REF!|VALUE!|N/A|NAME\?|NUM!|NULL!)$", re.IGNORECASE)


def _parse(text: str, convention_sep: str | None) -> ParsedValue:
    s = _clean(text)
    if not s:
        return ParsedValue("empty", None, text)
    if _SPREADSHEET_ERROR.match(s):
        return ParsedValue("qualitative", None, text, label=s.upper())
    if not _ASCII_DIGIT_RE.search(s):
        return _text_cell(s, text)
    found = _match(s)
    if found is None:
        return ParsedValue("unparsed", None, text, reason="unrecognised number format")
    try:
        return _from_match(found[0], text, convention_sep, found[1])
    except _Reject as e:
        return ParsedValue("unparsed", None, text, reason=str(e))


# --- public API -----------------------------------------------------------------------


def parse_value(text: str | None, convention: NumberConvention | None = None) -> ParsedValue:
    """Read one cell.  Never raises: anything unreadable is kind "unparsed" with a reason.

    Understood: simple HTML (`<b>`, `<i>`, `<br>`), `&nbsp;` and Unicode spaces/dashes;
    `Rp`/`Rp.`/`IDR` (repeated too) -> currency; trailing `,-`/`,--`/`.-` (no cents);
    `%` or `persen` -> percent (value as printed); `ribu`/`rb`, `juta`/`jt`,
    `miliar`/`milyar`/`M` (capital only: `m` is metres), `triliun` -> scaled amount;
    a trailing word (`3 Dokumen`, `138 Orang/Bulan`) -> count with unit; `2.75 (C)` and
    `A (82)` -> qualitative with value and label; a digit-free text or a spreadsheet error
    (`#DIV/0!`) -> qualitative label;
    `-`, `--`, `Rp -,-` -> dash (value 0).  Ambiguous separators: see the module docstring.
    """
    if text is None:
        return ParsedValue("empty", None, "")
    if not isinstance(text, str):
        return ParsedValue("unparsed", None, repr(text), reason=f"not a string: {type(text).__name__}")
    try:
        return _parse(text, convention.decimal_sep if convention else None)
    except Exception as e:  # safety net: a bug must not stop an ingest of millions of cells
        return ParsedValue("unparsed", None, text, reason=f"internal error: {type(e).__name__}: {e}")


def _evidence(cell: object, grouped_only: bool = False) -> str | None:
    """The decimal separator one cell proves by itself, if any (same rules as parsing);
    `grouped_only`: only by its digit grouping (two or more marks) or a no-cents suffix."""
    if not isinstance(cell, str) or (cell.isascii() and "." not in cell and "," not in cell):
        return None
    try:
        found = _match(_clean(cell))
        if found is None:
            return None
        m = found[0]
        core = _compact(m["num"])
        own = _own_decimal_sep(core)
        if own == _AMBIGUOUS:
            nocents = m["nocents"]
            return ("," if "," in nocents else ".") if nocents else None
        if grouped_only and core.count(".") + core.count(",") < 2:
            return None
        return own or None
    except Exception:
        return None


def infer_convention(cells: Iterable[str], fallback: NumberConvention | None = None, *,
                     marks_unsure: bool = False) -> NumberConvention:
    """Decide the separator convention from ALL cells of a column (or a document).

    Only cells whose own form decides count: `1.234.567`, `46,95`, `12,5`, `1.234,5`,
    `0,125`, `Rp 500.000,-` vote ',' ; `1,234,567`, `12.5`, `11.75`, `1,234.5` vote '.'.
    The percent rule is a sanity check, not evidence, so it does not vote.  The majority
    wins and `evidence` is its vote count; no votes or a tie -> `fallback` (or unknown).
    Counting makes the result independent of cell order.

    `marks_unsure` (OCR'd cells): a recogniser reads a 100-dpi `,` as `.` and back, so a
    lone mark (`72.05` for a printed `72,05`) does not vote; a grouping does (`16.523.280`
    stays a grouping whichever glyph each mark is read as), and so does `,-`.
    """
    votes = {",": 0, ".": 0}
    for cell in cells:
        sep = _evidence(cell, grouped_only=marks_unsure)
        if sep:
            votes[sep] += 1
    if votes[","] == votes["."]:
        return fallback if fallback is not None else NumberConvention(None, 0)
    winner = "," if votes[","] > votes["."] else "."
    return NumberConvention(winner, votes[winner])
