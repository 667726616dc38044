"""Header rows → column roles, through one table of patterns.

A table's header is a stack of rows (`Triwulan` over `I II III IV` over `Realisasi %`;
`Pagu` over `Murni Perubahan`). A merged header cell is printed once, in its leftmost column:
an empty header cell under-filled to its right inherits its left neighbour when the rows below
split it into sub-columns. Each column's stacked text is then matched against ROLE_PATTERNS.
Columns whose header cannot say whether they hold money or kinerja (`Triwulan I / Realisasi`)
are decided by their values, all of them at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import lru_cache

import regex as re

from pipeline.normalise.numbers import NumberConvention, infer_convention, parse_value
from pipeline.structure.arithmetic import decide_percent_columns
from pipeline.structure.cellkinds import cell_kind
from schemas.model import AMOUNT_ROLES, Column, GridRow
from schemas.vocabulary import HEADER_WORDS

# A cell this long is a header's only in a row of three cells or more, nearly all header words:
# Permendagri 86's T-C.29 prints `Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan
# Renja Perangkat Daerah Tahun Lalu (2017)`; a name or an indicator that long reads as data
LONG_CELL = 90
LONG_CELL_SHARE = 0.8
_TOKEN = re.compile(r"[\p{L}/\-]+|\d+", re.UNICODE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RANGE = re.compile(r"\b(?:i|1)\s*(?:-|–|s\.?/?d\.?|sampai|hingga)\s*(?:iv|4)\b", re.IGNORECASE)
_UP_TO_QUARTER = re.compile(r"(?:\bs\.?\s*/?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*(?:triwulan|tw|trw)\b", re.IGNORECASE)
_QUARTER_WORD = re.compile(r"\b(?:triwulan|triw\w*|triv\w*|trw|tw|vulan|kuartal)\b", re.IGNORECASE)
_QUARTER_NUMBER = re.compile(r"(?:^|[\s/(])(iv|iii|ii|i|[1-4])(?=$|[\s/)])", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?(?:\s*\(?=.*)?$")
# a year of a multi-year plan (Renstra: `Tahun 1` … `Tahun 5`, `Akhir Periode Renstra`), or the
# next year a Renja forecasts beside this one's plan (`Prakiraan Maju Rencana Tahun 2017`)
PLAN_YEAR = r"\btahun\s*(?:ke\W*)?[1-5]\b|akhir\s+(?:periode|renstra|rpjmd)|jangka\s+menengah|prakiraan\s+maju"
_BARE_FIGURE = re.compile(r"^\s*(?!(?:19|20)\d\d\s*$)\d{3,}\s*$")
_LEADING_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?\s+(?=\D)")

MONEY = r"(?:\brp\b|rupiah|anggaran|keuangan|pagu|dana|biaya|belanja)"
# money spent as accounted for: `SPJ` (surat pertanggungjawaban) is the budget's realisasi
SPENT = r"\bspj\b"


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


# ------------------------------------------------------------------ row classification
def is_column_number_row(cells: Sequence[str]) -> bool:
    """`1 2 3 … 16` (possibly `(1)`, `6 (= 5/4 *100)%`, `%`): the column numbering under a header."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 3:
        return False
    numbers: list[int] = []
    for cell in filled:
        if cell in {"%", "K", "Rp"}:
            continue
        m = re.match(r"^\(?(\d{1,2})\)?", cell)
        if not m or (len(cell) > 3 and not _COLUMN_NUMBER.match(cell) and "=" not in cell):
            return False
        numbers.append(int(m.group(1)))
    return len(numbers) >= 3 and all(b > a for a, b in zip(numbers, numbers[1:]))


@lru_cache(maxsize=8192)
def _known_header_token(token: str) -> bool:
    """A header word, a number, or one that OCR garbled or split (`Kineria`, `Triv`, `vulan`)."""
    if token in HEADER_WORDS or token.isdigit():
        return True
    if "/" in token.strip("/") and token != "s/d":  # `Program/Kegiatan`, `Dana/`: each part a header word
        return all(_known_header_token(part) for part in token.split("/") if part)
    if len(token) < 4:
        return False
    return bool(difflib.get_close_matches(token, _LONG_HEADER_WORDS, n=1, cutoff=0.85))


_LONG_HEADER_WORDS = sorted(w for w in HEADER_WORDS if len(w) >= 4)
_WORD = re.compile(r"\p{L}+[!|]?", re.UNICODE)
RESPELL_RATIO = 0.8  # difflib ratio: one letter of six wrong (`urajan`) is 0.83


