"""The PDF detectors' building blocks on hand-made objects (no PDF needed)."""

from __future__ import annotations

import pytest

from extractors.pdf.cells import is_numbering, is_numeric, join_words, mostly_bold
from extractors.pdf.geometry import Segment, Word, cluster_values, merge_intervals
from extractors.pdf.margins import mark_margins
from extractors.pdf.ruled import find_ruled_tables
from extractors.pdf.rulings import merge_segments, raw_segments
from extractors.pdf.textlines import group_lines, split_chunks


def W(x0, y0, text, w=None, h=10.0, bold=False):
    return Word(x0, y0, x0 + (w if w is not None else 5.0 * len(text)), y0 + h, text, bold)


def test_merge_segments_fuses_collinear_pieces_only():
    pieces = [Segment(100.0, 0, 50), Segment(100.6, 51, 100), Segment(100.2, 200, 300), Segment(110, 0, 100)]
    merged = merge_segments(pieces)
    spans = sorted((round(s.pos), s.start, s.end) for s in merged)
    assert spans == [(100, 0, 100), (100, 200, 300), (110, 0, 100)]


def test_raw_segments_kinds_of_drawings():
    drawings = [
        {"type": "f", "fill": (0, 0, 0), "items": [("re", (10, 100, 300, 100.5), 1)]},  # thin → h line
        {"type": "f", "fill": (0, 0, 0), "items": [("re", (10, 100, 10.4, 400), 1)]},  # thin → v line
        {"type": "f", "fill": (0.6, 0.8, 0.4), "items": [("re", (10, 100, 300, 140), 1)]},  # shading
        {"type": "s", "color": (0, 0, 0), "items": [("re", (400, 400, 500, 450), 1)]},  # frame → 4
        {"type": "s", "color": (1, 1, 1), "items": [("l", (0, 500), (300, 500))]},  # white
        {"type": "s", "color": (0, 0, 0), "items": [("l", (0, 0), (50, 60))]},  # diagonal
        {"type": "f", "fill": (0, 0, 0), "items": [("re", (5, 5, 5.3, 5.6), 1)]},  # junction patch
    ]
    hs, vs = raw_segments(drawings)
    assert sorted((s.pos, s.start, s.end) for s in hs) == [(100.25, 10, 300), (400, 400, 500), (450, 400, 500)]
    assert sorted((s.pos, s.start, s.end) for s in vs) == [(10.2, 100, 400), (400, 400, 450), (500, 400, 450)]


def test_a_dotted_rule_drawn_as_tiny_squares_is_a_line_and_a_few_dots_are_not():
    """DKP Lampiran III (an Excel export): row separators of 0.8 pt squares 1.6 pt apart."""
    dots = [("re", (296.6 + 1.6 * k, 181.2, 297.4 + 1.6 * k, 181.6), 1) for k in range(60)]
    column = [("re", (500.2, 100 + 1.6 * k, 500.6, 100.8 + 1.6 * k), 1) for k in range(20)]
    bullet = [("re", (50 + 1.6 * k, 300, 50.8 + 1.6 * k, 300.8), 1) for k in range(3)]
    hs, vs = raw_segments([{"type": "f", "fill": (0, 0, 0), "items": dots + column + bullet}])
    assert [(round(s.pos, 1), round(s.start, 1), round(s.end, 1)) for s in hs] == [(181.4, 297.0, 391.4)]
    assert [(round(s.pos, 1), round(s.start, 1), round(s.end, 1)) for s in vs] == [(500.4, 100.4, 130.8)]


def test_raw_segments_applies_the_rotation_matrix():
    drawings = [{"type": "s", "color": (0, 0, 0), "items": [("l", (10, 20), (10, 220))]}]
    hs, vs = raw_segments(drawings, matrix=(0.0, 1.0, -1.0, 0.0, 842.0, 0.0))
    assert vs == [] and [(s.pos, s.start, s.end) for s in hs] == [(10, 622, 822)]


