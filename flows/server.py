"""A local Prefect server for one command, started as early as possible.

Without PREFECT_API_URL, Prefect starts a temporary server when the flow is
called, and the run waits ~3 s for it before doing anything. Started here,
first thing, with the public `prefect server start`, it boots while the
command imports pandas, pyarrow and the flow and while the extraction workers
load their lexicons. `serve` needs such a server anyway: the temporary one
cannot schedule.
"""
from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(api_url: str, proc: subprocess.Popen | None, timeout: float = 120,
                 log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            where = f"; its output is in {log}" if log else ""
            raise RuntimeError(f"prefect server exited with code {proc.returncode}{where}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"no Prefect API at {api_url} after {timeout:.0f} s")


class LocalServer:
    """`prefect server start` on a free port of 127.0.0.1, until stop()."""

    def __init__(self, ui: bool, log: Path | None = None):
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.log_path = log
        if log:
            log.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(log, "ab") if log else subprocess.DEVNULL
        env = {**os.environ, "PREFECT_UI_ENABLED": "true" if ui else "false"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(self.port)], stdout=self._log, stderr=self._log, env=env)

    def wait(self) -> str:
        wait_healthy(self.api_url, self.proc, log=self.log_path)
        return self.api_url

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self._log is not subprocess.DEVNULL:
            self._log.close()


@contextmanager
def prefect_api(ui: bool = False, log: Path | None = None, announce: bool = False,
                before_wait=None) -> Iterator[str]:
    """PREFECT_API_URL if set; else a LocalServer that lives as long as this process.
    `before_wait` runs while the server boots (imports, warming workers).

    The server is not stopped when the block ends: prefect reads PREFECT_API_URL
    once, when it is imported, so a later flow in the same process still talks to it."""
    if os.environ.get("PREFECT_API_URL"):
        if before_wait:
            before_wait()
        yield os.environ["PREFECT_API_URL"]
        return
    server = LocalServer(ui, log)
    atexit.register(server.stop)
    # set before anything imports prefect: its settings are read once, at import
    os.environ["PREFECT_API_URL"] = server.api_url
    if before_wait:
        before_wait()
    server.wait()
    if announce:
        print(f"Prefect server at http://127.0.0.1:{server.port} (UI and API); stopped on exit",
              flush=True)
    yield server.api_url
