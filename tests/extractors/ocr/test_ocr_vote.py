"""Deciding OCR'd cells from several readings of a page (extractors/ocr/vote.py,
cells.finish_ocr_grids), and the small repairs of one reading that come before: ruling
debris, word order in a cell, broken rulings. No Tesseract needed: words are made by hand."""

from __future__ import annotations

from extractors.ocr import engine as ocr
from extractors.ocr.cells import finish_ocr_grids
from extractors.ocr.numbers import repair_column
from extractors.ocr.vote import (
    figure_key,
    garbled,
    is_figure_cell,
    is_fragment,
    lost_words,
    reread_text,
    revote_cell,
    vote,
    well_formed,
)
from extractors.pdf.cells import join_words
from extractors.pdf.geometry import Segment
from schemas.model import Grid, GridRow

W = ocr.OcrWord
BOX = (100.0, 0.0, 200.0, 20.0)


def _w(text: str, conf: float, x0: float = 110, y0: float = 5, x1: float = 190, y1: float = 15) -> W:
    return W(x0, y0, x1, y1, text, False, conf)


# --------------------------------------------------------------------------- figures
def test_figure_cells_are_told_from_text_cells():
    for text in ("6.383.235.800", "Rp. 2.636.500.000,-", "97,61", "2.696.230.4468?", "738764240:", "45 955.396.559"):
        assert is_figure_cell(text), text
    for text in ("Belanja Pegawai", "12", "2%", "4 Tahapan", "150.000 m3", ""):
        assert not is_figure_cell(text), text


def test_two_agreeing_readings_outvote_the_first():
    assert vote([("6.382.235.800", 69), ("6.383.235.800", 60), ("6.383.235.800", 55)]) == 1


def test_readings_that_all_differ_or_side_with_the_first_change_nothing():
    assert vote([("6.382.235.800", 50), ("6.383.235.800", 60), ("6.384.235.800", 55)]) == 0
    assert vote([("6.382.235.800", 50), ("6.382.235.800", 60), ("6.383.235.800", 96)]) == 0


def test_a_sure_reading_beats_two_unsure_ones_that_agree():
    # LKIP.pdf p33: `415.605.995.130` twice at confidence 37 and 43, `15.605.995.130` once at 91
    assert vote([("415.605.995.130", 37), ("415.605.995.130", 43), ("15.605.995.130", 91)]) == 2


def test_separators_do_not_vote_only_digits_do():
    assert vote([("45 955.396.559", 40), ("45.955.396.559", 90), ("45.955.396.559", 90)]) == 0


def test_a_reading_that_is_no_figure_has_no_vote():
    assert vote([("6.382.235.800", 30), ("Program", 96), ("Program", 96)]) == 0


def test_two_engines_that_agree_beat_more_readings_of_one():
    # Tesseract's smoothed re-readings share its misreads; PP-OCR's reading does not
    readings = [("5.245.260.922", 90, "tesseract"), ("5.345.260.922", 60, "paddle"),
                ("5.245.260.922", 90, "tesseract"), ("5.345.260.922", 20, "tesseract")]
    assert vote(readings) == 1
    assert vote([(t, s) for t, s, _ in readings]) == 0  # one engine: two sure readings of three stand


def test_each_engine_has_one_vote_split_among_its_readings():
    # LKIP.pdf p102 (no truth page): two of Tesseract's three readings agree on a misread
    # `556`; PP-OCR's `566`, which the third supports in that place, wins
    readings = [("3.861.184.556", 67, "tesseract"), ("3.861.184.566", 96, "paddle"),
                ("3.861.184.556", 74, "tesseract"), ("3.861.194.566", 61, "tesseract")]
    assert vote(readings) == 1
    # Tesseract's readings all agreeing: one engine against one, the first reading's stands
    assert vote([("79.446.683.060", 44, "tesseract"), ("79.446.683.050", 74, "paddle"),
                 ("79.446.683.060", 45, "tesseract"), ("79.446.683.060", 26, "tesseract")]) == 0


