"""Immutable, atomic, idempotent releases.

A release is built in a hidden staging folder of the local work folder, checked
and described (CSV, changes.json, datapackage.json, README.md, manifest.json),
then put in place in one step: a rename for a local output, an upload for an
object store URL. The catalogue (index.html) follows, and latest.json is
replaced last. A crash at any moment leaves the previous release and
latest.json as they were, and the next run removes the staging leftovers.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from schemas import TABLES

from . import catalogue, release_config
from .changes import changes as compute_changes
from .datapackage import datapackage
from .dictionary import readme
from .files import parquet_to_csv, sha256_file
from .memory import release_memory
from .storage import LocalTarget, RemoteTarget, target
from .versioning import next_version, sorted_versions

STAGING_PREFIX = ".staging-"
Target = LocalTarget | RemoteTarget


@dataclass
class Published:
    version: str
    path: Path | str  # a local folder, or the URL of an uploaded release
    changed: bool  # False: identical to the latest release, nothing was published


def releases_dir(output: Path) -> Path:
    return Path(output) / "releases"


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def list_versions(tgt: Target) -> list[str]:
    """Published versions, oldest first (staging and other names are ignored)."""
    return sorted_versions(tgt.listdir("releases"))


def read_json(tgt: Target, rel: str) -> dict | None:
    data = tgt.read_bytes(rel)
    return json.loads(data) if data is not None else None


def read_latest(tgt: Target) -> dict | None:
    return read_json(tgt, "latest.json")


def remove_leftovers(work: Path) -> list[str]:
    """Staging folders and half-written JSON of runs that died before publishing.

    Called under the output lock, so no live run owns them."""
    folder = releases_dir(work)
    removed = []
    if folder.exists():
        for p in folder.iterdir():
            if p.name.startswith((STAGING_PREFIX, ".removing-")):
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
    for p in Path(work).glob(".*.tmp"):
        p.unlink(missing_ok=True)
        removed.append(p.name)
    return removed


def staging_dir(work: Path) -> Path:
    path = releases_dir(work) / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    (path / "parquet").mkdir(parents=True)
    return path


def table_hashes(stage: Path) -> dict[str, str]:
    return {name: sha256_file(stage / "parquet" / f"{name}.parquet") for name in TABLES}


def unchanged_since(tgt: Target, stage: Path) -> str | None:
    """The latest version when the staged tables are byte-identical to it."""
    latest = read_latest(tgt)
    if not latest:
        return None
    manifest = read_json(tgt, f"releases/{latest['version']}/manifest.json")
    if not manifest:
        return None
    old = {t: info["parquet"]["sha256"] for t, info in manifest.get("tables", {}).items()}
    return latest["version"] if old == table_hashes(stage) else None


def _entry(stage: Path, path: Path, rows: int | None = None) -> dict:
    return {"path": path.relative_to(stage).as_posix(), "rows": rows,
            "bytes": path.stat().st_size, "sha256": sha256_file(path)}


def describe(stage: Path, tgt: Target, version: str, previous: str | None, created: str,
             rows: dict[str, int], inputs: list[dict], provenance: dict,
             config: dict) -> dict:
    """Writes CSV, changes.json, datapackage.json, README.md and manifest.json into stage."""
    (stage / "csv").mkdir(exist_ok=True)
    tables, files = {}, {}
    for name in TABLES:
        parquet = stage / "parquet" / f"{name}.parquet"
        csv = stage / "csv" / f"{name}.csv"
        parquet_to_csv(parquet, csv)
        release_memory()
        tables[name] = {"rows": rows[name], "primary_key": list(TABLES[name].primary_key),
                        "parquet": _entry(stage, parquet, rows[name]),
                        "csv": _entry(stage, csv, rows[name])}
        files.update({tables[name][k]["path"]: tables[name][k] for k in ("parquet", "csv")})

    def open_old(name: str):
        rel = f"releases/{previous}/parquet/{name}.parquet"
        return tgt.open(rel) if tgt.exists(rel) else None

    diff = compute_changes(version, previous, open_old,
                           lambda name: str(stage / "parquet" / f"{name}.parquet"))
    release_memory(collect=True)
    (stage / "changes.json").write_bytes(_json_bytes(diff))
    package = datapackage(version, created, config, files)
    (stage / "datapackage.json").write_bytes(_json_bytes(package))
    (stage / "README.md").write_text(readme(version, created, config, rows, previous),
                                     encoding="utf-8")
    for doc in ("changes.json", "datapackage.json", "README.md"):
        files[doc] = _entry(stage, stage / doc)
    manifest = {"version": version, "created_at": created, "previous": previous,
                **provenance, "inputs": inputs, "tables": tables,
                "files": [files[p] for p in sorted(files)]}
    (stage / "manifest.json").write_bytes(_json_bytes(manifest))
    return manifest


def write_catalogue(tgt: Target, latest: str | None, config: dict | None = None) -> None:
    config = config or release_config.load()
    html = catalogue.build(tgt, list_versions(tgt), latest, config["name"])
    tgt.write_bytes("index.html", html.encode("utf-8"))


def publish(output: str | Path, stage: Path, rows: dict[str, int], inputs: list[dict],
            provenance: dict, now: datetime | None = None,
            config: dict | None = None) -> Published:
    """Turns a staged folder holding parquet/<table>.parquet into the next release.

    `output` is a local folder or an fsspec URL; `stage` is always local.
    """
    tgt = target(output)
    config = config or release_config.load()
    same = unchanged_since(tgt, stage)
    if same:
        shutil.rmtree(stage, ignore_errors=True)
        return Published(same, tgt.location(f"releases/{same}"), changed=False)
    now = now or datetime.now(UTC)
    version = next_version(list_versions(tgt), now.date())
    latest = read_latest(tgt)
    describe(stage, tgt, version, latest["version"] if latest else None,
             now.isoformat(timespec="seconds"), rows, inputs, provenance, config)
    tgt.put_folder(stage, f"releases/{version}")
    write_catalogue(tgt, version, config)
    tgt.write_bytes("latest.json", _json_bytes({"version": version,
                                                "path": f"releases/{version}"}))
    return Published(version, tgt.location(f"releases/{version}"), changed=True)
