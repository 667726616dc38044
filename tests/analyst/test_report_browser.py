"""The report as a person sees it: headless Chromium opens the file (no network), the charts
draw, nothing logs an error, no alert opens, and hostile document text shows as text.

Chromium is driven over the DevTools protocol with the `websockets` client (a dependency of
Prefect); `.ci/run` installs Debian's `chromium`. A screenshot lands in the test's tmp dir.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.analyst.report import write_report
from pipeline.extract import extract_document
from tests.conftest import ROOT
from tests.fixtures.warehouse_docs import XSS_SCRIPT, doc, hostile_doc, line, load, three_level_doc

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="headless Chromium not installed (/usr/bin/chromium; .ci/run installs it)")


class Page:
    """One Chromium tab over the DevTools protocol: commands, and every event kept."""

    def __init__(self, profile: Path) -> None:
        from websockets.sync.client import connect

        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=20)
        self.events: list[dict] = []
        self.dialogs: list[str] = []
        self._id = 0
        self.session = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _event(self, event: dict) -> None:
        self.events.append(event)
        if event.get("method") == "Page.javascriptDialogOpening":  # an alert would block the page: note, dismiss
            self.dialogs.append(event["params"].get("message", ""))
            self.ws.send(json.dumps({"id": 10**6 + len(self.dialogs), "sessionId": self.session,
                                     "method": "Page.handleJavaScriptDialog", "params": {"accept": True}}))

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        return None

    def errors(self) -> list[str]:
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                out.append(str(params.get("exceptionDetails", {}).get("exception", {}).get("description")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(params["entry"].get("text", ""))
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> None:
        """The whole page (up to 8000 px), without resizing the window (no re-layout)."""
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def show_report(page: "Page", report: Path) -> str | None:
    """Open `report` in a desktop-sized tab; the number of charts drawn (None if none were)."""
    page.send("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 2000, "deviceScaleFactor": 1,
                                                     "mobile": False})
    page.send("Page.navigate", {"url": report.as_uri()})
    return page.wait_for("document.body && document.body.getAttribute('data-charts-drawn')")


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """The report of the bundled samples plus a hostile and a three-level document, open in Chromium."""
    root = tmp_path_factory.mktemp("browser")
    samples = [extract_document(p, source_path=f"raw/{p.name}") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    hostile = hostile_doc()
    peer = doc("hostile-peer", [line(1, "program", "Program B", pagu=300, tw=(30, 90, 150, 240), cumulative=True)],
               region=hostile.meta.region_name, unit="Dinas Kedua")  # a second unit: a region line too
    db = load(root / "w.duckdb", *samples, hostile, peer, three_level_doc())
    report = root / "report.html"
    write_report(db, report, docs_root=ROOT / "data")
    page = Page(root / "profile")
    try:
        drawn = show_report(page, report)
        yield page, report, drawn, root
    finally:
        page.close()
        shutil.rmtree(root / "profile", ignore_errors=True)


def test_charts_draw_without_errors_or_alerts(opened) -> None:
    page, report, drawn, root = opened
    charts = json.loads(page.evaluate("document.getElementById('lkjip-charts').textContent"))
    assert drawn == str(len(charts)) and len(charts) >= 5
    assert page.evaluate("document.querySelectorAll('div.chart .main-svg').length") >= 2 * len(charts)
    # every chart fits its box (nothing drawn over the tables below it)
    overflow = page.evaluate("Array.from(document.querySelectorAll('div.chart')).filter(d => "
                             "d.querySelector('.main-svg').getBoundingClientRect().height > "
                             "d.getBoundingClientRect().height + 1).map(d => d.id)")
    assert overflow == []
    assert page.evaluate("document.querySelectorAll('div.chart .trace.bars .point path').length") >= 6
    assert page.evaluate("document.querySelectorAll('div.chart .scatterlayer .trace .js-line').length") >= 3
    assert page.errors() == []
    assert page.dialogs == []
    assert {u.split(":", 1)[0] for u in page.requests()} <= {"file", "data", "about"}
    assert all(u == report.as_uri() for u in page.requests() if u.startswith("file:"))
    page.screenshot(root / "report.png")
    shot = root / "report.png"
    assert shot.stat().st_size > 50_000
    print(f"screenshot: {shot}")


def test_hostile_text_is_shown_not_run(opened) -> None:
    page = opened[0]
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate(f"document.body.innerText.includes({json.dumps(XSS_SCRIPT)})")
    ticks = page.evaluate("Array.from(document.querySelectorAll('div.chart .ytick text')).map(t => t.textContent)")
    assert f"Dinas {XSS_SCRIPT}" in ticks  # the chart label, literally
    assert page.dialogs == [] and page.errors() == []


def test_serapan_chart_shows_the_bogor_quarters(opened) -> None:
    page = opened[0]
    charts = json.loads(page.evaluate("document.getElementById('lkjip-charts').textContent"))
    bogor = [c for k, c in charts.items() if k.startswith("serapan_")
             and any("Komunikasi" in t["name"] for t in c["data"])]
    assert bogor and bogor[0]["data"][0]["y"] == [6.86, 35.29, 71.57, 99.31]