def test_pp_ocr_reading_its_figure_twice_breaks_a_tie_between_engines():
    # LKIP.pdf p62: Tesseract's three readings agree on a misread `600`; PP-OCR's page reading
    # and its re-read of the cell's crop both read the printed `647.211.000`
    readings = [("647 211.600", 86, "tesseract"), ("647211.000", 101, "paddle"),
                ("647 211.600", 89, "tesseract"), ("647 211.600", 93, "tesseract"),
                ("647 211.000", 89, "paddle")]
    assert vote(readings) == 4
    # PP-OCR's two readings not agreeing: Tesseract's figure is held by more engines and stands
    split = readings[:4] + [("647 211.900", 89, "paddle")]
    assert vote(split) == 0
    # one engine: the summed support decides, whatever its name
    assert vote([(t, s) for t, s, _ in readings]) == 0


def test_a_reading_with_one_more_digit_at_an_edge_holds_the_figure():
    # LKIP.pdf p33: a ruling's remnant read as a leading `4` in one of Tesseract's readings
    readings = [("16.523.280.360", 49, "tesseract"), ("16.523.280.860", 94, "paddle"),
                ("16.523.280.360", 66, "tesseract"), ("416.523.280.860", 72, "tesseract")]
    assert vote(readings) == 1
    assert vote([("6 0.14", 32, "tesseract"), ("0.14", 101, "paddle"), ("6 0,14", 30, "tesseract")]) == 1


def test_a_first_digit_that_is_a_group_of_its_own_is_the_figures():
    # LKIP.pdf p103 (no truth page): two of Tesseract's readings lost the `1.` that PP-OCR reads
    readings = [("1.846.297 48,00", 59, "tesseract"), ("1.846.297 480,00", 90, "paddle"),
                ("846.297 480,00", 46, "tesseract")]
    assert vote(readings) == 1
    # LKIP.pdf p59: PP-OCR lost the mark after the `1` of `1.900.000.000`; its four-digit first
    # group is no speck beside `900.000.000`, which Tesseract's readings (all different) misread
    readings = [("900.000 000", 60, "tesseract"), ("1900.000 000", 94, "paddle"),
                ("980.000 000", 65, "tesseract"), ("900.009 000", 76, "tesseract"),
                ("1900.000000", 82, "paddle")]
    assert vote(readings) == 1


def test_a_lost_digit_is_not_a_figure_held_by_readings_with_one_more():
    # `10.139.59).000` lost a digit: the two right readings are not it with a ruling's `0`
    assert vote([("10.139.59).000", 45, "tesseract"), ("10.139,590.000", 77, "tesseract"),
                 ("10.139,590.000", 73, "tesseract")]) == 1


def test_a_figure_read_with_its_separators_in_place_wins_a_tie():
    assert well_formed("1.234.567") and well_formed("Rp. 2.636.500.000,-") and well_formed("92,02 %")
    assert well_formed("374.160.000,00") and well_formed("100")
    assert well_formed("2.533.288 840") and well_formed("2.452,369 500,00")  # marks as OCR reads them
    for text in ("6 0,14", "16.523.28.860", "1234567", "10.139.59).000", "1906.519.440,00"):
        assert not well_formed(text), text
    assert vote([("2.533.2888 46", 90, "tesseract"), ("2.533.288.840", 60, "paddle")]) == 1
    assert vote([("2.533.288.846", 90, "tesseract"), ("2.533.288 840", 60, "paddle")]) == 0


