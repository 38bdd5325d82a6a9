"""Golden cases of trigger spelling (tests/golden/events_case.json: sentence-initial
Title-case and headline capitals count, names and months do not) and of mutual acts
(tests/golden/events_mutual.json: one event per fighting dyad, first-named as source) and
of a group speaker's "it"/"they" (tests/golden/events_speaker.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_events import check_case

HERE = Path(__file__).parent / "golden"
CASES = json.loads((HERE / "events_case.json").read_text(encoding="utf-8"))["cases"]
MUTUAL = json.loads((HERE / "events_mutual.json").read_text(encoding="utf-8"))["cases"]
SPEAKER = json.loads((HERE / "events_speaker.json").read_text(encoding="utf-8"))["cases"]



@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_case_golden(case):
    check_case(case)


@pytest.mark.parametrize("case", MUTUAL, ids=lambda c: c["text"][:40])
def test_mutual_golden(case):
    check_case(case)


@pytest.mark.parametrize("case", SPEAKER, ids=lambda c: c["text"][:40])
def test_speaker_golden(case):
    check_case(case)
