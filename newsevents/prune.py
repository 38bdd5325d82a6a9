"""Listing and pruning published releases (local folder or object store URL)."""
from __future__ import annotations

from .release import list_versions, read_json, read_latest, write_catalogue
from .storage import target


def releases(output: str) -> list[dict]:
    """Every release, oldest first: version, created_at, rows per table, latest or not."""
    tgt = target(output)
    latest = (read_latest(tgt) or {}).get("version")
    out = []
    for version in list_versions(tgt):
        manifest = read_json(tgt, f"releases/{version}/manifest.json") or {}
        out.append({"version": version, "created_at": manifest.get("created_at"),
                    "rows": {t: i["rows"] for t, i in manifest.get("tables", {}).items()},
                    "latest": version == latest, "path": str(tgt.location(f"releases/{version}"))})
    return out


def to_prune(versions: list[str], latest: str | None, keep: int) -> list[str]:
    """The versions to remove: all but the `keep` newest, and never the latest."""
    if keep < 1:
        raise ValueError("--keep must be at least 1: the latest release is always kept")
    kept = set(versions[-keep:]) | ({latest} if latest else set())
    return [v for v in versions if v not in kept]


def prune(output: str, keep: int, dry_run: bool = False) -> list[str]:
    """Removes old releases, then rewrites the catalogue so no link points at them."""
    tgt = target(output)
    latest = (read_latest(tgt) or {}).get("version")
    doomed = to_prune(list_versions(tgt), latest, keep)
    if dry_run or not doomed:
        return doomed
    for version in doomed:
        tgt.remove_folder(f"releases/{version}")
    write_catalogue(tgt, latest)
    return doomed
