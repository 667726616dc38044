"""Document metadata (type, region, unit, year) from title pages and page headers.

Read from the first pages' text; what the document does not print comes from a `manifest.csv`
beside the files or from command-line options (see `pipeline.manifest`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import PurePath

from schemas.model import DocumentMeta

TITLE_CHARS = 4000

_DOC_TYPES = (
    ("realisasi_triwulan", re.compile(r"realisasi\s+kinerja\s+(?:pada\s+)?triwulan|laporan\s+triwulan", re.I)),
    ("pengukuran", re.compile(r"pengukuran\s+kinerja", re.I)),
    ("pk", re.compile(r"perjanjian\s+kinerja|\bPK\b", re.I)),
    ("lkjip", re.compile(r"laporan\s+(?:akuntabilitas\s+)?kinerja|\bLK[jJ]?IP\b|\bLAKIP\b|\bLKj\b", re.I)),
)
_REGION_TYPES = {
    "kota administrasi": "kota", "kota adm.": "kota", "kota": "kota", "kabupaten": "kabupaten",
    "kab.": "kabupaten", "kab": "kabupaten", "provinsi": "provinsi", "propinsi": "provinsi",
    "prov.": "provinsi", "pemkot": "kota", "pemkab": "kabupaten", "pemprov": "provinsi",
}
# the kind of region in any case, the name capitalised (`kota di Jawa` is prose, not a region)
_REGION = re.compile(
    r"\b((?i:kota\s+administrasi|kota\s+adm\.|kota|kabupaten|kab\.?|provinsi|propinsi|prov\.|pemkot|pemkab|"
    r"pemprov))"
    r"[ \t]+((?:[A-Z][A-Za-z'\-]+)(?:[ \t]+(?:[A-Z][A-Za-z'\-]+)){0,2})",
)
# The 38 provinces: OCR'd names (`JAWA SARAT`) are snapped to the nearest one.
PROVINCES = (
    "ACEH", "SUMATERA UTARA", "SUMATERA BARAT", "RIAU", "JAMBI", "SUMATERA SELATAN", "BENGKULU", "LAMPUNG",
    "KEPULAUAN BANGKA BELITUNG", "KEPULAUAN RIAU", "DKI JAKARTA", "JAWA BARAT", "JAWA TENGAH",
    "DI YOGYAKARTA", "JAWA TIMUR", "BANTEN", "BALI", "NUSA TENGGARA BARAT", "NUSA TENGGARA TIMUR",
    "KALIMANTAN BARAT", "KALIMANTAN TENGAH", "KALIMANTAN SELATAN", "KALIMANTAN TIMUR", "KALIMANTAN UTARA",
    "SULAWESI UTARA", "SULAWESI TENGAH", "SULAWESI SELATAN", "SULAWESI TENGGARA", "GORONTALO",
    "SULAWESI BARAT", "MALUKU", "MALUKU UTARA", "PAPUA", "PAPUA BARAT", "PAPUA SELATAN", "PAPUA TENGAH",
    "PAPUA PEGUNUNGAN", "PAPUA BARAT DAYA",
)
_LETTER_SPACED = re.compile(r"\b(?:[A-Za-z] ){3,}[A-Za-z]\b")
_REGULATION = re.compile(r"(?:nomor|no\.)\s*[\w./-]+\s+tahun\s+\d{4}", re.IGNORECASE)
_UNIT_CUT = re.compile(r"\s+(?:kota|kabupaten|kab\.|provinsi|pemerintah|tahun|sebagai|yang|adalah|pada|dalam|"
                       r"merupakan|di|untuk|selaku|terhadap)\b|[;(]", re.IGNORECASE)
_STOP_WORDS = {"TAHUN", "NOMOR", "TENTANG", "DENGAN", "DAN", "YANG", "PADA", "UNTUK", "SEBAGAI", "PERIODE",
               "DALAM", "SELAKU", "TELAH", "ATAS", "BERDASARKAN"}
_ABBREVIATIONS = {"JABAR": "JAWA BARAT", "JATENG": "JAWA TENGAH", "JATIM": "JAWA TIMUR", "DKI": "DKI JAKARTA",
                  "SUMUT": "SUMATERA UTARA", "SUMBAR": "SUMATERA BARAT", "SUMSEL": "SUMATERA SELATAN",
                  "KALTIM": "KALIMANTAN TIMUR", "KALBAR": "KALIMANTAN BARAT", "SULSEL": "SULAWESI SELATAN",
                  "NTB": "NUSA TENGGARA BARAT", "NTT": "NUSA TENGGARA TIMUR", "DIY": "DI YOGYAKARTA"}
# A unit: its kind, then capitalised words (and `dan`, `&`, `,`): `Dinas Peternakan`, `Biro Humas,
# Protokol dan Umum`, `BADAN PEMBERDAYAAN PEREMPUAN`. A lower-case word ends it.
_UNIT = re.compile(
    r"\b((?i:sekretariat|dinas|badan|bagian|inspektorat|kecamatan|biro|satuan|kantor|rsud|rumah\s+sakit|"
    r"kelurahan|unit\s+pelaksana|upt|uptd|balai)"
    r"(?:(?:[ \t]+|,[ \t]*)(?:[A-Z][\w\-/]*|dan|&))*)"
)
# `KEPALA BALAI PENGELOLAAN ANJUNGAN JAWA BARAT` on its own line: the party of a PK is a UPT
_SUB_UNIT_HEAD = re.compile(r"^\s*kepala\s+((?:balai|upt|uptd|unit\s+pelaksana)\b[^\n]{3,100})$",
                            re.IGNORECASE | re.MULTILINE)
_UNIT_FIELD = re.compile(r"(?:perangkat\s+daerah|unit\s+kerja|skpd|opd|pemerintah\s+daerah)\s*:\s*([^\n]{3,120})", re.I)
_YEAR_LABEL = re.compile(r"(?:tahun(?:\s+anggaran)?|TA\.?)\s*:?\s*(20\d\d)\b", re.I)
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_MARKUP = re.compile(r"[#*_>|]+|</?[bi]>")


def _clean(text: str) -> str:
    """Markup removed, letter-spaced titles (`P R O V I N S I`) joined."""
    text = _MARKUP.sub(" ", text)
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def detect_doc_type(title: str) -> str:
    best: tuple[int, str] | None = None
    for doc_type, pattern in _DOC_TYPES:
        m = pattern.search(title)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), doc_type)
    return best[1] if best else "other"


def canonical_region(kind: str, name: str) -> tuple[str, str] | None:
    """('kota', 'KOTA JAMBI') from ('Kota', 'Jambi'); None if the name is not a place name."""
    region_type = _REGION_TYPES.get(kind.lower().rstrip(), _REGION_TYPES.get(kind.lower().split()[0]))
    words = []
    for w in name.split():
        if w.upper() in _STOP_WORDS:
            break
        words.append(w.upper())
    if not words or not region_type:
        return None
    place = " ".join(words)
    place = _ABBREVIATIONS.get(place, place)
    if region_type == "provinsi":
        close = difflib.get_close_matches(place, PROVINCES, n=1, cutoff=0.8)
        if not close:
            return None
        place = close[0]
    prefix = {"kota": "KOTA", "kabupaten": "KABUPATEN", "provinsi": "PROVINSI"}[region_type]
    if kind.lower().startswith("kota adm"):
        prefix = "KOTA ADMINISTRASI"
    return region_type, f"{prefix} {place}"


def detect_region(title: str) -> tuple[str, str] | None:
    """The region most often named on the title pages (first mention wins a tie)."""
    found: Counter[tuple[str, str]] = Counter()
    order: dict[tuple[str, str], int] = {}
    for m in _REGION.finditer(title):
        region = canonical_region(m.group(1), m.group(2))
        if region:
            found[region] += 1
            order.setdefault(region, m.start())
    if not found:
        return None
    return max(found, key=lambda r: (found[r], -order[r]))


def detect_unit(title: str, region_name: str | None) -> str | None:
    """A `Unit kerja : …` field wins; else the unit phrase named most often (the first on a tie),
    cut before the region, the year or the rest of the sentence."""
    m = _UNIT_FIELD.search(title)
    if m and (unit := _trim_unit(m.group(1))):
        return unit
    seen: dict[str, tuple[int, int, str]] = {}  # lower-case unit -> (count, -first position, as printed)
    for u in _UNIT.finditer(title):
        if unit := _trim_unit(u.group(1)):
            count, first, printed = seen.get(unit.lower(), (0, -u.start(), unit))
            seen[unit.lower()] = (count + 1, first, printed)
    return max(seen.values())[2] if seen else None


def _trim_unit(text: str) -> str | None:
    unit = _UNIT_CUT.split(" ".join(text.split()), maxsplit=1)[0]
    unit = re.sub(r"(?:\s+(?:dan|&))+$", "", unit).strip(" .,:-")
    single = unit.lower() in ("inspektorat", "bappeda", "bapenda", "sekretariat")
    return unit if 5 <= len(unit) <= 80 and (len(unit.split()) >= 2 or single) else None


def detect_year(title: str) -> tuple[int | None, bool]:
    """(year, stated): the year a title states (`LAPORAN KINERJA … TAHUN 2016`) or a `Tahun : 2023`
    field, stated=True; else the most frequent year (regulations such as `Nomor 29 Tahun 2014` not
    counted), stated=False."""
    text = _REGULATION.sub(" ", title)
    for _, pattern in _DOC_TYPES:
        m = pattern.search(text)
        if m:
            after = _YEAR.search(text, m.end(), m.end() + 120)
            if after:
                return int(after.group(1)), True
    m = _YEAR_LABEL.search(text)
    if m:
        return int(m.group(1)), True
    years = Counter(int(y) for y in _YEAR.findall(text))
    return (years.most_common(1)[0][0], False) if years else (None, False)


def read_metadata(page_texts: list[str], filename: str | None = None) -> DocumentMeta:
    """Metadata from the first pages; the file name (`LKIP BPBD 2016.pdf`) fills what they lack."""
    title = _clean("\n".join(page_texts[:3]))[:TITLE_CHARS]
    meta = DocumentMeta(doc_type=detect_doc_type(title))
    region = detect_region(title)
    if region:
        meta.region_type, meta.region_name = region
    meta.unit_name = detect_unit(title, meta.region_name)
    if meta.doc_type == "pk":  # a UPT's PK is headed by its dinas but signed by the UPT's head
        signer = _SUB_UNIT_HEAD.search(title)
        if signer and (unit := _trim_unit(signer.group(1))):
            meta.unit_name = unit
    meta.year, stated = detect_year(title)
    meta.sources = {k: "document" for k in ("doc_type", "region_name", "unit_name", "year")
                    if getattr(meta, k) not in (None, "other")}
    if filename:
        stem = re.sub(r"[_\-]+", " ", PurePath(filename).stem)
        if meta.doc_type == "other" and detect_doc_type(stem) != "other":
            meta.doc_type, meta.sources["doc_type"] = detect_doc_type(stem), "file name"
        named = [int(y) for y in _YEAR.findall(stem)]
        # A report is written the year after the one it reports: a file named `LKIP … 2016` whose
        # cover shows 2017 reports 2016.
        if named and (meta.year is None or not stated or meta.year == named[-1] + 1):
            meta.year, meta.sources["year"] = named[-1], "file name"
    return meta
