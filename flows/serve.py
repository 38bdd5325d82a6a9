"""`newsevents serve --cron ...`: the flow as a scheduled Prefect deployment.

Prefect's ephemeral server cannot schedule runs, so serve talks to the server
named by PREFECT_API_URL, or starts `prefect server start` on 127.0.0.1
itself and stops it on exit (flows/server.py).
"""
from __future__ import annotations

import os
from pathlib import Path

from flows.server import prefect_api

DEPLOYMENT = "scheduled"


def serve(cron: str, raw: str, output: str, batch_size: int | None, task_runner: str | None,
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
    with prefect_api(ui=os.environ.get("NEWSEVENTS_UI", "true") != "false", log=log,
                     announce=True):
        from flows.pipeline import pipeline
        pipeline.serve(name=name, cron=cron, parameters=params,
                       description="newsevents: raw/ to a validated, versioned release")