@lru_cache(maxsize=8192)
def _spelled(word: str) -> str:
    """The header word an OCR-garbled one stands for (`Realisas!`, `Capalan`, `Alokas!` →
    realisasi, capaian, alokasi; `Urajan` → uraian), else the word itself. Only words of 5+
    letters that are no header word, closer to one header word than to any other."""
    low = word.lower().rstrip("!|")
    if len(low) < 5 or low in HEADER_WORDS:
        return word
    close = difflib.get_close_matches(low, _LONG_HEADER_WORDS, n=2, cutoff=RESPELL_RATIO)
    if len(close) == 1 or (close and difflib.SequenceMatcher(None, low, close[0]).ratio()
                           > difflib.SequenceMatcher(None, low, close[1]).ratio()):
        return close[0]
    return word


def respell_header(header: str) -> str:
    """`header` with OCR-garbled header words spelled right, so that the role patterns match."""
    return _WORD.sub(lambda m: _spelled(m.group(0)), header)


def _header_cell_score(cell: str) -> float:
    tokens = [t for t in _TOKEN.findall(cell.lower()) if len(t) > 1 or t.isdigit() or t in HEADER_WORDS]
    if not tokens:
        return 1.0  # punctuation or stray letters only: '%', '(1)', 'Т'
    return sum(1 for t in tokens if _known_header_token(t)) / len(tokens)


def _is_value_cell(cell: str) -> bool:
    """A cell that carries a figure: starts like a number (`Target 2024`, `(%)` do not) and is
    not a year."""
    text = cell.strip()
    if not re.match(r"^(?:[-+(]\s*)?(?:rp\.?\s*)?\d", text, re.IGNORECASE):
        return False
    return cell_kind(text) in ("amount", "percent", "count") and not re.fullmatch(r"(?:19|20)\d\d\s?\**", text)


_DECIMAL_FIGURE = re.compile(r"^\s*[-+]?\d{1,3}[.,]\d{2,3}\s*%?\s*\**\s*$")


def decimal_figures(cells: Sequence[str]) -> int:
    """Cells holding a small figure with decimals (`2,25`, `97,82`, `0,985`): a header prints
    column numbers and years, never these, so a row with two of them is data."""
    return sum(1 for c in cells if _DECIMAL_FIGURE.match(c))


_OUTLINE_ITEM = re.compile(r"^\s*\d+\.\d+(?:\.\d+)*\.?\s+[A-Za-z]")


def _without_column_number(cell: str) -> str:
    """`12 Murni`, `(3) Realisasi`: a header word with its column's number printed before it
    (a repeated header whose number row was merged into it) is the header word, not a count."""
    rest = _LEADING_COLUMN_NUMBER.sub("", cell.strip())
    return rest if rest != cell.strip() and _header_cell_score(rest) >= 0.6 else cell


def is_header_like(cells: Sequence[str]) -> bool:
    """A row of header words: short cells, mostly header vocabulary, no figures."""
    filled = [_without_column_number(c) for c in cells if c.strip()]
    if not filled:
        return False
    if any(_is_value_cell(c) for c in filled if not _COLUMN_NUMBER.match(c.strip())):
        return False
    long = [c for c in filled if len(c) > LONG_CELL]
    if long and (len(filled) < 3 or any(_header_cell_score(c) < LONG_CELL_SHARE for c in long)):
        return False  # a long text is a name or an indicator, unless a wide header's (T-C.29)
    if quarter_run_end(cells) is not None:
        return True
    if any(_BARE_FIGURE.match(c) for c in filled):
        return False  # `000`: the wrapped tail of a figure; headers print years and column numbers only
    if re.fullmatch(r"[A-Z]\.?|[IVX]+\.|\d+(?:\.\d+)*\.?", filled[0].strip()) and any(len(c) > 30 for c in filled):
        return False  # numbered like a data row (`A`, `II.`, `1.2`) and carrying a long text
    if decimal_figures(filled) >= 2:
        return False  # `105.19  100.46  112.24`: figures with decimals, data
    if any(_OUTLINE_ITEM.match(c) for c in filled):
        return False  # `1.2 Jumlah Populasi ternak :`: an item of an outline, not a column's name
    scores = [_header_cell_score(c) for c in filled]
    return sum(1 for s in scores if s >= 0.6) >= max(1, 0.6 * len(filled))


def has_values(cells: Sequence[str]) -> bool:
    return any(_is_value_cell(c) for c in cells if c.strip())


def looks_like_data(cells: Sequence[str]) -> bool:
    """A row with a figure, or with two or more small figures / dashes (`0 - 0 -`): data, even
    when nothing in it is large enough to be a value on its own. Column numbering is not data."""
    if has_values(cells):
        return True
    if is_column_number_row(cells):
        return False
    if _year_series(cells):
        return False
    small = sum(1 for c in cells if c.strip() and cell_kind(c) in ("small", "amount", "percent")
                and re.match(r"^\s*(?:-|\d)", c))
    return small >= 2


