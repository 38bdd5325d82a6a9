"""Place candidates: capitalised runs split into the longest sub-runs the gazetteer knows.

A run is a stretch of capitalised words (with "of", "al-", hyphens). What a run
yields depends only on its own text and on a division type word right after
it ("Kursk region"), so each distinct run is worked out once per process and
memoised (~77% of runs repeat in news): the scan of a document is then one
regex pass and a dict lookup per run.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer as G
from .fast_regex import lead_alternation
from .lexicon import load

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
# (?<![\w.])(?:U.S.A?.?|U.K.|D.P.R.K.|U.A.E.)(?!\w), class-first as above.
_ABBREV = re.compile(r"[UD](?<![\w.][\s\S])(?:(?<=U)(?:\.S\.A?\.?|\.K\.|\.A\.E\.)|(?<=D)\.P\.R\.K\.)(?!\w)")


@lru_cache(maxsize=1)
def rules():
    r = load("places.yaml")

    def words(k):
        return frozenset(G.fold(w) for w in r[k])
    dem = {}
    for iso3, names in r["demonyms"].items():
        for n in names:
            dem[n] = iso3
    dem_rx = re.compile(lead_alternation(sorted(dem, key=len, reverse=True), r"[\w-]") + r"(?![\w-])")
    iso2 = {v: k for k, v in G.iso3_of().items()}
    return {"stop": words("stoplist"), "org": words("org_heads"), "admin_trig": words("admin1_triggers"),
            "trig": _trigger_regex(r["triggers"]), "dem": dem, "dem_rx": dem_rx,
            "dem_cc": {n: iso2.get(c) for n, c in dem.items()},
            "articles": frozenset(r["joined_articles"]), "bare": int(r["bare_city_population"]),
            "initial": int(r["initial_city_population"]),
            "iso2": iso2}


def _trigger_regex(triggers):
    """A trigger word (or a comma) ending right before a name, searched in the raw text.

    Matches what folding the context and searching it would (case, accents and
    punctuation between the words are ignored), without folding 40 characters
    per candidate: the trigger's words are separated by any non-alphanumerics.
    """
    items = []
    for t in sorted({G.fold(t) for t in triggers}, key=len, reverse=True):
        first, *rest = t.split()
        items.append((first, "".join(r"[^A-Za-z0-9]+" + re.escape(w) for w in rest)))
    words = lead_alternation(items, "[A-Za-z0-9]", fold_case=True)
    return re.compile(r"(?:(?i:" + words + r")[^A-Za-z0-9]*|,\s*)\Z")


def tokens(text, rs, re_):
    """Tokens of a capitalised run: (start, end) with possessive 's and trailing
    hyphens or apostrophes trimmed."""
    out = []
    for t in _TOKEN.finditer(text, rs, re_):
        s, e = t.span()
        if text[e - 1] == "s" and e - s > 1 and text[e - 2] in "'’":
            e -= 2
        while e > s and text[e - 1] in "-‐'’":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_NOTHING = ((), frozenset())  # a run that is no place and no demonym
_CACHE_SIZE = 50000  # distinct runs kept: ~10 MB at most


@lru_cache(maxsize=1)
def _cache_holder():
    return {"owner": None, "runs": {}}


def _cache(owner):
    """Per-process memo of run results; emptied if the gazetteer tables change."""
    h = _cache_holder()
    if h["owner"] is None or any(a is not b for a, b in zip(h["owner"], owner)):
        h["owner"], h["runs"] = owner, {}
    return h["runs"]


def scan(text, gaz):
    """(candidates, countries of the demonyms) of a whole text.

    A candidate is [start, end, kind, entries, evidence, key]; kind is country,
    admin1 or city (a settlement or a bare division name, decided later).
    """
    ckey, akey, cidx = gaz
    r = rules()
    cands = []
    for m in _ABBREV.finditer(text):
        e = ckey.get(G.key(m.group()))
        if e:
            cands.append([m.start(), m.end(), "country", [e], "strong", None])
    cache = _cache(gaz)
    admin_trig = r["admin_trig"]
    dem_cc = set()
    for run in _RUN.finditer(text):
        rt = run.group()
        hit = cache.get(rt)
        if hit is _NOTHING:
            continue  # most runs: names, sentence-initial words
        if hit is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            rs, re_ = run.span()
            hit = (_run_cands(text, rs, re_, None, r, gaz),
                   frozenset(r["dem_cc"][d.group()] for d in r["dem_rx"].finditer(text, rs, re_)))
            if hit == _NOTHING:
                hit = _NOTHING
            cache[rt] = hit
            if hit is _NOTHING:
                continue
        found, dems = hit
        rs = run.start()
        if found and found[-1][1] == len(rt):
            # Only a candidate ending at the run's end can change with a type word after it.
            a = _AFTER.match(text, rs + len(rt), rs + len(rt) + 20)
            if a and a.group(1) in admin_trig:
                tail = (a.group(1), a.end() - rs - len(rt))
                ck = (rt, tail)
                found = cache.get(ck)
                if found is None:
                    found = cache[ck] = _run_cands(text, rs, rs + len(rt), tail, r, gaz)
        if dems:
            dem_cc |= dems
        for c in found:
            cand = [rs + c[0], rs + c[1], c[2], c[3], c[4], c[5]]
            _share_plural_type(text, cands, cand, akey)
            cands.append(cand)
    dem_cc.discard(None)
    return cands, dem_cc


def _run_cands(text, rs, re_, tail, r, gaz):
    """The candidates of one capitalised run text[rs:re_], offsets relative to rs.

    The longest sub-runs the gazetteer knows, left to right; none when the run
    is an organisation name. tail: (type word, its end relative to re_) when a
    division type word follows the run, else None.
    """
    ckey, akey, cidx = gaz
    cnames = cidx.index
    key, fold = G.key, G.fold
    toks = tokens(text, rs, re_)
    if not toks:
        return ()
    n_toks = len(toks)
    if n_toks == 1:
        k = key(text[toks[0][0]:toks[0][1]])
        if not (k in cnames or k in akey or k in ckey):
            return ()  # the common case: one word that names nothing
    elif fold(text[toks[-1][0]:toks[-1][1]]) in r["org"] and not any(
            key(text[toks[-n][0]:toks[-1][1]]) in ckey for n in range(2, min(4, n_toks) + 1)):
        return ()  # an organisation: nothing inside it is a place
    admin_trig = r["admin_trig"]
    out = []
    i = 0
    while i < n_toks:
        hit = None
        for j in range(_longest(text, toks, i, r, cidx) if n_toks - i > 1 else i + 1, i, -1):
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
            else:  # past the run's end: only a type word matters, see scan()
                after = (tail[0], re_ + tail[1]) if tail and e == re_ else None
            type_word = nxt_tok if nxt_tok in admin_trig else (
                after[0] if after and after[0] in admin_trig else None)
            if in_c and type_word is None and k in r["stop"] and j < len(toks):
                break  # "Jordan Miller", "Georgia Smith": a person, not the country
            if in_c and type_word is None:
                hit = (j, (s, e, "country", [ckey[k]], "strong", k))
            elif type_word and in_a:
                end = toks[j][1] if nxt_tok == type_word else after[1]
                hit = (j + (nxt_tok == type_word), (s, end, "admin1", akey[k], "strong", k))
            elif in_a and k == key(akey[k][0].name) and k not in cnames:
                hit = (j, (s, e, "admin1", akey[k], "strong", k))
            elif in_a or k in cnames:
                hit = (j, (s, e, "city", None, None, k))  # entries looked up if it is ever weighed
            if hit:
                break
        if hit is None:
            i += 1
            continue
        j, (s, e, kind, entries, ev, k) = hit
        out.append((s - rs, e - rs, kind, entries, ev, k))
        i = j
    return tuple(out)


def _longest(text, toks, i, r, cidx):
    """How many tokens from toks[i] on a known name could span (at most 5).

    Keys of longer names start with the key of their first words ("kursk
    oblast" with "kursk"), so once no key can extend a prefix, no longer
    sub-run needs a lookup. The one spelling rule that joins words (an article
    with the next word: "al hasakah" -> "alhasakah") makes a prefix ending in
    an article unsafe to judge.
    """
    hi = min(len(toks), i + 5)
    small, arts, key = G.small_prefixes(), r["articles"], G.key
    for m in range(i + 1, hi):
        p = key(text[toks[i][0]:toks[m - 1][1]])
        if not p or p in small or cidx.may_extend(p) or p.rsplit(" ", 1)[-1] in arts:
            continue
        return m
    return hi


def _share_plural_type(text, cands, cand, akey):
    """"Homs and Aleppo Governorates": the plural type word covers the earlier name too."""
    if cand[2] != "admin1" or not cands or not text[cand[0]:cand[1]].endswith("s"):
        return
    prev = cands[-1]
    if prev[2] == "city" and prev[5] in akey and text[prev[1]:cand[0]].strip() in (",", "and", "&", ", and"):
        prev[2], prev[3], prev[4] = "admin1", akey[prev[5]], "strong"
