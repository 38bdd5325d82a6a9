"""Extract a batch of documents into the store (plain Python: a task calls this)."""
from __future__ import annotations

import time
import traceback
from datetime import date

from extraction import core

from .ingest import DocRef, read_text
from .rows import extraction_columns
from .store import Store


def extract_one(ref: DocRef) -> dict:
    """Store entry of one document: its normalised text and its tables' rows, kept as
    one list per column (smaller JSON, and assembly extends columns instead of
    looking up every field of every row)."""
    text = read_text(ref)
    published = date.fromisoformat(ref.published_date) if ref.published_date else None
    ex = core.extract(text, ref.doc_id, published, ref.published_precision)
    return {"doc_id": ref.doc_id, "text": text,
            "columns": extraction_columns(ref.doc_id, ex)}


def extract_batch(refs: list[DocRef], store: Store) -> dict:
    """Extracts the documents not yet in the store. Never raises for one bad document:
    it is reported in 'failed' (source, error) and the rest of the batch goes on."""
    t0 = time.perf_counter()
    extracted = reused = chars = 0
    work = 0.0  # seconds spent extracting and storing: the re-done work, without overheads
    # CPU seconds of the same work: wall time also grows when another process takes the
    # core, CPU time only when the work itself grows (cold caches, a slower path)
    cpu = 0.0
    failed: list[tuple[str, str]] = []
    for ref in refs:
        key = Store.key(ref.text_sha256, ref.published_date, ref.published_precision)
        if store.has(key):
            reused += 1
            continue
        t_doc, c_doc = time.perf_counter(), time.thread_time()
        try:
            store.put(key, extract_one(ref))
            work += time.perf_counter() - t_doc
            cpu += time.thread_time() - c_doc
        except Exception as e:  # noqa: BLE001 - one document must not stop the run
            failed.append((ref.source, f"{type(e).__name__}: {e}\n"
                                       f"{traceback.format_exc(limit=3)}"[:2000]))
            continue
        extracted += 1
        chars += ref.n_chars
    return {"documents": len(refs), "extracted": extracted, "reused": reused,
            "chars": chars, "failed": failed, "work_seconds": work,
            "cpu_seconds": cpu,
            "seconds": time.perf_counter() - t0}