def _year_series(cells: Sequence[str]) -> bool:
    """`INDIKATOR | 2014 | 2015 | 2016`: bare figures that are successive years under words are a
    header naming the years of its column pairs, not a row of small figures."""
    bare = [c.strip() for c in cells if re.fullmatch(r"\s*\d+\s*", c)]
    years = [int(c) for c in bare if re.fullmatch(r"(?:19[89]|20[0-4])\d", c)]
    words = [c for c in cells if c.strip() and re.search(r"[^\W\d]{3}", c)]
    return (len(years) >= 2 and len(years) == len(bare) and bool(words)
            and all(b == a + 1 for a, b in zip(years, years[1:])))


# ------------------------------------------------------------------ header stacking
def stack_headers(header_rows: list[list[str]], width: int) -> list[str]:
    """Per column, the header texts from top to bottom joined with ' / ' (merged cells spread)."""
    rows = [[_LEADING_COLUMN_NUMBER.sub("", c.strip()) if c else "" for c in r] + [""] * (width - len(r))
            for r in header_rows]
    filled_rows = [
        [c if not _COLUMN_NUMBER.match(c) else "" for c in r] for r in rows
    ]
    printed = [list(r) for r in filled_rows]
    for r, row in enumerate(filled_rows):
        for p in range(width - 1):
            if not printed[r][p]:
                continue
            # a merged cell spreads over the empty cells after it up to the last one with a
            # heading below (`JADWAL | | | … ` over `Trw I | (months) | Trw II …`), and no further
            # than its parent: where a row above prints a new heading a new group of columns
            # starts (`… Triwulan / IV` ends before `Realisasi Capaian … / K`)
            span = []
            for j in range(p + 1, width):
                if printed[r][j] or any(printed[k][j] for k in range(r)):
                    break
                span.append(j)
            below = [j for j in span if any(filled_rows[k][j] for k in range(r + 1, len(filled_rows)))]
            for j in span:
                if below and j <= below[-1]:
                    row[j] = row[p]
    stacked = []
    for j in range(width):
        parts: list[str] = []
        for row in filled_rows:
            if row[j] and (not parts or parts[-1] != row[j]):
                parts.append(row[j])
        stacked.append(" / ".join(parts))
    return stacked


# ------------------------------------------------------------------ role patterns
def _quarter(header: str) -> int | None:
    """The single quarter a header names (`Triwulan / II / Rp` → 2), None for `I - IV` ranges."""
    if not _QUARTER_WORD.search(header) and not re.search(r"(?:^|/)\s*(?:i|ii|iii|iv)\s*(?:/|$)", header,
                                                          re.IGNORECASE):
        return None
    if _UP_TO_QUARTER.search(header):
        return None  # `Realisasi s/d Triwulan IV`: cumulative to date, the period's realisasi
    text = _QUARTER_RANGE.sub(" ", header)
    text = re.sub(r"\b20\d\d\b", " ", text)
    found = _QUARTER_NUMBER.findall(text)
    return _ROMAN[found[-1].lower()] if found else None


def role_for_header(header: str) -> str:
    """Map one column's stacked header text to a role (see schemas.model.ROLES).

    `tw{n}` without a suffix, and `realisasi?`, are provisional: decided by the values."""
    header = respell_header(header)
    h = header.lower()
    if not h.strip():
        return "other"
    last = h.split(" / ")[-1].strip()
    q = _quarter(header)
    if q is not None:
        if _has(r"jadwal|waktu pelaksanaan|bulan", h):
            return "other"  # a schedule (`Jadwal Kegiatan / Trw I`): shaded cells, no figures
        if _has(r"target|rencana", h) and not _has(r"realisasi|capaian", h):
            return f"tw{q}_target"  # provisional: see `_quarter_targets`
        if _has(r"^(?:rp|rupiah|keuangan|anggaran)\b", last) or _has(r"\b(?:rp|rupiah)\b", last):
            return f"tw{q}_rp"
        if last in {"k", "fisik", "kinerja"} or _has(r"^k\b", last):
            return f"tw{q}_k"
        if last in {"%", "persen", "(%)"} or _has(r"^%|^\(%\)|persen", last):
            return f"tw{q}_pct"
        if _has(MONEY, h):
            return f"tw{q}_rp"
        if _has(r"target|kinerja", h) and not _has(r"realisasi", h):
            return f"tw{q}_k"
        return f"tw{q}"
    if _has(r"\bno\.?\b|\bnomor\b|^no$", last) and len(h) <= 12:
        return "no"
    if (pair := _kinerja_anggaran_pair(last, h)) is not None:
        return pair
    if last in _ABBREVIATED:  # `Tahun 2023 / T | R | %`
        return _ABBREVIATED[last]
    if _has(r"\bsisa\b|\bsilpa\b|selisih", h):
        return "other"  # a remainder and its share (`SILPA / Rp | %`): not the budget's absorption
    # the lowest header row names the column; the rows above only give it context
    text_role = _text_role(last, h)
    if text_role:
        return text_role
    role = _figure_role(last, h) or _figure_role(h, h) or _text_role(h, h) or "other"
    if _has(PLAN_YEAR, h) and (role in AMOUNT_ROLES or role in _KINERJA_FIGURES):
        return "other"  # a multi-year plan's year (`Tahun 3 / Rp`, `/ Target`): not this year's
    return role


