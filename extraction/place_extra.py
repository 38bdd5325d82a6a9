"""Place candidates the capitalised runs do not give by themselves: AP state
abbreviations after a town ("Biloxi, Miss.") and the countries of a
hyphenated pair ("UK-France Summit", "the Iran-Iraq War"), which the run
tokenizer keeps as one word so that "Guinea-Bissau" and "Deir ez-Zor" stay whole."""
from __future__ import annotations

import re

from . import gazetteer as G
from .place_tokens import tokens

_PART = re.compile(r"[^-‐]+")


def put_state(cands, n_pre, s, e, entry):
    """An AP state abbreviation ("Miss.") as a division candidate, in text order
    among the run candidates (after the n_pre of _ABBREV), in place of the town a
    run read in it ("Miss" -> Mis, ITA)."""
    i = len(cands)
    while i > n_pre and cands[i - 1][0] >= s:
        i -= 1
    cands[i:] = [c for c in cands[i:] if c[0] >= e]
    cands.insert(i, [s, e, "admin1", [entry], "strong", G.key(entry.name)])


def country_pairs(text, rs, re_, found, ckey):
    """found plus a country candidate for each part of a hyphenated word all of
    whose parts are countries and that found leaves alone; offsets relative to rs."""
    extra = []
    for a, b in tokens(text, rs, re_):
        parts = [(m.start(), m.end()) for m in _PART.finditer(text, a, b)]
        if len(parts) < 2 or any(c[0] < b - rs and a - rs < c[1] for c in found):
            continue
        keys = [G.key(text[x:y]) for x, y in parts]
        if all(k in ckey for k in keys):
            extra += [(x - rs, y - rs, "country", [ckey[k]], "strong", k) for (x, y), k in zip(parts, keys)]
    return tuple(sorted((*found, *extra), key=lambda c: c[0])) if extra else found
