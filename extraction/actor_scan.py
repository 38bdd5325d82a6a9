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


def _owners(sets: dict[str, tuple[Scan, list[str]]], words: list[str]) -> dict[str, tuple[str, ...]]:
    """For each matched word, the lists that have it or one of its prefixes as an opening word."""
    per = {k: frozenset(ws) for k, (_, ws) in sets.items()}
    return {w: tuple(k for k, ws in per.items() if any(w[:i] in ws for i in range(1, len(w) + 1)))
            for w in words}


class LowerPass:
    __slots__ = ("scans", "finder", "first", "who")

    def __init__(self, sets: dict[str, tuple[Scan, list[str]]]):
        """sets: name -> (scan, the lower-case words its ``after`` pattern opens with)."""
        self.scans = {k: sc for k, (sc, _) in sets.items()}
        words = sorted({w for _, ws in sets.values() for w in ws if w})
        body = "(?=(" + trie_pattern(words) + "))"
        self.finder = re.compile(separator_class("") + body)  # the loosest separator of all lists
        self.first = re.compile(body)  # offset 0 has no separator
        self.who = _owners(sets, words)

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


class CapitalPass:
    """The same for the words the ``at`` patterns open with (capitalised names and
    titles): one look-ahead over their union at the characters they can open with,
    then each list's anchored pattern where its look-behind holds."""

    __slots__ = ("scans", "finder", "who")

    def __init__(self, sets: dict[str, tuple[Scan, list[str]]]):
        self.scans = {k: sc for k, (sc, _) in sets.items()}
        words = sorted({w for _, ws in sets.values() for w in ws if w})
        # consuming, not a look-ahead: sre skips to the possible first characters only
        # when the pattern opens with them; overlaps are kept by searching on from the
        # next offset rather than from the match's end
        self.finder = re.compile("(" + trie_pattern(words) + ")")
        self.who = _owners(sets, words)

    def run(self, text: str) -> dict[str, list[re.Match]]:
        out: dict[str, list] = {k: [] for k in self.scans}
        scans, who = self.scans, self.who
        search = self.finder.search
        m = search(text)
        while m is not None:
            p = m.start()
            m_next = search(text, p + 1)
            c = text[p - 1] if p else ""
            if c and (c.isalnum() or c == "_"):
                m = m_next
                continue
            for k in who[m.group(1)]:
                sc = scans[k]
                if (not c or c not in sc.extra) and (am := sc.at.match(text, p)) is not None:
                    out[k].append(am)
            m = m_next
        return out
