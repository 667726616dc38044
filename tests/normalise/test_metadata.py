"""pipeline.normalise.metadata: doc type, region, unit and year from title pages."""

from __future__ import annotations

import pytest

from pipeline.normalise.metadata import canonical_region, detect_doc_type, read_metadata


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


def test_letter_spacing_ocr_province_names_and_regulation_years() -> None:
    meta = read_metadata(["INSPEKTORAT P R O V I N S I J A W A B A R A T\nBerdasarkan Peraturan Nomor 41 Tahun 2007\n"
                          "PERJANJIAN KINERJA TAHUN 2016\nDinas Peternakan Provinsi Jawa Sarat\n"])
    assert (meta.doc_type, meta.region_name, meta.year) == ("pk", "PROVINSI JAWA BARAT", 2016)


def test_most_named_unit_is_cut_before_the_region() -> None:
    meta = read_metadata(["Pembangunan di Provinsi Jawa Barat dari tahun ketahun\nStrategis Dinas Peternakan Provinsi "
                          "Jawa Barat Tahun 2013\nBiro Humas sebagai lembaga\nDinas Peternakan Provinsi Jawa Barat\n"])
    assert meta.unit_name == "Dinas Peternakan"


def test_file_name_fills_doc_type_and_the_reported_year() -> None:
    meta = read_metadata(["BADAN PENANGGULANGAN BENCANA\nDAERAH PROVINSI JAWA BARAT\nTAHUN 2017\n"], "jabar/LKIP BPBD 2016.pdf")
    assert (meta.doc_type, meta.year, meta.sources["year"]) == ("lkjip", 2016, "file name")
    assert read_metadata(["Urusan/Program"], "PK_Kadis 2016.pdf").doc_type == "pk"


def test_a_upts_pk_is_the_upts_though_its_dinas_heads_the_page() -> None:
    page = ("PERJANJIAN KINERJA TAHUN 2016\nDINAS PARIWISATA DAN KEBUDAYAAN PROVINSI JAWA BARAT\n\n"
            "KEPALA BALAI PENGELOLAAN ANJUNGAN JAWA BARAT\n\nNo\nSASARAN STRATEGIS\n")
    assert read_metadata([page]).unit_name == "BALAI PENGELOLAAN ANJUNGAN JAWA BARAT"
    dinas = page.replace("KEPALA BALAI PENGELOLAAN ANJUNGAN JAWA BARAT", "KEPALA DINAS PARIWISATA DAN KEBUDAYAAN")
    assert read_metadata([dinas]).unit_name == "DINAS PARIWISATA DAN KEBUDAYAAN"
    report = "LAPORAN KINERJA 2016\n" + page.split("\n", 1)[1]  # not a PK: the dinas' report
    assert read_metadata([report]).unit_name == "DINAS PARIWISATA DAN KEBUDAYAAN"
