"""OCR'd names respelled against the reports' vocabulary (extractors/ocr/lexicon.py)."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from extractors.ocr import lexicon
from extractors.ocr.lexicon import build, respell, respelled_word
from tests.extractors.ocr.conftest import _clear


@pytest.fixture
def words(use_vocabulary):
    """A small vocabulary in place of the shipped one."""
    use_vocabulary(["dokumen", "sinergitas", "perencanaan", "sumber", "barat", "karat", "jawa"])


def test_a_misread_word_close_to_one_report_word_is_that_word(words):
    # LKIP.pdf p93, Tesseract on a 100-dpi scan
    assert respell("Penyusunan Dekumen Sinetgitas Perenciuaan") == "Penyusunan Dokumen Sinergitas Perencanaan"
    assert respelled_word("dekumen") == "dokumen"  # the case is the word's


def test_known_short_uppercase_and_far_words_stay_as_read(words):
    assert respell("Jawa") == "Jawa"
    assert respell("Aur") == "Aur"  # too short to tell `Air` from `Atur`
    assert respell("DEKUMEN PSDA") == "DEKUMEN PSDA"  # an acronym's letters are not a word's
    assert respell("Cibareno") == "Cibareno"  # a place name near no report word


def test_a_word_as_close_to_two_report_words_is_left(words):
    assert respelled_word("Harat") == "Harat"  # `barat` or `karat`


def test_no_vocabulary_changes_nothing(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(lexicon, "LEXICON", tmp_path / "missing.txt")
    _clear()
    assert respell("Dekumen") == "Dekumen"
    _clear()


def test_the_vocabulary_is_built_from_text_layers_and_conversions(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Dokumen Perencanaan dokumen DOKUMEN di")
    doc.save(tmp_path / "a.pdf")
    (tmp_path / "b.txt").write_text("Sumber daya air", encoding="utf-8")
    # 2+ letters, lower case, with how often
    assert build([tmp_path]) == [("air", 1), ("daya", 1), ("di", 1), ("dokumen", 3), ("perencanaan", 1), ("sumber", 1)]


def test_how_often_a_text_is_printed_is_its_rarest_words(use_vocabulary):
    use_vocabulary(["pada 1018", "perda 9", "jawa 800", "barat 2144", "rasi 13", "a 399", "dan 8605", "it 11"])
    assert lexicon.frequency("pada") == 1018
    assert lexicon.frequency("Jawa Barat") == 800
    assert lexicon.frequency("Jawa Burul") == 0  # a word no report prints
    assert lexicon.frequency("A rasi") == 0  # a run of one letter is no word (`Akurasi` split)
    assert lexicon.frequency("—") == 0
    assert lexicon.frequency("dan") == 8605
    assert lexicon.frequency("it") == 0  # a short word printed rarely: an abbreviation, a slip
    known, _ = lexicon.vocabulary()
    assert "pada" in known and "a" not in known  # short words are counted, not respelled to


def test_the_shipped_vocabulary_holds_the_reports_common_words():
    known, _ = lexicon.vocabulary()
    assert {"dokumen", "perencanaan", "pengelolaan", "kegiatan", "program"} <= known


def test_only_words_read_unsurely_are_respelled(words):
    from extractors.ocr.engine import OcrWord

    read = [OcrWord(0, 0, 10, 10, "Dekumen", False, 31.0), OcrWord(12, 0, 20, 10, "Dekumen", False, 91.0)]
    assert [w.text for w in lexicon.respell_unsure(read)] == ["Dokumen", "Dekumen"]
    assert lexicon.respell_unsure(read)[0].conf == 31.0


def test_a_text_cells_reading_of_report_words_beats_a_garbled_one(words):
    from extractors.ocr.engine import OcrWord
    from extractors.ocr.vote import reread_text

    def line(text: str, conf: float) -> list:
        return [OcrWord(10.0 + 40 * i, 5, 45.0 + 40 * i, 15, w, False, conf) for i, w in enumerate(text.split())]

    box = (0.0, 0.0, 400.0, 20.0)
    first = line("Penyusunan Dekumen Sinetgitas Perenciuaan", 80)  # surer than the other engine's
    better = line("Penyusunan Dokumen Sinergitas Perencanaan", 55)
    assert lexicon.known_share("Penyusunan Dekumen Sinetgitas Perenciuaan") == 0.0
    assert lexicon.known_share("Dokumen Sinergitas Perencanaan") == 1.0
    assert lexicon.known_share("Dokumen") is None  # one word tells too little
    text, chosen = reread_text(" ".join(w.text for w in first), box, first, [line("Penyusunan Dekumen X Y", 70), better])
    assert text == "Penyusunan Dokumen Sinergitas Perencanaan" and chosen == better
    # a reading of other words is no better reading of this cell
    assert reread_text(" ".join(w.text for w in first), box, first, [line("Sumber Jawa Barat", 90)])[1] is None
