"""The seed article's facts (issue 3, facts 1-33) as published in the release of raw/.

These read the published Parquet tables, not the core's records, so they also
hold the assembly, the id re-keying and the publish steps to the facts.
"""
from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def t(seed_release):
    tables = {}
    for name in ("documents", "actors", "places", "mentions", "events", "quantities"):
        tables[name] = pd.read_parquet(seed_release / "parquet" / f"{name}.parquet")
    return tables


def actor(t, name: str) -> pd.Series:
    rows = t["actors"][t["actors"]["name"] == name]
    assert len(rows) == 1, f"{name}: {len(rows)} actors"
    return rows.iloc[0]


def actor_name(t, actor_id) -> str | None:
    rows = t["actors"][t["actors"]["actor_id"] == actor_id]
    return rows.iloc[0]["name"] if len(rows) else None


@pytest.mark.parametrize("name,title,affiliation,country", [
    ("Matthew Miller", "spokesperson", "U.S. State Department", None),
    ("Mark Rutte", "Secretary General", "NATO", None),
    ("Volodymyr Zelensky", "President", None, "UKR"),
    ("Vladimir Putin", "leader", None, "RUS"),
])
def test_persons(t, name, title, affiliation, country):  # facts 1-4
    a = actor(t, name)
    assert a["actor_type"] == "person"
    assert a["title"] == title
    if affiliation:
        assert actor_name(t, a["affiliation_id"]) == affiliation
    if country:
        assert a["country_code"] == country


def test_states(t):  # facts 5-10
    states = set(t["actors"].loc[t["actors"]["actor_type"] == "state", "country_code"])
    assert {"USA", "UKR", "RUS", "PRK", "CHN", "KOR"} <= states


def test_organisations_and_units(t):  # facts 11-16
    assert actor(t, "NATO")["actor_type"] == "organization"
    assert actor(t, "NATO")["cameo_code"] == "IGOWSTNAT"
    assert actor_name(t, actor(t, "North Atlantic Council")["affiliation_id"]) == "NATO"
    assert actor(t, "Main Intelligence Directorate of Ukraine")["country_code"] == "UKR"
    assert actor(t, "U.S. State Department")["country_code"] == "USA"
    unit = actor(t, "127th Motorized Rifle Division")
    assert (unit["actor_type"], unit["country_code"]) == ("military_unit", "RUS")
    prk_mil = t["actors"][(t["actors"]["actor_type"] == "military_unit")
                          & (t["actors"]["country_code"] == "PRK")]
    assert len(prk_mil) == 1 and prk_mil.iloc[0]["cameo_code"] == "PRKMIL"


def test_capitals_resolve_to_states(t):  # fact 17
    m = t["mentions"][t["mentions"]["kind"] == "actor"]
    for capital, country in (("Beijing", "CHN"), ("Moscow", "RUS"), ("Pyongyang", "PRK")):
        refs = m.loc[m["text"] == capital, "ref_id"]
        assert len(refs) >= 1, capital
        codes = set(t["actors"].set_index("actor_id").loc[list(refs), "country_code"])
        assert codes == {country}, capital


@pytest.mark.parametrize("name,admin1", [
    ("Sergeyevka", "Primorsky Krai"), ("Primorsky Krai", "Primorsky Krai"),
    ("Kursk Oblast", "Kursk Oblast")])
def test_places(t, name, admin1):  # facts 18-20
    places = t["places"]
    rows = places[places["name"] == name]
    assert len(rows) == 1, name
    p = rows.iloc[0]
    assert (p["country_code"], p["admin1"]) == ("RUS", admin1)
    assert pd.notna(p["latitude"]) and pd.notna(p["longitude"])
    mentioned = t["mentions"][(t["mentions"]["kind"] == "place")
                              & (t["mentions"]["ref_id"] == p["place_id"])]["text"]
    assert len(mentioned) >= 1


def test_event_dates(t):  # facts 21-23
    ev = t["events"]
    starts = {str(d) for d in ev["date_start"].dropna()}
    assert {"2024-10-22", "2024-10-24"} <= starts
    predicted = ev[(ev["modality"] == "predicted")
                   & (ev["date_start"].astype(str) == "2024-10-27")
                   & (ev["date_end"].astype(str) == "2024-10-28")]
    assert len(predicted) >= 1


def test_quantities(t):  # facts 24-29
    q = t["quantities"]
    pairs = {(r.value, r.unit, r.per_unit if pd.notna(r.per_unit) else None)
             for r in q.itertuples()}
    assert (2.0, "unit", None) in pairs
    assert (2.0, "brigade", None) in pairs
    assert (6000.0, "personnel", "brigade") in pairs
    derived = q[q["is_derived"]]
    assert len(derived) == 1
    d = derived.iloc[0]
    assert (d["value"], d["unit"]) == (12000.0, "personnel")
    parts = q.set_index("quantity_id").loc[d["derived_from"].split()]
    assert sorted(parts["value"]) == [2.0, 6000.0]
    assert not set(q["value"].dropna()) & {127.0, 27.0, 28.0}
    owners = q[q["unit"].isin(["brigade", "personnel"])]["actor_id"]
    countries = set(t["actors"].set_index("actor_id").loc[list(owners), "country_code"])
    assert countries == {"PRK"}


def test_consult_event_by_nato_or_usa(t):  # fact 30
    ev = t["events"]
    consult = ev[ev["cameo_code"].str.startswith("04")]
    sources = t["actors"].set_index("actor_id").loc[list(consult["source_actor_id"].dropna())]
    assert ((sources["country_code"] == "USA") | (sources["name"] == "NATO")).any()


def test_event_in_kursk_with_north_korean_source(t):  # fact 31
    ev = t["events"].merge(t["places"], on="place_id", suffixes=("", "_place"))
    ev = ev[ev["name"] == "Kursk Oblast"]
    sources = t["actors"].set_index("actor_id").loc[list(ev["source_actor_id"].dropna())]
    assert (sources["country_code"] == "PRK").any()


def test_spans_exact(t):  # fact 32
    text = t["documents"].iloc[0]["text"]
    for table in ("mentions", "quantities"):
        for r in t[table].itertuples():
            assert text[r.start:r.end] == r.text, (table, r.start, r.end)


def test_published_precision_is_month(t):  # fact 33
    assert t["documents"].iloc[0]["published_precision"] == "month"
