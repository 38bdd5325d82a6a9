"""Checks across tables: foreign keys resolve and spans are exact.

pandera checks one table at a time; these run on a chunk of whole documents
with the id sets of the global tables, and report in pandera's failure-case
shape so the operator reads one kind of report.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .registry import TABLES

SPAN_TABLES = ("sentences", "mentions", "quantities")


def failure(table: str, column: str, check: str, values, index) -> pd.DataFrame:
    return pd.DataFrame({"schema_context": "Column", "table": table, "column": column,
                         "check": check, "failure_case": list(values), "index": list(index)})


def cross_table_failures(frames: dict[str, pd.DataFrame], keys: dict[str, set]) -> pd.DataFrame:
    """Failure cases of foreign keys and span exactness; empty when all hold.

    keys maps a table name to the set of its keys known so far (global tables
    such as actors, or the current chunk's events).
    """
    out = []
    # pandas' isin on Arrow strings rebuilds its value set from a Python loop on
    # every call; one Arrow array per key set makes each check a vectorised lookup.
    value_sets: dict[str, pa.Array] = {}

    def known(table: str) -> pa.Array:
        if table not in value_sets:
            value_sets[table] = pa.array(list(keys.get(table, ())), type=pa.string())
        return value_sets[table]

    for name, spec in TABLES.items():
        df = frames.get(name)
        if df is None or df.empty:
            continue
        for fk in spec.foreign_keys:
            col = df[fk.column]
            mask = col.notna()
            if fk.when_column:
                mask &= df[fk.when_column] == fk.when_value
            found = pc.is_in(pa.array(col.astype(object), type=pa.string()),
                             value_set=known(fk.table)).to_numpy(zero_copy_only=False)
            bad = mask & ~pd.Series(found, index=col.index)
            if bad.any():
                out.append(failure(name, fk.column, f"foreign key to {fk.table}.{fk.ref_column}",
                                   col[bad], df.index[bad]))
    docs = frames.get("documents")
    if docs is not None and not docs.empty:
        texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist()))
        for name in SPAN_TABLES + ("events",):
            df = frames.get(name)
            if df is None or df.empty:
                continue
            span_col = "trigger" if name == "events" else "text"
            # plain lists: iterating Arrow-backed columns costs a Python call per value
            columns = (df.index.tolist(), df["doc_id"].tolist(), df["start"].tolist(),
                       df["end"].tolist(), df[span_col].tolist())
            bad = [i for i, d, s, e, t in zip(*columns)
                   if texts.get(d) is not None and texts[d][s:e] != t]
            if bad:
                out.append(failure(name, span_col, "text[start:end] equals the span",
                                   df.loc[bad, span_col], bad))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()
