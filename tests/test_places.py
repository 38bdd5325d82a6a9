"""Golden cases for the place finder plus properties that must hold on any input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import gazetteer as G
from extraction.places import _rules, find_places
from extraction.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "golden" / "places.json").read_text())["cases"]


def _run(text):
    places, mentions = find_places(text, split_sentences(text), [])
    return {p.place_id: p for p in places}, mentions


def check_golden(text, expected, places, mentions, coordinates=True):
    """One golden case: the place mentions found, in order, and the listed fields of
    their places. coordinates: every place must have them (districts the gazetteer
    lacks have none)."""
    assert [m.text for m in mentions] == [e["text"] for e in expected]
    for m, exp in zip(mentions, expected):
        assert text[m.start:m.end] == m.text and m.kind == "place"
        p = places[m.ref_id]
        for field in ("place_id", "name", "feature", "country_code", "admin1"):
            if field in exp:
                assert getattr(p, field) == exp[field], (m.text, field)
        if coordinates:
            assert p.latitude is not None and p.longitude is not None
        if "bbox" in exp:
            s, w, n, e = exp["bbox"]
            assert s <= p.latitude <= n and w <= p.longitude <= e


@pytest.mark.parametrize("case", CASES, ids=[c.get("rule", c["text"][:40]) for c in CASES])
def test_golden(case):
    places, mentions = _run(case["text"])
    check_golden(case["text"], case["expected"], places, mentions)


def test_every_place_row_is_complete():
    text = (Path(__file__).resolve().parents[2] / "shared" / "000_8d99d819530093ff.txt")
    if not text.exists():
        pytest.skip("seed article not beside the repository")
    places, mentions = _run(text.read_text(encoding="utf-8"))
    names = {p.name for p in places.values()}
    assert {"Russia", "Ukraine", "North Korea", "Primorsky Krai", "Kursk Oblast", "Sergeyevka"} <= names
    for p in places.values():
        assert p.country_code and len(p.country_code) == 3
        assert p.latitude is not None and p.longitude is not None
    assert not any(m.text in ("North Atlantic Council", "State Department", "Mark") for m in mentions)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_exact(text):
    places, mentions = find_places(text, split_sentences(text), [])
    ids = {p.place_id for p in places}
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.ref_id in ids


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["in", "Kursk", "region", "Paris", ",", "Texas", "the", "U.S.",
                                 "village", "of", "Sergeevka", "Primorsky", "Krai", "Homs", "and",
                                 "Governorates", "'s", "al-Raqqa", "\u202e", "Ё", "\n"]),
                max_size=12))
def test_place_like_noise(words):
    text = " ".join(words)
    _places, mentions = find_places(text, split_sentences(text), [])
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_empty_and_huge():
    assert find_places("", [], []) == ([], [])
    big = "Troops moved into Kharkiv, Ukraine. " * 20000
    places, mentions = find_places(big, split_sentences(big), [])
    assert len(mentions) == 40000 and len(places) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Al", "al", "ez", "Deir", "Zor", "Kursk", "Oblast", "Sergeyevka", "Yuzhny",
                                 "Mississippi", "Kharkiv", "-", "'", "’s", "São", "Tskhinvali", "Ust-Kut",
                                 "Kray", "Dnipropetrovs'k", "of", "the", "É"]), min_size=2, max_size=6))
def test_key_starts_with_the_key_of_its_first_words(words):
    # place_runs._longest skips longer sub-runs once no key can extend a prefix's
    # key: that is only sound if a name's key starts with its prefix's key, which
    # the spelling rules break only by joining an article to the next word.
    arts = _rules()["articles"]
    for n in range(1, len(words)):
        p, full = G.key(" ".join(words[:n])), G.key(" ".join(words))
        if not p or G.fold(" ".join(words[:n])).rsplit(" ", 1)[-1] in arts:
            continue
        assert full == p or full.startswith(p + " "), (words, p, full)


def test_prefix_filter_has_no_false_negatives():
    c = G.cities()
    for k in ["kursk", "sergeevka", "new york", "san jose", "deir ezzor", "rio de janeiro", "kryvy rih"]:
        k = G.key(k)
        words = k.split(" ")
        for n in range(1, len(words)):
            assert c.may_extend(" ".join(words[:n])), k


_RUN_PIECES = ["al-", "Al-", "al‐", "el-", "ul-", "ash-", "esh-", "x", "a", "e", "u", " ", "-", "‐", "Raqqa", "R",
               "'", "’", ",", "of ", "de ", "Abu", "non-", "Jean-Pierre", "É", "\n", "ez-Zor", "Deir "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RUN_PIECES), max_size=12).map("".join) | st.text(max_size=60))
def test_runs_are_the_run_pattern_matches(text):
    # runs() finds capital starts and "al-" starts with two fast scans and
    # merges them: it must give exactly _RUN's leftmost non-overlapping matches.
    from extraction import place_tokens
    assert [m.span() for m in place_tokens.runs(text)] == [m.span() for m in place_tokens._RUN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Al", "Ez", "Deir", "Zor", "Kursk", "Oblast", "Sergeyevka", "Yuzhny", "Ass",
                                 "Northern", "Kharkiv", "O'Neil", "Foo_", "Ust-Kut", "Kray", "São", "Tskhinvali",
                                 "El-Tur", "Lll"]), min_size=1, max_size=5),
       st.lists(st.sampled_from([" ", "  ", " of ", "'s ", " al "]), min_size=4, max_size=4))
def test_sub_run_key_from_token_parts_is_the_key_of_the_text(words, gaps):
    # _sub_key builds a sub-run's key from its tokens' memoised parts when one
    # space separates them: it must equal key() of the sub-run's text.
    from extraction import place_runs, place_tokens
    text = words[0] + "".join(g + w for g, w in zip(gaps, words[1:]))
    toks = place_tokens.tokens(text, 0, len(text))
    gaz = (G.countries()[0], G.admin1()[0], G.cities())
    info = [place_runs._token_info(text[a:b], _rules(), gaz) for a, b in toks]
    for i in range(len(toks)):
        for j in range(i + 1, len(toks) + 1):
            assert place_runs._sub_key(text, toks, info, i, j) == G.key(text[toks[i][0]:toks[j - 1][1]])
