"""Tables are identical whatever the task runner and the batch size."""
from __future__ import annotations

import json
import shutil

import pytest

from bench.corpus import ECBPLUS, ecbplus_texts, write_raw
from flows.pipeline import pipeline
from flows.runners import extraction_processes, make_task_runner
from newsevents.files import sha256_file
from schemas import TABLES

from .conftest import RAW, latest_release


@pytest.fixture(scope="module")
def small_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("runners") / "raw"
    shutil.copytree(RAW, raw)
    write_raw(raw / "ecb", 1, ecbplus_texts(ECBPLUS)[:24])
    return raw


def _tables(output) -> dict[str, str]:
    release = latest_release(output)
    return {name: sha256_file(release / "parquet" / f"{name}.parquet") for name in TABLES}


def _run(raw, output, runner, batch_size):
    flow = pipeline.with_options(task_runner=make_task_runner(runner, 2))
    return flow(raw=str(raw), output=str(output), batch_size=batch_size,
                processes=extraction_processes(runner, 2))


def test_same_tables_for_every_runner_and_batch_size(small_raw, tmp_path):
    reference = _run(small_raw, tmp_path / "thread", "thread", 100)
    assert reference["extracted"] == reference["documents"] > 1
    expected = _tables(tmp_path / "thread")
    for runner, batch in (("thread", 1), ("process", 3), ("dask", 5)):
        out = tmp_path / f"{runner}-{batch}"
        summary = _run(small_raw, out, runner, batch)
        # every run extracts from scratch: its own output, its own store
        assert summary["extracted"] == reference["extracted"], runner
        assert _tables(out) == expected, f"{runner} with batches of {batch}"
        assert summary["extract_work_seconds"] > 0, runner
        # CPU time is counted in the thread that extracts, whichever runner holds it
        assert 0 < summary["extract_cpu_seconds"] <= summary["extract_work_seconds"] * 1.05, runner
        if runner == "process":
            # the warm server holding the lexicons is gone before assembly
            from multiprocessing import forkserver
            assert forkserver._forkserver._forkserver_pid is None


def test_rerun_extracts_only_new_documents(small_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(small_raw, raw)
    first = _run(raw, tmp_path / "out", "thread", 10)
    (raw / "new.jsonl").write_text(json.dumps(
        {"text": "On Monday, Ukrainian forces shelled two bridges near Kherson."}) + "\n")
    second = _run(raw, tmp_path / "out", "thread", 10)
    assert second["extracted"] == 1
    assert second["reused"] == first["documents"]
    # the work re-done is one short document's, a small share of the first run's
    assert 0 < second["extract_work_seconds"] < first["extract_work_seconds"] / 5
    assert second["changed"]


def test_batches_cover_every_document_once_and_shrink_toward_the_end():
    from flows.pipeline import batch_bounds

    for n, size, workers in ((4910, None, 2), (4910, None, 1), (37, None, 8), (10, 3, 2)):
        bounds = batch_bounds(n, size, workers)
        covered = [i for a, b in bounds for i in range(a, b)]
        assert covered == list(range(n)), (n, size, workers)
    guided = [b - a for a, b in batch_bounds(4910, None, 2)]
    assert guided[0] == 1000 and guided[-1] <= 20
    assert all(x >= y for x, y in zip(guided, guided[1:]))
    assert [b - a for a, b in batch_bounds(10, 3, 2)] == [3, 3, 3, 1]
    assert batch_bounds(0, None, 2) == []
