"""Arrow (Parquet) schemas generated from the pandera models."""
from __future__ import annotations

import pyarrow as pa

from .registry import TABLES, TableSpec


def _arrow_type(dtype: object) -> pa.DataType:
    name = str(dtype).lower()
    if name == "date":
        return pa.date32()
    if name.startswith("int"):
        return pa.int64()
    if name.startswith("float"):
        return pa.float64()
    if name in ("boolean", "bool"):
        return pa.bool_()
    return pa.string()


def arrow_schema(spec: TableSpec) -> pa.Schema:
    fields = []
    columns = spec.schema.columns
    for name in spec.columns:
        col = columns[name]
        meta = {"description": col.description or ""}
        fields.append(pa.field(name, _arrow_type(col.dtype), nullable=col.nullable,
                               metadata=meta))
    return pa.schema(fields, metadata={"table": spec.name, "description": spec.description,
                                       "primary_key": ",".join(spec.primary_key)})


def arrow_schemas() -> dict[str, pa.Schema]:
    return {name: arrow_schema(spec) for name, spec in TABLES.items()}
