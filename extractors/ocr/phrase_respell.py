"""An OCR'd name's words respelled by the words around them.

The word vote (`word_vote`) and the unsure-word respelling (`lexicon.respell_unsure`) look at
one word at a time, and fail where a misreading is as close to two report words (`Harat`:
`barat`, `karat`), where Tesseract's Indonesian dictionary read it surely as a word of its own
(`Jawa Karat` for a 100-dpi `Jawa Barat`), and where no reading has the word at all
(`Wilayah Sungar`). The reports name the same things again and again, so the word before and
after tells which word was printed: `jawa` is followed by `barat` 1909 times in the corpus's
text layers and by `karat` never.

Each run of letters gets as candidates itself and the report words within `max_edits` edits
that the reports print next to a candidate of the position before or after (`_placed`); the
sequence chosen maximises (Viterbi) the words' fit to what was read (`EDIT_COST` per edit,
Levenshtein) plus how likely each word is after the one before (bigram counts of
`pairs_id.txt`, smoothed towards the word's own frequency in `lexicon_id.txt`). The model
leans towards what was read, because most of a scan's words are read right and many are in no
vocabulary: a word the reports never print (a place, `Caringin`, `Rengrang`) has `NEW_WORD`
in any place, so it gives way only to a word that *that place* makes far likelier (`Jawa
Harat`), not to any frequent word an edit away (`Rawa` stays, not `Jawa`); and a word the
reports print is left only at `KNOWN_COST` more (`irigasi` is not `mitigasi`, `situ` not `setu`,
however often the reports print those).
"""

from __future__ import annotations

import math
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extractors.ocr import lexicon
from extractors.ocr.lexicon import WORD, printed

EDIT_COST = math.log(100)  # an edit costs as much as a 100-fold likelier word in its place
SMOOTHING = 50.0  # Dirichlet prior weight of the unigram frequency in P(word | previous word)
KNOWN_COST = math.log(1e4)  # a read word the reports print is left this much more reluctantly
NEW_WORD = 1e-4  # P(a word the reports never print | any word): names of places, works, typos
MIN_LETTERS = 3  # shorter runs (`di`, `6`, `OP`) are kept as read, and break no chain
CANDIDATES = 8  # report words considered per read word


def max_edits(word: str) -> int:
    """Edits allowed between a read word and a report word: one in a short word, two else."""
    return 1 if len(word) <= 5 else 2


@lru_cache(maxsize=1)
def pairs() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """(count of each pair of consecutive words, count of pairs each word starts)."""
    counts: dict[tuple[str, str], int] = {}
    starts: dict[str, int] = {}
    if lexicon.PAIRS.is_file():
        for line in lexicon.PAIRS.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3:
                n = int(parts[2])
                counts[(parts[0], parts[1])] = n
                starts[parts[0]] = starts.get(parts[0], 0) + n
    return counts, starts


@lru_cache(maxsize=1)
def total_printed() -> int:
    return sum(printed().values()) or 1


def _unigram(word: str) -> float:
    return printed().get(word, 0) / total_printed()


def _transition(previous: str | None, word: str) -> float:
    """log P(word | previous): the pair's count smoothed towards the word's own frequency; a
    word the reports never print has `NEW_WORD` wherever it stands."""
    if word not in printed():
        return math.log(NEW_WORD)
    if previous is None:
        return math.log(_unigram(word))
    counts, starts = pairs()
    n = starts.get(previous, 0)
    return math.log((counts.get((previous, word), 0) + SMOOTHING * _unigram(word)) / (n + SMOOTHING))


@lru_cache(maxsize=65536)
def candidates(read: str) -> tuple[tuple[str, int], ...]:
    """The read word (lower case) and the report words near it, with their edit distances."""
    limit = max_edits(read)
    words = [w for w in printed() if len(w) >= MIN_LETTERS]
    near = process.extract(read, words, scorer=Levenshtein.distance, score_cutoff=limit, limit=CANDIDATES)
    out = {read: 0}
    for word, distance, _ in near:
        out.setdefault(word, int(distance))
    return tuple(out.items())


def _placed(options: list[tuple[tuple[str, int], ...]], i: int) -> tuple[tuple[str, int], ...]:
    """Position `i`'s options: the read word, and the report words the reports print next to
    one of the neighbouring positions' options (a word's frequency alone never respells)."""
    counts, _ = pairs()
    before = [w for w, _ in options[i - 1]] if i > 0 else []
    after = [w for w, _ in options[i + 1]] if i + 1 < len(options) else []
    return tuple((w, e) for w, e in options[i] if e == 0 or any((b, w) in counts for b in before)
                 or any((w, a) in counts for a in after))


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def respell_phrase(text: str) -> str:
    """`text` with its runs of letters respelled where the report words around make another
    spelling far likelier (module doc); acronyms (all capitals) and short runs as read."""
    matches = list(WORD.finditer(text))
    if not printed() or not matches:
        return text
    reads = [m.group(0) for m in matches]
    # each position's states: (word, score so far, back pointer)
    options: list[tuple[tuple[str, int], ...]] = []
    for r in reads:
        low = r.lower()
        fixed = len(low) < MIN_LETTERS or (r.isupper() and len(r) > 1)
        options.append(((low, 0),) if fixed else candidates(low))
    options = [_placed(options, i) for i in range(len(options))]
    scores: list[dict[str, tuple[float, str | None]]] = []
    for i, opts in enumerate(options):
        here: dict[str, tuple[float, str | None]] = {}
        known = opts[0][0] in printed()
        for word, edits in opts:
            fit = -EDIT_COST * edits - (KNOWN_COST if edits and known else 0.0)
            if i == 0:
                here[word] = (fit + _transition(None, word), None)
                continue
            here[word] = max(((score + fit + _transition(prev, word), prev)
                              for prev, (score, _) in scores[-1].items()), key=lambda t: t[0])
        scores.append(here)
    best = max(scores[-1], key=lambda w: scores[-1][w][0])
    chosen = [best]
    for i in range(len(scores) - 1, 0, -1):
        chosen.append(scores[i][chosen[-1]][1])
    chosen.reverse()
    out, last = [], 0
    for m, word, read in zip(matches, chosen, reads):
        out.append(text[last:m.start()])
        out.append(read if word == read.lower() else _cased(word, read))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
