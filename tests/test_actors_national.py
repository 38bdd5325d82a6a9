"""Golden cases of tests/golden/actors_*.json: which country an actor belongs to.

Text in, for each listed span the actor it resolves to (actor_id, type,
country), and the spans that must be no actor ("absent"); 'rule' says what a
case checks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.actors import find_actors
from extraction.sentences import split_sentences

CASES = [c for f in sorted((Path(__file__).parent / "golden").glob("actors_*.json"))
         for c in json.loads(f.read_text(encoding="utf-8"))["cases"]]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_golden(case):
    text = case["text"]
    actors, mentions = find_actors(text, split_sentences(text))
    by_id = {a.actor_id: a for a in actors}
    for exp in case["expect"]:
        got = [by_id[m.ref_id] for m in mentions if m.text == exp["span"]]
        assert got, (exp["span"], [m.text for m in mentions])
        for a in got:  # every mention of the span
            for field in ("actor_id", "actor_type", "country_code"):
                if field in exp:
                    assert getattr(a, field) == exp[field], (exp["span"], field, getattr(a, field))
    spans = {m.text for m in mentions}
    for span in case.get("absent", ()):  # no actor at all for these ("Paris, Texas" is a town)
        assert span not in spans, span