def test_an_amount_whose_cents_ocr_could_not_read_is_one_figure_with_its_clean_readings():
    # 6-px cents of a 100-dpi scan: `(H)`, `,1H)`, `.(0` are what is left of `,00`
    for text in ("374.160.000,1H)", "888.191.200.(0", "285.000.000.(H)", "34.500.000."):
        assert is_figure_cell(text) and well_formed(text) and not garbled(text), text
    assert figure_key("888.191.200.(0") == figure_key("888.191.200,00") == figure_key("888.191.200") == "888191200"
    # three digits after the last mark are a thousands group, a percent keeps its decimals
    assert figure_key("16.523.280.860") == "16523280860" and figure_key("92,02") == "9202"
    # the winning figure takes the reading that read it whole, cents included
    assert vote([("888.191.200.(0", 60, "paddle"), ("888.191.200,00", 50, "tesseract")]) == 1
    assert vote([("SPLIGOLOUNKIHE", 20, "tesseract"), ("374.160.000,1H)", 21, "paddle"),
                 ("374.160.000,00", 70, "paddle")]) == 2


def test_a_garbled_or_empty_first_reading_takes_a_well_formed_figure_of_the_others():
    # 100-dpi serif digits: Tesseract reads letters where PP-OCR reads the amount
    for text in ("SPLIGOLOUNKIHE", "Lo 47?%", "NTP", "", "TOOL OCO C0", "LAS 000 C00)", "4168 6%2"):
        assert garbled(text), text
    for text in ("Belanja Barang dan Jasa", "Program Pelayanan Administrasi", "12", "2%", "-", "1.234.567"):
        assert not garbled(text), text
    assert vote([("SPLIGOLOUNKIHE", 20, "tesseract"), ("374.160.000,00", 97, "paddle"), ("", 0, "tesseract")]) == 1
    assert vote([("", 0, "tesseract"), ("405.141.240", 99, "paddle")]) == 1
    # LKIP.pdf p101: `4.268.682.000,00` read `4168 6%2`; a `%` before a digit is no percent
    assert vote([("4168 6%2", 71, "tesseract"), ("4,268 682 000,00", 70, "paddle")]) == 1
    # one unsure reading alone is not enough (PP-OCR's `101%` for a 100-dpi `100%`); two are
    assert vote([("Ls", 24, "tesseract"), ("101%", 34, "paddle"), ("Luks", 36, "tesseract")]) == 0
    assert vote([("NTP", 37, "tesseract"), ("1,77%", 54, "paddle"), ("1.77%", 25, "tesseract")]) == 1
    # an amount's grouping checks it too: alone it needs less (LKIP.pdf p102, no truth page)
    assert vote([("2.482.369 SOU", 9, "tesseract"), ("2.452,369 500,00", 64, "paddle"),
                 ("2.482.369 KUWAN", 2, "tesseract")]) == 1
    assert vote([("287.50. 000 0K)", 1, "tesseract"), ("287.510.000,10", 33, "paddle")]) == 0
    # ... but a garbled reading that begins with a figure's whole rupiah holds it (p102: PP-OCR's
    # crop reads `287.500.000,00` at 53, its page `287.510.000,10` at 33, Tesseract `287.50. 000 0K)`)
    readings = [("287.50. 000 0K)", 1, "tesseract"), ("287.510.000,10", 33, "paddle"), ("287.SAKLOOO KH", 1, "tesseract"),
                ("287.5000,0004K)", 12, "tesseract"), ("287.500.000,00", 53, "paddle")]
    assert vote(readings) == 4
    assert vote(readings[:4]) == 0  # begun by no figure read well formed
    assert vote([("2.875 KH", 1, "tesseract"), *readings[1:3], ("287.50 OK", 12, "tesseract"),
                 readings[4]]) == 0  # too few of its digits read
    # two figures begun by garbles: neither is held by them
    assert vote([("287.510.000 KH", 1, "tesseract"), *readings[1:]]) == 0
    # garbles by the figure's own engine: its readings share their misreads
    assert vote([(text, conf, "paddle") for text, conf, _ in readings]) == 0
    # LKIP.pdf p102: two readings that lost one zero agree (`475 00 000`), but only the figure
    # read well formed can replace a garble: the sure `475 000 000,00` does
    assert vote([("S75 MU OOO", 35, "tesseract"), ("475 000 000,00", 84, "paddle"), ("S75 MM DUOAM", 41, "tesseract"),
                 ("475 00 000.00", 55, "tesseract"), ("475 00 000,00", 82, "paddle")]) == 1
    # ... and `1906.519.440,00` (its first mark lost) is one figure with `1 906.519.440,00`: two readings
    assert vote([("SI 1906 AAU", 22, "tesseract"), ("1906.519.440,00", 64, "paddle"), ("906.519.4400)", 1, "tesseract"),
                 ("906.519.4400)", 5, "tesseract"), ("1 906.519.440,00", 58, "paddle")]) == 4
    # LKIP.pdf p103: PP-OCR's page reading `45.(000.000.(00` is its crop's `45.000.000.00` with
    # the zeros' arcs read apart: two readings of one figure (`numbers.read_glyphs`)
    assert vote([("S45 4MOO.OU MHD", 1, "tesseract"), ("45.(000.000.(00", 18, "paddle"), ("S5.4M0.0U0 (HE", 1, "tesseract"),
                 ("45.000.0U0(H", 1, "tesseract"), ("45.000.000.00", 48, "paddle")]) == 4
    # ... and p103's `+20.861.000.00`, twice: a 6-px `4` read `+`, not Tesseract's `420.861.000.090`
    readings = [("420.861.000.090", 17, "tesseract"), ("+20.861.000.00", 64, "paddle"), ("420.861.000.090", 20, "tesseract"),
                ("420.861.000.900", 12, "tesseract"), ("+20,861.000,00", 60, "paddle")]
    assert vote(readings) == 1
    # a figure read with a separator out of place is no better than the garble
    assert vote([("SPLIGOLOUNKIHE", 20, "tesseract"), ("374.160.00,00", 97, "paddle")]) == 0
    # text of more words, and short numbers, stay as read
    assert vote([("Belanja Barang dan Jasa", 90, "tesseract"), ("374.160.000,00", 97, "paddle")]) == 0
    assert vote([("12", 90, "tesseract"), ("125", 97, "paddle")]) == 0


