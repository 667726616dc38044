"""Money-sized figures in running text: `1.234.567,89`, `17,620,100`, `Rp. 2.636.500.000,-`.

A figure of two or more thousands groups carries its own convention: the separator repeated
between the groups is the thousands separator, so the other one (if any) is the decimal mark.
Unlike a table cell (`pipeline.normalise.numbers`, decided per column), such a figure never
needs its neighbours to be read. Used by figure coverage and by budget lines found in prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

# Two or more groups of three digits after the first, all with the same separator, then
# optionally a decimal part with the other separator (`,89`, `.00`) or a `,-`; not inside a longer
# number, but right after `Rp.` (`Rp.30.903.396.770,-`).
FIGURE = re.compile(
    r"(?:(?<=[Rr][Pp]\.)|(?<![\w.,]))(?P<int>\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})+)"
    r"(?:(?P<dec>[.,])(?P<frac>\d{1,2})(?!\d)|,-)?(?![\d]|[.,]\d)"
)


def figure_value(match: re.Match) -> Decimal | None:
    """The value of a FIGURE match; None for `1.234.567.89` (a group too short: no figure)."""
    digits = match.group("int").replace(match.group("sep"), "")
    frac = match.group("frac")
    if frac and match.group("dec") == match.group("sep"):
        return None
    try:
        return Decimal(f"{digits}.{frac}") if frac else Decimal(digits)
    except InvalidOperation:
        return None


def decimal_mark(match: re.Match) -> str:
    """The decimal mark the figure's own thousands separator implies (`,` after `1.234.567`)."""
    return "," if match.group("sep") == "." else "."


def iter_figures(text: str) -> Iterator[tuple[re.Match, Decimal]]:
    """Every money-sized figure of `text` with its value, in order."""
    for match in FIGURE.finditer(text):
        value = figure_value(match)
        if value is not None:
            yield match, value
