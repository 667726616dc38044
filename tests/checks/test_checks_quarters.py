"""Quarterly columns: cumulative or per quarter, `tw_not_monotonic`, `tw4_ne_realisasi`."""

from decimal import Decimal

from pipeline.checks import detect_tw_cumulative
from pipeline.checks.quarters import check_quarters, infer_tw_cumulative
from schemas.model import BudgetLine


def q(row, realisasi, *quarters, table=1) -> BudgetLine:
    values = [None if v is None else Decimal(v) for v in quarters] + [None] * (4 - len(quarters))
    return BudgetLine(
        table_no=table, row_no=row, level="sub_kegiatan", name=f"Sub {row}", page=20,
        realisasi=None if realisasi is None else Decimal(realisasi),
        tw1_rp=values[0], tw2_rp=values[1], tw3_rp=values[2], tw4_rp=values[3],
    )


def cumulative_table(table=1):
    return [
        q(1, 1000, 100, 400, 700, 1000, table=table),
        q(2, 500, 0, 100, 300, 500, table=table),
        q(3, 80, 10, 20, 50, 80, table=table),
    ]


def per_quarter_table(table=1):
    return [
        q(1, 1000, 100, 300, 300, 300, table=table),
        q(2, 500, 0, 100, 200, 200, table=table),
        q(3, 80, 10, 10, 30, 30, table=table),
    ]


def test_detects_cumulative_and_records_on_every_line():
    lines = cumulative_table() + [q(4, None, table=1)]
    detect_tw_cumulative(lines)
    assert [l.tw_cumulative for l in lines] == [True] * 4


def test_detects_per_quarter():
    lines = per_quarter_table()
    detect_tw_cumulative(lines)
    assert {l.tw_cumulative for l in lines} == {False}


def test_decides_per_table():
    lines = cumulative_table(1) + per_quarter_table(2)
    detect_tw_cumulative(lines)
    assert {l.table_no: l.tw_cumulative for l in lines} == {1: True, 2: False}


def test_undecidable_tables_stay_unknown():
    only_one_quarter = [q(1, 100, 100), q(2, 50, 50)]
    assert infer_tw_cumulative(only_one_quarter) is None
    no_realisasi = [q(1, None, 1, 2, 3, 4)]
    assert infer_tw_cumulative(no_realisasi) is None
    neither = [q(1, 999, 1, 2, 3, 4), q(2, 999, 5, 6, 7, 8)]
    assert infer_tw_cumulative(neither) is None
    detect_tw_cumulative(neither)
    assert {l.tw_cumulative for l in neither} == {None}


def test_majority_wins_despite_a_faulty_line():
    lines = cumulative_table() + [q(4, 307, 50, 100, 200, 279)]
    assert infer_tw_cumulative(lines) is True


def test_consistent_tables_give_no_flags():
    assert check_quarters(cumulative_table(1) + per_quarter_table(2)) == []


def test_not_monotonic_in_cumulative_table():
    lines = cumulative_table() + [q(4, 900, 100, 500, 400, 900)]
    [flag] = check_quarters(lines)
    assert flag.rule == "tw_not_monotonic" and flag.severity == "error"
    assert flag.line == (1, 4)
    assert flag.expected == Decimal(500) and flag.actual == Decimal(400)
    assert "TW III" in flag.message and "TW II" in flag.message and "hal. 20" in flag.message


def test_last_quarter_differs_from_realisasi_in_cumulative_table():
    lines = cumulative_table() + [q(4, 950, 100, 400, 700, 900)]
    [flag] = check_quarters(lines)
    assert flag.rule == "tw4_ne_realisasi"
    assert flag.expected == Decimal(950) and flag.actual == Decimal(900)
    assert "TW IV" in flag.message and "950" in flag.message and "difference 50" in flag.message


def test_quarters_not_reported_yet_are_not_a_fall():
    # a TW III form: TW IV printed as `-` (0)
    lines = [q(1, 700, 100, 400, 700, 0), q(2, 300, 100, 200, 300, 0)]
    for l in lines:
        l.tw_cumulative = True
    assert check_quarters(lines) == []
    lines[1].realisasi = Decimal(350)
    [flag] = check_quarters(lines)
    assert flag.rule == "tw4_ne_realisasi" and "TW III" in flag.message


def test_sum_differs_from_realisasi_in_per_quarter_table():
    lines = per_quarter_table() + [q(4, 1000, 100, 200, 300, 300)]
    [flag] = check_quarters(lines)
    assert flag.rule == "tw4_ne_realisasi"
    assert flag.expected == Decimal(1000) and flag.actual == Decimal(900)
    # a fall between quarters is normal when they are per quarter
    assert not any(f.rule == "tw_not_monotonic" for f in check_quarters(per_quarter_table()))


def test_recorded_decision_is_used_over_inference():
    lines = per_quarter_table() + [q(4, 600, 300, 200, 50, 50)]
    assert check_quarters(lines) == []
    for l in lines:
        l.tw_cumulative = True  # the pipeline says cumulative: sums are no longer checked
    rules = {f.rule for f in check_quarters(lines)}
    assert rules == {"tw4_ne_realisasi", "tw_not_monotonic"}


def test_unknown_mode_gives_no_flags():
    assert check_quarters([q(1, 999, 1, 2, 3, 4), q(2, 999, 5, 6, 7, 8)]) == []


def test_check_does_not_modify_lines():
    lines = cumulative_table()
    check_quarters(lines)
    assert {l.tw_cumulative for l in lines} == {None}


def test_a_minority_of_cumulative_lines_does_not_decide():
    lines = [q(1, 1000, 100, 400, 700, 1000), q(2, 999, 1, 2, 3, 4), q(3, 999, 5, 6, 7, 8)]
    assert infer_tw_cumulative(lines) is None
    lines = [q(1, 1000, 100, 400, 700, 1000), q(2, 1000, 100, 400, 700, 1000),
             q(3, 999, 5, 6, 7, 8)]
    assert infer_tw_cumulative(lines) is True
