"""pipeline.metadata: doc type, region, unit and year from title pages."""

from __future__ import annotations

import pytest

from pipeline.metadata import canonical_region, detect_doc_type, read_metadata


@pytest.mark.parametrize("title, doc_type", [
    ("PENGUKURAN KINERJA PEMERINTAH DAERAH TAHUN 2023", "pengukuran"),
    ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024", "lkjip"),
    ("LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH", "lkjip"),
    ("PERJANJIAN KINERJA TAHUN 2016", "pk"),
    ("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "realisasi_triwulan"),
    ("Daftar hadir rapat", "other"),
])
def test_doc_type(title: str, doc_type: str) -> None:
    assert detect_doc_type(title) == doc_type


@pytest.mark.parametrize("kind, name, expected", [
    ("Kota", "Jambi", ("kota", "KOTA JAMBI")),
    ("Kab.", "Jember", ("kabupaten", "KABUPATEN JEMBER")),
    ("Pemprov", "Jabar", ("provinsi", "PROVINSI JAWA BARAT")),
    ("Provinsi", "Jawa Barat Tahun", ("provinsi", "PROVINSI JAWA BARAT")),
    ("KOTA ADMINISTRASI", "JAKARTA BARAT", ("kota", "KOTA ADMINISTRASI JAKARTA BARAT")),
])
def test_canonical_region(kind: str, name: str, expected: tuple[str, str]) -> None:
    assert canonical_region(kind, name) == expected


def test_title_page_fields() -> None:
    meta = read_metadata(["PENGUKURAN KINERJA PEMERINTAH DAERAH TAHUN 2023\n\n"
                          "Pemerintah Daerah : Sekretariat Daerah Kota Jambi\nTahun : 2023\n"])
    assert (meta.doc_type, meta.region_type, meta.region_name, meta.unit_name, meta.year) == (
        "pengukuran", "kota", "KOTA JAMBI", "Sekretariat Daerah", 2023)


def test_nothing_printed_means_nothing_guessed() -> None:
    meta = read_metadata(["Urusan/Program/Kegiatan\tIndikator\n"])
    assert meta.region_name is None and meta.year is None and meta.doc_type == "other"
