"""README.md of a release: the data dictionary, generated from schemas/.

Every table and column description here comes from the registry and the
pandera models (through datapackage.columns), licence and attribution from
release.yaml: nothing is written twice.
"""
from __future__ import annotations

import json

from schemas import TABLES

from .datapackage import columns


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text.replace("|", "\\|").replace("\n", " ")


def _constraint_text(c) -> str:
    parts = []
    if "enum" in c.constraints:
        parts.append("one of " + ", ".join(c.constraints["enum"]))
    if "pattern" in c.constraints:
        parts.append(f"matches `{c.constraints['pattern']}`")
    if "minimum" in c.constraints:
        parts.append(f">= {c.constraints['minimum']}")
    if "maximum" in c.constraints:
        parts.append(f"<= {c.constraints['maximum']}")
    return "; ".join(parts)


def _table_section(name: str, rows: int | None) -> list[str]:
    spec = TABLES[name]
    count = f" ({rows} rows)" if rows is not None else ""
    out = [f"### {name}{count}", "", spec.description, "",
           f"- Primary key: `{', '.join(spec.primary_key)}` (rows are sorted by it)",
           f"- Files: `csv/{name}.csv`, `parquet/{name}.parquet`"]
    for fk in spec.foreign_keys:
        when = f" when `{fk.when_column}` is `{fk.when_value}`" if fk.when_column else ""
        out.append(f"- `{fk.column}` refers to `{fk.table}.{fk.ref_column}`{when}")
    out += ["", "| column | type (Parquet) | required | description | constraints | example |",
            "|---|---|---|---|---|---|"]
    for c in columns(spec):
        out.append(f"| `{c.name}` | {c.type} ({c.arrow}) | {'yes' if c.required else 'no'} | "
                   f"{_cell(c.description)} | {_cell(_constraint_text(c))} | "
                   f"{_cell(c.example)} |")
    return out + [""]


def _loading() -> list[str]:
    first = next(iter(TABLES))
    return [
        "## Loading", "",
        "Paths are relative to this release's folder. pandas:", "",
        "```python", "import pandas as pd",
        f"{first} = pd.read_parquet(\"parquet/{first}.parquet\")",
        f"{first}_csv = pd.read_csv(\"csv/{first}.csv\")",
        "```", "", "DuckDB (joins on the keys above):", "",
        "```sql",
        "SELECT e.event_type, a.name AS source_actor",
        "FROM 'parquet/events.parquet' e",
        "LEFT JOIN 'parquet/actors.parquet' a ON a.actor_id = e.source_actor_id;",
        "```", "", "Polars:", "",
        "```python", "import polars as pl",
        "events = pl.read_parquet(\"parquet/events.parquet\")",
        "actors = pl.scan_parquet(\"parquet/actors.parquet\").collect()",
        "```", "",
        ("The CSV files are UTF-8 with a header row, quoted per RFC 4180 where needed, ISO 8601 "
         "dates (YYYY-MM-DD), and an empty field for a missing value (an empty string is "
         "written as `\"\"`). The Parquet files keep the types above (dates as date32, "
         "nullable integers and booleans), zstd-compressed, and carry each column's "
         "description in the field metadata. `datapackage.json` describes both as a "
         "Frictionless Data Package (`frictionless validate datapackage.json`)."),
        ""]


def readme(version: str, created: str, config: dict, rows: dict[str, int],
           previous: str | None) -> str:
    licence = config["licence"]
    lic = f"[{licence.get('title') or licence['name']}]({licence['path']})" \
        if licence.get("path") else licence.get("title") or licence["name"]
    lines = [f"# {config['title']}: release {version}", "",
             config["description"], "", f"Created {created}.", "",
             "## Licence and attribution", "",
             f"This release is published under {lic} (`{licence['name']}`).", "",
             f"Attribution: {config['attribution']}", ""]
    sources = config.get("sources") or []
    if sources:
        lines += ["Sources:", ""]
        lines += [f"- [{s['title']}]({s['path']})" if s.get("path") else f"- {s['title']}"
                  for s in sources]
        lines.append("")
    lines += ["## Files", "",
              "- `parquet/<table>.parquet`, `csv/<table>.csv`: one file per table, below",
              "- `datapackage.json`: Frictionless descriptor (types, keys, descriptions)",
              ("- `manifest.json`: code, lexicon and library versions, every input and every "
               "file with its size and sha256"),
              "- `changes.json`: per table, rows added, removed and changed since "
              + (f"{previous}" if previous else "the previous release (none: all rows are new)")
              + ", by primary key, with the removed keys (each a list of the key's values in "
              "order) so a copy can be synced without downloading everything",
              ""]
    lines += _loading()
    lines += ["## Tables", ""]
    for name in TABLES:
        lines += _table_section(name, rows.get(name))
    return "\n".join(lines)
