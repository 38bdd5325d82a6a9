"""Place mentions resolved to an offline gazetteer (extraction/gazetteer.py).

1. Candidates are runs of capitalised words (with "of", "al-", hyphens), split
   into the longest sub-runs the gazetteer knows. A type word after a name
   ("Kursk region", "Homs and Aleppo Governorates") makes it a first-level
   division. A run ending in an organisation head ("North Atlantic Council",
   "Oxford University") is an organisation: nothing inside it is a place.
2. Countries and full division names are always places. A settlement needs
   evidence: a trigger word before it ("in", "village of"), a division or
   country after it ("Sergeevka, Primorsky Krai"), or size (a big city or a
   capital; sentence-initial only when very big). Stoplisted words (first
   names, titles, common words) never are.
3. Homonyms are ranked by the division or country written next to the name,
   then by the countries the document talks about (names and demonyms), then
   by exact-name match, capital status and population.
"""
from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

from . import gazetteer as G
from .fast_regex import lead_alternation
from .lexicon import load
from .model import Mention, Place, Sentence

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_CAP = r"(?:(?:al|el|ad|ar|as|an|at|ash|az|ul)[-‐])?[" + _UPPER + r"][\w'’‐-]*"
_CONNECT = r"(?:\s(?:(?:of|de|del|la|le|di|da|do|dos|das|du|al|el|on|upon|the)\s)?" + _CAP + r")*"
# The same runs as (?<![\w'’-])_CAP_CONNECT, written to start with a character
# class so that sre jumps between candidates (see fast_regex): the first
# character is a capital or the a/e/u of an "al-"/"el-"/"ul-" prefix.
_RUN = re.compile(r"[aeu" + _UPPER + r"](?<![\w'’-][\s\S])(?:(?:(?<=a)(?:l|d|r|s|n|t|sh|z)|(?<=[eu])l)"
                  r"[-‐][" + _UPPER + r"][\w'’‐-]*|(?<![aeu])[\w'’‐-]*)" + _CONNECT)
_TOKEN = re.compile(_CAP)
_AFTER = re.compile(r"\s+([a-z]+)")
_POSS = re.compile(r"['’]s?$")
# (?<![\w.])(?:U.S.A?.?|U.K.|D.P.R.K.|U.A.E.)(?!\w), class-first as above.
_ABBREV = re.compile(r"[UD](?<![\w.][\s\S])(?:(?<=U)(?:\.S\.A?\.?|\.K\.|\.A\.E\.)|(?<=D)\.P\.R\.K\.)(?!\w)")


@lru_cache(maxsize=1)
def _rules():
    r = load("places.yaml")
    words = lambda k: frozenset(G.fold(w) for w in r[k])
    trig = sorted((G.fold(t) for t in r["triggers"]), key=len, reverse=True)
    trig_rx = re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(t) for t in trig) + r")\W*$")
    dem = {}
    for iso3, names in r["demonyms"].items():
        for n in names:
            dem[n] = iso3
    dem_rx = re.compile(lead_alternation(sorted(dem, key=len, reverse=True), r"[\w-]") + r"(?![\w-])")
    return {"stop": words("stoplist"), "org": words("org_heads"), "admin_trig": words("admin1_triggers"),
            "trig": trig_rx, "dem": dem, "dem_rx": dem_rx, "bare": int(r["bare_city_population"]),
            "initial": int(r["initial_city_population"]),
            "iso2": {v: k for k, v in G.iso3_of().items()}}


def find_places(text: str, sentences: list[Sentence],
                actor_mentions: list[Mention]) -> tuple[list[Place], list[Mention]]:
    if not text or not text.strip():
        return [], []
    try:
        return _find(text, sentences, actor_mentions)
    except RecursionError:  # pathological input must never stop a run
        return [], []


