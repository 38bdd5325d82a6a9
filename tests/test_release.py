"""Publishing without Prefect: versions, idempotence, manifest, atomic order."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from newsevents import storage
from newsevents.files import sha256_file
from newsevents.release import list_versions
from newsevents.storage import LocalTarget
from newsevents.versioning import next_version, sorted_versions
from schemas import TABLES

from .release_data import NOW, publish_rows, stage_tables, table_rows


def test_calendar_versions_sort_in_time_order():
    names = ["v2026.11.25.10", "v2026.11.25", "v2026.11.26", "v2026.11.25.2", "junk",
             ".staging-1", "v2025.12.31"]
    assert sorted_versions(names) == ["v2025.12.31", "v2026.11.25", "v2026.11.25.2",
                                      "v2026.11.25.10", "v2026.11.26"]
    day = date(2026, 11, 25)
    assert next_version([], day) == "v2026.11.25"
    assert next_version(["v2026.11.25"], day) == "v2026.11.25.1"
    assert next_version(["v2026.11.25", "v2026.11.25.9"], day) == "v2026.11.25.10"
    assert next_version(["v2026.11.25.3"], day + timedelta(days=1)) == "v2026.11.26"


def test_same_rows_give_byte_identical_tables(tmp_path):
    a, _ = stage_tables(tmp_path / "a", table_rows())
    b, _ = stage_tables(tmp_path / "b", table_rows())
    for name in TABLES:
        assert sha256_file(a / "parquet" / f"{name}.parquet") == \
            sha256_file(b / "parquet" / f"{name}.parquet"), name


def test_unchanged_tables_publish_nothing(tmp_path):
    out = tmp_path / "out"
    first = publish_rows(out, table_rows())
    assert first.changed and first.version == "v2026.11.25"
    latest = (out / "latest.json").read_bytes()
    # same data later the same day, and the next day: still nothing to publish
    for when in (NOW, NOW + timedelta(days=1)):
        again = publish_rows(out, table_rows(), now=when)
        assert not again.changed and again.version == first.version
    assert list_versions(LocalTarget(out)) == ["v2026.11.25"]
    assert (out / "latest.json").read_bytes() == latest
    assert not [p for p in (out / "releases").iterdir() if p.name.startswith(".")]


def test_second_release_same_day_gets_a_suffix(tmp_path):
    out = tmp_path / "out"
    publish_rows(out, table_rows())
    second = publish_rows(out, table_rows(range(3)))
    assert second.changed and second.version == "v2026.11.25.1"
    assert json.loads((out / "latest.json").read_text()) == {
        "version": "v2026.11.25.1", "path": "releases/v2026.11.25.1"}
    manifest = json.loads((second.path / "manifest.json").read_text())
    assert manifest["previous"] == "v2026.11.25"


def test_manifest_lists_every_file_with_checksums(tmp_path):
    out = tmp_path / "out"
    release = publish_rows(out, table_rows()).path
    manifest = json.loads((release / "manifest.json").read_text())
    for key in ("version", "created_at", "newsevents_version", "git_commit",
                "extractor_version", "lexicon_version", "libraries", "inputs", "files"):
        assert key in manifest, key
    assert manifest["created_at"] == NOW.isoformat(timespec="seconds")
    on_disk = sorted(p.relative_to(release).as_posix() for p in release.rglob("*")
                     if p.is_file() and p.name != "manifest.json")
    listed = [f["path"] for f in manifest["files"]]
    assert listed == on_disk
    assert {"datapackage.json", "README.md", "changes.json"} <= set(listed)
    for f in manifest["files"]:
        path = release / f["path"]
        assert f["bytes"] == path.stat().st_size
        assert f["sha256"] == sha256_file(path)
    for name, info in manifest["tables"].items():
        assert info["rows"] == len(table_rows()[name])
        assert info["parquet"]["rows"] == info["csv"]["rows"] == info["rows"]


def test_latest_json_is_written_last(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_rows(out, table_rows())
    steps = []
    put, write = LocalTarget.put_folder, LocalTarget.write_bytes
    monkeypatch.setattr(LocalTarget, "put_folder",
                        lambda self, local, rel: (steps.append(rel), put(self, local, rel)))
    monkeypatch.setattr(LocalTarget, "write_bytes",
                        lambda self, rel, data: (steps.append(rel), write(self, rel, data)))
    publish_rows(out, table_rows(range(3)))
    assert steps == ["releases/v2026.11.25.1", "index.html", "latest.json"]


def test_failure_before_latest_keeps_previous_latest(tmp_path, monkeypatch):
    out = tmp_path / "out"
    publish_rows(out, table_rows())
    before = (out / "latest.json").read_bytes()

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("newsevents.release.write_catalogue", broken)
    with pytest.raises(OSError):
        publish_rows(out, table_rows(range(3)))
    assert (out / "latest.json").read_bytes() == before


def test_url_outputs_work_in_a_local_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(storage.CACHE_ENV, str(tmp_path / "cache"))
    a = storage.work_dir("s3://bucket/a")
    assert a.parent == tmp_path / "cache"
    assert a != storage.work_dir("s3://bucket/b")
    assert a == storage.work_dir("s3://bucket/a/")
    assert storage.work_dir(tmp_path / "out") == tmp_path / "out"
