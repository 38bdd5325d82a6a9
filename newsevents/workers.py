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
import itertools
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .extract_batch import extract_batch
from .ingest import DocRef
from .store import Store

_pool: ProcessPoolExecutor | None = None
_size = 0
_lock = threading.Lock()
_prewarming: threading.Thread | None = None


def _executor(processes: int) -> ProcessPoolExecutor:
    global _pool, _size
    with _lock:
        if _pool is None or _size != processes:
            _close_pool()
            ctx = multiprocessing.get_context("forkserver")
            # Imported once in the server; newsevents.warm loads lexicons and gazetteer there.
            ctx.set_forkserver_preload(["newsevents.warm"])
            _pool, _size = ProcessPoolExecutor(processes, mp_context=ctx), processes
        return _pool


def _ready() -> bool:
    return True


def prewarm(processes: int) -> threading.Thread | None:
    """Starts the warm server and its workers on a background thread, so loading the
    lexicons overlaps ingest instead of delaying the first batch."""
    def start():
        try:
            pool = _executor(processes)
            for future in [pool.submit(_ready) for _ in range(processes)]:
                future.result()
        except Exception:  # noqa: BLE001 - the first real batch reports any pool failure
            pass

    global _prewarming
    with _lock:
        if (_prewarming is not None and _prewarming.is_alive()) or (
                _pool is not None and _size == processes):
            return _prewarming  # already warm or warming: called by the CLI, then the flow
    _prewarming = threading.Thread(target=start, name="newsevents-prewarm", daemon=True)
    _prewarming.start()
    return _prewarming


def run_batch(refs: list[DocRef], store_root: str, version: str) -> dict:
    return extract_batch(refs, Store(Path(store_root), version))


_queued: dict[str, Future] = {}
_queued_count = itertools.count()


def queue_batch(refs: list[DocRef], store_root: str, version: str, processes: int) -> str:
    """Puts a batch on the pool's queue now and returns a key for collect(). A flow
    that queues every batch before it starts the Prefect tasks that report them
    keeps the workers busy from the first moment: a task's start costs 0.3-0.5 s
    of API calls, which the workers would otherwise wait for at the start of the
    stage and between batches."""
    key = f"batch-{next(_queued_count)}"
    future = _executor(processes).submit(run_batch, refs, store_root, version)
    with _lock:
        _queued[key] = future
    return key


def collect(key: str) -> dict:
    """The summary of a queued batch, once its worker is done; raises what the batch raised."""
    with _lock:
        future = _queued.pop(key)
    return future.result()


def shutdown(stop_server: bool = False) -> None:
    """stop_server: also end the warm server, whose lexicons would otherwise stay
    resident through assembly (a private but long-standing multiprocessing call)."""
    global _prewarming
    if _prewarming is not None and _prewarming is not threading.current_thread():
        # else a pre-warm still starting would create a pool after this shutdown
        _prewarming.join()
        _prewarming = None
    _close_pool()
    with _lock:
        _queued.clear()  # their futures were cancelled with the pool
    if stop_server:
        from multiprocessing import forkserver
        stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
        if stop is not None:
            stop()


def _close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)
