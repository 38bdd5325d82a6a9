"""No word list of any lexicon holds a boolean: YAML 1.1 reads a bare on/off/yes/no
as True/False, which silently drops the word ("on" among the acronym joiners was
True until quoted). Booleans are allowed only as the values of the flag keys below."""
from __future__ import annotations

from pathlib import Path

import pytest

from extraction.lexicon import load

LEXICONS = sorted(p.name for p in (Path(__file__).parents[1] / "extraction" / "lexicons").glob("*.yaml"))
FLAGS = {"weekday_abbrev_need_date", "speech", "notarget", "subject_is_target"}


def _booleans(node, path, key=None):
    if isinstance(node, bool):
        return [] if key in FLAGS else [path]
    if isinstance(node, dict):
        return [p for k, v in node.items()
                for p in ([f"{path}/{k} (key)"] if isinstance(k, bool) else []) + _booleans(v, f"{path}/{k}", k)]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _booleans(v, f"{path}[{i}]")]
    return []


def test_every_lexicon_is_checked():
    assert len(LEXICONS) >= 10 and "actors_org_rules.yaml" in LEXICONS


@pytest.mark.parametrize("name", LEXICONS)
def test_no_word_is_read_as_a_boolean(name):
    assert _booleans(load(name), name) == []
