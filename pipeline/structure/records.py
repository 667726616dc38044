"""Tables with roles → typed records: budget lines and indicator rows.

Number conventions are decided per column from all its cells (falling back on the document's),
before any cell is parsed: a lone `1.000` never decides for itself.
"""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal

from pipeline.normalise.numbers import NumberConvention, ParsedValue, infer_convention, parse_value
from pipeline.structure.cellkinds import is_amount_role
from pipeline.structure.code_columns import code_part_columns, joined_code
from pipeline.structure.hierarchy import (
    RowInfo,
    assign_levels,
    assign_parents,
    default_level_from_header,
    level_from_words,
    split_leading_code,
)
from pipeline.structure.level_readings import reread_levels
from pipeline.structure.readings import may_be_capaian, read_by_capaian
from pipeline.structure.roles import OUTER
from pipeline.structure.table_figures import header_scale
from schemas.model import (
    AMOUNT_UNIT,
    LEVEL_BY,
    MAX_AMOUNT,
    MAX_PERCENT,
    OCR_CONFIDENCE,
    BudgetLine,
    IndicatorRow,
    Table,
)

_TW_K = ("tw1_k", "tw2_k", "tw3_k", "tw4_k")


def document_convention(tables: list[Table]) -> NumberConvention:
    """The convention most numeric cells of the document agree on (fallback for columns)."""
    cells = (row.cells[c.index] for t in tables for row in t.rows for c in t.columns
             if c.role not in ("name", "indikator", "sasaran", "other", "keterangan", "formulasi", "sumber_data")
             and c.index < len(row.cells))
    return infer_convention(cells)


def _cell(row_cells: list[str], index: int | None) -> str:
    if index is None or index >= len(row_cells):
        return ""
    return row_cells[index].strip()


def _shifted_name(cells: list[str], name_index: int | None) -> str:
    """A name that slid into a neighbouring column (a column missing on a continuation page):
    only text that announces a level (`Kegiatan …`, `Program …`) is taken."""
    if name_index is None:
        return ""
    for j in (name_index - 1, name_index + 1):
        text = _cell(cells, j)
        if text and level_from_words(text, []) in ("program", "kegiatan", "sub_kegiatan", "urusan"):
            return text
    return ""


_OUTER_LEVEL = re.compile(r"unit kerja|\bopd\b|perangkat daerah|satuan kerja|\bsatker\b|urusan|program|"
                          r"\bbidang\b", re.IGNORECASE)


def _outer_name_columns(table: Table) -> list[int]:
    """Unroled columns left of the names whose header names a higher level (`UNIT KERJA |
    PROGRAM | KEGIATAN`): a cascade prints a unit's or a program's row in its own column."""
    name = table.role_index("name")
    if name is None:
        return []
    return [c.index for c in table.columns
            if c.index < name and c.role == "other" and _OUTER_LEVEL.search(c.header)]


def _outer_name(cells: list[str], columns: list[int]) -> str:
    """The innermost filled higher-level name of a row whose own name cell is empty."""
    return next((_cell(cells, j) for j in reversed(columns) if re.search(r"[A-Za-z]{3}", _cell(cells, j))), "")


_BARE_NUMBERING = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[IVXLC]{1,6})\s*[.)]?\s*$")


def _numbered_name(cells: list[str], name_index: int | None, role_at: dict[int, str]) -> tuple[str, str] | None:
    """(numbering, name) where a merged name header (`PROGRAM/ KEGIATAN/ URAIAN`) stands over a
    numbering column and the column of names: the name cell holds a bare `1`, `2.`, `a`, and the
    unroled column after it the text."""
    if name_index is None or role_at.get(name_index + 1) != "other":
        return None
    number, text = _cell(cells, name_index), _cell(cells, name_index + 1)
    if number and text and _BARE_NUMBERING.match(number) and re.search(r"[A-Za-z]{3}", text):
        return number.strip(), text
    return None


_SPACED_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+")


def _float(value: ParsedValue) -> float | None:
    """An indicator's number; a printed `-` there means 'not applicable', not zero. Groups
    split by spaces (`85 450`) are two figures of a cell that holds two rows' values, not
    85,450: indicator figures are not printed with spaces for thousands."""
    if value.kind == "dash" or value.value is None or _SPACED_GROUPS.fullmatch(value.raw.strip()):
        return None
    return float(value.value)


