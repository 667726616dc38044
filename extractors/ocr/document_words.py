"""A scanned document's own vocabulary: the words its readings read again and again.

The reports' vocabulary (`lexicon`) lacks the words of one agency's trade: the corpus's text
layers print `irigasi` 6 times and `hidrologi` never, while a water-resources report prints
them on page after page. A scanned report repeats its own kegiatan names table after table,
and each reading of each page spoils a different occurrence, so the words read often across
the document's readings are its words, and a word read seldom an edit or two from one of them
is that word misread (LKIP.pdf truth pages: `Hidzologs` → `Hidrologi`, `Ingasi` → `Irigasi`,
`Janngan` → `Jaringan`, `Baryir` → `Banjir`, `Sunga` → `Sungai`).

Only words the reports never print are respelled (a report word is a word, whatever the
document prefers); only into a word of the same length within one letter (a letter read as
two, or two as one: `Janngan`; `ditata` is not `data`); not into the word with a suffix more
or less (`Bendung` and `Bendungan`, `Pendamping` and `Pendampingan` are different words); a
short word not in its first letter (rhymes are words: `Rawa`, `Jawa`); and not into a word
less like the reports' words, by the share of its letter triples no report word has (a
misreading the readings share, `Shanng`, read more often than the printed `Sharing`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extractors.ocr.lexicon import WORD, printed
from extractors.ocr.phrase_respell import max_edits
from extractors.pdf.geometry import Word

MIN_LETTERS = 4  # shorter runs are too easily another word an edit away
OFTEN = 5  # a word read this often across the document's readings is one of its words
MORE_OFTEN = 3  # ... and replaces a word read at most a third as often
SHORT = 5  # a word this short keeps its first letter: `Rawa` and `Jawa`, `mata` and `data` are words


@dataclass(frozen=True)
class DocumentWords:
    """How often the document's readings read each word, and the words read `OFTEN` times."""

    counts: Counter[str]
    often: tuple[str, ...]


def read_often(readings: Iterable[list[Word]]) -> DocumentWords:
    """The words of `MIN_LETTERS`+ letters (lower case) that the document's readings (every
    reading of every OCR'd page) read, with how often."""
    counts: Counter[str] = Counter()
    for words in readings:
        for w in words:
            counts.update(r.lower() for r in WORD.findall(w.text) if len(r) >= MIN_LETTERS)
    return DocumentWords(counts, tuple(w for w, n in counts.items() if n >= OFTEN))


@lru_cache(maxsize=1)
def trigrams() -> frozenset[str]:
    """The letter triples of the reports' words, `^` and `$` marking a word's ends."""
    return frozenset(t for w in printed() for t in _triples(w))


def _triples(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i:i + 3] for i in range(len(padded) - 2)]


def unlike_the_reports(word: str) -> float:
    """The share of `word`'s letter triples that no report word has (`shanng`: `ann`, `nng`)."""
    seen = trigrams()
    triples = _triples(word)
    return sum(t not in seen for t in triples) / len(triples)


def suffixed(a: str, b: str) -> bool:
    """One word is the other with a suffix of two letters or more (`bendung`, `bendungan`); a
    lost last letter (`sunga` for `sungai`) is a misreading."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) >= 2


def respell_by_document(text: str, document: DocumentWords) -> str:
    """`text` with each run of letters the reports never print, read seldom in the document,
    respelled as the document's word an edit or two away (module doc); the rest as read."""
    if not document.often:
        return text
    counts = document.counts

    def one(match) -> str:
        read = match.group(0)
        low = read.lower()
        if len(low) < MIN_LETTERS or read.isupper() or low in printed():
            return read
        near = process.extract(low, document.often, scorer=Levenshtein.distance, score_cutoff=max_edits(low),
                               limit=None)
        near = [(w, d) for w, d, _ in near if w != low and not suffixed(w, low)
                and counts[w] >= MORE_OFTEN * max(counts[low], 1)
                and abs(len(w) - len(low)) <= 1 and (len(low) > SHORT or w[0] == low[0])
                and unlike_the_reports(w) <= unlike_the_reports(low)]
        if not near:
            return read
        best = max(near, key=lambda t: (counts[t[0]], -t[1]))
        rivals = [w for w, d in near if w != best[0] and d <= best[1] and counts[w] * 2 > counts[best[0]]]
        if rivals:
            return read  # two of the document's words as likely: not ours to choose
        word = best[0]
        return word.capitalize() if read[:1].isupper() else word

    return WORD.sub(one, text)
