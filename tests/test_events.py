"""Event finder: golden cases, the seed article's facts, quantity linking, robustness."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extraction import core
from extraction.actors import find_actors
from extraction.events import find_events
from extraction.model import Mention, Place, Quantity
from extraction.sentences import split_sentences




HERE = Path(__file__).parent / "golden"
GOLDEN = json.loads((HERE / "events.json").read_text(encoding="utf-8"))
SEED = json.loads((HERE / "seed.json").read_text(encoding="utf-8"))
SEED_TEXT = Path("/work/shared/000_8d99d819530093ff.txt")
if not SEED_TEXT.exists():
    SEED_TEXT = Path(__file__).parents[1] / "raw" / SEED_TEXT.name


def _events(text, places=(), place_mentions=(), quantities=()):
    sents = split_sentences(text)
    actors, ments = find_actors(text, sents)
    evs = find_events(text, "t", sents, actors, ments, list(places), list(place_mentions), [], list(quantities))
    return {a.actor_id: a for a in actors}, evs


_CONTEXT_KEYS = ("place", "date_start", "date_precision")


def _golden_run(case):
    """Cases about places and dates run the whole core (the place and date finders
    feed them), with the case's publication date; the others the event finder alone."""
    context = any(k in exp for exp in case["expect"] for k in _CONTEXT_KEYS)
    if "published" not in case and not case.get("core") and not context:
        actors, evs = _events(case["text"])
        return actors, evs, {}
    pub = date.fromisoformat(case["published"]) if case.get("published") else None
    out = core.extract(case["text"], "t", pub, case.get("precision", "unknown"))
    return {a.actor_id: a for a in out.actors}, out.events, {p.place_id: p for p in out.places}


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda c: c["text"][:40])
def test_golden(case):
    check_case(case)


def check_case(case):
    """One golden case: text in, the expected fields of the event of each listed trigger."""
    actors, evs, places = _golden_run(case)
    for exp in case["expect"]:
        ev = next((e for e in evs if e.trigger == exp["trigger"]), None)
        if exp.get("absent"):
            assert ev is None, (exp["trigger"], ev)
            continue
        assert ev is not None, (exp["trigger"], [e.trigger for e in evs])
        if "place" in exp:
            got = places[ev.place_id].name if ev.place_id in places else None
            if exp["place"] is None:
                assert got is None, got
            else:
                assert got and exp["place"].lower() in _fold(got), (exp["place"], got)
        if "date_start" in exp:
            assert (str(ev.date_start) if ev.date_start else None) == exp["date_start"]
        if "date_precision" in exp:
            assert ev.date_precision == exp["date_precision"]
        assert ev.cameo_code[:2] == exp["cameo_root"]
        for role in ("source", "target"):
            aid = getattr(ev, f"{role}_actor_id")
            if exp.get(f"{role}_none"):  # no actor of the sentence takes this role
                assert aid is None, (role, actors[aid].name if aid in actors else aid)
            if f"{role}_country" in exp:
                assert aid and actors[aid].country_code == exp[f"{role}_country"], (role, aid)
            if f"{role}_name" in exp:
                assert aid and actors[aid].name == exp[f"{role}_name"], (role, aid)
            if f"{role}_sector" in exp:  # the CAMEO sector after any country prefix: COP, OPP, MIL
                code = (actors[aid].cameo_code or "") if aid else ""
                assert exp[f"{role}_sector"] in (code[3:6], code[:3]), (role, aid, code)
        if "modality" in exp:
            assert ev.modality == exp["modality"]
        # compound subjects/objects: every listed (source, target) country pair among this trigger's events
        country = lambda aid: actors[aid].country_code if aid in actors else None  # noqa: E731
        pairs = {(country(e.source_actor_id), country(e.target_actor_id)) for e in evs if e.trigger == exp["trigger"]}
        for want in exp.get("dyads", []):
            assert tuple(want) in pairs, (want, pairs)
        for bad in exp.get("absent_dyads", []):
            assert tuple(bad) not in pairs, (bad, pairs)
        if "count" in exp:  # how many events this trigger gives (one per dyad)
            assert sum(e.trigger == exp["trigger"] for e in evs) == exp["count"], [
                (country(e.source_actor_id), country(e.target_actor_id)) for e in evs if e.trigger == exp["trigger"]]
        assert case["text"][ev.start:ev.end] == ev.trigger


