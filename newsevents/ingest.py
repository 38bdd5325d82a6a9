"""Raw inputs to documents or rejections: nothing is lost, nothing crashes.

Every file under the input folder ends up as one or more documents (a JSONL
file gives one per line) or as a rejection row with a plain-words reason.
Only regular files inside the input folder are ever opened: links are
resolved and checked first, sizes come from stat before any read, and no
file is read past the size limit.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from extraction.text import normalise

from .decode import Unreadable, clean, declared_charset, decode, decode_json_line, html_to_text
from .published import check_meta

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
META_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
META_MAX_BYTES = 1024 * 1024  # a sidecar holds four short fields
UNEXPECTED = "unexpected error while reading this input (please report it)"


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
    offset: int = 0  # where the document's bytes start in the file (a JSONL line)
    length: int = 0  # how many bytes it has: read_text reads exactly these

    def to_dict(self) -> dict:
        # shallow: every field is a str or int, and dataclasses.asdict deep-copies
        return {f.name: getattr(self, f.name) for f in fields(self)}


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
    root = Path(raw_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist or is not a folder")
    docs: list[DocRef] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}
    rejected: set[str] = set()
    for item in _inputs(root, max_bytes):
        if isinstance(item, DocRef) and item.doc_id in seen:
            item = Rejection(item.source, "duplicate: the same text is already published from "
                             f"{seen[item.doc_id]}", f"doc_id {item.doc_id}")
        if isinstance(item, DocRef):
            seen[item.doc_id] = item.source
            docs.append(item)
            continue
        source = item.source
        # Rejections are keyed by source; a file literally named "a.jsonl#3" must not
        # collide with line 3 of a.jsonl.
        n = 1
        while source in rejected:
            n += 1
            source = f"{item.source} ({n})"
        rejected.add(source)
        rejections.append(Rejection(source, item.reason,
                                    None if item.detail is None else clean(item.detail)))
    return docs, rejections


def read_text(ref: DocRef) -> str:
    """The normalised text of a document found by scan, re-read from its file.

    Raises ValueError when the file changed since the scan: the document's id and
    checksum would no longer describe its text."""
    with open(ref.path, "rb") as f:
        f.seek(ref.offset)
        data = f.read(ref.length + 1)
    if ref.line is None:
        text = normalise(file_text(data, Path(ref.path).suffix.lower())[0])
    else:
        record = parse_line(data[:ref.length], ref.line == 1)
        if isinstance(record, tuple):
            raise ValueError(f"{ref.source} changed since the run read it: {record[0]}")
        text = normalise(clean(record["text"]))
    if text_key(text)[1] != ref.text_sha256 or (ref.line is None and len(data) != ref.length):
        raise ValueError(f"{ref.source} changed since the run read it")
    return text


def file_text(data: bytes, suffix: str) -> tuple[str, str | None]:
    """(text, HTML title) of a one-document file's bytes, or Unreadable."""
    if suffix not in HTML_SUFFIXES:
        return decode(data)[0], None
    text, title = html_to_text(decode(data, declared_charset(data))[0])
    return text, (normalise(clean(title)) or None) if title else None


def parse_line(raw: bytes, first: bool) -> dict | tuple[str, str | None]:
    """The JSON object of a JSONL line, or (reason, detail) of why it is not a document."""
    try:
        line = decode_json_line(raw, first)
    except Unreadable as e:
        return "line is not UTF-8 text", str(e)
    if not line.strip():
        return "empty line in a JSONL file", None
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as e:
        return "line is not valid JSON", f"{type(e).__name__}: {e}"[:200]
    if not isinstance(record, dict):
        return "line is not a JSON object", f"it is a JSON {type(record).__name__}"
    text = record.get("text")
    if not isinstance(text, str):
        return "line has no 'text' string", ("'text' is missing" if text is None
                                             else f"'text' is a JSON {type(text).__name__}")
    return record


def _inputs(root: Path, max_bytes: int) -> Iterator[DocRef | Rejection]:
    root_real = root.resolve()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=errors.append):
        dirnames.sort()
        here = Path(dirpath)
        for name in list(dirnames):
            path = here / name
            if path.is_symlink():
                dirnames.remove(name)
                yield Rejection(source_name(path, root), "link to a folder: not followed",
                                os.readlink(path))
            elif name.startswith("."):
                dirnames.remove(name)
                yield Rejection(source_name(path, root), "hidden folder: not read", None)
        for name in sorted(filenames):
            path = here / name
            source = source_name(path, root)
            if name.endswith(META_SUFFIX):
                stem = name[: -len(META_SUFFIX)]
                target = here / stem
                if stem in ("", ".", "..") or not os.path.lexists(target) or target.is_dir():
                    yield Rejection(source, "metadata file without its document",
                                    f"expected a file {stem!r} beside it")
                continue
            if name.startswith("."):
                yield Rejection(source, "hidden file: not read", None)
                continue
            try:
                yield from _one_file(path, source, root_real, max_bytes)
            except Exception as e:  # noqa: BLE001 - one input must never stop the run
                yield Rejection(source, UNEXPECTED, f"{type(e).__name__}: {e}"[:500])
    for e in errors:
        where = source_name(Path(e.filename), root) if e.filename else "."
        yield Rejection(where or ".", "folder could not be listed", e.strerror)


