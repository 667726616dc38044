"""Benchmarks of a whole ingest: throughput, scaling, memory, rerun, and what Prefect costs.

Every ingest is a real `lkjip ingest` process on a fresh warehouse under /tmp, so what is
measured is what a user gets. Peak memory is the resident memory of the whole process tree
(the flow process, its extraction workers, Prefect's temporary server), sampled every 0.2 s.

    python -m pipeline.quality.bench --batch 1000          # generates /tmp/lkjip-bench/batch-1000 once
    lkjip bench PATH --workers 1,2                 # an existing folder of documents

Figures only: nothing here asserts a time (tests never do either).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_ROOT = Path(os.environ.get("LKJIP_BENCH_DIR", "/tmp/lkjip-bench"))
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


def run_ingest_process(folder: Path, warehouse: Path, workers: int, extra: list[str] | None = None,
                       label: str = "") -> RunFigures:
    """One `lkjip ingest` as a child process, its peak tree RSS sampled while it runs."""
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(folder), "--warehouse", str(warehouse),
           "--workers", str(workers), "--quiet", *(extra or [])]
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="ERROR")
    if "PREFECT_API_URL" not in env:  # a temporary server of its own, on its own database: no
        home = warehouse.with_name(warehouse.name + ".prefect")  # contention with other runs' servers
        if not warehouse.exists():  # a fresh run starts fresh; a rerun keeps it (no migrations)
            shutil.rmtree(home, ignore_errors=True)
        env["PREFECT_HOME"] = str(home)
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


def bare_pymupdf(folder: Path) -> tuple[int, float]:
    """(pages, seconds) to open every PDF and extract its plain text: the floor under any ingest."""
    import pymupdf

    pages, started = 0, time.perf_counter()
    for path in sorted(folder.glob("*.pdf")):
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
                pages += 1
    return pages, time.perf_counter() - started


def prefect_task_overhead(tasks: int = 200) -> dict[str, float]:
    """What one Prefect task costs, measured on no-op tasks through the thread runner the
    ingest uses: wall seconds per task in the flow, and CPU seconds per task in this process
    (the task engine) and in Prefect's server (recording the task run's states and events,
    asynchronously: the wall time does not show it)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    import psutil
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL
    from prefect.task_runners import ThreadPoolTaskRunner

    @task(cache_policy=NO_CACHE)
    def noop(i: int) -> int:
        return i

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=2))
    def many(n: int) -> float:
        started = time.perf_counter()
        futures = [noop.submit(i) for i in range(n)]
        for f in futures:
            f.result()
        return time.perf_counter() - started

    many(5)  # server start-up and first-task costs out of the measurement
    server = None
    if not PREFECT_API_URL.value():
        proc = SubprocessASGIServer().server_process
        server = psutil.Process(proc.pid) if proc is not None else None

    def server_cpu() -> float:
        if server is None:
            return 0.0
        t = server.cpu_times()
        return t.user + t.system

    cpu0, srv0 = time.process_time(), server_cpu()
    wall = many(tasks)
    time.sleep(3.0)  # let the server finish recording the last events
    return {"wall": wall / tasks, "flow_cpu": (time.process_time() - cpu0) / tasks,
            "server_cpu": (server_cpu() - srv0 - 3.0 * _idle_cpu_rate(server)) / tasks}


def _idle_cpu_rate(server) -> float:
    """CPU seconds per second the server burns when idle (its services' loops)."""
    if server is None:
        return 0.0
    t0 = server.cpu_times()
    time.sleep(2.0)
    t1 = server.cpu_times()
    return max(0.0, (t1.user + t1.system - t0.user - t0.system) / 2.0)


