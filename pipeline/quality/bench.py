"""Benchmarks of a whole ingest: start-up, throughput, scaling, memory, rerun, and what Prefect costs.

Every ingest is a real `lkjip ingest` process on a fresh warehouse under /tmp, so what is
measured is what a user gets. Peak memory is the resident memory of the whole process tree
(the flow process, its extraction workers), sampled every 0.2 s. The ingests report to an
`lkjip server` the benchmark starts under /tmp/lkjip-bench/home and stops at the end, except
the cold one-document ingest, which starts Prefect's temporary server as a user without
`lkjip server` would.

    lkjip bench                                    # the development corpus's text PDFs
    python -m pipeline.quality.bench --batch 1000  # generates /tmp/lkjip-bench/batch-1000 once
    lkjip bench PATH --workers 1,2                 # an existing folder of documents

Figures only: nothing here asserts a time (tests never do either).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH_ROOT = Path(os.environ.get("LKJIP_BENCH_DIR", "/tmp/lkjip-bench"))
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("LKJIP_SHARED", PROJECT_ROOT.parent / "shared")) / "corpus"
CORPUS_TEXT_FOLDERS = ("tangerang-2023", "jabar-2016")
ONE_DOCUMENT = PROJECT_ROOT / "data" / "raw" / "kota-bogor-2023-pengukuran.txt"
WARM_REPEATS = 3
_SECONDS = re.compile(r"seconds\s*\S\s*([\d.]+)")


@dataclass
class RunFigures:
    label: str
    documents: int
    pages: int
    wall: float  # the whole command, Prefect start-up included
    flow: float  # the flow's own seconds (from its summary)
    peak_rss: int  # bytes, whole process tree
    exit_code: int
    cpu: dict[str, float] | None = None  # CPU seconds by role: flow, prefect server, extraction workers

    @property
    def cpu_per_doc_ms(self) -> dict[str, float]:
        return {k: 1000 * v / self.documents for k, v in (self.cpu or {}).items()} if self.documents else {}

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.flow if self.flow else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.flow if self.flow else 0.0

    @property
    def pages_per_s_wall(self) -> float:
        """End to end: the whole command, start-up and Prefect included."""
        return self.pages / self.wall if self.wall else 0.0


def _role(cmdline: list[str]) -> str:
    text = " ".join(cmdline)
    if "pipeline.batch.worker" in text:
        return "extraction workers"
    if "uvicorn" in text or "prefect.server" in text:
        return "prefect server"
    return "other"


def tree_sample(pid: int, cpu: dict[int, tuple[str, float]] | None = None) -> int:
    """Resident bytes of a process and all its descendants (0 once it is gone); with `cpu`,
    also each process's role and CPU seconds so far (the last sample of a process that has
    exited stands for its total)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
            if cpu is not None:
                t = p.cpu_times()
                role = "flow" if p.pid == pid else (cpu[p.pid][0] if p.pid in cpu else _role(p.cmdline()))
                cpu[p.pid] = (role, t.user + t.system)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def tree_rss(pid: int) -> int:
    return tree_sample(pid)


def run_ingest_process(paths: list[Path], warehouse: Path, workers: int, extra: list[str] | None = None,
                       label: str = "", lkjip_home: Path | None = None) -> RunFigures:
    """One `lkjip ingest` as a child process, its peak tree RSS sampled while it runs. With
    `lkjip_home`, it reports to the lkjip server running there; without, to a temporary server."""
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", *map(str, paths), "--warehouse", str(warehouse),
           "--workers", str(workers), "--quiet", *(extra or [])]
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="ERROR")
    if lkjip_home is not None:
        env["LKJIP_HOME"] = str(lkjip_home)
    elif "PREFECT_API_URL" not in env:  # a temporary server of its own, on its own database: no
        home = warehouse.with_name(warehouse.name + ".prefect")  # contention with other runs' servers
        if not warehouse.exists():  # a fresh run starts fresh; a rerun keeps it (no migrations)
            shutil.rmtree(home, ignore_errors=True)
        env.update(PREFECT_HOME=str(home), LKJIP_HOME=str(home / "no-lkjip-server"))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    peak = 0
    cpu: dict[int, tuple[str, float]] = {}
    while proc.poll() is None:
        peak = max(peak, tree_sample(proc.pid, cpu))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    by_role: dict[str, float] = {}
    for role, seconds in cpu.values():
        by_role[role] = by_role.get(role, 0.0) + seconds
    out = proc.stdout.read() if proc.stdout else ""
    m = _SECONDS.search(out)
    docs, pages = _counts(warehouse)
    if proc.returncode not in (0, 1):
        print(out[-3000:], file=sys.stderr)
    return RunFigures(label or f"workers {workers}", docs, pages, wall, float(m.group(1)) if m else wall, peak,
                      proc.returncode, by_role)


