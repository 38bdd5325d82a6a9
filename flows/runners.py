"""Task runners: where the extraction batches run."""
from __future__ import annotations

import os

RUNNERS = ("thread", "process", "dask")


def default_runner() -> str:
    # Extraction is CPU-bound Python: threads share one core under the GIL.
    return "process" if (os.cpu_count() or 1) > 1 else "thread"


def extraction_processes(kind: str | None = None, workers: int | None = None) -> int:
    """Worker processes for extraction: the "process" runner's pool size, else 0
    (extract inside the task itself)."""
    kind = kind or os.environ.get("NEWSEVENTS_TASK_RUNNER") or default_runner()
    if kind != "process":
        return 0
    return workers or int(os.environ.get("NEWSEVENTS_WORKERS", "0")) or os.cpu_count() or 1


def make_task_runner(kind: str | None = None, workers: int | None = None,
                     dask_address: str | None = None):
    """Prefect's task runner. "process" runs tasks on threads that hand the CPU work to
    newsevents.workers (see there why not Prefect's ProcessPoolTaskRunner)."""
    kind = kind or ("dask" if dask_address else default_runner())
    workers = workers or os.cpu_count() or 1
    if kind in ("thread", "process"):
        from prefect.task_runners import ThreadPoolTaskRunner
        # "process": the batches are already on the pool's queue (flows.pipeline.extract_all);
        # each thread only waits for one and reports it, two per worker so that a finished
        # batch is reported while the next is still running
        return ThreadPoolTaskRunner(max_workers=2 * workers if kind == "process" else workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                              cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    raise ValueError(f"unknown task runner {kind!r}: choose one of {', '.join(RUNNERS)}")
