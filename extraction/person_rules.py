"""Person detection: titled names, "X said" names, and later bare surnames.

A capitalised run counts as a person's name only when something marks it as
one (a title before it, a speech verb after it, or a full form seen earlier
in the same document) and none of its words is a known country, organisation
or organisation head word ("Council", "Ministry"): this keeps places and
bodies out of the persons table.
"""
from __future__ import annotations

import dataclasses
import re

from .actor_lexicon import ActorLexicon, Entry, Scan, trie_pattern
from .ids import slug
from .model import Actor

_UP = "A-ZÀ-ÖØ-Þ"
# A dot inside a name token only before more letters ("J.D") or after an initial
# ("John F. Kennedy"): "Inslee. Inslee said" is two sentences, not one name. Character
# classes, not alternations: sre runs a class star many times faster on long runs.
# Bounded repeats: no name token is longer than 40 characters or has more than four
# dotted parts, and the bounds keep every offset's work constant on hostile text.
_TOKEN = rf"[{_UP}][\w'’-]{{0,40}}(?:\.[\w'’-]{{1,40}}){{0,4}}(?:(?<![\w'’-][\w'’-])\.(?=\s))?"
_PARTICLE = r"(?:al|el|bin|ibn|de|da|di|van|von|der|den|du|le|la|dos|del|ben|abu)"
# after a title: spaces (and the invisible marks web text carries, e.g. U+200E), or a
# comma of apposition ("the Prime Minister-designate, Haider al-Abadi")
_NAME = re.compile(rf",?[\s\u200b-\u200f\u2060\ufeff]+({_TOKEN}(?:\s+(?:{_PARTICLE}(?:\s+|-))*{_TOKEN}){{0,3}})")
_SPEECH = ("said|says|told|added|stated|announced|warned|wrote|noted|explained|argued|insisted|stressed|"
           "claimed|replied|confirmed|denied|tweeted|posted|reported|urged|called")
# "Name said": a capitalised word right before a speech verb is searched (the regex
# engine skips to capitals in C, and few are followed by a speech verb), then the
# whole name is read backwards from there in a bounded window, instead of trying a
# three-token name at every capital of the text. \Z is the window's end.
# possessive run: what follows it (a comma or a space) is never in it, so giving
# characters back can never help, and not trying saves a third of the scan
_SPEECH_HIT = re.compile(rf"[{_UP}][\w'’.-]{{0,200}}+,?(\s+)(?:" + trie_pattern(_SPEECH.split("|")) + r")\b")
_NAME_BEFORE = re.compile(rf"(?<![\w-])({_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,2}}),?\s*\Z")
_NAME_WINDOW = 120  # before the last token: room for two more tokens and particles
# Scans: whole match is group 1, the name group 2 (see Scan).
SAID_BEFORE_WORDS = ["said", "says", "added", "told reporters", "wrote"]
SAID_BEFORE = Scan(None, "(?:" + "|".join(SAID_BEFORE_WORDS) + rf")\s+({_TOKEN}(?:\s+{_TOKEN}){{1,2}})(?=[\s,.;])",
                    "", SAID_BEFORE_WORDS)
_POSSESSIVE = re.compile(r"['’]s?$")


def _clean_name(name: str, lex: ActorLexicon) -> str | None:
    """Drop trailing words that cannot end a name; None if the run is not a name."""
    toks = name.split()
    while toks:
        last = _POSSESSIVE.sub("", toks[-1]).rstrip(".,")
        ent = lex.entries.get(last)
        if last in lex.not_names or last in lex.org_heads or (ent and ent.kind != "person") \
                or last in lex.title_sector:
            toks.pop()
        else:
            toks[-1] = last
            break
    if not toks:
        return None
    first = toks[0].rstrip(".,")
    ent = lex.entries.get(first)
    if first in lex.not_names or first in lex.org_heads or (ent and ent.kind != "person"):
        return None
    if any(t in lex.org_heads for t in toks):
        return None
    return " ".join(toks)


def _person(name: str, lex: ActorLexicon, title: str | None, mod: Entry | None, home: str | None = None,
            state: frozenset = frozenset(), sector: str | None = None) -> Actor:
    """home: the document's dominant country, which an official of a state organ with no
    other country given ("Police spokesman X") is taken to serve (see actor_country)."""
    known = lex.entries.get(name) or _known_by_surname(name, lex)
    if known is not None and known.kind == "person":
        a = known.actor
        # the title the document gives ("Russian leader") beats the dictionary default
        return a if not title or title == a.title else dataclasses.replace(a, title=title)
    sector = sector or lex.title_sector.get(title or "", "CVL")
    country, aff, cameo = None, None, None
    if mod is None and home and sector in state:
        country, cameo = home, home + sector
    elif mod is None and sector != "CVL":
        cameo = sector
    if mod is not None:
        country = mod.iso3
        if mod.kind == "org":
            aff, cameo = mod.actor.actor_id, mod.actor.cameo_code
        elif mod.actor.actor_type == "state" or mod.kind in ("country", "demonym", "capital"):
            cameo = country + ("" if sector == "CVL" else sector) if country else None
        else:
            aff, cameo = mod.actor.actor_id, mod.actor.cameo_code
    return Actor(f"actor:person:{slug(name)}", name, "person", country, title, aff, cameo)


def _known_by_surname(name: str, lex: ActorLexicon) -> Entry | None:
    """A known person written with a shorter or longer full name ("George Bush" for
    George W. Bush): the surname names a known person whose first name is the same."""
    toks = name.split()
    if len(toks) < 2:
        return None
    ent = lex.entries.get(toks[-1])
    if ent is None or ent.kind != "person" or ent.actor.name.split(None, 1)[0] != toks[0]:
        return None
    return ent


