"""Extraction processes forked from a warm server.

Prefect's ProcessPoolTaskRunner spawns each worker from scratch: every worker
imports Prefect (2-3 s here), loads the lexicons and gazetteer, and holds
~500 MB before it extracts a word. Extraction needs none of Prefect, so the
"process" runner keeps Prefect's tasks on threads and sends each batch's CPU
work to this pool: a forkserver that imported and warmed the extraction core
once, whose children start in milliseconds and share its memory pages.
"""
from __future__ import annotations

import atexit
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .extract_batch import extract_batch
from .ingest import DocRef
from .store import Store

_pool: ProcessPoolExecutor | None = None
_size = 0


def _executor(processes: int) -> ProcessPoolExecutor:
    global _pool, _size
    if _pool is None or _size != processes:
        shutdown()
        ctx = multiprocessing.get_context("forkserver")
        # Imported once in the server; newsevents.warm loads lexicons and gazetteer there.
        ctx.set_forkserver_preload(["newsevents.warm"])
        _pool, _size = ProcessPoolExecutor(processes, mp_context=ctx), processes
    return _pool


def run_batch(refs: list[DocRef], store_root: str, version: str) -> dict:
    return extract_batch(refs, Store(Path(store_root), version))


def extract_in_pool(refs: list[DocRef], store_root: str, version: str, processes: int) -> dict:
    """extract_batch in one of `processes` worker processes; blocks until done."""
    return _executor(processes).submit(run_batch, refs, store_root, version).result()


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)
