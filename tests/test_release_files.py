"""File formats users rely on: typed zstd Parquet, RFC 4180 CSV, readers that agree."""
from __future__ import annotations

import csv
import json

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas import TABLES

from .release_data import publish_rows, table_rows

EXPECTED_TYPES = {"date": pa.date32(), "integer": pa.int64(), "number": pa.float64(),
                  "boolean": pa.bool_(), "string": pa.string()}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return publish_rows(tmp_path_factory.mktemp("files") / "out", table_rows()).path


def test_parquet_types_descriptions_and_zstd(release):
    package = json.loads((release / "datapackage.json").read_text())
    types = {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]}
             for r in package["resources"]}
    for name, spec in TABLES.items():
        pf = pq.ParquetFile(release / "parquet" / f"{name}.parquet")
        schema = pf.schema_arrow
        columns = spec.schema.columns
        for field in schema:
            assert field.type == EXPECTED_TYPES[types[name][field.name]], (name, field.name)
            assert field.nullable == columns[field.name].nullable
            assert field.metadata[b"description"].decode() == columns[field.name].description
        for rg in range(pf.metadata.num_row_groups):
            for i in range(pf.metadata.num_columns):
                assert pf.metadata.row_group(rg).column(i).compression == "ZSTD"
    events = pq.read_schema(release / "parquet" / "events.parquet")
    assert events.field("date_start").type == pa.date32()
    assert pq.read_schema(release / "parquet" / "quantities.parquet").field(
        "is_derived").type == pa.bool_()


def test_csv_is_rfc4180_utf8_iso_dates_empty_nulls(release):
    raw = (release / "csv" / "documents.csv").read_bytes()
    raw.decode("utf-8")  # strict: raises on anything but UTF-8
    with (release / "csv" / "documents.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, first = rows[0], rows[1]
    assert header == TABLES["documents"].columns
    doc = dict(zip(header, first))
    # a quote, a comma and a newline survive inside one field
    assert doc["text"] in {d["text"] for d in table_rows()["documents"]}
    assert doc["published_date"] == "2024-10-01"
    line = raw.decode().splitlines()[1]
    assert ',"",' in line  # an empty string is quoted ...
    assert ',,' in line  # ... a null is an empty field
    with (release / "csv" / "quantities.csv").open(encoding="utf-8", newline="") as f:
        q = next(csv.DictReader(f))
    assert q["is_derived"] == "false" and q["per_unit"] == "" and float(q["value"]) == 200


def _row_counts(folder):
    counts = {}
    for name in TABLES:
        path = str(folder / "parquet" / f"{name}.parquet")
        counts[name] = {
            "pandas": len(pd.read_parquet(path)),
            "polars": pl.read_parquet(path).height,
            "duckdb": duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0],
            "csv": len(pd.read_csv(folder / "csv" / f"{name}.csv", dtype=str))}
    return counts


def test_pandas_polars_duckdb_agree(release):
    manifest = json.loads((release / "manifest.json").read_text())
    for name, by_reader in _row_counts(release).items():
        assert set(by_reader.values()) == {manifest["tables"][name]["rows"]}, (name, by_reader)


def test_pandas_polars_duckdb_agree_on_the_seed_release(seed_release):
    manifest = json.loads((seed_release / "manifest.json").read_text())
    for name, by_reader in _row_counts(seed_release).items():
        assert set(by_reader.values()) == {manifest["tables"][name]["rows"]}, (name, by_reader)
    # dates come back as dates, not strings, in every reader
    docs = pl.read_parquet(seed_release / "parquet" / "documents.parquet")
    assert docs.schema["published_date"] == pl.Date
