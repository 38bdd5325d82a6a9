"""Immutable, atomic, idempotent releases.

A release is built in a hidden staging folder next to the others, checked,
then renamed into place in one step; latest.json is replaced last. A crash at
any moment leaves the previous release and latest.json as they were, and the
next run removes the staging leftovers.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from schemas import TABLES

from .files import parquet_to_csv, sha256_file, write_json_atomic
from .versioning import next_version, sorted_versions

STAGING_PREFIX = ".staging-"


@dataclass
class Published:
    version: str
    path: Path
    changed: bool  # False: identical to the latest release, nothing was published


def releases_dir(output: Path) -> Path:
    return Path(output) / "releases"


def list_versions(output: Path) -> list[str]:
    folder = releases_dir(output)
    return sorted_versions([p.name for p in folder.iterdir()]) if folder.exists() else []


def read_latest(output: Path) -> dict | None:
    path = Path(output) / "latest.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def remove_leftovers(output: Path) -> list[str]:
    """Staging folders of runs that died before publishing (never a release)."""
    folder = releases_dir(output)
    removed = []
    if folder.exists():
        for p in folder.iterdir():
            if p.name.startswith(STAGING_PREFIX):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
    return removed


def staging_dir(output: Path) -> Path:
    path = releases_dir(output) / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    (path / "parquet").mkdir(parents=True)
    return path


def table_hashes(stage: Path) -> dict[str, str]:
    return {name: sha256_file(stage / "parquet" / f"{name}.parquet") for name in TABLES}


def unchanged_since(output: Path, stage: Path) -> str | None:
    """The latest version when the staged tables are byte-identical to it."""
    latest = read_latest(output)
    if not latest:
        return None
    manifest_path = releases_dir(output) / latest["version"] / "manifest.json"
    if not manifest_path.exists():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    old = {t: info["parquet"]["sha256"] for t, info in manifest.get("tables", {}).items()}
    return latest["version"] if old == table_hashes(stage) else None


def publish(output: Path, stage: Path, rows: dict[str, int], inputs: list[dict],
            provenance: dict, now: datetime | None = None) -> Published:
    """Turns a staged folder holding parquet/<table>.parquet into the next release."""
    output = Path(output)
    same = unchanged_since(output, stage)
    if same:
        shutil.rmtree(stage, ignore_errors=True)
        return Published(same, releases_dir(output) / same, changed=False)
    now = now or datetime.now(timezone.utc)
    version = next_version(list_versions(output), now.date())
    (stage / "csv").mkdir(exist_ok=True)
    tables = {}
    for name in TABLES:
        parquet = stage / "parquet" / f"{name}.parquet"
        csv = stage / "csv" / f"{name}.csv"
        parquet_to_csv(parquet, csv)
        tables[name] = {"rows": rows[name],
                        "parquet": _file_entry(stage, parquet),
                        "csv": _file_entry(stage, csv)}
    manifest = {"version": version, "created_at": now.isoformat(timespec="seconds"),
                **provenance, "inputs": inputs, "tables": tables}
    write_json_atomic(stage / "manifest.json", manifest)
    final = releases_dir(output) / version
    os.rename(stage, final)
    write_json_atomic(output / "latest.json",
                      {"version": version, "path": f"releases/{version}"})
    return Published(version, final, changed=True)


def _file_entry(stage: Path, path: Path) -> dict:
    return {"path": path.relative_to(stage).as_posix(), "bytes": path.stat().st_size,
            "sha256": sha256_file(path)}
