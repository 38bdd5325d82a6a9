"""Rows to typed DataFrames, with the dtypes the models declare."""
from __future__ import annotations

from datetime import date

import pandas as pd

from .registry import TableSpec


def _pandas_dtype(dtype: object) -> str | None:
    name = str(dtype).lower()
    if name == "date":
        return None
    if name.startswith("int"):
        return "Int64"
    if name.startswith("float"):
        return "Float64"
    if name in ("boolean", "bool"):
        return "boolean"
    return "string"


def _to_date(value: object) -> date | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def to_frame(spec: TableSpec, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame with exactly the table's columns, in file order, typed."""
    columns = spec.schema.columns
    data = {}
    for name in spec.columns:
        values = [r.get(name) for r in rows]
        dtype = _pandas_dtype(columns[name].dtype)
        if dtype is None:
            data[name] = pd.Series([_to_date(v) for v in values], dtype="object")
        else:
            data[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=spec.columns)