_ABBREVIATED = {"t": "target", "r": "realisasi?"}  # a figure heading cut to its letter
_KINERJA_LEAF = re.compile(r"^(?:k|kinerja|fisik|output)$")
_ANGGARAN_LEAF = re.compile(r"^(?:rp\.?|\(rp\)|rupiah|anggaran|keuangan)$")
# a period other than the one reported: the plan's end, or cumulative up to last year / to date
_OTHER_PERIOD = r"tahun lalu|s\.?/d\.?\s*(?:tahun|\d)|sampai dengan (?:tahun|renja|\d)|akhir periode|rpjmd|renstra"


def _kinerja_anggaran_pair(last: str, h: str) -> str | None:
    """`Target Kinerja dan Anggaran Renja … / K | / Rp`: the evaluation form of Permendagri 86/2017
    prints each figure as a pair, kinerja (K) and money (Rp), under one heading. The heading says
    which figure (target, realisasi, tingkat capaian); the leaf says which half. Headings of
    another period (the Renstra's end, cumulative to last year or to date) are no role."""
    kinerja, money = _KINERJA_LEAF.match(last), _ANGGARAN_LEAF.match(last)
    parent = h.rsplit(" / ", 1)[0] if " / " in h else ""
    if not (kinerja or money) or not parent:
        return None
    if _has(_OTHER_PERIOD, parent) or _has(PLAN_YEAR, h):
        return "other"
    if _has(r"tingkat capaian|\(%\)|persen", parent) or (_has("capaian", parent) and not _has("realisasi", parent)):
        return "capaian" if kinerja else "realisasi_pct"
    if _has("realisasi", parent):
        return "realisasi_kinerja" if kinerja else "realisasi"
    if _has(r"target|rencana", parent):
        return "target" if kinerja else "pagu"
    return None


def _figure_role(text: str, context: str) -> str | None:
    """Roles of figure columns, read from `text` (one header level) within `context` (the whole
    stack: `KEUANGAN / REALISASI (Rp)` is money, `KINERJA / REALISASI (%)` is kinerja)."""
    money = _has(MONEY + r"|keuangan|serapan|s/d|sampai|" + SPENT, context)
    kinerja = _has(r"kinerja|fisik|output|outcome", context)
    budget_document = not _has(r"realisasi|capaia|%|persen|terhadap", context)
    if budget_document and _has(r"\bdppa\b|\bdpa[- ]?p\b", text):  # Dokumen Pelaksanaan Perubahan Anggaran
        return "pagu_perubahan"
    if budget_document and _has(r"\bdpa\b", text):  # Dokumen Pelaksanaan Anggaran: as first passed
        return "pagu_murni"
    if _has(r"murni|induk|sebelum perubahan|\bawal\b", text) and (money or _has("murni", text)):
        return "pagu_murni"
    if _has(r"perubahan|setelah|p-apbd", text) and (money or _has("perubahan", text)):
        return "pagu_perubahan"
    if _has(r"serapan|nyerapan", text) and not kinerja:  # the budget's absorption
        return "realisasi_pct"
    if _has(r"(?:rencana|target)\s+(?:tingkat\s+)?capaia|capaia\w*\s*\(\s*target", text) \
            and not _has("realisasi", text):
        # `Rencana Tingkat Capaian (Target)` of the RKT / PK forms, a Renja's `Target Capaian
        # Kinerja`: the planned level, a target
        return "pagu" if _has(MONEY, text) else "target"
    if _has(r"capaia|serapan|nyerapan|progres", text):  # `CAPAIA N`: OCR splits words
        return "realisasi_pct" if money and not kinerja else "capaian"
    if _has(r"target|rencana", text):
        return "pagu" if _has(MONEY, text) or (money and not kinerja) else "target"
    if _has(r"realisasi|" + SPENT, text):
        if kinerja and not _has(SPENT, text):
            return "realisasi_kinerja"
        if _has(r"%|persen", text):
            return "realisasi_pct"
        return "realisasi" if money else "realisasi?"
    if _has(r"%|persen", text):
        return "realisasi_pct" if money or not kinerja else "capaian"
    if _has(r"pagu|anggaran|alokasi|\bdana\b|biaya|belanja", text):
        return "pagu"
    return None


