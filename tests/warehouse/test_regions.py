"""pipeline.warehouse.regions and `lkjip regions load`: canonical names, the Kemendagri list, region codes."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.warehouse.regions import (
    RegionIndex,
    RegionListError,
    canonical_region_name,
    load_regions,
    read_region_list,
    region_key,
)
from pipeline.warehouse.store import connect_readonly, open_writer
from tests.fixtures.warehouse_docs import doc, load

REFERENCE = Path(__file__).parents[2].parent / "shared" / "reference" / "wilayah-kemendagri.csv"
runner = CliRunner()

# How official lists print names: upper case, `KAB.`, provinces without `Provinsi`, a BOM, blanks.
TINY = ("\ufeffkode,nama\n15,JAMBI\n15.71,KOTA JAMBI\n35,JAWA TIMUR\n35.09,KAB. JEMBER\n32,JAWA BARAT\n"
        "31,DKI JAKARTA\n31.73,KOTA ADM. JAKARTA BARAT \n35.09.01,KENCONG\n")


@pytest.fixture
def tiny_csv(tmp_path) -> Path:
    path = tmp_path / "wilayah.csv"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.mark.parametrize("printed, canonical", [
    ("Pemerintah Kota Jambi", "KOTA JAMBI"),
    ("Setda Kota Jambi", "KOTA JAMBI"),
    ("SEKRETARIAT DAERAH KOTA JAMBI TAHUN 2023", "KOTA JAMBI"),
    ("Kab. Jember", "KABUPATEN JEMBER"),
    ("Pemkab Jember", "KABUPATEN JEMBER"),
    ("Pemprov Jabar", "PROVINSI JAWA BARAT"),
    ("Pemerintah Provinsi Jawa Barat", "PROVINSI JAWA BARAT"),
    ("Kota Adm. Jakarta Barat", "KOTA ADMINISTRASI JAKARTA BARAT"),
    ("Pemerintah Daerah Khusus Ibukota Jakarta", "PROVINSI DKI JAKARTA"),
    ("Dinas Kesehatan", None),
    ("", None),
])
def test_canonical_region_name(printed: str, canonical: str | None) -> None:
    assert canonical_region_name(printed) == canonical


def test_keys_meet_across_spellings() -> None:
    assert region_key("KABUPATEN JEMBER") == region_key("Kab. Jember") == ("kabupaten", "JEMBER")
    assert region_key("KOTA ADMINISTRASI JAKARTA BARAT") == region_key("Kota Adm. Jakarta Barat") == ("kota", "JAKARTABARAT")
    assert region_key("PROVINSI DKI JAKARTA") == region_key("Daerah Khusus Ibukota Jakarta", "provinsi")
    assert region_key("PROVINSI JAWA BARAT") == region_key("Jawa Barat", "provinsi") == region_key("PROVINSI JABAR")
    assert region_key("KOTA JAMBI") != region_key("PROVINSI JAMBI")


def test_tiny_list_is_read_as_printed(tiny_csv) -> None:
    listing = read_region_list(tiny_csv)
    by_code = {r.kode: r for r in listing.regions}
    assert listing.skipped == 1  # the kecamatan row
    assert by_code["35.09"].canonical_name == "KABUPATEN JEMBER" and by_code["35.09"].region_type == "kabupaten"
    assert by_code["32"].canonical_name == "PROVINSI JAWA BARAT" and by_code["32"].region_type == "provinsi"
    assert by_code["31.73"].canonical_name == "KOTA ADMINISTRASI JAKARTA BARAT"
    assert by_code["31.73"].nama == "KOTA ADM. JAKARTA BARAT"  # as printed, blanks trimmed
    index = RegionIndex(listing.regions)
    assert index.resolve("KOTA JAMBI", "kota").kode == "15.71"
    assert index.resolve("PROVINSI JAMBI").kode == "15"
    assert index.resolve("JAMBI").kode is None  # province or kota: not guessed
    assert "2 entries" in index.resolve("JAMBI").reason


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("code;label\n15;Jambi\n", "expected columns kode,nama"),
    ("kode,nama\n15.71.01.1001,Desa\n", "no province or kabupaten/kota rows"),
])
def test_unreadable_lists_say_why(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(RegionListError, match=message):
        read_region_list(path)


def _docs():
    return [doc("jambi", region="KOTA JAMBI", region_type="kota"),
            doc("jember", region="KABUPATEN JEMBER", region_type="kabupaten", unit="Bagian Organisasi"),
            doc("jabar", region="PROVINSI JAWA BARAT", region_type="provinsi", unit="Dinas Perindustrian"),
            doc("jakbar", region="KOTA ADMINISTRASI JAKARTA BARAT", region_type="kota", unit=None),
            doc("atlantis", region="KOTA ATLANTIS", region_type="kota", unit="Dinas X"),
            doc("unknown", region=None, unit="Dinas Y")]


def _codes(db: Path) -> dict[str, str | None]:
    con = connect_readonly(db)
    try:
        return dict(con.execute("SELECT region_name, region_code FROM documents WHERE region_name IS NOT NULL").fetchall())
    finally:
        con.close()


def _region_flags(db: Path) -> list[tuple]:
    con = connect_readonly(db)
    try:
        return con.execute("SELECT d.region_name, f.severity, f.scope, f.message FROM flags f JOIN documents d "
                           "USING (doc_id) WHERE f.rule = 'region_unresolved'").fetchall()
    finally:
        con.close()


def test_load_fills_codes_and_flags_the_rest(tmp_path, tiny_csv) -> None:
    db = load(tmp_path / "w.duckdb", *_docs())
    with open_writer(db) as writer:
        summary = load_regions(writer, tiny_csv)
        summary_again = load_regions(writer, tiny_csv)  # reloading replaces, never duplicates
    assert (summary.resolved, len(summary.unresolved), summary.without_region) == (4, 1, 1)
    assert summary_again.resolved == 4
    assert _codes(db) == {"KOTA JAMBI": "15.71", "KABUPATEN JEMBER": "35.09", "PROVINSI JAWA BARAT": "32",
                          "KOTA ADMINISTRASI JAKARTA BARAT": "31.73", "KOTA ATLANTIS": None}
    flags = _region_flags(db)
    assert len(flags) == 1
    name, severity, scope, message = flags[0]
    assert (name, severity, scope) == ("KOTA ATLANTIS", "warning", "document")
    assert "'KOTA ATLANTIS' is not in the region list" in message and "wilayah.csv" in message


def test_a_list_without_the_region_clears_an_old_code(tmp_path, tiny_csv) -> None:
    db = load(tmp_path / "w.duckdb", *_docs())
    with open_writer(db) as writer:
        load_regions(writer, tiny_csv)
    smaller = tmp_path / "small.csv"
    smaller.write_text("kode,nama\n15.71,Kota Jambi\n")
    with open_writer(db) as writer:
        load_regions(writer, smaller)
    codes = _codes(db)
    assert codes["KOTA JAMBI"] == "15.71" and codes["KABUPATEN JEMBER"] is None
    assert len(_region_flags(db)) == 4


def test_loading_while_an_ingest_writes_is_refused(tmp_path, tiny_csv) -> None:
    db = load(tmp_path / "w.duckdb", *_docs())
    with open_writer(db):
        result = runner.invoke(app, ["regions", "load", str(tiny_csv), "--warehouse", str(db)])
    assert result.exit_code == 1 and "busy" in result.output


def test_cli_regions_load(tmp_path, tiny_csv) -> None:
    db = load(tmp_path / "w.duckdb", *_docs())
    result = runner.invoke(app, ["regions", "load", str(tiny_csv), "--warehouse", str(db)])
    assert result.exit_code == 0, result.output
    assert "4 resolved, 1 unresolved" in result.output and "raw/atlantis.txt" in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM regions").fetchone()[0] == 7
    con.close()
    missing = runner.invoke(app, ["regions", "load", str(tmp_path / "nope.csv"), "--warehouse", str(db)])
    assert missing.exit_code == 2 and "no such file" in missing.output


@pytest.fixture(scope="module")
def reference() -> Path:
    if not REFERENCE.exists():
        pytest.skip(f"reference region list not found at {REFERENCE} (../shared beside the checkout)")
    return REFERENCE


def test_official_list_loads_38_provinces_and_514_kabupaten_kota(reference) -> None:
    listing = read_region_list(reference)
    kinds = [r.region_type for r in listing.regions]
    assert (kinds.count("provinsi"), kinds.count("kabupaten") + kinds.count("kota")) == (38, 514)
    assert not listing.problems
    index = RegionIndex(listing.regions)
    # every entry is found again under its own name and under our canonical form, and only there
    assert all(index.resolve(r.nama, r.region_type).kode == r.kode for r in listing.regions)
    assert all(index.resolve(r.canonical_name).kode == r.kode for r in listing.regions)


@pytest.mark.parametrize("name, code", [
    ("KOTA JAMBI", "15.71"), ("KABUPATEN JEMBER", "35.09"), ("PROVINSI JAWA BARAT", "32"),
    ("KOTA ADMINISTRASI JAKARTA BARAT", "31.73"), ("KOTA ADMINISTRASI JAKARTA UTARA", "31.72"),
    ("PROVINSI DKI JAKARTA", "31"), ("PROVINSI DI YOGYAKARTA", "34"), ("KABUPATEN SLEMAN", "34.04"),
    ("KOTA BOGOR", "32.71"), ("KABUPATEN BOGOR", "32.01"), ("KOTA TANGERANG", "36.71"),
    ("KABUPATEN KEPULAUAN SIAU TAGULANDANG", "71.09"),  # three words kept of `Kep. Siau Tagulandang Biaro`
    ("KABUPATEN TAPANULI", None), ("KOTA ATLANTIS", None),
])
def test_official_list_resolves_document_names(reference, name: str, code: str | None) -> None:
    assert RegionIndex(read_region_list(reference).regions).resolve(name).kode == code


def test_official_list_through_the_cli(reference, tmp_path) -> None:
    db = load(tmp_path / "w.duckdb", *_docs())
    result = runner.invoke(app, ["regions", "load", str(reference), "--warehouse", str(db)])
    assert result.exit_code == 0, result.output
    assert "552 loaded" in result.output
    assert _codes(db)["KOTA ADMINISTRASI JAKARTA BARAT"] == "31.73"
