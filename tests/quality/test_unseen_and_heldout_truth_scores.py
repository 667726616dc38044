"""Accuracy on tests/eval/truth-unseen, truth-heldout, truth-heldout2 and truth-heldout3: tables of layouts the
older truth did not cover, written from the page images by people who never saw the extraction
(#14). Each file must stay at its scores of 2026-12-03 (rounded down; extractor 0.7.0); together the truth-unseen
amounts at P >= 0.95, R >= 0.99. truth-heldout, truth-heldout2 and truth-heldout3 were each scored once as
held-out truth (their READMEs) and are development truth since. Skipped when ../shared is absent.

OCR is turned off here: the truth pages are text pages, and the image pages of these documents
(DISPERINDAG pp 2-7) would cost minutes of OCR without touching a scored cell.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.quality.evaluate import CellScore, load_truth, score_document
from tests.conftest import CORPUS

EVAL = Path(__file__).parents[1] / "eval"
# (truth set, file) → floors of (amount P, R, indicator P, R); None where the file has no such cells
UNSEEN = {
    "jabar-2016-lakip-bkpd.json": (1.0, 1.0, 0.96, 0.96),
    "jabar-2016-lkip-disnak.json": (0.9, 0.95, 0.96, 0.96),
    "jabar-2016-lkip-disperindag.json": (1.0, 1.0, None, None),
    "jabar-2016-pk-bidang-kebudayaan.json": (1.0, 1.0, 1.0, 1.0),
    "jabar-2016-pk-tmii.json": (1.0, 1.0, 1.0, 1.0),
    "jambi-setda-2023-pengukuran.json": (0.99, 0.99, 0.98, 0.98),
    # its truth covers six of the report's tables, so precision only guards against regressions
    # (0.7.0 reads its cascades' outer levels too: six more indicators its truth does not list)
    "jember-bagian-organisasi-2024-lkjip.json": (0.83, 1.0, 0.25, 1.0),
    "tangerang-2023-dikbud.json": (1.0, 1.0, 1.0, 1.0),
}
HELDOUT = {
    "jabar-2016-lampiran-dkp.json": (1.0, 1.0, 0.85, 0.66),
    "jabar-2016-lkip-bp3akb.json": (1.0, 1.0, 1.0, 0.96),
    "jabar-2016-lkip-bpbd.json": (1.0, 1.0, 1.0, 1.0),
    "jabar-2016-lkip-disbun.json": (1.0, 1.0, 1.0, 1.0),
    "jakbar-2023-instruksi-pk.json": (None, None, 0.87, 0.79),
    "tangerang-2023-setda.json": (1.0, 1.0, 1.0, 1.0),
}
# scored once as held-out truth at c1144d8 (its README), development truth since
HELDOUT2 = {
    "jabar-2016-lampiran-iku-inspektorat.json": (None, None, 1.0, 0.96),
    "jabar-2016-lkip-bp3akb-p30.json": (1.0, 1.0, None, None),
    "jabar-2016-lkip-disbun-apbd.json": (1.0, 1.0, None, None),
    "jabar-2016-lkip-disperindag-p35.json": (None, None, 1.0, 0.92),
    "jabar-2016-pk-kasi-datin.json": (1.0, 1.0, 0.87, 0.7),
    "jabar-2016-rencana-aksi-dishub.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-dsdabmbk.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-kesbangpol.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-perpus.json": (1.0, 1.0, 1.0, 1.0),
}
# scored once as held-out truth at 13c2138 (its README: amounts P 0.943 R 0.968), development truth since
HELDOUT3 = {
    "jabar-2016-lakip-bkpd-pk.json": (1.0, 1.0, 1.0, 1.0),
    "jabar-2016-lampiran-dkp-p3.json": (1.0, 1.0, None, None),
    "jabar-2016-lkip-bp3akb-iku.json": (None, None, 1.0, 0.96),
    "jabar-2016-lkip-bpbd-p67.json": (1.0, 1.0, None, None),
    "jabar-2016-lkip-disbun-pagu.json": (1.0, 1.0, None, None),
    # its `Anggaran setelah perubahan` is `pagu` in the truth; the extractor adds `pagu_perubahan`
    "jabar-2016-lkip-disperindag-p33.json": (0.66, 1.0, 1.0, 0.91),
    "tangerang-2023-bkpsdm.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-dinkop.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-dishub.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-disnaker.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-dkpppp.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-kewilayahan2.json": (1.0, 1.0, 1.0, 1.0),
    "tangerang-2023-ptsp.json": (1.0, 1.0, 1.0, 1.0),
}
SETS = {"truth-unseen": UNSEEN, "truth-heldout": HELDOUT, "truth-heldout2": HELDOUT2, "truth-heldout3": HELDOUT3}
FLOORS = {(name, k): v for name, floors in SETS.items() for k, v in floors.items()}
GOAL = (0.95, 0.99)


@pytest.fixture(scope="module")
def scores() -> dict:
    if not CORPUS.exists():
        pytest.skip(f"development corpus not found at {CORPUS}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LKJIP_OCR", "off")
        out, docs = {}, {}
        for truth_set in SETS:
            for truth in load_truth(EVAL / truth_set):
                name = truth["document"]
                if name not in docs:
                    docs[name] = extract_document(CORPUS / name, source_path=name)
                doc = docs[name]
                out[(truth_set, truth["_file"])] = score_document(
                    truth, [dataclasses.asdict(b) for b in doc.budget_lines],
                    [dataclasses.asdict(i) for i in doc.indicators])
        return out


def test_every_truth_file_has_a_floor() -> None:
    assert {(p.parent.name, p.name) for s in SETS for p in (EVAL / s).glob("*.json")} == set(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS), ids=["/".join(k) for k in sorted(FLOORS)])
def test_unseen_layouts_are_read_at_least_as_well_as_today(scores: dict, name: tuple[str, str]) -> None:
    score = scores[name]
    got = (score.budget.precision, score.budget.recall, score.indicator.precision, score.indicator.recall)
    for value, floor in zip(got, FLOORS[name]):
        assert (value is None) if floor is None else (value is not None and value >= floor), (got, FLOORS[name])


def test_amount_cells_overall(scores: dict) -> None:
    total = CellScore()
    for (truth_set, _), score in scores.items():
        if truth_set == "truth-unseen":
            total += score.budget
    assert total.precision >= GOAL[0] and total.recall >= GOAL[1], (total.matched, total.predicted, total.truth)
