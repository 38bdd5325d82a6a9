"""Checks across tables: foreign keys resolve and spans are exact.

pandera checks one table at a time; these run on a chunk of whole documents
with the id sets of the global tables, and report in pandera's failure-case
shape so the operator reads one kind of report.
"""
from __future__ import annotations

import pandas as pd

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
    for name, spec in TABLES.items():
        df = frames.get(name)
        if df is None or df.empty:
            continue
        for fk in spec.foreign_keys:
            col = df[fk.column]
            mask = col.notna()
            if fk.when_column:
                mask &= df[fk.when_column] == fk.when_value
            known = keys.get(fk.table, set())
            bad = mask & ~col.isin(known)
            if bad.any():
                out.append(failure(name, fk.column, f"foreign key to {fk.table}.{fk.ref_column}",
                                   col[bad], df.index[bad]))
    docs = frames.get("documents")
    if docs is not None and not docs.empty:
        texts = dict(zip(docs["doc_id"], docs["text"]))
        for name in SPAN_TABLES + ("events",):
            df = frames.get(name)
            if df is None or df.empty:
                continue
            span_col = "trigger" if name == "events" else "text"
            bad = [i for i, d, s, e, t in zip(df.index, df["doc_id"], df["start"], df["end"],
                                              df[span_col])
                   if texts.get(d) is not None and texts[d][s:e] != t]
            if bad:
                out.append(failure(name, span_col, "text[start:end] equals the span",
                                   df.loc[bad, span_col], bad))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()
