"""A text cell's words decided one by one across readings (extractors/ocr/word_vote.py)."""

from __future__ import annotations

import pytest

from extractors.ocr.engine import OcrWord
from extractors.ocr.word_vote import alternatives, choose, vote_words


@pytest.fixture(autouse=True)
def words(use_vocabulary):
    """A small vocabulary in place of the shipped one."""
    use_vocabulary(["pengelolaan", "situ", "pada", "wilayah", "sungai", "kegiatan", "kaitan",
                    "waduk", "pembangunan", "dukungan"])


def line(text: str, conf: float = 50.0, y: float = 10.0, char: float = 5.0) -> list[OcrWord]:
    """Words of one line placed by their characters (a space is a character wide)."""
    out, x = [], 0.0
    for token in text.split(" "):
        out.append(OcrWord(x, y, x + char * len(token), y + 8.0, token, False, conf))
        x += char * (len(token) + 1)
    return out


def test_each_word_is_taken_from_the_reading_that_read_it_as_a_report_word():
    # LKIP.pdf p98: no reading is right as a whole, each word is right in one of them
    base = line("Pengelolaan Situ pada 6 Wiluyah Sungai")
    others = [line("Pengelolaan Situ pada 6 Wiluuh Swngai"), line("Pengelolaan Situ pada 6 Wilayah Songo")]
    assert vote_words(base, others) == "Pengelolaan Situ pada 6 Wilayah Sungai"


def test_a_word_no_report_prints_is_kept_unless_most_readings_agree_on_another():
    base = line("Dukungan Pembangunan Waduk Jatigede")
    assert vote_words(base, [line("Dukungan Pembangunan Waduk Jatgode")]) == "Dukungan Pembangunan Waduk Jatigede"
    # a short word is in no vocabulary: two readings of three outvote the first
    assert choose(("dun", 50.0), [("dan", 40.0), ("dan", 30.0)]) == "dan"
    assert choose(("dun", 50.0), [("dan", 40.0), ("din", 30.0)]) == "dun"


def test_one_word_read_as_two_is_an_alternative():
    base = line("Pengelolaundun Situ")
    other = line("Pengelolaan dan Situ", char=5.0 * 14 / 15)  # the same span, split in two
    assert alternatives(base[0], other) == ("Pengelolaan dan", 50.0)
    assert vote_words(base, [other]).startswith("Pengelolaan dan")


def test_report_words_are_weighed_by_their_confidence():
    # `Kaitan` is a word too, but read at 29 where `Kegiatan` was read at 61 and 55
    assert choose(("Kegiatn", 40.0), [("Kaitan", 29.0), ("Kegiatan", 61.0), ("Kegiatan", 55.0)]) == "Kegiatan"
    assert choose(("Kegiatn", 40.0), [("Kaitan", 90.0), ("Kegiatan", 30.0)]) == "Kaitan"


def test_words_on_other_lines_or_elsewhere_are_no_alternatives():
    base = line("Wiluyah Sungai")
    assert alternatives(base[0], line("Wilayah Sungai", y=30.0)) is None  # the next line
    assert alternatives(base[0], [OcrWord(200, 10, 240, 18, "Wilayah", False, 50.0)]) is None
    assert vote_words(base, []) == "Wiluyah Sungai"


def test_where_the_base_read_no_letters_nothing_is_respelled():
    # LKIP.pdf p98: a bold `Kegiatan` header read `—`, `Kaitan` (a word, at 29) and `Keglartan`
    assert choose(("—", 80.0), [("Keglartan", 61.0), ("Kaitan", 29.0)]) == "—"
    assert choose(("6", 90.0), [("Sungai", 50.0)]) == "6"
