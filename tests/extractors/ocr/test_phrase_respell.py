"""OCR'd names respelled by their words' neighbours (extractors/ocr/phrase_respell.py)."""

from __future__ import annotations

import pymupdf
import pytest

from extractors.ocr import lexicon
from extractors.ocr.lexicon import build_pairs
from extractors.ocr.phrase_respell import respell_phrase

WORDS = ["jawa 2000", "barat 2000", "sungai 40", "wilayah 40", "pada 500", "dan 900",
         "irigasi 6", "mitigasi 60", "jaringan 30", "pengelolaan 300", "rencana 20", "kencana 2",
         "terhadap 50"]
PAIRS = ["jawa barat 1900", "wilayah sungai 30", "pengelolaan jaringan 20", "jaringan irigasi 5",
         "bencana mitigasi 30", "terhadap rencana 10"]


@pytest.fixture
def reports(use_vocabulary):
    use_vocabulary(WORDS, PAIRS)


def test_a_misreading_gives_way_to_the_word_its_neighbour_expects(reports):
    # LKIP.pdf p98 and p95: Tesseract's dictionary made words of a 100-dpi `Barat`; `harat` is
    # as close to `barat` as to `karat` (one letter), and `jawa` before it settles it
    assert respell_phrase("di Jawa Harat.") == "di Jawa Barat."
    assert respell_phrase("Sumber Air di Jawu Karat") == "Sumber Air di Jawa Barat"


def test_a_word_no_report_prints_is_respelled_where_its_place_makes_a_report_word_likely(reports):
    assert respell_phrase("pada 2 Wilayah Sungar") == "pada 2 Wilayah Sungai"


def test_what_is_read_as_printed_stays(reports):
    assert respell_phrase("Jaringan Irigasi") == "Jaringan Irigasi"  # known: not the likelier `mitigasi`
    assert respell_phrase("Irigasi, Rawa dan Jaringan") == "Irigasi, Rawa dan Jaringan"  # not `Jawa`
    assert respell_phrase("Bendungan Caringin") == "Bendungan Caringin"  # a place near no report word
    assert respell_phrase("WISMP PSDA Jawa Barat") == "WISMP PSDA Jawa Barat"
    assert respell_phrase("1.234.567,00") == "1.234.567,00"
    assert respell_phrase("") == ""


def test_a_known_word_is_left_only_for_a_far_likelier_one(reports):
    # `kencana` is printed, and one edit from `rencana`, which follows `terhadap` ten times: the
    # pair alone does not outweigh leaving a printed word
    assert respell_phrase("terhadap Kencana") == "terhadap Kencana"


def test_case_and_the_text_between_words_are_kept(reports):
    assert respell_phrase("JAWA HARAT") == "JAWA HARAT"  # capitals: an acronym's letters, as read
    assert respell_phrase("Situ-situ, di Jawa  harat (2)") == "Situ-situ, di Jawa  barat (2)"


def test_without_pairs_or_words_nothing_changes(use_vocabulary):
    use_vocabulary([], [])
    assert respell_phrase("Jawa Harat") == "Jawa Harat"


def test_the_pairs_are_built_from_consecutive_words_of_a_line(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Provinsi Jawa Barat")
    page.insert_text((72, 100), "Jawa Barat dan Jawa")
    page.insert_text((72, 128), "Barat")  # another line: no pair with the `Jawa` above
    doc.save(tmp_path / "a.pdf")
    (tmp_path / "b.txt").write_text("di Jawa Barat\n", encoding="utf-8")
    pairs = {(a, b): n for a, b, n in build_pairs([tmp_path])}
    assert pairs == {("jawa", "barat"): 3}  # pairs printed once (`provinsi jawa`) are left out
    assert lexicon.MIN_PAIR_COUNT == 2


def test_the_shipped_pairs_know_the_reports_phrases():
    lexicon.printed.cache_clear()
    from extractors.ocr.phrase_respell import pairs
    pairs.cache_clear()
    counts, _ = pairs()
    assert counts[("jawa", "barat")] > 1000
