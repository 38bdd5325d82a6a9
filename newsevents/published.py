"""Input metadata: publication dates (full or partial ISO dates) and the optional
fields of a sidecar or a JSONL line, kept when valid and reported when not."""
from __future__ import annotations

import re
from datetime import date

from extraction.text import normalise

from .decode import clean

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")
TEXT_FIELDS = ("id", "title", "url")


def parse_published(value: object) -> tuple[str, str] | None:
    """("2024-10-01", "month") for "2024-10"; None when the value is not an ISO date."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        d = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    return d.isoformat(), precision


def check_meta(record: dict) -> tuple[dict, tuple[str, str] | None]:
    """(valid fields, first problem as (reason, detail) or None).

    A bad field is dropped, never the document: metadata is optional and the text
    is what the dataset is about.
    """
    meta: dict = {}
    problem = None
    for key in TEXT_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        text = normalise(clean(value)) if isinstance(value, str) else ""
        if text:
            meta[key] = text
        elif problem is None:
            problem = (f"metadata field '{key}' is not text", repr(value)[:200])
    if record.get("published") is not None:
        parsed = parse_published(record["published"])
        if parsed is None:
            reason = "metadata field 'published' is not an ISO date (2024-10-22, 2024-10 or 2024)"
            problem = problem or (reason, repr(record["published"])[:200])
        else:
            meta["published"] = parsed
    return meta, problem
