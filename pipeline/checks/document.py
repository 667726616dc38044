"""All within-document checks in one call, in a stable order (rule by rule)."""

from __future__ import annotations

from schemas.model import BudgetLine, Flag, IndicatorRow

from .capaian import check_capaian
from .cross_table import check_cross_table
from .misaligned import check_misaligned
from .pagu import check_realisasi_exceeds_pagu
from .percent import check_percentages
from .quarters import check_quarters
from .terbilang_check import check_terbilang
from .totals import check_totals
from .unparsed import check_unparsed


def check_document(
    lines: list[BudgetLine], indicators: list[IndicatorRow], page_texts: list[str]
) -> list[Flag]:
    """Every rule that needs only one document. Does not modify its inputs: quarterly checks use
    `tw_cumulative` where `detect_tw_cumulative` recorded it and infer it otherwise."""
    flags: list[Flag] = []
    flags += check_unparsed(lines)
    flags += check_totals(lines)
    flags += check_percentages(lines)
    flags += check_realisasi_exceeds_pagu(lines)
    flags += check_quarters(lines)
    flags += check_cross_table(lines)
    flags += check_misaligned(lines)
    flags += check_capaian(indicators)
    flags += check_terbilang(lines, indicators, page_texts)
    return flags
