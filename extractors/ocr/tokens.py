"""Tesseract's word splitting, corrected where it breaks column alignment.

Tesseract groups glyphs into words by spacing alone, so a scan gives tokens a text PDF would
not: `Rp.122.318.026.000,-` (the currency and the amount in one word, though they sit in two
columns), `10.Program` or `4Pengawasan` (a list number glued to the name), `‘4.` (a pen mark or speck read as
a quote before a list number). The borderless detector places whole words into columns, so one
glued token drags its neighbour column's text along and merges two rows. Each rule here splits
or trims a token only where its parts are unambiguous (a currency prefix, a list number
followed by a letter, quote marks before a digit); the new words' boxes divide the old one in
proportion to their characters. A list number read with a colon (`2:` among `1.`, `3.`: the
dot's two pixels read as two) gets its dot back, so that names do not start with it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

import regex

from extractors.pdf.geometry import Word

W = TypeVar("W", bound=Word)

_LEADING_QUOTES = regex.compile(r"^[‘’“”\"'`´]+(?=\d)")
_CURRENCY_GLUED = regex.compile(r"^(Rp\.?)(\d[\d.,]*[\d,\-]*)$", regex.IGNORECASE)
_NUMBER_GLUED = regex.compile(r"^(\d{1,2}\.)(\p{Lu}\p{L}+.*)$")
_NUMBER_GLUED_NO_DOT = regex.compile(r"^(\d{1,2})(\p{Lu}\p{Ll}{2,}.*)$")  # `4Pengawasan`, not `3D`
_NUMBER_COLON = regex.compile(r"^(\d{1,2}):$")  # `2:` for a list number `2.` (PP-OCR, PK_Kadis 2016 p3)


def _split(word: W, parts: list[str]) -> list[W]:
    """`word` cut into `parts` (whose concatenation is its text), boxes by character share."""
    total = sum(len(p) for p in parts)
    width = word.x1 - word.x0
    out, x = [], word.x0
    for p in parts:
        x_end = x + width * len(p) / total
        out.append(replace(word, x0=x, x1=x_end, text=p))
        x = x_end
    return out


def repair_token(word: W) -> list[W]:
    """The word as one or more words whose splitting matches the page's columns."""
    text = word.text
    trimmed = _LEADING_QUOTES.sub("", text)
    if trimmed != text:
        cut = len(text) - len(trimmed)
        share = (word.x1 - word.x0) * cut / len(text)
        word = replace(word, x0=word.x0 + share, text=trimmed)
        text = trimmed
    colon = _NUMBER_COLON.match(text)
    if colon:
        return [replace(word, text=colon.group(1) + ".")]
    for pattern in (_CURRENCY_GLUED, _NUMBER_GLUED, _NUMBER_GLUED_NO_DOT):
        m = pattern.match(text)
        if m:
            return _split(word, [m.group(1), m.group(2)])
    return [word]


def repair_tokens(words: list[W]) -> list[W]:
    return [part for w in words for part in repair_token(w)]
