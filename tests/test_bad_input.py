"""Bad input: every raw input becomes a document or a rejection with a clear reason,
nothing outside the input folder is read, and one flow run publishes the rest."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest

from newsevents import ingest
from newsevents.ingest import DocRef, Rejection, read_text, scan

from .conftest import latest_release
from .fixtures.bad_inputs import SECRET, Doc, Rej, build


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    raw, cases = build(root)
    return root, raw, cases


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _check(source: str, expect: Doc | Rej, got: DocRef | Rejection | None) -> str | None:
    if got is None:
        return f"{source}: not accounted for"
    if isinstance(expect, Rej):
        if not isinstance(got, Rejection):
            return f"{source}: expected a rejection ({expect.reason}), got a document"
        if expect.reason not in got.reason:
            return f"{source}: reason {got.reason!r} lacks {expect.reason!r}"
        return None
    if not isinstance(got, DocRef):
        return f"{source}: expected a document, got rejection {got.reason!r} ({got.detail})"
    text = read_text(got)
    if expect.text is not None and text != expect.text:
        return f"{source}: decoded to {text[:80]!r}"
    problems = [w for w in expect.contains if w not in text]
    problems += [f"not {w}" for w in expect.absent if w in text]
    if expect.title is not None and got.title != expect.title:
        problems.append(f"title {got.title!r}")
    return f"{source}: {problems}" if problems else None


def test_every_bad_input_becomes_what_it_should(bad, no_network):
    _, raw, cases = bad
    docs, rejections = scan(raw)
    got: dict[str, DocRef | Rejection] = {d.source: d for d in docs}
    got.update({r.source: r for r in rejections})
    problems = [p for s, e in cases.items() if (p := _check(s, e, got.get(s)))]
    problems += [f"{s}: unexpected {g}" for s, g in got.items() if s not in cases]
    assert not problems, "\n".join(problems)
    assert all(r.reason != ingest.UNEXPECTED for r in rejections)
    assert len({d.doc_id for d in docs}) == len(docs)


def test_every_file_on_disk_is_accounted_for(bad):
    """Walks the folder independently: each entry is a source, a line of one, a
    sidecar of a document, or inside a rejected folder."""
    _, raw, _ = bad
    docs, rejections = scan(raw)
    sources = {d.source for d in docs} | {r.source for r in rejections}
    stems = {s.split("#")[0] for s in sources}
    folders = {r.source for r in rejections if "folder" in r.reason}
    missing = []
    for dirpath, dirnames, filenames in os.walk(raw):
        for name in filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            rel = os.fsencode((Path(dirpath) / name).relative_to(raw).as_posix()).decode(
                "utf-8", "backslashreplace")
            inside_rejected = any(rel.startswith(f + "/") for f in folders)
            sidecar = rel.endswith(".meta.json") and rel[:-10] in stems
            if rel not in stems and not inside_rejected and not sidecar:
                missing.append(rel)
    assert not missing


def test_nothing_outside_the_input_folder_is_read(bad, monkeypatch):
    _, raw, _ = bad
    opened: list[str] = []
    real_open = open

    def tracking_open(path, *args, **kwargs):
        opened.append(os.path.realpath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", tracking_open, raising=False)
    docs, _ = scan(raw)
    for d in docs:
        read_text(d)
    raw_real = os.path.realpath(raw)
    assert opened and all(p.startswith(raw_real + os.sep) for p in opened)
    # The oversized file is rejected from its size alone: it is never opened.
    assert os.path.realpath(raw / "huge.txt") not in opened
    assert all(d.title != SECRET for d in docs)


def test_size_limit_is_configurable(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "small.txt").write_text("A short report from Kyiv.")
    (raw / "big.txt").write_text("A longer report. " * 20)
    docs, rejections = scan(raw, max_bytes=100)
    assert [d.source for d in docs] == ["small.txt"]
    assert rejections[0].source == "big.txt" and "too large" in rejections[0].reason
    assert "100" in rejections[0].detail


def test_jsonl_over_the_limit_is_read_line_by_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = [f'{{"text": "Report number {i} from Kyiv about the front."}}' for i in range(30)]
    lines.insert(5, '{"text": "' + "x" * 5000 + '"}')
    (raw / "many.jsonl").write_text("\n".join(lines) + "\n")
    assert (raw / "many.jsonl").stat().st_size > 1000
    docs, rejections = scan(raw, max_bytes=200)
    assert len(docs) == 30
    assert [(r.source, "too large" in r.reason) for r in rejections] == [("many.jsonl#6", True)]
    # Line numbers and byte offsets stay right after the skipped line.
    assert docs[5].source == "many.jsonl#7"
    assert read_text(docs[5]) == "Report number 5 from Kyiv about the front."
    assert read_text(docs[-1]) == "Report number 29 from Kyiv about the front."


def test_a_file_changed_after_the_scan_is_not_misread(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("First version of the report.")
    (raw / "b.jsonl").write_text('{"text": "Line one."}\n{"text": "Line two."}\n')
    docs, _ = scan(raw)
    (raw / "a.txt").write_text("Second version of the report, longer.")
    (raw / "b.jsonl").write_text('{"text": "Line ONE."}\n{"text": "Line two."}\n')  # same length
    with pytest.raises(ValueError, match="changed"):
        read_text(docs[0])
    assert read_text(docs[2]) == "Line two."  # its bytes did not move
    with pytest.raises(ValueError, match="changed"):
        read_text(docs[1])


def test_rejection_sources_stay_unique(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.jsonl").write_text('{"text": "fine"}\nnot json\n')
    (raw / "a.jsonl#2").write_text("a file whose name looks like a line")
    _, rejections = scan(raw)
    sources = [r.source for r in rejections]
    assert len(sources) == len(set(sources)) == 2


def test_missing_input_folder_is_an_error_not_an_empty_release(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        scan(tmp_path / "nope")


def _tree_digest(folder: Path) -> dict[str, str]:
    out = {}
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            p = Path(dirpath) / name
            if p.is_symlink():
                out[str(p)] = "link:" + os.readlink(p)
            elif p.is_file() and p.stat().st_size < 2_000_000:
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def published(bad):
    """One real run of the command line over every bad input."""
    from flows.cli import main

    root, raw, _ = bad
    before = _tree_digest(root)
    output = root / "output"
    argv = ["run", "--raw", str(raw), "--output", str(output), "--task-runner", "thread"]
    return main(argv), before, output


def test_flow_publishes_the_rest_and_writes_only_under_output(bad, published):
    root, raw, cases = bad
    rc, before, output = published
    assert rc == 0
    assert sorted(p.name for p in root.iterdir()) == ["output", "outside", "raw"]
    assert _tree_digest(raw) == {k: v for k, v in before.items() if k.startswith(str(raw))}
    release = latest_release(output)
    docs = pd.read_parquet(release / "parquet" / "documents.parquet")
    rejections = pd.read_parquet(release / "parquet" / "rejections.parquet")
    expected_docs = {s for s, e in cases.items() if isinstance(e, Doc)}
    assert set(docs["source"]) == expected_docs
    assert set(rejections["source"]) == set(cases) - expected_docs
    assert (rejections["reason"].str.len() > 5).all()
    for path in output.rglob("*"):
        if path.is_file() and not path.name.endswith(".parquet"):
            assert SECRET.encode() not in path.read_bytes(), path


def test_schema_failure_exits_1_and_names_the_failure_file(bad, published, tmp_path, capsys):
    from flows.cli import main

    _, raw, _ = bad
    rc, _, source_output = published
    assert rc == 0
    output = tmp_path / "output"
    shutil.copytree(source_output, output, symlinks=True)
    before = (output / "latest.json").read_text()
    entry_path = next((output / ".store").rglob("*.json.gz"))
    entry = json.loads(gzip.decompress(entry_path.read_bytes()))
    entry["columns"]["sentences"]["start"][0] = -5  # breaks ge=0 and the span check
    entry_path.write_bytes(gzip.compress(json.dumps(entry).encode()))
    capsys.readouterr()
    argv = ["run", "--raw", str(raw), "--output", str(output), "--task-runner", "thread"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    reports = list((output / "failures").glob("*"))
    assert len(reports) == 1 and reports[0].is_file()
    assert str(reports[0]) in err, err
    failures = pd.read_csv(reports[0])
    assert {"table", "column", "check", "failure_case"} <= set(failures.columns)
    assert ((failures["table"] == "sentences") & (failures["column"] == "start")).any()
    assert (output / "latest.json").read_text() == before
