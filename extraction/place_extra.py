"""Place candidates the capitalised runs do not give by themselves: AP state
abbreviations after a town ("Biloxi, Miss.") and the countries of a
hyphenated pair ("UK-France Summit", "the Iran-Iraq War"), which the run
tokenizer keeps as one word so that "Guinea-Bissau" and "Deir ez-Zor" stay whole."""
from __future__ import annotations

import re

from . import gazetteer as G
from .place_tokens import tokens

_PART = re.compile(r"[^-‐]+")


def put_states(cands, n_pre, states):
    """AP state abbreviations ("Miss.") as division candidates, in text order among
    the run candidates (those after the n_pre of _ABBREV, sorted by start), in
    place of the towns a run read in them ("Miss" -> Mis, ITA). states: (start,
    end, entry) in text order. One merge: a text of thousands of datelines stays linear."""
    runs, out, j = cands[n_pre:], [], 0
    for s, e, entry in states:
        while j < len(runs) and runs[j][0] < s:
            out.append(runs[j])
            j += 1
        while j < len(runs) and runs[j][0] < e:
            j += 1  # read inside the abbreviation
        out.append([s, e, "admin1", [entry], "strong", G.key(entry.name)])
    out += runs[j:]
    cands[n_pre:] = out


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
