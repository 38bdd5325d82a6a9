"""Place mentions resolved to an offline gazetteer (extraction/gazetteer.py).

1. Candidates (place_runs.py) are runs of capitalised words (with "of",
   "al-", hyphens), split into the longest sub-runs the gazetteer knows
   (countries, first-level divisions, settlements, world regions). A type
   word after a name makes it a division ("Kursk region") or a settlement
   standing for its district ("Pokrovsk district", "Kherson city"). A run
   ending in an organisation head ("North Atlantic Council", "Oxford
   University") is an organisation: nothing inside it is a place. A one-word
   town next to an unknown capitalised word is part of a name ("Paris Hilton").
2. Countries, regions and full division names are always places. A
   settlement needs evidence (place_pick.py): a type word, a qualifier
   ("Sergeevka, Primorsky Krai", "Bakhmut in Donetsk", "Ukraine's Kherson"),
   a trigger word before it ("in", "village of", "shelled"), or size (a big
   city or a capital; sentence-initial only when big and written with its own
   name). Stoplisted words never are; common words ("Nice") need a trigger.
3. Homonyms are ranked by the qualifier, then by the countries and divisions
   the document names (a demonym or a town already kept counts less), then by
   exact-name match, capital status and population.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from . import gazetteer as G
from .model import Mention, Place, Sentence
from .place_pick import admin2_entry, pick_city
# The scanner's patterns and rules stay importable from here (tests compare them).
from .place_runs import rules as _rules, scan


def find_places(text: str, sentences: list[Sentence],
                actor_mentions: list[Mention]) -> tuple[list[Place], list[Mention]]:
    if not text or not text.strip():
        return [], []
    try:
        return _find(text, sentences, actor_mentions)
    except RecursionError:  # pathological input must never stop a run
        return [], []


def _find(text, sentences, actor_mentions):
    rules = _rules()
    ckey, _ = G.countries()
    akey, _ = G.admin1()
    cands, dem_cc = scan(text, (ckey, akey, G.cities()))
    starts = [s.start for s in sentences]
    sent_starts = set(starts)
    inside_actor = _containment(sorted((m.start, m.end) for m in actor_mentions)) if actor_mentions else None
    # A name the actor finder read as a person ("President Bush", "Jackson said") is no town.
    persons = {(m.start, m.end) for m in actor_mentions if m.ref_id.startswith("actor:person:")}

    # Evidence for settlements and bare division names: the countries and
    # divisions the text names (a demonym is weaker evidence than a name).
    named = Counter(c[3][0].cc2 for c in cands if c[2] in ("country", "admin1") and c[3] and len(c[3]) == 1)
    doc_cc = set(named)
    doc_a1 = {(e.cc2, e.admin1_code) for c in cands if c[2] == "admin1" for e in c[3]}
    # A country the text is about: named at least twice, its divisions counting.
    dominant = any(n >= 2 for n in named.values())
    # Countries bordering one the text names or implies (a demonym): weak evidence
    # for a homonym there ("Israeli troops raided Jenin": the West Bank town).
    nb = G.neighbours()
    near = {n for cc in doc_cc | dem_cc for n in nb.get(cc, ())} - doc_cc - dem_cc
    doc = (doc_cc, set(dem_cc - doc_cc), doc_a1, {a for a, _ in doc_a1}, dominant, near)
    places: dict[str, Place] = {}
    mentions: list[Mention] = []
    taken_s: list[int] = []  # the spans kept so far: disjoint, so sorted by start is sorted by end
    taken_e: list[int] = []
    prev = None  # (end, entry) of the last place kept
    stop, n_c = rules["stop"], len(cands)
    for idx, c in enumerate(cands):
        s, e, kind, entries, ev, k = c
        if kind == "city" and ev != "strong" and k in stop and (
                idx + 1 == n_c or cands[idx + 1][0] - e > 6) and (prev is None or s - prev[0] > 3):
            # A stoplisted name ("Jackson", "Austin") with no division right after it and
            # no town right before it: what pick_city (place_pick._stopped) would say, sooner.
            continue
        if inside_actor is not None and kind != "country" and (inside_actor(s, e) or (
                kind == "city" and (s, e) in persons and not _LOCATIVE.search(text, max(0, s - 10), s))):
            continue
        # (_division_of's first test inline: most candidates have no town kept right before them)
        division = _division_of(text, c, prev, akey) if kind in ("city", "country") and prev is not None and (
            s - prev[0] <= 3) else None
        if division is not None:
            entry = division
        elif kind == "city":
            entry = pick_city(text, c, cands, idx, doc, rules, sent_starts, prev)
            if entry is None and ev == "strong":
                entry = _district_of(text, c, cands, idx, doc, named, prev, rules)
            if entry is None:
                continue
        elif kind == "admin1":
            entry = _pick_admin1(text, cands, idx, doc_cc, places, mentions)
        elif kind == "admin2":
            entry = admin2_entry(text, c, cands, idx, doc, named, prev)
            if entry is None:
                continue
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
        prev = (e, entry)
        if kind == "city" and entry.cc2 not in doc_cc:
            doc[1].add(entry.cc2)  # a town kept is weak evidence of its country for the next ones
    mentions.sort(key=lambda m: (m.start, m.end))
    return sorted(places.values(), key=lambda p: p.place_id), mentions


# "in San Diego, said ...": after a locative preposition a name is the place, whatever reads it as a speaker.
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|around|from|to)\s+$")


def _district_of(text, c, cands, idx, doc, named, prev, rules):
    """A name with a district type word whose towns are all ruled out ("Harris
    County, Texas": no Harris in Texas) is the district itself."""
    body, _, last = text[c[0]:c[1]].rpartition(" ")
    if not body or G.fold(last) not in rules["admin2"]:
        return None
    name_len = c[1] - c[0] if last[:1].isupper() else len(body.rstrip())  # "Harris County", "Swat"
    return admin2_entry(text, (c[0], c[1], "admin2", name_len, "strong", c[5]), cands, idx, doc, named, prev)


def _division_of(text, c, prev, akey):
    """"Seattle, Washington", "Atlanta, Georgia": a name that is also a division
    and follows a town of that division by a comma is the division."""
    if prev is None or c[0] - prev[0] > 3 or text[prev[0]:c[0]].strip() != "," or prev[1].feature == "admin1":
        return None
    town = prev[1]
    for d in akey.get(c[5], ()):
        if d.cc2 == town.cc2 and d.admin1_code == town.admin1_code:
            return d
    return None


def _pick_admin1(text, cands, idx, doc_cc, places, mentions):
    """A division name several countries share ("Punjab"): the one of the town
    kept right before it ("Lahore, Punjab"), else of the country after it
    ("Punjab, Pakistan"), else of a country in the text, else the most populous."""
    entries = cands[idx][3]
    if len(entries) == 1:
        return entries[0]
    near = set()
    if mentions and cands[idx][0] - mentions[-1].end <= 3:
        p = places[mentions[-1].ref_id]
        near.add(p.country_code)
    if idx + 1 < len(cands) and cands[idx + 1][2] == "country" and cands[idx + 1][0] - cands[idx][1] <= 3:
        near.add(G.iso3_of().get(cands[idx + 1][3][0].cc2))
    iso3 = G.iso3_of()
    return max(entries, key=lambda x: (iso3.get(x.cc2) in near, x.cc2 in doc_cc, x.population))


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


def _row(e: G.Entry) -> Place:
    cc3 = G.iso3_of().get(e.cc2) if e.cc2 else None
    admin1 = e.name if e.feature == "admin1" else (
        None if e.feature in ("country", "region") else G.admin1_name(e.cc2, e.admin1_code))
    return Place(e.place_id, e.name, e.feature, cc3, admin1, e.lat, e.lon)
