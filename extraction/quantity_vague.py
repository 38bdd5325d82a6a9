"""Vague amounts: "dozens", "hundreds of thousands", "several hundred".

They carry no single value, only a lower bound (value_low) read from
lexicons/numbers.yaml ("dozens" >= 24, "tens of thousands" >= 20,000).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .number_tables import Num, _Tables, tables
from .quantity_scan import _lower, _word_hits


def find_vague(text: str, number_hits: list[int] | None = None) -> list[Num]:
    """'dozens', 'hundreds of thousands', 'several hundred': lower bounds only.
    ``number_hits``: where number words start in ``text`` (quantity_scan._word_hits),
    when the caller has them already."""
    t = tables()
    out = []
    for m in _vague_matches(text, t, number_hits):
        if m.group("mod"):
            low = t.vague_mod[m.group("mod").lower()] * {"hundred": 100, "thousand": 1e3,
                                                         "million": 1e6, "billion": 1e9}[
                m.group("mscale").lower()]
        else:
            word = m.group("v").lower()
            more = m.group("more")
            # "several", "tens" alone are too vague to count; "scores" needs "of"
            if word in ("tens", "several", "multiple", "numerous") and not more:
                continue
            if word == "scores" and not more and not _followed_by_of(text, m.end()):
                continue
            low = t.vague[word]
            if more:
                for w in re.findall(r"[a-z]+", more.lower()):
                    if w != "of":
                        low *= {"hundreds": 100, "thousands": 1e3, "millions": 1e6,
                                "billions": 1e9}[w]
        out.append(Num(m.start(), m.end(), None, low=low, words=True, vague=True))
    return out


_VAGUE_KEYS = ("dozens", "scores", "hundred", "thousand", "million", "billion", "tens")


def _vague_matches(text: str, t: _Tables, number_hits: list[int] | None):
    if number_hits is not None and _keys_covered(t.find_words):
        # A key inside a vague amount starts a word there ("several hundred",
        # "tens of thousands"), and every key begins with a number word: so the
        # number words' starts that begin a key are all the starts that matter,
        # without one more pass over the text per key.
        low = _lower(text)
        hits = [p for p in number_hits if low.startswith(_VAGUE_KEYS, p)]
    else:
        hits = _word_hits(text, _VAGUE_KEYS)
    if hits is None:
        yield from t.vague_re.finditer(text)
        return
    last_end = -1
    n = len(text)
    for p in sorted(hits):
        if p < last_end:
            continue
        m = t.vague_re.search(text, max(0, p - 10), min(n, p + 90))
        if m is not None and m.start() <= p < m.end() and m.start() >= last_end:
            last_end = m.end()
            yield m


@lru_cache(maxsize=4)
def _keys_covered(find_words: tuple) -> bool:
    """Whether every vague key starts with a number word the numbers scan finds
    (and those are plain letters, so a word start is all a hit needs)."""
    return all(w.isascii() and w.isalpha() for w in find_words) and \
        all(any(k.startswith(w) for w in find_words) for k in _VAGUE_KEYS)


def _followed_by_of(text: str, pos: int) -> bool:
    return text[pos:pos + 4].lower() == " of "
