"""Golden cases for the date finder plus properties that must hold on any input."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.dates import find_dates
from extraction.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "golden" / "dates.json").read_text())["cases"]


def _published(case):
    p = case["published"]
    if p is None:
        return None
    parts = [int(x) for x in p.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_golden(case):
    text = case["text"]
    found = find_dates(text, split_sentences(text), _published(case), case["precision"])
    got = [{"text": d.text,
            "date_start": d.date_start.isoformat() if d.date_start else None,
            "date_end": d.date_end.isoformat() if d.date_end else None,
            "precision": d.precision} for d in found]
    assert got == case["expected"]
    for d in found:
        assert text[d.start:d.end] == d.text
        assert d.sentence_id >= 0


def test_seed_article():
    text = (Path(__file__).resolve().parents[2] / "shared" / "000_8d99d819530093ff.txt")
    if not text.exists():
        pytest.skip("seed article not beside the repository")
    t = text.read_text(encoding="utf-8")
    refs = [d.ref for d in find_dates(t, split_sentences(t), date(2024, 10, 1), "month")]
    assert refs == ["2024-10-22", "2024-10-24", "2024-10-27/2024-10-28"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["day", "month", "year", "unknown"]))
def test_never_raises_and_spans_exact(text, precision):
    for d in find_dates(text, split_sentences(text), date(2024, 10, 25), precision):
        assert text[d.start:d.end] == d.text
        assert d.precision in ("day", "month", "year", "unknown")
        assert (d.date_start is None) == (d.precision == "unknown")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["October", "22", "May", "may", "2024", "-", "to", "between",
                                 "and", "last", "week", "yesterday", "Monday", ",", "in",
                                 "mid-", "early", "3", "/", "ago", "two", "days", "\u202e"]),
                max_size=12))
def test_date_like_noise(words):
    text = " ".join(words)
    for d in find_dates(text, split_sentences(text), date(2024, 10, 25), "day"):
        assert text[d.start:d.end] == d.text
        if d.date_end is not None:
            assert d.date_end > d.date_start


def test_huge_and_empty_inputs():
    assert find_dates("", [], None, "unknown") == []
    big = "On October 22 troops moved. " * 40000
    assert len(find_dates(big, split_sentences(big), date(2024, 10, 25), "day")) == 40000


_PIECES = ["On ", "from ", "between ", "the ", "week of ", "first week of ", "mid-", "early ", "in ",
           "since ", "Tuesday, ", "Friday the 13th", "October", "Oct.", "May", "22", "5th", "2024", "1990s",
           " and ", " to ", "-", ", ", "last ", "past two ", "weeks", "days ago", "yesterday", "summer",
           "Q3 ", "the end of the year", "over the weekend", "Christmas Day", "10/22/2024", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_context_free_offsets(text):
    # Rules run at anchors and in windows: text before a sentence must not change what is found in it.
    prefix = "Nothing to see here.\n"
    a = find_dates(text, split_sentences(text), date(2024, 10, 25), "day")
    b = find_dates(prefix + text, split_sentences(prefix + text), date(2024, 10, 25), "day")
    shift = len(prefix)
    assert [(d.start + shift, d.end + shift, d.ref) for d in a] == [(d.start, d.end, d.ref) for d in b]
