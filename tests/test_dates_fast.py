"""dates._ascii_lower must be exactly the A-Z-only lower-casing the case-free
date rules were written for: every offset of the text stays where it was."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.dates import _LOWER, _ascii_lower


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_ascii_lower_is_the_translation(text):
    assert _ascii_lower(text) == text.translate(_LOWER)


def test_only_ascii_letters_change():
    text = "İSTANBUL, Straße ǅ \ud800 ÀÉ March 5 — MAY"
    low = _ascii_lower(text)
    assert len(low) == len(text)
    assert low == "İstanbul, straße ǅ \ud800 ÀÉ march 5 — may"
