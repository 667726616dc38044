"""A text cell's words decided one by one across readings (extractors/ocr/word_vote.py)."""

from __future__ import annotations

import pytest

from extractors.ocr.engine import OcrWord
from extractors.ocr.word_vote import alternatives, choose, vote_words


@pytest.fixture(autouse=True)
def words(use_vocabulary):
    """A small vocabulary in place of the shipped one."""
    use_vocabulary(["pengelolaan", "situ", "pada", "wilayah", "sungai", "kegiatan", "kaitan",
                    "waduk", "pembangunan", "dukungan", "dan 8605"])


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
    # among words no report prints, two readings of three outvote the first
    assert choose(("Cileuwenng", 50.0), [("Cileuweung", 40.0), ("Cileuweung", 30.0)]) == "Cileuweung"
    assert choose(("Cileuwenng", 50.0), [("Cileuweung", 40.0), ("Cileuwemg", 30.0)]) == "Cileuwenng"
    # short report words count too (LKIP.pdf p97: `dun` read at 95, `dan` at 50)
    assert choose(("dun", 95.0), [("dan", 50.0)]) == "dan"


def test_one_word_read_as_two_is_an_alternative():
    base = line("Pengelolaundun Situ")
    other = line("Pengelolaan dan Situ", char=5.0 * 14 / 15)  # the same span, split in two
    assert alternatives(base[0], other) == ("Pengelolaan dan", 50.0)
    assert vote_words(base, [other]).startswith("Pengelolaan dan")


def test_report_words_are_weighed_by_their_confidence():
    # `Kaitan` is a word too, but read at 29 where `Kegiatan` was read at 61 and 55
    assert choose(("Kegiatn", 40.0), [("Kaitan", 29.0), ("Kegiatan", 61.0), ("Kegiatan", 55.0)]) == "Kegiatan"
    assert choose(("Kegiatn", 40.0), [("Kaitan", 90.0), ("Kegiatan", 30.0)]) == "Kaitan"


def test_a_report_word_read_first_is_outvoted_by_a_commoner_one_read_more_surely(use_vocabulary):
    # LKIP.pdf p98: `perda` (a report word, printed 9 times) read once at 33, `pada` thrice
    use_vocabulary(["pada 1018", "perda 9", "pengelolaan 40", "pengelolan 1", "perbaikan 46",
                    "perbankan 1", "air 100"])
    assert choose(("perda", 32.6), [("pada", 84.0), ("pada", 90.0), ("pada", 94.0)]) == "pada"
    # a typo some report printed once loses to the word it misspells
    assert choose(("Pengelolan", 30.0), [("Pengelolaan", 96.0), ("Pengelolaan", 94.0)]) == "Pengelolaan"
    # how often it is printed weighs: `Perbaikan` (46) read at 25 beats `Perbankan` (1) at 30
    assert choose(("Perbankan", 30.0), [("Perbaikan", 25.0)]) == "Perbaikan"
    # a word read in two cases is written as it was read most surely
    assert choose(("AIr", 31.8), [("Air", 95.0), ("Air", 94.0)]) == "Air"
    # but a word read far more surely keeps its place
    assert choose(("Perbankan", 90.0), [("Perbaikan", 20.0)]) == "Perbankan"


def test_a_rare_short_word_does_not_displace_a_header_garble(use_vocabulary):
    # LKIP.pdf p98: a Triw `II` read `H` (90), `Ht` (64) and `it` (59): `it` is printed 11 times
    use_vocabulary(["it 11", "tam 1"])
    assert choose(("H", 90.0), [("Ht", 64.0), ("it", 59.0)]) == "H"
    assert choose(("Trew", 83.0), [("TrtwH", 41.0), ("Tam", 0.0), ("Tiwi", 54.0)]) == "Trew"


def test_a_word_split_into_a_letter_and_a_word_is_no_report_word(use_vocabulary):
    use_vocabulary(["rasi 13", "a 399"])
    assert choose(("Akurasi", 95.0), [("A rasi", 88.0), ("Akurasi", 96.0)]) == "Akurasi"


def test_words_on_other_lines_or_elsewhere_are_no_alternatives():
    base = line("Wiluyah Sungai")
    assert alternatives(base[0], line("Wilayah Sungai", y=30.0)) is None  # the next line
    assert alternatives(base[0], [OcrWord(200, 10, 240, 18, "Wilayah", False, 50.0)]) is None
    assert vote_words(base, []) == "Wiluyah Sungai"


def test_where_the_base_read_no_letters_nothing_is_respelled():
    # LKIP.pdf p98: a bold `Kegiatan` header read `—`, `Kaitan` (a word, at 29) and `Keglartan`
    assert choose(("—", 80.0), [("Keglartan", 61.0), ("Kaitan", 29.0)]) == "—"
    assert choose(("6", 90.0), [("Sungai", 50.0)]) == "6"
