"""changes.json: added, removed and changed rows by primary key, with tombstones."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

import numpy as np

from newsevents.changes import Digests, compare, keys_at, row_digests
from schemas import TABLES

from .release_data import publish_rows, table_rows


def test_first_release_counts_every_row_as_added(tmp_path):
    release = publish_rows(tmp_path / "out", table_rows()).path
    changes = json.loads((release / "changes.json").read_text())
    assert changes["previous"] is None
    for name, rows in table_rows().items():
        t = changes["tables"][name]
        assert (t["added"], t["removed"], t["changed"]) == (len(rows), 0, 0), name


def test_changes_against_previous_release(tmp_path):
    out = tmp_path / "out"
    old = table_rows(range(2))
    publish_rows(out, old)
    # doc 0 gone, doc 2 new, doc 1 kept; one actor renamed
    new = table_rows([1, 2], actor_name="North Atlantic Treaty Organization")
    release = publish_rows(out, new).path
    changes = json.loads((release / "changes.json").read_text())
    assert changes["previous"] == "v2026.11.25"
    docs = changes["tables"]["documents"]
    assert (docs["added"], docs["removed"], docs["changed"], docs["unchanged"]) == (1, 1, 0, 1)
    assert docs["removed_keys"] == [[old["documents"][0]["doc_id"]]]
    sentences = changes["tables"]["sentences"]
    assert sentences["primary_key"] == ["doc_id", "sentence_id"]
    assert sentences["removed_keys"] == [[old["documents"][0]["doc_id"], 0]]
    actors = changes["tables"]["actors"]
    assert (actors["added"], actors["removed"], actors["changed"]) == (0, 0, 1)
    mentions = changes["tables"]["mentions"]
    assert (mentions["added"], mentions["removed"]) == (3, 3)


def test_row_hash_ignores_how_nulls_elsewhere_change_dtypes(tmp_path):
    # pandas turns an int column with a null into float; the same row must hash the same
    spec = TABLES["sentences"]
    rows = {"doc_id": ["a" * 16], "sentence_id": [0], "start": [0], "end": [5],
            "text": ["hello"]}
    schema = pa.schema([(c, pa.string() if c in ("doc_id", "text") else pa.int64())
                        for c in spec.columns])
    one = pa.table(rows, schema=schema)
    two = pa.table({k: v + ([None] if k == "end" else ["b" * 16] if k == "doc_id" else
                            [1] if k == "sentence_id" else [0] if k == "start" else ["x"])
                    for k, v in rows.items()}, schema=schema)
    pq.write_table(one, tmp_path / "one.parquet")
    pq.write_table(two, tmp_path / "two.parquet")
    a = row_digests(str(tmp_path / "one.parquet"), spec)
    b = row_digests(str(tmp_path / "two.parquet"), spec)
    assert a.keys[0] == b.keys[0] and a.rows[0] == b.rows[0]
    counts, removed = compare(a, b)
    assert (counts["added"], counts["unchanged"], counts["changed"]) == (1, 1, 0)
    assert len(removed) == 0


def test_compare_counts_and_removed_positions():
    def digests(pairs):
        return Digests(np.array([k for k, _ in pairs], dtype=np.uint64),
                       np.array([h for _, h in pairs], dtype=np.uint64))
    old = digests([(7, 1), (3, 2), (5, 3)])
    new = digests([(3, 2), (5, 30), (9, 4)])
    counts, removed = compare(old, new)
    assert counts == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert removed.tolist() == [0]
    assert compare(digests([]), new)[0] == {"added": 3, "removed": 0, "changed": 0,
                                            "unchanged": 0}


def test_removed_keys_are_read_across_batches(tmp_path, monkeypatch):
    import newsevents.changes as changes_mod
    monkeypatch.setattr(changes_mod, "BATCH_ROWS", 3)
    spec = TABLES["sentences"]
    n = 10
    table = pa.table({"doc_id": ["d"] * n, "sentence_id": list(range(n)), "start": [0] * n,
                      "end": [1] * n, "text": ["x"] * n})
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=4)
    got = keys_at(str(tmp_path / "t.parquet"), spec, np.array([0, 2, 3, 7, 9]))
    assert got == [["d", 0], ["d", 2], ["d", 3], ["d", 7], ["d", 9]]
