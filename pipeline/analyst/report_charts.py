"""Plotly figures (plain JSON-able dicts) for the HTML report.

Figures are data, not code: the page draws them with the plotly.js inlined in it. Plotly reads a
few HTML-like tags in labels (`<b>`, `<br>`, `<a href>`) and decodes entities, so every string
that came from a document goes through `label()` — escaped, it shows literally and is never
read as markup. Sizes are bounded: at most `MAX_BARS` bars, `MAX_LINES` lines per chart, the rest
summed into one "other" bar or left to the tables.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from pipeline.analyst.report_data import RegionSection, Row, as_float

Figure = dict[str, Any]
MAX_BARS = 15  # units in one pagu/realisasi chart
MAX_LINES = 8  # units in one serapan chart
MAX_REGIONS = 30  # region-years in the comparison charts
MIN_HEIGHT = 200  # pixels: room for the legend and axis titles of a one-bar chart
QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]
COLORS = {"pagu": "#9ecae1", "realisasi": "#08519c", "achieved": "#31a354", "not_achieved": "#e6550d",
          "unknown": "#bdbdbd", "region": "#222222"}
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}


def label(text: object, limit: int | None = None) -> str:
    """Document text made safe and literal for a plotly label (optionally shortened)."""
    s = "" if text is None else " ".join(str(text).split())
    if limit and len(s) > limit:
        s = s[: limit - 1] + "…"
    return html.escape(s, quote=False)


def rupiah(value: object) -> str:
    """`Rp 1.234.567` (Indonesian grouping); `–` for no figure."""
    v = as_float(value)
    if v is None:
        return "–"
    return "Rp " + f"{v:,.0f}".replace(",", ".")


def percent(value: object) -> str:
    v = as_float(value)
    return "–" if v is None else f"{v:,.2f} %".replace(".", ",")


def money_scale(values: list[float | None]) -> tuple[float, str]:
    """Divisor and axis unit that keep tick labels short."""
    top = max((abs(v) for v in values if v is not None), default=0)
    if top >= 1e9:
        return 1e9, "miliar Rp"
    if top >= 1e6:
        return 1e6, "juta Rp"
    return 1.0, "Rp"


def unit_label(row: Row) -> str:
    """A unit's name, or its file name when the document does not print one."""
    if row.get("unit_name"):
        return str(row["unit_name"])
    path = str(row.get("source_path") or row.get("doc_id") or "?")
    return f"({path.rsplit('/', 1)[-1]})"


