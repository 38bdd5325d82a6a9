from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

# before extraction is imported: the event finder re-raises instead of logging, so a
# bug in it fails a test rather than showing up as quietly missing events
os.environ.setdefault("NEWSEVENTS_STRICT", "1")

from flows.settings import configure  # noqa: E402

configure()
os.environ.setdefault("NEWSEVENTS_TASK_RUNNER", "thread")  # in-process flow runs in tests

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SEED = RAW / "000_8d99d819530093ff.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def run_pipeline(raw: Path, output: Path, **kw) -> dict:
    from flows.pipeline import pipeline

    return pipeline(raw=str(raw), output=str(output), **kw)


def latest_release(output: Path) -> Path:
    latest = json.loads((output / "latest.json").read_text())
    return output / latest["path"]


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """The flow run once on a copy of raw/: the release every integration test reads."""
    base = tmp_path_factory.mktemp("seed")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    output = base / "output"
    run_pipeline(raw, output)
    return output


@pytest.fixture(scope="session")
def seed_release(seed_output) -> Path:
    return latest_release(seed_output)
