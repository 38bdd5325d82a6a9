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
from . import place_keys as K
from .fast_regex import lead_alternation
from .place_districts import district, district_ends, no_place
from .place_extra import country_pairs, put_states
from .place_tokens import _ABBREV, _AFTER, _TOKEN, runs, tokens
from .lexicon import load



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
    admin_trig = words("admin1_triggers")
    by_code = G.admin1()[1]
    states = {a: by_code[c] for a, c in r["state_abbreviations"].items() if c in by_code}
    return {"stop": words("stoplist"), "common": words("common_words"), "org": words("org_heads"),
            "admin_trig": admin_trig,
            "types": admin_trig | words("local_type_words"), "neighbours": words("neighbour_words"),
            "trig": _Triggers(r["triggers"]), "dem": dem, "dem_rx": dem_rx,
            "dem_cc": {n: iso2.get(c) for n, c in dem.items()},
            "articles": frozenset(r["joined_articles"]), "bare": int(r["bare_city_population"]),
            "initial": int(r["initial_city_population"]), "initial_any": int(r["initial_alias_population"]),
            "small_prefixes": G.small_prefixes(),
            "iso2": iso2, "states": states,
            "admin2": words("admin2_type_words") & (admin_trig | words("local_type_words")),
            "admin2_not_first": words("admin2_not_first"),
            "admin2_rx": re.compile(r"\s(?:" + "|".join(sorted(words("admin2_type_words"), key=len, reverse=True))
                                    + r")(?![\w-])"),
            "states_rx": re.compile(", (" + lead_alternation(sorted(states, key=len, reverse=True)) + r")(?!\w)")}


class _Triggers:
    """Is a name preceded by a trigger word ("in", "village of") or a comma?

    The last words before the name are compared with the triggers' words,
    case-insensitively and whatever punctuation stands between them ("in
    'Kursk'", "village-of"), as folding the context would; no regex scan of
    the context per candidate.
    """

    _WORD = re.compile(r"[A-Za-z0-9]+")
    _WINDOW = 30  # characters looked back: the longest trigger and its punctuation

    def __init__(self, triggers):
        self.phrases = frozenset(tuple(G.fold(t).split()) for t in triggers)
        self.longest = max(len(p) for p in self.phrases)
        self.last = frozenset(p[-1] for p in self.phrases if p)  # a phrase ends the context: its last word does

    def before(self, text, s):
        a = max(0, s - self._WINDOW)
        seg = text[a:s]
        if seg.rstrip().endswith(","):
            return True
        words = self._WORD.findall(seg.lower())
        if not words or words[-1] not in self.last:
            return False  # most contexts: no trigger ends with their last word
        if a and self._WORD.match(seg) and self._WORD.match(text, a - 1):
            words = words[1:]  # the first word is cut by the window
        phrases = self.phrases
        for n in range(1, min(len(words), self.longest) + 1):
            if tuple(words[-n:]) in phrases:
                return True
        return False




_NOTHING = ((), frozenset())  # a run that is no place and no demonym
_CACHE_SIZE = 50000  # distinct runs kept: ~10 MB at most


@lru_cache(maxsize=1)
def _cache_holder():
    return {"owner": None, "runs": {}, "toks": {}}


def _cache(owner):
    """Per-process memo of run results; emptied if the gazetteer tables change."""
    h = _cache_holder()
    if h["owner"] is None or any(a is not b for a, b in zip(h["owner"], owner)):
        h["owner"], h["runs"], h["toks"] = owner, {}, {}
    return h["runs"]


