"""quantity_scan.number_starts: one pass finds the same number-word starts and
digit runs as the two separate scans it replaces."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.number_tables import tables
from extraction.quantity_scan import DIGIT_CLASS, _word_hits, number_starts

_ASCII_RUN = re.compile(r"[0-9]+")
_RUN = re.compile(DIGIT_CLASS + "+")


def _two_scans(text: str, words) -> tuple[list[int], list[tuple[int, int]]]:
    runs = (_ASCII_RUN if text.isascii() else _RUN).finditer(text)
    return _word_hits(text, words), [m.span() for m in runs]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["5", "12", "0", "two", "million", "Five", "half", "ten", "often",
                                 "½", "٣", "x", "a", " ", "-", ".", ",", "é", "\n", "_", "seventy"]),
                max_size=14))
def test_one_pass_finds_what_two_scans_find(parts):
    text = "".join(parts)
    words = tables().find_words
    got = number_starts(text, words)
    if got is not None:
        assert got == _two_scans(text, words)


def test_word_right_after_digits_is_found():
    # "5million": the word scan alone used the last digit as the non-letter before the word
    words = tables().find_words
    for text in ("5million", "In 2020two", "3½ million", "x12 dozen", "two5three"):
        assert number_starts(text, words) == _two_scans(text, words)


def test_falls_back_when_lowering_changes_length():
    assert number_starts("İstanbul had 5 million", tables().find_words) is None
