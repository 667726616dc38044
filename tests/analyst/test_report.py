"""`lkjip report`: one self-contained, escaped HTML file that stays small with many documents.
(The page as a browser draws it: tests/analyst/test_report_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.report import doc_href, json_for_script, write_report
from pipeline.analyst.report_charts import MAX_BARS, pagu_realisasi_chart
from pipeline.cli import app
from pipeline.warehouse.store import open_writer
from schemas.model import Flag
from tests.fixtures.warehouse_docs import XSS_IMG, XSS_SCRIPT, doc, hostile_doc, line, load, three_level_doc

runner = CliRunner()
SCRIPTS = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def _scripts(html: str) -> list[tuple[str, str]]:
    return SCRIPTS.findall(html)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("hostile")
    failed = doc("scan", status="needs_ocr", error=f"scanned pages {XSS_SCRIPT}", path="raw/scan.pdf", file_type="pdf")
    db = load(root / "w.duckdb", hostile_doc(), three_level_doc(), failed)
    out = root / "report.html"
    write_report(db, out)
    return out.read_text(encoding="utf-8")


def test_document_strings_never_reach_the_page_as_markup(hostile_report: str) -> None:
    html = hostile_report
    for attack in (XSS_SCRIPT, XSS_IMG, "<script>alert", "<img src=x", "onerror=alert(1)>"):
        assert attack not in html
    assert "Dinas &lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, escaped, in the tables
    assert "KOTA &lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; does not add up" in html  # the flag's message
    assert [attrs for attrs, _ in _scripts(html)] == [' type="application/json" id="lkjip-charts"', "", ""]


def test_chart_data_is_json_that_cannot_close_its_script(hostile_report: str) -> None:
    attrs, text = _scripts(hostile_report)[0]
    assert "<" not in text and ">" not in text
    charts = json.loads(text)
    labels = json.dumps(charts)
    assert "Dinas &lt;script&gt;alert(1)&lt;/script&gt;" in labels  # plotly shows entities literally
    assert json.loads(json_for_script({"x": "</script><!--&"}))["x"] == "</script><!--&"


def test_only_its_own_scripts_may_run_and_nothing_is_fetched(hostile_report: str) -> None:
    html = hostile_report
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    executable = [text for attrs, text in _scripts(html) if "application/json" not in attrs]
    for text in executable:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert len(re.findall(r"'sha256-", csp)) == 2
    assert not re.search(r"<(?:script|link|img|iframe|object|embed)\b[^>]*\b(?:src|href)=", html, re.I)
    assert "Plotly.newPlot" in executable[1] and len(executable[0]) > 1_000_000  # plotly.js inlined


def test_problem_documents_and_flags_are_listed_with_links(hostile_report: str) -> None:
    html = hostile_report
    assert 'class="status-needs_ocr">needs_ocr' in html and "scanned pages &lt;script&gt;" in html
    assert '<a href="raw/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt"' in html  # percent-encoded
    assert "page 2" in html


def test_links_point_at_the_document_and_page(tmp_path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a b.pdf").write_bytes(b"%PDF")
    assert doc_href("raw/a b.pdf", "pdf", 7, tmp_path) == (tmp_path / "raw" / "a b.pdf").resolve().as_uri() + "#page=7"
    assert doc_href("raw/gone.pdf", "pdf", 3, tmp_path) == "raw/gone.pdf#page=3"
    assert doc_href("raw/x.txt", "text", 3, tmp_path) == "raw/x.txt"  # text files have no pages
    assert doc_href("javascript:alert(1)", "text", None, tmp_path) == "javascript%3Aalert%281%29"


def test_one_document(tmp_path) -> None:
    db = load(tmp_path / "w.duckdb", three_level_doc())
    summary = write_report(db, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text()
    charts = json.loads(_scripts(html)[0][1])
    assert set(charts) == {"region_serapan", "pagu_0"}  # no quarters printed: no serapan chart
    assert "No quarterly realisation printed." in html and summary.region_years == 1
    assert "Rp 1.000" in html and "90,00 %" in html


def test_forms_without_pagu_chart_their_quarters_as_printed(tmp_path) -> None:
    """Triwulan forms that print quarterly realisation but no pagu: no serapan, the amounts instead."""
    forms = [doc(f"form-{i}", [line(1, "program", f"Program {i}", tw=(10 * (i + 1), 25 * (i + 1), None, None))],
                 unit=f"Dinas {i}", region="KOTA TANGERANG", doc_type="realisasi_triwulan") for i in range(3)]
    db = load(tmp_path / "w.duckdb", *forms)
    write_report(db, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text()
    chart = json.loads(_scripts(html)[0][1])["serapan_0"]
    assert chart["subtitle"].startswith("Realisasi per triwulan as printed")
    assert [t["name"] for t in chart["data"]] == ["Dinas 2", "Dinas 1", "Dinas 0"]  # largest first
    assert chart["data"][0]["y"] == [30.0, 75.0, None, None] and "No budget figures." in html


def test_many_units_are_summed_into_one_bar() -> None:
    units = [{"unit_name": f"Dinas {i}", "pagu": 100 - i, "realisasi": 50, "serapan_pct": 50} for i in range(40)]
    fig = pagu_realisasi_chart(units)
    assert len(fig["data"][0]["y"]) == MAX_BARS + 1 and fig["data"][0]["y"][-1] == "25 other units"
    assert fig["data"][0]["x"][-1] == sum(100 - i for i in range(MAX_BARS, 40))


def _thousand_documents(db: Path) -> None:
    """200 regions × 5 units, quarterly figures and 3 flags each: written in bulk SQL (fast)."""
    with open_writer(db) as writer, writer.connection() as con:
        con.execute("""
            INSERT INTO documents (doc_id, source_path, file_type, doc_type, region_type, region_name, unit_name,
                                   year, status, ingested_at)
            SELECT sha256(i::VARCHAR), printf('raw/doc-%04d.pdf', i), 'pdf', 'realisasi_triwulan', 'kota',
                   printf('KOTA %03d', i // 5), printf('Dinas %d', i % 5), 2023,
                   CASE WHEN i % 97 = 0 THEN 'failed' ELSE 'ok' END, now()
            FROM range(1000) t(i)""")
        con.execute("""
            INSERT INTO budget_lines (line_id, doc_id, table_no, row_no, level, name, pagu, realisasi,
                                      tw1_rp, tw2_rp, tw3_rp, tw4_rp, tw_cumulative)
            SELECT sha256(i::VARCHAR)[:16] || '-t1-r1', sha256(i::VARCHAR), 1, 1, 'program', 'Program ' || i,
                   1000000 * (i + 1), 900000 * (i + 1), 100000 * (i + 1), 300000 * (i + 1), 600000 * (i + 1),
                   900000 * (i + 1), true
            FROM range(1000) t(i)""")
        con.execute("""
            INSERT INTO flags (flag_id, rule, severity, doc_id, message, page, scope)
            SELECT sha256(i::VARCHAR)[:16] || '-f' || k, 'total_mismatch', 'error', sha256(i::VARCHAR), 'does not add up', k, 'document'
            FROM range(1000) t(i), range(3) s(k)""")


def test_a_thousand_documents_stay_a_readable_report(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    _thousand_documents(db)
    summary = write_report(db, tmp_path / "r.html", top_regions=12)
    html = (tmp_path / "r.html").read_text()
    assert summary.region_years == 200 and summary.charts == 1 + 2 * 12  # no indicators: no achievement chart
    assert summary.bytes < 8_000_000
    assert "the other 188 are in the comparison table" in html
    assert "2.700 more flags not listed" in html and html.count('class="sev sev-error"') == 300 + 1
    assert html.count("<tr><td>KOTA ") == 200  # the comparison table keeps every region
    assert "doc-0000.pdf" in html and 'class="status-failed"' in html


def test_cli_report(tmp_path) -> None:
    db = load(tmp_path / "w.duckdb", three_level_doc())
    ok = runner.invoke(app, ["report", "--out", str(tmp_path / "r.html"), "--warehouse", str(db)])
    assert ok.exit_code == 0, ok.output
    assert "charts" in ok.output and (tmp_path / "r.html").stat().st_size > 1_000_000
    missing = runner.invoke(app, ["report", "--out", str(tmp_path / "x.html"), "--warehouse", str(tmp_path / "no.duckdb")])
    assert missing.exit_code == 1 and "no warehouse" in missing.output


def test_flags_without_a_document_page_show_the_source_line(tmp_path) -> None:
    d = doc("lines", [line(1, "program", "Program A", pagu=10, source_line=42)],
            flags=[Flag(rule="pct_mismatch", severity="warning", message="m", line=(1, 1))])
    db = load(tmp_path / "w.duckdb", d)
    write_report(db, tmp_path / "r.html")
    assert "line 42" in (tmp_path / "r.html").read_text()


def test_pages_with_uncaptured_money_figures_are_listed_to_check(tmp_path) -> None:
    from tests.conftest import extract_text
    from tests.fixtures.coverage_docs import PROSE

    document = extract_text(tmp_path, PROSE.replace("7.777.777.777", "7.777.<b>777</b>.777 <script>x</script>"))
    db = tmp_path / "w.duckdb"
    with open_writer(db) as writer:
        writer.load(document)
    out = tmp_path / "r.html"
    write_report(db, out)
    page = out.read_text(encoding="utf-8")
    section = page[page.index('<section id="coverage">'):]
    section = section[:section.index("</section>")]
    assert "Pages to check" in section and "lkip.txt" in section
    assert "<script>x" not in section and "&lt;script&gt;x" in section  # the example line is escaped
    assert re.search(r'<td class="num">1</td><td class="num">1</td>\s*<td class="num">4/5</td>', section)
