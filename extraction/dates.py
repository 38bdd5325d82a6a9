"""Date mentions: spans found with compiled regexes, resolved against the published date.

find_dates runs every rule of date_patterns at or around its cheap anchor
(a month name, a year, a unit word...), resolves each match (date_kinds), drops
matches that do not make a real date ("February 30", "October 22 and 5
people"), keeps the longest non-overlapping spans, then joins two adjacent
dates of one precision written as a range ("10/1/2018 - 10/7/2018").

Open bounds ("since March", "before 2018", "until June 2020"): DateMention has
no open-ended interval (a None end means a single value), so the span is the
date written and it resolves to that date; the cue word stays outside the span.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from . import date_resolve as R
from .date_kinds import Ctx, resolve
from .date_patterns import patterns
from .model import DateMention, Sentence

_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """The same as translating with _LOWER: A-Z lower-cased, every other character
    kept, so offsets stay. str.translate looks each character up in a dict once
    the text has a non-ASCII one (~20 MB/s); in UTF-8 the bytes of A-Z stand only
    for themselves, so bytes.lower() does the same at memory speed (surrogatepass:
    lone surrogates round-trip)."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
# What may stand between two dates of one range, and before the first one.
_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*\Z|\s*(?:-|–|—)\s*\Z")
# Every day number ends in a digit or in st/nd/rd/th ("5", "21st", "twenty-first").
_DAY_BEFORE = re.compile(r"(?i)(?:\d|st|nd|rd|th)(?:\s*|-)(?:of\s+)?\Z")
_LEAD = re.compile(r"(?i)(?<![\w-])(from|between)\s+\Z")


def find_dates(text: str, sentences: list[Sentence], published: date | None,
               precision: str) -> list[DateMention]:
    if not text:
        return []
    pats = patterns()
    starts = [s.start for s in sentences]
    ctx = Ctx(text, sentences, starts, R.Anchor(published, precision), pats.vocab)
    found: list[tuple[int, int, tuple]] = []
    # ASCII lower-casing keeps every offset; case-free rules match on it.
    lowered = None
    hits: dict[str, list[tuple[int, int]]] = {}
    anchor_hits: dict[str, list[tuple[int, int]]] = {}
    windows: dict[str, list[tuple[int, int]]] = {}
    for kind, rx, anc in pats.rules:
        if anc not in anchor_hits:
            src = pats.reach[anc][0]
            if src == "words":
                if lowered is None:
                    lowered = _ascii_lower(text)
                if "words" not in hits:
                    hits["words"] = _word_hits(pats, lowered)
                anchor_hits[anc] = hits["words"].get(anc, [])
            else:
                if src not in hits:
                    hits[src] = _hits(pats.anchors[src], text, pats.not_after.get(src))
                anchor_hits[anc] = hits[src]
                if anc == "month_dayfirst":
                    # A day-first date has its day number right before the month.
                    anchor_hits[anc] = [h for h in hits[src]
                                        if _DAY_BEFORE.search(text, max(0, h[0] - 12), h[0])]
        if not anchor_hits[anc]:
            continue
        if kind in pats.lowered and lowered is None:
            lowered = _ascii_lower(text)
        subject = lowered if kind in pats.lowered else text
        if kind in pats.lefts:
            _at_hits(kind, rx, pats.lefts[kind], subject, text, anchor_hits[anc], ctx, found)
            continue
        if anc not in windows:
            _, before, after = pats.reach[anc]
            windows[anc] = _windows(anchor_hits[anc], before, after, len(text))
        wins = windows[anc]
        bad = pats.not_after.get(kind)
        ms = [m for lo, hi in wins for m in rx.finditer(subject, lo, hi)]
        if kind == "numeric":
            ctx.numeric_order = _numeric_order(ms)
        for m in ms:
            s0 = m.start()
            if bad and s0 > 0 and (text[s0 - 1] in bad or not text[s0 - 1].isascii()
                                   and text[s0 - 1].isalnum()):
                continue
            res = resolve(kind, m, ctx)
            if res is None:
                continue
            s, e = m.span("span") if "span" in rx.groupindex else m.span()
            s, e = _trim(text, s, e)
            if e > s:
                found.append((s, e, res))
    return _join_ranges(text, _select(found, text, sentences, starts), sentences, starts)


class _Joined:
    """A rule's match at its anchor plus the words matched backwards before it, as resolve reads them."""

    __slots__ = ("_g", "_start", "_m")

    def __init__(self, groups: dict, start: int, m):
        self._g, self._start, self._m = groups, start, m

    def groupdict(self) -> dict:
        return self._g

    def start(self, name=None) -> int:
        return self._start if name is None else self._m.start(name)

    def end(self, name=None) -> int:
        return self._m.end() if name is None else self._m.end(name)


