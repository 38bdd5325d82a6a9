"""The class-first regexes (extraction/fast_regex.py) must match exactly like the
plain patterns they replace: same spans, same groups, on any text."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import place_tokens, places
from extraction.date_patterns import build_patterns, month_regexes, patterns
from extraction.fast_regex import lead_alternation
from extraction.lexicon import load

# The plain forms, as they were written before the rewrite.
_RUN_PLAIN = re.compile(r"(?<![\w'’-])" + place_tokens._CAP + place_tokens._CONNECT)
_ABBREV_PLAIN = re.compile(r"(?<![\w.])(?:U\.S\.A?\.?|U\.K\.|D\.P\.R\.K\.|U\.A\.E\.)(?!\w)")

# Text made of the pieces these patterns care about, so that hits are dense.
_PIECES = ["al-", "el-", "ul-", "ash-", "as-", "a", "e", "u", "Assad", "Sham", "New", "York", "of",
           "the", "de", "U.S.", "U.S.A.", "U.K.", "D.P.R.K.", "U.A.E.", ".", "-", "'", "’", "s",
           " ", "  ", "\n", "x", "É", "Ā", "ā", "_", "1", "North Korean", "Korean", "American",
           "Americans", "Sept", "Sep", "September", "SEPT", "May", "MAY", "Mar.", "March", "Jan",
           "June", "Jun", "5", "2024"]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=60)


def _spans(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_place_runs_and_abbreviations(text):
    assert _spans(place_tokens._RUN, text) == _spans(_RUN_PLAIN, text)
    assert _spans(place_tokens._ABBREV, text) == _spans(_ABBREV_PLAIN, text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_demonyms(text):
    dem = places._rules()["dem"]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(n) for n in sorted(dem, key=len, reverse=True)) + r")(?![\w-])")
    assert _spans(places._rules()["dem_rx"], text) == _spans(plain, text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_month_anchor(text):
    months = load("dates.yaml")["months"].values()
    plain, fast = month_regexes([n[0] for n in months], [a for n in months for a in n[1:]])
    assert fast == patterns().anchors["month"].pattern
    assert _spans(re.compile(fast), text) == _spans(re.compile(plain), text)


@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=8), TEXTS)
@settings(max_examples=300, deadline=None)
def test_lead_alternation_any_words(words, text):
    fast = re.compile(lead_alternation(words, r"[\w-]") + r"(?!\w)")
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    assert _spans(fast, text + "".join(words)) == _spans(plain, text + "".join(words))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "3", "4", "9", "0", "/", ".", "19", "20", "-", " ", "a"]),
                max_size=30).map("".join))
def test_numeric_date_rule(text):
    fast = dict((k, rx) for k, rx, _ in patterns().rules)["numeric"]
    plain = re.compile(fast.pattern.replace(r"(?P<a>\d(?:(?<=[0-3])\d)?)", r"(?P<a>[0-3]?\d)"))
    assert plain.pattern != fast.pattern
    assert _spans(fast, text) == _spans(plain, text)


_DATE_PIECES = ["from ", "From ", "between ", "BETWEEN ", "the ", "of ", "in ", "since ", "early ",
                "Mid-", "late ", "Monday", "Mon.", "TUE", "Sat, ", "first", "Second", "21st", "3",
                "2024", "1999", "12", "/", "-", " to ", " and ", "–", ", ", ".", " ", "Oct.", "May",
                "SEPT", "Sept", "January", "yesterday", "last ", "next week", "two", "days ago",
                "this year", "x", "k", "\u212a", "\u017f", "é", "_"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=25).map("".join) | st.text(max_size=40))
def test_every_date_rule_matches_like_its_plain_form(text):
    fast, plain = patterns(), build_patterns(fast=False)
    lowered = text.lower()
    for (kind, f, _), (_, p, _) in zip(fast.rules, plain.rules):
        for t in (text, lowered):
            assert [(m.span(), m.groupdict()) for m in f.finditer(t)] == \
                   [(m.span(), m.groupdict()) for m in p.finditer(t)], kind
    for name, f in fast.anchors.items():
        assert _spans(f, text) == _spans(plain.anchors[name], text), name


@given(st.lists(st.text(alphabet="abAB-", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="abAB- ", max_size=30), st.booleans())
@settings(max_examples=500, deadline=None)
def test_lead_alternation_keeps_preference_order(words, text, fold_case):
    # No tail: whichever word is tried first wins, so any reordering shows.
    flags = re.I if fold_case else 0
    fast = re.compile(lead_alternation(words, fold_case=fold_case), flags)
    plain = re.compile("|".join(map(re.escape, words)), flags)
    assert _spans(fast, text) == _spans(plain, text)