def find_persons(text: str, lex: ActorLexicon, ends: dict, pre: dict | None = None, home: str | None = None,
                 state: frozenset = frozenset()):
    """Titled names: (start, end, person, modifier (start, end, Entry) or None, title span)."""
    found = []
    for m in lex.title_scan.finditer(text, pre and pre["title"], pre and pre["title_at"]):
        nm = _NAME.match(text, m.end())
        if not nm:
            continue
        name = _clean_name(nm.group(1), lex)
        first = name.split(None, 1)[0] if name else ""
        if not name or first in lex.title_sector or first + "." in lex.title_sector:
            continue  # "President, Mr X", "spokesman Sgt. X": the inner title's own match names X
        title = m.group(1)
        ts = m.start(1)
        mod = None
        for gap in (1, 3):  # "NATO Secretary General", "Ukraine's President"
            hit = ends.get(ts - gap)
            if hit and text[hit[1] and ts - gap:ts].strip() in ("", "'s", "’s"):
                mod = (hit[0], ts - gap, hit[1])
                break
        start = nm.start(1)
        sector = None
        if mod and mod[2].national and home and home != mod[2].iso3:
            # "Senate President X" in a text about Brazil: Brazil's Senate, a national body
            # read like the bare organs of actor_country
            sector, mod = (mod[2].actor.cameo_code or "")[3:] or None, None
        person = _person(name, lex, title, mod[2] if mod else None, home, state, sector)
        found.append((start, start + len(name), person, mod, (ts, m.end())))
    return found


_APPOS_CACHE: dict = {}
_FOR = re.compile(r"\s+(?:for|of|at|with|from|in)\s+(?:the\s+)?")


def _appositive(lex: ActorLexicon) -> re.Pattern:
    """", a spokesman", ", the army's chief": a lower-case title after a comma and an article."""
    key = id(lex.title_sector)
    hit = _APPOS_CACHE.get(key)
    if hit is None or hit[0] is not lex.title_sector:
        low = [t for t in lex.title_sector if t[:1].islower()]
        rx = re.compile(r",\s+(?:a|an|the|its|his|her|their)\s+(?:[a-z][\w'’-]*\s+){0,2}?(" + trie_pattern(low)
                        + r")(?![\w-])")
        hit = _APPOS_CACHE[key] = (lex.title_sector, rx)
    return hit[1]


def appositive_persons(text: str, lex: ActorLexicon, free, home: str | None = None, state: frozenset = frozenset()):
    """"Kwame Mensah, a spokesman for the Ghanaian army, said": the name before the comma
    is a person with that title; a country or organisation after "for/of" is theirs."""
    out = []
    for m in _appositive(lex).finditer(text):
        nm = _NAME_BEFORE.search(text, max(0, m.start() - _NAME_WINDOW), m.start())
        if not nm:
            continue
        name = _clean_name(nm.group(1), lex)
        s = nm.start(1)
        if not name or " " not in name or not text.startswith(name, s) or not free(s, s + len(name)):
            continue
        if any(t in lex.title_sector or (t in lex.entries and lex.entries[t].kind != "person")
               for t in name.split()):
            continue
        title, sector, mod = m.group(1), None, None
        fm = _FOR.match(text, m.end())
        cm = lex.regex.match(text, fm.end()) if fm else None
        ent = lex.entries.get(cm.group()) if cm else None
        if ent is not None and ent.iso3 is not None or ent is not None and ent.kind == "org":
            mod = ent
            am = lex.agent_after.match(text, cm.end()) if ent.kind in ("country", "demonym", "capital") else None
            if am:
                sector = lex.agents[am.group(2)][0]  # "a spokesman for the Ghanaian army": MIL
        out.append((s, s + len(name), _person(name, lex, title, mod, home, state, sector)))
    return out


def speech_persons(text: str, lex: ActorLexicon, free, pre: dict | None = None):
    out, found = [], []
    search = _NAME_BEFORE.search
    for h in _SPEECH_HIT.finditer(text):
        m = search(text, max(0, h.start() - _NAME_WINDOW), h.end(1))
        if m:
            found.append((m.start(1), m.group(1)))
    found += [(m.start(2), m.group(2)) for m in SAID_BEFORE.finditer(text, pre and pre["said"])]
    for s, raw in found:
        name = _clean_name(raw, lex)
        if not name or " " not in name:
            continue
        if not text.startswith(name, s) or not free(s, s + len(name)):
            continue
        if any(t in lex.title_sector or t in lex.entries for t in name.split()):
            continue
        out.append((s, s + len(name), _person(name, lex, None, None)))
    return out


def _word_at(text: str, s: int, e: int) -> bool:
    """text[s:e] is a whole word: no word character or hyphen touches either end."""
    if s and ((c := text[s - 1]).isalnum() or c in "_-"):
        return False
    return e >= len(text) or not ((c := text[e]).isalnum() or c in "_-")


def surname_mentions(text: str, persons: list[Actor], free):
    """A later "Miller" is the Matthew Miller named earlier in the same document.

    str.find per surname instead of one regex per document: compiling a fresh
    alternation for every document cost more than the whole search."""
    by_surname = {}
    for p in persons:
        parts = p.name.split()
        if len(parts) > 1:
            by_surname.setdefault(parts[-1], p)
    hits = []
    for sur, p in by_surname.items():
        i = text.find(sur)
        while i >= 0:
            e = i + len(sur)
            if _word_at(text, i, e):
                hits.append((i, e, p))
            i = text.find(sur, i + 1)
    # the regex took the leftmost, then longest surname and never overlapped two
    hits.sort(key=lambda h: (h[0], -h[1]))
    out, last = [], -1
    for s, e, p in hits:
        if s >= last:
            last = e
            if free(s, e):
                out.append((s, e, p))
    return out
