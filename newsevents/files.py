"""File helpers: checksums, atomic writes, Parquet to CSV."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_json_atomic(path: Path, data: object) -> None:
    """Write aside, fsync, rename: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    # mkstemp creates 0600; a published file must be readable by a web server.
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def parquet_to_csv(parquet: Path, csv: Path) -> None:
    """RFC 4180 CSV (header row, quotes where needed, CRLF-free), ISO dates, empty nulls."""
    source = pq.ParquetFile(parquet)
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    with pacsv.CSVWriter(csv, source.schema_arrow, write_options=options) as writer:
        for batch in source.iter_batches(batch_size=65536):
            writer.write_batch(batch)
