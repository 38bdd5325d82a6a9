"""Where the operator reads why a release was refused."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pandas as pd


def write_failures(output: Path, failures: pd.DataFrame) -> Path:
    """pandera's failure cases as CSV under output/failures/, named by time."""
    folder = Path(output) / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}-validation.csv"
    failures.to_csv(path, index=False)
    return path
