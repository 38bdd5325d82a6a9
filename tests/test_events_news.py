"""Golden cases of wire and field-report wording (tests/golden/events_news.json): weapons
fired or launched, wire credits, inanimate causes, shot down, noun modifiers, trailing
'X said' reporters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction import event_roles_news as event_roles
from tests.test_events import check_case

CASES = json.loads((Path(__file__).parent / "golden" / "events_news.json").read_text(encoding="utf-8"))["cases"]



@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_news_golden(case):
    check_case(case)


@pytest.mark.parametrize("text", ["", "(", ")", "(AP)", "— Reuters", "\u202e(AP)\u202c —", "a" * 5000 + " (AP)"])
def test_role_rules_never_raise(text):
    from extraction.core import extract
    extract(text, "t")
    assert event_roles.test_launch(text, 0, len(text)) in (True, False)
    assert event_roles.trailing_speaker(text, 0, len(text), []) in (True, False)


@pytest.mark.parametrize("text", [
    "The army attacked the town, residents said", "They clashed, and said",
    "X, the local police chief of the town said",
    "A; b c said", ", , said", "no comma said", "a, b, c, d, e, f said", "one, two three four five six said",
])
def test_trailing_speaker_is_the_search_from_the_last_comma(text):
    s = len(text) - len("said")
    m = event_roles._TRAILING.search(text, max(0, s - 60), s)
    assert event_roles.trailing_speaker(text, 0, s, []) == (m is not None)


@pytest.mark.parametrize("text,trigger,owned", [
    ("Bomb kills five soldiers", "kills", True),  # a cause at the very start of the text
    ("Officials said a car bomb killed six policemen", "killed", True),
    ("A roadside BOMB exploded, killing two", "killing", True),
    ("The army attacked the village", "attacked", False),
])
def test_cause_subject_found_anywhere_in_the_clause(text, trigger, owned):
    s = text.index(trigger)
    assert event_roles.caused_by_thing(text, 0, s, s + len(trigger), [], None) is owned
