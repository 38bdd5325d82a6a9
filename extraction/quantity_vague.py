"""Vague amounts: "dozens", "hundreds of thousands", "several hundred".

They carry no single value, only a lower bound (value_low) read from
lexicons/numbers.yaml ("dozens" >= 24, "tens of thousands" >= 20,000).
"""
from __future__ import annotations

import re

from .number_tables import Num, _Tables, tables
from .numbers import _word_hits


def find_vague(text: str) -> list[Num]:
    """'dozens', 'hundreds of thousands', 'several hundred': lower bounds only."""
    t = tables()
    out = []
    for m in _vague_matches(text, t):
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


def _vague_matches(text: str, t: _Tables):
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


def _followed_by_of(text: str, pos: int) -> bool:
    return text[pos:pos + 4].lower() == " of "
