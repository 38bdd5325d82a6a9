"""Property tests of ingest on arbitrary folders: scan never raises, every file is a
document or a rejection, documents re-read to the text they were scanned as, and
two scans agree."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.ingest import UNEXPECTED, read_text, scan

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".meta.json", ".txt.meta.json", ".pdf", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=8)
json_records = st.fixed_dictionaries(
    {}, optional={"text": st.one_of(st.text(max_size=80), json_values),
                  "id": json_values, "title": json_values, "url": json_values,
                  "published": st.one_of(st.sampled_from(["2024", "2024-10", "2024-10-22",
                                                          "2024-13-01", "x"]), json_values)})
jsonl_line = st.one_of(json_records.map(lambda r: json.dumps(r).encode()),
                       json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=40))
encoded_text = st.tuples(st.text(max_size=200), st.sampled_from(ENCODINGS)).map(
    lambda t: t[0].encode(t[1], errors="replace"))
contents = st.one_of(
    st.binary(max_size=300), encoded_text,
    st.lists(jsonl_line, max_size=6).map(lambda ls: b"\n".join(ls)),
    st.text(max_size=120).map(lambda t: f"<html><title>{t}</title><p>{t}</p>".encode(
        "utf-8", "surrogatepass")))
names = st.tuples(st.text(alphabet="ab é#\u202e.", min_size=1, max_size=6),
                  st.sampled_from(SUFFIXES)).map("".join).filter(
    lambda n: n not in (".", "..") and "/" not in n)
folders = st.dictionaries(names, contents, min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders, st.integers(min_value=8, max_value=400))
def test_scan_accounts_for_everything_and_never_raises(files, max_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp)
        for name, data in files.items():
            (raw / name).write_bytes(data)
        docs, rejections = scan(raw, max_bytes)
        assert all(r.reason != UNEXPECTED for r in rejections), rejections
        sources = {d.source for d in docs} | {r.source for r in rejections}
        assert len(sources) == len(docs) + len(rejections)  # keys unique across both
        assert len({d.doc_id for d in docs}) == len(docs)
        for name in os.listdir(raw):
            covered = any(s == name or s.startswith(name + "#") for s in sources)
            stem = name[:-10]
            is_sidecar = (name.endswith(".meta.json") and stem not in ("", ".", "..")
                          and os.path.lexists(raw / stem) and not (raw / stem).is_dir())
            assert covered or is_sidecar, name
        for d in docs:
            text = read_text(d)
            assert text and len(text) == d.n_chars
            text.encode("utf-8")  # writable: no lone surrogates
            for value in (d.source, d.title, d.url, d.source_id):
                if value is not None:
                    value.encode("utf-8")
        for r in rejections:
            (r.source + r.reason + (r.detail or "")).encode("utf-8")
        assert scan(raw, max_bytes) == (docs, rejections)