def _counts(warehouse: Path) -> tuple[int, int]:
    import duckdb

    if not warehouse.exists():
        return 0, 0
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        n, pages = con.execute("SELECT count(*), coalesce(sum(n_pages), 0) FROM documents").fetchone()
        return int(n), int(pages)
    finally:
        con.close()


def batch_folder(documents: int, seed: int = 1) -> Path:
    """/tmp/lkjip-bench/batch-N: the first N documents of the generator (hard links into the
    largest batch generated so far, so 250 and 1,000 share their first 250 files)."""
    from pipeline.quality.batchgen import generate

    folder = BENCH_ROOT / f"batch-{documents}-seed{seed}"
    if len(list(folder.glob("*.pdf"))) >= documents:
        return folder
    bigger = sorted((p for p in BENCH_ROOT.glob(f"batch-*-seed{seed}") if p != folder),
                    key=lambda p: -len(list(p.glob("*.pdf"))))
    folder.mkdir(parents=True, exist_ok=True)
    if bigger and len(list(bigger[0].glob("*.pdf"))) >= documents:
        for i in range(documents):
            src, dst = bigger[0] / f"doc-{i:05d}.pdf", folder / f"doc-{i:05d}.pdf"
            if not dst.exists():
                os.link(src, dst)
        return folder
    generate(folder, documents, seed)
    return folder


def bare_pymupdf(paths: list[Path]) -> tuple[int, float]:
    """(pages, seconds) to open every PDF and extract its plain text: the floor under any ingest."""
    import pymupdf

    pages, started = 0, time.perf_counter()
    for path in paths:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
                pages += 1
    return pages, time.perf_counter() - started


def corpus_text_pdfs(corpus: Path = CORPUS) -> list[Path]:
    """The development corpus's text PDFs: every page has its own text layer (no page that the
    ingest would OCR, no hidden OCR layer under a page image)."""
    import pymupdf

    from extractors.ocr.engine import hidden_text_layer
    from extractors.pdf.reader import FEW_WORDS, needs_ocr, read_page

    def text_only(path: Path) -> bool:
        with pymupdf.open(path) as doc:
            return not any(hidden_text_layer(page) or (len(page.get_text("words")) < FEW_WORDS
                                                       and needs_ocr(read_page(page))) for page in doc)

    return [p for folder in CORPUS_TEXT_FOLDERS for p in sorted((corpus / folder).glob("*.pdf")) if text_only(p)]


@contextmanager
def bench_server(home: Path) -> Iterator[Path]:
    """An lkjip server under `home` for the benchmark's ingests, stopped at the end."""
    from pipeline.batch import prefect_server

    previous = os.environ.get("LKJIP_HOME")
    os.environ["LKJIP_HOME"] = str(home)
    try:
        started = time.perf_counter()
        info, _ = prefect_server.start()
        print(f"lkjip server started in {time.perf_counter() - started:.1f} s ({info.api_url})", flush=True)
        yield home
    finally:
        prefect_server.stop()
        if previous is None:
            os.environ.pop("LKJIP_HOME", None)
        else:
            os.environ["LKJIP_HOME"] = previous


