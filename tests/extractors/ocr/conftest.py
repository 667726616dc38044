"""Fixtures of the OCR tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractors.ocr import lexicon


def _clear() -> None:
    lexicon.printed.cache_clear()
    lexicon.vocabulary.cache_clear()
    lexicon.respelled_word.cache_clear()


@pytest.fixture
def use_vocabulary(monkeypatch, tmp_path: Path) -> Iterator[Callable[[list[str]], None]]:
    """Call with a few words: they are the reports' vocabulary, in place of the shipped one."""
    def use(words: list[str]) -> None:
        path = tmp_path / "lexicon.txt"
        path.write_text("\n".join(words))
        monkeypatch.setattr(lexicon, "LEXICON", path)
        _clear()

    yield use
    _clear()
