"""Region names and Kemendagri codes.

Documents write one region many ways (`Pemerintah Kota Jambi`, `Setda Kota Jambi`, `Kab. Jember`,
`Pemprov Jabar`); `pipeline.normalise.metadata` turns them into one canonical upper-case name
(`KOTA JAMBI`, `KABUPATEN JEMBER`, `PROVINSI JAWA BARAT`). Official lists write the same regions
yet other ways (`Kota Jambi`, `KAB. JEMBER`, `Jawa Barat` and `Daerah Khusus Ibukota Jakarta` for
provinces, trailing blanks). Both sides are reduced to a matching key — (region type, the place
name without prefix, punctuation or spaces) — and a document's `region_code` is the one list
entry with its key. A name that matches none, or several, keeps `region_code` NULL and gets a
`region_unresolved` warning: a wrong code is worse than none.

The list is the user's (`lkjip regions load FILE.csv`, columns `kode,nama`); nothing is bundled.
Loading goes through the warehouse's single writer.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pipeline.normalise.metadata import _ABBREVIATIONS, detect_region
from pipeline.warehouse.store import Writer

RULE = "region_unresolved"
TYPES = ("provinsi", "kabupaten", "kota")

# Prefixes as lists and documents print them, longest first; punctuation is gone by then.
_PREFIXES: tuple[tuple[str, str, bool], ...] = (  # (prefix, region type, administrasi)
    ("KABUPATEN ADMINISTRASI", "kabupaten", True), ("KAB ADMINISTRASI", "kabupaten", True),
    ("KAB ADM", "kabupaten", True), ("KOTA ADMINISTRASI", "kota", True), ("KOTA ADM", "kota", True),
    ("PEMERINTAH KABUPATEN", "kabupaten", False), ("PEMERINTAH KOTA", "kota", False),
    ("PEMERINTAH PROVINSI", "provinsi", False),
    ("KABUPATEN", "kabupaten", False), ("KAB", "kabupaten", False), ("PEMKAB", "kabupaten", False),
    ("KOTA", "kota", False), ("PEMKOT", "kota", False),
    ("PROVINSI", "provinsi", False), ("PROPINSI", "provinsi", False), ("PROV", "provinsi", False),
    ("PEMPROV", "provinsi", False),
)
# Province names with more than one official or customary form, reduced to one core name.
_PROVINCE_ALIASES = {
    **_ABBREVIATIONS,
    "DAERAH KHUSUS IBUKOTA JAKARTA": "JAKARTA", "DAERAH KHUSUS JAKARTA": "JAKARTA", "DKI JAKARTA": "JAKARTA",
    "DAERAH KHUSUS IBUKOTA": "JAKARTA", "DKI": "JAKARTA",
    "DAERAH ISTIMEWA YOGYAKARTA": "YOGYAKARTA", "DI YOGYAKARTA": "YOGYAKARTA", "DIY": "YOGYAKARTA",
    "DAERAH ISTIMEWA": "YOGYAKARTA",
    "NANGGROE ACEH DARUSSALAM": "ACEH", "NAD": "ACEH",
    "BANGKA BELITUNG": "KEPULAUAN BANGKA BELITUNG", "BABEL": "KEPULAUAN BANGKA BELITUNG",
    "KEPRI": "KEPULAUAN RIAU", "KALTENG": "KALIMANTAN TENGAH", "KALSEL": "KALIMANTAN SELATAN",
    "KALTARA": "KALIMANTAN UTARA", "SULUT": "SULAWESI UTARA", "SULTENG": "SULAWESI TENGAH",
    "SULTRA": "SULAWESI TENGGARA", "SULBAR": "SULAWESI BARAT", "MALUT": "MALUKU UTARA",
}
# Phrases that name a province without the word `Provinsi` (so metadata's pattern misses them).
_BARE_PROVINCES = re.compile(
    r"\b(daerah\s+khusus\s+(?:ibukota\s+)?jakarta|dki\s+jakarta|daerah\s+istimewa\s+yogyakarta|"
    r"d\.?\s?i\.?\s+yogyakarta|diy)\b", re.I)
_WORD_ALIASES = {"KEP": "KEPULAUAN", "KEPL": "KEPULAUAN"}  # `Kabupaten Kep. Siau Tagulandang Biaro`
_NON_WORD = re.compile(r"[^0-9A-Z]+")
_CODE = re.compile(r"^\d{1,2}(?:\.\d{1,4}){0,3}$")
PREFIX_MIN = 6  # characters of a key that may stand for a longer name (metadata keeps 3 words)


class RegionListError(ValueError):
    """The region list cannot be read; the message says what to fix."""


# --------------------------------------------------------------------------- names and keys
def canonical_region_name(text: str | None) -> str | None:
    """The canonical upper-case name of the region a phrase names, as documents.region_name
    writes it: `Setda Kota Jambi` → `KOTA JAMBI`, `Pemprov Jabar` → `PROVINSI JAWA BARAT`;
    None when the phrase names no region."""
    if not text or not text.strip():
        return None
    found = detect_region(" ".join(text.split()))
    if found:
        return found[1]
    m = _BARE_PROVINCES.search(text)
    if m:  # metadata's own spelling of the two special regions
        return "PROVINSI DKI JAKARTA" if "JAKARTA" in m.group(1).upper() else "PROVINSI DI YOGYAKARTA"
    return None


def split_region(name: str, region_type: str | None = None) -> tuple[str | None, str, bool]:
    """(region type, place name, administrasi) of a region name in any of the usual forms;
    the type from the prefix, else `region_type`."""
    words = " ".join(_NON_WORD.sub(" ", name.upper()).split())
    kind, admin = region_type if region_type in TYPES else None, False
    for prefix, prefix_type, prefix_admin in _PREFIXES:
        if words == prefix or words.startswith(prefix + " "):
            kind, admin = prefix_type, prefix_admin
            words = words[len(prefix):].strip()
            break
    if words.startswith("ADMINISTRASI "):  # `KABUPATEN ADMINISTRASI …` spelt in two steps
        words, admin = words[len("ADMINISTRASI "):], True
    words = " ".join(_WORD_ALIASES.get(w, w) for w in words.split())
    return kind, words, admin


def _province_core(place: str) -> str:
    return _PROVINCE_ALIASES.get(place, place)


def region_key(name: str, region_type: str | None = None) -> tuple[str | None, str]:
    """Matching key: (type, place name without spaces or punctuation). Province names are
    reduced to one form (`DKI JAKARTA` and `Daerah Khusus Ibukota Jakarta` → `JAKARTA`)."""
    kind, place, _ = split_region(name, region_type)
    if kind in (None, "provinsi"):
        aliased = _province_core(place)
        if kind == "provinsi" or aliased != place:
            place = aliased
    return kind, place.replace(" ", "")


# --------------------------------------------------------------------------- the official list
@dataclass(frozen=True)
class Region:
    kode: str
    nama: str  # as printed in the list (trimmed)
    region_type: str
    canonical_name: str
    province_kode: str

    @property
    def key(self) -> tuple[str, str]:
        kind, place = region_key(self.canonical_name, self.region_type)
        return kind or self.region_type, place


@dataclass
class RegionList:
    regions: list[Region]
    skipped: int = 0  # kecamatan / desa rows (codes with more than two parts)
    problems: list[str] = field(default_factory=list)  # rows that could not be read


def _region_of(kode: str, nama: str) -> Region:
    parts = kode.split(".")
    kode = ".".join(p.zfill(2) for p in parts)
    if len(parts) == 1:
        _, place, _ = split_region(nama, "provinsi")
        return Region(kode, nama, "provinsi", f"PROVINSI {place}", kode)
    kind, place, admin = split_region(nama)
    if kind not in ("kabupaten", "kota"):  # a list that prints only `JEMBER`: 71-99 are kota by convention
        kind = "kota" if int(parts[1]) >= 71 else "kabupaten"
    prefix = {"kabupaten": "KABUPATEN", "kota": "KOTA"}[kind] + (" ADMINISTRASI" if admin else "")
    return Region(kode, nama, kind, f"{prefix} {place}", kode.split(".")[0])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_region_list(path: Path) -> RegionList:
    """Provinces and kabupaten/kota of a `kode,nama` CSV (`,` `;` or tab separated, any case of
    header, UTF-8 or Windows-1252); kecamatan and desa rows are skipped."""
    try:
        text = _decode(Path(path).read_bytes())
    except OSError as exc:
        raise RegionListError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not text.strip():
        raise RegionListError(f"{path} is empty; expected a CSV with columns kode,nama")
    first = text.splitlines()[0]
    delimiter = max(",;\t|", key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    kode_col = columns.get("kode") or columns.get("code") or columns.get("kode_wilayah")
    nama_col = columns.get("nama") or columns.get("name") or columns.get("nama_wilayah")
    if not kode_col or not nama_col:
        raise RegionListError(f"{path}: expected columns kode,nama; found {', '.join(columns) or 'none'}")
    out = RegionList(regions=[])
    seen: dict[str, Region] = {}
    for n, row in enumerate(reader, start=2):
        kode = (row.get(kode_col) or "").strip()
        nama = " ".join((row.get(nama_col) or "").split())
        if not kode and not nama:
            continue
        if not _CODE.match(kode) or not nama:
            out.problems.append(f"line {n}: kode {kode!r}, nama {nama!r} is not a region row")
            continue
        if kode.count(".") > 1:
            out.skipped += 1
            continue
        region = _region_of(kode, nama)
        if region.kode in seen and seen[region.kode] != region:
            out.problems.append(f"line {n}: kode {region.kode} listed twice (kept the last)")
        seen[region.kode] = region
    out.regions = list(seen.values())
    if not out.regions:
        raise RegionListError(f"{path}: no province or kabupaten/kota rows (kode like 15 or 15.71)")
    return out


# --------------------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Resolution:
    kode: str | None
    reason: str | None = None  # why not, for the flag's message


class RegionIndex:
    """Looks documents' region names up in one list."""

    def __init__(self, regions: list[Region]) -> None:
        self.by_key: dict[tuple[str, str], list[Region]] = defaultdict(list)
        for r in regions:
            self.by_key[r.key].append(r)

    def _candidates(self, kind: str | None, place: str) -> list[Region]:
        kinds = [kind] if kind else list(TYPES)
        exact = [r for k in kinds for r in self.by_key.get((k, place), [])]
        if exact or len(place) < PREFIX_MIN:
            return exact
        # metadata keeps three words of a name: `KEPULAUAN SIAU TAGULANDANG` of `… BIARO`
        return [r for (k, p), rs in self.by_key.items() if k in kinds and p.startswith(place) for r in rs]

    def resolve(self, region_name: str | None, region_type: str | None = None) -> Resolution:
        if not region_name or not region_name.strip():
            return Resolution(None, "no region name")
        kind, place = region_key(region_name, region_type)
        if not place:
            return Resolution(None, f"{region_name!r} names no place")
        found = self._candidates(kind, place)
        if len(found) == 1:
            return Resolution(found[0].kode)
        if not found:
            return Resolution(None, f"{region_name!r} is not in the region list")
        listed = ", ".join(f"{r.kode} {r.nama}" for r in found[:4])
        return Resolution(None, f"{region_name!r} matches {len(found)} entries of the region list ({listed})")