def one_document_walls(work: Path, home: Path) -> tuple[float, list[float]]:
    """Wall seconds of `lkjip ingest` of one small text report: cold (no server running: Prefect's
    temporary one starts) and warm (the lkjip server running), each on a fresh warehouse."""
    cold = run_ingest_process([ONE_DOCUMENT], work / "one-cold.duckdb", 1, label="cold").wall
    warm = []
    for k in range(WARM_REPEATS):
        warm.append(run_ingest_process([ONE_DOCUMENT], work / f"one-warm-{k}.duckdb", 1, label="warm",
                                       lkjip_home=home).wall)
    return cold, warm


def prefect_task_overhead(tasks: int = 200) -> dict[str, float]:
    """What one Prefect task costs, measured on no-op tasks (with the document task's options)
    through the thread runner the ingest uses, reporting to the running lkjip server: wall
    seconds per task in the flow, and CPU seconds per task in this process (the task engine)
    and in the server (recording the task run's states and events, asynchronously: the wall
    time does not show it)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    import psutil
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.task_runners import ThreadPoolTaskRunner

    import flows  # noqa: F401  (Prefect imported the way the ingest imports it)
    from pipeline.batch import prefect_server

    @task(cache_policy=NO_CACHE, persist_result=False)
    def noop(i: int) -> int:
        return i

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=2), persist_result=False)
    def many(n: int) -> float:
        started = time.perf_counter()
        futures = [noop.submit(i) for i in range(n)]
        for f in futures:
            f.result()
        return time.perf_counter() - started

    info = prefect_server.status()
    root = psutil.Process(info.pid) if info else None

    def server_cpu() -> float:
        total = 0.0
        for p in ([root, *root.children(recursive=True)] if root else []):
            t = p.cpu_times()
            total += t.user + t.system
        return total

    with prefect_server.using(prefect_server.choose_api()):
        many(5)  # first-task costs out of the measurement
        idle = _idle_cpu_rate(server_cpu)
        cpu0, srv0 = time.process_time(), server_cpu()
        wall = many(tasks)
        time.sleep(3.0)  # let the server finish recording the last events
        return {"wall": wall / tasks, "flow_cpu": (time.process_time() - cpu0) / tasks,
                "server_cpu": max(0.0, server_cpu() - srv0 - (wall + 3.0) * idle) / tasks}


def _idle_cpu_rate(server_cpu) -> float:
    """CPU seconds per second the server burns when idle (its services' loops)."""
    t0 = server_cpu()
    time.sleep(2.0)
    return max(0.0, (server_cpu() - t0) / 2.0)


def _mb(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB"


def _ingest_line(r: RunFigures, bare_pages_per_s: float) -> str:
    return (f"{r.label}: {r.documents} docs, {r.pages} pages in {r.wall:.1f} s end to end ({r.flow:.1f} s in the "
            f"flow): {r.pages_per_s_wall:.1f} pages/s end to end, {r.pages_per_s:.1f} in the flow; ratio to bare "
            f"PyMuPDF {r.pages_per_s_wall / bare_pages_per_s if bare_pages_per_s else 0:.3f}; {r.docs_per_s:.2f} "
            f"docs/s; peak RSS (process tree) {_mb(r.peak_rss)}; exit {r.exit_code}")


def run_bench(batch: int | None = None, small: int = 250, workers: list[int] | None = None, seed: int = 1,
              folder: Path | None = None, overhead_tasks: int = 200) -> dict:
    """Every figure of the benchmark, printed as it comes; also returned. Documents: `folder`,
    else a generated batch of `batch` documents, else the development corpus's text PDFs."""
    workers = workers or [1, 2]
    out: dict = {}
    work = BENCH_ROOT / "runs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    home = BENCH_ROOT / "home"
    if folder is not None:
        paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".pdf", ".txt"))
        what = str(folder)
    elif batch is not None:
        t = time.perf_counter()
        folder = batch_folder(batch, seed)
        paths = sorted(folder.glob("*.pdf"))
        what = f"{folder} ({time.perf_counter() - t:.0f} s to generate or find)"
    else:
        paths = corpus_text_pdfs()
        if not paths:
            raise SystemExit(f"no development corpus at {CORPUS}: give a folder or --batch N")
        what = f"development corpus text PDFs ({', '.join(CORPUS_TEXT_FOLDERS)} under {CORPUS})"
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    pages, bare = bare_pymupdf(pdfs)
    bare_rate = out["bare_pymupdf_pages_per_s"] = pages / bare if bare else 0.0
    print(f"documents: {what}: {len(paths)} files, {pages} PDF pages; bare PyMuPDF open + get_text: "
          f"{bare_rate:,.0f} pages/s (one process)", flush=True)

    with bench_server(home):
        cold, warm = one_document_walls(work, home)
        out["one_document"] = {"cold": cold, "warm": warm}
        print(f"one-document ingest ({ONE_DOCUMENT.name}), wall: cold {cold:.1f} s (no server running: Prefect's "
              f"temporary one), warm {statistics.median(warm):.1f} s (lkjip server running; median of "
              f"{len(warm)}: {', '.join(f'{w:.1f}' for w in warm)})", flush=True)

        runs: dict[int, RunFigures] = {}
        for w in workers:
            r = run_ingest_process(paths, work / f"w{w}.duckdb", w, label=f"workers {w}", lkjip_home=home)
            runs[w] = r
            print(_ingest_line(r, bare_rate), flush=True)
            print("    CPU per document: " + ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(r.cpu_per_doc_ms.items())),
                  flush=True)
        out["runs"] = runs
        if len(runs) >= 2:
            lo, hi = runs[min(runs)], runs[max(runs)]
            out["scaling"] = hi.pages_per_s_wall / lo.pages_per_s_wall if lo.pages_per_s_wall else 0.0
            print(f"scaling workers {min(runs)} → {max(runs)}: ×{out['scaling']:.2f} end to end "
                  f"(on {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f})", flush=True)

        last = max(runs)
        rerun = run_ingest_process(paths, work / f"w{last}.duckdb", last, label="rerun", lkjip_home=home)
        out["rerun"] = rerun
        print(f"rerun of the same documents (everything skipped): {rerun.wall:.1f} s end to end "
              f"({rerun.flow:.2f} s in the flow)", flush=True)

        if batch is not None and small and small < len(paths):
            s = run_ingest_process(sorted(batch_folder(small, seed).glob("*.pdf")), work / f"small-w{last}.duckdb",
                                   last, label=f"{small} docs", lkjip_home=home)
            out["small"] = s
            big = runs[last]
            print(f"peak RSS, workers {last}: {small} docs {_mb(s.peak_rss)} vs {big.documents} docs "
                  f"{_mb(big.peak_rss)} (ratio {big.peak_rss / max(1, s.peak_rss):.2f})", flush=True)

        cost = prefect_task_overhead(overhead_tasks)
    out["prefect_task_overhead"] = cost
    extraction = runs[min(runs)].cpu_per_doc_ms.get("extraction workers", 0.0)
    prefect_ms = 1000 * (cost["flow_cpu"] + cost["server_cpu"])
    print(f"Prefect per task ({overhead_tasks} no-op tasks, thread runner, lkjip server): {cost['wall'] * 1000:.1f} "
          f"ms wall in the flow; CPU {cost['flow_cpu'] * 1000:.1f} ms in the flow process + "
          f"{cost['server_cpu'] * 1000:.1f} ms in the server = {prefect_ms:.0f} ms, against {extraction:.0f} ms "
          f"CPU to extract the mean document ({100 * prefect_ms / extraction if extraction else 0:.0f}%)", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark a whole ingest.")
    parser.add_argument("path", nargs="?", type=Path, help="a folder of documents")
    parser.add_argument("--batch", type=int, default=None,
                        help="documents to generate (default: the development corpus's text PDFs)")
    parser.add_argument("--small", type=int, default=250, help="smaller batch for the memory comparison")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    run_bench(args.batch, args.small, [int(w) for w in args.workers.split(",")], args.seed, args.path)


if __name__ == "__main__":
    main()