def _one_file(path: Path, source: str, root_real: Path, max_bytes: int
              ) -> Iterator[DocRef | Rejection]:
    real, problem = _resolve_inside(path, root_real)
    if problem:
        yield Rejection(source, *problem)
        return
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix != ".jsonl":
        yield Rejection(source, f"unsupported file type '{suffix or 'none'}': only .txt, .md, "
                        ".html and .jsonl are read", None)
        return
    if suffix == ".jsonl":  # read line by line: the size limit applies to each line
        yield from _jsonl(real, source, max_bytes)
        return
    size = real.stat().st_size
    if size > max_bytes:
        yield Rejection(source, "file too large: over the size limit, not read",
                        f"{size:,} bytes; the limit is {max_bytes:,} (--max-bytes)")
        return
    try:
        with open(real, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        yield Rejection(source, "file could not be read", e.strerror)
        return
    if len(data) > max_bytes:  # grew since stat
        yield Rejection(source, "file too large: over the size limit, not read",
                        f"more than {max_bytes:,} bytes (--max-bytes)")
        return
    try:
        text, title = file_text(data, suffix)
    except Unreadable as e:
        yield Rejection(source, str(e), f"{len(data):,} bytes")
        return
    meta, problem = _sidecar(path, root_real)
    if problem:
        yield Rejection(source + META_SUFFIX, problem[0] + "; the document is kept without it",
                        problem[1])
    if title and not meta.get("title"):
        meta["title"] = title
    yield from _document(normalise(text), source, str(real), None, 0, len(data), meta)


def _resolve_inside(path: Path, root_real: Path, link_ok: bool = False
                    ) -> tuple[Path, tuple[str, str | None] | None]:
    """The real path of a regular file inside the input folder, or why it is not one."""
    try:
        real = path.resolve(strict=True)
    except RuntimeError as e:  # Python 3.11 reports a loop this way
        return path, ("link loop: nothing to read", str(e))
    except FileNotFoundError:
        return path, ("broken link: its target does not exist", os.readlink(path)
                      if path.is_symlink() else None)
    except OSError as e:
        return path, ("link could not be followed", e.strerror)
    if not real.is_relative_to(root_real):
        return real, ("link to a file outside the input folder: not read, for safety",
                      str(real))
    if path.is_symlink() and not link_ok:
        # The target is an input of its own, read under its own name.
        return real, (f"link to {source_name(real, root_real)}: that file is read under its own name",
                      None)
    if not stat.S_ISREG(real.stat().st_mode):
        return real, ("not a regular file (a device, pipe or socket)", None)
    return real, None


def _jsonl(path: Path, source: str, max_bytes: int) -> Iterator[DocRef | Rejection]:
    with open(path, "rb") as f:
        offset = 0
        line = 0
        while raw := f.readline(max_bytes + 1):
            line += 1
            start = offset
            offset += len(raw)
            line_source = f"{source}#{line}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while not raw.endswith(b"\n") and (raw := f.readline(1 << 20)):
                    offset += len(raw)  # skipped a block at a time, never held whole
                yield Rejection(line_source, "line too large: over the size limit, not read",
                                f"{offset - start:,} bytes; the limit is {max_bytes:,}")
                continue
            try:
                yield from _jsonl_line(raw, line, start, line_source, str(path))
            except Exception as e:  # noqa: BLE001 - one line must never stop the file
                yield Rejection(line_source, UNEXPECTED, f"{type(e).__name__}: {e}"[:500])
    if line == 0:
        yield Rejection(source, "empty: no lines in this JSONL file", "0 bytes")


def _jsonl_line(raw: bytes, line: int, start: int, source: str, path: str
                ) -> Iterator[DocRef | Rejection]:
    record = parse_line(raw, line == 1)
    if isinstance(record, tuple):
        yield Rejection(source, *record)
        return
    meta, problem = check_meta(record)
    if problem:
        yield Rejection(source + "#meta", problem[0] + "; the document is kept without it",
                        problem[1])
    yield from _document(normalise(clean(record["text"])), source, path, line, start,
                         len(raw), meta)


def _sidecar(path: Path, root_real: Path) -> tuple[dict, tuple[str, str | None] | None]:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not os.path.lexists(meta_path):
        return {}, None
    real, problem = _resolve_inside(meta_path, root_real, link_ok=True)
    if problem:
        return {}, ("metadata file not read: " + problem[0], problem[1])
    size = real.stat().st_size
    if size > META_MAX_BYTES:
        return {}, ("metadata file too large", f"{size:,} bytes; the limit is {META_MAX_BYTES:,}")
    try:
        with open(real, "rb") as f:
            record = json.loads(f.read(META_MAX_BYTES + 1).decode("utf-8-sig"))
    except OSError as e:
        return {}, ("metadata file could not be read", e.strerror)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        return {}, ("metadata file is not valid JSON", f"{type(e).__name__}: {e}"[:200])
    if not isinstance(record, dict):
        return {}, ("metadata file is not a JSON object", f"it is a JSON {type(record).__name__}")
    return check_meta(record)


def _document(text: str, source: str, path: str, line: int | None, offset: int, length: int,
              meta: dict) -> Iterator[DocRef | Rejection]:
    if not text:  # normalise strips, so whitespace-only text is empty here
        yield Rejection(source, "empty: no text to extract", f"{length:,} bytes")
        return
    doc_id, sha = text_key(text)
    published, precision = meta.get("published", (None, "unknown"))
    yield DocRef(doc_id=doc_id, source=source, path=path, line=line,
                 source_id=meta.get("id"), title=meta.get("title"), url=meta.get("url"),
                 published_date=published, published_precision=precision,
                 n_chars=len(text), text_sha256=sha, offset=offset, length=length)


def source_name(path: Path, root: Path) -> str:
    """Path for the tables: names that are not UTF-8 get \\x escapes, not lone surrogates
    (which no UTF-8 file, Parquet or CSV can hold)."""
    rel = path.relative_to(root).as_posix()
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")
