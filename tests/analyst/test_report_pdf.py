"""Hostile text arriving through a PDF (not a text file) into the HTML report: a generated
realisation form whose unit, budget line names and file name are markup goes through `lkjip
ingest` (the Prefect flow, the PDF reader, the checks) and `lkjip report`; the page shows the
markup as text, in the raw HTML and in headless Chromium (helpers of test_report_browser.py).
"""

from __future__ import annotations

import re
import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.analyst.test_report_browser import CHROMIUM, Page, show_report
from tests.conftest import query
from tests.fixtures.pdf_factory import XSS_IMG, XSS_SCRIPT, XSS_SVG, make_hostile_budget_report

runner = CliRunner()
FILE_NAME = f"laporan {XSS_SVG}.pdf"
UNIT = "Dinas <img src=x onerror=alert"  # what the title page's `Perangkat Daerah:` field yields
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="headless Chromium not installed (/usr/bin/chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-pdf")
    raw = root / "raw"
    raw.mkdir()
    names = make_hostile_budget_report(raw / FILE_NAME)
    db = root / "w.duckdb"
    ingested = runner.invoke(app, ["ingest", str(raw), "--warehouse", str(db), "--quiet"])
    assert ingested.exit_code == 0, ingested.output
    report = root / "report.html"
    made = runner.invoke(app, ["report", "--out", str(report), "--warehouse", str(db), "--docs-root", str(root)])
    assert made.exit_code == 0, made.output
    return root, db, report, names


def test_the_markup_went_through_the_pdf_reader_intact(built) -> None:
    _, db, _, names = built
    assert query(db, "SELECT source_path, file_type, status, unit_name FROM documents") == [
        (f"raw/{FILE_NAME}", "pdf", "ok", UNIT)]
    assert dict(query(db, "SELECT code, name FROM budget_lines WHERE code IS NOT NULL")) == names
    assert set(names.values()) == {f"Program {XSS_SCRIPT}", f"Kegiatan {XSS_IMG}", f"Sub Kegiatan {XSS_SVG}"}
    messages = [m for (m,) in query(db, "SELECT message FROM flags WHERE rule = 'pct_mismatch'")]
    assert all(any(f"'{name}'" in m for m in messages) for name in names.values())


def test_raw_html_holds_no_markup_from_the_document(built) -> None:
    html = built[2].read_text(encoding="utf-8")
    for attack in (XSS_SCRIPT, XSS_IMG, XSS_SVG, "<script>alert", "<img src=x", "<svg onload", UNIT,
                   "onerror=alert(1)>", '"><svg'):
        assert attack not in html, attack
    assert "&#39;Program &lt;script&gt;alert(1)&lt;/script&gt;&#39; (kode 1.01.01" in html  # the flag, escaped
    assert "Dinas &lt;img src=x onerror=alert" in html
    assert "laporan &#34;&gt;&lt;svg onload=alert(1)&gt;.pdf" in html  # the file name as link text
    assert len(re.findall(r"<script\b", html)) == 3  # chart data, plotly.js, the page's own


@needs_chromium
def test_chromium_shows_the_markup_as_text_and_runs_none_of_it(built) -> None:
    root, _, report, names = built
    page = Page(root / "profile")
    try:
        drawn = show_report(page, report)
        assert drawn and int(drawn) >= 2
        text = page.evaluate("document.body.innerText")
        for shown in [*names.values(), UNIT, FILE_NAME]:
            assert shown in text, shown
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert page.evaluate("document.querySelectorAll('[onload], [onerror]').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
        ticks = page.evaluate("Array.from(document.querySelectorAll('div.chart .ytick text')).map(t => t.textContent)")
        assert UNIT in ticks  # the unit's bar label, literally
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # anything lazy would run now
        page.wait_for("false", timeout=0.5)  # half a second for anything deferred to fire
        assert page.dialogs == []
        assert page.errors() == []
        assert {u.split(":", 1)[0] for u in page.requests()} <= {"file", "data", "about"}
        page.screenshot(root / "report.png")
        print(f"screenshot: {root / 'report.png'}")
    finally:
        page.close()
        shutil.rmtree(root / "profile", ignore_errors=True)
