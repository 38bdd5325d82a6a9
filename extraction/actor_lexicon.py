"""The actor dictionary: every surface form the actor finder knows, built once.

Sources are data files under lexicons/ (countries with demonyms and capitals,
organisations, persons, titles, agent nouns) plus pycountry for the ISO names.
Surfaces are compiled into trie-shaped regular expressions so that thousands
of names cost one regex scan over the text, not one scan per name.
"""
from __future__ import annotations

import dataclasses
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

    kind: str  # country, demonym, people, capital, org, person, ethnic, region
    actor: Actor
    iso3: str | None = None
    demonym: str | None = None  # for compounds: "North Korean" military
    # a name many countries give their own body ("Senate"): this actor only when the
    # text is not about another country (actors.py)
    national: bool = False


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


_WORDS_EXTRA, _WORDS_TAIL = ".", r"(?![\w-]|\.\w)"


# A name stays a name before "-backed", "-led", "-held" ...: "ISIL-held towns" names ISIL,
# while "Russia-Ukraine" or "pro-Russian" stay one word.
def _name_tail() -> str:
    suffixes = trie_pattern(load("abbreviations.yaml").get("name_suffixes", []))
    return rf"(?:{_WORDS_TAIL}|(?=-(?:{suffixes})(?![\w-])))"


def words_regex(words, flags: int = 0, tail: str = _WORDS_TAIL) -> re.Pattern:
    """Whole-word match of any of the words; longest alternative wins at a position."""
    return re.compile(rf"(?<![\w{_WORDS_EXTRA}])(?:" + trie_pattern(words) + ")" + tail, flags)


def words_scan(words, tail: str = _WORDS_TAIL, extra: str = _WORDS_EXTRA) -> "Scan":
    r"""``(?<![\w<extra>])(words)<tail>`` as a ``Scan``: words opening with a
    lower-case letter are looked for after a separator, the rest (capitalised,
    mostly) where their first letter is."""
    words = [w for w in words if w]
    low = [w for w in words if "a" <= w[0] <= "z"]
    rest = [w for w in words if not "a" <= w[0] <= "z"]
    return Scan("(?:" + trie_pattern(rest) + ")" + tail if rest else None,
                "(?:" + trie_pattern(low) + ")" + tail if low else None, extra, low, rest)


def separator_class(extra: str) -> str:
    """Class of the characters that may stand before a match: ASCII characters
    that are neither word characters nor ``extra``, and every non-ASCII one
    (a non-ASCII letter is turned away afterwards)."""
    ascii_sep = [chr(i) for i in range(128)
                 if not (chr(i).isalnum() or chr(i) == "_" or chr(i) in extra)]
    return "[" + "".join(re.escape(c) for c in ascii_sep) + "\x80-\U0010ffff]"


def _walker(found: list):
    """The first of ``found`` (matches in text order) that starts at or after pos;
    pos only grows during a walk, so a cursor moves forward instead of bisecting."""
    n, cur = len(found), [0]

    def first_from(_, pos):
        i = cur[0]
        while i < n and found[i].start(1) < pos:
            i += 1
        cur[0] = i
        return found[i] if i < n else None
    return first_from