_DOTS_ONLY = re.compile(r"^\s*(?:rp\.?\s*)?[1-9][0-9]{0,5}(?:\.[0-9]{3,6}){1,}\.[0-9]{3}(?:,-)?\s*$", re.IGNORECASE)
_THOUSANDS_ONLY = re.compile(r"^\s*(?:rp\.?\s*)*[1-9][0-9]{0,2}(?:[.,][0-9]{3})+(?:,-)?\s*$", re.IGNORECASE)


def _money(value: ParsedValue, scale: int = 1) -> Decimal | None:
    """Rupiah, the figure times the `scale` its column's header states (`Pagu Indikatif (dlm
    juta)`: `9.397,78` is 9.397.780.000). A printed `-` is 0. Rupiah has at most two decimals: a
    figure whose separators all sit before groups of three digits (`9.340.000,000`,
    `15.199,500,000`: typing slips) is whole rupiah, never 9.340.000 with three decimals; so is
    one with two or more dots and a last group of three that a dot fell out of (`1.660453.975`):
    two dots are never one decimal point."""
    if value.kind == "dash":
        return Decimal(0)
    if (_THOUSANDS_ONLY.match(value.raw) and (value.value is None or (value.decimals or 0) == 3)) \
            or (value.value is None and _DOTS_ONLY.match(value.raw)):
        amount = Decimal(re.sub(r"[^0-9]", "", value.raw))
    elif value.kind in ("amount", "qualitative") and value.value is not None:
        amount = value.value
    else:
        return None
    amount *= scale
    if abs(amount) >= MAX_AMOUNT:  # more than DECIMAL(20,2) holds: a misread, not rupiah
        return None
    try:
        return amount.quantize(Decimal("0.01"))
    except ArithmeticError:  # absurdly long digit runs: not an amount
        return None


def outer_indicator_groups(table: Table) -> list[tuple[int, list[tuple[str, int]]]]:
    """The outer levels' indicators of a cascade, right to left: (column of the indikator,
    [(role, column) of its figures]) (see roles._outer_indicator_groups)."""
    groups: list[tuple[int, list[tuple[str, int]]]] = []
    for col in table.columns:
        if col.role == OUTER + "indikator":
            groups.append((col.index, []))
        elif col.role.startswith(OUTER) and groups:
            groups[-1][1].append((col.role[len(OUTER):], col.index))
    return groups[::-1]


def column_conventions(table: Table, fallback: NumberConvention) -> dict[int, NumberConvention]:
    """Each column's number convention, decided from all its cells (column index → convention);
    on a scanned table a lone decimal mark is no evidence (LKIP.pdf p26: `72.05%` read for a
    printed `72,05 %` made `150.000 m3` 150), so the document's convention decides there."""
    scanned = any(row.scanned for row in table.rows)
    conventions: dict[int, NumberConvention] = {}
    for col in table.columns:
        cells = [row.cells[col.index] for row in table.rows if col.index < len(row.cells)]
        conventions[col.index] = infer_convention(cells, fallback=fallback, marks_unsure=scanned)
    return conventions


