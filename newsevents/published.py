"""Publication dates of inputs: full or partial ISO dates with their precision."""
from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")


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
