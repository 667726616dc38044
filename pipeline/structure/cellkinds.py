"""What kind of content a cell holds, and which column roles accept it.

Used to split headers from data and to re-align rows whose cells shifted (a column missing on a
continuation page): a rupiah amount does not belong in a name column, a name not in a % column.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalise.numbers import parse_value
from schemas.model import AMOUNT_ROLES

TEXT_ROLES = frozenset({"name", "indikator", "sasaran", "satuan", "keterangan", "formulasi", "sumber_data"})
PCT_ROLES = frozenset({"realisasi_pct", "tw1_pct", "tw2_pct", "tw3_pct", "tw4_pct", "capaian"})
KINERJA_ROLES = frozenset({"target", "realisasi_kinerja", "tw1_k", "tw2_k", "tw3_k", "tw4_k"})
MAX_COUNT_WORDS = 5  # a figure with its unit (`3 Dokumen Renstra`) has at most this many words


@lru_cache(maxsize=65536)
def cell_kind(text: str) -> str:
    """'empty', 'amount' (incl. '-'), 'small' (integer < 1000: a count, a number, an ordinal),
    'percent', 'count' (number + unit), 'label' (short qualitative), 'text'."""
    text = text.strip()
    if not text:
        return "empty"
    value = parse_value(text)  # no convention: magnitude is all we need, ambiguity handled below
    if value.kind == "dash":
        return "amount"
    if value.kind == "percent":
        return "percent"
    if value.kind == "count":
        # `3 Dokumen`, `40 Situ`; not a name whose list number lost its dot in a scan
        # (`1 Dewan SDA Provinsi Jawa Barat`): a unit is a word or a few
        return "text" if len(text.split()) > MAX_COUNT_WORDS else "count"
    if value.kind == "amount" and value.value is not None:
        return "amount" if abs(value.value) >= 1000 else "small"
    if value.kind == "unparsed" and any(ch.isdigit() for ch in text) and len(text) <= 25:
        # '1.000' without a convention is ambiguous but clearly a figure
        return "amount" if sum(ch.isdigit() for ch in text) >= 4 else "small"
    if len(text) <= 12:
        return "label"
    return "text"


# A Kemendagri code (`4.01.01`, `4.01.01.2.14`, `1.01.01.2.01.0001`, `4.01.01. 2.02.07`): two-digit
# program groups after a one- or two-digit urusan, which no money figure (three-digit groups) has.
# Printed with spaces (`1 03 07 26`) it needs a zero-padded group, as figures merged from
# neighbouring cells (`25 50 75`) have none.
_CODE = re.compile(r"^\d{1,2}\.\d{2}\.\d{2}(?:\.\s?\d{1,4})*\.?$|^(?=.* 0\d)\d{1,2}(?: \d{2}){2}(?: \d{1,4})*$")


NUMBERED_WORDS = 3  # a count whose unit runs to this many words may be a numbered name


def placement_kind(text: str) -> str:
    """`cell_kind`, except that a code is 'code': where a row's cells go, `4.01.01.2.14` belongs
    in the code column, not in an amount column (its dots make `cell_kind` call it an amount);
    and a count whose unit is three words or more is 'numbered': a kegiatan whose list number
    lost its dot in a scan (LKIP.pdf p66 `2 Sosialisasi Pelaksanaan Pembangunan`) or a count with
    a long unit, at home in a name column and in a target column alike."""
    text = text.strip()
    if _CODE.match(text):
        return "code"
    kind = cell_kind(text)
    return "numbered" if kind == "count" and len(text.split()) > NUMBERED_WORDS else kind


def is_amount_role(role: str) -> bool:
    return role in AMOUNT_ROLES


def accepts(role: str, kind: str) -> bool:
    """Whether a column of `role` can hold a cell of `kind` (empty fits anywhere)."""
    if kind == "empty" or role == "other":
        return True
    if kind == "code":
        return role in ("no", "code")
    if is_amount_role(role):
        return kind in ("amount", "small")
    if role in PCT_ROLES:
        return kind in ("percent", "small", "label")
    if role in KINERJA_ROLES:
        return kind != "text" or role == "target"
    if role in TEXT_ROLES:
        return kind in ("text", "label", "numbered") or (role == "satuan" and kind == "count")
    if role in ("no", "code"):
        return kind in ("small", "label")
    return True