def _lattice_segments(xs, ys, skip_v=(), skip_h=()):
    """Segments of a full lattice, leaving out vertical (x index, row) and horizontal
    (y index, column) borders to make merged cells."""
    hs = [Segment(y, xs[c], xs[c + 1]) for i, y in enumerate(ys) for c in range(len(xs) - 1) if (i, c) not in skip_h]
    vs = [Segment(x, ys[r], ys[r + 1]) for j, x in enumerate(xs) for r in range(len(ys) - 1) if (j, r) not in skip_v]
    return merge_segments(hs), merge_segments(vs)


def test_ruled_lattice_merged_header_and_vertical_span():
    xs, ys = [0, 100, 150, 200], [0, 20, 40, 60, 80]
    # row 0: columns 1-2 merged ("Triwulan I" over K | Rp); column 0 spans rows 2-3
    hs, vs = _lattice_segments(xs, ys, skip_v={(2, 0)}, skip_h={(3, 0)})
    words = [
        W(5, 5, "Program"), W(110, 5, "Triwulan"), W(160, 5, "I", w=4),  # one merged cell
        W(105, 25, "K", w=5), W(155, 25, "Rp", w=10),
        W(5, 45, "Belanja"), W(5, 57, "Pegawai"),  # wraps across the hidden border
        W(105, 45, "1", w=5), W(155, 45, "1.000", w=25),
        W(105, 65, "2", w=5), W(155, 65, "2.000", w=25),
        W(300, 300, "outside"),
    ]
    [t] = find_ruled_tables(hs, vs, words)
    assert t.rows == [
        ["Program", "Triwulan I", ""],
        ["", "K", "Rp"],
        ["Belanja Pegawai", "1", "1.000"],
        ["", "2", "2.000"],
    ]
    assert t.xs == [0, 100, 150, 200]
    assert "outside" not in {w.text for w in t.words}
    assert t.row_boxes[0][1] == (100, 0, 200, 20)  # the merged cell's box


def test_ruled_table_without_outer_frame():
    # horizontal rules across the whole width, vertical rules only between columns
    hs = [Segment(y, 0, 300) for y in (0, 20, 40)]
    vs = [Segment(x, 0, 40) for x in (100, 200)]
    words = [W(10, 5, "a"), W(110, 5, "b"), W(210, 5, "c"), W(10, 25, "d"), W(110, 25, "e"), W(210, 25, "f")]
    [t] = find_ruled_tables(hs, vs, words)
    assert t.rows == [["a", "b", "c"], ["d", "e", "f"]]


def test_box_around_a_paragraph_is_no_table():
    hs = [Segment(0, 0, 300), Segment(100, 0, 300)]
    vs = [Segment(0, 0, 100), Segment(300, 0, 100)]
    assert find_ruled_tables(hs, vs, [W(10, 10, "Catatan:"), W(60, 10, "teks")]) == []


def test_group_lines_does_not_chain_offset_columns():
    words = [W(0, 0, "a"), W(100, 6, "b"), W(0, 12, "c")]  # b sits between two lines
    lines = group_lines(words)
    assert [[w.text for w in ln.words] for ln in lines] == [["a"], ["b"], ["c"]]
    lines = group_lines([W(50, 0.5, "kanan"), W(0, 0, "kiri")])
    assert [w.text for w in lines[0].words] == ["kiri", "kanan"]


def test_a_speck_at_the_top_of_a_line_does_not_split_it():
    """LKIP.pdf p52 (scan): a 0.7 pt bit of a dashed rule read as `—` sorted first and set a band
    so thin that `dalam` and `4tahapan`, lower on the skewed line, started a row of their own."""
    words = [W(105.6, 306.0, "Meningkatnya", h=16.3), W(78.9, 307.0, "2."), W(274.3, 307.0, "Parisipasi", h=12.9),
             W(270.2, 307.7, "—", w=2.2, h=0.7), W(393.8, 310.6, "dalam", h=7.9), W(473.3, 308.4, "4tahapan", h=13.0),
             W(104.4, 327.8, "daya", h=10.1), W(280.8, 330.7, "proses", h=7.9)]
    lines = group_lines(words)
    assert [ln.text for ln in lines] == ["2. Meningkatnya — Parisipasi dalam 4tahapan", "daya proses"]
    alone = group_lines([W(0, 0, "a"), W(0, 30, "-", h=1.0)])  # a speck on no line keeps its own
    assert [ln.text for ln in alone] == ["a", "-"]