def _mb(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB"


def run_bench(batch: int = 1000, small: int = 250, workers: list[int] | None = None, seed: int = 1,
              folder: Path | None = None, overhead_tasks: int = 200) -> dict:
    """Every figure of the benchmark, printed as it comes; also returned."""
    workers = workers or [1, 2]
    out: dict = {}
    work = BENCH_ROOT / "runs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if folder is None:
        t = time.perf_counter()
        folder = batch_folder(batch, seed)
        print(f"batch: {folder} ({time.perf_counter() - t:.0f} s to generate or find)", flush=True)
    n_docs = len([p for p in folder.rglob("*") if p.suffix.lower() in (".pdf", ".txt")])
    pages, bare = bare_pymupdf(folder)
    out["bare_pymupdf_pages_per_s"] = pages / bare if bare else 0.0
    print(f"{n_docs} documents, {pages} pages; bare PyMuPDF open + get_text: {pages / bare:,.0f} pages/s "
          f"(one process)", flush=True)

    runs: dict[int, RunFigures] = {}
    for w in workers:
        db = work / f"w{w}.duckdb"
        r = run_ingest_process(folder, db, w, label=f"workers {w}")
        runs[w] = r
        print(f"workers {w}: {r.documents} docs, {r.pages} pages in {r.flow:.1f} s (flow; {r.wall:.1f} s with "
              f"Prefect start-up): {r.docs_per_s:.2f} docs/s, {r.pages_per_s:.1f} pages/s; "
              f"peak RSS (process tree) {_mb(r.peak_rss)}; exit {r.exit_code}", flush=True)
        print("    CPU per document: " + ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(r.cpu_per_doc_ms.items())),
              flush=True)
    out["runs"] = runs
    if len(runs) >= 2:
        lo, hi = runs[min(runs)], runs[max(runs)]
        out["scaling"] = hi.docs_per_s / lo.docs_per_s if lo.docs_per_s else 0.0
        print(f"scaling workers {min(runs)} → {max(runs)}: ×{out['scaling']:.2f} "
              f"(on {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f})", flush=True)

    last = max(runs)
    rerun = run_ingest_process(folder, work / f"w{last}.duckdb", last, label="rerun")
    out["rerun"] = rerun
    print(f"rerun of the same batch (everything skipped): {rerun.flow:.2f} s in the flow, {rerun.wall:.1f} s with "
          f"Prefect start-up", flush=True)

    if folder.name.startswith("batch-") and small and small < n_docs:
        small_folder = batch_folder(small, seed)
        s = run_ingest_process(small_folder, work / f"small-w{last}.duckdb", last, label=f"{small} docs")
        out["small"] = s
        big = runs[last]
        print(f"peak RSS, workers {last}: {small} docs {_mb(s.peak_rss)} vs {big.documents} docs "
              f"{_mb(big.peak_rss)} (ratio {big.peak_rss / max(1, s.peak_rss):.2f})", flush=True)

    cost = prefect_task_overhead(overhead_tasks)
    out["prefect_task_overhead"] = cost
    ref = runs[min(runs)]
    extraction = ref.cpu_per_doc_ms.get("extraction workers", 0.0)
    prefect_ms = 1000 * (cost["flow_cpu"] + cost["server_cpu"])
    print(f"Prefect per task ({overhead_tasks} no-op tasks, thread runner): {cost['wall'] * 1000:.1f} ms wall in "
          f"the flow; CPU {cost['flow_cpu'] * 1000:.1f} ms in the flow process + {cost['server_cpu'] * 1000:.1f} ms "
          f"in Prefect's server = {prefect_ms:.0f} ms, against {extraction:.0f} ms CPU to extract the mean "
          f"document ({100 * prefect_ms / extraction if extraction else 0:.0f}%)", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark a whole ingest.")
    parser.add_argument("path", nargs="?", type=Path, help="a folder of documents (default: generate one)")
    parser.add_argument("--batch", type=int, default=1000, help="documents to generate (default 1000)")
    parser.add_argument("--small", type=int, default=250, help="smaller batch for the memory comparison")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    run_bench(args.batch, args.small, [int(w) for w in args.workers.split(",")], args.seed, args.path)


if __name__ == "__main__":
    main()
