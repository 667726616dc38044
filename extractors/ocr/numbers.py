"""Number repair for OCR'd table columns, only where the column's own convention decides it.

Tesseract on a 100-dpi fax scan reads `45.955.396.559` as `45 955.396.559`, `18.542811100`
(a dot lost), `16.523.28O.860` (letter O) or `2.696.2` (digits lost). The first three are
repairable without guessing *when the column prints whole amounts with `.` thousands*
(`1.234.567`, most of its cells say so): then every digit is part of the integer, so the
value is the digit string, provided that each separator that is there still sits a multiple
of three digits from the end. Letters are read as digits only inside such a number (`O`, `o`
→ 0; `l`, `I`, `|`, `!`, `]` → 1; `§` → 5); a `0` read as its two arcs (`(1`, `()`) or a
group of them (`(HN0` for `000`), and a `4` read as `+`, are put back in any figure
(`read_glyphs`, which the vote uses too).

A cell of such a column that cannot be made to fit (a separator in the wrong place means a
digit was lost or invented) is marked with a trailing `?`: it then stays unparsed
(`unparsed_amount`, its text kept) instead of being read as, say, 18.54 rupiah. Columns
without a clear convention are left exactly as read.

A column that prints whole rupiah with cents (`1.234.567,00`, every clear cell `,00`) gets
its cents back where OCR could not read the two small digits (`374.160.000,1H)`,
`405.141.240.(0`): the integer is read whole, and the cents are the column's.

A column of decimals printed with a fixed number of places (`92,02`, `86,77`: a percent
column) gets one repair: a space read where its decimal mark is (`92 02` → `92,02`), a
separator Tesseract lost in the 100-dpi image. A bare `9351` gets its mark back only when the
column's clean cells rule out the whole number (all far smaller): `100` in a column of
percents stays 100.
"""

from __future__ import annotations

import re

DOUBT = "?"  # appended to a cell whose number cannot be trusted: the parser rejects it
MIN_EVIDENCE = 2  # clean cells needed before a column's convention is believed

_PREFIX = re.compile(r"^\s*(?:rp\.?\s*)?", re.IGNORECASE)
# `,-` as printed, or as OCR reads it: ` -` or a lone `,` (half of it lost)
_SUFFIX = re.compile(r"(?:\s*[,.]?\s*-|\s*[,.:;])?(?:\s*[a-z%][a-z%/.\s]*)?\s*$", re.IGNORECASE)
# a speck or a ruling's remnant read before the figure, apart from it: `- 1.046. 965.040`
_LEADING_JUNK = re.compile(r"^\s*[-–—'\"‘’“”.,:;|]+\s+(?=(?:rp\.?\s*)?\d)", re.IGNORECASE)
_NO_CENTS = re.compile(r"\s*[,.]?\s*-\s*|\s*[,.:;]\s*")  # `,-` as OCR may read it
_WHOLE_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.234.567
_CENTS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d{2}$")  # 1.234.567,00
# the same as OCR reads it off a 100-dpi scan: a comma read as a dot or a space, a dot as a
# comma or a space (`292.494.240.00`, `5.703 388,560,00`, `387 353.000.00`). Two digits after
# the last mark can only be cents, so each such cell still says the column prints cents.
_CENTS_READ = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+[.,]\d{2}$")
_ENGLISH = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,234,567 (spreadsheet exports)
_DECIMAL = re.compile(r"^\d{1,3}([,.])(\d{1,3})$")  # 92,02 (a percent column)
_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "!": "1", "]": "1", "§": "5"})
_NUMBERISH = re.compile(r"^[\dOolI|!\]§][\dOolI|!\]§., ]*[\dOolI|!\]]$")
# a 6-px `0` inside a figure read as its two arcs, `(` and `1` (`190.000.(100,00`): a bracket
# only ever encloses a whole figure, so one after a digit or a mark is half of a zero
_ZERO_AS_ARCS = re.compile(r"(?:(?<=\d)|(?<=\d[.,\s]))\((?:[1lI|!\]]\)?|\))")
# ... and a thousands group of zeros read as arcs and strokes, `(HN0`, `(HM0` (`800.000 (HN0.00`):
# after a digit's mark and before another, three or four such characters from a `(` on are the
# group `000` (at the figure's end they may be cents: `285.000.000.(H)`, the cents rules' business)
_ZEROS_AS_ARCS = re.compile(r"(?<=\d[.,\s])\([HNMUOo0()1lI|]{2,3}(?=[.,\s]\d)")
# ... and a `0` after a mark whose left arc was read apart (`45.(000.000.(00`, PP-OCR)
_ARC_BEFORE_ZERO = re.compile(r"(?<=\d[.,\s])\((?=0)")
# ... or as a `D` or `C` (a side of it lost): in a group of three after a digit's mark, with a
# digit in it, where no unit can stand (`8DD`, `00C`; not `3 Dok`, `25 C`)
_ZERO_AS_LETTER = re.compile(r"(?<=\d[.,\s])(?=[\dDC]{3}(?!\w))(?=[DC]*\d)[\dDC]{3}")
# a 6-px `4` read as `+` (its closed stroke lost: `+20.861.000,00` for `420.861.000,00`), only as
# the first of a first group of three: a grouped amount never has a sign there
_FOUR_AS_PLUS = re.compile(r"^(\s*)\+(?=\d{2}[.,\s]\d{3}[.,\s]\d{3})")


