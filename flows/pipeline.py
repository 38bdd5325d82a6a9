"""The newsevents flow: ingest -> extract -> validate -> publish.

Orchestration only: every task calls plain functions of newsevents/ and
extraction/, which are tested without Prefect. Tasks take and return paths
and small records, never DataFrames.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from flows.settings import configure

configure()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402

from flows.runners import extraction_processes, make_task_runner  # noqa: E402
from newsevents import ingest as ingest_mod  # noqa: E402
from newsevents.assemble import ValidationFailed, assemble  # noqa: E402
from newsevents.extract_batch import extract_batch  # noqa: E402
from newsevents.failures import write_failures  # noqa: E402
from newsevents.ingest import DocRef, Rejection  # noqa: E402
from newsevents.lock import output_lock  # noqa: E402
from newsevents.progress import Progress  # noqa: E402
from newsevents.provenance import input_files, provenance  # noqa: E402
from newsevents.release import Published, publish, remove_leftovers, staging_dir  # noqa: E402
from newsevents.storage import work_dir  # noqa: E402
from newsevents.store import Store, code_version  # noqa: E402
from newsevents.workers import collect, prewarm, queue_batch  # noqa: E402
from newsevents.workers import shutdown as shutdown_workers  # noqa: E402


@task(cache_policy=NO_CACHE)
def ingest(raw: str, max_bytes: int) -> tuple[list[DocRef], list[Rejection]]:
    return ingest_mod.scan(Path(raw), max_bytes)


@task(cache_policy=NO_CACHE)
def extract(batch: list[DocRef], store_root: str, version: str) -> dict:
    return extract_batch(batch, Store(Path(store_root), version))


@task(name="extract", cache_policy=NO_CACHE)
def extract_queued(batch_key: str) -> dict:
    """A batch that extract_all already put on the worker pool's queue: the task
    reports it (state, duration, result in the UI) while the workers never wait for
    Prefect's task start."""
    return collect(batch_key)


@task(cache_policy=NO_CACHE)
def validate(docs: list[DocRef], rejections: list[Rejection], store_root: str, version: str,
             stage: str) -> dict[str, int]:
    return assemble(docs, rejections, Store(Path(store_root), version), Path(stage) / "parquet")


@task(cache_policy=NO_CACHE)
def publish_release(output: str, stage: str, rows: dict[str, int],
                    inputs: list[dict]) -> Published:
    return publish(output, Path(stage), rows, inputs, provenance())


@flow(name="newsevents", log_prints=True,
      task_runner=make_task_runner(os.environ.get("NEWSEVENTS_TASK_RUNNER"),
                                   int(os.environ.get("NEWSEVENTS_WORKERS", "0")) or None))
def pipeline(raw: str = "raw", output: str = "output", batch_size: int | None = None,
             max_bytes: int = ingest_mod.DEFAULT_MAX_BYTES, processes: int | None = None) -> dict:
    """Publishes a release of every document under `raw` into `output`.

    processes: extraction worker processes (None: as the task runner setting says)."""
    logger = get_run_logger()
    t0 = time.perf_counter()
    out = work_dir(output)  # the output folder itself, or a local cache for a URL
    out.mkdir(parents=True, exist_ok=True)
    with output_lock(out, logger.warning):
        for name in remove_leftovers(out):
            logger.warning("removed %s left by an interrupted run", name)
        if processes is None:
            processes = extraction_processes()
        try:
            if processes:
                prewarm(processes)  # lexicons load while ingest reads the input
            docs, rejections = ingest(raw, max_bytes)
            version = code_version()
            store_root = str(out / ".store")
            t_extract = time.perf_counter()
            work = extract_all(docs, store_root, version, batch_size, logger.info, processes)
            t_extract = time.perf_counter() - t_extract
        finally:
            shutdown_workers(stop_server=True)
        if work["failed"]:
            docs = [d for d in docs if d.source not in work["failed"]]
            rejections = rejections + [Rejection(src, "the extractor failed on this document",
                                                 err) for src, err in work["failed"].items()]
        stage = staging_dir(out)
        try:
            rows = validate(docs, rejections, store_root, version, str(stage))
        except ValidationFailed as e:
            shutil.rmtree(stage, ignore_errors=True)
            e.failures_path = write_failures(out, e.failures)
            logger.error("validation failed, nothing published, the previous release stays "
                         "latest: %s; failure cases in %s", e, e.failures_path)
            raise
        published = publish_release(output, str(stage), rows, input_files(Path(raw)))
    seconds = time.perf_counter() - t0
    return {"version": published.version, "path": str(published.path),
            "changed": published.changed, "rows": rows, "documents": len(docs),
            "rejections": len(rejections), "extracted": work["extracted"],
            "reused": work["reused"], "seconds": round(seconds, 2),
            "extract_seconds": round(t_extract, 2),
            "extract_work_seconds": round(work["work_seconds"], 4),
            "extract_cpu_seconds": round(work["cpu_seconds"], 4),
            "mb_per_s": round(sum(d.n_chars for d in docs) / 1e6 / seconds, 3)}


def batch_bounds(documents: int, batch_size: int | None, workers: int) -> list[tuple[int, int]]:
    """(start, stop) of each batch. A given batch_size cuts equal batches. Otherwise
    each batch takes 1/(2 x workers) of what is left (20 to 1000 documents): few
    Prefect tasks, whose bookkeeping shares the workers' cores, and batches that
    shrink toward the end, so no worker waits long for another's last batch."""
    bounds, start = [], 0
    while start < documents:
        size = batch_size or max(20, min(1000, (documents - start) // (2 * max(workers, 1))))
        bounds.append((start, min(documents, start + size)))
        start += size
    return bounds


def extract_all(docs: list[DocRef], store_root: str, version: str, batch_size: int | None,
                say, processes: int = 0) -> dict:
    """Submits the documents missing from the store in batches, reporting progress."""
    store = Store(Path(store_root), version)
    todo = [d for d in docs if not store.has(
        Store.key(d.text_sha256, d.published_date, d.published_precision))]
    progress = Progress(len(todo), sum(d.n_chars for d in todo), say)
    bounds = batch_bounds(len(todo), batch_size, processes or os.cpu_count() or 1)
    if processes:
        keys = [queue_batch(todo[a:b], store_root, version, processes) for a, b in bounds]
        futures = [extract_queued.submit(key) for key in keys]
    else:
        futures = [extract.submit(todo[a:b], store_root, version) for a, b in bounds]
    failed: dict[str, str] = {}
    extracted = 0
    work_seconds = cpu_seconds = 0.0
    for future in as_completed(futures):
        summary = future.result()
        failed.update(dict(summary["failed"]))
        extracted += summary["extracted"]
        work_seconds += summary["work_seconds"]
        cpu_seconds += summary["cpu_seconds"]
        progress.update(summary["documents"], summary["chars"])
    return {"extracted": extracted, "reused": len(docs) - len(todo), "failed": failed,
            "work_seconds": work_seconds, "cpu_seconds": cpu_seconds}
