"""`newsevents serve --cron ...`: the flow as a scheduled Prefect deployment.

Prefect's ephemeral server cannot schedule runs, so serve talks to the server
named by PREFECT_API_URL, or starts `prefect server start` on 127.0.0.1
itself and stops it on exit.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

DEPLOYMENT = "scheduled"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(api_url: str, proc: subprocess.Popen | None, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"no Prefect API at {api_url} after {timeout:.0f} s")


@contextmanager
def prefect_server(log: Path | None = None) -> Iterator[str]:
    """PREFECT_API_URL if set, else a local server started here and stopped on exit."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    out = open(log, "ab") if log else subprocess.DEVNULL
    env = {**os.environ, "PREFECT_UI_ENABLED": os.environ.get("NEWSEVENTS_UI", "true")}
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host",
                             "127.0.0.1", "--port", str(port)], stdout=out, stderr=out, env=env)
    try:
        wait_healthy(api_url, proc)
        os.environ["PREFECT_API_URL"] = api_url
        print(f"Prefect server at http://127.0.0.1:{port} (UI and API); stopped on exit",
              flush=True)
        yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


def serve(cron: str, raw: str, output: str, batch_size: int, task_runner: str | None,
          workers: int | None, name: str = DEPLOYMENT) -> None:
    # The runner executes each scheduled run in a child process that imports the
    # flow afresh: pass the runner choice through the environment.
    if task_runner:
        os.environ["NEWSEVENTS_TASK_RUNNER"] = task_runner
    if workers:
        os.environ["NEWSEVENTS_WORKERS"] = str(workers)
    params = {"raw": str(Path(raw).resolve()), "output": str(Path(output).resolve()),
              "batch_size": batch_size}
    log = Path(os.environ["PREFECT_HOME"]) / "server.log"
    with prefect_server(log):
        from flows.pipeline import pipeline
        pipeline.serve(name=name, cron=cron, parameters=params,
                       description="newsevents: raw/ to a validated, versioned release")