def test_a_wrapped_line_in_lowercase_stays_with_its_row_across_a_jittered_gap():
    """LKIP.pdf p52 (scan): the wrapped lines of row `2.` sat 21.3 pt below its first line and
    17.5 pt above the next row's, a gap OCR jitter explains; they start in lowercase, so they
    continue row 2 rather than open row 3. A capitalised line there opens the row below
    (a vertically centred row), as does a lowercase one across a clear row gap."""
    from extractors.pdf.rowjoin import group_rows
    from extractors.pdf.textlines import TextLine

    def rows(wrapped: list[list[str]], gap: float) -> list[list[int]]:
        specs = [(306.0, ["2.", "Meningkatnya kapasitas", "Partisipasi masyarakat dalam", "4 tahapan"]),
                 (306.0 + gap, ["", *wrapped[0], ""]),
                 (306.0 + gap + 18.4, ["", *wrapped[1], ""]),
                 (306.0 + gap + 18.4 + 17.5, ["", "masyarakat dalam", "Prosentase pengelola", "2%"])]
        xs = [80.0, 105.0, 280.0, 475.0]
        lines, cells, texts = [], [], []
        for y, row in specs:
            words = {j: [W(xs[j], y, t)] for j, t in enumerate(row) if t}
            lines.append(TextLine([w for ws in words.values() for w in ws]))
            cells.append(words)
            texts.append(row)
        return group_rows(lines, cells, texts, numeric_cols={0, 3})

    lower = [["daya manusia", "proses pengelolaan"], ["daya air dan", "Air"]]
    capital = [["Daya manusia", "Proses pengelolaan"], ["Daya air dan", "Air"]]
    assert rows(lower, gap=21.3) == [[0, 1, 2], [3]]
    assert rows(capital, gap=21.3) == [[0], [1, 2, 3]]
    assert rows(lower, gap=30.0) == [[0], [1, 2, 3]]


def test_split_chunks():
    ws = [W(0, 0, "Sapi", w=20), W(23, 0, "Lokal", w=25), W(80, 0, "73.721", w=30)]
    assert [[w.text for w in c] for c in split_chunks(ws, 5)] == [["Sapi", "Lokal"], ["73.721"]]


def test_join_words_reading_order_and_broken_number():
    ws = [W(0, 12, "9%"), W(0, 0, "98,2"), W(30, 0, "x")]
    assert join_words(ws) == "98,2 x 9%"
    assert join_words([]) == ""


def test_join_words_places_a_speck_on_the_line_nearest_it():
    """PK Kabid Produksi p2 (300-dpi scan): a bullet `-` boxed 1.2 pt high started a line of its
    own that took `Farming` (centred lower, its `g`): `Good Practice - Farming`."""
    ws = [W(346, 341.5, "Good", h=8.4), W(451, 341.8, "Practice", h=8.4), W(331, 346.1, "-", w=4, h=1.2),
          W(392, 341.8, "Farming", h=10.5), W(346, 360.2, "(GFP)", h=10.6)]
    assert join_words(ws) == "- Good Farming Practice (GFP)"
    assert join_words([W(0, 0, "Susu", h=8.6), W(20, 30, "-", w=4, h=1.2)]) == "Susu -"  # no line near


def test_number_and_numbering_tests():
    for s in ["1.234.567", "12,5", "98,2%", "(1.000)", "-", "Rp 5.000", "0", "3,64"]:
        assert is_numeric(s), s
    for s in ["Daging", "2 orang", "A", "IV/a", "1.1.1 Jumlah"]:
        assert not is_numeric(s), s
    for s in ["1", "1.", "10.", "1.2", "IV.", "a.", "b)", "-", "•"]:
        assert is_numbering(s), s
    assert not is_numbering("Program") and not is_numbering("2016x")


def test_mostly_bold():
    assert mostly_bold([W(0, 0, "PROGRAM", bold=True), W(0, 0, "a")])
    assert not mostly_bold([W(0, 0, "ab", bold=True), W(0, 0, "cdef")])
    assert not mostly_bold([])