def test_an_empty_cell_takes_the_amount_the_other_engine_reads_in_its_box():
    grid = Grid(rows=[GridRow(cells=["Belanja Modal", ""], page=1, cell_boxes=[(0, 0, 100, 20), BOX])], page=1)
    first = [_w("Belanja", 90, x0=5, x1=40), _w("Modal", 90, x0=45, x1=90)]
    again = [first + [_w("174.093.522.100", 96)]]
    finish_ocr_grids([grid], {1: first}, {1: again}, {1: ["tesseract", "paddle"]})
    assert grid.rows[0].cells == ["Belanja Modal", "174.093.522.100"] and grid.rows[0].cell_confidence == [90.0, 96.0]


def test_revote_passes_each_readings_engine():
    first = [_w("5.245.260.922", 90)]
    again = [[_w("5.345.260.922", 60)], [_w("5.245.260.922", 90)], [_w("5.345.260.922", 20)]]
    engines = ["tesseract", "paddle", "tesseract", "tesseract"]
    assert revote_cell("5.245.260.922", BOX, first, again, engines)[0] == "5.345.260.922"
    assert revote_cell("5.245.260.922", BOX, first, again)[0] == "5.245.260.922"


def test_revote_reads_the_cell_box_in_every_reading():
    first = [_w("97,64", 79)]
    again = [[_w("97,61", 85)], [_w("97,61", 80)]]
    text, words = revote_cell("97,64", BOX, first, again)
    assert text == "97,61" and words == again[0]
    assert revote_cell("97,64", BOX, first, []) == ("97,64", None)  # read once: stands