# --------------------------------------------------------------------------- loading
@dataclass
class LoadSummary:
    regions: Counter = field(default_factory=Counter)  # by region type
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    resolved: int = 0
    without_region: int = 0
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (source_path, reason)


def _flag_id(doc_id: str) -> str:
    return f"{doc_id}-region"  # the whole doc_id: one such flag per document, never a collision


def load_regions(writer: Writer, path: Path) -> LoadSummary:
    """Replace the `regions` table with the list in `path` and fill every document's
    `region_code` from it, in one transaction of the single writer. Documents whose region
    cannot be resolved get a `region_unresolved` warning (earlier ones are replaced)."""
    listing = read_region_list(path)
    index = RegionIndex(listing.regions)
    summary = LoadSummary(regions=Counter(r.region_type for r in listing.regions),
                          skipped=listing.skipped, problems=listing.problems)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with writer.connection() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM regions")
            con.executemany("INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [[r.kode, r.nama, r.region_type, r.canonical_name, r.province_kode,
                              Path(path).name, now] for r in listing.regions])
            con.execute("DELETE FROM flags WHERE rule = ?", [RULE])
            docs = con.execute("SELECT doc_id, source_path, region_name, region_type, region_code "
                               "FROM documents ORDER BY source_path").fetchall()
            codes, flags = [], []
            for doc_id, source_path, region_name, region_type, old_code in docs:
                if not region_name:
                    summary.without_region += 1
                    if old_code is not None:
                        codes.append((doc_id, None))
                    continue
                res = index.resolve(region_name, region_type)
                if res.kode:
                    summary.resolved += 1
                else:
                    summary.unresolved.append((source_path, res.reason or ""))
                    flags.append([_flag_id(doc_id), RULE, "warning", doc_id,
                                  f"Region {res.reason} ({Path(path).name}, {len(listing.regions)} "
                                  "regions): region_code left empty; correct the region in a manifest.csv "
                                  "or load a list that has it."])
                if res.kode != old_code:
                    codes.append((doc_id, res.kode))
            if codes:  # one UPDATE for all: a thousand documents in one statement
                con.execute("CREATE OR REPLACE TEMP TABLE region_codes (doc_id VARCHAR, code VARCHAR)")
                con.executemany("INSERT INTO region_codes VALUES (?, ?)", codes)
                con.execute("UPDATE documents SET region_code = c.code FROM region_codes c "
                            "WHERE documents.doc_id = c.doc_id")
                con.execute("DROP TABLE region_codes")
            if flags:
                con.executemany("INSERT INTO flags (flag_id, rule, severity, doc_id, message, scope) "
                                "VALUES (?, ?, ?, ?, ?, 'document')", flags)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return summary