def _token_info(t, r, gaz):
    """(key, fold, (country, admin1, settlement, region) hits, could start a
    longer name, key parts (place_keys.fold_key), either of the previous two) of one token.

    Tokens repeat across distinct runs far more than runs do ("John" in every
    "John X"), so this is worked out once per token: a run none of whose
    tokens names or starts anything is settled without a single key lookup.
    """
    toks = _cache_holder()["toks"]
    got = toks.get(t)
    if got is None:
        ckey, akey, cidx = gaz
        f, k, parts = K.fold_key(t)
        # _longest's first step: a prefix of one token may extend into a longer name.
        ext = not k or k in r["small_prefixes"] or cidx.may_extend(k) or f.rsplit(" ", 1)[-1] in r["articles"]
        hits = (k in ckey, k in akey, k in cidx.index, k in G.regions())
        got = (k, f, hits, ext, parts, ext or any(hits))
        if len(toks) >= _CACHE_SIZE:
            toks.clear()
        toks[t] = got
    return got


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
            if text.startswith("-", m.end()):  # "U.S.-Iraq": the run finder starts no name after a hyphen
                t = _TOKEN.match(text, m.end() + 1)
                other = ckey.get(G.key(t.group())) if t else None
                if other:
                    cands.append([t.start(), t.end(), "country", [other], "strong", None])
    n_pre = len(cands)
    cache = _cache(gaz)
    types = r["types"]
    dem_cc = set()
    a2_ends = district_ends(text, r)
    get, nothing, after_rx, append = cache.get, _NOTHING, _AFTER, cands.append  # locals: the loop runs per run
    for run in runs(text):
        rt = run.group()
        hit = get(rt)
        if hit is nothing and (a2_ends is None or run.end() not in a2_ends):
            continue  # most runs: names, sentence-initial words
        if hit is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            rs, re_ = run.span()
            dem_rx = r["dem_rx"]
            hit = (_run_cands(text, rs, re_, None, r, gaz),
                   frozenset(r["dem_cc"][d.group()] for d in dem_rx.finditer(text, rs, re_))
                   if dem_rx.search(text, rs, re_) else _NOTHING[1])
            if hit == _NOTHING:
                hit = _NOTHING
            cache[rt] = hit
            if hit is _NOTHING and (a2_ends is None or run.end() not in a2_ends):
                continue
        found, dems = hit
        rs = run.start()
        if (found and found[-1][1] == len(rt)) or (a2_ends is not None and run.end() in a2_ends):
            # Only a candidate ending at the run's end can change with a type word after it.
            a = after_rx.match(text, rs + len(rt), rs + len(rt) + 20)
            if a and a.group(1) in types:
                tail = (a.group(1), a.end() - rs - len(rt))
                ck = (rt, tail)
                found = cache.get(ck)
                if found is None:
                    found = cache[ck] = _run_cands(text, rs, rs + len(rt), tail, r, gaz)
        if dems:
            dem_cc |= dems
        for c in found:
            cand = [rs + c[0], rs + c[1], c[2], c[3], c[4], c[5]]
            if c[2] == "admin1":
                _share_plural_type(text, cands, cand, akey)
            append(cand)
    dem_cc.discard(None)
    if ", " in text:
        # "Biloxi, Miss.": a town before the comma
        states = [(m.start(1), m.end(1), r["states"][m.group(1)]) for m in r["states_rx"].finditer(text)
                  if m.start() and text[m.start() - 1].isalpha()]
        if states:
            put_states(cands, n_pre, states)
    return cands, dem_cc


def _run_cands(text, rs, re_, tail, r, gaz):
    """_plain_cands, plus the countries of a hyphenated pair it left alone (place_extra)."""
    found = _plain_cands(text, rs, re_, tail, r, gaz)
    return country_pairs(text, rs, re_, found, gaz[0]) if text.find("-", rs, re_) >= 0 else found


