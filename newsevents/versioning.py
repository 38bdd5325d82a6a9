"""Calendar versions: v2026.11.25, then v2026.11.25.1 on the same day."""
from __future__ import annotations

import re
from datetime import date

_VERSION = re.compile(r"^v(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?$")


def sort_key(version: str) -> tuple[int, ...]:
    m = _VERSION.match(version)
    if not m:
        raise ValueError(f"not a release version: {version}")
    return tuple(int(g or 0) for g in m.groups())


def is_version(name: str) -> bool:
    return bool(_VERSION.match(name))


def next_version(existing: list[str], today: date) -> str:
    base = f"v{today:%Y.%m.%d}"
    taken = {v for v in existing if v == base or v.startswith(base + ".")}
    if not taken:
        return base
    return f"{base}.{max(sort_key(v)[3] for v in taken) + 1}"


def sorted_versions(names: list[str]) -> list[str]:
    return sorted((n for n in names if is_version(n)), key=sort_key)
