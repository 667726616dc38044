"""What a scan's words look like to the layout code: Tesseract's glued tokens, ink-tight word
boxes, a header row printed well above the body. Hand-made words modelled on LKIP.pdf p53 and
PK_Kadis 2016 p3 (no Tesseract needed)."""

from __future__ import annotations

from extractors.ocr.engine import OcrWord
from extractors.ocr.numbers import DOUBT, decimal_convention, repair_column
from extractors.ocr.tokens import repair_token
from extractors.pdf.aligned import find_aligned_tables
from extractors.pdf.geometry import Word
from extractors.pdf.textlines import group_lines, split_chunks
from pipeline.structure.roles import assign_roles
from tests.conftest import extract_text


def _texts(words: list[Word]) -> list[str]:
    return [w.text for w in words]


# --------------------------------------------------------------------------- tokens
def test_glued_tokens_are_split_at_unambiguous_places():
    w = OcrWord(336, 269, 442, 282, "Rp.122.318.026.000,-", False, 91.0)
    parts = repair_token(w)
    assert _texts(parts) == ["Rp.", "122.318.026.000,-"]
    assert parts[0].x0 == 336 and parts[-1].x1 == 442 and parts[0].x1 == parts[1].x0
    assert all(p.conf == 91.0 and isinstance(p, OcrWord) for p in parts)
    assert _texts(repair_token(OcrWord(83, 429, 138, 443, "10.Program"))) == ["10.", "Program"]
    assert _texts(repair_token(OcrWord(80, 180, 90, 192, "‘4."))) == ["4."]
    assert _texts(repair_token(OcrWord(80, 120, 92, 135, "2:"))) == ["2."]  # PP-OCR, PK_Kadis 2016 p3
    for text in ("Rp.", "1.234.567", "1.2.3", "a.Padi", "10.000", "2016.", "Rp.-", "PK.Kadis", "1:2", "2016:", "a:"):
        assert _texts(repair_token(OcrWord(0, 0, 50, 10, text))) == [text]


def test_currency_and_list_number_end_a_chunk_however_tight():
    words = [Word(80, 0, 88, 10, "2."), Word(89, 0, 120, 10, "Program"), Word(123, 0, 150, 10, "Pertanian"),
             Word(300, 0, 316, 10, "Rp."), Word(317, 0, 390, 10, "6.589.645.000,-")]
    assert [_texts(c) for c in split_chunks(words, 5.0)] == [["2."], ["Program", "Pertanian"], ["Rp."],
                                                            ["6.589.645.000,-"]]
    prose = [Word(0, 0, 30, 10, "Tahun"), Word(32, 0, 50, 10, "2016."), Word(52, 0, 70, 10, "Rp"),
             Word(72, 0, 80, 10, "dan")]
    assert len(split_chunks(prose, 5.0)) == 1  # `2016.` before a word only breaks as a list number


# --------------------------------------------------------------------------- a program list
def _line(y: float, cells: list[tuple[float, str]], descenders: bool = True) -> list[Word]:
    """Words of one OCR'd line at pitch position `y`; ink boxes: words with descenders reach
    lower, words without capitals or ascenders start lower (`dan`)."""
    out = []
    for x, text in cells:
        x_pos = x
        for token in text.split(" "):
            tall = any(ch.isupper() or ch.isdigit() or ch in "bdfhklt" for ch in token)
            low = any(ch in "gjpqy,;()" for ch in token)
            out.append(Word(x_pos, y if tall else y + 2.6, x_pos + 5.2 * len(token), y + 9.2 + (2.4 if low else 0),
                            token))
            x_pos += 5.2 * len(token) + 3.5
    return out


def _program_list() -> list[Word]:
    """`No. / Program / Anggaran / Keterangan`, header 24 pt above the body; names wrap on up
    to three lines, rows and wrapped lines at the same pitch (only the numbering tells rows)."""
    words = _line(90, [(89, "No."), (195, "Program"), (392, "Anggaran"), (479, "Keterangan")])
    rows = [
        ("1.", ["Program Pengembangan dan", "Pengelolaan Jaringan Irigasi, Rawa, dan", "Jaringan Pengairan lainnya"],
         "162.254.370.560,-"),
        ("2.", ["Program Pengembangan Pengelolaan", "dan Konservasi Danau dan", "Sumberdaya Air lainnya"],
         "79.446.683.060,-"),
        ("3.", ["Program Pengendalian Banjir dan", "Kekeringan serta Pengamanan Pantai"], "2.696.230.440,-"),
        ("4.", ["Program Pembinaan Jasa Konstruksi"], "3.220.616.290,-"),
    ]
    y = 123.0
    for number, name_lines, amount in rows:
        words += _line(y, [(94, number), (117, name_lines[0]), (343, "Rp."), (465 - 5.2 * len(amount) - 8, amount),
                           (488, "P-APBD")])
        for extra in name_lines[1:]:
            y += 18.5
            words += _line(y, [(117, extra)])
        y += 18.5
    return words


