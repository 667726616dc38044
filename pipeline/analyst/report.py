"""`lkjip report`: one self-contained HTML file of the warehouse, with charts.

Self-contained: the chart library (plotly.js, from the `plotly` package) is inlined, so the file
works offline and can be mailed. Safe with hostile documents: the template escapes every value
(Jinja2 autoescape), chart data travels as JSON that cannot close its `<script>` element, plotly
labels are escaped (`report_charts.label`), and a Content-Security-Policy allows only the page's
own two scripts (by hash) and no network at all — a cell reading `<script>…` that slipped through
would still not run.

Data: `report_data.collect`; figures: `report_charts`; layout: `templates/report.html.j2`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.analyst import report_charts as charts
from pipeline.analyst.report_data import ReportData, collect
from pipeline.warehouse.store import connect_readonly, warehouse_path

TEMPLATES = Path(__file__).parent / "templates"
# Draws every figure of the JSON block, then marks the body so tests (and people) can tell.
INIT_JS = """
(function () {
  var specs = JSON.parse(document.getElementById('lkjip-charts').textContent);
  var config = {displaylogo: false, displayModeBar: false, responsive: true};
  var drawn = Object.keys(specs).filter(function (id) { return document.getElementById(id); })
    .map(function (id) { return Plotly.newPlot(id, specs[id].data, specs[id].layout, config); });
  Promise.all(drawn).then(function () {
    document.body.setAttribute('data-charts-drawn', String(drawn.length));
  });
})();
"""


@dataclass
class ReportSummary:
    path: Path
    charts: int
    region_years: int
    flags_listed: int
    bytes: int


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js as shipped inside the `plotly` Python package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(*scripts: str) -> str:
    """No network, no plugins, only these inline scripts; plotly needs inline styles."""
    return ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def json_for_script(value: object) -> str:
    """JSON that can sit inside a <script> element: `<`, `>` and `&` as \\u escapes, so no
    `</script>` or `<!--` in document text can end or alter the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def doc_href(source_path: str | None, file_type: str | None, page: int | None, docs_root: Path | None) -> str:
    """Link to a document (and page, for PDFs). Paths are stored relative to the parent of the
    ingest root (`raw/x.pdf`): under `docs_root` (default: the current directory) when the file
    is there, else relative to the report."""
    if not source_path:
        return "#"
    fragment = f"#page={int(page)}" if page and file_type == "pdf" else ""
    base = docs_root if docs_root is not None else Path.cwd()
    local = base / source_path
    if local.is_file():
        return local.resolve().as_uri() + fragment
    return quote(source_path) + fragment


def _figures(data: ReportData) -> dict[str, dict]:
    figs: dict[str, dict | None] = {
        "region_serapan": charts.region_serapan_chart(data.region_years),
        "achievement": charts.achievement_chart(data.achievement),
    }
    for i, section in enumerate(data.sections):
        figs[f"pagu_{i}"] = charts.pagu_realisasi_chart(section.units)
        figs[f"serapan_{i}"] = charts.serapan_chart(section)
    return {k: v for k, v in figs.items() if v is not None}


def _environment(docs_root: Path | None) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(
        rupiah=charts.rupiah, percent=charts.percent,
        num=lambda v: "–" if v is None else f"{int(v):,}".replace(",", "."),
        basename=lambda p: str(p or "").rsplit("/", 1)[-1],
    )
    env.globals["href"] = lambda path, file_type, page=None: doc_href(path, file_type, page, docs_root)
    return env


def render_report(data: ReportData, docs_root: Path | None = None, title: str = "lkjip — budget and performance report") -> str:
    figures = _figures(data)
    js = plotly_js()
    template = _environment(docs_root).get_template("report.html.j2")
    return template.render(
        d=data, title=title, charts=figures, charts_json=json_for_script(figures), plotly_js=js, init_js=INIT_JS,
        csp=content_security_policy(js, INIT_JS), generated_at=datetime.now().strftime("%Y-%m-%d %H:%M"),
        max_regions=charts.MAX_REGIONS, max_bars=charts.MAX_BARS,
    )


def write_report(warehouse: str | os.PathLike | None, out: Path, docs_root: Path | None = None,
                 top_regions: int = 12, max_rows: int = 300) -> ReportSummary:
    """Read the warehouse (read-only) and write the report to `out` (atomically)."""
    db = warehouse_path(warehouse)
    con = connect_readonly(db)
    try:
        data = collect(con, top_regions=top_regions, max_rows=max_rows)
    finally:
        con.close()
    data.generated_from = str(db)
    html = render_report(data, docs_root=docs_root)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(out)
    return ReportSummary(path=out, charts=len(_figures(data)), region_years=len(data.region_years),
                         flags_listed=len(data.flags), bytes=len(html.encode("utf-8")))