def test_revote_leaves_a_cell_whose_box_holds_more_than_its_figure():
    # one item of a list split out of a ruled row keeps the whole row's box
    first = [_w("1.000.000", 90, y0=2, y1=8), _w("2.000.000", 90, y0=12, y1=18)]
    again = [[_w("1.000.000", 90, y0=2, y1=8), _w("2.000.000", 90, y0=12, y1=18)]] * 2
    assert revote_cell("1.000.000", BOX, first, again) == ("1.000.000", None)


# --------------------------------------------------------------------------- text
def test_a_text_cell_takes_the_much_surer_reading_of_the_same_words():
    first = [_w("oo", 27, x1=115), _w("Prosentase", 48, x0=120, x1=150), _w("loreng", 0, x0=155, x1=170),
             _w("Groh", 0, x0=172, x1=190)]
    good = [_w("Prosentase", 88, x0=120, x1=150), _w("terkena", 96, x0=155, x1=170), _w("bencana", 96, x0=172, x1=190)]
    text, words = reread_text(join_words(first), BOX, first, [good, first])
    assert text == "Prosentase terkena bencana" and words == good


def test_a_text_cell_keeps_its_reading_when_the_other_is_not_surer_or_not_alike():
    first = [_w("Belanja", 90, x1=140), _w("Pegawai", 88, x0=145)]
    assert reread_text("Belanja Pegawai", BOX, first, [[_w("Betanja", 95, x1=140), _w("Pegawai", 96, x0=145)]])[1] is None
    other = [_w("Jumlah", 99)]
    assert reread_text("Belanja Pegawai", (100, 0, 200, 20), [_w("Belanja Pegawai", 40)], [other]) == ("Belanja Pegawai", None)


def test_a_text_cell_takes_the_reading_of_the_line_it_lost():
    # LKIP.pdf p38: Tesseract lost the justified middle line of a program's name, PP-OCR read it
    def line(y0: float, conf: float, *texts: str) -> list[W]:
        return [_w(t, conf, x0=110 + 30 * i, x1=135 + 30 * i, y0=y0, y1=y0 + 4) for i, t in enumerate(texts)]

    top, bottom = line(1, 90, "Program", "Perencanaan"), line(13, 88, "Pembangunan", "Daerah")
    first = top + bottom
    fuller = top + line(7, 40, "Pengendalian", "dan", "Evaluasi:") + bottom
    text, words = reread_text(join_words(first), BOX, first, [first, fuller])
    assert text == "Program Perencanaan Pengendalian dan Evaluasi: Pembangunan Daerah" and words == fuller
    # words more that the reports do not print (a neighbour's garble), or a word of its own read
    # otherwise: the first reading stands
    garble = top + line(7, 40, "Xqzrtl", "Wvbnmk") + bottom
    assert reread_text(join_words(first), BOX, first, [garble])[1] is None
    assert not lost_words("Program Perencanaan Pembangunan Daerah", "Program Pengendalian dan Evaluasi Daerah")


def test_a_garbled_cell_takes_no_figure_by_its_text():
    # the vote decides figures: an unsure PP-OCR `287.510.000,10` for `287.500.000,00` is not
    # taken for a garble because its words are surer than the garble's
    first = [_w("287.50.", 1, x1=140), _w("000", 1, x0=145, x1=160), _w("0K)", 1, x0=165)]
    again = [[_w("287.510.000,10", 33)]]
    assert reread_text("287.50. 000 0K)", BOX, first, again) == ("287.50. 000 0K)", None)
    assert reread_text("100% -", BOX, [_w("100%", 70, x1=150), _w("-", 60, x0=160)], [[_w("100%", 99)]])[0] == "100%"


