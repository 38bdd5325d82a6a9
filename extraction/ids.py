"""Stable identifiers: the same input and code always give the same id."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def digest(*parts: object, length: int = 16) -> str:
    h = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8"))
    return h.hexdigest()[:length]


def stable_id(prefix: str, *parts: object) -> str:
    """An id like ``q_3f2a...`` built from the parts that define the record."""
    return f"{prefix}_{digest(*parts)}"


def slug(name: str) -> str:
    """ASCII, lower-case, dash-separated form of a name, for readable ids."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or digest(name, length=8)


def doc_scoped_id(prefix: str, doc_id: str, *parts: object) -> str:
    """``prefix_<doc_id>_<8 hex>``: ids that sort by document, so tables keyed by them
    can be written document by document and still be sorted by key."""
    return f"{prefix}_{doc_id}_{digest(*parts, length=8)}"