def table_records(table: Table, fallback: NumberConvention,
                  conventions: dict[int, NumberConvention] | None = None) -> tuple[list[BudgetLine], list[IndicatorRow]]:
    """Budget lines and indicator rows of one table; `conventions` where the caller has decided
    them already (`column_conventions`), else decided here."""
    conventions = column_conventions(table, fallback) if conventions is None else conventions

    roles = {c.role: c.index for c in reversed(table.columns)}
    money_roles = [r for r in roles if is_amount_role(r)]
    scales = {c.role: header_scale(c.header) or 1 for c in table.columns if roles.get(c.role) == c.index}
    kinerja = any(r in roles for r in ("target", "realisasi_kinerja", "capaian", *_TW_K))
    definitions = "formulasi" in roles or "sumber_data" in roles  # an IKU table: indicators, no figures
    name_header = next((c.header for c in table.columns if c.role == "name"), "")
    role_at = {c.index: c.role for c in table.columns}
    outer = _outer_name_columns(table)
    outer_groups = outer_indicator_groups(table)
    code_parts = code_part_columns(table)

    def parse(cells: list[str], role: str) -> ParsedValue:
        idx = roles.get(role)
        return parse_value(_cell(cells, idx), conventions.get(idx) if idx is not None else fallback)

    infos: list[RowInfo] = []
    parsed_rows: list[dict[str, ParsedValue]] = []
    for row in table.rows:
        values = {role: parse(row.cells, role) for role in roles}
        if "realisasi_kinerja" in roles:
            _split_bracketed_capaian(values, conventions.get(roles["realisasi_kinerja"], fallback),
                                     values.get("target"))
        parsed_rows.append(values)
        name = _cell(row.cells, roles.get("name")) or _shifted_name(row.cells, roles.get("name"))
        if "name" not in roles:  # a budget per indicator or per sasaran: that is the line's label
            name = _cell(row.cells, roles.get("indikator")) or _cell(row.cells, roles.get("sasaran"))
        code = (joined_code(row.cells, roles["code"], code_parts) if code_parts else None) \
            or _cell(row.cells, roles.get("code")) or _cell(row.cells, roles.get("no")) or None
        if numbered := _numbered_name(row.cells, roles.get("name"), role_at):
            code, name = code or numbered[0], numbered[1]
        if not name:  # `Jumlah` printed in another column than the names
            name = next((c.strip() for c in row.cells if level_from_words(c, []) == "total"), "")
        if not name:  # a unit or program row of a cascade printed in its own column
            name = _outer_name(row.cells, outer)
        lead, name = split_leading_code(name, scanned=row.scanned)
        code = code or lead
        amounts = {r: m for r in money_roles if (m := _money(values[r], scales[r])) is not None}
        texts = [c for c in row.cells if c.strip()]
        infos.append(RowInfo(name=" ".join(name.split()), code=code, amounts=amounts, texts=texts))
    header_level = default_level_from_header(name_header)
    assign_levels(infos, header_level)
    reread_levels(infos, header_level)
    parents = assign_parents([i.level or "other" for i in infos], {k for k, i in enumerate(infos) if i.section})

    lines: list[BudgetLine] = []
    indicators: list[IndicatorRow] = []
    sasaran = None
    context = None
    for n, (row, info, values) in enumerate(zip(table.rows, infos, parsed_rows), start=1):
        raw = {}
        confidence = {}  # OCR'd pages: Tesseract confidence per raw cell (low_confidence_amount)
        for col in table.columns:
            text = _cell(row.cells, col.index)
            if text:
                key = col.role if col.role not in raw else f"{col.role}_{col.index}"
                raw[key] = text
                if row.cell_confidence and col.index < len(row.cell_confidence) \
                        and row.cell_confidence[col.index] is not None:
                    confidence[key] = row.cell_confidence[col.index]
        if confidence:
            raw[OCR_CONFIDENCE] = json.dumps(confidence)
        if info.level_by:  # the checks name the reading their figures were compared under
            raw[LEVEL_BY] = info.level_by
        if _cell(row.cells, roles.get("sasaran")):
            sasaran = _cell(row.cells, roles.get("sasaran"))
        serapan = _percent(values.get("realisasi_pct")) is not None  # `% Penyerapan Anggaran` alone
        if (money_roles or serapan) and (info.amounts or serapan or (
                info.name and info.level in ("program", "kegiatan", "opd", "urusan", "total"))):
            lines.append(_budget_line(table, n, row, info, values, scales, parents, raw))
        if info.level in ("program", "kegiatan", "sub_kegiatan", "opd") and info.name:
            context = info.name
        indikator = _cell(row.cells, roles.get("indikator"))
        if len(indikator) >= 4 and info.level != "total" and (kinerja or "satuan" in roles or definitions):
            indicators.append(_indicator(table, n, row, indikator, values, sasaran,
                                         info.name or context, raw))
        for part, (column, figures) in enumerate(outer_groups, start=1):
            text = _cell(row.cells, column)
            if len(text) >= 4:
                own = {role: parse_value(_cell(row.cells, j), conventions.get(j, fallback)) for role, j in figures}
                ind = _indicator(table, n, row, text, own, sasaran, None, raw)
                ind.part = part
                indicators.append(ind)
    return lines, indicators


_WITH_CAPAIAN = re.compile(r"^\s*(?P<value>[^()]*\d[^()]*?)\s*\(\s*(?P<pct>[-+]?\d[\d.,]*\s*%?)\s*\)\s*$")


