"""output/index.html: a static catalogue of every release, built from their manifests.

Plain HTML with relative links and no script, so it works from any static file
server (python -m http.server, a bucket's website endpoint) and from a file://
checkout alike.
"""
from __future__ import annotations

import json
from html import escape

from .versioning import sort_key

DOCS = (("datapackage.json", "datapackage"), ("README.md", "data dictionary"),
        ("manifest.json", "manifest"), ("changes.json", "changes"))

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 2rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}
code{font-size:.75rem;word-break:break-all}
.latest{background:#e6f4ea;padding:0 .4rem;border-radius:.3rem;font-size:.9rem}
"""


def _files(manifest: dict) -> dict[str, dict]:
    """path -> {bytes, sha256} (manifests list every file of their release)."""
    return {f["path"]: f for f in manifest.get("files", [])}


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _release(manifest: dict, latest: str | None) -> str:
    version = manifest["version"]
    base = f"releases/{version}"
    files = _files(manifest)
    badge = ' <span class="latest">latest</span>' if version == latest else ""
    # the manifest is the page's own source, so it exists though it cannot list itself
    docs = " | ".join(_link(f"{base}/{path}", label) for path, label in DOCS
                      if path in files or path == "manifest.json")
    rows = []
    for table, info in manifest.get("tables", {}).items():
        cells = [f"<td>{escape(table)}</td>", f'<td class="n">{info["rows"]}</td>']
        for kind in ("csv", "parquet"):
            entry = info[kind]
            href = f"{base}/{entry['path']}"
            cells.append(f"<td>{_link(href, kind.upper())} "
                         f"({entry['bytes']} bytes)<br>sha256 <code>{entry['sha256']}</code></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<section id="{escape(version)}">\n<h2>{escape(version)}{badge}</h2>\n'
            f"<p>Created {escape(str(manifest.get('created_at', '')))}. {docs}</p>\n"
            "<table>\n<tr><th>table</th><th>rows</th><th>CSV</th><th>Parquet</th></tr>\n"
            + "\n".join(rows) + "\n</table>\n</section>")


def render(manifests: list[dict], latest: str | None, title: str = "newsevents") -> str:
    """The catalogue page; releases newest first."""
    ordered = sorted(manifests, key=lambda m: sort_key(m["version"]), reverse=True)
    head = (f"<p>{len(ordered)} release(s). The latest is {_link('latest.json', 'latest.json')}"
            f" ({escape(latest or 'none')}). Each release holds one CSV and one Parquet file per "
            "table; sha256 checksums let you verify a download.</p>")
    body = "\n".join(_release(m, latest) for m in ordered) or "<p>No releases yet.</p>"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)} releases</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n<h1>{escape(title)} releases</h1>\n{head}\n{body}\n</body>\n</html>\n")


def build(target, versions: list[str], latest: str | None, title: str = "newsevents") -> str:
    """Renders the catalogue of every release the target holds."""
    manifests = []
    for version in versions:
        data = target.read_bytes(f"releases/{version}/manifest.json")
        if data is not None:
            manifests.append(json.loads(data))
    return render(manifests, latest, title)
