"""Content-addressed store of per-document extractions.

A document is extracted once per (text, publication date, extractor+lexicon
version): the key is a hash of those, so an unchanged document costs a file
read on the next run, and a changed rule or lexicon re-extracts everything.
We keep this store ourselves rather than Prefect's persisted task results
because the key is about a document, not a task call: batches can be re-cut
freely and the store stays readable JSON that other tools can inspect.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import threading
from pathlib import Path

import orjson


def code_version() -> str:
    """Extractor version, lexicon hash and a hash of the code that makes the rows.

    Any edit to the extraction package or to the row conversion gives a new
    store folder, so a stale extraction is never re-used by mistake."""
    from extraction import core

    h = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "extraction").glob("*.py")) + [
        root / "newsevents" / "rows.py", root / "newsevents" / "extract_batch.py"]
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return f"{core.version()}.{h.hexdigest()[:8]}"


class Store:
    def __init__(self, root: Path, version: str):
        self.root = Path(root) / version
        self.version = version
        self._folders: set[Path] = set()

    @staticmethod
    def key(text_sha256: str, published_date: str | None, precision: str) -> str:
        raw = f"{text_sha256}|{published_date}|{precision}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json.gz"

    def has(self, key: str) -> bool:
        return self.path(key).exists()

    def get(self, key: str) -> dict:
        # orjson: parsing the store is a third of assembly with the json module
        return orjson.loads(gzip.decompress(self.path(key).read_bytes()))

    def put(self, key: str, rows: dict) -> None:
        path = self.path(key)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        # Level 1: the store is a cache, written once per document; speed beats size.
        data = gzip.compress(orjson.dumps(rows, option=orjson.OPT_SORT_KEYS),
                             compresslevel=1, mtime=0)
        # Written aside and renamed: a crash never leaves a truncated entry. The name
        # is unique per process and thread (mkstemp's random names cost more than the write).
        tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