def _tokens(text, rs, re_):
    """Tokens of a capitalised run: (start, end) with possessive 's trimmed."""
    out = []
    for t in _TOKEN.finditer(text, rs, re_):
        s, e = t.span()
        p = _POSS.search(text, s, e)
        if p:
            e = p.start()
        while e > s and text[e - 1] in "-‐'’":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _find(text, sentences, actor_mentions):
    rules = _rules()
    ckey, _ = G.countries()
    akey, acode = G.admin1()
    cidx = G.cities()
    cnames = cidx.index  # the plain dict: membership without a method call
    starts = [s.start for s in sentences]
    sent_starts = set(starts)
    inside_actor = _containment(sorted((m.start, m.end) for m in actor_mentions))

    cands = []  # (start, end, kind, entries, evidence, key)
    for m in _ABBREV.finditer(text):
        e = ckey.get(G.key(m.group()))
        if e:
            cands.append([m.start(), m.end(), "country", [e], "strong", None])
    cache = _run_cache((ckey, akey, cidx))
    admin_trig = rules["admin_trig"]
    after = _AFTER.match
    for run in _RUN.finditer(text):
        rs, re_ = run.span()
        a = after(text, re_, re_ + 20)
        # What a run yields depends on its own text and, past its end, only on
        # a division type word right after it: that pair keys the cache.
        tail = (a.group(1), a.end() - re_) if a and a.group(1) in admin_trig else None
        ck = (run.group(), tail)
        found = cache.get(ck)
        if found is None:
            if len(cache) >= _RUN_CACHE_SIZE:
                cache.clear()
            found = cache[ck] = _run_cands(text, rs, re_, tail, rules, ckey, akey, cnames, cidx)
        for c in found:
            cand = [rs + c[0], rs + c[1], c[2], c[3], c[4], c[5]]
            _share_plural_type(text, cands, cand, akey)
            cands.append(cand)

    # Evidence for settlements and bare division names.
    doc_cc = {e.cc2 for c in cands if c[2] in ("country", "admin1") for e in c[3][:1]}
    iso2 = rules["iso2"]
    doc_cc |= {iso2.get(rules["dem"][m.group()]) for m in rules["dem_rx"].finditer(text)}
    places: dict[str, Place] = {}
    mentions: list[Mention] = []
    taken_s: list[int] = []  # the spans kept so far: disjoint, so sorted by start is sorted by end
    taken_e: list[int] = []
    for idx, c in enumerate(cands):
        s, e, kind, entries, _ev, k = c
        if kind != "country" and inside_actor(s, e):
            continue
        if kind == "city":
            entry = _pick_city(text, c, cands, idx, doc_cc, rules, sent_starts, acode)
            if entry is None:
                continue
        elif kind == "admin1":
            entry = max(entries, key=lambda x: (x.cc2 in doc_cc, x.population))
        else:
            entry = entries[0]
        # Overlap with a kept span: only the last one starting before e can reach past s.
        t = bisect.bisect_left(taken_s, e)
        if t and taken_e[t - 1] > s:
            continue
        taken_s.insert(t, s)
        taken_e.insert(t, e)
        if entry.place_id not in places:
            places[entry.place_id] = _row(entry)
        i = bisect.bisect_right(starts, s) - 1
        sid = sentences[i].sentence_id if i >= 0 else -1
        mentions.append(Mention(s, e, text[s:e], "place", entry.place_id, sid))
    mentions.sort(key=lambda m: (m.start, m.end))
    return sorted(places.values(), key=lambda p: p.place_id), mentions


_RUN_CACHE_SIZE = 50000  # distinct (run, type word) pairs kept: ~10 MB at most


@lru_cache(maxsize=1)
def _run_cache_holder():
    return {"owner": None, "runs": {}}


def _run_cache(owner):
    """Per-process memo of _run_cands; emptied if the gazetteer tables change."""
    h = _run_cache_holder()
    if h["owner"] is None or any(a is not b for a, b in zip(h["owner"], owner)):
        h["owner"], h["runs"] = owner, {}
    return h["runs"]


def _run_cands(text, rs, re_, tail, rules, ckey, akey, cnames, cidx):
    """The candidates of one capitalised run text[rs:re_], offsets relative to rs.

    The longest sub-runs the gazetteer knows, left to right; none when the run
    is an organisation name. tail: (type word, its end relative to re_) when a
    division type word follows the run, else None.
    """
    key, fold = G.key, G.fold
    toks = _tokens(text, rs, re_)
    if not toks:
        return ()
    last = fold(text[toks[-1][0]:toks[-1][1]])
    if last in rules["org"] and len(toks) > 1 and not any(
            key(text[toks[-n][0]:toks[-1][1]]) in ckey for n in range(2, min(4, len(toks)) + 1)):
        return ()  # an organisation: nothing inside it is a place
    out = []
    i = 0
    while i < len(toks):
        hit = None
        for j in range(min(len(toks), i + 5), i, -1):
            s, e = toks[i][0], toks[j - 1][1]
            k = key(text[s:e])
            if not k:
                continue
            in_c, in_a = k in ckey, k in akey
            if not (in_c or in_a or k in cnames):
                continue  # most sub-runs name nothing: skip the type-word checks
            # A division type word inside or right after the run forces admin1.
            nxt_tok = fold(text[toks[j][0]:toks[j][1]]) if j < len(toks) else None
            if j < len(toks):
                a = _AFTER.match(text, e, e + 20)  # inside the run: a connector word
                after = (a.group(1), a.end()) if a else None
            else:  # past the run's end: only a type word matters, see _find
                after = (tail[0], re_ + tail[1]) if tail and e == re_ else None
            type_word = nxt_tok if nxt_tok in rules["admin_trig"] else (
                after[0] if after and after[0] in rules["admin_trig"] else None)
            if in_c and type_word is None and k in rules["stop"] and j < len(toks):
                break  # "Jordan Miller", "Georgia Smith": a person, not the country
            if in_c and type_word is None:
                hit = (j, (s, e, "country", [ckey[k]], "strong", k))
            elif type_word and in_a:
                end = toks[j][1] if nxt_tok == type_word else after[1]
                hit = (j + (nxt_tok == type_word), (s, end, "admin1", akey[k], "strong", k))
            elif in_a and k == key(akey[k][0].name) and k not in cnames:
                hit = (j, (s, e, "admin1", akey[k], "strong", k))
            elif in_a or k in cnames:
                hit = (j, (s, e, "city", (cidx.get(k) or []) + akey.get(k, []), None, k))
            if hit:
                break
        if hit is None:
            i += 1
            continue
        j, (s, e, kind, entries, ev, k) = hit
        out.append((s - rs, e - rs, kind, entries, ev, k))
        i = j
    return tuple(out)


