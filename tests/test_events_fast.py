"""The event finder's fast paths give the same answers as the plain rules they stand for.

Each fast form (regexes opening with a character class, the merged cue trie, the near-word
pre-check of choose, the plain-word shortcut of the verb group) is compared with a direct
implementation of the rule on generated text full of the cases that tell them apart.
"""
from __future__ import annotations

import random
import re

import pytest

from extraction import event_roles as R
from extraction import modality, triggers
from extraction.actor_lexicon import trie_pattern
from extraction.lexicon import load

# words that sit on the edges of the rules: cue and trigger words, pronouns inside longer
# words, hyphens, non-ASCII letters, clause breaks, contractions, transparent auxiliaries
_VOCAB = ["that", "thatcher", "which", "who", "whom", "whose", "while", "but", "because", "although",
          ";", ":", ",", "he", "she", "they", "these", "those", "it", "It", "He", "The", "them", "itself",
          "and", "band", "and then", "is", "are", "was", "been", "being", "get", "gets", "quickly",
          "reportedly", "allegedly", "believed", "believe that", "It is believed", "according to",
          "According  to", "claims", "estimates", "fears", "-", "-reportedly", "é", "éclaims", "ß", "_",
          "attacked", "attack", "signed", "sign", "agreement", "deal", "talks", "met", "said", "will",
          "not", "doesn't", "won't", "'ll", "could", "may", "has", "have", "to", "also", "even", "x2",
          "\n", "  ", '"', "”", "Talks", "protest", "fire", "ceasefire", "march", "March", "strike"]


def _texts(n=60, words=120, seed=7):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(words):
            parts.append(rnd.choice(_VOCAB))
            parts.append(rnd.choice([" ", " ", " ", "", ", ", "-", "  "]))
        out.append("".join(parts))
    return out


_PLAIN = {
    "CLAUSE_BREAK": r"\b(?:that|which|who|whom|whose|while|whereas|because|although|but)\b|[;:]",
    "_PRONOUN": r"\b(he|she|they|these|those|it|He|She|They|These|Those|It)\b",
    "COORDINATED_VERB": r"\band\s+(?:then\s+|also\s+|later\s+|subsequently\s+)?$",
    "BE": r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$",
}


@pytest.mark.parametrize("name", sorted(_PLAIN))
def test_class_led_regexes_match_their_plain_form(name):
    plain, fast = re.compile(_PLAIN[name]), getattr(R, name)
    rnd = random.Random(name)
    for text in _texts():
        for _ in range(150):
            a = rnd.randrange(len(text) + 1)
            b = min(len(text), a + rnd.choice((3, 14, 20, 30, 120, 400)))
            if name == "_PRONOUN":
                assert [m.span(1) for m in plain.finditer(text, a, b)] == [m.span(1) for m in fast.finditer(text, a, b)]
            else:
                p, f = plain.search(text, a, b), fast.search(text, a, b)
                assert (p and p.span()) == (f and f.span()), (text[a:b], p, f)


def _doc_cues_per_list(text):
    """The cue scan with one alternative per list, tried in list order (the plain rule)."""
    d = load("events_modality.yaml")
    alts = "|".join(f"(?P<{key}>" + trie_pattern([str(x).lower() for x in d[src]]) + ")" + tail
                    for key, src, tail in modality._DOC_KEYS)
    rx, first = re.compile(r"[^a-z0-9_](?:" + alts + ")"), re.compile("(?:" + alts + ")")
    low = text.lower()
    out = {"according": [], "belief": [], "hedged": []}
    m0 = first.match(low)
    hits = ([m0] if m0 else []) + [m for m in rx.finditer(low)
                                   if not (low[m.start()] >= "\x80" and low[m.start()].isalnum())]
    for m in hits:
        out[m.lastgroup].append((m.start(m.lastgroup), m.end()))
    return out


def test_merged_cue_scan_finds_the_per_list_spans():
    texts = _texts() + ["Reportedly they believed that it is believed that", "allegedly-alleged claims that x"]
    for text in texts:
        assert modality.doc_cues(text) == _doc_cues_per_list(text)
    assert any(modality.doc_cues(t)["belief"] for t in texts)  # the texts do exercise the rule


def _choose_plain(tt, surface, text, start, end, lo, hi):
    """choose() without the pre-check: every conditional reading's near words searched."""
    readings = tt.by_surface.get(surface.lower(), ())
    left = " " + text[max(lo, start - 60):start]
    right = " " + text[end:min(hi, end + 60)]
    return triggers.closest_reading(readings, left, right)


def test_choose_precheck_gives_the_full_answer():
    tt = triggers.table()
    conditional = sorted(s for s, rs in tt.by_surface.items() if rs[0].near is not None)
    assert conditional
    rnd = random.Random(3)
    nears = [w for spec in load("events_triggers.yaml")["triggers"] for w in spec.get("near", [])]
    for _ in range(3000):
        words = [rnd.choice(_VOCAB + nears[:200]) for _ in range(24)]
        k = rnd.randrange(1, 23)
        words[k] = rnd.choice(conditional)
        text = " ".join(words)
        start = len(" ".join(words[:k])) + 1
        end = start + len(words[k])
        lo, hi = rnd.choice(((0, len(text)), (max(0, start - 30), min(len(text), end + 20))))
        assert triggers.choose(tt, words[k], text, start, end, lo, hi) == \
            _choose_plain(tt, words[k], text, start, end, lo, hi)


