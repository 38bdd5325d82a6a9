"""Date mentions: spans found with compiled regexes, resolved against the published date.

find_dates runs every pattern of date_patterns over the text, resolves each
match (date_resolve), drops matches that do not make a real date ("February
30", "October 22 and 5 people"), and keeps the longest non-overlapping spans.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from . import date_resolve as R
from .date_patterns import patterns
from .model import DateMention, Sentence

_NUM = re.compile(r"\d+")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def find_dates(text: str, sentences: list[Sentence], published: date | None,
               precision: str) -> list[DateMention]:
    if not text:
        return []
    pats = patterns()
    anchor = R.Anchor(published, precision)
    starts = [s.start for s in sentences]
    found: list[tuple[int, int, tuple]] = []
    # ASCII lower-casing keeps every offset; case-free rules match on it.
    lowered = text.translate(_LOWER)
    windows = {name: _windows(rx, lowered if name == "ago" else text, pats.not_after.get(name))
               for name, rx in pats.anchors.items()}
    seen = set()
    for kind, rx, anc in pats.rules:
        for m in _matches(rx, lowered if kind in pats.lowered else text, windows.get(anc)):
            bad = pats.not_after.get(kind)
            if bad and m.start() > 0 and (text[m.start() - 1] in bad or not text[m.start() - 1].isascii()
                                          and text[m.start() - 1].isalnum()):
                continue
            if (kind, m.start(), m.end()) in seen:
                continue
            seen.add((kind, m.start(), m.end()))
            res = _resolve(kind, m, text, sentences, starts, anchor, pats.vocab)
            if res is None:
                continue
            s, e = m.span("span") if "span" in rx.groupindex else m.span()
            s, e = _trim(text, s, e)
            if e > s:
                found.append((s, e, res))
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


_BEFORE, _AFTER = 60, 90  # the longest rule reaches this far around its anchor


def _windows(rx, text, bad) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around every anchor hit."""
    out: list[list[int]] = []
    for m in rx.finditer(text):
        if bad and m.start() > 0 and text[m.start() - 1] in bad:
            continue
        lo, hi = max(0, m.start() - _BEFORE), m.end() + _AFTER
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, min(hi, len(text))) for lo, hi in out]


def _matches(rx, text, windows):
    if windows is None:
        yield from rx.finditer(text)
        return
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


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


def _future(text, sentences, starts, pos, vocab) -> bool:
    """Does the sentence point forward before the mention ("will meet on March 3")?"""
    i = bisect.bisect_right(starts, pos) - 1
    lo = sentences[i].start if i >= 0 else max(0, pos - 200)
    return vocab.future_cues.search(text, max(lo, pos - 300), pos) is not None


def _month(vocab, word: str | None) -> int | None:
    return vocab.month_of.get(word.lower().rstrip(".")) if word else None


def _day(vocab, word: str | None) -> int | None:
    if not word:
        return None
    m = _NUM.match(word)
    return int(m.group()) if m else vocab.ordinal_words.get(word.lower())


def _year(word: str | None) -> int | None:
    return int(word) if word else None


def _resolve(kind, m, text, sentences, starts, anchor, vocab):
    g = m.groupdict()
    win = vocab.future_window
    fut = lambda: _future(text, sentences, starts, m.start(), vocab)
    if kind in ("mdy_range", "dmy_range"):
        m1 = _month(vocab, g["m1"]) or _month(vocab, g["m2"])
        m2 = _month(vocab, g["m2"]) or m1
        d1, d2 = _day(vocab, g["d1"]), _day(vocab, g["d2"])
        if m1 is None or d1 is None or d2 is None:
            return None
        return R.day_range(anchor, m1, d1, _year(g["y1"]), m2, d2, _year(g["y2"]), fut(), win)
    if kind in ("mdy", "dmy"):
        mo, d = _month(vocab, g["m"]), _day(vocab, g["d"])
        if g.get("mod"):
            # "early October 5" is not a phrase; let the bare month rule decide.
            return None
        return R.month_day(anchor, mo, d, _year(g["y"]), fut(), win)
    if kind == "iso":
        y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        return R.month_day(anchor, mo, d, y, False, win)
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        # US order (month/day) unless the first number cannot be a month.
        mo, d = (a, b) if a <= 12 else (b, a)
        return R.month_day(anchor, mo, d, y, False, win)
    if kind == "my_range":
        m1, m2 = _month(vocab, g["m1"]), _month(vocab, g["m2"])
        if not g["y2"] and not g["lead"].strip():
            return None  # "March and May" alone is too weak
        return R.month_range(anchor, m1, _year(g["y1"]), m2, _year(g["y2"]), fut(), win)
    if kind == "my":
        return R.month_only(anchor, _month(vocab, g["m"]), int(g["y"]), False, win)
    if kind in ("month_ctx", "month_mod"):
        word = g["m"].lower().rstrip(".")
        ctx = (g.get("ctx") or "").lower()
        if word in vocab.ambiguous_months and not g.get("mod") and ctx in vocab.weak_month_context:
            return None
        return R.month_only(anchor, _month(vocab, g["m"]), None, fut(), win)
    if kind == "year_range":
        if g["sep"] == "and" and not (g["lead"] or "").lower().startswith("between"):
            return None  # "in 2007 and 2009" names two years, not a span
        return R.year_range(int(g["y1"]), int(g["y2"]))
    if kind in ("year_ctx", "year_mod"):
        return (date(int(g["y"]), 1, 1), None, "year")
    if kind == "decade":
        y = int(g["y"])
        return (date(y, 1, 1), date(y + 9, 1, 1), "year")
    if kind == "rel_day":
        key = " ".join(m.group().lower().split())
        return R.shift_days(anchor, vocab.relative_days[key])
    if kind == "ago":
        n = g["n"].lower()
        n = int(n) if n.isdigit() else vocab.number_words.get(n)
        if n is None:
            return R.UNKNOWN
        unit = g["u"].lower()
        if unit == "day":
            return R.shift_days(anchor, -n)
        if unit == "week":
            return R.shift_days(anchor, -7 * n)
        return R.shift_unit(anchor, unit, -n)
    if kind == "rel_unit":
        w = " ".join(g["w"].lower().split())
        return R.shift_unit(anchor, g["u"].lower(), vocab.unit_words[w])
    if kind == "weekday":
        wd = vocab.weekday_of[g["wd"].lower()]
        w = (g["w"] or "").lower()
        if w in ("last", "previous", "past"):
            return R.weekday(anchor, wd, "last")
        if w in ("next", "coming", "following"):
            return R.weekday(anchor, wd, "next")
        if w == "this":
            return R.weekday(anchor, wd, "this")
        return R.weekday(anchor, wd, "future" if fut() else "past")
    return None