def _containment(actors):
    """(s, e) -> is it inside a longer actor mention? In log time: a run of
    thousands of names must not cost mentions x actors."""
    starts = [a for a, _ in actors]
    best = [-1]  # best[i]: the furthest end among the first i actors
    for _, b in actors:
        best.append(max(best[-1], b))

    def inside(s, e):
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_right(starts, s)
        # An actor starting before s and ending at or after e, or one starting at s
        # and ending after e (same start and end is the same span, not a longer one).
        return best[lo] >= e or (hi > lo and actors[hi - 1][1] > e)
    return inside


def _share_plural_type(text, cands, cand, akey):
    """"Homs and Aleppo Governorates": the plural type word covers the earlier name too."""
    if cand[2] != "admin1" or not cands or not text[cand[0]:cand[1]].endswith("s"):
        return
    prev = cands[-1]
    if prev[2] == "city" and prev[5] in akey and text[prev[1]:cand[0]].strip() in (",", "and", "&", ", and"):
        prev[2], prev[3], prev[4] = "admin1", akey[prev[5]], "strong"


def _pick_city(text, c, cands, idx, doc_cc, rules, sent_starts, acode):
    s, e, _, entries, _, k = c
    if k in rules["stop"] or not entries:
        return None
    # "Sergeevka, Primorsky Krai" / "Prague, Oklahoma": the next candidate qualifies this one.
    qual = None
    if idx + 1 < len(cands):
        n = cands[idx + 1]
        if n[0] - e <= 3 and text[e:n[0]].strip() in (",", "") and n[2] in ("admin1", "country", "city"):
            qual = n[3]
    initial = s in sent_starts or (s > 0 and text[s - 1] in "\"“'(" and (s - 1) in sent_starts)

    def score(x):
        # A division's population is the sum of its towns: cap it so that a real
        # city of that name (Homs, Kursk, Beijing) wins over its province.
        sc = 5.0 if x.feature == "admin1" else math.log10(x.population + 10)
        if qual and any(q.cc2 == x.cc2 and (q.feature == "country" or q.admin1_code == x.admin1_code
                                            or q.feature != "admin1") for q in qual):
            sc += 8
        if x.cc2 in doc_cc:
            sc += 3
        if x.main_key == k:
            sc += 1.5
        if x.capital:
            sc += 1.5
        return sc

    best = max(entries, key=score)
    strong = qual is not None and score(best) >= 8
    big = best.population >= rules["bare"] or best.capital or best.feature == "admin1" and best.population >= rules["bare"]
    if strong or (big and not initial):
        return best  # a trigger word before it would change nothing
    before = text[max(0, s - 40):s]
    # (uncached: a 40-character context is never seen twice and would evict names)
    trig = rules["trig"].search(G.fold.__wrapped__(before) + " ") is not None or before.rstrip().endswith(",")
    if initial and not (trig or strong):
        return best if best.population >= rules["initial"] or best.capital else None
    if trig or strong or big:
        return best
    return None


def _row(e: G.Entry) -> Place:
    cc3 = G.iso3_of().get(e.cc2)
    admin1 = e.name if e.feature == "admin1" else (None if e.feature == "country" else G.admin1_name(e.cc2, e.admin1_code))
    return Place(e.place_id, e.name, e.feature, cc3, admin1, e.lat, e.lon)
