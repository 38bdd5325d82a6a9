"""Quantity lexicons and the rules they feed: every word list holds strings, the
words YAML would read as booleans ("on", "no", "off") act as the words they are,
and figures over figures that are not fractions ("24/7", "9/11") are no amounts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.lexicon import load
from extraction.quantities import find_quantities
from extraction.sentences import split_sentences

GOLDEN = [case for name in ("quantities_lexicon.json", "quantities_slash.json", "quantities_units.json",
                       "quantities_numbers.json")
          for case in json.loads((Path(__file__).parent / "golden" / name).read_text("utf-8"))]


def _non_strings(node, path):
    """Paths of list entries and keys that are not strings or numbers (YAML 1.1
    reads a bare on/off/yes/no as a boolean)."""
    if isinstance(node, bool):
        return [path]
    if isinstance(node, dict):
        return [p for k, v in node.items()
                for p in ([f"{path}/{k} (key)"] if isinstance(k, bool) else []) + _non_strings(v, f"{path}/{k}")]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _non_strings(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("name", ["quantities.yaml", "units.yaml", "numbers.yaml"])
def test_lexicon_has_no_booleans(name):
    assert _non_strings(load(name), name) == []


@pytest.mark.parametrize("case", GOLDEN, ids=[c["text"][:40] for c in GOLDEN])
def test_golden(case):
    text = case["text"]
    got = find_quantities(text, split_sentences(text), [], "doc")
    assert [q.text for q in got] == [e["text"] for e in case["expected"]]
    for q, e in zip(got, case["expected"]):
        assert (q.value, q.unit, q.qualifier, q.category) == (e["value"], e["unit"], e["qualifier"],
                                                              e["category"])
        if "unit_text" in e:
            assert text[q.unit_start:q.unit_end] == e["unit_text"]
