"""`newsevents serve` on a local Prefect server: a scheduled deployment that runs."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time

import httpx

from .conftest import RAW, ROOT


def _read_until(proc: subprocess.Popen, pattern: str, timeout: float) -> re.Match:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        m = re.search(pattern, line)
        if m:
            return m
    raise AssertionError(f"no {pattern!r} in serve output: {''.join(seen)[-2000:]}")


def test_serve_schedules_and_runs(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    output = tmp_path / "output"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PYTHONUNBUFFERED="1", NEWSEVENTS_UI="false",
               PREFECT_HOME=str(tmp_path / "prefect-home"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--cron", "0 * * * *", "--raw", str(raw),
         "--output", str(output), "--task-runner", "thread"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = _read_until(proc, r"Prefect server at http://127\.0\.0\.1:(\d+)", 150).group(1)
        api = f"http://127.0.0.1:{port}/api"
        with httpx.Client(base_url=api, timeout=10) as client:
            deployment = None
            for _ in range(120):
                found = client.post("/deployments/filter", json={}).json()
                if found:
                    deployment = found[0]
                    break
                time.sleep(0.5)
            assert deployment, "serve created no deployment"
            assert deployment["name"] == "scheduled"
            crons = [s["schedule"].get("cron") for s in deployment["schedules"]]
            assert crons == ["0 * * * *"]
            for _ in range(20):
                response = client.post(f"/deployments/{deployment['id']}/create_flow_run", json={})
                # a busy server answers 503 while its SQLite database is locked; Prefect's
                # own client retries those too
                if response.status_code != 503:
                    break
                time.sleep(1)
            assert response.status_code < 300, response.text
            run = response.json()
            state = None
            for _ in range(240):
                state = client.get(f"/flow_runs/{run['id']}").json()["state"]["type"]
                if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                    break
                time.sleep(0.5)
            assert state == "COMPLETED"
        latest = json.loads((output / "latest.json").read_text())
        assert (output / latest["path"] / "manifest.json").exists()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