def _plain_cands(text, rs, re_, tail, r, gaz):
    """The candidates of one capitalised run text[rs:re_], offsets relative to rs.

    The longest sub-runs the gazetteer knows, left to right; none when the run
    is an organisation name. tail: (type word, its end relative to re_) when a
    division type word follows the run, else None.
    """
    ckey, akey, cidx = gaz
    cnames, rkey = cidx.index, G.regions()
    key, fold = G.key, G.fold
    toks = tokens(text, rs, re_)
    if not toks:
        return ()
    n_toks = len(toks)
    memo = _cache_holder()["toks"]
    info = [memo.get(text[a:b]) or _token_info(text[a:b], r, gaz) for a, b in toks]
    # A sub-run of several tokens is looked up only when its first token may
    # start a longer name (see _longest): with no such token and no token that
    # names something alone, nothing in the run is a place (the common case).
    for t in info:
        if t[5]:
            break
    else:
        return no_place(text, rs, re_, tail, toks, info, r, _sub_key)
    if n_toks == 1:
        if not any(info[0][2]):
            # a word that may only start a longer name, alone
            return no_place(text, rs, re_, tail, toks, info, r, _sub_key)
    elif info[-1][1] in r["org"] and not any(
            _sub_key(text, toks, info, n_toks - n, n_toks) in ckey for n in range(2, min(4, n_toks) + 1)):
        return ()  # an organisation: nothing inside it is a place
    admin_trig, types, stop = r["admin_trig"], r["types"], r["stop"]
    out = []
    spans = []  # token index range of each candidate, for the neighbour check below
    i = 0
    seen = {}  # j -> key of tokens i..j-1 that _longest already made
    while i < n_toks:
        hit = None
        if seen:
            seen.clear()
        for j in range(_longest(text, toks, info, i, r, cidx, seen) if n_toks - i > 1 and info[i][3] else i + 1,
                       i, -1):
            s, e = toks[i][0], toks[j - 1][1]
            if j == i + 1:
                k = info[i][0]
                in_c, in_a, in_s, in_r = info[i][2]
            else:
                k = seen.get(j)
                if k is None:
                    k = _sub_key(text, toks, info, i, j)
                in_c, in_a, in_s, in_r = k in ckey, k in akey, k in cnames, k in rkey
            if not k:
                continue
            if not (in_c or in_a or in_s or in_r):
                continue  # most sub-runs name nothing: skip the type-word checks
            # A type word inside or right after the run: a division ("Kursk region")
            # or a settlement standing for its district ("Pokrovsk district").
            # The type word: the next token, else a lower-case word after the name
            # (inside the run: a connector word; past its end: the tail, see scan()).
            type_word, end, nxt_tok = None, e, None
            if j < n_toks:
                nxt_tok = info[j][1]
                if nxt_tok in types:
                    type_word, end = nxt_tok, toks[j][1]
                else:
                    a = _AFTER.match(text, e, e + 20)
                    if a and a.group(1) in types:
                        type_word, end = a.group(1), a.end()
            elif tail and e == re_ and tail[0] in types:
                type_word, end = tail[0], re_ + tail[1]
            used = j + (type_word is not None and nxt_tok == type_word)
            if in_c and type_word is None and k in stop and j < n_toks and not (
                    text[s:e].isupper() and fold(text[s:e]) == k):
                break  # "Jordan Miller", "Georgia Smith": a person, not the country ("UK Government" is)
            if in_c and (type_word is None or not (in_a or in_s)):
                hit = (j, (s, e, "country", [ckey[k]], "strong", k))
            elif in_r and not (in_a and type_word):  # "the Red Sea" is the sea, "Red Sea state" the division
                hit = (j, (s, e, "region", [rkey[k]], "strong", k))
            elif type_word in admin_trig and in_a:
                hit = (used, (s, end, "admin1", akey[k], "strong", k))
            elif type_word and k not in stop:
                hit = (used, (s, end, "city", None, "strong", k))
            elif in_a and k == key(akey[k][0].name) and not in_s and k not in stop and text[s:e] not in r["dem"]:
                hit = (j, (s, e, "admin1", akey[k], "strong", k))
            elif e - s <= 4 and text[s:e].isupper():
                break  # "HMS", "SAC": an acronym, not a town's name
            else:
                hit = (j, (s, e, "city", None, None, k))  # entries looked up if it is ever weighed
            if hit:
                break
        if hit is None:
            i += 1
            continue
        j, (s, e, kind, entries, ev, k) = hit
        out.append([s - rs, e - rs, kind, entries, ev, k])
        spans.append((i, j))
        i = j
    if not out:
        return no_place(text, rs, re_, tail, toks, info, r, _sub_key)
    if (tail is not None or info[-1][1] in r["admin2"]) and spans[-1][1] < n_toks - (tail is None):
        # A district type word after words that name nothing: "Pakistan's Kurram
        # District", or the whole run when it found towns only by weak guesses
        # ("North Waziristan district": North, a village in the US).
        weak = all(c[2] == "city" and c[4] is None for c in out)
        d = district(text, rs, re_, tail, toks, info, r, _sub_key, 0 if weak else spans[-1][1])
        if d:
            if weak:
                out, spans = [], []
            out.append(list(d))
            spans.append((spans[-1][1] if spans else 0, n_toks))
    if n_toks > 1:
        _mark_names(text, toks, info, out, spans, r)
    return tuple(map(tuple, out))


