"""Crash safety: kill -9 of a real run at several points never leaves latest.json
pointing at anything but a complete release, nor a partial folder that looks like
a release; the next run cleans up and completes."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.files import sha256_file
from newsevents.release import STAGING_PREFIX
from newsevents.versioning import is_version

from .conftest import ROOT, SEED

KILLED = -signal.SIGKILL


def _env(prefect_home: Path) -> dict:
    # A Prefect database of its own: runs of other test sessions never lock ours.
    return {**os.environ, "PREFECT_HOME": str(prefect_home), "PYTHONPATH": str(ROOT)}


def _start(raw: Path, output: Path, home: Path, point: str | None) -> subprocess.Popen:
    args = ["run", "--raw", str(raw), "--output", str(output), "--task-runner", "thread"]
    cmd = ([sys.executable, "-m", "tests.fixtures.crash_runner", point] if point
           else [sys.executable, "-m", "flows.cli"]) + args
    # A session of its own, so the whole group (with Prefect's server) can be killed.
    return subprocess.Popen(cmd, cwd=ROOT, env=_env(home), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 240) -> tuple[int, str]:
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    _reap_group(proc.pid)
    return proc.returncode, out


def _reap_group(pgid: int) -> None:
    """Whatever the run started (Prefect's API server) dies with it."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _release_is_complete(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    entries = [info[kind] for info in manifest["tables"].values() for kind in ("parquet", "csv")]
    entries += manifest.get("files", [])
    assert entries
    for entry in entries:
        assert sha256_file(folder / entry["path"]) == entry["sha256"], (folder, entry["path"])


def check_consistent(output: Path) -> str | None:
    """The invariants a reader relies on at any moment; returns the latest version."""
    latest = None
    if (output / "latest.json").exists():
        latest = json.loads((output / "latest.json").read_text())
        _release_is_complete(output / latest["path"])
    releases = output / "releases"
    for entry in releases.iterdir() if releases.exists() else []:
        if is_version(entry.name):
            _release_is_complete(entry)  # anything named like a release is a whole one
        else:
            assert entry.name.startswith((STAGING_PREFIX, ".removing-")), entry.name
    return latest and latest["version"]


def _add_input(raw: Path, n: int) -> None:
    # A new rejected input changes the release without new extraction work.
    (raw / f"empty-{n}.txt").write_text("")


@pytest.fixture(scope="module")
def crash_dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "short.txt").write_text("Russian forces shelled Kharkiv on Monday, officials said.")
    return raw, base / "output", base / "prefect"


def _run_in_process(raw: Path, output: Path) -> None:
    from flows.cli import main

    assert main(["run", "--raw", str(raw), "--output", str(output),
                 "--task-runner", "thread"]) == 0


def test_kill_9_at_several_points_then_recover(crash_dirs):
    raw, output, home = crash_dirs
    # The runs before and after the kills need no subprocess: only the killed ones do.
    _run_in_process(raw, output)
    first = check_consistent(output)
    assert first

    for n, point in enumerate(("csv", "renamed", "latest"), 1):
        _add_input(raw, n)
        rc, out = _finish(_start(raw, output, home, point))
        assert rc == KILLED, f"{point}: the run was not killed\n{out}"
        latest = check_consistent(output)
        assert latest == first, f"{point}: latest moved to {latest}"
        if point == "csv":
            assert [p for p in (output / "releases").iterdir()
                    if p.name.startswith(STAGING_PREFIX)], "nothing was staged"

    # kill -9 from outside, the moment a release starts being staged
    _add_input(raw, 9)
    proc = _start(raw, output, home, None)
    releases = output / "releases"
    deadline = time.monotonic() + 180
    seen = False
    while proc.poll() is None and time.monotonic() < deadline:
        if any(e.name.startswith(STAGING_PREFIX) for e in os.scandir(releases)):
            os.killpg(proc.pid, signal.SIGKILL)
            seen = True
            break
        time.sleep(0.002)
    rc, out = _finish(proc)
    assert seen and rc == KILLED, out
    assert check_consistent(output) == first

    _run_in_process(raw, output)
    final = check_consistent(output)
    assert final and final != first
    assert not [p for p in releases.iterdir() if not is_version(p.name)]
    assert not list(output.glob(".*.tmp")), "a half-written latest.json was left behind"
