"""The shortcuts of the place finder must keep its output: a weak settlement
candidate whose namesakes are all small is settled by the trigger test alone
(place_pick._never_big), and a stoplisted name with nothing around it is skipped
before pick_city (places._find). Both paths must give the same places."""
from __future__ import annotations

import pytest

from extraction import place_pick, places
from extraction.sentences import split_sentences

TEXTS = [
    "John Kerry met Sergei Lavrov in Geneva on Monday, officials said.",
    "Residents of Mahas said the village was shelled. Mahas lies near Beledweyne in Hiran.",
    "Jackson said the storm hit Jackson, Miss., and Austin, Texas, overnight.",
    "Paris Hilton flew to Paris. Troops moved near Pokrovsk and Sergeevka, Primorsky Krai.",
    "Police in Springfield arrested two men; Springfield officials and Smith spoke to reporters.",
    "Kenya's Garissa and the town of Mandera saw attacks, while Lamu was calm.",
    "The Harris County sheriff said deputies in Pasadena and Baytown were on alert.",
    "Aleppo, Homs and Hama were hit. In Douma, rescuers searched rubble near Harasta.",
]


def _run(text):
    ps, ms = places.find_places(text, split_sentences(text), [])
    return [(p.place_id, p.name) for p in ps], [(m.start, m.end, m.ref_id) for m in ms]


@pytest.mark.parametrize("text", TEXTS)
def test_never_big_shortcut_keeps_the_places(text, monkeypatch):
    fast = _run(text)
    monkeypatch.setattr(place_pick, "_never_big", lambda k, rules: False)
    assert _run(text) == fast


@pytest.mark.parametrize("text", TEXTS)
def test_stoplisted_names_skip_keeps_the_places(text, monkeypatch):
    fast = _run(text)
    # An empty stoplist in _find's shortcut only: pick_city still reads the real one.
    real = places._rules()
    monkeypatch.setattr(places, "_rules", lambda: {**real, "stop": frozenset()})
    monkeypatch.setattr(places, "pick_city", lambda text, c, cands, idx, doc, rules, ss, prev:
                        place_pick.pick_city(text, c, cands, idx, doc, real, ss, prev))
    assert _run(text) == fast


def test_small_namesake_needs_a_trigger():
    # "in" before a small town keeps it; the bare name at no trigger does not.
    kept = {m[2] for m in _run("Rescuers reached the village in Mahas on Friday.")[1]}
    assert kept