def test_geometry_helpers():
    assert cluster_values([10, 10.5, 11.2, 30], 1.0) == pytest.approx([10.5667, 30], abs=1e-3)
    assert merge_intervals([(5, 7), (0, 2), (2.5, 3)], join=0.6) == [(0, 3), (5, 7)]


def test_margins_running_header_and_page_numbers():
    pages = []
    for n in range(1, 5):
        words = [
            W(40, 20, "LKIP"), W(63, 20, "Dinas"), W(91, 20, "2016"),  # running header
            W(40, 50, "No"), W(150, 50, "Uraian"), W(300, 50, "Target"),  # repeated table header
            W(50, 100, "Tabel"), W(80, 100, f"3.{n}"),  # caption near the top: kept
            W(50, 400, "Isi"), W(70, 400, "halaman"),  # body repeated on every page: kept
            W(290, 810, f"{n}"),  # page number
        ]
        pages.append((842.0, group_lines(words)))
    pages[0] = (842.0, group_lines([W(50, 60, "BAB"), W(80, 60, "I"), W(290, 810, "- 1 -")]))
    bands = mark_margins(pages)
    tagged = [[ln.text for ln in lines if "margin" in ln.tags] for _, lines in pages]
    assert tagged[0] == ["- 1 -"]  # "BAB I" is in the band but not repeated
    assert tagged[1] == ["LKIP Dinas 2016", "2"]
    assert bands[1][0] == 30 and bands[1][1] == 810
    assert all("Isi halaman" not in t and "No Uraian Target" not in t for t in tagged)


def _phrase(text: str, x: float, y: float) -> list[Word]:
    """The words of `text` laid out on one line from `x`, as a PDF prints them."""
    words = []
    for token in text.split():
        words.append(W(x, y, token))
        x += 5.0 * len(token) + 4
    return words


def _texts(sub):
    return {c: " ".join(w.text for w in sorted(ws, key=lambda w: (w.y0, w.x0))) for c, ws in sub.items()}


def test_listed_row_splits_numbered_items_with_values():
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "1."), W(20, 0, "Program"), W(70, 0, "Budaya"),
            W(0, 12, "2."), W(20, 12, "Program"), W(70, 12, "Pariwisata"),
            W(20, 24, "Bandung")],
        1: [W(200, 0, "933.855.975"), W(200, 12, "1.660.453.975")],
        2: [W(300, 0, "APBD"), W(300, 12, "APBN")],
    }
    subs = split_listed_row(col_words)
    assert [_texts(s) for s in subs] == [
        {0: "1. Program Budaya", 1: "933.855.975", 2: "APBD"},
        {0: "2. Program Pariwisata Bandung", 1: "1.660.453.975", 2: "APBN"},
    ]