def distinct(names: list[str]) -> list[str]:
    """Category labels kept apart: two units whose (shortened) names are equal would otherwise
    share one bar. Repeats get invisible zero-width spaces."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n + "\u200b" * k)
    return out


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    layout = {"height": max(height, MIN_HEIGHT), "margin": {"l": 10, "r": 20, "t": 30, "b": 10}, "font": FONT,
              "paper_bgcolor": "white", "plot_bgcolor": "white", "separators": ",.",  # 1.234,5 as in Indonesia
              "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}, "hoverlabel": {"align": "left"}}
    layout.update(extra)
    for axis in ("xaxis", "yaxis"):
        layout.setdefault(axis, {})["automargin"] = True
    return layout


def pagu_realisasi_chart(units: list[Row]) -> Figure | None:
    """Pagu beside realisasi for the largest units of a region-year (the rest as one bar)."""
    shown = [u for u in units if u.get("pagu") is not None or u.get("realisasi") is not None]
    if not shown:
        return None
    bars = shown[:MAX_BARS]
    rest = shown[MAX_BARS:]
    names = [label(unit_label(u), 45) for u in bars]
    pagu = [as_float(u.get("pagu")) for u in bars]
    real = [as_float(u.get("realisasi")) for u in bars]
    hover = [f"{label(unit_label(u))}<br>pagu {rupiah(u.get('pagu'))}<br>realisasi {rupiah(u.get('realisasi'))}"
             f"<br>serapan {percent(u.get('serapan_pct'))}" for u in bars]
    if rest:
        rp = sum(as_float(u.get("pagu")) or 0 for u in rest)
        rr = sum(as_float(u.get("realisasi")) or 0 for u in rest)
        names.append(label(f"{len(rest)} other units"))
        pagu.append(rp)
        real.append(rr)
        hover.append(f"{len(rest)} other units<br>pagu {rupiah(rp)}<br>realisasi {rupiah(rr)}")
    scale, unit = money_scale(pagu + real)
    y = distinct(names)

    def trace(name: str, values: list[float | None], color: str) -> dict[str, Any]:
        return {"type": "bar", "orientation": "h", "name": name, "y": y,
                "x": [None if v is None else round(v / scale, 3) for v in values],
                "marker": {"color": color}, "hovertext": hover, "hoverinfo": "text"}

    return {"data": [trace("pagu", pagu, COLORS["pagu"]), trace("realisasi", real, COLORS["realisasi"])],
            "layout": _layout(90 + 46 * len(names), barmode="group",
                              xaxis={"title": {"text": unit}, "rangemode": "tozero", "gridcolor": "#eee"},
                              yaxis={"autorange": "reversed", "automargin": True, "type": "category"})}


SERAPAN_TITLE = "Serapan per triwulan (cumulative, % of pagu)"
PRINTED_TITLE = "Realisasi per triwulan as printed (no pagu to measure serapan against)"


def _legend_height(traces: int) -> int:
    """The legend sits above the plot, one line per trace: the plot keeps its 300 px."""
    return 300 + 20 * traces


def _by_document(section: RegionSection) -> list[list[Row]]:
    """The serapan rows of each unit's document, largest budget (else largest spending) first."""
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in section.serapan:
        by_doc[str(r["doc_id"])].append(r)

    def size(rs: list[Row]) -> float:
        return as_float(rs[0].get("pagu")) or max((as_float(r.get("realisasi_printed")) or 0 for r in rs), default=0)

    return sorted(by_doc.values(), key=lambda rs: -size(rs))


def serapan_chart(section: RegionSection) -> Figure | None:
    """Cumulative serapan per triwulan: one line per unit (the largest), one for the region.
    Forms that print quarters but no pagu get their quarterly amounts as printed instead."""
    docs = _by_document(section)
    if not docs:
        return None
    if all(r.get("serapan_pct") is None for rs in docs for r in rs):
        return _printed_quarters_chart(docs)
    data = []
    for rs in docs[:MAX_LINES]:
        name = label(unit_label(rs[0]), 40)
        points = {int(r["triwulan"]): r for r in rs}
        ys = [as_float(points[q]["serapan_pct"]) if q in points else None for q in range(1, 5)]
        hover = [f"{label(unit_label(rs[0]))}<br>{QUARTERS[q - 1]}: serapan {percent(points[q]['serapan_pct'])}"
                 f"<br>realisasi s.d. triwulan {rupiah(points[q]['realisasi_kumulatif'])}"
                 f"<br>pagu {rupiah(points[q]['pagu'])}" if q in points else "" for q in range(1, 5)]
        data.append({"type": "scatter", "mode": "lines+markers", "name": name, "x": QUARTERS, "y": ys,
                     "hovertext": hover, "hoverinfo": "text", "connectgaps": False})
    if len(docs) > 1:
        pagu, real, n = [0.0] * 4, [0.0] * 4, [0] * 4
        for rs in docs:
            for r in rs:
                q, p, k = int(r["triwulan"]) - 1, as_float(r.get("pagu")), as_float(r.get("realisasi_kumulatif"))
                if p and k is not None:
                    pagu[q], real[q], n[q] = pagu[q] + p, real[q] + k, n[q] + 1
        ys = [round(real[q] / pagu[q] * 100, 2) if pagu[q] else None for q in range(4)]
        data.append({"type": "scatter", "mode": "lines+markers", "name": "whole region",
                     "x": QUARTERS, "y": ys, "line": {"color": COLORS["region"], "width": 4, "dash": "dot"},
                     "hovertext": [f"whole region, {n[q]} unit(s)<br>{QUARTERS[q]}: serapan {percent(ys[q])}"
                                   for q in range(4)], "hoverinfo": "text"})
    return {"subtitle": SERAPAN_TITLE, "data": data,
            "layout": _layout(_legend_height(len(data)), showlegend=True, xaxis={"type": "category"},
                              yaxis={"title": {"text": "serapan (% of pagu)"}, "rangemode": "tozero",
                                     "gridcolor": "#eee", "ticksuffix": " %"})}


