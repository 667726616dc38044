"""Finding the documents of a batch, and the manifest rows that describe them.

`manifest.csv` (columns `path,region,unit,year,doc_type`, paths relative to the manifest's
folder) supplies what documents do not print — the Tangerang forms name only their OPD.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import SUPPORTED_SUFFIXES, Overrides

MANIFEST_NAME = "manifest.csv"


class ManifestError(ValueError):
    """A manifest row that cannot be used; the message names the file and line."""


@dataclass
class Candidate:
    path: Path  # absolute
    source_path: str  # as shown and stored: relative to the ingest root it was found under
    doc_id: str
    size: int
    overrides: Overrides | None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[Path, Overrides]:
    """Rows of one manifest, keyed by the resolved path of the file they describe."""
    rows: dict[Path, Overrides] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for n, rec in enumerate(csv.DictReader(fh), start=2):
            rec = {(k or "").strip().lower(): (v or "").strip() for k, v in rec.items()}
            if not rec.get("path"):
                continue
            year = rec.get("year") or None
            if year is not None and not year.isdigit():
                raise ManifestError(f"{path}:{n}: year {year!r} is not a number")
            region = rec.get("region") or rec.get("region_name") or None
            target = (path.parent / rec["path"]).resolve()
            if not target.is_relative_to(path.parent.resolve()):
                raise ManifestError(f"{path}:{n}: path {rec['path']!r} points outside the manifest's folder")
            rows[target] = Overrides(
                doc_type=rec.get("doc_type") or None,
                region_name=region.upper() if region else None,
                unit_name=rec.get("unit") or rec.get("unit_name") or None,
                year=int(year) if year else None,
            )
    return rows


def _files_under(root: Path) -> Iterable[Path]:
    """Files below `root`, hidden ones left out, and never a link that leads outside it."""
    if root.is_file():
        yield root
        return
    inside = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts) \
                and path.resolve().is_relative_to(inside):
            yield path


def discover(paths: list[Path]) -> tuple[list[Candidate], list[Path]]:
    """Supported files under `paths` (each with its hash and manifest row) and the files skipped
    for their type. A file given by name is always a candidate, whatever its type."""
    manifests: dict[Path, Overrides] = {}
    for root in paths:
        folder = root if root.is_dir() else root.parent
        for manifest in [*folder.rglob(MANIFEST_NAME)] if root.is_dir() else [folder / MANIFEST_NAME]:
            if manifest.is_file():
                manifests.update(read_manifest(manifest))
    found: list[Candidate] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for root in paths:
        base = root if root.is_dir() else root.parent
        for path in _files_under(root):
            resolved = path.resolve()
            if resolved in seen or path.name == MANIFEST_NAME:
                continue
            seen.add(resolved)
            if root.is_dir() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(path)
                continue
            rel = path.relative_to(base).as_posix() if root.is_dir() else path.name
            shown = f"{base.name}/{rel}" if root.is_dir() else rel
            found.append(Candidate(path=resolved, source_path=shown, doc_id=sha256_file(path),
                                   size=path.stat().st_size, overrides=manifests.get(resolved)))
    return found, skipped
