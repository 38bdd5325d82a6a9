"""Two runs on one output serialise through a lock; the second says it waits."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from newsevents.lock import output_lock

from .conftest import ROOT, SEED

HOLD = ("import sys; from pathlib import Path; from newsevents.lock import output_lock\n"
        "with output_lock(Path(sys.argv[1])):\n"
        "    print('held', flush=True); sys.stdin.read()\n")


def _holder(output) -> subprocess.Popen:
    """Another process holding the lock until its stdin closes."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(output)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_taker_waits_and_says_who_holds_it(tmp_path):
    holder = _holder(tmp_path)
    said: list[str] = []
    done = threading.Event()

    def take():
        with output_lock(tmp_path, said.append):
            done.set()

    t = threading.Thread(target=take)
    t.start()
    time.sleep(0.5)
    assert not done.is_set()
    assert said and f"locked by pid {holder.pid}" in said[0] and "waiting" in said[0]
    holder.stdin.close()
    holder.wait(10)
    t.join(10)
    assert done.is_set() and "free" in said[-1]


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = _holder(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    said: list[str] = []
    with output_lock(tmp_path, said.append):
        pass
    assert said == []


def test_a_real_run_waits_for_the_lock_then_publishes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    output = tmp_path / "output"
    output.mkdir()
    holder = _holder(output)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "prefect")}
    run = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--raw", str(raw),
                            "--output", str(output), "--task-runner", "thread"], cwd=ROOT,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           start_new_session=True)
    try:
        lines = []
        for line in run.stdout:  # the wait is announced before anything is published
            lines.append(line)
            if "is locked by pid" in line:
                break
        assert "waiting for it to finish" in "".join(lines), "".join(lines)
        assert not (output / "latest.json").exists()
        holder.stdin.close()
        holder.wait(10)
        rest, _ = run.communicate(timeout=240)
        assert run.returncode == 0, "".join(lines) + rest
        assert "published" in rest and (output / "latest.json").exists()
    finally:
        try:
            os.killpg(run.pid, signal.SIGKILL)  # Prefect's server, if still up
        except ProcessLookupError:
            pass