def _text_role(text: str, context: str) -> str | None:
    """Roles of descriptive columns, read from `text` (one header level) within `context`."""
    if _has(r"\bkode\b|\bkd\b", text):
        return "code"
    if _has(r"keterangan|\bket\b|catatan", text):  # `Catatan Penting` of a Renja: a note
        return "keterangan"
    if _has(r"satuan", text):
        return "satuan"
    if _has(r"\bsisa\b|\bsilpa\b|selisih|deviasi|efisiensi|\bbobot\b|\bvolume\b", text):
        return "other"  # figures, but none of ours: a remainder is not a budget
    if _has(r"tahun awal|kondisi awal|baseline", text):
        return "other"  # the starting point of a plan: neither a target nor a realisasi
    if _has(r"sumber data", text):
        return "sumber_data"
    if _has(r"cara (?:pengukuran|perhitungan)|formula|definisi|penjelasan", text):
        return "formulasi"
    if _has(r"penanggung|\blokasi\b|perangkat daerah|asisten|kepala bagian|kasubbag|sumber dana|jadwal", text):
        return "other"
    if _has(r"indikator", text):
        return "indikator"
    if re.fullmatch(r"\s*(?:uraian|nama)\s*", text) and _has(r"sasaran|tujuan", context) \
            and not _has(r"program|kegiatan", context):
        return "sasaran"
    if _has(r"program|kegiatan|uraian|nama|urusan", text) and not _has(
            r"pagu|anggaran|realisasi|\brp\b|target|capaian", text):
        return "name"
    if _has(r"sasaran|tujuan", text) and not _has(r"target|realisasi|capaian", text):
        return "sasaran"
    return None


# ------------------------------------------------------------------ deciding by values
def _looks_like_money(values: list[str], convention: NumberConvention) -> bool:
    """Most filled cells are amounts of at least a thousand (rupiah), none are percents."""
    parsed = [parse_value(v, convention) for v in values if v.strip()]
    numeric = [p for p in parsed if p.kind in ("amount", "dash")]
    big = [p for p in numeric if p.value is not None and abs(p.value) >= 1000]
    if not parsed:
        return False
    return len(big) * 2 >= len([p for p in parsed if p.kind != "dash"]) and len(big) > 0


_ANNUAL = re.compile(r"^\W*[a-z]?a[hn]una[nr]?\W*$", re.IGNORECASE)  # Tahunan, OCR'd 'lahunar'


# a quarter's label as OCR reads a 100-dpi bold `Triw` (`Trw`, `Trtw`, `Trhw`, `Tew`, `Tiwi`):
# a short word beginning with T that is no other header word
_QUARTER_LABEL = re.compile(r"^\W*(?!tahun|target|total|tabel)t[a-z]{1,4}\b", re.IGNORECASE)
_LAST_QUARTER = re.compile(r"(?:^|\s)\W*(?:iv|lv|1v|v)\W*$", re.IGNORECASE)


def _labelled_quarter_run(cells: Sequence[str], c: int) -> bool:
    """`Triw I | Triw II | Triw III | Triw IV` ending at column `c`, as OCR garbles a 100-dpi
    header (`Trhw I | Trhw | Trtw (M | Triw Iv`, LKIP.pdf Rencana Aksi): the last cell a
    quarter label with `IV`, and two of the three before it quarter labels too."""
    if c < 3 or not (_QUARTER_LABEL.match(cells[c]) and _LAST_QUARTER.search(cells[c])):
        return False
    return sum(1 for k in range(c - 3, c) if _QUARTER_LABEL.match(cells[k])) >= 2


def quarter_run_ends(cells: Sequence[str]) -> list[int]:
    """Columns of `IV` in a row printing the four quarters `I II III IV` (as OCR may garble them:
    `1 II 111 IV`), or labelled (`Triw I … Triw IV`, `_labelled_quarter_run`); a Rencana Aksi
    prints two runs, the kinerja's and the keuangan's."""
    norm = [re.sub(r"[^a-z0-9]", "", c.lower()) for c in cells]
    return [c for c in range(3, len(norm))
            if (norm[c] == "iv" and norm[c - 1] in {"iii", "111", "ill", "lll", "iil"})
            or _labelled_quarter_run(cells, c)]


def quarter_run_end(cells: Sequence[str]) -> int | None:
    """The column of the first run's `IV` (`quarter_run_ends`), or None."""
    ends = quarter_run_ends(cells)
    return ends[0] if ends else None


def _spans(row: Sequence[str]) -> dict[int, int]:
    """Each filled cell of a header row and the number of columns it heads (up to the next
    filled cell): a merged heading over its sub-columns."""
    starts = [j for j, c in enumerate(row) if c.strip()]
    return {s: (starts[k + 1] if k + 1 < len(starts) else len(row)) - s for k, s in enumerate(starts)}


_WORD_OF_3 = re.compile(r"[^\W\d_]{3,}")  # a word, not a garble's stray letters or a figure


def _first_word(text: str) -> str:
    m = _WORD_OF_3.search(text)
    return m.group(0).casefold() if m else ""


