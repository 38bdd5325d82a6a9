"""From a rule's match to (date_start, date_end, precision): one branch per rule kind.

Kept apart from dates.py (which finds and selects spans) so that each file stays
small. ``resolve`` returns None when the match is not a date after all ("February
30", "the fall of Kabul"), or date_resolve.UNKNOWN when it is a date the anchor
cannot place.
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

from . import date_resolve as R

_NUM = re.compile(r"\d+")
@lru_cache(maxsize=4)
def _count_after(count_nouns: frozenset) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(count_nouns, key=len, reverse=True))
    return re.compile(r"[ \t]+(?:[A-Za-z]+[ \t]+)?(?i:" + alt + r")\b")


# after these a number is a year even before "men" ("since 2014 armed men attacked")
_TEMPORAL = frozenset({"since", "until", "till", "during", "before", "after", "throughout", "in"})


@lru_cache(maxsize=4)
def _noun_after(count_nouns: frozenset) -> re.Pattern:
    """A word after "the 2007" that is not a counted noun ("the 2012 people" is a count)."""
    alt = "|".join(re.escape(w) for w in sorted(count_nouns, key=len, reverse=True))
    return re.compile(r"[ \t]+(?!(?i:" + alt + r")\b)[A-Za-z][a-z]+")
# a number after a capitalised "Week"/"Month" ("Week 11"), not a time of day ("this Week 8am")
_UNIT_NUMBER = re.compile(r"(?i)\s+\d{1,2}(?![\d:]|\.\d|\s*[ap]\.?m\b)")


class Ctx:
    """What every branch may need besides its match; built once per document."""

    __slots__ = ("text", "sentences", "starts", "anchor", "vocab", "numeric_order")

    def __init__(self, text, sentences, starts, anchor, vocab):
        self.text, self.sentences, self.starts = text, sentences, starts
        self.anchor, self.vocab = anchor, vocab
        self.numeric_order = None  # "md", "dm" or None: see dates._numeric_order

    def future(self, pos: int) -> bool:
        """Does the sentence point forward before the mention ("will meet on March 3")?"""
        i = bisect.bisect_right(self.starts, pos) - 1
        lo = self.sentences[i].start if i >= 0 else max(0, pos - 200)
        return self.vocab.future_cues.search(self.text, max(lo, pos - 300), pos) is not None


@lru_cache(maxsize=4)
def _cue_regex(cues: frozenset) -> re.Pattern:
    alt = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?i)(?<![\w-])(?:" + alt + r")\s+(?:the\s+)?\Z")


def _month(vocab, word):
    return vocab.month_of.get(word.lower().rstrip(".")) if word else None


def _day(vocab, word):
    if not word:
        return None
    m = _NUM.match(word)
    return int(m.group()) if m else vocab.ordinal_words.get(word.lower())


def _year(word):
    return int(word) if word else None


def _count(vocab, word):
    w = word.lower()
    return int(w) if w.isdigit() else vocab.number_words.get(w)


def _weekday_year(vocab, word, res):
    """'Tuesday, October 3' without a year: the nearby year in which October 3 is a Tuesday."""
    wd = vocab.weekday_of.get(word.lower().rstrip("."))
    d = res[0]
    for y in (d.year, d.year - 1, d.year + 1):
        if R.valid_day(y, d.month, d.day) and date(y, d.month, d.day).weekday() == wd:
            return (date(y, d.month, d.day), None, "day")
    return res


def _week_of(res):
    """'the week of April 10': the Monday-to-Sunday week holding the day."""
    if res is None or res[0] is None:
        return res
    return R.week_of(res[0])


def resolve(kind, m, ctx: Ctx):
    g = m.groupdict()
    vocab, anchor = ctx.vocab, ctx.anchor
    win = vocab.future_window
    fut = lambda: ctx.future(m.start())  # noqa: E731 - evaluated only when a year is missing
    if kind in ("mdy_range", "dmy_range"):
        m1 = _month(vocab, g["m1"]) or _month(vocab, g["m2"])
        m2 = _month(vocab, g["m2"]) or m1
        d1, d2 = _day(vocab, g["d1"]), _day(vocab, g["d2"])
        if m1 is None or d1 is None or d2 is None:
            return None
        res = R.day_range(anchor, m1, d1, _year(g["y1"]), m2, d2, _year(g["y2"]), fut(), win)
        if res and res[0] and g["sep"] == "and" and not (g.get("lead") or "").lower().startswith("between") \
                and (res[1] - res[0]).days != 1:
            # "on 3 and 10 March" names two days; "on 28 February and 1 March" two days in a row.
            return None
        return res
    if kind in ("mdy", "dmy"):
        mo, d = _month(vocab, g["m"]), _day(vocab, g["d"])
        if g.get("mod"):
            # "early October 5" is not a phrase; let the bare month rule decide.
            return None
        res = R.month_day(anchor, mo, d, _year(g["y"]), fut(), win)
        if g.get("wdp") and not g["y"] and res and res[0]:
            res = _weekday_year(vocab, g["wdp"], res)
        return _week_of(res) if g.get("wk") else res
    if kind == "iso":
        return R.month_day(anchor, int(g["m"]), int(g["d"]), int(g["y"]), False, win)
    if kind == "numeric":
        return _numeric(ctx, m)
    if kind == "iso_ym":
        y, mo = int(g["y"]), int(g["m"])
        if mo == (y + 1) % 100:
            return None  # "2011-12": a season of two years, not December 2011
        return (date(y, mo, 1), None, "month")
    if kind == "my_range":
        m1, m2 = _month(vocab, g["m1"]), _month(vocab, g["m2"])
        if not g["y2"] and not (g.get("lead") or "").strip():
            return None  # "March and May" alone is too weak
        return R.month_range(anchor, m1, _year(g["y1"]), m2, _year(g["y2"]), fut(), win)
    if kind == "my":
        return R.with_half(g.get("mod"), R.month_only(anchor, _month(vocab, g["m"]), int(g["y"]), False, win))
    if kind == "week_n":
        res = R.month_only(anchor, _month(vocab, g["m"]), _year(g["y"]), fut(), win)
        return R.week_of_month(res, g["wkn"].lower()) if res[0] else res
    if kind in ("month_ctx", "month_mod"):
        word = g["m"].lower().rstrip(".")
        cue = (g.get("ctx") or "").lower()
        if word in vocab.ambiguous_months and not g.get("mod") and cue in vocab.weak_month_context:
            return None
        return R.month_only(anchor, _month(vocab, g["m"]), None, fut(), win)
    if kind == "year_range":
        if g["sep"] == "and" and not (g["lead"] or "").lower().startswith("between"):
            return None  # "in 2007 and 2009" names two years, not a span
        return R.year_range(int(g["y1"]), int(g["y2"]))
    if kind == "year_ctx" and not g.get("mod"):
        if (g.get("yctx") or "").lower() not in _TEMPORAL and \
                _count_after(vocab.year_count_nouns).match(ctx.text, m.end()):
            return None  # "up to 2000 troops", "a total of 2015 people": a count
        if (g.get("yctx") or "").lower() in vocab.year_determiners and (
                int(g["y"]) % 100 == 0 or not _noun_after(vocab.year_count_nouns).match(ctx.text, m.end())):
            return None
    if kind in ("year_ctx", "year_mod"):
        return R.with_half(g.get("mod"), (date(int(g["y"]), 1, 1), None, "year"))
    if kind == "decade":
        y = _decade_start(g)
        return (date(y, 1, 1), date(y + 9, 1, 1), "year") if y else R.UNKNOWN
    if kind == "holiday":
        return _holiday(ctx, m, g, fut)
    if kind == "rel_day":
        return R.shift_days(anchor, vocab.relative_days[" ".join(m.group().lower().split())])
    if kind == "ago":
        n = _count(vocab, g["n"])
        if n is None or g["ref"].lower() != "ago":
            # "two days earlier" counts from the story's last event, not from publication.
            return R.UNKNOWN
        unit = g["u"].lower()
        if unit in ("day", "week"):
            return R.shift_days(anchor, -n * (7 if unit == "week" else 1))
        return R.shift_unit(anchor, unit, -n)
    if kind == "rel_span":
        n = _count(vocab, g["n"])
        if not n:
            return None  # "the past few years": too vague to be a date
        forward = g["w"].lower() in ("next", "coming", "following")
        return R.span_from_anchor(anchor, g["u"].lower(), n, forward)
    if kind == "in_n":
        n = _count(vocab, g["n"])
        unit = g["u"].lower()
        start = m.start()
        # "the fifth coach in four years", "doubled in three months" are durations: only days
        # and weeks, with the forward cue close before ("will meet in two weeks").
        if not n or unit not in ("day", "week") or not fut() or \
                not vocab.future_cues.search(ctx.text, max(0, start - 40), start):
            return None
        if unit in ("day", "week"):
            return R.shift_days(anchor, n * (7 if unit == "week" else 1))
        return R.shift_unit(anchor, unit, n)
    if kind in ("rel_unit", "end_of") and ctx.text[m.start("u")].isupper() and \
            _UNIT_NUMBER.match(ctx.text, m.end()):
        return None  # "the start of Week 11" names a numbered week, not this one
    if kind == "rel_unit":
        w = " ".join(g["w"].lower().split())
        return R.shift_unit(anchor, g["u"].lower(), vocab.unit_words[w])
    if kind == "weekend":
        return R.weekend_near(anchor, fut())
    if kind == "end_of":
        return R.shift_unit(anchor, g["u"].lower(), 0)
    if kind == "season":
        return _season(ctx, m, g, fut)
    if kind == "quarter":
        return _quarter(ctx, g, fut)
    if kind == "wd_day":
        d = _day(vocab, g["d"])
        if not d or not 1 <= d <= 31:
            return None
        return R.weekday_day(anchor, vocab.weekday_of[g["wd"].lower()], d, fut())
    if kind == "weekday":
        wd = vocab.weekday_of[g["wd"].lower()]
        w = (g["w"] or "").lower()
        if not w and _is_title(ctx, m):
            return None
        if w in ("last", "previous", "past"):
            return R.weekday(anchor, wd, "last")
        if w in ("next", "coming", "following"):
            return R.weekday(anchor, wd, "next")
        if w == "this":
            return R.weekday(anchor, wd, "this")
        return R.weekday(anchor, wd, "future" if fut() else "past")
    return None


_THE_BEFORE = re.compile(r"(?i)(?<![\w-])the\s+\Z")
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")


def _is_title(ctx, m) -> bool:
    """'The Sunday Times', 'the Monday Night Football': a weekday inside a name."""
    after = _CAPITALISED_AFTER.match(ctx.text, m.end())
    return (after is not None and after.group(1).lower() not in ctx.vocab.month_of
            and _THE_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start()) is not None)


def _numeric(ctx, m):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if m.group(2) == ".":
        mo, d = b, a  # dotted dates are day-first ("22.10.2024")
    elif a > 12 or b > 12 or a == b:
        mo, d = (a, b) if a <= 12 else (b, a)
    elif ctx.numeric_order:
        # Ambiguous ("03/04/2024"): the order the document's unambiguous dates use.
        mo, d = (a, b) if ctx.numeric_order == "md" else (b, a)
    else:
        return (date(y, 1, 1), None, "year")  # only the year is certain
    return R.month_day(ctx.anchor, mo, d, y, False, ctx.vocab.future_window)


def _decade_start(g) -> int | None:
    if g.get("y"):
        return int(g["y"])
    yy = int(g["yy"])
    # "the '90s" is the 1990s, "the '00s" the 2000s; "the '20s" could be either century.
    return 1900 + yy if yy >= 30 else (2000 + yy if yy <= 10 else None)


def _holiday(ctx, m, g, fut):
    name = g["h"]
    mo, d = ctx.vocab.holidays[name]
    if g.get("y"):
        return R.month_day(ctx.anchor, mo, d, int(g["y"]), False, ctx.vocab.future_window)
    if name in ctx.vocab.bare_holidays:
        cue = _cue_regex(ctx.vocab.holiday_cues)
        if not cue.search(ctx.text, max(0, m.start() - 20), m.start()):
            return None
    return R.month_day(ctx.anchor, mo, d, None, fut(), ctx.vocab.future_window)


_NAME_AFTER = re.compile(r"[ \t]+[A-Z]")


def _season(ctx, m, g, fut):
    s = m.start("s")
    if ctx.text[s].isupper() and not g.get("y") and _NAME_AFTER.match(ctx.text, m.end("s")):
        return None  # "Spring Training", "Winter Olympics": part of a name
    m1, m2 = ctx.vocab.seasons[g["s"].lower()]
    w = (g.get("w") or "").lower()
    if g.get("y"):
        y = int(g["y"])
        # Which winter "winter 2019" names differs between writers: only the year is sure.
        return (date(y, 1, 1), None, "year") if m1 > m2 else (date(y, m1, 1), date(y, m2, 1), "month")
    if not w and (not g.get("ctx") or g["s"].lower() == "fall"):
        return None  # "the fall of Kabul", "summer camp": not a date without a cue
    return R.season(ctx.anchor, m1, m2, w or ("tense_future" if fut() else "tense_past"))


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                  "fourth": 4, "4th": 4, "final": 4}


def _quarter(ctx, g, fut):
    q = _QUARTER_WORDS.get((g.get("qw") or "").lower()) or int(g.get("qn") or g.get("qn2") or 0)
    if not q:
        return None
    y = g.get("y") or g.get("y2") or g.get("y3")
    first = 3 * q - 2
    if y:
        y = int(y)
    else:
        shift = {"last": -1, "previous": -1, "next": 1}.get((g.get("rw") or "").lower(), 0)
        y = R.infer_year(ctx.anchor, first, None, fut(), ctx.vocab.future_window)
        if y is None or (shift and ctx.anchor.day is None):
            return R.UNKNOWN
        y = (ctx.anchor.year + shift) if g.get("rw") else y
    return (date(y, first, 1), date(y, first + 2, 1), "month")
