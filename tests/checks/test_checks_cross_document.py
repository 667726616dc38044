"""`cross_document_mismatch`: one region + unit + year, two documents."""

from decimal import Decimal

from pipeline.checks import DocLines, check_across_documents
from schemas.model import BudgetLine


def bl(row, level, name, code=None, pagu=None, **kw) -> BudgetLine:
    return BudgetLine(
        table_no=1, row_no=row, level=level, name=name, code=code, page=3,
        pagu=None if pagu is None else Decimal(pagu),
        **{k: Decimal(v) for k, v in kw.items()},
    )


def doc(doc_id, lines, doc_type="lkjip", region="KABUPATEN JEMBER", unit="Bagian Organisasi",
        year=2024) -> DocLines:
    return DocLines(
        doc_id=doc_id, region_name=region, unit_name=unit, year=year, doc_type=doc_type,
        lines=lines, line_ids={l.key: f"{doc_id}:{l.table_no}:{l.row_no}" for l in lines},
    )


def test_same_program_different_pagu_by_code():
    lkjip = doc("a" * 64, [bl(1, "program", "Program Penunjang", "4.01.01", "2636500000")])
    pk = doc("b" * 64, [bl(4, "program", "PROGRAM PENUNJANG URUSAN", "4.01.01", "2500000000")],
             doc_type="pk")
    [flag] = check_across_documents(lkjip, [pk])
    assert flag.rule == "cross_document_mismatch" and flag.severity == "error"
    assert flag.line == (1, 1)
    assert flag.other_doc_id == "b" * 64 and flag.other_line_id == "b" * 64 + ":1:4"
    assert flag.expected == Decimal(2500000000) and flag.actual == Decimal(2636500000)
    for part in ("2.636.500.000", "2.500.000.000", "136.500.000", "pk document", "by code"):
        assert part in flag.message


def test_exact_name_match_is_an_error():
    a = doc("a", [bl(1, "kegiatan", "Kegiatan Penataan Organisasi", None, "100")])
    b = doc("b", [bl(1, "kegiatan", "Penataan Organisasi", None, "90")])
    [flag] = check_across_documents(a, [b])
    assert flag.severity == "error" and "by name" in flag.message


def test_fuzzy_name_match_is_a_warning_with_its_score():
    a = doc("a", [bl(1, "sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tata Laksana", None, "100")])
    b = doc("b", [bl(1, "sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tatalaksana", None, "90")])
    [flag] = check_across_documents(a, [b])
    assert flag.severity == "warning"
    assert "name similarity 0,9" in flag.message


def test_dissimilar_names_do_not_match():
    a = doc("a", [bl(1, "sub_kegiatan", "Fasilitasi Pelayanan Publik", None, "100")])
    b = doc("b", [bl(1, "sub_kegiatan", "Penyusunan Laporan Keuangan", None, "90")])
    assert check_across_documents(a, [b]) == []


def test_murni_in_pk_and_perubahan_in_lkjip_agree():
    a = doc("a", [bl(1, "program", "Program A", None, "120", pagu_murni="100", pagu_perubahan="120")])
    b = doc("b", [bl(1, "program", "Program A", None, "100")], doc_type="pk")
    assert check_across_documents(a, [b]) == []


def test_only_same_region_unit_and_year_are_compared():
    a = doc("a", [bl(1, "program", "Program A", None, "100")])
    others = [
        doc("b", [bl(1, "program", "Program A", None, "90")], region="KOTA JAMBI"),
        doc("c", [bl(1, "program", "Program A", None, "90")], unit="Dinas Kesehatan"),
        doc("d", [bl(1, "program", "Program A", None, "90")], year=2023),
        doc("a", [bl(1, "program", "Program A", None, "90")]),  # the document itself
    ]
    assert check_across_documents(a, others) == []
    same_scope = doc("e", [bl(1, "program", "Program A", None, "90")],
                     region="Kabupaten  Jember", unit="BAGIAN ORGANISASI")
    assert len(check_across_documents(a, [same_scope])) == 1


def test_unknown_scope_is_not_compared():
    a = doc("a", [bl(1, "program", "Program A", None, "100")], year=None)
    b = doc("b", [bl(1, "program", "Program A", None, "90")], year=None)
    assert check_across_documents(a, [b]) == []


def test_budgets_printed_in_another_table_of_the_document_count():
    # the LKjIP summary table prints only the revised budget; its detail table has the original
    lkjip = doc("a", [
        bl(1, "program", "Program A", None, "120"),
        BudgetLine(table_no=2, row_no=1, level="program", name="PROGRAM A",
                   pagu=Decimal(120), pagu_murni=Decimal(100), pagu_perubahan=Decimal(120)),
    ])
    pk = doc("b", [bl(1, "program", "Program A", None, "100")], doc_type="pk")
    assert check_across_documents(lkjip, [pk]) == []
    assert check_across_documents(pk, [lkjip]) == []
    pk.lines[0].pagu = Decimal(90)
    [flag] = check_across_documents(pk, [lkjip])
    assert "APBD revision" in flag.message


def test_a_line_with_an_exact_partner_is_not_also_a_fuzzy_candidate():
    a = doc("a", [
        bl(1, "sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tata Laksana", None, "100"),
        bl(2, "sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tatalaksana", None, "90"),
    ])
    b = doc("b", [bl(1, "sub_kegiatan", "Fasilitasi Pelayanan Publik dan Tatalaksana", None, "90")])
    assert check_across_documents(a, [b]) == []