def _at_hits(kind, rx, spec, subject, text, hits, ctx, found) -> None:
    """Rules that start (or end) at their anchor: one match call per hit, then the words before it."""
    left_rx, back, required = spec
    for s0, _ in hits:
        m = rx.match(subject, s0)
        if m is None:
            continue
        lm = left_rx.search(subject, max(0, s0 - back), s0)
        if lm is None and required:
            continue
        g = m.groupdict()
        start = s0
        if lm is not None:
            g.update((k, v) for k, v in lm.groupdict().items() if v is not None or k not in g)
            start = lm.start("in")
        res = resolve(kind, _Joined(g, lm.start() if lm is not None else s0, m), ctx)
        if res is None:
            continue
        s, e = _trim(text, start, m.end())
        if e > s:
            found.append((s, e, res))


def _select(found, text, sentences, starts) -> list[DateMention]:
    out: list[DateMention] = []
    # Longest span first among overlapping ones; then left to right.
    chosen_s: list[int] = []  # kept spans are disjoint: sorted by start is sorted by end
    chosen_e: list[int] = []
    for s, e, res in sorted(found, key=lambda x: (-(x[1] - x[0]), x[0])):
        # Only the last kept span starting before e can reach past s (log time, not
        # a scan of every kept span: 20,000 dates in a document took 6 s).
        i = bisect.bisect_left(chosen_s, e)
        if i and chosen_e[i - 1] > s:
            continue
        chosen_s.insert(i, s)
        chosen_e.insert(i, e)
        out.append(DateMention(s, e, text[s:e], res[0], res[1], res[2],
                               _sentence_id(sentences, starts, s)))
    out.sort(key=lambda d: (d.start, d.end))
    return out


def _join_ranges(text, dates, sentences, starts) -> list[DateMention]:
    """'January 12, 2016 - 01/22/2016', 'from Dec/2018 to May/2019': one range of two dates."""
    out: list[DateMention] = []
    for d in dates:
        p = out[-1] if out else None
        if (p is not None and d.start - p.end <= 12 and p.date_end is None and d.date_end is None
                and p.precision == d.precision and p.sentence_id == d.sentence_id):
            sep = _JOIN.match(text, p.end, d.start)
            lead = _LEAD.search(text, max(0, p.start - 10), p.start)
            joined = sep is not None and (not sep.group().strip() == "and" or (
                lead is not None and lead.group(1).lower() == "between"))
            if joined and (p.date_start is None or p.date_start < d.date_start):
                s = lead.start() if lead else p.start
                out[-1] = DateMention(s, d.end, text[s:d.end], p.date_start, d.date_start,
                                      p.precision, _sentence_id(sentences, starts, s))
                continue
        out.append(d)
    return out


def _numeric_order(matches) -> str | None:
    """'md' or 'dm' when the document's unambiguous numeric dates all agree ('10/22/2024')."""
    orders = set()
    for m in matches:
        if m.group(2) != "/":
            continue
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            orders.add("dm")
        elif b > 12 >= a:
            orders.add("md")
    return orders.pop() if len(orders) == 1 else None


def _word_hits(pats, lowered) -> dict[str, list[tuple[int, int]]]:
    """Anchor words of the case-free rules, by the rule anchors they serve.

    str.find per word: C-speed substring search beats a regex whose every
    attempt starts at a space (3x on news). A hit starts after a non-alphanumeric
    character and ends before a non-letter, an optional plural "s" allowed.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(lowered)
    find = lowered.find
    for w, groups in pats.word_groups.items():
        size = len(w)
        i = find(w)
        while i >= 0:
            j = i + size
            if i == 0 or not lowered[i - 1].isalnum():
                k = j + 1 if j < n and lowered[j] == "s" else j
                if k >= n or not "a" <= lowered[k] <= "z":
                    for g in groups:
                        out.setdefault(g, []).append((i, j))
            i = find(w, j)
    for v in out.values():
        v.sort()
    return out


def _hits(rx, text, bad) -> list[tuple[int, int]]:
    out = []
    for m in rx.finditer(text):
        if bad and m.start() > 0 and text[m.start() - 1] in bad:
            continue
        out.append(m.span())
    return out


def _windows(hits, before, after, n) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows reaching `before` and `after` characters around every hit."""
    out: list[list[int]] = []
    for s, e in hits:
        lo, hi = max(0, s - before), e + after
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, min(hi, n)) for lo, hi in out]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    # Spans end on a word: a trailing "." of "Oct." stays, spaces and commas go.
    while e > s and text[e - 1] in " \t\n,-–—/":
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _sentence_id(sentences, starts, pos) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < sentences[i].end + 1:
        return sentences[i].sentence_id
    return -1