def _printed_quarters_chart(docs: list[list[Row]]) -> Figure | None:
    """Quarterly realisation of the largest units as printed (cumulative or not, as the form has it)."""
    values = [as_float(r.get("realisasi_printed")) for rs in docs[:MAX_LINES] for r in rs]
    if all(v is None for v in values):
        return None
    scale, unit = money_scale(values)
    data = []
    for rs in docs[:MAX_LINES]:
        points = {int(r["triwulan"]): as_float(r.get("realisasi_printed")) for r in rs}
        data.append({"type": "bar", "name": label(unit_label(rs[0]), 40), "x": QUARTERS,
                     "y": [None if points.get(q) is None else round(points[q] / scale, 3) for q in range(1, 5)],
                     "hovertext": [f"{label(unit_label(rs[0]))}<br>{QUARTERS[q - 1]}: {rupiah(points.get(q))}"
                                   for q in range(1, 5)], "hoverinfo": "text"})
    return {"subtitle": PRINTED_TITLE, "data": data,
            "layout": _layout(_legend_height(len(data)), showlegend=True, barmode="group", xaxis={"type": "category"},
                              yaxis={"title": {"text": unit}, "rangemode": "tozero", "gridcolor": "#eee"})}


def region_key(row: Row) -> str:
    return f"{row.get('region_name') or '(region unknown)'} {row.get('year') or ''}".strip()


def region_serapan_chart(region_years: list[Row]) -> Figure | None:
    """Serapan of the region-years with the largest budgets, side by side."""
    shown = [r for r in region_years if r.get("serapan_pct") is not None][:MAX_REGIONS]
    if not shown:
        return None
    shown.sort(key=lambda r: as_float(r["serapan_pct"]) or 0)
    return {"data": [{"type": "bar", "orientation": "h", "name": "serapan",
                      "y": distinct([label(region_key(r), 50) for r in shown]),
                      "x": [as_float(r["serapan_pct"]) for r in shown],
                      "marker": {"color": COLORS["realisasi"]},
                      "hovertext": [f"{label(region_key(r))}<br>pagu {rupiah(r['pagu'])}<br>realisasi "
                                    f"{rupiah(r['realisasi'])}<br>serapan {percent(r['serapan_pct'])}" for r in shown],
                      "hoverinfo": "text"}],
            "layout": _layout(80 + 28 * len(shown), showlegend=False,
                              xaxis={"title": {"text": "serapan (% of pagu)"}, "rangemode": "tozero",
                                     "gridcolor": "#eee", "ticksuffix": " %"},
                              yaxis={"automargin": True, "type": "category"})}


def achievement_chart(achievement: list[Row]) -> Figure | None:
    """Indicators achieved (capaian ≥ 100 %), not achieved and without capaian, per region-year."""
    shown = [a for a in achievement if a.get("indicators")][:MAX_REGIONS]
    if not shown:
        return None
    y = distinct([label(region_key(a), 50) for a in shown])
    data = [{"type": "bar", "orientation": "h", "name": name, "y": y,
             "x": [int(a[key] or 0) for a in shown], "marker": {"color": COLORS[key]},
             "hovertext": [f"{label(region_key(a))}<br>{name}: {int(a[key] or 0)} of {int(a['indicators'])}"
                           for a in shown], "hoverinfo": "text"}
            for key, name in (("achieved", "achieved (capaian ≥ 100 %)"), ("not_achieved", "not achieved"),
                              ("unknown", "no capaian printed"))]
    return {"data": data, "layout": _layout(110 + 28 * len(shown), barmode="stack",
                                            xaxis={"title": {"text": "indicators"}, "gridcolor": "#eee"},
                                            yaxis={"automargin": True, "type": "category", "autorange": "reversed"})}
