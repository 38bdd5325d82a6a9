"""Which country a country-less agent noun ("the police", "protesters") belongs to.

Two cues, both read from the text itself:
- a country, capital or known region right after the noun ("protesters in
  Nairobi", "bandits in Zamfara"): any agent, crowds included, takes that country;
- the document's dominant country: when one country is named (by its name,
  demonym, capital, a known region or an organisation of that country, such as
  ISWAP or the Kenya Defence Forces) at least twice as often as all the others
  together, the organs of a state that the text leaves bare ("the army",
  "police", "the authorities") and officials with a state title and no other
  country are taken to be that country's. Crowds (protesters, civilians, gunmen, bandits) are not: a crowd
  is not an organ of the state the article is about, and wire stories often
  cover foreign crowds, so they keep no country unless the text ties one.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lexicon import load

# "... in (the) (northern) Mali": a direction word may stand between the preposition and the country
_AFTER = re.compile(r"\s+(?:in|of|from|across|throughout)\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|"
                    r"central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
                    r"south-?western|neighbou?ring|rural|northeast|northwest|southeast|southwest)\s+)?")
_KINDS = ("country", "demonym", "capital", "region", "org")


def state_sectors() -> frozenset:
    return frozenset(load("actors_agents.yaml").get("state_sectors", ()))


def country_after(text: str, end: int, lex, towns=()) -> str | None:
    """ISO-3 of a country, capital or region named right after ``end`` ("... in Kenya");
    towns: capitals the text writes as a town elsewhere ("Paris, Texas"), casefolded."""
    m = _AFTER.match(text, end)
    if not m:
        return None
    cm = lex.regex.match(text, m.end())
    ent = lex.entries.get(cm.group()) if cm else None
    if ent is not None and ent.kind in ("country", "capital", "region") and ent.iso3 in lex.states and not (
            ent.kind == "capital" and towns and cm.group().casefold() in towns):
        return ent.iso3
    return None


def dominant_country(counts: Counter) -> str | None:
    """The country named at least twice as often as all others together, if any."""
    if not counts:
        return None
    (iso, n), = counts.most_common(1)
    return iso if n >= 2 * (sum(counts.values()) - n) else None


def count_countries(entries) -> Counter:
    """Country, demonym, capital, region and national-organisation surfaces per ISO-3."""
    return Counter(e.iso3 for e in entries if e.kind in _KINDS and e.iso3)


# ", Ga." / ", Texas" / ", New South Wales": up to three capitalised words after a comma
_DIVISION = re.compile(r",\s+([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")


@lru_cache(maxsize=1)
def _divisions() -> dict[str, frozenset[str]]:
    """First-level division names and AP state abbreviations -> ISO-3 of their countries
    (places_admin1.csv, places.yaml state_abbreviations, shared with the place finder)."""
    iso3 = {r["iso2"]: r["iso3"] for r in load("places_countries.csv")}
    out: dict[str, set] = {}
    for r in load("places_admin1.csv"):
        if r["cc"] in iso3:
            out.setdefault(r["name"], set()).add(iso3[r["cc"]])
    for abbr, code in load("places.yaml").get("state_abbreviations", {}).items():
        cc = code.split(".", 1)[0]
        if cc in iso3:
            out.setdefault(abbr, set()).add(iso3[cc])
    return {k: frozenset(v) for k, v in out.items()}


def foreign_division_after(text: str, end: int, iso3: str | None) -> bool:
    """Is the name ending at ``end`` followed by ", <a division of another country>"?
    "Paris, Texas", "Athens, Ga.", "London, Ontario": a town, not that capital."""
    m = _DIVISION.match(text, end)
    if not m:
        return False
    divs = _divisions()
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        ccs = divs.get(name) or divs.get(name.rstrip("."))
        if ccs:
            return iso3 not in ccs
    return False
