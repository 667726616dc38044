"""OCR'd words of names and indicators respelled against the vocabulary of the reports.

Tesseract reads the 100-dpi names of a fax scan as `Penyusunan Dekumen Sinetgitas Perenciuaan
Suinber Daya Aur.` (LKIP.pdf p93): the figures of such a row are right, but a name that far off
cannot be matched to anything (another document's row, a truth file, an analyst's search). The
reports share their vocabulary (`dokumen`, `perencanaan`, `sumber`, `pengendalian`): a word no
report prints, close to exactly one word they do, is that word misread. `lexicon_id.txt` holds
the words printed at least `MIN_COUNT` times in the text layers of a corpus of reports, each
with how often, and `pairs_id.txt` the pairs of words printed one after the other
(`python -m extractors.ocr.lexicon CORPUS_DIR` writes both);
the scanned documents themselves are not in it (they have no text). How often tells a report's
word from a slip printed once: `pada` (1018 times) beats `perda` (9), `Pengelolaan` the
typo `Pengelolan` (`frequency`).

Only words the recogniser was unsure of (`UNSURE`) are respelled: a word read surely is what is
printed even when no report prints it (`Jagung` on a 300-dpi PK scan is not `Jafung`).
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from extractors.pdf.geometry import Word
from schemas.vocabulary import HEADER_WORDS

W = TypeVar("W", bound=Word)

LEXICON = Path(__file__).with_name("lexicon_id.txt")
PAIRS = Path(__file__).with_name("pairs_id.txt")  # consecutive words and their counts
MIN_PAIR_COUNT = 2  # a pair printed once is as often a line's chance neighbours as a phrase
MIN_COUNT = 1  # a word printed this often in the corpus is a word of the reports
MIN_LETTERS = 4  # shorter words are not respelled (`Aur` could be `Air` or `Atur`)
SHORTEST = 2  # shorter runs of letters are counted as no word (`A rasi` is `Akurasi` split)
COMMON_SHORT = 50  # a word under MIN_LETTERS letters counts when printed this often (`dan`, `air`):
# rarer ones are abbreviations a garble hits by chance (`it` for a Triw `II`, `Tam` for `Trw`)
RESPELL_RATIO = 0.8  # difflib ratio: two letters of ten wrong
UNSURE = 60.0  # OCR confidence (0-100) under which a word may be a misreading
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # a run of letters


@lru_cache(maxsize=1)
def printed() -> dict[str, int]:
    """How often the reports print each word (`word count` per line; a bare word: once), and
    the header words (`schemas.vocabulary`) the corpus happens not to print, once each: the
    standard forms' `Pagu Indikatif`, `Prakiraan Maju` are report words wherever they appear."""
    counts: dict[str, int] = {}
    if LEXICON.is_file():
        for line in LEXICON.read_text(encoding="utf-8").splitlines():
            word, _, count = line.strip().partition(" ")
            if word:
                counts[word] = int(count) if count else 1
    for word in HEADER_WORDS:
        counts.setdefault(word, 1)
    return counts


@lru_cache(maxsize=1)
def vocabulary() -> tuple[frozenset[str], dict[int, list[str]]]:
    """The words of `MIN_LETTERS`+ letters, and those of each length (a misread keeps its length
    within two)."""
    words = [w for w in printed() if len(w) >= MIN_LETTERS]
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(w)
    return frozenset(words), by_length


@lru_cache(maxsize=65536)
def respelled_word(word: str) -> str:
    """The report word `word` is a misreading of, in `word`'s case; else `word`."""
    low = word.lower()
    known, by_length = vocabulary()
    if len(low) < MIN_LETTERS or low in known or not known or word.isupper():
        return word  # short, known, or an acronym (`WISMP`, `PSDA`): as read
    near = [w for n in range(len(low) - 2, len(low) + 3) for w in by_length.get(n, ())]
    close = difflib.get_close_matches(low, near, n=2, cutoff=RESPELL_RATIO)
    if not close:
        return word
    if len(close) == 2 and difflib.SequenceMatcher(None, low, close[1]).ratio() >= \
            difflib.SequenceMatcher(None, low, close[0]).ratio():
        return word  # two report words as close: not ours to choose
    best = close[0]
    return best.capitalize() if word[0].isupper() else best


def _long_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text) if len(w) >= MIN_LETTERS]


def known_share(text: str) -> float | None:
    """The share of `text`'s words of `MIN_LETTERS`+ letters that the reports print; None for a
    text of fewer than two such words (too little to tell a better reading by)."""
    known, _ = vocabulary()
    words = _long_words(text)
    if len(words) < 2 or not known:
        return None
    return sum(1 for w in words if w in known) / len(words)


def frequency(text: str) -> int:
    """How often the reports print `text`'s rarest run of letters; 0 when one of them is no
    word they print, is shorter than `SHORTEST` (`A rasi`, `l'pengisian`) or is a short word
    printed less than `COMMON_SHORT` times, or `text` has none."""
    runs = [w.lower() for w in WORD.findall(text)]
    if not runs or any(len(w) < SHORTEST for w in runs):
        return 0
    counts = printed()
    return min(n if len(w) >= MIN_LETTERS or n >= COMMON_SHORT else 0
               for w in runs for n in [counts.get(w, 0)])


def respell(text: str) -> str:
    """`text` with each misread word respelled (`respelled_word`); the rest as read."""
    return WORD.sub(lambda m: respelled_word(m.group(0)), text)


def respell_unsure(words: list[W]) -> list[W]:
    """OCR'd words, those read with confidence under `UNSURE` respelled (`respell`)."""
    return [replace(w, text=respell(w.text)) if getattr(w, "conf", 100.0) < UNSURE else w for w in words]


def _texts(paths: list[Path]):
    """The text of each text layer (PDF) and text conversion under `paths`."""
    import pymupdf

    for root in paths:
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.suffix.lower() == ".pdf":
                with pymupdf.open(path) as doc:
                    yield "\n".join(page.get_text() for page in doc)
            elif path.suffix.lower() in (".txt", ".md", ".html"):
                yield path.read_text(encoding="utf-8", errors="ignore")


def _runs(line: str) -> list[str]:
    return [w.lower() for w in WORD.findall(line) if len(w) >= SHORTEST]


def build(paths: list[Path]) -> list[tuple[str, int]]:
    """The vocabulary of the text layers (PDF) and text conversions under `paths`: each word of
    `SHORTEST`+ letters, lower case, with how often it is printed."""
    counts: Counter[str] = Counter()
    for text in _texts(paths):
        counts.update(_runs(text))
    return sorted((w, n) for w, n in counts.items() if n >= MIN_COUNT)


def build_pairs(paths: list[Path]) -> list[tuple[str, str, int]]:
    """Pairs of words printed one after the other on a line under `paths`, at least
    `MIN_PAIR_COUNT` times, with how often (`phrase_respell` reads them)."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in _texts(paths):
        for line in text.splitlines():
            runs = _runs(line)
            counts.update(zip(runs, runs[1:]))
    return sorted((a, b, n) for (a, b), n in counts.items() if n >= MIN_PAIR_COUNT)


if __name__ == "__main__":  # python -m extractors.ocr.lexicon CORPUS_DIR: writes both files
    corpus = [Path(p) for p in sys.argv[1:]]
    LEXICON.write_text("".join(f"{w} {n}\n" for w, n in build(corpus)), encoding="utf-8")
    PAIRS.write_text("".join(f"{a} {b} {n}\n" for a, b, n in build_pairs(corpus)), encoding="utf-8")