def read_glyphs(text: str) -> str:
    """A figure's text with the 6-px glyphs of a 100-dpi scan that OCR reads as others put back
    where only a digit can stand, whatever the column's convention: a `0` read as its arcs
    (`(1`, `()`, `(HN0` for `000`, `.(00`) or as a `D` or `C` inside a group of three after a
    mark (`15.700.229.8DD`, `315.360 00C`), and a `4` read as `+`. The vote compares readings
    so (`45.(000.000.(00` and `45.000.000.00` are one figure) and the repair reads cells so."""
    fixed = _ZERO_AS_ARCS.sub("0", _ZEROS_AS_ARCS.sub("000", text))
    return _FOUR_AS_PLUS.sub(r"\g<1>4", _ARC_BEFORE_ZERO.sub("", zeros_read_as_letters(fixed)))


def zeros_read_as_letters(text: str) -> str:
    """`text` with a `0` read as `D` or `C` in a group after a digit's mark put back (`8DD`)."""
    return _ZERO_AS_LETTER.sub(lambda m: m.group(0).replace("D", "0").replace("C", "0"), text)


def _split(cell: str) -> tuple[str, str, str]:
    """prefix (`Rp.`), numeric core, suffix (`,-`, a unit such as `ton` or `Ha`)."""
    m = _PREFIX.match(cell)
    prefix = m.group(0) if m else ""
    rest = cell[len(prefix):]
    s = _SUFFIX.search(rest)
    suffix = s.group(0) if s else ""
    core = rest[: len(rest) - len(suffix)] if suffix else rest
    return prefix, core, suffix


def column_convention(cells: list[str]) -> str | None:
    """"whole" (`1.234.567`), "cents" (`1.234.567,00`) or None (no clear convention). Cents
    read with the wrong marks (`_CENTS_READ`) count for cents only: in a column of whole
    amounts such a cell may be a figure that lost a digit (`45.955.396.55`)."""
    whole = cents = english = misread_cents = 0
    for cell in cells:
        if not cell.strip():
            continue
        _, core, _ = _split(cell)
        core = core.strip()
        if _WHOLE_DOT.match(core):
            whole += 1
        elif _CENTS_DOT.match(core):
            cents += 1
        elif _ENGLISH.match(core):
            english += 1
        elif _CENTS_READ.match(core):
            misread_cents += 1
    if whole >= MIN_EVIDENCE and whole > 2 * (cents + english):
        return "whole"
    cents += misread_cents
    if cents >= MIN_EVIDENCE and cents > 2 * (whole + english):
        return "cents"
    return None


