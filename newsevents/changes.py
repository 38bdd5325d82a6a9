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

from .memory import release_memory

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
    pf = pq.ParquetFile(source)
    n = pf.metadata.num_rows
    keys, rows = np.empty(n, dtype=np.uint64), np.empty(n, dtype=np.uint64)
    start = 0
    for batch in pf.iter_batches(batch_size=BATCH_ROWS):
        df = batch.to_pandas(types_mapper=_NULLABLE.get)
        stop = start + len(df)
        keys[start:stop] = _hash(df[list(spec.primary_key)])
        rows[start:stop] = _hash(df)
        start = stop
    return Digests(keys[:start], rows[:start])


def compare(old: Digests, new: Digests) -> tuple[dict, np.ndarray]:
    """Counts, and the positions in the old table of the rows whose key is gone."""
    # sorted copies and binary search: a few arrays of the table's length at most
    kept, changed = np.zeros(len(new.keys), dtype=bool), 0
    if len(old.keys):
        order = np.argsort(old.keys)
        old_keys = old.keys[order]
        at = np.minimum(np.searchsorted(old_keys, new.keys), len(old_keys) - 1)
        kept = old_keys[at] == new.keys
        del old_keys
        changed = int(np.count_nonzero(kept & (old.rows[order[at]] != new.rows)))
        del order, at
    added = int(np.count_nonzero(~kept))
    removed = _EMPTY.astype(np.int64)
    if len(new.keys):
        new_keys = np.sort(new.keys)
        at = np.minimum(np.searchsorted(new_keys, old.keys), len(new_keys) - 1)
        removed = np.flatnonzero(new_keys[at] != old.keys)
    elif len(old.keys):
        removed = np.arange(len(old.keys))
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
        del old, counts, removed
        release_memory()
    return {"version": version, "previous": previous, "tables": tables}
