"""A scanned document's own vocabulary respells its seldom-read words (extractors/ocr/document_words.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from extractors.ocr.document_words import DocumentWords, OFTEN, read_often, respell_by_document
from extractors.pdf.geometry import Word
from schemas.vocabulary import HEADER_WORDS


@pytest.fixture
def reports(use_vocabulary):
    use_vocabulary(["jawa 2000", "barat 2000", "data 300", "daya 200", "dana 100"])


def _read(counts: dict[str, int]) -> DocumentWords:
    return DocumentWords(Counter(counts), tuple(w for w, n in counts.items() if n >= OFTEN))


def _words(*texts: str) -> list[Word]:
    return [Word(0.0, 0.0, 10.0, 10.0, t) for t in texts]


def test_words_are_counted_over_every_reading_of_every_page():
    read = read_often([_words("Hidrologi", "Jawa"), _words("hidrologi", "di"), _words("Hidrologi,")] * 2)
    assert read.counts["hidrologi"] == 6 and read.often == ("hidrologi",)
    assert "di" not in read.counts and read.counts["jawa"] == 2  # runs under four letters are not counted


def test_a_seldom_read_word_near_a_word_the_document_reads_often_is_that_word(reports):
    counts = _read({"hidrologi": 11, "hidzologs": 1, "sungai": 9, "sunga": 1})
    assert respell_by_document("Analisis Data Hidzologs Jawa Barat", counts) == "Analisis Data Hidrologi Jawa Barat"
    assert respell_by_document("pada 6 Wilayah Sunga", counts) == "pada 6 Wilayah Sungai"


def test_report_words_acronyms_and_words_read_often_stay(reports):
    counts = _read({"dava": 20, "cisadea": 2, "cisadane": 12, "psdx": 10})
    assert respell_by_document("Sumber Daya Air", counts) == "Sumber Daya Air"  # `daya` is a report word
    assert respell_by_document("PSDA", counts) == "PSDA"
    assert respell_by_document("Cisadane", counts) == "Cisadane"


def test_a_word_is_not_respelled_into_a_longer_or_shorter_form_of_itself(reports):
    counts = _read({"bendungan": 12, "bendung": 2, "pendampingan": 8, "pendamping": 1})
    assert respell_by_document("Pembangunan Bendung Rengrang", counts) == "Pembangunan Bendung Rengrang"
    assert respell_by_document("Pendamping Hibah", counts) == "Pendamping Hibah"


def test_a_word_not_read_seldom_enough_or_near_two_document_words_stays(reports):
    counts = _read({"hidrologi": 6, "hidzologi": 3})
    assert respell_by_document("Hidzologi", counts) == "Hidzologi"  # read half as often: a word of its own
    counts = _read({"kalong": 10, "kalang": 9, "kalung": 1})
    assert respell_by_document("Kalung", counts) == "Kalung"  # `kalong` or `kalang`


def test_a_document_without_words_read_often_changes_nothing(reports):
    assert respell_by_document("Hidzologs", _read({"hidrologi": 2})) == "Hidzologs"
    assert respell_by_document("Hidzologs", read_often([])) == "Hidzologs"


def test_a_short_word_keeps_its_first_letter(reports):
    counts = _read({"jawo": 40, "rawo": 2})  # neither printed by the reports
    assert respell_by_document("Irigasi, Rawo dan", counts) == "Irigasi, Rawo dan"
    assert respell_by_document("Irigasi, Jawi dan", counts) == "Irigasi, Jawo dan"


def test_a_word_is_not_respelled_into_one_less_like_the_reports_words(use_vocabulary):
    use_vocabulary(["sharp 3", "marina 2", "ring 10"])  # `sharing` unprinted, its letter triples not
    counts = _read({"shanng": 9, "sharing": 2})  # the readings' shared misreading, read more often
    assert respell_by_document("Dokumen Sharing", counts) == "Dokumen Sharing"


def test_a_word_is_respelled_only_into_one_of_its_length_within_a_letter(use_vocabulary):
    use_vocabulary(["data 300", "jaringan 30"])
    counts = _read({"data": 30, "ditata": 1, "jaringan": 10, "janngan": 1})
    assert respell_by_document("berhasil ditata", counts) == "berhasil ditata"  # two edits, but not `data`
    assert respell_by_document("Janngan", counts) == "Jaringan"


def test_a_header_word_the_reports_never_print_is_not_respelled_into_a_frequent_one(use_vocabulary):
    """`Pagu Indikatif` of a scanned Renja's header, in a document that reads `indikator` on
    every page: a header word (`schemas.vocabulary`) is a report word, so it stays."""
    use_vocabulary(["pagu 20", "dana 100", "juta 30"], headers=tuple(HEADER_WORDS))
    counts = _read({"indikator": 120, "indikatif": 2, "prakiraan": 1, "perkiraan": 30})
    assert respell_by_document("Kebutuhan Dana/ Pagu Indikatif (dlm juta)", counts) \
        == "Kebutuhan Dana/ Pagu Indikatif (dlm juta)"
    assert respell_by_document("Prakiraan Maju", counts) == "Prakiraan Maju"
    assert respell_by_document("Indikatar", _read({"indikator": 120, "indikatar": 1})) == "Indikator"
