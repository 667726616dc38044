"""A figure read by OCR is decided by agreement of several readings of the page.

Tesseract misreads a digit of a low-resolution scan (`6.382.235.800` for `6.383.235.800`,
`97,64` for `97,61`) without saying so: its confidence is as high on many misreads as on right
readings (LKIP.pdf truth pages: right figures at confidence 0-15, wrong ones at 69-79), so
confidence cannot pick the cells to doubt. But each way of smoothing the page image makes it
misread *different* digits. `ocr.ocr_page` therefore reads a table page again from smoothed
images (`OcrPage.rereadings`, same geometry); here each figure cell of the grid, built from the
first reading, is read again from the words the other readings put inside the cell's box.

The rule is a majority of support, on the digits only (separators are the column repair's
business): each reading supports its figure with its confidence, and a figure other than the
first reading's replaces it only with more than half of all the support (`vote`). A page read
once, or readings that all disagree, change nothing.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from fractions import Fraction
from typing import TypeVar

from extractors.ocr.lexicon import known_share
from extractors.ocr.numbers import read_glyphs
from extractors.pdf.cells import join_words
from extractors.pdf.geometry import Word
from schemas.model import BBox

W = TypeVar("W", bound=Word)

KNOWN_BY = 0.25  # a text cell's re-reading whose words are this much more the reports' words replaces it
SURER_BY = 10.0  # a text cell's re-reading replaces the first when its words are this much surer on average
SAME_TEXT = 0.5  # ... and its text is at least this alike (difflib ratio): the same words, read better
SURE_ALONE = 80.0  # a garbled cell takes a figure read by one reading alone only this sure,
SURE_ALONE_AMOUNT = 60.0  # ... or this sure of an amount (`AMOUNT_DIGITS`; its grouping checks it too)
LINE_SHARE = 0.5  # a re-reading's word on the first reading's line shares this much of its height
DIGIT_ENGINE = "paddle"  # the engine whose figure, read twice, breaks a tie between engines
AMOUNT_DIGITS = 7  # an amount in rupiah has this many digits at least (a count, a percent fewer)
MIN_DIGITS = 3  # cells with fewer digits (`12`, `2%`) are left to the first reading
_SMALL = re.compile(r"^[\s\d.,%()\-–—]*$")
_PERCENT_INSIDE = re.compile(r"%.*\d")
_FIGURE_CELL = re.compile(r"^[\s(\-–]*(?:rp\.?\s*)?[\dOolI|!][\dOolI|!.,:;\s)]*(?:[,.]\s?-)?\s*%?\)?\s*[?]?$",
                          re.IGNORECASE)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# a grouped amount (two marks at least) and what is left of its cents: `374.160.000,1H)`,
# `888.191.200.(0`, `34.500.000.`; the cents of a 100-dpi scan are two 6-px digits after a mark.
# Its first group may have lost its mark (`1906.519.440,00`: one figure with `1 906.519.440,00`)
_SPOILT_CENTS = re.compile(r"^(?P<head>[\s(]*(?:rp\.?\s*)?\d{1,4}(?:[.,\s]\d{3}){2,})\s?[.,]\s?(?P<tail>\S{0,3})\s*$",
                           re.IGNORECASE)


def whole_rupiah(text: str) -> str | None:
    """The amount's whole rupiah as read, when what follows its last mark is cents (two
    characters, read or not, or nothing), not a thousands group (three digits)."""
    m = _SPOILT_CENTS.match(text)
    if m is None or re.fullmatch(r"\d{3}", m.group("tail")) or len(m.group("tail")) == 3 and \
            sum(ch.isdigit() for ch in m.group("tail")) >= 2:
        return None
    return m.group("head")


def figure_key(text: str) -> str:
    """What readings of a figure must share to be the same figure: its digits, without its
    cents (`888.191.200,00`, `888.191.200.(0` and `888.191.200` are one figure; a column's
    cents are `numbers.repair_column`'s business). Percents and counts keep every digit."""
    head = whole_rupiah(text.strip())
    return digits(head if head is not None else text)


def is_figure_cell(text: str) -> bool:
    """A cell that holds one figure (as OCR may spoil it): digits, separators, `Rp`, `%`, `,-`;
    or a grouped amount whose cents OCR could not read (`374.160.000,1H)`)."""
    if sum(ch.isdigit() for ch in text) < MIN_DIGITS:
        return False
    return bool(_FIGURE_CELL.match(text)) or whole_rupiah(text.strip()) is not None


def words_in(box: BBox, words: list[W], margin: float = 0.5) -> list[W]:
    x0, y0, x1, y1 = box
    return [w for w in words if x0 - margin <= w.xc <= x1 + margin and y0 - margin <= w.yc <= y1 + margin]


def _support(words: list[Word]) -> float:
    """How strongly one reading holds its text: its least sure word's confidence (0-100)."""
    confs = [getattr(w, "conf", -1.0) for w in words]
    return max(0.0, min(confs)) + 1.0 if confs else 0.0


_WELL_FORMED = (
    # 1.234.567 and 1.234.567,00, a mark read as another or as a space (`2.452,369 500,00`)
    re.compile(r"^\d{1,3}(?:[., ]\d{3})+(?:[.,]\d{2})?$"),
    re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$"),  # 92,02 and 100: a percent, a small count
)
_AROUND = re.compile(r"^[\s(]*(?:rp\.?\s*)?|(?:\s*[,.]\s?-|\s*%)?[\s)]*$", re.IGNORECASE)


def well_formed(text: str) -> bool:
    """The figure grouped as printed, a separator between every three digits (as OCR reads a
    mark: `.`, `,` or a space) and two cents at most: `1.234.567`, `1.234.567,00`,
    `2.533.288 840`, `Rp. 2.636.500.000,-`, `92,02 %`; not `6 0,14`, `16.523.28.860`,
    `1906.519.440,00` (a lost or invented digit, or a lost mark). Cents OCR could not read
    (`374.160.000,1H)`) do not count against it: the whole rupiah are grouped as printed."""
    if cleanly_read(text):
        return True
    head = whole_rupiah(text.strip())
    return head is not None and bool(_WELL_FORMED[0].match(_AROUND.sub("", head)))


def cleanly_read(text: str) -> bool:
    """Grouped as printed with every character read, cents included: `well_formed` without
    spoilt cents, a figure no re-reading can improve."""
    core = _AROUND.sub("", text.strip())
    return any(p.match(core) for p in _WELL_FORMED)


LOOKALIKE = frozenset("0123456789OoQDCcUuIilLjJ|!SsBZzGgTtb.,:;()%-'")  # what a 6-px digit is read as
LOOKALIKE_SHARE = 0.6


def garbled(text: str) -> bool:
    """No figure, but what is left of one OCR could not read: nothing, at most two words
    (`SPLIGOLOUNKIHE`, `374.160.000,1H)`, `Lo 47?%`), or words mostly of the letters digits
    are misread as (`TOOL OCO C0` for `790.000.000`). A cell of text has more words, of other
    letters (and the other readings then read words too, no figure). Digits with a `%` before
    one of them are a figure's digits misread (`4168 6%2` for `4.268.682.000`), not a percent."""
    if is_figure_cell(text) or (text.strip() and _SMALL.match(text) and not _PERCENT_INSIDE.search(text)):
        return False  # a figure, or `12`, `2%`, `-`: read, and left to the first reading
    chars = [ch for ch in text if not ch.isspace()]
    return len(text.split()) <= 2 or sum(ch in LOOKALIKE for ch in chars) >= LOOKALIKE_SHARE * len(chars)


def _one_more(longer: str, shorter: str, text: str = "") -> bool:
    """`longer` (the digits of `text`) is `shorter` with one more digit at its start or end: a
    speck or a ruling's remnant at the cell's edge read as a digit (`416.523.280.860`,
    `1.622.820.514 1`). Not a first digit that is a group of its own (`1.846.297.480,00`),
    nor one that makes a first group of four before grouped thousands (`1900.000 000`, PP-OCR's
    reading of `1.900.000.000` with its first mark lost): that is the figure's, which another
    reading lost."""
    if len(longer) != len(shorter) + 1:
        return False
    if longer[:-1] == shorter:
        return True
    return longer[1:] == shorter and not re.match(r"^\d(?:[., ]\d{3}|\d{3}[., ]\d{3})", _AROUND.sub("", text.strip()))


def vote(readings: list[tuple[str, float]] | list[tuple[str, float, str]]) -> int:
    """Index of the reading whose figure wins; `readings[0]` is the first reading, which stands
    unless another figure (its digits) is better held. Each reading is (text, support[,
    engine]); readings that are not a figure do not vote. A figure is held, in this order, by:

    1. the engines that read it (Tesseract's readings of one page share its misreads, another
       engine's do not: two engines agreeing beat any number of readings of one);
    2. its share of the engines' votes: each engine has one, split evenly among its readings
       that are figures, so that Tesseract's three readings of a page weigh as much as
       PP-OCR's one (two of them agreeing on a misread `3.861.184.556` do not outvote PP-OCR's
       `...566` that the third supports). A reading with one more digit at an edge of a figure
       read well formed gives it its share too (a speck or a ruling's remnant read as a digit:
       `416.523.280.860` holds `16.523.280.860`);
    3. a reading of it with every separator in place (`well_formed`);
    4. two readings of it by `DIGIT_ENGINE` (PP-OCR's page reading and its re-read of the
       cell's crop): where each engine holds a figure of its own, unanimously, PP-OCR's is the
       better reading of a 100-dpi digit (`647 211.000` against Tesseract's three
       `647 211.600`; on the eight scan truth files this rule changed 13 decisions, 12 to the
       truth's figure, see tests/eval/truth-scans/README.md);
    5. then, all else equal, the summed support of those readings, of which the winner needs
       more than half: one sure `15...` (confidence 91) outvotes one unsure `415...`, and three
       readings that all differ change nothing.
    Readings are compared with their glyphs read back (`numbers.read_glyphs`: `45.(000.000.(00`
    is `45.000.000.00`). Readings without an engine are all of one. A first reading that is no
    figure but garbled (`garbled`: Tesseract's `SPLIGOLOUNKIHE` for a 100-dpi `374.160.000,00`,
    `T205K`, or nothing read) gives way to the best held figure of the others when it is well
    formed and read by two readings, or by one with support `SURE_ALONE` (`SURE_ALONE_AMOUNT`
    for an amount: PP-OCR reads an unsure `287.510.000,10` for `287.500.000,00` at 33, `101%`
    for a `100%` at 34-66), or, an amount, by one whose digits a garbled reading begins with,
    the only such figure (`_begun_by`: the figure's whole rupiah read by another engine)."""
    readings = [(read_glyphs(r[0]), r[1], r[2] if len(r) > 2 else "") for r in readings]  # type: ignore[misc]
    figures = [(i, figure_key(r[0]), r[1], r[2], r[0])
               for i, r in enumerate(readings) if is_figure_cell(r[0])]
    first = figure_key(readings[0][0])
    if figures and garbled(readings[0][0]):
        first = ""  # held by no reading: any well formed figure beats it
    elif not figures or not any(d == first for _, d, _, _, _ in figures):
        return 0
    total = sum(s for _, _, s, _, _ in figures)
    per_engine = Counter(f[3] for f in figures)

    def backing(candidate: str) -> list[tuple]:
        exact = [f for f in figures if f[1] == candidate]
        # only a figure read somewhere with its separators in place: `10.139.59).000` lost a
        # digit, and `10.139.590.000` is not it with one more
        if not any(well_formed(f[4]) for f in exact):
            return exact
        return exact + [f for f in figures if _one_more(f[1], candidate, f[4])]

    def held(candidate: str) -> tuple[int, Fraction, bool, bool, float]:
        exact = [f for f in figures if f[1] == candidate]
        behind = backing(candidate)
        return (len({f[3] for f in exact}), sum((Fraction(1, per_engine[f[3]]) for f in behind), Fraction(0)),
                any(well_formed(f[4]) for f in exact), sum(f[3] == DIGIT_ENGINE for f in exact) >= 2,
                sum(f[2] for f in behind))

    def text_of(candidate: str) -> int:
        """The reading that gives the winning figure its text: one read whole, cents
        included (`cleanly_read`), before the first reading, before a surer one."""
        same = [f for f in figures if f[1] == candidate]
        return max(same, key=lambda f: (cleanly_read(f[4]), f[0] == 0, f[2]))[0]

    candidates = list(dict.fromkeys(d for _, d, _, _, _ in figures))
    holds = {c: held(c) for c in candidates}
    if not first:  # a garble: the best held figure read well formed, by two readings or one sure one
        formed = [c for c in candidates if holds[c][2]]
        if not formed:
            return 0
        best = max(formed, key=holds.__getitem__)
        sure = SURE_ALONE_AMOUNT if len(best) >= AMOUNT_DIGITS else SURE_ALONE
        if len(backing(best)) >= 2 or holds[best][4] >= sure:
            return text_of(best)
        begun = [c for c in formed
                 if len(c) >= AMOUNT_DIGITS and _begun_by(c, readings, {f[3] for f in figures if f[1] == c})]
        return text_of(best) if begun == [best] else 0
    best = max(candidates, key=holds.__getitem__)  # the first of equals: the first reading's when it is one
    if best == first:
        return text_of(best)
    mine, theirs = holds[first], holds[best]
    if theirs[:4] == mine[:4] and theirs[4] * 2 <= total:
        return text_of(first)
    return text_of(best)


def _begun_by(candidate: str, readings: list[tuple[str, float, str]], readers: set[str]) -> bool:
    """Whether a reading that is no figure (its end garbled), by an engine not among the
    figure's `readers`, begins with all of `candidate`'s digits: Tesseract's `287.50. 000 0K)`
    and `287.5000,0004K)` read the whole rupiah of PP-OCR's `287.500.000,00` and not of its
    `287.510.000,10` (LKIP.pdf p102). One engine's readings share their misreads."""
    return any(not is_figure_cell(text) and engine not in readers and digits(text).startswith(candidate)
               for text, _, engine in readings)


def revote_cell(first: str, box: BBox | None, first_words: list[W],
                rereadings: list[list[W]], engines: list[str] | None = None) -> tuple[str, list[W] | None]:
    """The cell's text after the vote of the re-readings, and the winning reading's words in
    the cell (None when `first`, the cell's text from `first_words`, stands): `decide_cell` of
    its `cell_readings`."""
    return decide_cell(first, cell_readings(first, box, first_words, rereadings), engines)


def cell_readings(first: str, box: BBox | None, first_words: list[W],
                  rereadings: list[list[W]]) -> list[list[W]] | None:
    """Each reading's words of a figure cell, the first reading's first; None for a cell not
    voted on. Only a box that holds this cell's figure in the first reading, alone or as one
    line of its own, is voted on (`_words_of`), and on that line only (`_on_its_lines`). An
    empty or garbled cell (`garbled`) is voted on too."""
    if box is None or not rereadings or not (is_figure_cell(first) or garbled(first)):
        return None
    own = _words_of(first, words_in(box, first_words))
    if own is None:
        return None
    return [own] + [_on_its_lines(words_in(box, words), own) for words in rereadings]


def decide_cell(first: str, readings: list[list[W]] | None,
                engines: list[str] | None = None) -> tuple[str, list[W] | None]:
    """The cell's text after the vote (`vote`) of its `readings`, and the winning reading's
    words (None when `first` stands). `engines`: the recogniser of each reading (none: all
    one). An empty or garbled cell takes a well formed figure the other readings hold."""
    if readings is None:
        return first, None
    names = engines if engines and len(engines) == len(readings) else [""] * len(readings)
    winner = vote([(first, _support(readings[0]), names[0])]
                  + [(join_words(ws), _support(ws), name) for ws, name in zip(readings[1:], names[1:])])
    return (first, None) if winner == 0 else (read_glyphs(join_words(readings[winner])), readings[winner])


def _words_of(first: str, words: list[W]) -> list[W] | None:
    """The first reading's words of the cell's figure `first` among the `words` in its box:
    all of them when they read it, else the one line of them that does (a cell cut out of a
    box that spans rows, where a scan lost the rulings between them: the detector split it
    by lines, and gave each piece the whole box), else None: the box is not the figure's."""
    if digits(join_words(words)) == digits(first) and not (garbled(first) and join_words(words) != first.strip()):
        return words
    lines: list[list[W]] = []
    for w in sorted(words, key=lambda w: w.yc):
        if lines and same_line(lines[-1][0], w):
            lines[-1].append(w)
        else:
            lines.append([w])
    matching = [line for line in lines if join_words(line) == first.strip()]
    return matching[0] if first.strip() and len(matching) == 1 else None


def _on_its_lines(words: list[W], own: list[W]) -> list[W]:
    """The words of a re-reading on the lines where the first reading read the cell's figure
    (half a line's height shared at least); all of them when it read nothing there. Where a
    scan lost the rulings between rows, a cell's box spans several rows' figures
    (`292.494.240 5.703.388 560 387.353.000`, LKIP.pdf p56), of which the first reading's
    words mark the one that is this cell's."""
    if not own:
        return words
    return [w for w in words if any(same_line(w, o) for o in own)]


def same_line(a: Word, b: Word) -> bool:
    """Two words share at least `LINE_SHARE` of the smaller one's height: one line of text."""
    return min(a.y1, b.y1) - max(a.y0, b.y0) >= LINE_SHARE * min(a.h, b.h)


def is_fragment(short: str, long: str) -> bool:
    """`short`'s letters and digits all appear in `long`, in order, and are fewer (case and
    spaces aside): PP-OCR drops the characters it cannot read (`g`, `K n n` for a bold
    `Kegiatan`, `Keuangan`) where Tesseract misreads them, so its reading is then a fragment
    of the right one."""
    a = [ch for ch in short.casefold() if ch.isalnum()]
    b = iter(ch for ch in long.casefold() if ch.isalnum())
    return 0 < len(a) < sum(1 for ch in long if ch.isalnum()) and all(ch in b for ch in a)


def lost_words(first: str, other: str) -> bool:
    """`other` reads every word of `first`, in order, and words more that the reports print, all
    of them: a line of the cell the first reading lost (LKIP.pdf p38: Tesseract read `Program
    Perencanaan Pembangunan Daerah` three times, PP-OCR the justified middle line `Pengendalian
    dan Evaluasi` too). A reading with any unknown word more (a neighbour's garble) is none."""
    mine, theirs = re.findall(r"\w+", first.casefold()), re.findall(r"\w+", other.casefold())
    matched, extra = 0, []
    for word in theirs:
        if matched < len(mine) and word == mine[matched]:
            matched += 1
        else:
            extra.append(word)
    return matched == len(mine) > 0 and known_share(" ".join(extra)) == 1.0


def _mean_conf(words: list[W]) -> float:
    confs = [max(0.0, getattr(w, "conf", 0.0)) for w in words]
    return sum(confs) / len(confs) if confs else 0.0


def reread_text(first: str, box: BBox | None, first_words: list[W],
                rereadings: list[list[W]]) -> tuple[str, list[W] | None]:
    """A text cell (a name, an indicator) as the surest reading has it: the re-reading whose
    words Tesseract is surer of on average, by `SURER_BY`, when it reads much the same words
    (`SAME_TEXT`). Text has no majority to take (each reading spoils a long name differently:
    `pengeloiaan`, `loreng Groh` for `terkena bencana`), but a blurred re-reading of a warped
    scan often reads every word of it cleanly. A first reading that is a fragment of a
    re-reading (`is_fragment`) takes it when it is at least as sure: the re-reading has the
    characters the first could not read; one that lost whole words the re-reading has
    (`lost_words`) takes it however sure."""
    if box is None or not rereadings or is_figure_cell(first):
        return first, None
    own = words_in(box, first_words)
    if join_words(own) != first:
        return first, None
    own_conf = _mean_conf(own)
    best_text, best_words, best_conf = first, None, own_conf + SURER_BY
    insides = [words_in(box, words) for words in rereadings]
    for inside in insides:
        text = join_words(inside)
        conf = _mean_conf(inside)
        if not text or (is_figure_cell(text) and garbled(first)):  # a figure for a garble: `vote` decides
            continue
        alike = difflib.SequenceMatcher(None, first.casefold(), text.casefold()).ratio() >= SAME_TEXT
        if (conf >= best_conf and alike) or (best_words is None and (
                (conf >= own_conf and is_fragment(first, text)) or lost_words(first, text))):
            best_text, best_words, best_conf = text, inside, max(conf, best_conf)
    if best_words is None:
        best_text, best_words = _best_spelled(first, insides)
    return best_text, best_words


def _best_spelled(first: str, readings: list[list[W]]) -> tuple[str, list[W] | None]:
    """The reading of a text cell whose words are most the reports' words (`known_share`), when
    it beats the first reading's share by `KNOWN_BY` and reads much the same text: confidences
    of two engines do not compare, but `Penyusunan Dokumen Sinergitas` is a better reading than
    `Penyusunan Dekumen Sinetgitas` whichever engine read it."""
    mine = known_share(first)
    if mine is None:
        return first, None
    best, best_words, best_share = first, None, mine + KNOWN_BY
    for words in readings:
        text = join_words(words)
        share = known_share(text)
        if share is None or share < best_share or is_figure_cell(text):
            continue
        if difflib.SequenceMatcher(None, first.casefold(), text.casefold()).ratio() >= SAME_TEXT:
            best, best_words, best_share = text, words, share
    return best, best_words
