"""A year's batch of synthetic realisation reports (PDF, PyMuPDF), for benchmarks.

Each document has a title page (doc type, unit, region, year) and a budget table of program →
kegiatan → sub kegiatan rows with Kode, pagu, realisasi, % and realisasi per triwulan, that
continues over pages under a repeated header. Documents vary the way real ones do: ruled or
borderless tables, Indonesian (`1.234.567,89`) or English (`1,234,567.89`) numbers, 1 to 40
pages (most short, a few long). Parents are the sums of their children and a `Jumlah` row
closes the table, so the checks have real arithmetic to verify.

Deterministic from (seed, index): document k of a 250 batch is document k of a 1,000 batch,
so the two compare like for like. Generated files go under /tmp, never into the repository.

    python -m pipeline.quality.batchgen /tmp/lkjip-batch --documents 1000 --seed 1
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import pymupdf

REGIONS = [
    "KABUPATEN SLEMAN", "KABUPATEN BANTUL", "KOTA BOGOR", "KOTA DEPOK", "KABUPATEN JEMBER",
    "KOTA JAMBI", "KABUPATEN BANDUNG", "KOTA SEMARANG", "KABUPATEN GRESIK", "KOTA MALANG",
    "KABUPATEN SIDOARJO", "KOTA TANGERANG", "KABUPATEN BOGOR", "KOTA PADANG", "KABUPATEN BADUNG",
    "KOTA MAKASSAR", "KABUPATEN KLATEN", "KOTA BEKASI", "KABUPATEN CIREBON", "KOTA MEDAN",
]
UNITS = [
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Sosial",
    "Badan Perencanaan Pembangunan Daerah", "Dinas Komunikasi dan Informatika", "Inspektorat Daerah",
    "Badan Pendapatan Daerah", "Dinas Perhubungan", "Dinas Lingkungan Hidup", "Sekretariat Daerah",
    "Dinas Pertanian dan Pangan", "Badan Penanggulangan Bencana Daerah", "Dinas Kependudukan dan Pencatatan Sipil",
]
PROGRAMS = [
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Program Pengelolaan Pendidikan", "Program Pemenuhan Upaya Kesehatan Perorangan",
    "Program Penyelenggaraan Jalan", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
    "Program Pengelolaan Informasi dan Komunikasi Publik", "Program Penyelenggaraan Pengawasan",
    "Program Pengelolaan Pendapatan Daerah", "Program Penanggulangan Bencana",
    "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup",
]
KEGIATAN = [
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "Administrasi Keuangan Perangkat Daerah",
    "Administrasi Umum Perangkat Daerah", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "Pemeliharaan Barang Milik Daerah",
    "Pengelolaan Pendidikan Sekolah Dasar", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan",
    "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah", "Pelayanan Informasi Rawan Bencana",
]
SUB_KEGIATAN = [
    "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
    "Penyediaan Gaji dan Tunjangan ASN", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
    "Penyediaan Peralatan dan Perlengkapan Kantor", "Penyediaan Barang Cetakan dan Penggandaan",
    "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
    "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Penyediaan Jasa Pelayanan Umum Kantor", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
    "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik", "Diseminasi Informasi Publik",
    "Pembangunan Ruang Kelas Baru", "Penyediaan Pendidik dan Tenaga Kependidikan",
]
DOC_TITLES = [
    ("LAPORAN REALISASI KINERJA TRIWULAN IV", "realisasi_triwulan"),
    ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "lkjip"),
    ("PENGUKURAN KINERJA", "pengukuran"),
]
HEADER = ["Kode", "Program / Kegiatan / Sub Kegiatan", "Pagu Anggaran (Rp)", "Realisasi (Rp)", "%",
          "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
COL_WIDTHS = [78, 180, 86, 86, 38, 76, 76, 76, 76]  # landscape A4: 842 pt wide, the table 772 from x=40
ROW_HEIGHT = 22.0
FONT_SIZE = 6.5
ROWS_PER_PAGE = 21


@dataclass
class Row:
    code: str
    name: str
    level: str  # program, kegiatan, sub_kegiatan, total
    pagu: int
    tw: list[int]  # cumulative realisation per quarter

    @property
    def realisasi(self) -> int:
        return self.tw[3]


def _fmt_amount(value: int, english: bool) -> str:
    s = f"{value:,}"
    return s if english else s.replace(",", ".")


def _fmt_pct(value: Decimal, english: bool) -> str:
    s = f"{value:.2f}"
    return s if english else s.replace(".", ",")


def _sub_rows(rng: random.Random, prog_code: str, keg_no: int, n_sub: int) -> list[Row]:
    rows = []
    for s in range(1, n_sub + 1):
        pagu = rng.randrange(5_000, 900_000) * 1_000
        share = rng.uniform(0.55, 1.0)
        q = sorted(rng.uniform(0.05, 1.0) for _ in range(3)) + [1.0]
        real = int(pagu * share)
        rows.append(Row(f"{prog_code}.2.{keg_no:02d}.{s:04d}", rng.choice(SUB_KEGIATAN), "sub_kegiatan", pagu,
                        [int(real * f) for f in q[:3]] + [real]))
    return rows


def _sum(rows: list[Row], code: str, name: str, level: str) -> Row:
    return Row(code, name, level, sum(r.pagu for r in rows), [sum(r.tw[i] for r in rows) for i in range(4)])


def budget_rows(rng: random.Random, capacity: int) -> list[Row]:
    """Program → kegiatan → sub kegiatan rows, parents the sums of their children, then Jumlah;
    at most `capacity` rows, and never a program cut in two."""
    rows: list[Row] = []
    programs: list[Row] = []
    p = 0
    while True:
        p += 1
        prog_code = f"{rng.randint(1, 3)}.{rng.randint(1, 20):02d}.{p:02d}"
        block: list[Row] = []
        kegs: list[Row] = []
        for k in range(1, rng.randint(1, 3) + 1):
            subs = _sub_rows(rng, prog_code, k, rng.randint(1, 5))
            keg = _sum(subs, f"{prog_code}.2.{k:02d}", rng.choice(KEGIATAN), "kegiatan")
            kegs.append(keg)
            block += [keg, *subs]
        prog = _sum(kegs, prog_code, rng.choice(PROGRAMS), "program")
        if programs and len(rows) + len(block) + 2 > capacity:
            break
        programs.append(prog)
        rows += [prog, *block]
    rows.append(_sum(programs, "", "Jumlah", "total"))
    return rows


def _cells(row: Row, english: bool) -> list[str]:
    pct = (Decimal(row.realisasi) * 100 / Decimal(row.pagu)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return [row.code, row.name, _fmt_amount(row.pagu, english), _fmt_amount(row.realisasi, english),
            _fmt_pct(pct, english), *(_fmt_amount(v, english) for v in row.tw)]


@lru_cache(maxsize=4096)
def _width(text: str, font: str) -> float:
    return pymupdf.get_text_length(text, fontname=font, fontsize=FONT_SIZE)


@lru_cache(maxsize=1024)
def _fit(text: str, width: float, bold: bool) -> str:
    """Cut a name to its column (real reports wrap; the point here is throughput, not wrapping)."""
    font = "hebo" if bold else "helv"
    while text and _width(text, font) > width - 6:
        text = text[:-2]
    return text


def _paint_row(shape: pymupdf.Shape, y: float, cells: list[str], bold: bool) -> None:
    x = 40.0
    font = "hebo" if bold else "helv"
    for i, (text, w) in enumerate(zip(cells, COL_WIDTHS)):
        text = _fit(text, w, bold)
        tx = x + 3 if i <= 1 else x + w - 3 - _width(text, font)
        if text:
            shape.insert_text((tx, y + ROW_HEIGHT / 2 + FONT_SIZE / 3), text, fontsize=FONT_SIZE, fontname=font)
        x += w


def _paint_table_page(page: pymupdf.Page, top: float, rows: list[Row], english: bool, ruled: bool) -> None:
    """One page of the table: ruled (a full lattice) or borderless (rules around the header only).
    Painted through one Shape: a commit per text would cost more than the whole extraction."""
    shape = page.new_shape()
    width = sum(COL_WIDTHS)
    y = top
    _paint_row(shape, y, HEADER, True)
    for k, row in enumerate(rows):
        _paint_row(shape, y + ROW_HEIGHT * (k + 1), _cells(row, english), row.level in ("program", "total"))
    bottom = top + ROW_HEIGHT * (len(rows) + 1)
    shape.draw_line((40, top), (40 + width, top))
    shape.draw_line((40, top + ROW_HEIGHT), (40 + width, top + ROW_HEIGHT))
    if ruled:
        for k in range(len(rows)):
            yy = top + ROW_HEIGHT * (k + 2)
            shape.draw_line((40, yy), (40 + width, yy))
        x = 40.0
        for w in [0, *COL_WIDTHS]:
            x += w
            shape.draw_line((x, top), (x, bottom))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()


def _title_page(doc: pymupdf.Document, title: str, unit: str, region: str, year: int,
                compact: bool = False) -> pymupdf.Page:
    """A cover page; `compact`: the title block on top of a landscape page that also holds the table."""
    width, height, top, size = (842, 595, 40, 11) if compact else (595, 842, 250, 14)
    page = doc.new_page(width=width, height=height)
    for k, line in enumerate([title, unit.upper(), f"PEMERINTAH {region}", f"TAHUN {year}"]):
        w = pymupdf.get_text_length(line, fontname="hebo", fontsize=size)
        page.insert_text(((width - w) / 2, top + size * 2 * k), line, fontsize=size, fontname="hebo")
    page.insert_text((60, top + size * 9 if compact else 520), f"Perangkat Daerah: {unit}", fontsize=9, fontname="helv")
    return page


def n_pages_for(rng: random.Random) -> int:
    """1–40 pages, most of them short (a year's batch is mostly quarterly forms)."""
    return min(40, 1 + int(rng.expovariate(1 / 6)))


def make_document(path: Path, seed: int, index: int) -> int:
    """Write document `index` of batch `seed` to `path`; return its page count."""
    rng = random.Random(f"{seed}/{index}")
    title, _ = rng.choice(DOC_TITLES)
    region, unit, year = rng.choice(REGIONS), rng.choice(UNITS), rng.choice((2022, 2023, 2024))
    english, ruled = rng.random() < 0.3, rng.random() < 0.6
    n_pages = n_pages_for(rng)
    doc = pymupdf.open()
    if n_pages == 1:  # a one-page form: the title block above a short table
        page = _title_page(doc, title, unit, region, year, compact=True)
        _paint_table_page(page, 160.0, budget_rows(rng, 16), english, ruled)
    else:
        _title_page(doc, title, unit, region, year)
        table_pages = n_pages - 1
        rows = budget_rows(rng, table_pages * ROWS_PER_PAGE)
        for p in range(table_pages):
            chunk = rows[p * ROWS_PER_PAGE:(p + 1) * ROWS_PER_PAGE]
            page = doc.new_page(width=842, height=595)
            page.insert_text((40, 30), f"{title.title()} {unit} Tahun {year}", fontsize=8, fontname="helv")
            page.insert_text((400, 580), f"Halaman {p + 2}", fontsize=8, fontname="helv")
            top = 45.0
            if p == 0:
                page.insert_text((40, 52), f"Tabel 1 Realisasi Anggaran per Triwulan Tahun {year}", fontsize=9,
                                 fontname="hebo")
                top = 60.0
            if chunk:
                _paint_table_page(page, top, chunk, english, ruled)
    doc.save(path, garbage=1, deflate=True)
    doc.close()
    return n_pages


def generate(out: Path, documents: int, seed: int = 1) -> tuple[int, int]:
    """Write documents 0..n-1 under `out` (kept if already there); return (documents, pages)."""
    out.mkdir(parents=True, exist_ok=True)
    pages = 0
    for i in range(documents):
        path = out / f"doc-{i:05d}.pdf"
        if path.exists():
            with pymupdf.open(path) as existing:
                pages += existing.page_count
            continue
        tmp = path.with_suffix(".tmp")
        pages += make_document(tmp, seed, i)
        tmp.rename(path)
    return documents, pages


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n, pages = generate(args.out, args.documents, args.seed)
    print(f"{n} documents, {pages} pages in {args.out}")


if __name__ == "__main__":
    main()
