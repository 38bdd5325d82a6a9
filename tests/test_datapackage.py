"""datapackage.json and README.md are generated from schemas/ and validate."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents import release_config
from schemas import TABLES

from .release_data import publish_rows, table_rows

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dp") / "out"
    publish_rows(out, table_rows())
    return publish_rows(out, table_rows(range(3))).path


def _validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], cwd=folder,
                          capture_output=True, text=True, timeout=300, check=False)


def test_frictionless_validate_passes(release):
    done = _validate(release)
    assert done.returncode == 0, done.stdout[-3000:]


def test_frictionless_catches_a_corrupted_file(release, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(release, broken)
    with (broken / "csv" / "events.csv").open("a", encoding="utf-8") as f:
        f.write('"e_x","not a doc",zero,,,,,,,,,,,,,,\n')
    done = _validate(broken)
    assert done.returncode != 0
    assert "events" in done.stdout


def test_descriptor_comes_from_schemas(release):
    package = json.loads((release / "datapackage.json").read_text())
    config = release_config.load()
    assert package["licenses"][0]["name"] == config["licence"]["name"]
    assert package["version"] == release.name
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(TABLES) | {f"{t}-parquet" for t in TABLES}
    for name, spec in TABLES.items():
        for res in (resources[name], resources[f"{name}-parquet"]):
            schema = res["schema"]
            assert schema["primaryKey"] == list(spec.primary_key)
            assert [f["name"] for f in schema["fields"]] == spec.columns
            columns = spec.schema.columns
            for f in schema["fields"]:
                assert f["description"].startswith(columns[f["name"]].description)
                assert f.get("constraints", {}).get("required", False) == \
                    (not columns[f["name"]].nullable)
        fks = {fk["fields"]: fk["reference"] for fk in resources[name]["schema"].get(
            "foreignKeys", [])}
        for fk in spec.foreign_keys:
            if not fk.when_column:
                expected = "" if fk.table == name else fk.table
                assert fks[fk.column] == {"resource": expected, "fields": fk.ref_column}
    date_field = next(f for f in resources["events"]["schema"]["fields"]
                      if f["name"] == "date_start")
    assert date_field["type"] == "date"


def test_readme_is_the_data_dictionary(release):
    text = (release / "README.md").read_text(encoding="utf-8")
    config = release_config.load()
    assert config["licence"]["name"] in text and config["attribution"] in text
    for lib in ("pd.read_parquet", "DuckDB", "pl.read_parquet"):
        assert lib in text
    for name, spec in TABLES.items():
        assert f"### {name}" in text
        assert spec.description in text
        for col_name, col in spec.schema.columns.items():
            assert f"| `{col_name}` |" in text
            assert col.description.replace("|", "\\|") in text
            example = (col.metadata or {}).get("example")
            if example is not None:
                shown = example if isinstance(example, str) else json.dumps(example)
                assert shown in text, (name, col_name)
