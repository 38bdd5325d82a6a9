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

from .actor_lexicon import ActorLexicon, Entry, Scan
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
_NAME = re.compile(rf"\s+({_TOKEN}(?:\s+(?:{_PARTICLE}(?:\s+|-))*{_TOKEN}){{0,3}})")
_SPEECH = ("said|says|told|added|stated|announced|warned|wrote|noted|explained|argued|insisted|stressed|"
           "claimed|replied|confirmed|denied|tweeted|posted|reported|urged|called")
# Scans: whole match is group 1, the name group 2 (see Scan).
# The look-behind (the one Scan checks anyway) first: inside a long run of letters every
# offset then fails at once; without it each offset re-reads the run ("AAAA...").
_SAID_AFTER = Scan(rf"(?<![\w-])({_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,2}}),?\s+(?:{_SPEECH})\b", None, "-")
_SAID_BEFORE = Scan(None, rf"(?:said|says|added|told reporters|wrote)\s+({_TOKEN}(?:\s+{_TOKEN}){{1,2}})(?=[\s,.;])",
                    "")
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


def _person(name: str, lex: ActorLexicon, title: str | None, mod: Entry | None) -> Actor:
    known = lex.entries.get(name)
    if known is not None and known.kind == "person":
        a = known.actor
        # the title the document gives ("Russian leader") beats the dictionary default
        return a if not title or title == a.title else dataclasses.replace(a, title=title)
    sector = lex.title_sector.get(title or "", "CVL")
    country, aff, cameo = None, None, None
    if mod is not None:
        country = mod.iso3
        if mod.kind == "org":
            aff, cameo = mod.actor.actor_id, mod.actor.cameo_code
        elif mod.actor.actor_type == "state" or mod.kind in ("country", "demonym", "capital"):
            cameo = country + ("" if sector == "CVL" else sector) if country else None
        else:
            aff, cameo = mod.actor.actor_id, mod.actor.cameo_code
    return Actor(f"actor:person:{slug(name)}", name, "person", country, title, aff, cameo)


def find_persons(text: str, lex: ActorLexicon, ends: dict):
    """Titled names: yields (start, end, person, modifier (start, end, Entry) or None)."""
    found = []
    for m in lex.title_scan.finditer(text):
        nm = _NAME.match(text, m.end())
        if not nm:
            continue
        name = _clean_name(nm.group(1), lex)
        if not name:
            continue
        title = m.group(1)
        ts = m.start(1)
        mod = None
        for gap in (1, 3):  # "NATO Secretary General", "Ukraine's President"
            hit = ends.get(ts - gap)
            if hit and text[hit[1] and ts - gap:ts].strip() in ("", "'s", "’s"):
                mod = (hit[0], ts - gap, hit[1])
                break
        start = nm.start(1)
        person = _person(name, lex, title, mod[2] if mod else None)
        found.append((start, start + len(name), person, mod))
    return found


def speech_persons(text: str, lex: ActorLexicon, free):
    out = []
    for rx in (_SAID_AFTER, _SAID_BEFORE):
        for m in rx.finditer(text):
            name = _clean_name(m.group(2), lex)
            if not name or " " not in name:
                continue
            s = m.start(2)
            if not text.startswith(name, s) or not free(s, s + len(name)):
                continue
            if any(t in lex.title_sector or t in lex.entries for t in name.split()):
                continue
            out.append((s, s + len(name), _person(name, lex, None, None)))
    return out


def surname_mentions(text: str, persons: list[Actor], free):
    """A later "Miller" is the Matthew Miller named earlier in the same document."""
    by_surname = {}
    for p in persons:
        parts = p.name.split()
        if len(parts) > 1:
            by_surname.setdefault(parts[-1], p)
    if not by_surname:
        return []
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in by_surname) + r")(?![\w-])")
    return [(m.start(), m.end(), by_surname[m.group(1)]) for m in rx.finditer(text) if free(m.start(), m.end())]
