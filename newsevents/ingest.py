"""Raw inputs to documents or rejections: nothing is lost, nothing crashes.

Every file under the input folder ends up as one or more documents (a JSONL
file gives one per line) or as a rejection row with a plain-words reason.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from extraction.text import normalise

from .decode import Unreadable, decode, html_to_text
from .published import parse_published

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
META_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class DocRef:
    """A document found in the input: small enough to pass between tasks."""

    doc_id: str
    source: str
    path: str  # absolute path of the file to re-read
    line: int | None  # 1-based JSONL line, None for one-document files
    source_id: str | None
    title: str | None
    url: str | None
    published_date: str | None  # ISO date (first day of a partial date)
    published_precision: str
    n_chars: int
    text_sha256: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rejection:
    source: str
    reason: str
    detail: str | None = None


def text_key(text: str) -> tuple[str, str]:
    """(doc_id, text_sha256) of a normalised text."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return sha[:16], sha


def scan(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
         ) -> tuple[list[DocRef], list[Rejection]]:
    """Every input under raw_dir, as documents (deduplicated) and rejections."""
    docs: list[DocRef] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}
    for item in _inputs(Path(raw_dir), max_bytes):
        if isinstance(item, Rejection):
            rejections.append(item)
        elif item.doc_id in seen:
            rejections.append(Rejection(item.source, "duplicate: the same text is already "
                                        f"published from {seen[item.doc_id]}",
                                        f"doc_id {item.doc_id}"))
        else:
            seen[item.doc_id] = item.source
            docs.append(item)
    return docs, rejections


def read_text(ref: DocRef) -> str:
    """The normalised text of a document found by scan (re-read from its file)."""
    if ref.line is None:
        data = Path(ref.path).read_bytes()
        text, _ = _file_text(data, Path(ref.path).suffix.lower())
        return normalise(text)
    with open(ref.path, "rb") as f:
        for i, raw in enumerate(f, 1):
            if i == ref.line:
                return normalise(json.loads(decode(raw)[0])["text"])
    raise FileNotFoundError(f"{ref.source} changed while the run was reading it")


def _inputs(root: Path, max_bytes: int) -> Iterator[DocRef | Rejection]:
    root_real = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False,
                                                onerror=None):
        dirnames.sort()
        here = Path(dirpath)
        # A symlink to a folder is listed in dirnames but not followed: account for it.
        for name in list(dirnames):
            if (here / name).is_symlink():
                dirnames.remove(name)
                yield Rejection(_rel(here / name, root), "link to a folder: not followed",
                                os.readlink(here / name))
        for name in sorted(filenames):
            path = here / name
            source = _rel(path, root)
            if name.endswith(META_SUFFIX):
                target = path.with_name(name[: -len(META_SUFFIX)])
                if not target.exists():
                    yield Rejection(source, "metadata file without its document",
                                    f"expected {target.name} beside it")
                continue
            if name.startswith("."):
                yield Rejection(source, "hidden file: not read", None)
                continue
            yield from _one_file(path, source, root_real, max_bytes)


def _one_file(path: Path, source: str, root_real: Path, max_bytes: int
              ) -> Iterator[DocRef | Rejection]:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as e:
        yield Rejection(source, "broken link or link loop: nothing to read", str(e))
        return
    if not real.is_relative_to(root_real):
        yield Rejection(source, "link to a file outside the input folder: not read for safety",
                        str(real))
        return
    if not real.is_file():
        yield Rejection(source, "not a regular file", None)
        return
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix != ".jsonl":
        yield Rejection(source, f"unsupported file type '{suffix or 'none'}': only .txt, .md, "
                        ".html and .jsonl are read", None)
        return
    size = real.stat().st_size
    if size > max_bytes:
        yield Rejection(source, "file too large", f"{size} bytes > limit {max_bytes} bytes")
        return
    if suffix == ".jsonl":
        yield from _jsonl(real, source)
        return
    data = real.read_bytes()
    try:
        text, html_title = _file_text(data, suffix)
    except Unreadable as e:
        yield Rejection(source, str(e), f"{size} bytes")
        return
    meta, problem = _sidecar(path)
    if problem:
        yield Rejection(source + META_SUFFIX, problem[0] + "; the document is kept without it",
                        problem[1])
    if html_title and not meta.get("title"):
        meta["title"] = html_title
    yield from _document(normalise(text), source, str(real), None, meta)


def _file_text(data: bytes, suffix: str) -> tuple[str, str | None]:
    text, _ = decode(data)
    if suffix in HTML_SUFFIXES:
        return html_to_text(text)
    return text, None


def _jsonl(path: Path, source: str) -> Iterator[DocRef | Rejection]:
    with path.open("rb") as f:
        for i, raw in enumerate(f, 1):
            line_source = f"{source}#{i}"
            if not raw.strip():
                yield Rejection(line_source, "empty line in JSONL file", None)
                continue
            try:
                record = json.loads(decode(raw)[0])
            except (Unreadable, ValueError) as e:
                yield Rejection(line_source, "line is not valid JSON", str(e)[:200])
                continue
            if not isinstance(record, dict):
                yield Rejection(line_source, "line is not a JSON object", type(record).__name__)
                continue
            text = record.get("text")
            if not isinstance(text, str):
                yield Rejection(line_source, "line has no 'text' string",
                                "missing" if text is None else f"'text' is {type(text).__name__}")
                continue
            meta, problem = _check_meta(record)
            if problem:
                yield Rejection(line_source + "#meta", problem[0] + "; the document is kept "
                                "without it", problem[1])
            yield from _document(normalise(text), line_source, str(path), i, meta)


def _sidecar(path: Path) -> tuple[dict, tuple[str, str] | None]:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not meta_path.exists():
        return {}, None
    try:
        record = json.loads(meta_path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        return {}, ("metadata file is not valid JSON", str(e)[:200])
    if not isinstance(record, dict):
        return {}, ("metadata file is not a JSON object", type(record).__name__)
    return _check_meta(record)


def _check_meta(record: dict) -> tuple[dict, tuple[str, str] | None]:
    """Keeps the valid metadata fields; reports the first invalid one."""
    meta: dict = {}
    problem = None
    for key in ("id", "title", "url"):
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and key == "id" and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            meta[key] = normalise(value)
        elif problem is None:
            problem = (f"metadata field '{key}' is not text", repr(value)[:200])
    if record.get("published") is not None:
        parsed = parse_published(record["published"])
        if parsed is None:
            problem = problem or ("metadata field 'published' is not an ISO date",
                                  repr(record["published"])[:200])
        else:
            meta["published"] = parsed
    return meta, problem


def _document(text: str, source: str, path: str, line: int | None, meta: dict
              ) -> Iterator[DocRef | Rejection]:
    if not text.strip():
        yield Rejection(source, "empty: no text to extract", None)
        return
    doc_id, sha = text_key(text)
    published, precision = meta.get("published", (None, "unknown"))
    yield DocRef(doc_id=doc_id, source=source, path=path, line=line,
                 source_id=meta.get("id"), title=meta.get("title"), url=meta.get("url"),
                 published_date=published, published_precision=precision,
                 n_chars=len(text), text_sha256=sha)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
