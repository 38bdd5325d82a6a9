"""changes.json: what changed since the previous release, by primary key.

Per table: how many rows were added, removed and changed, and the removed keys
(tombstones), so a user holding the previous release can sync by fetching the
new rows instead of everything. Each row becomes two 64-bit hashes (its key and
all its values), read a batch at a time into numpy arrays: 16 bytes a row, so
a table of millions of mentions is compared in tens of MB rather than a
Python dict of tuples. A false "unchanged" needs two different rows to share
a 64-bit hash (about 1e-7 for 5 million rows).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES, TableSpec

# Small batches: the documents table's text becomes Python strings when hashed.
BATCH_ROWS = 8192
# pandas' default conversion turns an int column with nulls into float, which
# would hash 3 and 3.0 differently; nullable dtypes hash the same values alike.
_NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
             pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype(),
             pa.large_string(): pd.StringDtype()}
_EMPTY = np.zeros(0, dtype=np.uint64)


@dataclass(frozen=True)
class Digests:
    """Per row, in file order: a hash of the primary key and a hash of every value."""

    keys: np.ndarray
    rows: np.ndarray


def _hash(df: pd.DataFrame) -> np.ndarray:
    return pd.util.hash_pandas_object(df, index=False).to_numpy(dtype=np.uint64)


def row_digests(source: BinaryIO | str, spec: TableSpec) -> Digests:
    keys, rows = [], []
    for batch in pq.ParquetFile(source).iter_batches(batch_size=BATCH_ROWS):
        df = batch.to_pandas(types_mapper=_NULLABLE.get)
        keys.append(_hash(df[list(spec.primary_key)]))
        rows.append(_hash(df))
    return Digests(np.concatenate(keys) if keys else _EMPTY,
                   np.concatenate(rows) if rows else _EMPTY)


def compare(old: Digests, new: Digests) -> tuple[dict, np.ndarray]:
    """Counts, and the positions in the old table of the rows whose key is gone."""
    order = np.argsort(old.keys, kind="stable")
    old_keys, old_rows = old.keys[order], old.rows[order]
    if len(old_keys):
        at = np.minimum(np.searchsorted(old_keys, new.keys), len(old_keys) - 1)
        kept = old_keys[at] == new.keys
        changed = int(np.count_nonzero(kept & (old_rows[at] != new.rows)))
    else:
        kept, changed = np.zeros(len(new.keys), dtype=bool), 0
    added = int(np.count_nonzero(~kept))
    removed = np.flatnonzero(~np.isin(old.keys, new.keys))
    return ({"added": added, "removed": len(removed), "changed": changed,
             "unchanged": len(new.keys) - added - changed}, removed)


def keys_at(source: BinaryIO | str, spec: TableSpec, positions: np.ndarray) -> list[list]:
    """The primary keys of the rows at `positions` (ascending), reading key columns only."""
    out: list[list] = []
    if not len(positions):
        return out
    start = 0
    pf = pq.ParquetFile(source)
    for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=list(spec.primary_key)):
        lo, hi = np.searchsorted(positions, [start, start + batch.num_rows])
        if hi > lo:
            picked = batch.take(pa.array(positions[lo:hi] - start))
            out.extend(list(k) for k in zip(*(picked.column(c).to_pylist()
                                              for c in spec.primary_key)))
        start += batch.num_rows
    return out


def changes(version: str, previous: str | None,
            open_old: Callable[[str], BinaryIO | None],
            open_new: Callable[[str], str]) -> dict:
    """open_old gives an open file of the previous release's table (None: it had none),
    open_new the path of the new one. open_old may be called twice for a table."""
    tables = {}
    for name, spec in TABLES.items():
        old = Digests(_EMPTY, _EMPTY)
        source = open_old(name) if previous else None
        if source is not None:
            with source:
                old = row_digests(source, spec)
        counts, removed = compare(old, row_digests(open_new(name), spec))
        removed_keys: list[list] = []
        if len(removed):
            with open_old(name) as source:
                removed_keys = sorted(keys_at(source, spec, removed))
        tables[name] = {"primary_key": list(spec.primary_key), **counts,
                        "removed_keys": removed_keys}
    return {"version": version, "previous": previous, "tables": tables}
