"""Loads the rule and dictionary files kept as data under extraction/lexicons/."""
from __future__ import annotations

import csv
import hashlib
import json
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).parent / "lexicons"
# libyaml parses our lexicons ~10x faster than the pure-Python loader (1 s of
# every worker's start here); both are safe loaders giving the same data.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str):
    """Parsed content of a lexicon file (YAML, JSON or CSV as a list of dicts)."""
    path = LEXICON_DIR / name
    if path.suffix in (".yaml", ".yml"):
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    if path.suffix == ".json":
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    raise ValueError(f"unsupported lexicon file type: {name}")


@lru_cache(maxsize=1)
def lexicon_version() -> str:
    """Hash of every lexicon file: changes whenever a rule or dictionary changes."""
    h = hashlib.sha256()
    for path in sorted(LEXICON_DIR.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(LEXICON_DIR).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]