def _sibling_runs(above: Sequence[str], row: Sequence[str], ends: list[int]) -> list[int]:
    """Ends of the quarter runs whose labels OCR garbled past reading (`pel | Tamu | ‘Trhve ith |
    Tim`, LKIP.pdf p98; `Triw1 | Trw I | Trtw I | Tee`, p94) beside one that was read: a heading
    spanning four columns, like the heading over the run that was read, heads four quarters when
    it begins with the same word (`Target Kinerja` beside `Target Keuangan`) or when most of its
    four labels are quarter-like T-words."""
    spans = _spans(above)
    headed = [c - 3 for c in ends if spans.get(c - 3) == 4]
    if not headed:
        return []
    words = {_first_word(above[s]) for s in headed} - {""}

    def quarter_like(s: int) -> bool:
        return sum(1 for c in row[s:s + 4] if _QUARTER_LABEL.match(c)) >= 3

    return [s + 3 for s, n in spans.items()
            if n == 4 and s + 3 not in ends and (_first_word(above[s]) in words or quarter_like(s))]


def _anchor_quarters(header_rows: list[list[str]], headers: list[str], roles: list[str]) -> None:
    """Quarter columns from the position of `IV`: OCR often garbles `I`, `II`, `III` (`1`, `ı`,
    `П`, `111`) but the four columns end at `IV`, in order."""
    for i, row in enumerate(header_rows):
        ends = quarter_run_ends(row)
        if ends and i > 0:
            ends += _sibling_runs(header_rows[i - 1], row, ends)
        for c in ends:
            for k in range(4):
                j = c - 3 + k
                if j < len(roles) and not re.fullmatch(rf"tw{k + 1}(?:_\w+)?", roles[j]):
                    roles[j] = f"tw{k + 1}"  # a garbled label read as another quarter's (`Trw I`) too
            for j in range(c + 1, min(c + 3, len(roles))):
                # `Tahunan` beside the quarters, in their row or merged above them
                if any(_ANNUAL.match(part) for part in (headers[j] if j < len(headers) else "").split(" / ")):
                    roles[j] = "target"
        if ends:
            return


_BARE_MONEY = re.compile(r"^\W*(?:(?:jumlah|nilai|total)\s*)?\(?\s*(?:rp\.?|rupiah)\s*\)?\W*$", re.IGNORECASE)


def _bare_money_is_pagu(headers: list[str], roles: list[str]) -> None:
    """`Program / Kegiatan | Jumlah (Rp)`, `Kegiatan | Rp`: the one money column of a list of
    programs and kegiatan that names no figure is their budget (a PK's program list)."""
    if "name" not in roles or any(r in roles for r in ("pagu", "pagu_murni", "pagu_perubahan")):
        return
    if not _has(r"program|kegiatan", headers[roles.index("name")]):
        return  # `Uraian | Jumlah (Rp)`: revenue, assets, anything
    for j, header in enumerate(headers):
        if roles[j] == "other" and _BARE_MONEY.match(header.split(" / ")[-1]) and " / " not in header:
            roles[j] = "pagu"
            return


_FIGURE_START = re.compile(r"^\W{0,3}\d")  # `85`, `> 100`, `(60%)`: a figure, perhaps with a bound or bracket


def _column_cells(data_rows: list[GridRow], j: int) -> list[str]:
    return [r.cells[j] for r in data_rows if j < len(r.cells) and r.cells[j].strip()]


def _figures_under_satuan(headers: list[str], roles: list[str], data_rows: list[GridRow]) -> None:
    """`TARGET / SATUAN | PROGRAM/KEGIATAN | ANGGARAN` (LAKIP BKPD p40): a `Satuan` column that
    holds figures (`85`, `450`, `> 100`) is the target in its units, as the heading above says,
    not a column of unit words."""
    for j, role in enumerate(roles):
        if role != "satuan" or " / " not in headers[j]:
            continue
        cells = _column_cells(data_rows, j)
        figures = sum(1 for c in cells if _FIGURE_START.match(c.strip()))
        if cells and 2 * figures > len(cells):
            parent = headers[j].rsplit(" / ", 1)[0]
            roles[j] = "target" if _has(r"target|rencana", parent) else \
                "realisasi_kinerja" if _has("realisasi", parent) else role


_NAMED_ROLES = frozenset({"name", "indikator", "sasaran"})


def _names_by_their_text(roles: list[str], data_rows: list[GridRow]) -> None:
    """A budget table with no column its header names rows by (`UPTD/Kabupaten/Kota`, `Unit
    Kerja`, `Balai`): the first column before the money whose cells are mostly words names the
    rows; its budget lines would otherwise have no name."""
    money = [j for j, r in enumerate(roles) if r in AMOUNT_ROLES]
    if not money or _NAMED_ROLES.intersection(roles):
        return
    for j in range(min(money)):
        if roles[j] != "other":
            continue
        if _mostly_words(data_rows, j):
            roles[j] = "name"
            return


def _mostly_words(data_rows: list[GridRow], j: int) -> bool:
    """Column `j` holds text: most of its filled cells (two at least) are words, not figures."""
    cells = _column_cells(data_rows, j)
    words = sum(1 for c in cells if _WORD_OF_3.search(c) and not _FIGURE_START.match(c))
    return len(cells) >= 2 and 2 * words > len(cells)


