"""A long property campaign, outside the normal suite: the number parser's and the text-table
reader's property tests run with many more examples than `pytest` gives them.

    python -m tests.fuzz.fuzz_properties [--examples 20000] [--only roundtrip] [--seed N]

Each property is the very test body of tests/normalise/test_numbers.py / tests/extractors/test_fuzz_text.py, with the
same strategies, under `max_examples=--examples`, no deadline, no health checks and no example
database (a failure prints its falsifying example and a `@reproduce_failure` blob instead).
A finding is a property that fails. Each property prints its calls (examples, plus shrinking
when one fails), seconds and outcome; the run exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import functools
import time
import traceback

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from pipeline.normalise.numbers import ENGLISH, INDONESIAN
from tests.extractors import test_fuzz_text as text_tests
from tests.normalise import test_numbers as number_tests

CONVENTIONS = st.sampled_from([None, INDONESIAN, ENGLISH])
SEPARATORS = st.sampled_from([",", "."])

# name → (test whose body runs, its strategies in argument order)
PROPERTIES = {
    "numbers.never_raises_on_any_text": (number_tests.test_never_raises_on_any_text, (st.text(), CONVENTIONS)),
    "numbers.never_raises_on_numberish_text": (number_tests.test_never_raises_on_numberish_text,
                                               (number_tests.NUMBERISH, CONVENTIONS)),
    "numbers.convention_only_fills_in_ambiguity": (number_tests.test_convention_only_fills_in_ambiguity,
                                                   (number_tests.NUMBERISH,)),
    "numbers.roundtrip": (number_tests.test_roundtrip, (number_tests.decimals(), SEPARATORS)),
    "numbers.roundtrip_rupiah": (number_tests.test_roundtrip_rupiah,
                                 (st.integers(-(10**15) + 1, 10**15 - 1), SEPARATORS, st.booleans())),
    "numbers.roundtrip_percent": (number_tests.test_roundtrip_percent, (number_tests.decimals(), SEPARATORS)),
    "numbers.infer_convention_is_order_independent": (number_tests.test_infer_convention_is_order_independent,
                                                      (number_tests.CELLS, st.randoms(use_true_random=False))),
    "text.never_raises_and_values_come_from_their_cells": (
        text_tests.test_text_path_never_raises_and_values_come_from_their_cells, (text_tests.DOC,)),
}


def campaign(name: str, examples: int, run_seed: int | None) -> tuple[str, int, float, str]:
    """(name, examples run, seconds, outcome)."""
    test, strategies = PROPERTIES[name]
    inner = test.hypothesis.inner_test  # the test's own assertions, without its pytest settings
    calls = 0

    @functools.wraps(inner)  # @given reads the arguments' names from the signature
    def body(*args, **kwargs):
        nonlocal calls
        calls += 1
        return inner(*args, **kwargs)

    prop = settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink])(given(*strategies)(body))
    if run_seed is not None:
        prop = seed(run_seed)(prop)
    started = time.monotonic()
    try:
        prop()
        outcome = "ok"
    except Exception as exc:  # a falsified property (or an error inside it): a finding
        outcome = f"FAILED: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        traceback.print_exc()
    return name, calls, time.monotonic() - started, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="max_examples per property")
    parser.add_argument("--only", default="", help="run the properties whose name contains this")
    parser.add_argument("--seed", type=int, default=None, help="fix Hypothesis' seed (default: random)")
    args = parser.parse_args(argv)
    names = [n for n in PROPERTIES if args.only in n]
    if not names:
        raise SystemExit(f"no property matches {args.only!r}; known: {', '.join(PROPERTIES)}")
    results = []
    for name in names:
        name, calls, seconds, outcome = campaign(name, args.examples, args.seed)
        results.append((name, calls, seconds, outcome))
        print(f"{name}: {calls} calls ({args.examples} examples asked), {seconds:.0f} s, {outcome}", flush=True)
    failed = [r for r in results if r[3] != "ok"]
    print(f"{len(results)} properties, {sum(r[1] for r in results)} calls in {sum(r[2] for r in results):.0f} s; "
          f"{len(failed)} findings")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
