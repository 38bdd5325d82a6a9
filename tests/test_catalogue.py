"""index.html lists every release and its files; prune keeps the latest and the links."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from flows.cli import main
from newsevents.prune import to_prune

from .release_data import NOW, publish_rows, table_rows


@pytest.fixture
def three_releases(tmp_path):
    out = tmp_path / "out"
    for day in range(3):
        publish_rows(out, table_rows(range(day + 1)), now=NOW + timedelta(days=day))
    return out


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_catalogue_links_every_file_of_every_release(three_releases):
    html = (three_releases / "index.html").read_text(encoding="utf-8")
    hrefs = set(_hrefs(html))
    for release in (three_releases / "releases").iterdir():
        manifest = json.loads((release / "manifest.json").read_text())
        for f in manifest["files"]:
            if f["path"].startswith(("csv/", "parquet/")):
                assert f"releases/{release.name}/{f['path']}" in hrefs
                assert f["sha256"] in html
        for doc in ("datapackage.json", "README.md"):
            assert f"releases/{release.name}/{doc}" in hrefs
    assert html.index("v2026.11.27") < html.index("v2026.11.26") < html.index("v2026.11.25")
    assert html.count('class="latest"') == 1


def test_to_prune_never_removes_the_latest():
    versions = ["v2026.01.01", "v2026.01.02", "v2026.01.03"]
    assert to_prune(versions, "v2026.01.03", 1) == ["v2026.01.01", "v2026.01.02"]
    assert to_prune(versions, "v2026.01.01", 1) == ["v2026.01.02"]
    assert to_prune(versions, "v2026.01.03", 5) == []
    with pytest.raises(ValueError):
        to_prune(versions, "v2026.01.03", 0)


def test_releases_list_and_prune_commands(three_releases, capsys):
    assert main(["releases", "list", "--output", str(three_releases)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == ["v2026.11.27", "v2026.11.26", "v2026.11.25"]
    assert "(latest)" in listed[0]
    assert main(["releases", "prune", "--keep", "2", "--output", str(three_releases)]) == 0
    assert "v2026.11.25" in capsys.readouterr().out
    assert sorted(p.name for p in (three_releases / "releases").iterdir()
                  if not p.name.startswith(".")) == ["v2026.11.26", "v2026.11.27"]
    html = (three_releases / "index.html").read_text()
    assert "v2026.11.25" not in html and "releases/v2026.11.27/csv/events.csv" in html
    assert json.loads((three_releases / "latest.json").read_text())["version"] == "v2026.11.27"
