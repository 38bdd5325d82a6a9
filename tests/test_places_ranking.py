"""Golden cases of tests/golden/places_*.json: text in, the place mentions and
their resolved rows out (same format as tests/golden/places.json).

Each case says in "rule" what it checks: homonym ranking, AP state
abbreviations, district type words."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.places import find_places
from extraction.sentences import split_sentences

from extraction.actors import find_actors
from tests.test_places import check_golden

_GOLDEN = Path(__file__).parent / "golden"
_FILES = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(_GOLDEN.glob("places_*.json"))]
# A file with "with_actors" runs the actor finder first and passes its mentions on, as extraction.core does.
CASES = [dict(c, with_actors=d.get("with_actors", False)) for d in _FILES for c in d["cases"]]


@pytest.mark.parametrize("case", CASES, ids=[c["rule"] for c in CASES])
def test_golden(case):
    text = case["text"]
    sents = split_sentences(text)
    actor_mentions = find_actors(text, sents)[1] if case["with_actors"] else []
    places, mentions = find_places(text, sents, actor_mentions)
    check_golden(text, case["expected"], {p.place_id: p for p in places}, mentions, coordinates=False)


def test_many_datelines_stay_linear():
    """Thousands of "Town, St." datelines: the abbreviations are merged into the
    candidates in one pass (inserting them one by one was quadratic)."""
    import time
    text = "Biloxi, Miss., " * 20000
    t0 = time.perf_counter()
    places, mentions = find_places(text, split_sentences(text), [])
    assert time.perf_counter() - t0 < 10
    assert len(mentions) == 40000 and {p.name for p in places} == {"Biloxi", "Mississippi"}
