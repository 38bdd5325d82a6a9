"""--output as an S3 URL, against a real S3-compatible server (moto) on 127.0.0.1."""
from __future__ import annotations

import hashlib
import json
import socket

import fsspec
import pytest

from newsevents import storage
from newsevents.storage import RemoteTarget

from .conftest import run_pipeline
from .release_data import publish_rows, table_rows

BUCKET = "newsevents-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    patch = pytest.MonkeyPatch()
    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        patch.setenv(key, value)
    patch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir(BUCKET)
    try:
        yield endpoint
    finally:
        patch.undo()
        server.stop()


@pytest.fixture
def url(s3_endpoint, tmp_path, monkeypatch, request):
    monkeypatch.setenv(storage.CACHE_ENV, str(tmp_path / "cache"))
    return f"s3://{BUCKET}/{request.node.name}"


def _check_release(tgt: RemoteTarget) -> dict:
    latest = json.loads(tgt.read_bytes("latest.json"))
    manifest = json.loads(tgt.read_bytes(f"{latest['path']}/manifest.json"))
    for f in manifest["files"]:
        data = tgt.read_bytes(f"{latest['path']}/{f['path']}")
        assert len(data) == f["bytes"] and hashlib.sha256(data).hexdigest() == f["sha256"]
    html = tgt.read_bytes("index.html").decode()
    assert f"{latest['path']}/parquet/events.parquet" in html
    return latest


def test_flow_publishes_to_s3(url, seed_output):
    summary = run_pipeline(seed_output.parent / "raw", url)
    assert summary["changed"] and summary["path"].startswith(url)
    tgt = RemoteTarget(url)
    latest = _check_release(tgt)
    assert latest["version"] == summary["version"]
    assert storage.work_dir(url).exists()  # extraction store and lock stayed local
    assert not (storage.work_dir(url) / "releases" / summary["version"]).exists()


def test_s3_publish_is_idempotent_and_writes_latest_last(url, monkeypatch):
    first = publish_rows(url, table_rows(), work=storage.work_dir(url))
    assert first.changed
    again = publish_rows(url, table_rows(), work=storage.work_dir(url))
    assert not again.changed and again.version == first.version
    steps = []
    put, write = RemoteTarget.put_folder, RemoteTarget.write_bytes
    monkeypatch.setattr(RemoteTarget, "put_folder",
                        lambda self, local, rel: (steps.append(rel), put(self, local, rel)))
    monkeypatch.setattr(RemoteTarget, "write_bytes",
                        lambda self, rel, data: (steps.append(rel), write(self, rel, data)))
    second = publish_rows(url, table_rows(range(3)), work=storage.work_dir(url))
    assert steps == [f"releases/{second.version}", "index.html", "latest.json"]
    assert _check_release(RemoteTarget(url))["version"] == second.version
    changes = json.loads(RemoteTarget(url).read_bytes(f"releases/{second.version}/changes.json"))
    assert changes["tables"]["documents"]["added"] == 1
