"""Paths from manifests and folders cannot lead the tool outside the roots it was given."""

from __future__ import annotations

import pytest

from pipeline.batch.discover import discover, read_manifest


def test_manifest_rows_cannot_point_outside_their_folder(tmp_path) -> None:
    root = tmp_path / "batch"
    root.mkdir()
    (root / "manifest.csv").write_text("path,region,unit,year,doc_type\n../../etc/passwd,KOTA X,Dinas,2023,pk\n")
    with pytest.raises(ValueError, match="outside the manifest's folder"):
        read_manifest(root / "manifest.csv")


def test_links_to_files_elsewhere_are_not_followed(tmp_path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("No\tProgram\tAnggaran\n1\tProgram A\tRp. 1.000.000\n")
    root = tmp_path / "batch"
    root.mkdir()
    (root / "report.txt").write_text("No\tProgram\tAnggaran\n1\tProgram B\tRp. 2.000.000\n")
    (root / "link.txt").symlink_to(outside)
    (root / "dir-link").symlink_to(tmp_path)
    found, _ = discover([root])
    assert [c.source_path for c in found] == ["batch/report.txt"]


def test_ingest_refuses_a_bad_manifest_with_exit_2(tmp_path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    root = tmp_path / "batch"
    root.mkdir()
    (root / "manifest.csv").write_text("path,region,unit,year,doc_type\n../x.txt,KOTA X,Dinas,2023,pk\n")
    result = CliRunner().invoke(app, ["ingest", str(root), "--warehouse", str(tmp_path / "w.duckdb"), "-q"])
    assert result.exit_code == 2 and "outside the manifest" in result.output
