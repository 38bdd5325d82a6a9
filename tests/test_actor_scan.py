"""Scan (the fast finditer used by the actor finder) must give exactly the
matches of the look-behind regex it replaces, on any text."""
from __future__ import annotations

import random
import re

from extraction.actor_lexicon import Scan, lexicon, words_scan

_ALPHABET = ["the ", "The ", "al-", "Qaeda", "police", "Police", " ", "-", ".", "é", "É", "x", "\n",
             "Paris", "US", "U.S.", "President", "spokesman", "John", "Smith", "said", "“", "_", "7"]


def _texts(n: int = 400, seed: int = 7):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 14)))


def _spans(it):
    return [(m.start(1), m.end(1), m.groups()[1:]) for m in it]


def test_word_scan_matches_lookbehind_regex():
    words = ["the U.S", "al-Qaeda", "Paris", "US", "U.S.", "President", "police", "Police", "Qaeda"]
    rx = re.compile(r"(?<![\w.])((?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                    + r"))(?![\w-]|\.\w)")
    scan = words_scan(words)
    for text in _texts():
        assert _spans(scan.finditer(text)) == _spans(rx.finditer(text)), text


def test_pattern_scan_matches_lookbehind_regex():
    body = r"([A-ZÉ][a-z]+(?:\s+[A-Z][a-z]+)?),?\s+said\b"
    rx = re.compile(rf"(?<![\w-])({body})")
    for at, after in ((body, None), (None, body)):
        scan = Scan(at, after, "-")
        for text in _texts():
            assert _spans(scan.finditer(text)) == _spans(rx.finditer(text)), text


def test_lexicon_scans_agree_with_lexicon_regexes():
    lex = lexicon()
    pairs = ((lex.scan, lex.regex), (lex.title_scan, lex.title_regex), (lex.alone_scan, lex.alone_regex))
    for text in _texts(300, seed=11):
        for scan, rx in pairs:
            assert [(m.start(1), m.end(1)) for m in scan.finditer(text)] == \
                [(m.start(), m.end()) for m in rx.finditer(text)], text


def _lower_pass_agrees(text, lex, passes):
    lp, cp = passes
    pre, caps = lp.run(text), cp.run(text)
    for name, scan in lp.scans.items():
        assert _spans(scan.finditer(text, pre[name], caps.get(name))) == _spans(scan.finditer(text)), (name, text)


def test_word_passes_give_each_scan_its_own_matches():
    from extraction.actors import lower_pass
    lex = lexicon()
    lp = lower_pass(lex)
    extra = ["said ", "told reporters ", "military spokesman", "spokesman", "military", "the Alliance", "al-Qaeda",
             "anti-", "protesters", "armed men", "gunmen", "Jones ", ".", "ü", "said John Smith, ", "Police",
             "Gen.", "Lt. Gen.", "Prime Minister", "Minister", "Ukraine", "Ukrainian", "Kyiv", "Troops", "3R rebels"]
    rnd = random.Random(5)
    for text in _texts(300, seed=13):
        _lower_pass_agrees(text, lex, lp)
    for _ in range(300):
        _lower_pass_agrees("".join(rnd.choice(_ALPHABET + extra) for _ in range(rnd.randint(0, 16))), lex, lp)


def test_unit_search_matches_lookbehind_regex():
    from extraction.actors import _UNIT, _units
    rx = re.compile(r"(?<![\w-])" + _UNIT.pattern)
    rnd = random.Random(3)
    parts = ["1", "12", "123", "1234", "st ", "th ", "nd", "-", "x", " ", "Rifle ", "Division", "Brigade", "A"]
    for _ in range(2000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 12)))
        assert [m.span(1) for m in _units(text)] == [m.span(1) for m in rx.finditer(text)], text
