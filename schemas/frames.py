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
    return columns_to_frame(spec, columnar(spec, rows))


def columnar(spec: TableSpec, rows: list[dict]) -> dict[str, list]:
    """Rows as one list per column of the table (a missing value is None)."""
    return {name: [r.get(name) for r in rows] for name in spec.columns}


def rows_of(columns: dict[str, list]) -> list[dict]:
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def columns_to_frame(spec: TableSpec, values_by_column: dict[str, list]) -> pd.DataFrame:
    """Like to_frame, from column lists (the store keeps rows that way)."""
    columns = spec.schema.columns
    data = {}
    for name in spec.columns:
        values = values_by_column[name]
        dtype = _pandas_dtype(columns[name].dtype)
        if dtype is None:
            data[name] = pd.Series([_to_date(v) for v in values], dtype="object")
        else:
            data[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=spec.columns)