def _sub_key(text, toks, info, i, j):
    """key() of the tokens i..j-1, from the tokens' key parts when one space
    parts each from the next (most names), else of their text."""
    parts = []
    for m in range(i, j):
        p = info[m][4]
        if p is None or (m > i and text[toks[m - 1][1]:toks[m][0]] != " "):
            return G.key(text[toks[i][0]:toks[j - 1][1]])
        parts.append(p)
    return K.finish_key(" ".join(parts))


def _mark_names(text, toks, info, out, spans, r):
    """A settlement next to a capitalised word that is no place, title or type
    word is part of a name ("Paris Hilton", "Tobias Ellwood", "University of
    Paris"): its evidence becomes "named" and only a qualifier can save it."""
    covered = {}
    for n, (i, j) in enumerate(spans):
        for t in range(i, j):
            covered[t] = n
    ok = r["neighbours"]
    for n, (i, j) in enumerate(spans):
        c = out[n]
        if c[2] != "city" or c[4] is not None:
            continue
        for t in (i - 1, j):
            if t < 0 or t >= len(toks):
                continue
            # Only a one-word name can be a first name ("Paris Hilton", not "Middle
            # East Minister"), and a possessive is none ("Mogadishu's Hodan").
            if t == j and (j - i > 1 or text[toks[j - 1][1]:toks[j - 1][1] + 1] in ("'", "’")):
                continue
            # Joined by a space only ("the meeting in Paris the Foreign Secretary" is
            # no name), and no initial ("Washington D.C.").
            a, b = (toks[t][1], toks[i][0]) if t < i else (toks[j - 1][1], toks[t][0])
            if not text[a:b].isspace() or toks[t][1] - toks[t][0] <= 2:
                continue
            other = covered.get(t)
            if info[t][1] in ok:
                continue
            if other is None:
                c[4] = "named"
            elif out[other][2] == "city" and out[other][4] != "strong":
                c[4] = "named"  # two town names side by side with no comma: a person's name


def _longest(text, toks, info, i, r, cidx, seen):
    """How many tokens from toks[i] on a known name could span (at most 5).

    Keys of longer names start with the key of their first words ("kursk
    oblast" with "kursk"), so once no key can extend a prefix, no longer
    sub-run needs a lookup. The one spelling rule that joins words (an article
    with the next word: "al hasakah" -> "alhasakah") makes a prefix ending in
    an article unsafe to judge. The caller has checked the first token
    (_token_info's last field). seen gets the keys made here, by end token.
    """
    hi = min(len(toks), i + 5)
    small, arts = r["small_prefixes"], r["articles"]
    for m in range(i + 2, hi):
        p = seen[m] = _sub_key(text, toks, info, i, m)
        if not p or p in small or cidx.may_extend(p):
            continue
        if info[m - 1][1].rsplit(" ", 1)[-1] in arts:
            continue  # "Deir ez" + "Zor": the article joins the next word
        return m
    return hi


def _share_plural_type(text, cands, cand, akey):
    """"Homs and Aleppo Governorates": the plural type word covers the earlier name too."""
    if cand[2] != "admin1" or not cands or not text[cand[0]:cand[1]].endswith("s"):
        return
    prev = cands[-1]
    if prev[2] == "city" and prev[5] in akey and text[prev[1]:cand[0]].strip() in (",", "and", "&", ", and"):
        prev[2], prev[3], prev[4] = "admin1", akey[prev[5]], "strong"
