"""Document metadata (type, region, unit, year) from title pages and page headers.

Read from the first pages' text; what the document does not print comes from a `manifest.csv`
beside the files or from command-line options (see `pipeline.manifest`).
"""

from __future__ import annotations

import re
from collections import Counter

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
_REGION = re.compile(
    r"\b(kota\s+administrasi|kota\s+adm\.|kota|kabupaten|kab\.?|provinsi|propinsi|prov\.|pemkot|pemkab|pemprov)"
    r"[ \t]+((?:[A-Z][A-Za-z'\-]+|[A-Z]{2,})(?:[ \t]+(?:[A-Z][A-Za-z'\-]+|[A-Z]{2,})){0,2})",
    re.IGNORECASE,
)
_STOP_WORDS = {"TAHUN", "NOMOR", "TENTANG", "DENGAN", "DAN", "YANG", "PADA", "UNTUK", "SEBAGAI", "PERIODE",
               "DALAM", "SELAKU", "TELAH", "ATAS", "BERDASARKAN"}
_ABBREVIATIONS = {"JABAR": "JAWA BARAT", "JATENG": "JAWA TENGAH", "JATIM": "JAWA TIMUR", "DKI": "DKI JAKARTA",
                  "SUMUT": "SUMATERA UTARA", "SUMBAR": "SUMATERA BARAT", "SUMSEL": "SUMATERA SELATAN",
                  "KALTIM": "KALIMANTAN TIMUR", "KALBAR": "KALIMANTAN BARAT", "SULSEL": "SULAWESI SELATAN",
                  "NTB": "NUSA TENGGARA BARAT", "NTT": "NUSA TENGGARA TIMUR", "DIY": "DI YOGYAKARTA"}
_UNIT = re.compile(
    r"^\s*(?:(?:pemerintah\s+daerah|perangkat\s+daerah|unit\s+kerja|skpd|opd|instansi|satuan\s+kerja)\s*:\s*)?"
    r"((?:sekretariat|dinas|badan|bagian|inspektorat|kecamatan|biro|satuan|kantor|rsud|rumah\s+sakit|"
    r"kelurahan|unit\s+pelaksana|upt|uptd)\b[^\n:]{2,120})",
    re.I | re.M,
)
_UNIT_FIELD = re.compile(r"(?:perangkat\s+daerah|unit\s+kerja|skpd|opd|pemerintah\s+daerah)\s*:\s*([^\n]{3,120})", re.I)
_YEAR_LABEL = re.compile(r"(?:tahun(?:\s+anggaran)?|TA\.?)\s*:?\s*(20\d\d)\b", re.I)
_YEAR = re.compile(r"\b(20[0-4]\d)\b")
_MARKUP = re.compile(r"[#*_>|]+|</?[bi]>")


def _clean(text: str) -> str:
    return _MARKUP.sub(" ", text)


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
    m = _UNIT_FIELD.search(title)
    candidates = [m.group(1)] if m else []
    candidates += [u.group(1) for u in _UNIT.finditer(title)]
    for cand in candidates:
        unit = " ".join(cand.split()).strip(" .,:-")
        # cut the region off the unit: 'Sekretariat Daerah Kota Jambi' → 'Sekretariat Daerah'
        unit = re.split(r"\s+(?:kota|kabupaten|kab\.|provinsi|pemerintah)\b", unit, flags=re.I)[0]
        unit = re.split(r"\s+tahun\b", unit, flags=re.I)[0].strip(" .,:-")
        if 5 <= len(unit) <= 100:
            return unit
    return None


def detect_year(title: str) -> int | None:
    m = _YEAR_LABEL.search(title)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(title))
    return years.most_common(1)[0][0] if years else None


def read_metadata(page_texts: list[str]) -> DocumentMeta:
    title = _clean("\n".join(page_texts[:3]))[:TITLE_CHARS]
    meta = DocumentMeta(doc_type=detect_doc_type(title))
    region = detect_region(title)
    if region:
        meta.region_type, meta.region_name = region
    meta.unit_name = detect_unit(title, meta.region_name)
    meta.year = detect_year(title)
    meta.sources = {k: "document" for k in ("doc_type", "region_name", "unit_name", "year")
                    if getattr(meta, k) not in (None, "other")}
    return meta
