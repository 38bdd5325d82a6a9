"""Assembly: the published tables do not depend on how documents are chunked."""
from __future__ import annotations

import pyarrow.parquet as pq

import newsevents.assemble as assemble_mod
from newsevents.extract_batch import extract_batch
from newsevents.ingest import scan
from newsevents.store import Store

TEXTS = [
    "NATO said on Monday that 2 brigades moved to Kursk.",
    "On October 22, Russian troops shelled Kharkiv, killing 3 civilians.",
    "Protesters gathered in Lagos on Tuesday to demand lower fuel prices.",
    "The U.S. State Department said about 10,000 North Korean soldiers are in Russia.",
    "Ukraine's President Volodymyr Zelensky met Mark Rutte in Brussels.",
]


def _tables(tmp_path, monkeypatch, chunk_docs: int, group_rows: int):
    raw = tmp_path / "raw"
    if not raw.exists():
        raw.mkdir()
        for i, text in enumerate(TEXTS):
            (raw / f"{i}.txt").write_text(text, encoding="utf-8")
    docs, rejections = scan(raw)
    store = Store(tmp_path / "store", "test")
    extract_batch(docs, store)
    monkeypatch.setattr(assemble_mod, "ROW_GROUP_ROWS", group_rows)
    folder = tmp_path / f"out-{chunk_docs}-{group_rows}"
    rows = assemble_mod.assemble(docs, rejections, store, folder, chunk_docs=chunk_docs)
    return rows, {p.stem: pq.ParquetFile(p) for p in folder.glob("*.parquet")}


def test_tables_are_the_same_whatever_the_chunk_and_row_group_size(tmp_path, monkeypatch):
    rows_a, a = _tables(tmp_path, monkeypatch, chunk_docs=1, group_rows=1)
    rows_b, b = _tables(tmp_path, monkeypatch, chunk_docs=500, group_rows=122_880)
    assert rows_a == rows_b and rows_a["documents"] == len(TEXTS) and rows_a["mentions"] > 10
    for name in a:
        assert a[name].read().equals(b[name].read()), name
    # one row group per non-empty chunk when buffering is off; buffered into one otherwise
    assert a["documents"].metadata.num_row_groups == len(TEXTS)
    assert b["documents"].metadata.num_row_groups == 1
    assert b["mentions"].metadata.num_row_groups == 1
