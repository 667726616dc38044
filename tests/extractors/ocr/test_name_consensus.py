"""A name's misread words taken from the document's other printings of it (extractors/ocr/name_consensus.py)."""

from __future__ import annotations

from extractors.ocr.name_consensus import agree, agree_all

KNOWN = frozenset({
    "sumber", "survey", "investigasi", "rekayasa", "teknik", "pengelolaan", "analisis", "data",
    "hidrologi", "jawa", "barat", "dukungan", "pembangunan", "waduk", "jatigede", "cileuweung",
    "kabupaten", "sumedang", "kuningan", "situ", "situ-situ", "pada", "wilayah", "sungai", "dinas", "balai",
})


def known(word: str) -> bool:
    return word in KNOWN


def test_a_word_past_the_spelling_rules_is_taken_from_another_printing():
    # the printing's list number is no word to align; `Sumber` is a known word: it stays
    assert agree("Sumber lovesugass Rekayasa Teknik SDA", ["2. Survey Investigasi Rekayasa Teknik SDA"], known) \
        == "Sumber Investigasi Rekayasa Teknik SDA"
    # two words read as one: the run is replaced; the printing's last word keeps the cell's stop
    assert agree("Pengelolaundun Anulists Data Hidrologi Jawa Barat.", ["Pengelolaan dan Analisis Data Hidrologi Jawa Barat"],
                 known) == "Pengelolaan dan Analisis Data Hidrologi Jawa Barat."


def test_another_kegiatan_that_shares_most_words_gives_none_of_its_own():
    other = "Dukungan Pembangunan Waduk Cileuweung di Kabupaten Kuningan"
    garbled = "Dukungan Pembangunan Waduk Jatgode di Kabupaten Stunedaria"
    assert agree(garbled, [other], known) == garbled  # `Stunedaria` is not `Kuningan`: letters too unlike
    same = "Dukungan Pembangunan Waduk Jatigede di Kabupaten Sumedang"
    assert agree(garbled, [other, same], known) == same
    # an unknown word is not the printing's word with a suffix more (`Tasik` is printed short)
    assert agree("Kab. Sukabumi, Kota Tasik, Kab. Ciamis", ["Kab. Sukabumi, Kota Tasikmalaya, Kab. Ciamis"],
                 lambda w: known(w) or w in ("sukabumi", "ciamis", "kota", "tasikmalaya")) == \
        "Kab. Sukabumi, Kota Tasik, Kab. Ciamis"
    # known words and figures differ between kegiatan: never replaced
    assert agree("Pengelolaan Situ-situ pada 2 Wilayah Sungai Balai", ["Pengelolaan Situ-situ pada 6 Wilayah Sungai Dinas"],
                 known) == "Pengelolaan Situ-situ pada 2 Wilayah Sungai Balai"


def test_printings_that_disagree_leave_the_word_as_read_and_few_shared_words_are_no_printing():
    garbled = "Survey Invesligasi Rekayasa Teknik"
    assert agree(garbled, ["Survey Investigasi Rekayasa Teknik", "Survey Investigation Rekayasa Teknik"],
                 lambda w: known(w) or w == "investigation") == garbled
    assert agree("Data Hidrologi Tunuh Kabupaten Sumedang Jawa Barat", ["Data Tanah Lain"],
                 lambda w: known(w) or w == "tanah") == "Data Hidrologi Tunuh Kabupaten Sumedang Jawa Barat"


def test_a_documents_cells_are_respelled_together():
    texts = ["Dukungan Pembangunan Waduk Jatigede di Kabupaten Sumedang", "Dukungan Pembangunan Waduk Jatgode di Kabupaten Sumedung",
             "1.200.000", "Dukungan Pembangunan Waduk Jatigede di Kabupaten Sumedang"]
    assert agree_all(texts, known) == {
        "Dukungan Pembangunan Waduk Jatgode di Kabupaten Sumedung": "Dukungan Pembangunan Waduk Jatigede di Kabupaten Sumedang"}


def test_ocr_grids_of_a_document_take_their_names_from_its_other_tables(use_vocabulary):
    """`finish_ocr_grids`: a name on one OCR'd page respelled by its printing on another page;
    a page read from its text layer keeps its cells."""
    from extractors.ocr.cells import finish_ocr_grids
    from schemas.model import Grid, GridRow

    use_vocabulary(["survey 300", "investigasi 80", "rekayasa 40", "teknik 200", "sumber 900"])
    rkt = Grid(rows=[GridRow(cells=["2.", "Survey Investigasi Rekayasa Teknik SDA", "452.094.000"], page=2)], page=2)
    form = Grid(rows=[GridRow(cells=["Sumber lovesugass Rekayasa Teknik SDA", "6.550.000"], page=3)], page=3)
    layer = Grid(rows=[GridRow(cells=["Sumber lovesugass Rekayasa Teknik SDA", "1"], page=4)], page=4)
    finish_ocr_grids([rkt, form, layer], {2: [], 3: []})
    assert form.rows[0].cells == ["Sumber Investigasi Rekayasa Teknik SDA", "6.550.000"]
    assert layer.rows[0].cells[0] == "Sumber lovesugass Rekayasa Teknik SDA"