def _unread_finer_level(headers: list[str], roles: list[str], data_rows: list[GridRow]) -> None:
    """A column of names right beside the `Program` column, whose header OCR could not read (a
    bold 100-dpi `Kegiatan` read `—`, LKIP.pdf p98), is the next level down: cascades go from
    program to kegiatan to sub kegiatan, left to right, and the finest level names the rows."""
    for j, role in enumerate(roles[:-1]):
        if role != "name" or not _has(r"program", headers[j]) or _has(r"kegiatan", headers[j]):
            continue
        k = j + 1
        if roles[k] != "other" or _WORD_OF_3.search(headers[k]):
            continue
        if _mostly_words(data_rows, k):
            roles[k] = "name"
            return


def _quarter_targets(headers: list[str], roles: list[str]) -> None:
    """A quarter's target (`Target Triwulan / I`, `Triwulan I / Rencana`): where the table also
    prints that quarter's realisasi, the realisasi is the quarter's figure and the target no
    role; alone (a PK or Rencana Aksi plans its quarters) it is the quarter's kinerja figure. A
    quarter column is that realisasi only when its heading says so: a Rencana Aksi's `Target
    Kinerja` and `Target Keuangan` runs (LKIP.pdf p98, where OCR read one run's labels only) are
    two targets."""
    for j, role in enumerate(roles):
        if m := re.fullmatch(r"tw(\d)_target", role):
            realised = any(re.fullmatch(rf"tw{m[1]}(?:_k|_rp|_pct)?", r) and _has("realisasi", headers[i])
                           for i, r in enumerate(roles))
            roles[j] = "other" if realised else f"tw{m[1]}_k"


def assign_roles(header_rows: list[list[str]], data_rows: list[GridRow], width: int,
                 report_year: int | None = None) -> list[Column]:
    """Columns with roles for a table, from its header rows and (for provisional roles) its data."""
    headers = stack_headers(header_rows, width)
    roles = [role_for_header(h) for h in headers]
    _anchor_quarters(header_rows, headers, roles)
    _quarter_targets(headers, roles)
    _bare_money_is_pagu(headers, roles)
    _figures_under_satuan(headers, roles, data_rows)
    _names_by_their_text(roles, data_rows)
    _unread_finer_level(headers, roles, data_rows)
    has_money = any(r in AMOUNT_ROLES for r in roles)
    has_target = "target" in roles
    _capaian_of_budget(roles, has_money)
    for j, role in enumerate(roles):
        if role not in ("realisasi?",) and not re.fullmatch(r"tw\d", role):
            continue
        values = [r.cells[j] for r in data_rows if j < len(r.cells)]
        convention = infer_convention(values)
        money = _looks_like_money(values, convention)
        if role == "realisasi?":
            # big figures beside a `Target` and a `Satuan` and no budget column are counted
            # things (tonnes, heads of livestock), an indicator's realisasi, not rupiah
            counted = has_target and not has_money and "satuan" in roles
            roles[j] = "realisasi" if (money and not counted) or (has_money and not has_target) \
                else "realisasi_kinerja"
        else:
            roles[j] = f"{role}_rp" if money else f"{role}_k"
    decide_percent_columns(roles, data_rows)
    roles = _one_column_per_role(roles, headers, _filled_columns(data_rows, width), report_year)
    return [Column(index=j, role=role, header=headers[j]) for j, role in enumerate(roles)]


_KINERJA_FIGURES = frozenset({"target", "realisasi_kinerja", "capaian", "realisasi_pct"})
_KINERJA_ROLES = frozenset({"target", "realisasi_kinerja", "indikator", "satuan"})


def _capaian_of_budget(roles: list[str], has_money: bool) -> None:
    """`CAPAIAN (%)` or `PROGRES (%)` beside only budget figures (alokasi, realisasi Rp) is the
    budget's absorption, not an indicator's achievement: there is no indicator to achieve."""
    if has_money and "realisasi_pct" not in roles and not _KINERJA_ROLES.intersection(roles):
        for j, role in enumerate(roles):
            if role == "capaian":
                roles[j] = "realisasi_pct"
                return


_REPEATABLE = frozenset({"other", "keterangan", "no"})
_YEAR = re.compile(r"\b(20\d\d)\b")
_REALISASI = ("realisasi_kinerja", "realisasi")


def _filled_columns(data_rows: list[GridRow], width: int) -> set[int]:
    """Columns where some data row prints a figure."""
    return {j for j in range(width) for r in data_rows
            if j < len(r.cells) and re.search(r"\d", r.cells[j])}


