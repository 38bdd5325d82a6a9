"""Per-document extractions to validated, sorted Parquet tables, a chunk at a time.

Documents are taken in doc_id order and every per-document id starts with the
doc_id, so each table is written sorted by its key without holding the whole
corpus in memory; actors and places are small and collected across chunks.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES
from schemas.arrow import arrow_schema
from schemas.checks import cross_table_failures
from schemas.frames import columns_to_frame, rows_of, to_frame

from .ingest import DocRef, Rejection
from .memory import release_memory
from .rows import DOC_TABLES
from .store import Store

# zstd's default level: level 9 makes the tables 3-10% smaller but writes them
# 3-10x slower (measured on 20k documents), which the whole run waits for.
PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, use_dictionary=True,
                       write_statistics=True)
# Validation works on small chunks of documents (pandas and pandera copy a
# chunk several times over), but readers scan Parquet faster with big row
# groups: validated chunks are buffered as compact Arrow tables up to these sizes.
ROW_GROUP_ROWS = 122_880  # DuckDB's own row group size
ROW_GROUP_BYTES = 16 * 1024 * 1024
CHUNK_DOCS = 500


class ValidationFailed(RuntimeError):
    def __init__(self, failures: pd.DataFrame):
        self.failures = failures
        tables = ", ".join(sorted(failures["table"].unique()))
        super().__init__(f"{len(failures)} failure cases in table(s): {tables}")


class TableWriter:
    """Appends typed, validated chunks of one table to its Parquet file."""

    def __init__(self, name: str, folder: Path):
        self.spec = TABLES[name]
        self.schema = arrow_schema(self.spec)
        self.path = folder / f"{name}.parquet"
        self.writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        self.rows = 0
        self.last_key: tuple | None = None
        self.buffer: list[pa.Table] = []
        self.buffered_rows = self.buffered_bytes = 0

    def check_order(self, df: pd.DataFrame) -> pd.DataFrame | None:
        """Keys must ascend strictly across chunks (uniqueness is checked within one)."""
        if df.empty:
            return None
        keys = list(zip(*(df[c].tolist() for c in self.spec.primary_key)))
        bad = [k for a, k in zip([self.last_key] + keys[:-1], keys) if a is not None and k <= a]
        self.last_key = keys[-1]
        if bad:
            return pd.DataFrame({"table": self.spec.name, "column": ",".join(self.spec.primary_key),
                                 "check": "sorted and unique by primary key",
                                 "failure_case": [str(k) for k in bad], "index": None})
        return None

    def write(self, df: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(df, schema=self.schema, preserve_index=False)
        self.buffer.append(table)
        self.buffered_rows += table.num_rows
        self.buffered_bytes += table.nbytes
        self.rows += len(df)
        if self.buffered_rows >= ROW_GROUP_ROWS or self.buffered_bytes >= ROW_GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            table = pa.concat_tables(self.buffer).combine_chunks()
            self.writer.write_table(table, row_group_size=max(table.num_rows, 1))
        self.buffer, self.buffered_rows, self.buffered_bytes = [], 0, 0

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _validate(name: str, df: pd.DataFrame) -> pd.DataFrame | None:
    try:
        TABLES[name].model.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as e:
        fc = e.failure_cases.copy()
        fc.insert(0, "table", name)
        return fc
    return None


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def document_row(ref: DocRef, text: str) -> dict:
    row = ref.to_dict()
    row["text"] = text
    return row


def assemble(docs: list[DocRef], rejections: list[Rejection], store: Store, folder: Path,
             chunk_docs: int = CHUNK_DOCS) -> dict[str, int]:
    """Writes every table to folder/<table>.parquet; returns rows per table.

    Raises ValidationFailed with pandera's failure cases when any table breaks its
    schema or a cross-table rule; nothing is published then.
    """
    folder.mkdir(parents=True, exist_ok=True)
    writers = {name: TableWriter(name, folder) for name in TABLES}
    actors: dict[str, dict] = {}
    places: dict[str, dict] = {}
    failures: list[pd.DataFrame] = []
    try:
        for chunk in _chunks(sorted(docs, key=lambda d: d.doc_id), chunk_docs):
            documents: list[dict] = []
            columns = {t: {c: [] for c in TABLES[t].columns} for t in DOC_TABLES}
            for ref in chunk:
                entry = store.get(Store.key(ref.text_sha256, ref.published_date,
                                            ref.published_precision))
                documents.append(document_row(ref, entry["text"]))
                stored = entry["columns"]
                for table in DOC_TABLES:
                    for name, values in columns[table].items():
                        values.extend(stored[table][name])
                for a in rows_of(stored["actors"]):
                    actors.setdefault(a["actor_id"], a)
                for p in rows_of(stored["places"]):
                    places.setdefault(p["place_id"], p)
            frames = {t: columns_to_frame(TABLES[t], c) for t, c in columns.items()}
            frames["documents"] = to_frame(TABLES["documents"], documents)
            # a document's rows may only point at that document: the chunk's ids suffice
            keys = {"documents": {ref.doc_id for ref in chunk}, "actors": set(actors),
                    "places": set(places),
                    "events": set(frames["events"]["event_id"]),
                    "quantities": set(frames["quantities"]["quantity_id"])}
            failures += _check_chunk(frames, writers, keys)
            del documents, columns, frames
            release_memory()
        tail = {"actors": [actors[k] for k in sorted(actors)],
                "places": [places[k] for k in sorted(places)],
                "rejections": [r.__dict__ for r in sorted(rejections, key=lambda r: r.source)]}
        frames = {t: to_frame(TABLES[t], r) for t, r in tail.items()}
        failures += _check_chunk(frames, writers, {"actors": set(actors)})
    finally:
        for w in writers.values():
            w.close()
    release_memory(collect=True)
    if failures:
        raise ValidationFailed(pd.concat(failures, ignore_index=True))
    return {name: w.rows for name, w in writers.items()}


def _check_chunk(frames: dict[str, pd.DataFrame], writers: dict[str, TableWriter],
                 keys: dict[str, set]) -> list[pd.DataFrame]:
    failures = []
    for name, df in frames.items():
        for problem in (_validate(name, df), writers[name].check_order(df)):
            if problem is not None:
                failures.append(problem)
    cross = cross_table_failures(frames, keys)
    if not cross.empty:
        failures.append(cross)
    if not failures:
        for name, df in frames.items():
            writers[name].write(df)
    return failures
