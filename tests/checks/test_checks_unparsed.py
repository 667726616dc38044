"""`unparsed_amount`."""

from pipeline.checks.unparsed import check_unparsed
from schemas.model import BudgetLine


def test_one_warning_per_role_with_the_raw_text():
    line = BudgetLine(
        table_no=2, row_no=3, level="kegiatan", name="Penataan Organisasi", code="1.5", page=14,
        raw_cells={"pagu": "1.948.876.2OO", "realisasi": "82O.648.019"},
        unparsed=["pagu", "realisasi", "pagu"],
    )
    flags = check_unparsed([line])
    assert [f.rule for f in flags] == ["unparsed_amount"] * 2
    assert {f.severity for f in flags} == {"warning"}
    assert all(f.line == (2, 3) and f.page == 14 for f in flags)
    assert "'1.948.876.2OO'" in flags[0].message and "hal. 14" in flags[0].message
    assert "'82O.648.019'" in flags[1].message


def test_no_unparsed_no_flags():
    assert check_unparsed([BudgetLine(table_no=1, row_no=1, level="program", name="P")]) == []


def test_raw_text_missing_is_said():
    line = BudgetLine(table_no=1, row_no=1, level="program", name="P", unparsed=["tw2_rp"])
    [flag] = check_unparsed([line])
    assert "TW II" in flag.message and "raw text not kept" in flag.message