def _regroup(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def repair_amount(cell: str, convention: str) -> str:
    """The cell with its number rewritten in the column's form, unchanged when it already fits
    or is no number, or marked with `DOUBT` when it is a number that does not fit."""
    junk = _LEADING_JUNK.match(cell)
    prefix, core, suffix = _split(cell[junk.end():] if junk else cell)
    core = core.strip()
    fixed = read_glyphs(core)
    if not fixed or not _NUMBERISH.match(fixed) or sum(ch.isdigit() for ch in fixed) < 4:
        return cell
    fixed = fixed.translate(_LETTER_DIGITS)
    cents = ""
    if convention == "cents":
        m = re.search(r"[,.]\s*(\d{2})$", fixed)
        if not m:
            return cell.rstrip() + DOUBT
        cents, fixed = m.group(1), fixed[: m.start()]
    # separators: '.', ',', spaces; each must sit a multiple of 3 digits from the end
    digits = re.sub(r"\D", "", fixed)
    if not digits:
        return cell
    seps = []  # digits to the right of each separator
    pos = 0
    for ch in reversed(fixed):
        if ch.isdigit():
            pos += 1
        else:
            seps.append(pos)
    if len(seps) == 1 and seps[0] in (1, 2) and fixed[len(fixed) - seps[0] - 1] in ".,":
        return cell  # `10,90 %`, `29,4`: a plain decimal, printed as such in a mixed column
    if any(p % 3 for p in seps):
        return cell.rstrip() + DOUBT
    if len(digits) > 1 and digits[0] == "0":
        return cell.rstrip() + DOUBT
    number = _regroup(digits) + (f",{cents}" if cents else "")
    if _NO_CENTS.fullmatch(suffix):
        suffix = ",-"
    if not junk and f"{number}{suffix}" == f"{core}{cell[len(prefix) + len(core):]}".strip():
        return cell
    return f"{prefix}{number}{suffix}"


def decimal_convention(cells: list[str]) -> tuple[str, int] | None:
    """(decimal mark, places) when the column's clean numbers are decimals printed alike and
    none is a grouped amount (`1.234.567`): a percent column, however many cells OCR spoiled."""
    forms: dict[tuple[str, int], int] = {}
    for cell in cells:
        core = _split(cell)[1].strip()
        if _WHOLE_DOT.match(core) or _ENGLISH.match(core) or _CENTS_DOT.match(core):
            return None
        m = _DECIMAL.match(core)
        if m:
            key = (m.group(1), len(m.group(2)))
            forms[key] = forms.get(key, 0) + 1
    if not forms:
        return None
    ranked = sorted(forms.items(), key=lambda kv: -kv[1])
    form, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return form if count >= MIN_EVIDENCE and runner_up * 2 < count else None


def repair_decimal(cell: str, mark: str, places: int, largest: float) -> str:
    """In a column of decimals printed `dd,dd`: `92 02` → `92,02` (the mark read as a space);
    `9351` → `93,51` when the column's own figures rule out the whole number (it is more than
    ten times the largest clean cell); anything else unchanged."""
    prefix, core, suffix = _split(cell)
    core = core.strip()
    m = re.fullmatch(r"(\d{1,3})\s+(\d+)", core)
    if m and len(m.group(2)) == places:
        return f"{prefix}{m.group(1)}{mark}{m.group(2)}{suffix}"
    if re.fullmatch(r"\d+", core) and places < len(core) <= places + 3 and int(core) > 10 * largest > 0:
        return f"{prefix}{core[:-places]}{mark}{core[-places:]}{suffix}"
    return cell


def _largest_decimal(cells: list[str]) -> float:
    values = []
    for cell in cells:
        m = _DECIMAL.match(_split(cell)[1].strip())
        if m:
            values.append(float(m.group(0).replace(",", ".")))
    return max(values, default=0.0)


_SPACED = re.compile(r"^\d{1,3}(?:[ .]\d+)+$")  # `5.703 388 560`, `292 49.240`: a space inside a figure
# `1900.000.000`: `1.900` with its mark lost (two groups after it at least: not `2016 100`)
_LOST_FIRST_MARK = re.compile(r"^\d{4}(?:\.\d{3}){2,}$")


def repair_spaced(cell: str) -> str:
    """A figure of 6+ digits with a space inside, in a column with no convention: the space is a
    thousands dot Tesseract lost (`5.703 388 560` → `5.703.388.560`) when every group then has
    three digits; otherwise a digit was lost too (`292 49.240`) and the cell is marked `DOUBT`,
    not read as 29249,24. A first group of four digits before such groups lost its mark too
    (`1900.000 000` → `1.900.000.000`). Figures already grouped, and short ones (percents), are
    left."""
    prefix, core, suffix = _split(cell)
    core = core.strip()
    if _NUMBERISH.match(core):
        core = core.translate(_LETTER_DIGITS)
    if " " not in core or sum(ch.isdigit() for ch in core) < 6:
        return cell
    dotted = re.sub(r"\s+", ".", core)
    if _WHOLE_DOT.match(dotted):
        return f"{prefix}{dotted}{suffix}"
    if _LOST_FIRST_MARK.match(dotted):
        return f"{prefix}{_regroup(dotted.replace('.', ''))}{suffix}"
    return cell.rstrip() + DOUBT if _SPACED.match(core) else cell


# whole rupiah, then a cents mark and what is left of `00` (`374.160.000,1H)`, `405.141.240.(0`,
# `285.000.000.(H)`); after a `.`, three characters with a digit may be a spoilt thousands group
# instead: `6.423.824.S00`
_SPOILT_CENTS = re.compile(
    r"^(\s*(?:rp\.?\s*)?\d{1,3}(?:[.\s]\d{3})+)\s?(?:,\s?(\S{1,3})|\.\s?(\S{1,2}|[^\d\s]{3}))$", re.IGNORECASE)
ZERO_CENTS_SHARE = 0.8  # of the cells showing their cents clearly: the rest are `00` misread (`,11`)


def _zero_cents(cells: list[str]) -> bool:
    """At least `MIN_EVIDENCE` cells of the column show `00` cents clearly (`1.234.567,00`, as
    read), and `ZERO_CENTS_SHARE` of those that show any: a column of whole rupiah printed with
    cents (LKIP.pdf p102: twelve `,00`, and `142.500.000,11`, `403.788.440,10` misread)."""
    shown = [m.group(1) for c in cells if _CENTS_READ.match(core := _split(c)[1].strip())
             for m in [re.search(r"(\d{2})$", core)] if m]
    zeros = sum(1 for c in shown if c == "00")
    return zeros >= MIN_EVIDENCE and zeros >= ZERO_CENTS_SHARE * len(shown)


def repair_zero_cents(cell: str) -> str:
    """In a column whose cents are all `00` (`_zero_cents`): a whole amount whose two cents
    digits OCR could not read (6-px digits of a 100-dpi scan: `374.160.000,1H)`) has `,00`, as
    every other cell of its column; anything else is left as read."""
    m = _SPOILT_CENTS.match(cell.strip())
    tail = m and (m.group(2) or m.group(3))
    if not tail or tail.isdigit():
        return cell  # cents read (`,45`), or a figure misread otherwise (`16.823.280.860.000`)
    return f"{m.group(1)},00"


# an amount, its marks repaired, whose cents read as ones and zeros (`142.500.000,11`)
_ONES_FOR_ZEROS = re.compile(r"^(\s*(?:rp\.?\s*)?\d{1,3}(?:\.\d{3})+),(?!00)([01]{2})$", re.IGNORECASE)


def repair_ones_for_zeros(cell: str) -> str:
    """In a column whose cents are all `00` (`_zero_cents`), an amount whose cents read `11`,
    `10` or `01` has `,00`: the 6-px `0` of a 100-dpi scan the recognisers read `1` (LKIP.pdf
    p102 `142.500.000,11`, p103 `403.788.440,10`); other cents (`,45`, `,50`) stay as read."""
    m = _ONES_FOR_ZEROS.match(cell.strip())
    return f"{m.group(1)},00" if m else cell


def repair_column(cells: list[str]) -> list[str]:
    """Every cell of one OCR'd column, repaired by the column's convention (see module doc).
    A column without one whose marks Tesseract read as spaces (`119 296 450`) shows it once
    they are marks again (`repair_spaced`): its other cells are then repaired by it, a first
    mark lost (`188170.000`, PP-OCR, LKIP.pdf p93) as in any column of that form. A `0` read as
    a letter (`15.700.229.8DD`) is put back first: the letters would pass for a unit."""
    cells = [zeros_read_as_letters(c) for c in cells]
    convention = column_convention(cells)
    if convention is None:
        cells = [repair_spaced(c) for c in cells]
        convention = column_convention(cells)
    if convention is None:
        decimal = decimal_convention(cells)
        if decimal is None:
            return list(cells)
        largest = _largest_decimal(cells)
        return [repair_decimal(c, *decimal, largest) for c in cells]
    zero_cents = convention == "cents" and _zero_cents(cells)
    if zero_cents:
        cells = [repair_zero_cents(c) for c in cells]
    repaired = [repair_amount(c, convention) if c.strip() else c for c in cells]
    return [repair_ones_for_zeros(c) for c in repaired] if zero_cents else repaired
