"""Prefect flows.

Prefect imports pandas (0.4 s of every `lkjip ingest`'s start) only to give pandas DataFrames
stable cache keys (`prefect.cache_policies`); no lkjip task has a cache key (NO_CACHE), so the
first import of Prefect here is made without it. pandas stays importable afterwards.
"""

import sys

if "prefect" not in sys.modules and "pandas" not in sys.modules:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ImportError
    try:
        import prefect.cache_policies  # noqa: F401
    finally:
        del sys.modules["pandas"]
