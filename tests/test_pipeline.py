"""The whole flow on raw/: a validated release with every contract table."""
from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsevents.assemble import ValidationFailed
from newsevents.files import sha256_file
from schemas import TABLES

from .conftest import run_pipeline


def test_latest_points_at_release_with_all_tables(seed_output, seed_release):
    latest = json.loads((seed_output / "latest.json").read_text())
    assert seed_release.name == latest["version"]
    for name, spec in TABLES.items():
        parquet = seed_release / "parquet" / f"{name}.parquet"
        csv_path = seed_release / "csv" / f"{name}.csv"
        columns = pq.read_schema(parquet).names
        assert columns == spec.columns
        with csv_path.open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == columns


def test_every_table_passes_its_schema(seed_release):
    for name, spec in TABLES.items():
        df = pd.read_parquet(seed_release / "parquet" / f"{name}.parquet")
        assert list(df.columns) == spec.columns
    docs = pd.read_parquet(seed_release / "parquet" / "documents.parquet")
    assert len(docs) == 1
    assert docs.loc[0, "published_precision"] == "month"
    assert str(docs.loc[0, "published_date"]) == "2024-10-01"


def test_tables_are_not_empty_for_the_seed(seed_release):
    manifest = json.loads((seed_release / "manifest.json").read_text())
    for name in ("documents", "sentences", "actors", "places", "mentions", "events",
                 "quantities"):
        assert manifest["tables"][name]["rows"] > 0, name


def test_manifest_checksums_match_files(seed_release):
    manifest = json.loads((seed_release / "manifest.json").read_text())
    for info in manifest["tables"].values():
        for kind in ("parquet", "csv"):
            entry = info[kind]
            assert sha256_file(seed_release / entry["path"]) == entry["sha256"]


def test_schema_failure_keeps_previous_release(tmp_path, seed_output):
    output = tmp_path / "output"
    shutil.copytree(seed_output, output)
    before = (output / "latest.json").read_text()
    # Corrupt one stored extraction: a sentence starting before the text does.
    entry_path = next((output / ".store").rglob("*.json.gz"))
    import gzip

    entry = json.loads(gzip.decompress(entry_path.read_bytes()))
    entry["columns"]["sentences"]["start"][0] = -5
    entry_path.write_bytes(gzip.compress(json.dumps(entry).encode()))
    raw = seed_output.parent / "raw"
    with pytest.raises(ValidationFailed) as info:
        run_pipeline(raw, output)
    assert "sentences" in str(info.value)
    assert (output / "latest.json").read_text() == before
    reports = list((output / "failures").glob("*.csv"))
    assert len(reports) == 1
    failures = pd.read_csv(reports[0])
    assert {"table", "column", "check", "failure_case"} <= set(failures.columns)
    assert ((failures["table"] == "sentences") & (failures["column"] == "start")).any()
    assert not [p for p in (output / "releases").iterdir() if p.name.startswith(".")]
