"""Prefect runs offline with no set-up: configured before prefect is imported."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DEFAULTS = {
    # Keep Prefect's database and settings inside the project, not in ~/.prefect.
    "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
    # No telemetry: the machine reaches no network, and users did not ask for it.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The ephemeral API server takes 10-20 s to start on a cold venv; the default 20 s fails.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


def configure() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