def test_a_fragment_takes_the_reading_that_has_the_missing_characters():
    # PP-OCR reads a bold `Kegiatan` header as `g` (61); Tesseract reads it whole at 65
    assert is_fragment("g", "Kegiatan") and is_fragment("K n n", "Keuangan")
    assert not is_fragment("Kegiatan", "Kegiatan") and not is_fragment("gK", "Kegiatan") and not is_fragment("", "x")
    first = [_w("g", 61)]
    assert reread_text("g", BOX, first, [[_w("Kegiatan", 65)]]) == ("Kegiatan", [_w("Kegiatan", 65)])
    assert reread_text("g", BOX, first, [[_w("Kegiatan", 55)]]) == ("g", None)  # less sure: kept


def test_grid_cells_are_voted_before_the_column_is_repaired():
    grid = Grid(rows=[
        GridRow(cells=["Belanja Pegawai", "97,64"], page=1, cell_boxes=[(0, 0, 100, 20), BOX]),
    ], page=1)
    first = [_w("Belanja", 90, x0=5, x1=40), _w("Pegawai", 90, x0=45, x1=90), _w("97,64", 79)]
    again = [[_w("Belanja", 90, x0=5, x1=40), _w("Pegawai", 90, x0=45, x1=90), _w("97,61", 85)],
             [_w("Belanja", 90, x0=5, x1=40), _w("Pegawai", 90, x0=45, x1=90), _w("97,61", 70)]]
    finish_ocr_grids([grid], {1: first}, {1: again})
    assert grid.rows[0].cells == ["Belanja Pegawai", "97,61"]
    assert grid.rows[0].cell_confidence == [90.0, 85.0]  # the winning reading's confidence


def test_grid_cells_are_voted_with_each_readings_engine():
    grid = Grid(rows=[GridRow(cells=["5.245.260.922"], page=1, cell_boxes=[BOX])], page=1)
    first = [_w("5.245.260.922", 90)]
    again = [[_w("5.345.260.922", 60)], [_w("5.245.260.922", 90)], [_w("5.345.260.922", 20)]]
    finish_ocr_grids([grid], {1: first}, {1: again}, {1: ["tesseract", "paddle", "tesseract", "tesseract"]})
    assert grid.rows[0].cells == ["5.345.260.922"]


# --------------------------------------------------------------------------- one reading
def test_slivers_of_an_erased_ruling_are_dropped():
    hs = [Segment(484.0, 40.0, 860.0)]
    vs = [Segment(807.0, 100.0, 525.0)]
    words = [_w("7", 39, 749.5, 483.8, 754.1, 484.6), _w("oe,", 40, 838.8, 483.6, 861.4, 487.2),
             _w("i", 79, 806.6, 505.4, 807.6, 509.8), _w("-", 62, 653.8, 483.8, 656.6, 484.8),
             _w("1.622.820.514", 52, 736.6, 489.4, 799.4, 497.5), _w("86,88", 77, 821.5, 489.6, 846.5, 498.5),
             _w("Prosentase", 90, 200, 489, 250, 498)]
    kept = [w.text for w in ocr.drop_ruling_debris(words, hs, vs)]
    assert kept == ["-", "1.622.820.514", "86,88", "Prosentase"]


def test_a_word_boxed_two_lines_tall_stays_on_the_line_it_starts():
    words = [_w("Prosentase", 26, 196.8, 553.0, 247.7, 576.0), _w("Data", 95, 251.3, 554.4, 271.7, 568.3),
             _w("Sumber", 96, 275.0, 554.2, 309.8, 562.3), _w("Daya", 96, 313.2, 553.9, 335.8, 564.0),
             _w("Air", 96, 339.4, 554.4, 351.6, 561.8), _w("yang", 89, 196.8, 569.0, 217.9, 577.2),
             _w("dilayani", 43, 227.0, 568.8, 255.4, 577.0)]
    assert join_words(words) == "Prosentase Data Sumber Daya Air yang dilayani"