class Scan:
    r"""``re.finditer`` of ``(?<![\w<extra>])(?:at|after)``, several times faster.

    A pattern that opens with a look-behind is tried at every offset of the
    text. Here ``at`` (whose first character should be rare, e.g. a capital)
    is searched bare, so the regex engine skips in C to the offsets holding
    such a character, and the look-behind is checked on the few hits;
    ``after`` (words opening in lower case) is searched with the separator
    before it consumed, a cheap character class instead of a look-behind.
    Both runs are merged into the matches of the single look-behind pattern,
    in the same order (the two must not match at the same offset). The whole
    match is group 1 and a pattern's own groups follow.
    """

    __slots__ = ("at", "after", "start", "extra", "low", "rest")

    def __init__(self, at: str | None, after: str | None, extra: str = "-", low: list[str] | None = None,
                 rest: list[str] | None = None):
        self.at = re.compile(f"({at})") if at else None
        self.after = re.compile(f"{separator_class(extra)}({after})") if after else None
        self.start = re.compile(f"({after})") if after else None  # offset 0 has no separator
        self.extra = extra
        self.low = low  # the words ``after`` opens with, when known (see actor_scan.LowerPass)
        self.rest = rest  # the words ``at`` opens with, when known (see actor_scan.CapitalPass)

    def _next_at(self, text: str, pos: int):
        search, extra = self.at.search, self.extra
        while (m := search(text, pos)) is not None:
            p = m.start()
            if p and ((c := text[p - 1]).isalnum() or c == "_" or c in extra):
                pos = p + 1
                continue
            return m
        return None

    def _next_after(self, text: str, pos: int):
        if pos == 0 and (m := self.start.match(text)) is not None:
            return m
        search = self.after.search
        while (m := search(text, pos - 1 if pos else 0)) is not None:
            c = text[m.start()]
            if c >= "\x80" and c.isalnum():
                pos = m.start(1) + 1
                continue
            return m
        return None

    def finditer(self, text: str, after: list | None = None, at: list | None = None):
        """Matches in text order; ``after`` / ``at``: every anchored match of that
        pattern where the look-behind holds, in order, found beforehand (see
        actor_scan): the walk then picks from them what the searches would find."""
        next_at = self._next_at if at is None else _walker(at)
        next_after = self._next_after if after is None else _walker(after)
        a = next_at(text, 0) if self.at is not None else None
        b = next_after(text, 0) if self.after is not None else None
        while a is not None or b is not None:
            m = a if b is None or (a is not None and a.start(1) < b.start(1)) else b
            yield m
            end = m.end()
            if a is not None and a.start(1) < end:
                a = next_at(text, end)
            if b is not None and b.start(1) < end:
                b = next_after(text, end)


@dataclass(slots=True)
class ActorLexicon:
    entries: dict  # surface -> Entry
    regex: re.Pattern
    scan: Scan  # regex.finditer, faster
    states: dict  # iso3 -> state Actor
    demonym_of: dict  # iso3 -> display demonym
    orgs: dict  # key -> Actor (organisations, and "pop:<key>" ethnic groups)
    agents: dict  # agent noun -> (sector, actor_type, label)
    agent_after: re.Pattern
    alone: dict  # alone word -> sector
    alone_regex: re.Pattern
    alone_scan: Scan
    title_sector: dict  # title -> sector
    title_regex: re.Pattern
    title_scan: Scan
    org_heads: frozenset
    not_names: frozenset
    lower: object = None  # actor_scan.LowerPass over this lexicon's scans, built on first use

    def by_id(self, actor_id: str) -> Actor | None:
        """State or organisation actor by id (to add affiliations to the actors table)."""
        if actor_id.startswith("actor:state:"):
            return self.states.get(actor_id.rsplit(":", 1)[1].upper())
        return self.orgs.get(actor_id[len("actor:"):])

    def with_extra(self, extra: dict[str, Entry]) -> "ActorLexicon":
        """A copy that also knows ``extra`` surfaces (used by evaluation dictionaries)."""
        entries = dict(self.entries)
        entries.update(extra)
        return dataclasses.replace(self, entries=entries, regex=words_regex(entries, tail=_name_tail()),
                                   scan=words_scan(entries, _name_tail()), lower=None)


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def state_actor(iso3: str, name: str, wikidata: str | None = None) -> Actor:
    return Actor(f"actor:state:{iso3.lower()}", name, "state", iso3, None, None, iso3, wikidata or None)


_COMPOUNDS: dict = {}


def compound_actor(lex: "ActorLexicon", iso3: str, sector: str) -> Actor:
    """The country's government, military, media ... as one actor per country (built once:
    like dictionary actors, the records are shared and never changed)."""
    key = (id(lex.states), iso3, sector)
    hit = _COMPOUNDS.get(key)
    if hit is not None and hit[0] is lex.states:
        return hit[1]
    actor = _compound(lex, iso3, sector)
    _COMPOUNDS[key] = (lex.states, actor)
    return actor


def _compound(lex: "ActorLexicon", iso3: str, sector: str) -> Actor:
    _, atype, label = _sector_info()[sector]
    dem = lex.demonym_of.get(iso3) or lex.states[iso3].name
    return Actor(f"actor:{sector.lower()}:{iso3.lower()}", f"{dem} {label}", atype, iso3,
                 None, lex.states[iso3].actor_id, iso3 + sector)


@lru_cache(maxsize=1)
def _sector_info() -> dict:
    agents = load("actors_agents.yaml")["agents"]
    return {sector: (sector, spec["type"], spec["label"]) for sector, spec in agents.items()}


@lru_cache(maxsize=None)
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
        for al in o.get("bare_aliases", []):
            entries.setdefault(str(al), Entry("org", a, o.get("country"), national=True))


