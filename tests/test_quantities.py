"""Quantity extractor: golden cases, exact spans, derived totals, robustness."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.numbers import find_numbers, parse_number
from extraction.quantities import find_quantities
from extraction.sentences import split_sentences

GOLDEN = json.loads((Path(__file__).parent / "golden" / "quantities.json").read_text("utf-8"))


def _run(text, blocked=()):
    return find_quantities(text, split_sentences(text), list(blocked), "doc")


@pytest.mark.parametrize("case", GOLDEN, ids=[c["text"][:40] for c in GOLDEN])
def test_golden(case):
    text = case["text"]
    got = _run(text)
    assert [q.text for q in got] == [e["text"] for e in case["expected"]]
    for q, e in zip(got, case["expected"]):
        assert q.value == e["value"]
        assert q.unit == e["unit"]
        assert q.qualifier == e["qualifier"]
        assert q.category == e["category"]
        assert q.value_low == e.get("value_low")
        assert q.value_high == e.get("value_high")
        assert q.per_unit == e.get("per_unit")
        assert q.is_derived == e.get("is_derived", False)
        if "unit_text" in e:
            assert text[q.unit_start:q.unit_end] == e["unit_text"]


def test_seed_derived_total_points_at_its_factors():
    text = "These may consist of two brigades, each with 6,000 personnel."
    qs = _run(text)
    total = next(q for q in qs if q.is_derived)
    brigades = next(q for q in qs if q.unit == "brigade")
    per = next(q for q in qs if q.per_unit == "brigade")
    assert total.derived_from == [brigades.quantity_id, per.quantity_id]
    assert total.value == 12000 and total.text == text[total.start:total.end]


def test_blocked_spans_are_skipped():
    text = "The 127th Motorized Rifle Division moved 5 tanks on October 27-28."
    s = text.index("127th")
    e = text.index("Division") + len("Division")
    d = text.index("October")
    qs = _run(text, [(s, e), (d, d + len("October 27-28"))])
    assert [(q.value, q.unit) for q in qs] == [(5.0, "tank")]


def test_ids_are_stable_and_sentence_ids_set():
    text = "Officials said 300 troops arrived. Later 40 more troops came."
    a, b = _run(text), _run(text)
    assert [q.quantity_id for q in a] == [q.quantity_id for q in b]
    assert [q.sentence_id for q in a] == [0, 1]


@pytest.mark.parametrize("text,value", [
    ("one hundred and five", 105), ("two and a half million", 2_500_000),
    ("twenty-one", 21), ("a dozen", 12), ("1.2 million", 1_200_000), ("6,000", 6000),
    ("seven million five hundred twenty thousand", 7_520_000), ("three quarters", 0.75),
])
def test_number_words(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_number_runs_split_where_words_cannot_combine():
    assert [n.value for n in find_numbers("twenty thirty fifty hundred")] == [20, 30, 5000]


@pytest.mark.parametrize("text", ["", " ", "\u202e\u200f12\u0000 soldiers", "½", "-",
                                  "$", "1" * 5000, "one " * 2000, "1,000,000,000,000,000,000"])
def test_odd_inputs_do_not_raise(text):
    for q in _run(text):
        assert text[q.start:q.end] == q.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=12),
    st.sampled_from(["two", "brigades", "each with", "6,000", "about", "$", "3bn", "-", "to",
                     "between", "and", "killed", "dozens of", "10:30", "October", "27-28",
                     "%", "km", "per", "one", "half", "a", "million", " ", ", ", ". "]),
), max_size=25))
def test_spans_are_exact_and_nothing_raises(parts):
    text = " ".join(parts)
    for q in _run(text):
        assert text[q.start:q.end] == q.text
        assert 0 <= q.start < q.end <= len(text)
        if q.unit_start is not None:
            assert 0 <= q.unit_start <= q.unit_end <= len(text)
        if q.qualifier == "range":
            assert q.value is None and q.value_low < q.value_high


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["one", "ten", "tens", "million", "score", "someone", "often",
                                 "Two", "5", "_", "-", " ", "\n", "é", "a", "hundreds", "x"]),
                max_size=12))
def test_word_scan_matches_look_behind_scan(parts):
    # the fast scan (consuming the character before a word) must find exactly the
    # word starts the plain look-behind pattern finds, text start included
    from extraction.number_tables import tables
    from extraction.quantity_scan import _trie_re_plain, _word_hits

    text = "".join(parts)
    words = tuple(tables().find_words)
    want = [m.start() for m in _trie_re_plain(words).finditer(text.lower())]
    assert _word_hits(text, words) == want


def test_vague_amounts_found_from_number_word_hits():
    # "tens" and "scores" reach the vague reader through the number-word scan
    got = _run("Tens of thousands fled; scores of homes and several hundred cars burned.")
    assert [(q.text, q.value_low) for q in got] == [
        ("Tens of thousands", 20000.0), ("scores", 40.0), ("several hundred", 300.0)]
