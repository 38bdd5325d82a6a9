"""changes.json: what changed since the previous release, by primary key.

Per table: how many rows were added, removed and changed, and the removed keys
(tombstones), so a user holding the previous release can sync by fetching the
new rows instead of everything. Rows are compared by a 64-bit hash of all
their values, read a batch at a time, so memory grows with the number of keys,
not with the size of the text columns.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES, TableSpec

# pandas' default conversion turns an int column with nulls into float, which
# would hash 3 and 3.0 differently; nullable dtypes hash the same values alike.
_NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
             pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype(),
             pa.large_string(): pd.StringDtype()}


def row_digests(source: BinaryIO | str, spec: TableSpec) -> dict[tuple, int]:
    """Primary key -> hash of the whole row, for one Parquet table."""
    out: dict[tuple, int] = {}
    pf = pq.ParquetFile(source)
    for batch in pf.iter_batches(batch_size=65536):
        df = batch.to_pandas(types_mapper=_NULLABLE.get)
        hashes = pd.util.hash_pandas_object(df, index=False).tolist()
        keys = zip(*(batch.column(k).to_pylist() for k in spec.primary_key))
        out.update(zip(keys, hashes))
    return out


def compare(old: dict[tuple, int], new: dict[tuple, int]) -> dict:
    removed = sorted(k for k in old if k not in new)
    added = sum(1 for k in new if k not in old)
    changed = sum(1 for k, h in new.items() if k in old and old[k] != h)
    return {"added": added, "removed": len(removed), "changed": changed,
            "unchanged": len(new) - added - changed,
            "removed_keys": [list(k) for k in removed]}


def changes(version: str, previous: str | None,
            open_old: Callable[[str], BinaryIO | None],
            open_new: Callable[[str], str]) -> dict:
    """open_old gives an open file of the previous release's table (None: it had none),
    open_new the path of the new one."""
    tables = {}
    for name, spec in TABLES.items():
        old: dict[tuple, int] = {}
        source = open_old(name) if previous else None
        if source is not None:
            with source:
                old = row_digests(source, spec)
        new = row_digests(open_new(name), spec)
        tables[name] = {"primary_key": list(spec.primary_key), **compare(old, new)}
    return {"version": version, "previous": previous, "tables": tables}

