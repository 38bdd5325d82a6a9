"""Licence, attribution and titles of the releases, from release.yaml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

CONFIG_PATH = Path(__file__).resolve().parents[1] / "release.yaml"

# Used when release.yaml is missing (a checkout without it still publishes
# honest metadata): the open dataset licence the project recommends.
DEFAULTS = {
    "name": "newsevents",
    "title": "newsevents",
    "description": "Events extracted from English news text.",
    "homepage": None,
    "licence": {"name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "attribution": "Extracted by newsevents from the documents listed in the documents table.",
    "sources": [],
}


@lru_cache(maxsize=4)
def load(path: Path = CONFIG_PATH) -> dict:
    config = dict(DEFAULTS)
    if Path(path).exists():
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a mapping of settings")
        unknown = set(loaded) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}")
        config.update({k: v for k, v in loaded.items() if v is not None or k == "homepage"})
    return config
