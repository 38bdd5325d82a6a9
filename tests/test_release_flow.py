"""The whole flow twice: unchanged raw/ publishes nothing; a new document is counted."""
from __future__ import annotations

import json
import shutil

import pandas as pd

from flows.cli import main
from newsevents.files import sha256_file
from schemas import TABLES

from .conftest import latest_release, run_pipeline


def test_rerun_publishes_nothing_then_a_new_document_is_counted(tmp_path, seed_output,
                                                               capsys):
    raw, output = tmp_path / "raw", tmp_path / "output"
    shutil.copytree(seed_output.parent / "raw", raw)
    shutil.copytree(seed_output, output)
    before = latest_release(output)
    releases = sorted(p.name for p in (output / "releases").iterdir())

    assert main(["run", "--raw", str(raw), "--output", str(output)]) == 0
    assert f"no changes since {before.name}" in capsys.readouterr().out
    assert sorted(p.name for p in (output / "releases").iterdir()) == releases

    (raw / "added.txt").write_text(
        "Ukraine's army said on Monday that 300 soldiers had arrived in Kharkiv. "
        "Officials in Kyiv confirmed the deployment.\n", encoding="utf-8")
    summary = run_pipeline(raw, output)
    assert summary["changed"] and summary["version"] != before.name
    release = latest_release(output)
    changes = json.loads((release / "changes.json").read_text())
    assert changes["previous"] == before.name
    docs = pd.read_parquet(release / "parquet" / "documents.parquet")
    new_id = docs.loc[docs["source"] == "added.txt", "doc_id"].item()
    assert changes["tables"]["documents"]["added"] == 1
    for name in ("sentences", "mentions", "events", "quantities"):
        table = pd.read_parquet(release / "parquet" / f"{name}.parquet")
        assert changes["tables"][name]["added"] == int((table["doc_id"] == new_id).sum()), name
        assert changes["tables"][name]["removed"] == 0, name
    assert changes["tables"]["sentences"]["added"] >= 2
    manifest = json.loads((release / "manifest.json").read_text())
    assert any(i["source"] == "added.txt" for i in manifest["inputs"])
    for f in manifest["files"]:
        assert sha256_file(release / f["path"]) == f["sha256"], f["path"]
    assert set(manifest["tables"]) == set(TABLES)
    html = (output / "index.html").read_text()
    assert before.name in html and release.name in html