def _verb_group_plain(text, lo, start):
    """The verb group by the last-token test on the reversed window, then the walk."""
    transparent = modality._cues()["transparent"]
    near = max(lo, start - 24)
    window = text[near:start][::-1]
    last = modality._LAST_TOKEN_REVERSED.match(window)
    if last.end() < len(window) or near == lo:
        if last.group(1) is None:
            return "  "
        t = last.group(1)[::-1].lower()
        if not t.endswith("n't") and t not in transparent:
            return "  "
    return modality.walk_group(text, lo, start, transparent)


def test_verb_group_shortcut_gives_the_walked_group():
    rnd = random.Random(5)
    seen = set()
    for text in _texts(words=60):
        for m in re.finditer(r"(?<![\w-])[A-Za-z]+", text):
            lo = rnd.choice((0, max(0, m.start() - 10), m.start()))
            got = modality.verb_group(text, lo, m.start())
            assert got == _verb_group_plain(text, lo, m.start()), (text[max(0, m.start() - 40):m.end()], lo)
            seen.add(got != "  ")
    assert seen == {True, False}


@pytest.mark.parametrize("doc_id", ["0" * 16, "t", "doc-é\u202e", ""])
def test_event_ids_hashed_from_the_document_head_equal_stable_id(doc_id):
    from extraction.core import extract
    from extraction.ids import stable_id
    text = "Russia attacked Ukraine on Monday. Police arrested 20 protesters in Paris, officials said."
    evs = extract(text, doc_id).events
    assert evs
    for ev in evs:
        assert ev.event_id == stable_id("e", doc_id, ev.start, ev.end, ev.cameo_code)


def test_trigger_separator_class_is_the_plain_one():
    fast, plain = re.compile(triggers.SEPARATOR), re.compile(r"[^\w-]")
    for c in map(chr, list(range(0x3000)) + [0xfeff, 0x202e, 0x1d400, 0x10ffff]):
        assert (fast.fullmatch(c) is None) == (plain.fullmatch(c) is None), hex(ord(c))


def test_rounded_confidence_is_round_of_the_capped_sum():
    from extraction.events import _rounded
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                conf = 0.35 + 0.3 * a + 0.2 * b + 0.1 * c + 0.05
                for v in (conf, conf * 0.85, conf + 0.3, (conf + 0.3) * 0.85):
                    assert _rounded(v) == round(min(v, 1.0), 3)


def test_capitals_runs_join_the_scan_in_order_without_repeats():
    tt = triggers.table()
    text = "IED ATTACK KILLS 3 IN KABUL; police arrested two. Talks resumed. REBELS ATTACKED"
    got = [(m.span(1)[0] - 1, m.group(1)) for m in triggers.candidates(tt, text)]
    assert [w for _, w in got] == ["IED", "ATTACK", "KILLS", "arrested", "Talks", "resumed", "ATTACKED"]
    assert [s for s, _ in got] == sorted(s for s, _ in got)
    assert all(text[s:s + len(w)] == w for s, w in got)
    plain = "Police arrested two. Talks resumed."
    assert [m.group(1) for m in triggers.candidates(tt, plain)] == ["arrested", "Talks", "resumed"]


def _one_scan(tt):
    """The single scan the two scans stand for: every spelling in one alternation, the
    listed ones first, each lower-case word's first letter as a "[cC]" class."""
    from extraction.actor_lexicon import trie_pattern
    firsts = {}
    for w in tt.by_surface:
        firsts.setdefault(w[:1], set()).add(w[1:])
    alts = []
    for c, rests in sorted(firsts.items()):
        head = "[" + re.escape(c) + re.escape(c.upper()) + "]" if c.upper() != c else re.escape(c)
        tail = trie_pattern(rests)
        alts.append(head + (("(?:" + tail + ")" + ("?" if "" in rests else "")) if tail else ""))
    covered = set(tt.by_surface) | {w[:1].upper() + w[1:] for w in tt.by_surface}
    others = sorted(w for w in tt.exact if w not in covered)
    return re.compile(triggers.SEPARATOR + "((?:" + "|".join(([trie_pattern(others)] if others else []) + alts)
                      + r"))(?![\w-])")


@pytest.mark.parametrize("text", [
    "Police arrested two. Talks resumed.",
    "Fighting erupted. Attack on Kyiv. IED blast; IEDs found. Talks between X and Y. Strike Force",
    # several-word triggers hide the words inside them, in either case
    "Set fire to the house. They set fire to cars. Set Fire to it. The Shot down drones",
    "x Set fire to Attack attack-Set fire Fire Talks-Talks Talks'", "", " ", "ATTACK Attack attack",
    "Air strikes hit. The Air strikes; Armed clashes, armed clashes. Artillery shelling resumed",
    "é Éclat Protest\u202eprotest \u00a0Protests\tProtest\nProtested",
])
@pytest.mark.parametrize("sorted_first", [True, False])
def test_two_scans_find_what_one_scan_of_every_spelling_finds(text, sorted_first, monkeypatch):
    tt = triggers.table()
    if not sorted_first:  # the match-by-match merge, which the overlap test sends few texts to
        monkeypatch.setattr(triggers, "_no_overlap", lambda merged, titled: False)
    titled = list(tt.title.finditer(" " + text))
    got = [(m.span(1), m.group(1)) for m in
           (triggers._joined(tt, " " + text, titled) if titled else tt.scan.finditer(" " + text))]
    assert got == [(m.span(1), m.group(1)) for m in _one_scan(tt).finditer(" " + text)]