def _fold(name: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def test_place_and_quantity_linking_with_constructed_records():
    text = "Russia deployed 6,000 North Korean soldiers in the Kursk region. These may consist of two brigades."
    k = text.index("Kursk region")
    place = Place("admin1:test-kursk", "Kursk Oblast", "admin1", "RUS")
    pm = Mention(k, k + 12, "Kursk region", "place", place.place_id, 0)
    n = text.index("6,000")
    q1 = Quantity("q1", n, n + 5, "6,000", 6000.0, unit="personnel", category="personnel", sentence_id=0,
                  unit_start=n + 6, unit_end=n + 27)
    b = text.index("two brigades")
    q2 = Quantity("q2", b, b + 3, "two", 2.0, unit="brigade", category="military_unit", sentence_id=1,
                  unit_start=b + 4, unit_end=b + 12)
    actors, evs = _events(text, [place], [pm], [q1, q2])
    dep = next(e for e in evs if e.trigger == "deployed")
    assert dep.place_id == place.place_id and actors[dep.source_actor_id].country_code == "RUS"
    assert q1.actor_id == "actor:mil:prk" and q1.event_id == dep.event_id
    assert q2.actor_id == "actor:mil:prk"
    consist = next(e for e in evs if e.trigger == "consist")
    assert consist.modality == "hedged" and q2.event_id == consist.event_id


@pytest.fixture(scope="module")
def seed():
    text = SEED_TEXT.read_text(encoding="utf-8")
    from extraction.text import normalise
    return core.extract(normalise(text), "seed", date.fromisoformat(SEED["published"]), SEED["precision"])


def test_seed_actors(seed):
    by_name = {a.name: a for a in seed.actors}
    ids = {a.actor_id: a for a in seed.actors}
    for exp in SEED["actors"]:
        a = by_name[exp["name"]]
        for key in ("actor_type", "title", "country_code", "cameo_code"):
            if key in exp:
                assert getattr(a, key) == exp[key], (exp["name"], key)
        if "affiliation" in exp:
            assert ids[a.affiliation_id].name == exp["affiliation"]
    states = {a.country_code for a in seed.actors if a.actor_type == "state"}
    assert set(SEED["states"]) <= states
    for m in seed.mentions:
        if m.kind == "actor" and m.text in SEED["capital_mentions"]:
            actor = ids[m.ref_id]
            assert actor.actor_type == "state" and actor.country_code == SEED["capital_mentions"][m.text]


def _seed_event(seed, exp):
    ids = {a.actor_id: a for a in seed.actors}
    places = {p.place_id: p for p in seed.places}
    for e in seed.events:
        src = ids.get(e.source_actor_id)
        if "cameo_root" in exp and e.cameo_code[:2] != exp["cameo_root"]:
            continue
        if "source_country_or_cameo" in exp and not (
                src and {src.country_code, src.cameo_code} & set(exp["source_country_or_cameo"])):
            continue
        if "source_country" in exp and not (src and src.country_code == exp["source_country"]):
            continue
        if "place_name_contains" in exp and not (
                e.place_id in places and exp["place_name_contains"] in places[e.place_id].name):
            continue
        if "date_start" in exp and str(e.date_start) != exp["date_start"]:
            continue
        if "date_end" in exp and str(e.date_end) != exp["date_end"]:
            continue
        if "modality" in exp and e.modality != exp["modality"]:
            continue
        if "trigger" in exp and e.trigger != exp["trigger"]:
            continue
        return e
    return None


@pytest.mark.parametrize("exp", SEED["events"], ids=lambda e: e["what"])
def test_seed_events(seed, exp):
    assert _seed_event(seed, exp) is not None, exp


def test_seed_quantities(seed):
    ids = {a.actor_id: a for a in seed.actors}
    qs = [q for q in seed.quantities if q.unit in SEED["quantities"]["units"]]
    assert qs, "quantities module found no brigade/personnel quantities"
    for q in qs:
        assert q.actor_id and ids[q.actor_id].country_code == SEED["quantities"]["actor_country"], q
        assert q.event_id in {e.event_id for e in seed.events}


@pytest.mark.parametrize("text", ["", "\u202e\u0000", "attacked " * 20000, "He said. They said that it will not."])
def test_never_raises(text):
    _, evs = _events(text)
    assert isinstance(evs, list)
    for e in evs:
        assert text[e.start:e.end] == e.trigger and 0 <= e.confidence <= 1


def test_run_on_sentence_stays_linear():
    import time
    text = "Russia attacked Ukraine and " * 4000
    t = time.perf_counter()
    _, evs = _events(text)
    assert len(evs) == 4000 and time.perf_counter() - t < 10
