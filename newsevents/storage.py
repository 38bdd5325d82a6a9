"""Where releases live: a local folder, or any fsspec URL such as s3://bucket/prefix.

A run always works in a local folder (extraction store, lock, staging). For a
local output that folder is the output itself and a release is published by
one rename; for a URL it is a cache folder keyed by the URL, and the finished
release is uploaded file by file. Either way latest.json is written last, so a
reader that follows it never meets a half-written release.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

CACHE_ENV = "NEWSEVENTS_CACHE"


def is_url(output: str | Path) -> bool:
    return "://" in str(output)


def work_dir(output: str | Path) -> Path:
    """The local folder a run works in for this output."""
    if not is_url(output):
        return Path(output)
    base = os.environ.get(CACHE_ENV) or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents"
    url = str(output).rstrip("/")
    # the readable tail helps an operator find the folder; the digest keeps URLs apart
    tail = "".join(c if c.isalnum() else "-" for c in url.split("://", 1)[1])[-40:]
    return Path(base) / f"{tail}-{hashlib.sha256(url.encode()).hexdigest()[:12]}"


class LocalTarget:
    """A release folder on this machine: publish is an atomic rename."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def location(self, rel: str) -> Path:
        return self.root / rel

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            return (self.root / rel).read_bytes()
        except FileNotFoundError:
            return None

    def open(self, rel: str) -> BinaryIO:
        return open(self.root / rel, "rb")

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def listdir(self, rel: str) -> list[str]:
        folder = self.root / rel
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    def write_bytes(self, rel: str, data: bytes) -> None:
        """Write aside, fsync, rename: readers see the old file or the new one."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a served folder must be readable
        os.replace(tmp, path)

    def put_folder(self, local: Path, rel: str) -> None:
        dest = self.root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.rename(local, dest)

    def remove_folder(self, rel: str) -> None:
        # rename first so the release vanishes at once, then delete at leisure
        path = self.root / rel
        hidden = path.with_name(f".removing-{path.name}")
        os.rename(path, hidden)
        shutil.rmtree(hidden)


class RemoteTarget:
    """Object storage through fsspec: uploads, then latest.json as a single PUT."""

    def __init__(self, url: str):
        import fsspec

        self.url = url.rstrip("/")
        self.fs, self.base = fsspec.core.url_to_fs(self.url)
        self.base = self.base.rstrip("/")

    def _path(self, rel: str) -> str:
        return f"{self.base}/{rel}".rstrip("/")

    def location(self, rel: str) -> str:
        return f"{self.url}/{rel}"

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            return self.fs.cat_file(self._path(rel))
        except FileNotFoundError:
            return None

    def open(self, rel: str) -> BinaryIO:
        return self.fs.open(self._path(rel), "rb")

    def exists(self, rel: str) -> bool:
        self.fs.invalidate_cache()
        return self.fs.exists(self._path(rel))

    def listdir(self, rel: str) -> list[str]:
        # listings are cached by s3fs; another run may have published since
        self.fs.invalidate_cache()
        try:
            entries = self.fs.ls(self._path(rel), detail=False)
        except FileNotFoundError:
            return []
        return sorted(e.rstrip("/").rsplit("/", 1)[-1] for e in entries)

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.fs.pipe_file(self._path(rel), data)

    def put_folder(self, local: Path, rel: str) -> None:
        """Uploads every file; the local copy is removed once all are stored."""
        for path in sorted(p for p in Path(local).rglob("*") if p.is_file()):
            self.fs.put_file(str(path), self._path(f"{rel}/{path.relative_to(local).as_posix()}"))
        shutil.rmtree(local)

    def remove_folder(self, rel: str) -> None:
        self.fs.rm(self._path(rel), recursive=True)
        self.fs.invalidate_cache()


def target(output: str | Path) -> LocalTarget | RemoteTarget:
    return RemoteTarget(str(output)) if is_url(output) else LocalTarget(output)
