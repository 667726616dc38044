"""`low_confidence_amount`: an amount read by OCR whose Tesseract confidence is low.

The value is kept (it is usually right, and a total check may confirm it), but not silently:
the flag names the cell, what was read and how sure Tesseract was, so an auditor checks it
against the page image. Confidences come from `raw_cells["ocr_confidence"]` (set per cell on
OCR'd pages, `cells.finish_ocr_grids`); rows from text layers have none and are skipped.
"""

from __future__ import annotations

import json
import os

from pipeline.checks.common import ROLE_LABEL, describe
from schemas.model import AMOUNT_ROLES, MAX_AMOUNT, MAX_PERCENT, OCR_CONFIDENCE, BudgetLine, Flag

RULE = "low_confidence_amount"
DEFAULT_THRESHOLD = 60.0  # env LKJIP_OCR_MIN_CONFIDENCE; see the calibration in README (Scanned reports)
ROLES = ("pagu_murni", "pagu_perubahan", "pagu", "realisasi", "realisasi_pct",
         "tw1_rp", "tw2_rp", "tw3_rp", "tw4_rp")


def threshold() -> float:
    try:
        return float(os.environ.get("LKJIP_OCR_MIN_CONFIDENCE", "") or DEFAULT_THRESHOLD)
    except ValueError:
        return DEFAULT_THRESHOLD


def cell_confidences(line: BudgetLine) -> dict[str, float]:
    raw = line.raw_cells.get(OCR_CONFIDENCE)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))}




def drop_impossible(lines: list[BudgetLine]) -> list[Flag]:
    """OCR'd values no such column can hold: a `realisasi %` of 968398.33 (two cells read as one)
    or an amount of 19 digits. They are set to NULL with an `unparsed_amount` flag, as any cell
    that cannot be read; kept, they would also overflow the warehouse columns and abort the load."""
    flags = []
    for line in lines:
        if OCR_CONFIDENCE not in line.raw_cells:
            continue
        for role in (*AMOUNT_ROLES, "realisasi_pct"):
            value = getattr(line, role, None)
            limit = MAX_PERCENT if role == "realisasi_pct" else MAX_AMOUNT
            if value is None or abs(value) < limit:
                continue
            setattr(line, role, None)
            if role == "pagu" or (role in ("pagu_murni", "pagu_perubahan") and line.pagu == value):
                line.pagu = None
            line.unparsed.append(role)
            flags.append(Flag(
                rule="unparsed_amount",
                severity="warning",
                message=(f"{describe(line)}: the {ROLE_LABEL.get(role, role)} cell "
                         f"{line.raw_cells.get(role, '')!r} was read by OCR as {value}, which it cannot "
                         f"be; read it in the page image and correct it by hand."),
                line=line.key,
                page=line.page,
            ))
    return flags


def check_low_confidence(lines: list[BudgetLine], limit: float | None = None) -> list[Flag]:
    limit = threshold() if limit is None else limit
    flags = []
    for line in lines:
        confs = cell_confidences(line)
        for role in ROLES:
            conf = confs.get(role)
            value = getattr(line, role, None)
            if conf is None or value is None or conf >= limit:
                continue
            flags.append(Flag(
                rule=RULE,
                severity="warning",
                message=(f"{describe(line)}: the {ROLE_LABEL.get(role, role)} cell "
                         f"{line.raw_cells.get(role, '')!r} was read by OCR with confidence {conf:.0f}/100 "
                         f"(below {limit:.0f}); check it against the page image."),
                line=line.key,
                actual=value,
                page=line.page,
            ))
    return flags
