"""Which settlement a name means, and whether it is a place at all here.

Homonyms are ranked by the division or country written next to the name,
then by the countries the document talks about, then by exact-name match,
capital status and population. A settlement needs evidence: a trigger word
before it, a qualifier after it, or size.
"""
from __future__ import annotations

import math

from . import gazetteer as G

_RANKED: dict = {}  # key -> its entries as [(static score, -order, entry)], best first


def ranked(k):
    """The entries of a name key, ranked by the part of a score that needs no context.

    Ties keep the data's order (the -order field), as a max() over the entries would.
    """
    got = _RANKED.get(k)
    if got is None:
        entries = (G.cities().get(k) or []) + G.admin1()[0].get(k, [])
        # A division's population is the sum of its towns: cap it so that a real
        # city of that name (Homs, Kursk, Beijing) wins over its province.
        got = sorted((((5.0 if x.feature == "admin1" else math.log10(x.population + 10))
                       + (1.5 if x.main_key == k else 0.0) + (1.5 if x.capital else 0.0), -n, x)
                      for n, x in enumerate(entries)), key=lambda t: (t[0], t[1]), reverse=True)
        if len(_RANKED) > 100000:
            _RANKED.clear()
        _RANKED[k] = got
    return got


def _best(k, doc_cc, qual):
    """The entry with the highest score: static, +8 next to its qualifier, +3 in a country of the text."""
    best_t, best = None, None
    for sc, order, x in ranked(k):
        if best_t is not None and sc + 11 < best_t[0]:
            break  # sorted: no later entry can catch up
        if qual and any(q.cc2 == x.cc2 and (q.feature == "country" or q.admin1_code == x.admin1_code
                                            or q.feature != "admin1") for q in qual):
            sc += 8
        elif best_t is not None and not qual and sc + 3 < best_t[0]:
            break  # without a qualifier only the text's countries add to a score
        if x.cc2 in doc_cc:
            sc += 3
        if best_t is None or (sc, order) > best_t:
            best_t, best = (sc, order), x
    return (best_t[0] if best_t else 0.0), best


def pick_city(text, c, cands, idx, doc_cc, rules, sent_starts):
    s, e, _, _, _, k = c
    if k in rules["stop"]:
        return None
    # "Sergeevka, Primorsky Krai" / "Prague, Oklahoma": the next candidate qualifies this one.
    qual = None
    if idx + 1 < len(cands):
        n = cands[idx + 1]
        if n[0] - e <= 3 and n[2] in ("admin1", "country", "city") and text[e:n[0]].strip() in (",", ""):
            qual = n[3] if n[2] != "city" else [r[2] for r in ranked(n[5])]
    best_sc, best = _best(k, doc_cc, qual)
    if best is None:
        return None
    initial = s in sent_starts or (s > 0 and text[s - 1] in "\"“'(" and (s - 1) in sent_starts)
    strong = qual is not None and best_sc >= 8
    big = best.population >= rules["bare"] or best.capital
    if strong or (big and not initial):
        return best  # a trigger word before it would change nothing
    trig = rules["trig"].search(text, max(0, s - 40), s) is not None
    if initial and not trig:
        return best if best.population >= rules["initial"] or best.capital else None
    if trig or big:
        return best
    return None
