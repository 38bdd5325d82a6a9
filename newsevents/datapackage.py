"""datapackage.json: a Frictionless Data Package generated from schemas/.

Each table is described twice, as a CSV resource and as a Parquet resource,
with the same Table Schema; foreign keys point at the resource of the same
format. Descriptions, examples and constraints come from the pandera models,
keys from the registry, so the descriptor cannot drift from the data.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from schemas import TABLES, TableSpec
from schemas.arrow import arrow_schema

PROFILE = "tabular-data-package"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type
    arrow: str  # Parquet (Arrow) type
    required: bool
    description: str
    example: object
    constraints: dict


def _table_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    return "string"


def _constraints(col, required: bool) -> dict:
    out: dict = {"required": True} if required else {}
    for check in col.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            out["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            out["pattern"] = str(stats["pattern"])
        elif check.name in ("greater_than_or_equal_to", "ge"):
            out["minimum"] = stats["min_value"]
        elif check.name in ("less_than_or_equal_to", "le"):
            out["maximum"] = stats["max_value"]
    return out


def _conditional_note(spec: TableSpec, name: str) -> str:
    """Keys that only apply to some rows cannot be said in Table Schema: say them in words."""
    notes = [f"when {fk.when_column} is {fk.when_value}, a {fk.table}.{fk.ref_column}"
             for fk in spec.foreign_keys if fk.column == name and fk.when_column]
    return f" ({'; '.join(notes)})" if notes else ""


def columns(spec: TableSpec) -> list[Column]:
    """Every column of a table in file order, as the release describes it."""
    schema = arrow_schema(spec)
    pandera_columns = spec.schema.columns
    out = []
    for name in spec.columns:
        col = pandera_columns[name]
        arrow_type = schema.field(name).type
        required = not col.nullable
        out.append(Column(name, _table_type(arrow_type), str(arrow_type), required,
                          (col.description or "") + _conditional_note(spec, name),
                          (col.metadata or {}).get("example"), _constraints(col, required)))
    return out


def table_schema(spec: TableSpec, suffix: str = "") -> dict:
    fields = []
    for c in columns(spec):
        field = {"name": c.name, "type": c.type, "description": c.description}
        if c.type == "date":
            field["format"] = "default"  # ISO 8601, YYYY-MM-DD
        if c.example is not None:
            field["example"] = c.example
        if c.constraints:
            field["constraints"] = c.constraints
        fields.append(field)
    fks = [{"fields": fk.column,
            "reference": {"resource": "" if fk.table == spec.name else fk.table + suffix,
                          "fields": fk.ref_column}}
           for fk in spec.foreign_keys if not fk.when_column]
    out = {"fields": fields, "primaryKey": list(spec.primary_key), "missingValues": [""]}
    if fks:
        out["foreignKeys"] = fks
    return out


def _resource(spec: TableSpec, kind: str, entry: dict | None) -> dict:
    suffix = "" if kind == "csv" else "-parquet"
    res = {"name": spec.name + suffix, "title": f"{spec.name} ({kind.upper()})",
           "description": spec.description, "path": f"{kind}/{spec.name}.{kind}",
           "profile": "tabular-data-resource", "format": kind,
           "mediatype": "text/csv" if kind == "csv" else "application/vnd.apache.parquet"}
    if kind == "csv":
        res["encoding"] = "utf-8"
        res["dialect"] = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                          "header": True}
    if entry and kind == "csv":
        # frictionless checks these on CSV; its Parquet reader cannot count bytes (the
        # manifest holds every file's size and sha256)
        res["bytes"] = entry["bytes"]
        res["hash"] = f"sha256:{entry['sha256']}"
    res["schema"] = table_schema(spec, suffix)
    return res


def datapackage(version: str, created: str, config: dict,
                files: dict[str, dict] | None = None) -> dict:
    """The descriptor; `files` maps a release path to its {bytes, sha256} when known."""
    files = files or {}
    licence = config["licence"]
    package = {
        "profile": PROFILE, "name": config["name"], "title": config["title"],
        "description": config["description"], "version": version, "created": created,
        "licenses": [{k: v for k, v in licence.items() if v}],
        "sources": [{k: v for k, v in s.items() if v} for s in config.get("sources", [])],
        "resources": [_resource(spec, kind, files.get(f"{kind}/{spec.name}.{kind}"))
                      for kind in ("csv", "parquet") for spec in TABLES.values()],
    }
    if config.get("homepage"):
        package["homepage"] = config["homepage"]
    return package