def _groups(entries: dict, states: dict, orgs: dict) -> None:
    """Ethnic and religious groups: "Kurdish" (kind ethnic) and "Kurds" (a population).
    A country only where the group lives in one; never the state itself, so that
    "Tigrayan forces" are not Ethiopia's military (see ethnic_actor)."""
    for row in load("actors_groups.csv"):
        iso = row.get("iso3") or None
        adjs, peoples = _split(row.get("adjectives")), _split(row.get("peoples"))
        pop = Actor(f"actor:pop:{row['key']}", (peoples or adjs)[0], "population", iso, None,
                    states[iso].actor_id if iso in states else None, iso)
        orgs["pop:" + row["key"]] = pop  # so that by_id finds it as an affiliation
        for a in adjs:
            entries.setdefault(a, Entry("ethnic", pop, iso, a))
        for p in peoples:
            entries.setdefault(p, Entry("people", pop, iso))


def _regions(entries: dict, states: dict) -> None:
    """Provinces, districts and towns that conflict reporting names instead of the country
    ("Darfur rebels", "bandits in Zamfara"): kind region, standing for the country in
    compounds and country cues, never an actor on their own (they are places)."""
    for row in load("actors_regions.csv"):
        iso = row["iso3"]
        for n in _split(row.get("names")):
            entries.setdefault(n, Entry("region", states[iso], iso))


def ethnic_actor(ent: Entry, sector: str) -> Actor:
    """"Kurdish fighters", "Fulani herders": the group's armed men, civilians ... An ethnic
    group's forces are not a state's: MIL becomes REB."""
    sector = "REB" if sector == "MIL" else sector
    _, atype, label = _sector_info()[sector]
    key = ent.actor.actor_id.rsplit(":", 1)[1]
    return Actor(f"actor:{sector.lower()}:{key}", f"{ent.demonym} {label}", atype, ent.iso3, None,
                 ent.actor.actor_id, (ent.iso3 or "") + sector)


def _persons(entries: dict) -> None:
    for p in load("actors_persons.yaml")["persons"]:
        aff = f"actor:{p['affiliation']}" if p.get("affiliation") else None
        a = Actor(f"actor:person:{slug(p['name'])}", p["name"], "person", p.get("country"),
                  p.get("title"), aff, p.get("cameo"), p.get("wikidata"))
        for v in p["variants"]:
            entries.setdefault(v, Entry("person", a, p.get("country")))


def _modifier(spec: dict) -> str:
    """The one lower-case word allowed between a country and its agent noun: not a verb
    ("Mali attacked civilians" is no compound), so not a listed function word nor a word
    ending in -ed or -s unless listed as a modifier ("armed", "allied")."""
    stop = trie_pattern(map(str, spec.get("modifier_stop", [])))
    ok = trie_pattern(map(str, spec.get("modifier_ok", [])))
    return (rf"(?!(?:{stop})\s)((?:{ok})(?=\s)|(?![a-z-]*(?:ed|s)\s)[a-z][a-z-]+)" if ok
            else r"([a-z][a-z-]+)")


@lru_cache(maxsize=1)
def lexicon() -> ActorLexicon:
    entries: dict[str, Entry] = {}
    states: dict[str, Actor] = {}
    demonym_of: dict[str, str] = {}
    orgs: dict[str, Actor] = {}
    _persons(entries)
    _orgs(entries, orgs)
    _countries(entries, states, demonym_of)
    _groups(entries, states, orgs)
    _regions(entries, states)

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
    agent_after = re.compile(r"(?:['’]s)?\s+(?:" + _modifier(load("actors_agents.yaml")) + r"\s+)??("
                             + trie_pattern(agents) + r")(?![\w-])")
    alone_regex = re.compile(r"(?<![\w-])(" + trie_pattern(alone) + r")(?![\w-])")

    t = load("actors_titles.yaml")
    title_sector = {}
    for sector, titles in t["titles"].items():
        for ti in titles:
            title_sector.setdefault(str(ti), sector)
    title_regex = re.compile(r"(?<![\w-])(" + trie_pattern(title_sector) + r")(?![\w-])")
    return ActorLexicon(entries, words_regex(entries, tail=_name_tail()), words_scan(entries, _name_tail()),
                        states, demonym_of,
                        orgs, agents, agent_after, alone, alone_regex,
                        words_scan(alone, r"(?![\w-])", "-"), title_sector, title_regex,
                        words_scan(title_sector, r"(?![\w-])", "-"),
                        frozenset(t["org_heads"]), frozenset(t["not_names"]))