def _report_year_columns(roles: list[str], headers: Sequence[str],
                         filled: set[int] | None = None, document_year: int | None = None) -> dict[str, int]:
    """`Realisasi Tahun / 2015 | 2016`: a realisasi printed for several years is the report
    year's, the latest with figures (a plan's table prints target/realisasi pairs to 2018 and
    fills the realisasi only up to the report year); then a target (or capaian) printed for
    several years is that year's (`Target 2016`, not the plan's `Target 2018`). Roles whose
    columns name no year are left. One realisasi and one target of different years (`Realisasi
    2016 | Target 2018`, `Realisasi 2015 | Target 2016`): the document's year keeps the one of
    its year; without it, a target two or more years after the realisasi is the plan's end (and a
    capaian beside it the progress towards that end, not this year's achievement)."""
    def years(role: str) -> dict[int, int]:
        found = {}
        for j, r in enumerate(roles):
            m = _YEAR.findall(headers[j]) if r == role and j < len(headers) else []
            if r == role and len(m) == 1:
                found[int(m[0])] = j
        return found if len(found) == sum(1 for r in roles if r == role) >= 2 else {}

    def single_year(role: str) -> int | None:
        cols = [j for j, r in enumerate(roles) if r == role]
        found = _YEAR.findall(headers[cols[0]]) if len(cols) == 1 and cols[0] < len(headers) else []
        return int(found[0]) if len(found) == 1 else None

    out: dict[str, int] = {}
    realisasi_year = next((y for role in _REALISASI if (y := single_year(role))), None)
    target_year = single_year("target")
    if realisasi_year and target_year and target_year > realisasi_year:
        if document_year in (realisasi_year, target_year):
            keep = document_year
        else:
            keep = realisasi_year if target_year - realisasi_year >= 2 else None
        if keep == realisasi_year:
            # `Realisasi 2016 | Target 2018 | Capaian`: the plan's end and the progress towards it
            out["target"] = out["capaian"] = NO_COLUMN
        elif keep == target_year:
            out.update({role: NO_COLUMN for role in _REALISASI})  # last year's, the baseline
    report_year = None
    for role in _REALISASI:
        if by_year := years(role):
            printed = [y for y, j in by_year.items() if filled is None or j in filled]
            report_year = max(printed or by_year)
            out[role] = by_year[report_year]
        elif report_year is None:
            report_year = single_year(role)
    if report_year is not None:
        for role in ("target", "capaian", "pagu", "realisasi_pct"):
            if (by_year := years(role)) and report_year in by_year:
                out[role] = by_year[report_year]
    return out


NO_COLUMN = -1  # a role that no column of the table takes

_RIGHTMOST = frozenset({"name", "indikator", "sasaran"})
_AFTER_INDIKATOR = frozenset({"target", "realisasi_kinerja", "capaian", "satuan",
                              "tw1_k", "tw2_k", "tw3_k", "tw4_k"})


def _one_column_per_role(roles: list[str], headers: Sequence[str] = (),
                         filled: set[int] | None = None, report_year: int | None = None) -> list[str]:
    """Cascading tables repeat name / indikator / target per level (program, kegiatan, sub
    kegiatan): the rightmost group is the most detailed and carries the budget, and an
    indicator's figures are those to the right of it. Repeated figures keep their first column,
    unless their headers name years (see `_report_year_columns`). Columns not chosen become
    'other' (their text stays in raw_cells)."""
    chosen: dict[str, int] = {}
    for j, role in enumerate(roles):
        if role not in _REPEATABLE and (role not in chosen or role in _RIGHTMOST):
            chosen[role] = j
    indikator = chosen.get("indikator")
    if indikator is not None:
        roles = _outer_indicator_groups(roles, indikator)
        for role in _AFTER_INDIKATOR:
            after = [j for j, r in enumerate(roles) if r == role and j > indikator]
            if after:
                chosen[role] = after[0]
    chosen.update(_report_year_columns(roles, headers, filled, report_year))
    return [role if role in _REPEATABLE or role.startswith(OUTER) or chosen.get(role) == j else "other"
            for j, role in enumerate(roles)]


OUTER = "outer_"  # prefix of an outer level's indicator columns in a cascade (`outer_indikator`)
_GROUP_END = frozenset({"name", "indikator", "sasaran"})


def _outer_indicator_groups(roles: list[str], main: int) -> list[str]:
    """A cascade prints an indicator per level (`Indikator Sasaran | Target Triwulan I-IV |
    Kegiatan | Indikator Kegiatan | Target`): the rightmost indikator is the main one; each
    indikator left of it, with the figures between it and the next text column, is an outer
    level's (`outer_indikator`, `outer_target`, `outer_tw1_k` …), read as indicators of their own."""
    out = list(roles)
    for k in range(main):
        if roles[k] != "indikator":
            continue
        figures = []
        for j in range(k + 1, main):
            if roles[j] in _GROUP_END:
                break
            if roles[j] in _AFTER_INDIKATOR:
                figures.append(j)
        if any(roles[j] != "satuan" for j in figures):
            out[k] = OUTER + "indikator"
            for j in figures:
                out[j] = OUTER + roles[j]
    return out
