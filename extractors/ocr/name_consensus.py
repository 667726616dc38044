"""A name printed in several tables of a scanned report, its misread words taken from its other
printings.

A LKIP prints each kegiatan's name again and again: in the Rencana Kinerja Tahunan, in the
budget tables, in the quarterly realisation forms. OCR spoils each printing differently, and
a word spoilt past the reach of the spelling rules (`lovesugass` for `Investigasi`, `Pesaan`
for `Bendungan`) is often read right in another printing. Here each OCR'd text cell is
aligned word by word with the document's other text cells that share most of its words (its
*printings*); where a run of its words that are no known words (neither printed by the reports
nor read often in this document) stands where a printing has known words, the printing's
words replace them.

Guards, each against a way to turn a name into another one:
- only unknown words are replaced, never a known one (`Dinas` stays beside a printing's
  `Balai`, `6` beside a `2`: list entries that differ in one word are different kegiatan);
- the replacing words must resemble the replaced ones (`SIMILAR`, by letters): two kegiatan
  `Waduk Jatigede di Kabupaten Sumedang` and `Waduk Cileuweung di Kabupaten Kuningan` share
  five words, and `Stunedaria` is `Sumedang`, not `Kuningan`;
- not the same word with a suffix more or less (`Tasik`, `Tasikmalaya`; `Bendung`, `Bendungan`);
- printings that disagree on a run leave it as read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from extractors.ocr.document_words import MIN_LETTERS, suffixed
from extractors.ocr.lexicon import WORD

MIN_SHARED = 3  # a printing shares at least this many words with the cell ...
SHARED_SHARE = 0.5  # ... and at least this share of the cell's words
SIMILAR = 0.5  # letters of the replaced and the replacing run alike (Indel normalised similarity)


def _key(token: str) -> str:
    """A word compared by its letters and digits alone, in lower case (`Barat.` is `barat`)."""
    return "".join(ch for ch in token.lower() if ch.isalnum())


def _unknown(token: str, known: Callable[[str], bool]) -> bool:
    """A token of letters, none of its runs a known word; runs under the document's counting
    length (`document_words.MIN_LETTERS`: `di`, `dan`, `Kab`) are never judged, as the document
    does not count them."""
    letters = WORD.findall(token)
    return bool(letters) and all(len(w) >= MIN_LETTERS and not known(w.lower()) for w in letters) \
        and not any(ch.isdigit() for ch in token)


def _numbering(tokens: list[str]) -> int:
    """How many tokens a printing's list number takes (`2.`, `1.1`, `a)`): no words to align."""
    n = 0
    while n < len(tokens) and (not WORD.search(tokens[n]) or (len(tokens[n]) == 2 and tokens[n][1] in ".)")):
        n += 1
    return n


def _proposals(tokens: list[str], other: list[str], known: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """Runs of `tokens` that `other` (a printing of the same name) spells with known words:
    (start, end, replacement); none when `other` is no printing of it."""
    other = other[_numbering(other):]
    keys, other_keys = [_key(t) for t in tokens], [_key(t) for t in other]
    matcher = SequenceMatcher(None, keys, other_keys, autojunk=False)
    shared = sum(b.size for b in matcher.get_matching_blocks())
    if shared < MIN_SHARED or shared < SHARED_SHARE * len(tokens):
        return []
    found = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or abs((i2 - i1) - (j2 - j1)) > 1:
            continue
        if i2 - i1 == j2 - j1:  # as many words: word for word (`Sumber lovesugass` / `Survey Investigasi`)
            spans = [(i, i + 1, j1 + i - i1, j1 + i - i1 + 1) for i in range(i1, i2)]
        else:  # a word read as two, or two as one (`Pengelolaundun` / `Pengelolaan dan`)
            spans = [(i1, i2, j1, j2)]
        for a1, a2, b1, b2 in spans:
            mine, theirs = tokens[a1:a2], other[b1:b2]
            if not all(_unknown(t, known) for t in mine):
                continue
            if any(_unknown(t, known) or not WORD.search(t) for t in theirs):
                continue
            if Indel.normalized_similarity(" ".join(keys[a1:a2]), " ".join(other_keys[b1:b2])) < SIMILAR:
                continue
            if a2 - a1 == b2 - b1 == 1 and suffixed(keys[a1], other_keys[b1]):
                continue  # `Tasik` / `Tasikmalaya`, `Bendung` / `Bendungan`: another word, or another spelling
            found.append((a1, a2, " ".join(_trailing(theirs, mine))))
    return found


def _trailing(theirs: list[str], mine: list[str]) -> list[str]:
    """The replacing words, ending with the replaced run's trailing punctuation, not theirs."""
    words = [t.strip(".,;:") or t for t in theirs]
    tail = mine[-1][len(mine[-1].rstrip(".,;:")):]
    words[-1] += tail
    return words


def agree(text: str, printings: Sequence[str], known: Callable[[str], bool]) -> str:
    """`text` with its unknown runs replaced by the words its printings agree on (module doc)."""
    tokens = text.split()
    if not any(_unknown(t, known) for t in tokens):
        return text
    votes: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for other in printings:
        if other == text:
            continue
        for i1, i2, words in _proposals(tokens, other.split(), known):
            votes[(i1, i2)][words] += 1
    chosen: list[tuple[int, int, str]] = []
    for (i1, i2), options in votes.items():
        if len(options) == 1:  # printings that disagree leave the run as read
            chosen.append((i1, i2, next(iter(options))))
    taken: set[int] = set()
    for i1, i2, words in sorted(chosen, key=lambda c: c[1] - c[0], reverse=True):
        if taken.isdisjoint(range(i1, i2)):
            taken.update(range(i1, i2))
            tokens[i1:i2] = [words] + [""] * (i2 - i1 - 1)
    return " ".join(t for t in tokens if t)


def agree_all(texts: Sequence[str], known: Callable[[str], bool]) -> dict[str, str]:
    """Each text of `texts` (a document's text cells) that its printings among them respell,
    with its new spelling. Printings are looked for among the texts sharing `MIN_SHARED` words
    with it (an index of words, not every pair: a report has thousands of cells)."""
    distinct = list(dict.fromkeys(t for t in texts if len(t.split()) >= MIN_SHARED))
    by_word: dict[str, set[int]] = defaultdict(set)
    for i, text in enumerate(distinct):
        for key in {_key(t) for t in text.split()} - {""}:
            by_word[key].add(i)
    changed: dict[str, str] = {}
    for i, text in enumerate(distinct):
        tokens = text.split()
        if not any(_unknown(t, known) for t in tokens):
            continue
        shared: dict[int, int] = defaultdict(int)
        for key in {_key(t) for t in tokens} - {""}:
            for j in by_word[key]:
                shared[j] += 1
        printings = [distinct[j] for j, n in shared.items() if j != i and n >= MIN_SHARED]
        new = agree(text, printings, known)
        if new != text:
            changed[text] = new
    return changed