def test_a_word_boxed_taller_above_its_line_stays_on_it():
    # LKIP.pdf p25: `Kekeringan` boxed 5 px higher than its line (typical height 9.8); by its
    # top it would start a line of its own above `Program`
    words = [_w("Program", 95, 103.0, 297.6, 141.0, 307.7), _w("Pengendalian", 90, 145.0, 297.6, 207.0, 307.7),
             _w("Banjir", 88, 210.0, 297.8, 235.0, 307.7), _w("dan", 90, 238.0, 298.1, 255.0, 305.8),
             _w("Kekeringan", 92, 258.0, 292.8, 309.0, 307.9), _w("serta", 89, 312.0, 298.6, 334.0, 306.0),
             _w("Pengamanan", 90, 337.0, 298.3, 397.0, 307.4), _w("Pantai", 80, 104.0, 315.1, 131.0, 323.0)]
    assert join_words(words) == "Program Pengendalian Banjir dan Kekeringan serta Pengamanan Pantai"


def test_an_amount_with_a_colon_for_its_last_mark_is_repaired():
    column = ["6.383.235.800", "405.141.240", "738764240:", "1.867.830.640"]
    assert repair_column(column)[2] == "738.764.240,-"


def test_a_ruling_broken_off_inside_a_cell_is_carried_across_it():
    # LKIP.pdf p26: the rule under a program row covers the pagu column and 64 of the program
    # column's 248 pt; a rule overshooting its crossing by a few pt, or floating in a cell, stays
    vs = [Segment(x, 100.0, 400.0) for x in (206.4, 497.2, 745.2, 845.6)]
    broken, overshoot, floating = Segment(288.5, 681.6, 845.8), Segment(300.0, 490.0, 845.8), Segment(350.0, 550.0, 650.0)
    ocr.mend_broken([broken, overshoot, floating], vs)
    assert (broken.start, broken.end) == (497.2, 845.8)
    assert (overshoot.start, floating.start, floating.end) == (490.0, 550.0, 650.0)


def test_a_stray_piece_that_spans_no_whole_cell_is_not_extended():
    vs = [Segment(x, 100.0, 400.0) for x in (70.8, 274.8, 462.7)]
    piece = Segment(138.9, 204.5, 325.9)  # a dotted rule's piece crossing one ruling
    ocr.mend_broken([piece], vs)
    assert (piece.start, piece.end) == (204.5, 325.9)


def test_a_cell_spanning_rows_is_voted_on_the_first_readings_line_only():
    # rulings between rows lost: the cell's box holds three rows' figures in every re-reading;
    # the first reading's words say which line is this cell's
    box = (100.0, 0.0, 200.0, 60.0)
    first = [_w("292 49.240", 60, y0=5, y1=15)]
    rows = [_w("292.494.240", 97, y0=5, y1=15), _w("5.703.388.560", 90, y0=25, y1=35),
            _w("387.353.000", 90, y0=45, y1=55)]
    voted, words = revote_cell("292 49.240", box, first, [rows], ["tesseract", "paddle"])
    assert voted == "292.494.240" and words == rows[:1]
    # nothing read by the first reading: the whole box is the re-readings'
    assert revote_cell("", box, [], [rows[:1]], ["tesseract", "paddle"])[0] == "292.494.240"


def test_a_cell_cut_from_a_box_spanning_rows_is_voted_on_its_own_line():
    # the detector split a box spanning three rows by its lines, each piece keeping the box
    box = (100.0, 0.0, 200.0, 60.0)
    first = [_w("292 49.240", 60, y0=5, y1=15), _w("5.703.388 560", 80, y0=25, y1=35),
             _w("387.353.000", 90, y0=45, y1=55)]
    again = [[_w("292.494.240", 97, y0=5, y1=15), _w("5.703.388.560", 90, y0=25, y1=35),
              _w("387.353.000", 90, y0=45, y1=55)]]
    assert revote_cell("292 49.240", box, first, again, ["tesseract", "paddle"])[0] == "292.494.240"
    # a text no line of the box reads alone is not voted on
    assert revote_cell("49.240 5.703", box, first, again, ["tesseract", "paddle"])[0] == "49.240 5.703"
