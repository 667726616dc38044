"""Accuracy of OCR'd extraction on the hand-checked scan truth (tests/eval/truth-scans).

Only the truth pages are read (copied into small PDFs, ~2 min of Tesseract with the pages'
re-readings) instead of the 142-page LKIP.pdf. On the development truth amount cells must meet
the issue's goal (P >= 0.97, R >= 0.95); every file must stay at today's scores rounded down.

The scores must not depend on the machine: `tests/conftest.py` turns the per-page OCR time
limit off (under load it cut a page's re-readings, which changes the vote) and fixes the thread
counts; pyproject pins OpenCV, whose version alone moved these scores (see there).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pymupdf
import pytest

from extractors.ocr import engine as ocr
from pipeline.extract import extract_document
from pipeline.quality.evaluate import CellScore, load_truth, score_document
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
TRUTH = ROOT / "tests" / "eval" / "truth-scans"
MISSING = ocr.unavailable_reason()

pytestmark = [
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"development corpus not found at {CORPUS}"),
    pytest.mark.skipif(MISSING is not None, reason=f"{MISSING} (apt-get install tesseract-ocr tesseract-ocr-ind)"),
]

# Per truth file: floors of (amount P, R, indicator P, R), today's scores rounded down. The two
# files the OCR was developed against must meet the issue's goal for amounts (P >= 0.97,
# R >= 0.95) together; the others were written afterwards by people who never saw the
# extraction (held out), and their floors only guard against regressions.
GOAL_FILES = ("jabar-2016-lkip-psda-ocr.json", "jabar-2016-pk-kadis-2016-ocr.json")
GOAL = (0.97, 0.95)
FLOORS = {  # measured 2026-12-05 with the default engine (tesseract+paddle), extractor 0.7.15
    # 0.7.6: a scanned column's lone `72.05%` no longer makes `150.000 m3` 150 (p26, p34); a
    # speck no longer splits p52's `Partisipasi masyarakat dalam` line (35 -> 38 indicators)
    "jabar-2016-lkip-psda-ocr.json": (1.0, 1.0, 0.97, 0.84),  # 81/81/81, 38/39/45
    "jabar-2016-pk-kadis-2016-ocr.json": (1.0, 1.0, 1.0, 0.89),  # 10/10/10, 17/17/19
    # development truth since 2026-12-03 (its cells were looked at; held out before); 0.7.11: p100's
    # stubby `-` against its column rule read (four zeros), p56's `%` read `54` no longer slides its
    # row (a pagu of 100; 47/49/55, 50/51/56 before); 0.7.12: p100's `190.000.(100,00` (a `0` read
    # as its two arcs) is 190.000.000,00
    # 0.7.13: two garbled `Fisik (%)` cells take the `100%` their column prints (51/51/56 before);
    # 0.7.14: p100's `-` worn to a 2 x 2 px dot, where its column prints `-` (52/53/55 before)
    "jabar-2016-lkip-psda-holdout-ocr.json": (0.98, 0.96, 1.0, 0.94),  # 53/54/55, 53/53/56
    # 0.7.6: a bullet boxed 1 pt high no longer splits its cell's line (`Good Practice - Farming`);
    # 0.7.7: p3's listed sub-items split (their bare values `64`, `65` are no list; a lost ✓)
    "jabar-2016-pk-kabid-produksi.json": (1.0, 1.0, 1.0, 0.92),  # 8/8/8, 24/24/26
    "jabar-2016-pk-sekdis.json": (1.0, 1.0, 1.0, 1.0),  # 7/7/7, 3/3/3
    # scored once held out at 0/8/104, 0/0/56 (a sideways page read unturned, quarter labels
    # OCR garbled); names OCR garbled past the scorer's 0.9 keep it low. 0.7.3's vote by how
    # often the reports print a word cost it one name (`Jawu Berat.` became `Jawu Reviu.`: four
    # amounts, 60 -> 56) and gave the first and third files six indicators (see the README);
    # 0.7.4's respelling by neighbouring words gave it back (`Jawa Harat` -> `Jawa Barat`), and its
    # respelling by the words the document reads often four more (`Hidzologs` -> `Hidrologi`);
    # 0.7.5's tie between engines going to PP-OCR's figure read twice cost it one (p97: its
    # `300.000.000` for `800.000.000`, the one wrong decision of 13 that rule changed); 0.7.15:
    # p98's `15.700.229.8DD` (a `0` read as `D` in every reading) is 15.700.229.800 (63/99/104 before)
    "jabar-2016-lkip-psda-holdout2-ocr.json": (0.63, 0.61, 0.38, 0.26),  # 64/101/104, 15/39/56
    # scored held out once before (11/45/88, 3/13/44) and once after (26/70/88, 15/25/44) the
    # word vote and the unread-header rules of 0.7.2; development truth since
    "jabar-2016-lkip-psda-holdout3-ocr.json": (0.51, 0.51, 0.68, 0.45),  # 45/87/88, 20/29/44
    # scored held out at 18/32/48, 28/31/55 (907fdf6, and again with 0.7.3's word vote alone),
    # then 39/45/48 with the noise-header, repeated-header and spaced-amount rules of 0.7.3
    # (made after looking at it); development truth since; 44/45/48 with 0.7.5 (PP-OCR's figure
    # read twice wins a tie of engines: `647.211.000`, `23.301.300.000`, `3.376.314.000`; a word
    # boxed taller keeps its line; `1900.000 000` regrouped); 0.7.6: `150.000 m*` (m³) read (p61)
    # 0.7.11: p63's three kegiatan in one ruled row split though OCR lost the first's `1.`, and
    # p66's `2 Sosialisasi …` (its dot lost) no longer slides its row (44/45/48, 38/39/55 before)
    "jabar-2016-lkip-psda-holdout4-ocr.json": (1.0, 0.97, 0.97, 0.70),  # 47/47/48, 39/40/55
    # written from the images 2026-12-04, scored held out once at 38/40/116, 36/36/63 (0.7.7: p38's
    # and p39's budget tables under screened headers OCR reads as noise, and a `Tabel 3.8 Realisasi
    # …` title inside p38's frame taken for a header row); 0.7.8 names p38's pagu, realisasi and %
    # columns by the share column's arithmetic, and reads p102's `285.000.000.(H)` as ,00 in a column
    # of ,00 that a misread `,11` no longer unmakes; development truth since; 0.7.9 names p39's
    # columns under its black band by its caption (`Realisasi Anggaran Per Indikator`), which amount
    # is the larger, the `Program …` names and the sasaran | indikator | target order; 0.7.10:
    # `,11` cents of a `,00` column (97/102/116); 0.7.11: p38's last program keeps its right figures
    # (no longer slid into an empty column), under a name OCR read without its middle line;
    # 0.7.12: that line taken from PP-OCR's reading (`lost_words`), p39's two programs stacked in
    # one name cell split (`Froyram` for `Program`), p102/103's garbled `Target Keuangan` cells
    # take the well formed figure (`S75 MU OOO`, `SI 1906 AAU`) and zeros read as arcs are zeros
    # (`800.000 (HN0.00`): 97/104/116 before; 0.7.13: p38's `75.628.563.843` by its column's total
    # and `93,28` by its row's ratio (`arithmetic`), p103's `45.(000.000.(00` and `+20.861.000,00`
    # read back before the vote, five `Fisik (%)` cells by their column: 107/108/116, 44/44/63 before;
    # 0.7.14: p102's `287.500.000,00` held by Tesseract's garbles that begin with it (111/111/116 before)
    "jabar-2016-lkip-psda-holdout5-ocr.json": (1.0, 0.96, 1.0, 0.77),  # 112/112/116, 49/49/63
    # written from the images 2026-12-04 (the Renja `Rumusan Rencana Program dan Kegiatan … dan
    # Prakiraan Maju`, pagu in juta), scored held out once at 0/0/44, 0/0/35 (0.7.8: its second
    # header row taken for data, `Target Capaian Kinerja` read as capaian, the forecast as pagu);
    # 0.7.9's header words, roles, juta scale and unfinished-cell rows; development truth since
    "jabar-2016-lkip-psda-holdout6-ocr.json": (1.0, 1.0, 1.0, 0.91),  # 44/44/44, 32/32/35
}
# Amount cells scored names aside (page, role and value right, `score_document(names=False)`):
# the figures read right whatever OCR made of their row's name. The second hold-out meets the
# goal so (its names, garbled past the scorer's 0.9 match, keep it at 64/101/104 above); the
# third does not: its figures are misread in every reading (`1.230.096.000` for
# `1.230.098.000` by all five).
ASIDE_FLOORS = {  # 0.7.15, matched/predicted/truth
    "jabar-2016-lkip-psda-ocr.json": (1.0, 1.0),  # 81/81/81
    "jabar-2016-pk-kadis-2016-ocr.json": (1.0, 1.0),  # 10/10/10
    "jabar-2016-lkip-psda-holdout-ocr.json": (0.98, 0.96),  # 53/54/55
    "jabar-2016-pk-kabid-produksi.json": (1.0, 1.0),  # 8/8/8
    "jabar-2016-pk-sekdis.json": (1.0, 1.0),  # 7/7/7
    "jabar-2016-lkip-psda-holdout2-ocr.json": (0.98, 0.95),  # 99/101/104
    "jabar-2016-lkip-psda-holdout3-ocr.json": (0.90, 0.89),  # 79/87/88
    "jabar-2016-lkip-psda-holdout4-ocr.json": (1.0, 0.97),  # 47/47/48
    "jabar-2016-lkip-psda-holdout5-ocr.json": (1.0, 0.96),  # 112/112/116
    "jabar-2016-lkip-psda-holdout6-ocr.json": (1.0, 1.0),  # 44/44/44
}
TRUTHS = {t["_file"]: t for t in load_truth(TRUTH)} if TRUTH.is_dir() else {}


def _rows(items, pages: list[int]) -> list[dict]:
    """Rows of the page subset, with their page numbers of the original document."""
    rows = []
    for item in items:
        row = dataclasses.asdict(item)
        row["page"] = pages[row["page"] - 1] if row.get("page") else None
        rows.append(row)
    return rows


def _score(truth: dict, tmp: Path) -> tuple:
    """(the scores, the scores names aside)."""
    pages = sorted(truth["pages"])
    src = pymupdf.open(CORPUS / truth["document"])
    subset = pymupdf.open()
    for p in pages:
        subset.insert_pdf(src, from_page=p - 1, to_page=p - 1)
    path = tmp / (Path(truth["_file"]).stem + ".pdf")
    subset.save(path)
    doc = extract_document(path)
    assert doc.status in ("ok", "partial"), doc.error
    budget, indicators = _rows(doc.budget_lines, pages), _rows(doc.indicators, pages)
    return score_document(truth, budget, indicators), score_document(truth, budget, indicators, names=False)


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    """Each truth file's scores (its pages OCR'd once for all the tests here)."""
    tmp = tmp_path_factory.mktemp("scan-truth")
    return {name: _score(truth, tmp) for name, truth in TRUTHS.items()}


def test_every_truth_file_has_a_floor() -> None:
    assert set(TRUTHS) == set(FLOORS) == set(ASIDE_FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scanned_truth_pages_are_read_at_least_as_well_as_today(scores: dict, name: str) -> None:
    score = scores[name][0]
    got = (score.budget.precision, score.budget.recall, score.indicator.precision, score.indicator.recall)
    assert all((g or 0.0) >= f for g, f in zip(got, FLOORS[name])), (got, FLOORS[name])  # None: no cells


@pytest.mark.parametrize("name", sorted(ASIDE_FLOORS))
def test_scanned_figures_names_aside_are_read_at_least_as_well_as_today(scores: dict, name: str) -> None:
    amounts = scores[name][1].budget
    got = (amounts.precision, amounts.recall)
    assert all((g or 0.0) >= f for g, f in zip(got, ASIDE_FLOORS[name])), (got, ASIDE_FLOORS[name])


def test_the_issue_goal_for_amounts_holds_on_the_development_truth(scores: dict) -> None:
    amounts = CellScore()
    for name in GOAL_FILES:
        amounts += scores[name][0].budget
    assert amounts.precision >= GOAL[0] and amounts.recall >= GOAL[1], (amounts.precision, amounts.recall)