def _split_bracketed_capaian(values: dict[str, ParsedValue], convention: NumberConvention,
                             target: ParsedValue | None) -> None:
    """A realisasi printed with its capaian in brackets (`98,5 (115,88)`, `12 (100%)`): the
    figure is the realisasi, the bracket the capaian where no capaian column says otherwise and
    the row's target does not contradict it (`22,7 % (75%)` beside target `75%`: the bracket
    repeats the target). The cell's text stays as printed."""
    cell = values["realisasi_kinerja"]
    match = _WITH_CAPAIAN.match(cell.raw) if cell.kind == "unparsed" else None
    if match is None:
        return
    figure, pct = parse_value(match["value"], convention), parse_value(match["pct"], convention)
    if figure.value is None or figure.kind not in ("amount", "percent", "count") or pct.value is None:
        return
    values["realisasi_kinerja"] = dataclasses.replace(figure, raw=cell.raw)
    target_value = float(target.value) if target is not None and target.value is not None else None
    target_text = target.raw if target else ""

    def agrees(capaian: float) -> bool:
        return may_be_capaian(float(figure.value), match["value"], target_value, target_text, capaian)

    column = values.get("capaian")
    if column is None or column.kind == "empty" or column.value is None:
        if agrees(float(pct.value)):
            values["capaian"] = pct
    elif target_value is not None and agrees(float(pct.value)) and not agrees(float(column.value)):
        # `Capaian Sasaran` printed once per sasaran (a mean over its indicators, LAKIP BKPD
        # p30 `80,5`) beside `86 (101%)`: the bracket is this indicator's capaian
        values["capaian"] = pct


def _percent(value: ParsedValue | None) -> Decimal | None:
    """A realisasi % the warehouse column can hold, else None."""
    if value is not None and value.value is not None and value.kind in ("percent", "amount") \
            and abs(value.value) < MAX_PERCENT:
        return value.value
    return None


def _budget_line(table: Table, n: int, row, info: RowInfo, values: dict[str, ParsedValue],
                 scales: dict[str, int], parents: list[int | None], raw: dict[str, str]) -> BudgetLine:
    """The row's budget line, its amounts those of `info` (read once, in `table_records`); `scales`:
    the multiplier each role's column header states, for the rounding the checks allow."""
    line = BudgetLine(table_no=table.table_no, row_no=n, level=info.level or "other", name=info.name,
                      page=row.page, source_line=row.line, code=info.code, raw_cells=raw)
    parent = parents[n - 1]
    line.parent_row_no = parent + 1 if parent is not None else None
    units = []
    for role in (r for r in values if is_amount_role(r)):
        value = values[role]
        amount = info.amounts.get(role)
        setattr(line, role, amount)  # amount roles are BudgetLine fields (schemas.model.AMOUNT_ROLES)
        if amount is None and value.kind not in ("empty",):
            line.unparsed.append(role)
        if amount is not None and scales[role] > 1:
            units.append(Decimal(scales[role]).scaleb(-(value.decimals or 0)))
    if units:
        raw[AMOUNT_UNIT] = f"{max(units).normalize():f}"
    pct = values.get("realisasi_pct")
    if _percent(pct) is not None:
        line.realisasi_pct = pct.value
        line.realisasi_pct_decimals = pct.decimals
    line.pagu = (line.pagu_perubahan if line.pagu_perubahan is not None
                 else line.pagu_murni if line.pagu_murni is not None else line.pagu)
    line.indicator = raw.get("indikator")
    return line


def _indicator(table: Table, n: int, row, indikator: str, values: dict[str, ParsedValue],
               sasaran: str | None, context: str | None, raw: dict[str, str]) -> IndicatorRow:
    ind = IndicatorRow(table_no=table.table_no, row_no=n, indikator=indikator, page=row.page,
                       source_line=row.line, sasaran=sasaran, context=context or None, raw_cells=raw)
    satuan = values.get("satuan")
    ind.satuan = satuan.raw.strip() if satuan is not None and satuan.raw.strip() else None
    for role in ("formulasi", "sumber_data"):
        text = " ".join(raw.get(role, "").split())
        setattr(ind, role, text or None)
    for role, text_attr, value_attr in (("target", "target_text", "target_value"),
                                        ("realisasi_kinerja", "realisasi_text", "realisasi_value"),
                                        ("capaian", "capaian_text", "capaian_pct")):
        value = values.get(role)
        if value is None or value.kind == "empty":
            continue
        setattr(ind, text_attr, value.raw.strip())
        setattr(ind, value_attr, _float(value))
        if ind.satuan is None and value.unit and role != "capaian":
            ind.satuan = value.unit
    capaian = values.get("capaian")
    if capaian is not None:
        ind.capaian_decimals = capaian.decimals
    for q in range(1, 5):
        value = values.get(f"tw{q}_k")
        if value is None or value.kind == "empty":
            continue
        setattr(ind, f"tw{q}_text", value.raw.strip())
        setattr(ind, f"tw{q}_value", _float(value))
    read_by_capaian(ind)
    return ind
