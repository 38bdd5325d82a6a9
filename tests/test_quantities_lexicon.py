"""Quantity lexicons and the rules they feed: the words YAML would read as booleans
("on", "no", "off") act as the words they are (test_lexicon_booleans checks the files),
and figures over figures that are not fractions ("24/7", "9/11") are no amounts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.quantities import find_quantities
from extraction.sentences import split_sentences

GOLDEN = [case for name in ("quantities_lexicon.json", "quantities_slash.json", "quantities_units.json",
                       "quantities_numbers.json")
          for case in json.loads((Path(__file__).parent / "golden" / name).read_text("utf-8"))]


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
