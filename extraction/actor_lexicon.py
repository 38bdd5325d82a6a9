"""The actor dictionary: every surface form the actor finder knows, built once.

Sources are data files under lexicons/ (countries with demonyms and capitals,
organisations, persons, titles, agent nouns) plus pycountry for the ISO names.
Surfaces are compiled into trie-shaped regular expressions so that thousands
of names cost one regex scan over the text, not one scan per name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from .ids import slug
from .lexicon import load
from .model import Actor


@dataclass(frozen=True, slots=True)
class Entry:
    """What a matched surface means: a kind plus the actor it names."""

    kind: str  # country, demonym, people, capital, org, person
    actor: Actor
    iso3: str | None = None
    demonym: str | None = None  # for compounds: "North Korean" military


def trie_pattern(words) -> str:
    """A regex alternation shaped as a character trie: fast for many literals."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def words_regex(words, flags: int = 0) -> re.Pattern:
    """Whole-word match of any of the words; longest alternative wins at a position."""
    return re.compile(r"(?<![\w.])(?:" + trie_pattern(words) + r")(?![\w-]|\.\w)", flags)


@dataclass(slots=True)
class ActorLexicon:
    entries: dict  # surface -> Entry
    regex: re.Pattern
    states: dict  # iso3 -> state Actor
    demonym_of: dict  # iso3 -> display demonym
    orgs: dict  # key -> Actor
    agents: dict  # agent noun -> (sector, actor_type, label)
    agent_after: re.Pattern
    alone: dict  # alone word -> sector
    alone_regex: re.Pattern
    title_sector: dict  # title -> sector
    title_regex: re.Pattern
    org_heads: frozenset
    not_names: frozenset

    def by_id(self, actor_id: str) -> Actor | None:
        """State or organisation actor by id (to add affiliations to the actors table)."""
        if actor_id.startswith("actor:state:"):
            return self.states.get(actor_id.rsplit(":", 1)[1].upper())
        return self.orgs.get(actor_id[len("actor:"):])

    def with_extra(self, extra: dict[str, Entry]) -> "ActorLexicon":
        """A copy that also knows ``extra`` surfaces (used by evaluation dictionaries)."""
        entries = dict(self.entries)
        entries.update(extra)
        return ActorLexicon(entries, words_regex(entries), self.states, self.demonym_of, self.orgs,
                            self.agents, self.agent_after, self.alone, self.alone_regex,
                            self.title_sector, self.title_regex, self.org_heads, self.not_names)


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def state_actor(iso3: str, name: str, wikidata: str | None = None) -> Actor:
    return Actor(f"actor:state:{iso3.lower()}", name, "state", iso3, None, None, iso3, wikidata or None)


def compound_actor(lex: "ActorLexicon", iso3: str, sector: str) -> Actor:
    """The country's government, military, media ... as one actor per country."""
    _, atype, label = _sector_info()[sector]
    dem = lex.demonym_of.get(iso3) or lex.states[iso3].name
    return Actor(f"actor:{sector.lower()}:{iso3.lower()}", f"{dem} {label}", atype, iso3,
                 None, lex.states[iso3].actor_id, iso3 + sector)


@lru_cache(maxsize=1)
def _sector_info() -> dict:
    return {sector: (sector, spec["type"], spec["label"]) for sector, spec in load("actors_agents.yaml")["agents"].items()}


def generic_actor(sector: str) -> Actor:
    _, atype, label = _sector_info()[sector]
    return Actor(f"actor:generic:{sector.lower()}", label, atype, None, None, None, sector)


def _countries(entries: dict, states: dict, demonym_of: dict) -> None:
    rows = {r["iso3"]: r for r in load("actors_countries.csv")}
    for c in pycountry.countries:
        iso = c.alpha_3
        row = rows.get(iso, {})
        aliases = _split(row.get("aliases"))
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        display = aliases[0] if aliases else (names[0] or c.name)
        state = state_actor(iso, display, row.get("wikidata"))
        states[iso] = state
        for n in aliases + [n for n in names if n and "," not in n]:
            entries.setdefault(n, Entry("country", state, iso))
            if n.startswith("the "):
                entries.setdefault("The " + n[4:], Entry("country", state, iso))
        dems = _split(row.get("demonyms"))
        if dems:
            demonym_of[iso] = dems[0]
        for d in dems:
            entries.setdefault(d, Entry("demonym", state, iso, d))
        for p in _split(row.get("peoples")):
            pop = Actor(f"actor:pop:{iso.lower()}", p, "population", iso, None, state.actor_id, iso)
            entries.setdefault(p, Entry("people", pop, iso))
        for cap in _split(row.get("capitals")):
            entries.setdefault(cap, Entry("capital", state, iso))


def _orgs(entries: dict, orgs: dict) -> None:
    for o in load("actors_orgs.yaml")["organizations"]:
        aff = f"actor:{o['affiliation']}" if o.get("affiliation") else None
        a = Actor(f"actor:{o['key']}", o["name"], o["type"], o.get("country"), None, aff,
                  o.get("cameo"), o.get("wikidata"))
        orgs[o["key"]] = a
        for al in o.get("aliases", []):
            entries.setdefault(str(al), Entry("org", a, o.get("country")))


def _persons(entries: dict) -> None:
    for p in load("actors_persons.yaml")["persons"]:
        aff = f"actor:{p['affiliation']}" if p.get("affiliation") else None
        a = Actor(f"actor:person:{slug(p['name'])}", p["name"], "person", p.get("country"),
                  p.get("title"), aff, p.get("cameo"), p.get("wikidata"))
        for v in p["variants"]:
            entries.setdefault(v, Entry("person", a, p.get("country")))


@lru_cache(maxsize=1)
def lexicon() -> ActorLexicon:
    entries: dict[str, Entry] = {}
    states: dict[str, Actor] = {}
    demonym_of: dict[str, str] = {}
    orgs: dict[str, Actor] = {}
    _persons(entries)
    _orgs(entries, orgs)
    _countries(entries, states, demonym_of)

    agents: dict[str, tuple] = {}
    alone: dict[str, str] = {}
    for sector, spec in load("actors_agents.yaml")["agents"].items():
        for w in spec["words"]:
            agents.setdefault(w, (sector, spec["type"], spec["label"]))
        for w in spec.get("alone_words", []):
            alone.setdefault(w, sector)
            alone.setdefault(w[:1].upper() + w[1:], sector)  # "Police arrested ..."
    # After a country surface: optional possessive, at most one lower-case
    # modifier ("Russian occupying forces"), then the agent noun.
    agent_after = re.compile(r"(?:['’]s)?\s+(?:([a-z][a-z-]+)\s+)??(" + trie_pattern(agents) + r")(?![\w-])")
    alone_regex = re.compile(r"(?<![\w-])(" + trie_pattern(alone) + r")(?![\w-])")

    t = load("actors_titles.yaml")
    title_sector = {}
    for sector, titles in t["titles"].items():
        for ti in titles:
            title_sector.setdefault(str(ti), sector)
    title_regex = re.compile(r"(?<![\w-])(" + trie_pattern(title_sector) + r")(?![\w-])")
    return ActorLexicon(entries, words_regex(entries), states, demonym_of, orgs, agents, agent_after,
                        alone, alone_regex, title_sector, title_regex,
                        frozenset(t["org_heads"]), frozenset(t["not_names"]))