@pytest.mark.parametrize("bullet", ["\uf0b7", "\uf0d8", "✓", "√", "➢"])
def test_listed_row_splits_items_under_symbol_font_bullets(bullet):
    """Reports typed in Word print bullets from the Symbol/Wingdings fonts (PyMuPDF gives
    private-use code points such as U+F0B7) or check marks; they open items like `-` and `•`."""
    from extractors.pdf.listrows import split_listed_row

    assert is_numbering(bullet)
    col_words = {
        0: [W(0, 0, bullet), W(20, 0, "Sapi"), W(50, 0, "Potong"),
            W(0, 12, bullet), W(20, 12, "Domba"),
            W(0, 24, bullet), W(20, 24, "Kambing"), W(60, 24, "Perah")],
        1: [W(200, 0, "64"), W(200, 12, "65"), W(200, 24, "51")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [{0: f"{bullet} Sapi Potong", 1: "64"}, {0: f"{bullet} Domba", 1: "65"},
                    {0: f"{bullet} Kambing Perah", 1: "51"}]


def test_listed_row_keeps_a_spanning_column_whole():
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "Meningkatnya"), W(0, 12, "produksi"), W(0, 24, "ternak")],  # sasaran
        1: [W(100, 0, "1.1"), W(120, 0, "Produksi"), W(100, 12, "-"), W(110, 12, "Daging"),
            W(100, 24, "-"), W(110, 24, "Telur")],
        2: [W(300, 12, "768.495"), W(300, 24, "217.235")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [
        {0: "Meningkatnya produksi ternak", 1: "1.1 Produksi"},
        {1: "- Daging", 2: "768.495"},
        {1: "- Telur", 2: "217.235"},
    ]


def test_a_sasaran_line_that_reads_like_a_figure_does_not_shift_the_values():
    """LKIP DISNAK p13: the sasaran column's first line `1.1 Meningkatnya` looks like a figure
    with its unit; counted as a value line it made the values as many as the items, paired in
    order, each value one item too high."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "1.1"), W(20, 0, "Meningkatnya"), W(0, 12, "Produksi"), W(0, 24, "ternak")],
        1: [W(100, 0, "1.1.1"), W(130, 0, "Jumlah"), W(130, 12, "(ekor)"),
            W(100, 24, "-"), W(110, 24, "Sapi"), W(100, 36, "-"), W(110, 36, "Itik")],
        2: [W(300, 24, "401.024"), W(300, 36, "9.417.538")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert [(s.get(1), s.get(2)) for s in subs] == [
        ("1.1.1 Jumlah (ekor)", None), ("- Sapi", "401.024"), ("- Itik", "9.417.538")]


def test_bare_numbers_right_of_listed_items_are_their_values_and_a_lost_bullet_is_found():
    """PK Kabid Produksi p3 (scan): `64`, `65`, `51` beside `- Sapi Potong`, `- Sapi Perah`,
    `- Kerbau` counted as numbering (8 lines against the bullets' 5), so the value column was
    taken for the list and the row was not split. And the `✓` before `Prosentase anak domba`
    was not read: once `- Kerbau` has its value, a capitalised line below a short one opens the
    next item, whose value sits on its last line."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        1: [W(100, 0, "-"), W(110, 0, "Sapi"), W(140, 0, "Potong"), W(100, 12, "-"), W(110, 12, "Kerbau"),
            W(110, 24, "Prosentase"), W(170, 24, "anak"), W(200, 24, "domba"),  # a full line ...
            W(110, 36, "kambing"), W(150, 36, "lahir"), W(110, 48, "hidup/Lamb"), W(165, 48, "crop"),
            W(100, 60, "-"), W(110, 60, "Itik")],
        2: [W(300, 0, "64"), W(300, 12, "51"), W(300, 48, "105"), W(300, 60, "32")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [{1: "- Sapi Potong", 2: "64"}, {1: "- Kerbau", 2: "51"},
                    {1: "Prosentase anak domba kambing lahir hidup/Lamb crop", 2: "105"}, {1: "- Itik", 2: "32"}]


def test_a_capitalised_wrap_below_its_items_value_stays_with_the_item():
    """LKIP.pdf p60 (scan): `Investigasi Rekayasa Teknik SDA` wraps `2. Survey` below its value;
    `Hibah APBD Dinas …` wraps `4 WISMP-2 dan Pendamping`, and the next value sits on a line
    opening in capitals (`S,WISMP-2`, a `5.` misread): neither opens an item."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "2."), W(20, 0, "Survey"), W(20, 12, "Investigasi"), W(80, 12, "Rekayasa"),
            W(0, 24, "3."), W(20, 24, "Dewan"), W(0, 36, "4"), W(20, 36, "WISMP-2"), W(70, 36, "dan"),
            W(20, 48, "Hibah"), W(60, 48, "APBD"), W(20, 60, "S,WISMP-2"), W(80, 60, "dan")],
        1: [W(200, 0, "452.094.000"), W(200, 24, "142.800.000"), W(200, 36, "3.376.314.000"),
            W(200, 60, "4.268.682.000")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [{0: "2. Survey Investigasi Rekayasa", 1: "452.094.000"}, {0: "3. Dewan", 1: "142.800.000"},
                    {0: "4 WISMP-2 dan Hibah APBD", 1: "3.376.314.000"}, {0: "S,WISMP-2 dan", 1: "4.268.682.000"}]


def test_a_bracketed_figure_under_a_value_annotates_it_and_starts_no_item():
    """LAKIP BKPD p30: `81` then `(103,85)` (its capaian) on the name's wrapped line."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "-"), W(10, 0, "Prosentase"), W(0, 12, "-"), W(10, 12, "Skor"), W(40, 12, "Tingkat"),
            W(10, 24, "Konsumsi")],
        1: [W(200, 0, "100"), W(200, 12, "78")],
        2: [W(300, 0, "106.81"), W(300, 12, "81"), W(300, 24, "(103,85)")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [{0: "- Prosentase", 1: "100", 2: "106.81"},
                    {0: "- Skor Tingkat Konsumsi", 1: "78", 2: "81 (103,85)"}]


def test_amounts_whose_thousands_dots_ocr_read_as_spaces_are_values_of_the_list():
    """LKIP.pdf p60: four kegiatan in one ruled row, two of their four amounts read with a
    space for a dot (`3 376.314.009`, `4 268.682 000`): with only half the lines counted as
    figures the column was no value column and the row was not split."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "2."), W(20, 0, "Survey"), W(0, 20, "3."), W(20, 20, "Dewan"),
            W(0, 40, "4"), W(20, 40, "WISMP-2"), W(0, 60, "5."), W(20, 60, "WISMP-2")],
        1: [W(200, 0, "452.094.000"), W(200, 20, "142.800.000"), W(200, 40, "3"), W(215, 40, "376.314.009"),
            W(200, 60, "4"), W(215, 60, "268.682"), W(250, 60, "000")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert [s.get(1) for s in subs] == ["452.094.000", "142.800.000", "3 376.314.009", "4 268.682 000"]


def test_number_broken_over_lines_is_not_a_list():
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "Persentase"), W(60, 0, "dokumen"), W(0, 12, "tepat"), W(40, 12, "waktu")],
        1: [W(200, 0, "98,2"), W(200, 12, "9%")],
        2: [W(300, 0, "-")],
    }
    assert split_listed_row(col_words) is None


def test_listed_row_column_with_one_entry_per_item_follows_the_items():
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        0: [W(0, 0, "1"), W(0, 24, "2")],
        1: [W(20, 0, "Jumlah"), W(60, 0, "SOP"), W(20, 12, "bencana"), W(20, 24, "Jumlah"), W(60, 24, "Kepkub")],
        2: [W(300, 0, "100%"), W(300, 24, "95%")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [{0: "1", 1: "Jumlah SOP bencana", 2: "100%"}, {0: "2", 1: "Jumlah Kepkub", 2: "95%"}]


def test_listed_targets_with_units_and_a_list_whose_numbering_stops():
    """A PK row (PK_Kadis 2016 p2): a heading indicator, lettered sub-items each with a target
    and its unit, one letter lost by the scan, then unnumbered indicators with targets."""
    from extractors.pdf.listrows import split_listed_row

    items = [("Jumlah Produksi", None), ("a. Padi", "12.317.066 ton"), ("b. Jagung", "1.190.793 ton"),
             ("Tanaman Obat", "92.711 ton"), ("k. Tanaman Hias", "280.179.881 tangkai"),
             ("Persentase kehilangan hasil", "10,90"), ("komoditas Padi", None)]
    col_words: dict[int, list[Word]] = {0: [W(0, 0, "1.")], 1: [], 2: []}
    for k, (name, target) in enumerate(items):
        col_words[1] += _phrase(name, 20.0, 12 * k)
        if target:
            col_words[2] += _phrase(target, 200.0, 12 * k)
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert [(s.get(1), s.get(2)) for s in subs] == [
        ("Jumlah Produksi a. Padi", "12.317.066 ton"), ("b. Jagung", "1.190.793 ton"),
        ("Tanaman Obat", "92.711 ton"), ("k. Tanaman Hias", "280.179.881 tangkai"),
        ("Persentase kehilangan hasil komoditas Padi", "10,90")]


def test_a_listed_row_whose_first_number_the_scan_lost_splits_at_its_value():
    """LKIP.pdf p63 at 100 dpi: three kegiatan in one ruled row, `1.` of the first lost by OCR;
    the first entry has its own value, so it is an item, not a heading of the second."""
    from extractors.pdf.listrows import split_listed_row

    lines = [("Dukungan Pembangunan", "800.000.000"), ("Waduk Jatigede", None),
             ("2 Dukungan Pembangunan", "5.916.241.200"), ("Waduk Cileuweung", None),
             ("3. Dukungan pembangunan", "11.450.000"), ("Waduk Sadawarna", None)]
    col_words: dict[int, list[Word]] = {0: [], 1: []}
    for k, (name, value) in enumerate(lines):
        col_words[0] += _phrase(name, 20.0, 12 * k)
        if value:
            col_words[1].append(W(200.0, 12 * k, value))
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert [(s.get(0), s.get(1)) for s in subs] == [
        ("Dukungan Pembangunan Waduk Jatigede", "800.000.000"),
        ("2 Dukungan Pembangunan Waduk Cileuweung", "5.916.241.200"),
        ("3. Dukungan pembangunan Waduk Sadawarna", "11.450.000")]


def test_a_header_ruled_in_a_box_heads_the_borderless_body_below_it():
    """Scanned PK (LKIP.pdf p52): only `Sasaran Strategis | Indikator Kinerja` is boxed; `No.`
    and `Target` are printed beside the box on the same line, the body is borderless."""
    from extractors.pdf.aligned import AlignedTable
    from extractors.pdf.boxedheader import merge_boxed_headers
    from extractors.pdf.ruled import RuledTable

    box = RuledTable(xs=[90, 250, 420], ys=[100, 115], rows=[["Sasaran Strategis", "Indikator Kinerja"]],
                     row_tops=[100], row_bold=[True], row_boxes=[[(100, 103, 180, 112), (260, 103, 340, 112)]])
    body = AlignedTable(col_edges=[60, 255, 430, 520], n_header=1,
                        rows=[["No.", "", "Target"], ["1. Meningkatnya layanan", "Persentase irigasi baik", "72,05%"]],
                        row_tops=[102, 130], row_bold=[True, False], row_boxes=[[None] * 3, [None] * 3])
    body.lines = [group_lines([W(60, 102, "No.")])[0], group_lines([W(60, 130, "1.")])[0]]
    far = RuledTable(xs=[90, 420], ys=[600, 615], rows=[["Catatan", "Lain"]], row_tops=[600], row_bold=[False],
                     row_boxes=[[None, None]])
    assert merge_boxed_headers([box, far], [body]) == [far]  # a box far below stays a table of its own
    assert body.rows[0] == ["No. Sasaran Strategis", "Indikator Kinerja", "Target"] and body.n_header == 1
    values = RuledTable(xs=[90, 420], ys=[100, 115], rows=[["Anggaran", "1.250.000"]], row_tops=[100],
                        row_bold=[False], row_boxes=[[None, None]])
    assert merge_boxed_headers([values], [body]) == [values]  # a box with figures is a table


def test_listed_row_beside_a_cell_spanning_down_is_split_and_the_cell_kept_whole():
    """PK Kadis p2: the sasaran cell spans two indicator rows; the first holds a list
    `- Daging 768.495` / `- Telur 217.235` inside one ruled row."""
    xs, ys = [0, 100, 250, 320], [0, 20, 80, 100]
    hs, vs = _lattice_segments(xs, ys, skip_h={(2, 0)})  # column 0 spans rows 1-2
    words = [
        W(5, 5, "Sasaran"), W(105, 5, "Indikator"), W(255, 5, "Target"),
        W(5, 25, "Meningkatnya"), W(5, 37, "produksi"), W(5, 49, "ternak"),
        W(105, 25, "1.1."), W(125, 25, "Produksi"), W(105, 40, "-", w=4), W(112, 40, "Daging"),
        W(255, 40, "768.495", w=35), W(105, 55, "-", w=4), W(112, 55, "Telur"), W(255, 55, "217.235", w=35),
        W(105, 85, "1.2."), W(125, 85, "Populasi"), W(255, 85, "30", w=10),
    ]
    [t] = find_ruled_tables(hs, vs, words)
    assert t.rows == [
        ["Sasaran", "Indikator", "Target"],
        ["Meningkatnya produksi ternak", "1.1. Produksi", ""],
        ["", "- Daging", "768.495"],
        ["", "- Telur", "217.235"],
        ["", "1.2. Populasi", "30"],
    ]


def test_a_ruled_row_holding_a_budget_lists_header_and_its_item_is_two_rows():
    from extractors.pdf.headerrows import split_header_row

    col_words = {
        0: [W(0, 0, "No"), W(0, 24, "1.")],
        1: [W(40, 0, "Kegiatan"), W(40, 24, "Pengumpulan"), W(110, 24, "Data"), W(40, 36, "Peternakan")],
        2: [W(300, 0, "Anggaran"), W(300, 12, "(Rp.)"), W(300, 24, "450.000.000,-")],
    }
    assert [_texts(s) for s in split_header_row(col_words)] == [
        {0: "No", 1: "Kegiatan", 2: "Anggaran (Rp.)"},
        {0: "1.", 1: "Pengumpulan Data Peternakan", 2: "450.000.000,-"},
    ]


def test_a_data_rows_first_line_is_no_budget_header():
    from extractors.pdf.headerrows import split_header_row

    # a name whose first line wraps above its figure, beside a note naming its funds
    col_words = {
        0: [W(0, 0, "Program"), W(40, 0, "Peningkatan"), W(100, 0, "Sarana"), W(140, 0, "dan"), W(160, 0, "Mutu"),
            W(0, 12, "Prasarana")],
        1: [W(300, 12, "1.500.000.000")],
        2: [W(400, 0, "Dana"), W(430, 0, "APBD")],
    }
    assert split_header_row(col_words) is None
    # no money figure under the money header: no list
    col_words = {0: [W(0, 0, "Kegiatan"), W(0, 12, "1.")], 1: [W(300, 0, "Anggaran"), W(300, 12, "Ada")]}
    assert split_header_row(col_words) is None


def test_a_value_printed_between_two_items_belongs_to_the_nearer_one():
    """LAKIP BKPD p30: `450 | 270` centred on the second indicator's two lines sits above its
    first line, nearer to it than to the first indicator; its `(60%)` is on that first line."""
    from extractors.pdf.listrows import split_listed_row

    col_words = {
        1: [W(100, 120, "-"), W(110, 120, "Skor"), W(140, 120, "Pangan"), W(110, 130, "Ketersediaan"),
            W(100, 163, "-"), W(110, 163, "Jumlah"), W(150, 163, "Tonase"), W(110, 174, "Pokok")],
        2: [W(300, 120, "85"), W(300, 151.5, "450")],
        3: [W(400, 120, "86"), W(395, 130, "(101%)"), W(400, 151.5, "270"), W(395, 163, "(60%)")],
    }
    subs = [_texts(s) for s in split_listed_row(col_words)]
    assert subs == [
        {1: "- Skor Pangan Ketersediaan", 2: "85", 3: "86 (101%)"},
        {1: "- Jumlah Tonase Pokok", 2: "450", 3: "270 (60%)"},
    ]


def test_a_table_title_drawn_inside_its_frame_is_its_caption_not_a_row():
    """LKIP.pdf p38: `Tabel 3.8 Realisasi Anggaran Tahun 2016` sits inside the ruled frame, so the
    ruled detector gives it as the grid's first row; as a header row its `Realisasi` named a column."""
    from extractors.pdf.document import _caption_inside
    from schemas.model import Grid, GridRow

    rows = [["Tabel 3.8 Realisasi Anggaran Tahun 2016", "", ""], ["No", "Program", "Pagu"], ["1", "Program A", "1.000.000"]]
    grid = Grid(rows=[GridRow(cells=list(r), page=1) for r in rows], page=1, source="pdf:ruled")
    assert _caption_inside(grid) == "Tabel 3.8 Realisasi Anggaran Tahun 2016"
    assert [r.cells[0] for r in grid.rows] == ["No", "1"]
    assert _caption_inside(grid) is None  # a header row is no caption
    lone = Grid(rows=[GridRow(cells=["Tabel 1", ""], page=1)], page=1, source="pdf:ruled")
    assert _caption_inside(lone) is None and len(lone.rows) == 1  # nothing but the title: left alone
