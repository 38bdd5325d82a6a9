"""The compact settlement index: same lookups as the data says, cached once, robust
to a broken or unwritable cache. Runs on a small cities500-like file."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import gazetteer as G
from extraction import gazetteer_index as GI
from extraction import place_keys as K

DATA = {
    "1": {"name": "Sergeevka", "countrycode": "RU", "admin1code": "59", "latitude": 43.1,
          "longitude": 132.25, "population": 12000, "alternatenames": ["Sergeyevka", "SGV", "Сергеевка"]},
    "2": {"name": "Sergeyevka", "countrycode": "UA", "admin1code": "", "latitude": 48.5,
          "longitude": 37.75, "population": 600, "alternatenames": []},
    "3": {"name": "Kyiv", "countrycode": "UA", "admin1code": "12", "latitude": 50.45,
          "longitude": 30.5233, "population": 2797553, "alternatenames": ["Kiev", "Kyjiw"]},
    "4": {"name": "Sergeevka", "countrycode": "RU", "admin1code": "59", "latitude": 43.2,
          "longitude": 132.3, "population": 0, "alternatenames": ["Sergeyevka"]},
    "5": {"name": "Al Qāmishlī", "countrycode": "SY", "admin1code": "03", "latitude": 37.05,
          "longitude": 41.22, "population": 184231, "alternatenames": ["Al-Qamishli"]},
    "6": {"name": "An Loc", "countrycode": "VN", "admin1code": "", "latitude": 11.65,
          "longitude": 106.6, "population": 20000, "alternatenames": []},
}


@pytest.fixture
def small(tmp_path, monkeypatch):
    data = tmp_path / "cities500.json"
    data.write_text(json.dumps(DATA), encoding="utf-8")
    monkeypatch.setattr(GI, "_data_path", lambda: data)
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path / "cache"))
    return tmp_path


def test_lookups_follow_the_data(small):
    c = G.Cities(GI.load_columns(K))
    # Transliteration variants meet on one key; rows keep data order, without repeats.
    rows = c.get(G.key("Sergeyevka"))
    assert [e.place_id for e in rows] == ["geonames:1", "geonames:2", "geonames:4"]
    assert c.get(G.key("Sergeevka")) == rows
    e1, e2, e4 = rows
    assert (e1.name, e1.cc2, e1.admin1_code, e1.lat, e1.lon, e1.population, e1.feature) == (
        "Sergeevka", "RU", "59", 43.1, 132.25, 12000, "city")  # city_population: 10000
    assert e2.admin1_code is None and e4.feature == "village"
    assert e1.main_key == G.key("Sergeevka")
    kyiv = c.get(G.key("Kiev"))[0]
    assert kyiv.capital and kyiv.name == "Kyiv" and G.key("kyjiw") in c
    # Short codes and non-Latin names are not keys.
    assert "sgv" not in c and c.get("nowhere") is None


def test_cached_once_then_read(small, monkeypatch):
    cols = GI.load_columns(K)
    files = list((small / "cache" / "gazetteer").glob("cities500-*.pickle"))
    assert len(files) == 1

    def no_build(*a, **k):
        raise AssertionError("the cache should have been read")
    monkeypatch.setattr(GI, "build", no_build)
    monkeypatch.setattr(GI, "_build_in_child", no_build)
    assert GI.load_columns(K)["keys"] == cols["keys"]


def test_broken_cache_is_rebuilt(small):
    GI.load_columns(K)
    f = next((small / "cache" / "gazetteer").glob("cities500-*.pickle"))
    f.write_bytes(b"\x80\x05garbage")
    assert G.Cities(GI.load_columns(K)).get(G.key("Kyiv"))[0].name == "Kyiv"


def test_unwritable_cache_builds_in_memory(small, monkeypatch):
    blocker = small / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(blocker))
    assert G.Cities(GI.load_columns(K)).get(G.key("Kyiv"))[0].place_id == "geonames:3"


NAMES = ["Sergeyevka", "Primorsky Kray", "Kharkiv", "Zhytomyr", "Tskhinvali", "Al Hasakah",
         "al-Raqqa", "Mississippi", "Dnipropetrovs'k", "Kirov’s", "São Paulo", "Ürümqi",
         "Сергеевка", "Köln  am Rhein", "ﬁve  Ⅳ", "A\nB", "Yaya  Yuzhny", "Kyiv", "", "  ",
         "Al  Ain", "New York", "Washington", "O`Higgins", "Alytus", "Ashdod", "Ust-Kut"]


@pytest.mark.parametrize("name", NAMES)
def test_single_name_fast_path_matches_the_bulk_folding(name):
    # key()/fold() skip the no-op steps for one name; the index was built with
    # the bulk functions, so both must give the same key for every name.
    assert G.key.__wrapped__(name) == K._key_bulk(name.replace("\n", " ")).strip()
    assert G.fold.__wrapped__(name) == K._fold_bulk(name.replace("\n", " ")).strip()


def test_variant_precheck_sees_every_rule():
    pre = K._any_variant()
    assert pre is not None
    # A name that no rule changes has no match; each rule's trigger has one.
    assert pre.search("paris") is None and pre.search("new york") is None
    for name in ("kharkiv", "primorsky kray", "al hasakah", "mississippi", "a  b", "zhytomyr"):
        assert pre.search(name), name


def test_arabic_article_dropped_only_where_arabic_is_written(small):
    c = G.Cities(GI.load_columns(K))
    assert [e.place_id for e in c.get(G.key("Qamishli"))] == ["geonames:5"]
    assert c.get(G.key("Al-Qamishli"))[0].place_id == "geonames:5"
    assert c.get(G.key("Loc")) is None  # Vietnamese "An" is no article


def test_prefix_filter_knows_every_multiword_key(small):
    c = G.Cities(GI.load_columns(K))
    for k in c.index:
        words = k.split(" ")
        for n in range(1, len(words)):
            assert c.may_extend(" ".join(words[:n])), k


_PIECES = ["al", "Al-", "ez ", "Deir", "Zor", "north", "Northern", "Nord", "kray", "Sergeyevka", "ll", "yy",
           "ye", "Kharkiv", "Tskhinvali", "  ", " ", "-", "'", "São", "Ürümqi", "ﬁ", "Ⅳ", "\n", "ii", "q",
           "Ash Sham", "eastern", "sud", "ouest", "x", "A"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join) | st.text(max_size=40))
def test_key_of_any_text_matches_the_bulk_folding(name):
    # key() skips no-op steps for one name; the index is built with the bulk
    # form over whole names: both must agree on any text, not only on NAMES.
    assert G.key.__wrapped__(name) == K._key_bulk(name.replace("\n", " ")).strip()
