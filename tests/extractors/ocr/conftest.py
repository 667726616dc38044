"""Fixtures of the OCR tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractors.ocr import document_words, lexicon, phrase_respell


def _clear() -> None:
    lexicon.printed.cache_clear()
    lexicon.vocabulary.cache_clear()
    lexicon.respelled_word.cache_clear()
    phrase_respell.pairs.cache_clear()
    phrase_respell.candidates.cache_clear()
    phrase_respell.total_printed.cache_clear()
    document_words.trigrams.cache_clear()


@pytest.fixture
def use_vocabulary(monkeypatch, tmp_path: Path) -> Iterator[Callable[[list[str]], None]]:
    """Call with a few words: they are the reports' vocabulary, in place of the shipped one."""
    def use(words: list[str], pairs: list[str] | None = None, headers: tuple[str, ...] = ()) -> None:
        """`words`: `word` or `word count` lines; `pairs`: `word word count` lines (none: no pairs);
        `headers`: the header words (`schemas.vocabulary`), none unless given."""
        path = tmp_path / "lexicon.txt"
        path.write_text("\n".join(words))
        monkeypatch.setattr(lexicon, "LEXICON", path)
        pairs_path = tmp_path / "pairs.txt"
        pairs_path.write_text("\n".join(pairs or []))
        monkeypatch.setattr(lexicon, "PAIRS", pairs_path)
        monkeypatch.setattr(lexicon, "HEADER_WORDS", frozenset(headers))
        _clear()

    yield use
    _clear()
