"""Which settlement a name means, and whether it is a place at all here.

Homonyms are ranked by the division or country written next to the name,
then by the countries the document talks about, then by exact-name match,
capital status and population. A settlement needs evidence: a trigger word
before it, a qualifier after it, or size.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from . import gazetteer as G
from .ids import slug
from .lexicon import load


@lru_cache(maxsize=1)
def _bonus():
    """(main-name bonus, capital bonus, neighbour-country bonus) from places.yaml."""
    r = load("places.yaml")["rank_bonus"]
    return float(r["main_name"]), float(r["capital"]), float(r["neighbour_country"])


@lru_cache(maxsize=1)
def _unknown_population():
    return int(load("places.yaml")["unknown_population"])


@lru_cache(maxsize=1)
def _article_rx():
    # a joined Arabic article at the start ("arraqah"), a final h ("raqqah"), doubled letters
    arts = "|".join(sorted(load("places.yaml")["joined_articles"], key=len, reverse=True))
    return re.compile(f"^(?:{arts})(?=[a-z]{{3}})"), re.compile(r"h$"), re.compile(r"([a-z])\1")


def is_main(main, k):
    """Is key k the main name of a place whose main-name key is main? Arabic
    transliterations differ in the joined article and a final h: "Raqqa" is
    the main name of Ar Raqqah, "Hasakah" of Al Hasakah."""
    if main == k:
        return True
    if not main or main[0] != k[0] and k[0] not in "aeu" and main[:1] not in "aeu":
        return False
    art, final_h, double = _article_rx()
    core = lambda x: final_h.sub("", double.sub(r"\1", art.sub("", x)))  # noqa: E731
    return core(main) == core(k)


_RANKED: dict = {}  # key -> its entries as [(static score, -order, entry)], best first


def ranked(k):
    """The places of a name key as (static score, -order, country, admin1 code, ref),
    best first: ref is a settlement's row (its Entry is built only if it wins,
    see entry()) or a division's Entry. The static score is the part of a score
    that needs no context; ties keep the data's order (-order), as max() would.
    """
    got = _RANKED.get(k)
    if got is None:
        cidx, log10 = G.cities(), math.log10
        named, cap, _ = _bonus()
        unknown = _unknown_population()
        out = []
        top, any_cap = 0, False  # for _BIG below
        for n, (r, pop, main, capital, cc2, a1) in enumerate(cidx.static_rows(k)):
            if pop > top:
                top = pop
            any_cap = any_cap or capital
            # A capital called by one of its other names ("Philadelphia" for Amman) is no
            # likelier than any town so called: its bonus goes with its main name only.
            bonus = named + (cap if capital else 0.0) if is_main(main, k) else 0.0
            # cities500 lists towns of 500 people or more: 0 is an unknown population
            out.append((log10(max(pop, unknown) + 10) + bonus,
                        -n, cc2, a1, r))
        n0 = len(out)
        # A division's population is the sum of its towns: its static score is
        # capped so that a real city of that name (Homs, Kursk) wins over its province.
        for n, x in enumerate(G.admin1()[0].get(k, ()), n0):
            top, any_cap = max(top, x.population), any_cap or x.capital
            out.append((5.0 + (named if x.main_key == k else 0.0) + (cap if x.capital else 0.0),
                        -n, x.cc2, x.admin1_code, x))
        got = sorted(out, reverse=True)  # by score, then order: -order is unique, so refs are never compared
        if len(_RANKED) > 100000:
            _RANKED.clear()
            _BY_CC.clear()
            _BIG.clear()
        _RANKED[k] = got
        _BIG[k] = (top, any_cap)
    return got


_BIG: dict = {}  # key -> (largest population, any capital) among its places, filled by ranked()


def _never_big(k, rules):
    """Is no place of key k a big city or a capital? Then, with no qualifier and no
    evidence, only a trigger word can keep it (see pick_city), whichever wins the
    ranking. Holds only while the sentence-initial bars are no lower than the big one."""
    bare = rules["bare"]
    if rules["initial"] < bare or rules["initial_any"] < bare:
        return False
    ranked(k)
    top, any_cap = _BIG[k]
    return top < bare and not any_cap


def entry(ref):
    return ref if isinstance(ref, G.Entry) else G.cities().entry(ref)


_BY_CC: dict = {}  # key -> {country: its ranked places there}, for names with many homonyms
_MANY = 8  # homonyms from which only the top one and those in the text's countries are scored


def _by_cc(k, lst):
    got = _BY_CC.get(k)
    if got is None:
        got = {}
        for t in lst:
            got.setdefault(t[2], []).append(t)
        _BY_CC[k] = got
    return got


def _qual_bonus(cc2, a1, qual):
    """+8 inside the qualifying division or country, +6 in the country of a qualifying town."""
    best = 0
    for q in qual:
        if q.cc2 != cc2:
            continue
        if q.feature == "country" or (q.feature == "admin1" and q.admin1_code == a1):
            return 8
        if q.feature != "admin1":
            best = 8 if q.admin1_code and q.admin1_code == a1 else 6
    return best


def best_entry(k, doc, qual):
    """The entry with the highest score: static, plus its qualifier, plus the
    document's countries (+3 named, +1.5 only through a demonym or a town kept)
    and divisions (+2). Returns (score, entry)."""
    doc_cc, dem_cc, doc_a1, a1_cc, _, near = doc
    near_bonus = _bonus()[2]
    lst = ranked(k)
    if len(lst) > _MANY:
        # Only the text's (or the qualifier's) countries add to a score: elsewhere
        # the best static entry is the best, so the rest need no look.
        qcc = {q.cc2 for q in qual} if qual else ()
        lst = [lst[0], *(t for cc, ts in _by_cc(k, lst).items()
                         if cc in doc_cc or cc in dem_cc or cc in a1_cc or cc in qcc or cc in near for t in ts)]
    best_t, best = None, None
    for sc, order, cc2, a1, ref in lst:
        if qual:
            sc += _qual_bonus(cc2, a1, qual)
        if cc2 in doc_cc:
            sc += 3
        elif cc2 in dem_cc:
            sc += 1.5
        elif cc2 in near:
            sc += near_bonus
        if (cc2, a1) in doc_a1:
            sc += 2
        if best_t is None or (sc, order) > best_t:
            best_t, best = (sc, order), ref
    return (best_t[0], entry(best)) if best_t else (0.0, None)


def qualifier(text, cands, idx, doc, prev=None):
    """The entries of a division, country or town written right after a name
    ("Sergeevka, Primorsky Krai", "Bakhmut in Donetsk", "Konduga (Konduga LGA")
    or before it in the possessive ("Ukraine's Kherson"), else None."""
    c = cands[idx]
    if idx + 1 < len(cands):
        n = cands[idx + 1]
        gap = text[c[1]:n[0]] if n[0] - c[1] <= 6 else "-"
        if n[2] in ("admin1", "country", "city") and _GAP.fullmatch(gap) and (
                gap.strip() or n[2] != "city"):
            if n[2] != "city":
                return n[3]
            if n[4] != "named" and n[5] not in _NOT_QUAL:
                q = best_entry(n[5], doc, None)[1]
                return [q] if q else None
    if idx > 0:
        p = cands[idx - 1]
        if p[2] in ("admin1", "country") and text[p[1]:c[0]] in ("'s ", "’s "):
            return p[3]
    # A world region ("Europe, Rise Up") places nothing: it has no country to match.
    if prev is not None and c[0] - prev[0] <= 6 and prev[1].feature != "region" and not text[
            prev[0]:c[0]].isspace() and _GAP.fullmatch(text, prev[0], c[0]):
        return [prev[1]]  # "Bakhmut in Donetsk": the town just kept places this one
    return None


def _foreign(e, doc):
    """Is e in a country the text gives no sign of: not named, not through a
    demonym or a division, and not bordering such a country?"""
    doc_cc, dem_cc, _, a1_cc, _, _ = doc
    cc = e.cc2
    if cc in doc_cc or cc in dem_cc or cc in a1_cc:
        return False
    nb = G.neighbours().get(cc, ())
    return not any(n in doc_cc or n in dem_cc or n in a1_cc for n in nb)


_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_GAP = re.compile(r"\s*(?:,|\(|in|, in|near|, near)?\s*")
_NOT_QUAL = frozenset()


def pick_city(text, c, cands, idx, doc, rules, sent_starts, prev):
    """The entry a settlement candidate means, or None when it is no place here.

    prev: (end, entry) of the place kept last, or None.
    """
    s, e, _, _, ev, k = c
    if ev != "strong" and text[s:e] in rules["dem"]:
        return None
    if k in rules["stop"]:
        return _stopped(text, c, cands, idx, doc, prev)
    qual = qualifier(text, cands, idx, doc, prev)
    if ev == "named" and qual is None:
        return None
    trig = None
    if ev is None and qual is None and _never_big(k, rules):
        # Most such candidates are words or names ("John", a village somewhere): the
        # trigger test is cheaper than scoring every namesake, and without one the
        # end below returns None whichever namesake wins.
        trig = rules["trig"].before(text, s)
        if not trig:
            return None
    best_sc, best = best_entry(k, doc, qual)
    if best is None:
        return None
    if best.population < rules["bare"] and not best.capital and (
            (all(q.feature in ("country", "admin1") for q in qual)
             and _qual_bonus(best.cc2, best.admin1_code, qual) == 0) if qual is not None else
            doc[4] and _foreign(best, doc)):
        # A small namesake outside the division or country written next to it, or,
        # in a text about a country (named twice), in a country the text gives no
        # sign of, is not the place meant ("Mahas village" in a Somalia story is
        # no town in Jordan), whatever type or trigger word comes with it.
        return None
    # Part of a person's name ("named") needs its division or country written next to it.
    strong = ev == "strong" or (
        qual is not None and _qual_bonus(best.cc2, best.admin1_code, qual) >= (8 if ev == "named" else 1))
    if strong:
        return best
    if ev == "named":
        return None
    initial = s in sent_starts or (s > 0 and text[s - 1] in "\"“'(" and (s - 1) in sent_starts)
    common = k in rules["common"]
    big = (best.population >= rules["bare"] or best.capital) and not common
    if big and not initial:
        return best  # a trigger word before it would change nothing
    if trig is None:
        trig = rules["trig"].before(text, s)
    if initial and not trig:
        # Sentence-initial with no other evidence: a very big city or a capital,
        # or a big one written with its own name (not "Make" for Macau, "Any" for Yuncheng).
        if common:
            return None
        return best if (best.population >= rules["initial_any"] or best.capital or (
            best.population >= rules["initial"] and is_main(best.main_key, k))) else None
    if trig or big:
        return best
    return None


def _stopped(text, c, cands, idx, doc, prev):
    """A name that is mostly a person's or a word ("Austin", "Jackson") is a town
    only with its own division written after it: "Austin, Texas", "Jackson, Miss."."""
    if idx + 1 >= len(cands) or cands[idx + 1][0] - c[1] > 6:
        return None  # no division right after it (most stoplisted names)
    qual = qualifier(text, cands, idx, doc, prev)
    if not qual or any(q.feature != "admin1" for q in qual):
        return None
    best = best_entry(c[5], doc, qual)[1]
    if best is None or best.feature == "admin1" or _qual_bonus(best.cc2, best.admin1_code, qual) != 8:
        return None
    return best


def admin2_entry(text, c, cands, idx, doc, named, prev):
    """The place of a district the gazetteer does not know ("North Waziristan
    district"): in the division or country written next to it, else in the
    country the text is about (named at least twice, more than any other), else
    none. No coordinates: no gazetteer knows them."""
    s, e, _, name_len, _, k = c
    qual = qualifier(text, cands, idx, doc, prev)
    if not qual and idx + 1 < len(cands) and cands[idx + 1][2] in ("admin1", "country") and _OF.fullmatch(
            text, e, cands[idx + 1][0]):
        qual = cands[idx + 1][3]  # "the Kurram district of Pakistan"
    if qual:
        q = qual[0]
        cc2, a1 = q.cc2, (q.admin1_code if q.feature != "country" else None)
    else:
        top = named.most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        cc2, a1 = top[0][0], None
    if not cc2:
        return None
    name = text[s:s + name_len]
    return G.Entry(f"admin2:{cc2}:{slug(k)}", name, "admin2", cc2, a1, None, None, 0, k)
