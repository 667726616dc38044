"""A bounded fuzz campaign on the PDF path: mutated copies of real PDFs through extract_document.

    python -m tests.fuzz.fuzz_pdf [--seconds 300] [--corpus ../shared/corpus] [--seed 1]

Each mutant (bytes flipped, ranges zeroed or duplicated, the file truncated, objects spliced
from another file) runs in a child process with a time and memory limit. A finding is a mutant
that kills the child (crash, out of memory), hangs past the limit, or makes extract_document
raise instead of returning a `failed` document. Findings are saved under /tmp/lkjip-fuzz/ and
summarised at the end; a clean run prints `0 findings`.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import time
from pathlib import Path

TIME_LIMIT = 20.0
MEMORY_LIMIT = 2 << 30
OUT = Path("/tmp/lkjip-fuzz")


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("flip", "zero", "dup", "truncate", "splice", "digits"))
        if not buf:
            break
        i = rng.randrange(len(buf))
        if kind == "flip":
            for k in range(rng.randint(1, 16)):
                j = (i + k) % len(buf)
                buf[j] ^= 1 << rng.randrange(8)
        elif kind == "zero":
            buf[i:i + rng.randint(1, 4096)] = bytes(min(4096, len(buf) - i))
        elif kind == "dup":
            chunk = buf[i:i + rng.randint(1, 4096)]
            buf[i:i] = chunk * rng.randint(1, 8)
        elif kind == "truncate":
            del buf[rng.randint(max(1, len(buf) // 4), len(buf)):]
        elif kind == "splice" and other:
            j = rng.randrange(len(other))
            buf[i:i + rng.randint(1, 8192)] = other[j:j + rng.randint(1, 8192)]
        elif kind == "digits":  # numbers in content streams and xref offsets
            for k in range(rng.randint(1, 32)):
                j = (i + k) % len(buf)
                if 48 <= buf[j] <= 57:
                    buf[j] = 48 + rng.randrange(10)
    return bytes(buf)


def _child(path: str, queue: mp.Queue) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from pipeline.extract import extract_document

    try:
        doc = extract_document(path)
        queue.put(("ok", doc.status, doc.error or ""))
    except BaseException as exc:  # extract_document must not raise: that is a finding
        queue.put(("raised", type(exc).__name__, str(exc)[:300]))


def run_one(path: Path) -> tuple[str, str]:
    queue: mp.Queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_child, args=(str(path), queue))
    proc.start()
    proc.join(TIME_LIMIT)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return "hang", f"still running after {TIME_LIMIT:.0f} s"
    if proc.exitcode != 0:
        return "crash", f"child died with exit code {proc.exitcode}"
    outcome = queue.get(timeout=5)
    if outcome[0] == "raised":
        return "raised", f"{outcome[1]}: {outcome[2]}"
    return "ok", outcome[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-size", type=int, default=1_500_000, help="skip seed PDFs larger than this")
    args = parser.parse_args(argv)
    seeds = [p for p in sorted(args.corpus.rglob("*.pdf")) if p.stat().st_size <= args.max_size]
    if not seeds:
        raise SystemExit(f"no seed PDFs under {args.corpus}")
    rng = random.Random(args.seed)
    OUT.mkdir(parents=True, exist_ok=True)
    started, runs, findings = time.monotonic(), 0, []
    statuses: dict[str, int] = {}
    while time.monotonic() - started < args.seconds:
        seed, other = rng.choice(seeds), rng.choice(seeds)
        mutant = OUT / f"mutant-{runs}.pdf"
        mutant.write_bytes(mutate(seed.read_bytes(), other.read_bytes(), rng))
        kind, detail = run_one(mutant)
        runs += 1
        if kind == "ok":
            statuses[detail] = statuses.get(detail, 0) + 1
            mutant.unlink()
        else:
            findings.append((mutant, seed.name, kind, detail))
            print(f"FINDING {kind}: {mutant} (from {seed.name}): {detail}", flush=True)
    print(f"{runs} mutants of {len(seeds)} seed PDFs in {time.monotonic() - started:.0f} s; "
          f"statuses {statuses}; {len(findings)} findings")


if __name__ == "__main__":
    main()
