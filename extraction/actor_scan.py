"""One pass over the text for all the lower-case word lists of the actor finder.

Each ``Scan`` looks for its lower-case words ("police", "spokesman", "said
...") after a separator character; every such pass reads the whole text, and
four of them cost more than the rest of the actor finder. ``LowerPass`` reads
the text once: a look-ahead over the union of the words marks every position
where any list's word starts, and there each list that could match (one with
a word that is a prefix of the longest word found) runs its own anchored
pattern. The result per list is every position where its pattern matches,
which ``Scan.finditer`` walks exactly as it would have searched them, so the
matches are the same (tests/test_actor_scan.py checks it on random text).
"""
from __future__ import annotations

import re

from .actor_lexicon import Scan, separator_class, trie_pattern


class LowerPass:
    __slots__ = ("scans", "finder", "first", "who")

    def __init__(self, sets: dict[str, tuple[Scan, list[str]]]):
        """sets: name -> (scan, the lower-case words its ``after`` pattern opens with)."""
        self.scans = {k: sc for k, (sc, _) in sets.items()}
        words = sorted({w for _, ws in sets.values() for w in ws if w})
        body = "(?=(" + trie_pattern(words) + "))"
        self.finder = re.compile(separator_class("") + body)  # the loosest separator of all lists
        self.first = re.compile(body)  # offset 0 has no separator
        per = {k: frozenset(ws) for k, (_, ws) in sets.items()}
        self.who = {w: tuple(k for k, ws in per.items() if any(w[:i] in ws for i in range(1, len(w) + 1)))
                    for w in words}

    def run(self, text: str) -> dict[str, list[re.Match]]:
        out: dict[str, list] = {k: [] for k in self.scans}
        scans, who = self.scans, self.who
        m = self.first.match(text)
        if m is not None:
            for k in who[m.group(1)]:
                if (am := scans[k].start.match(text)) is not None:
                    out[k].append(am)
        for m in self.finder.finditer(text):
            c = text[m.start()]
            if c >= "\x80" and c.isalnum():
                continue  # a letter outside ASCII is not a separator
            p = m.start(1)
            for k in who[m.group(1)]:
                sc = scans[k]
                if c not in sc.extra and (am := sc.start.match(text, p)) is not None:
                    out[k].append(am)
        return out