def test_program_list_from_ocr_words_keeps_header_rows_and_wrapped_names():
    lines = group_lines(_program_list())
    tables = find_aligned_tables(lines, body_width=500.0, hs=[])
    assert len(tables) == 1
    t = tables[0]
    assert t.n_header == 1 and t.rows[0][1] == "Program"  # the header row, 24 pt above, is kept
    body = t.rows[1:]
    assert [r[0] for r in body] == ["1.", "2.", "3.", "4."]
    assert body[1][1] == "Program Pengembangan Pengelolaan dan Konservasi Danau dan Sumberdaya Air lainnya"
    assert body[2][1] == "Program Pengendalian Banjir dan Kekeringan serta Pengamanan Pantai"
    assert [r[3] for r in body] == ["162.254.370.560,-", "79.446.683.060,-", "2.696.230.440,-", "3.220.616.290,-"]


def test_a_figure_wider_than_its_column_stays_in_it():
    words = _program_list()
    # one amount a digit group longer, glued to its `Rp.` and split again: it reaches over the gap
    glued = repair_token(OcrWord(336, 178.5, 465, 187.7, "Rp.122.318.026.000,-"))
    words = [w for w in words if not (178 <= w.y0 <= 182 and w.x0 >= 340 and w.x1 <= 466)] + glued
    tables = find_aligned_tables(group_lines(words), body_width=500.0, hs=[])
    row = tables[0].rows[2]
    assert row[2] == "Rp." and row[3] == "122.318.026.000,-"


# --------------------------------------------------------------------------- roles and numbers
def test_capaian_beside_budget_figures_only_is_absorption():
    header = [["NO", "URAIAN", "ALOKASI ANGGARAN (Rp.)", "REALISASI (Rp.)", "PROGRES CAPAIAN (%)"]]
    assert [c.role for c in assign_roles(header, [], 5)] == ["no", "name", "pagu", "realisasi", "realisasi_pct"]
    header = [["No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Anggaran (Rp)"]]
    roles = [c.role for c in assign_roles(header, [], 6)]
    assert roles[4] == "capaian"  # an indicator table keeps its capaian


def test_percent_column_gets_back_a_decimal_mark_read_as_a_space():
    column = ["PROGRES", "92,02", "92 02", "86,77", "97,61", "100", "-", "9 2"]
    assert decimal_convention(column) == (",", 2)
    assert repair_column(column) == ["PROGRES", "92,02", "92,02", "86,77", "97,61", "100", "-", "9 2"]
    assert decimal_convention(["1.234.567", "92 02", "5"]) is None  # no convention: left alone


def test_no_cents_suffix_as_ocr_reads_it_is_normalised():
    column = ["23.999.602 950 -", "2.449 163 248,", "162.254.370.560.-", "564.160.000,-", "7.857.752.700,-"]
    assert repair_column(column) == ["23.999.602.950,-", "2.449.163.248,-", "162.254.370.560,-",
                                     "564.160.000,-", "7.857.752.700,-"]


def test_budget_per_indicator_lines_are_named_by_the_indicator(tmp_path):
    text = ("Tabel 3.6 Anggaran per Indikator\n"
            "No\tSasaran\tIndikator Kinerja\tAlokasi (Rp)\tRealisasi (Rp)\n"
            "1\tMeningkatnya layanan irigasi\tPersentase jaringan irigasi dalam kondisi baik\t135.210.175.440\t132.958.783.417\n"
            "2\tMeningkatnya akurasi data\tAkurasi data dalam Sistem Informasi\t738.764.240\t700.000.000\n")
    doc = extract_text(tmp_path, text)
    names = [(line.name, line.pagu) for line in doc.budget_lines]
    assert [n for n, _ in names] == ["Persentase jaringan irigasi dalam kondisi baik",
                                     "Akurasi data dalam Sistem Informasi"]
    assert names[0][1] == 135210175440


def test_percent_column_gets_back_a_lost_decimal_mark_only_when_the_column_rules_out_the_whole():
    column = ["Capaian", "93,51", "9351", "97,53", "100", "354 93", "99,47", "12345", "1234567"]
    assert repair_column(column) == ["Capaian", "93,51", "93,51", "97,53", "100", "354,93", "99,47", "123,45",
                                     "1234567"]
    assert repair_column(["92,10", "88,20", "450"]) == ["92,10", "88,20", "450"]  # 450 could be printed so


def test_specks_before_a_figure_and_a_lone_trailing_dot_are_dropped_in_amount_columns():
    column = ["6.383.235.800", "395.121.720.", "- 1.046. 965.040", "- 1.867,830.640", "7 1.622.820.514",
              "2.696.230.440"]
    assert repair_column(column) == ["6.383.235.800", "395.121.720,-", "1.046.965.040", "1.867.830.640",
                                     "7 1.622.820.514" + DOUBT, "2.696.230.440"]
