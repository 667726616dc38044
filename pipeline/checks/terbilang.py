"""Indonesian numbers in words (`terbilang`) → int.

`dua milyar enam ratus tiga puluh enam juta lima ratus ribu rupiah` → 2_636_500_000.

The parser is strict on purpose: it returns None for anything that is not a well-formed number
(scales out of order, `dua belas puluh`, unknown words), because a mis-read amount would be
reported as a discrepancy in a public document. Spelling variants found in reports are accepted:
`milyar`/`miliar`/`milyard`, `triliun`/`trilyun`, the `se-` prefix (`seratus`, `seribu`,
`sebelas`, `sejuta`) and words run together by typing or PDF extraction (`tigapuluh`).
"""

from __future__ import annotations

import re

DIGITS = {
    "nol": 0, "kosong": 0,
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}
# Multipliers inside a group of three digits.
SMALL = frozenset({"belas", "puluh", "ratus"})
SCALES = {
    "ribu": 10**3,
    "juta": 10**6,
    "milyar": 10**9, "miliar": 10**9, "milyard": 10**9, "miliard": 10**9,
    "triliun": 10**12, "trilyun": 10**12,
    "kuadriliun": 10**15, "kuadrilyun": 10**15,
}
# Words that may close the amount and are ignored.
CLOSERS = {"rupiah", "rp", "persen", "dan", "saja"}
# Tokens the splitter knows, longest first so `sembilan` is not read as `se` + ...
_VOCAB = sorted({*DIGITS, *SMALL, *SCALES, *CLOSERS, "se"}, key=len, reverse=True)


def starts_like_number(text: str) -> bool:
    """Cheap pre-test before parsing a parenthesis: does it begin with a number word?"""
    m = re.match(r"\s*([a-z]+)", text.lower())
    if not m:
        return False
    first = _split(m.group(1))
    return bool(first) and (first[0] in DIGITS or first[0] == "se")


def tokenize(text: str) -> list[str] | None:
    """Words → number tokens; `se` becomes `satu` before a multiplier. None on an unknown word."""
    tokens: list[str] = []
    for word in re.split(r"[^a-z]+", text.lower()):
        if not word:
            continue
        pieces = _split(word)
        if pieces is None:
            return None
        tokens.extend(pieces)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok == "se":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt not in SMALL and nxt not in SCALES:
                return None
            out.append("satu")
        else:
            out.append(tok)
    return out


def _split(word: str) -> list[str] | None:
    """Greedy split of a run-together word into known tokens (`duapuluh` → dua puluh)."""
    pieces = []
    pos = 0
    while pos < len(word):
        for v in _VOCAB:
            if word.startswith(v, pos):
                pieces.append(v)
                pos += len(v)
                break
        else:
            return None
    return pieces


def _parse_group(tokens: list[str]) -> int | None:
    """A value 1..999: [d ratus] [d puluh [d] | d belas | d]."""
    value = 0
    i = 0
    n = len(tokens)

    def digit_at(j: int) -> int | None:
        return DIGITS.get(tokens[j]) if j < n else None

    # hundreds
    d = digit_at(i)
    if d and i + 1 < n and tokens[i + 1] == "ratus":
        value += d * 100
        i += 2
    # tens / teens
    d = digit_at(i)
    if d and i + 1 < n and tokens[i + 1] == "puluh":
        value += d * 10
        i += 2
        d = digit_at(i)
        if d and i + 1 == n:
            value += d
            i += 1
    elif d and i + 1 < n and tokens[i + 1] == "belas":
        value += 10 + d
        i += 2
    elif d and i + 1 == n:
        value += d
        i += 1
    if i != n or value == 0:
        return None
    return value


def parse_terbilang(text: str) -> int | None:
    """The integer an Indonesian number-in-words denotes, or None when it is not one."""
    tokens = tokenize(text)
    if tokens is None:
        return None
    tokens = [t for t in tokens if t not in CLOSERS]
    if not tokens:
        return None
    if tokens == ["nol"] or tokens == ["kosong"]:
        return 0
    total = 0
    group: list[str] = []
    last_scale: int | None = None
    for tok in tokens:
        if tok in SCALES:
            scale = SCALES[tok]
            value = _parse_group(group)
            if value is None:
                return None
            if last_scale is not None and scale >= last_scale:
                return None
            total += value * scale
            last_scale = scale
            group = []
        else:
            if tok not in DIGITS and tok not in SMALL:
                return None
            group.append(tok)
    if group:
        value = _parse_group(group)
        if value is None:
            return None
        total += value
    return total

