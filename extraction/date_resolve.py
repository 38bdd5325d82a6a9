"""Turning a matched date expression into (date_start, date_end, precision).

The anchor is the document's published date with its precision. The rules:
- An explicit year is always used as written.
- A month or month-day without a year takes the anchor's year when the anchor
  knows its year. With a day or month precision anchor, a month-day more than
  ``future_window_months`` after the publication date is read as last year's
  ("On December 28" in a January story) unless the sentence points forward
  ("will", "scheduled"...); a date before the publication date in a forward
  looking sentence is read as next year's.
- Relative expressions ("yesterday", "last week", "on Monday") give day
  precision only against a day-precision anchor; a month anchor gives month
  precision for short offsets, a year anchor year precision; otherwise the date
  stays unknown. Precision is never invented.
- An unknown year stays unknown: date_start None, precision 'unknown'.
Single dates have date_end None; ranges keep both ends (end inclusive).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

Resolved = tuple  # (date_start | None, date_end | None, precision)
UNKNOWN: Resolved = (None, None, "unknown")


class Anchor:
    """The published date and what it can vouch for."""

    __slots__ = ("day", "precision")

    def __init__(self, published: date | None, precision: str):
        known = published is not None and precision in ("day", "month", "year")
        self.day = published if known else None
        self.precision = precision if known else "unknown"

    @property
    def year(self) -> int | None:
        return self.day.year if self.day else None


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def infer_year(anchor: Anchor, month: int, day: int | None, future: bool,
               window: int) -> int | None:
    """Year of a month(-day) written without one; None when the anchor has no year."""
    if anchor.day is None:
        return None
    y = anchor.year
    if anchor.precision == "year":
        return y
    a = anchor.day
    if anchor.precision == "month":
        # Only the month is known: compare months, never days.
        if future and month < a.month:
            return y + 1
        if not future and month - a.month > window:
            return y - 1
        return y
    later = (month, day or 1) > (a.month, a.day)
    if future and not later and (month, day or 1) != (a.month, a.day) and month < a.month:
        return y + 1
    if not future and later and month - a.month > window:
        return y - 1
    return y


def month_day(anchor: Anchor, m: int, d: int, y: int | None, future: bool,
              window: int) -> Resolved | None:
    """A month-day with or without its year; None when the day does not exist."""
    if not 1 <= d <= 31 or not 1 <= m <= 12:
        return None
    if y is None:
        y = infer_year(anchor, m, d, future, window)
        if y is None:
            return UNKNOWN
        if not valid_day(y, m, d):
            # Feb 29 of a non-leap inferred year: the year guess is wrong, not the day.
            return UNKNOWN if (m, d) == (2, 29) else None
    if not valid_day(y, m, d):
        return None
    return (date(y, m, d), None, "day")


def day_range(anchor: Anchor, m1: int, d1: int, y1: int | None, m2: int, d2: int,
              y2: int | None, future: bool, window: int) -> Resolved | None:
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    a = month_day(anchor, m1, d1, y1, future, window)
    if a is None or a[0] is None:
        return a if a is None else UNKNOWN
    start = a[0]
    if y2 is None:
        y2 = start.year if (m2, d2) >= (m1, d1) else start.year + 1
    if not valid_day(y2, m2, d2):
        return None
    end = date(y2, m2, d2)
    if end <= start:
        return None
    return (start, end, "day")


def month_only(anchor: Anchor, m: int, y: int | None, future: bool, window: int) -> Resolved:
    if y is None:
        y = infer_year(anchor, m, None, future, window)
        if y is None:
            return UNKNOWN
    return (date(y, m, 1), None, "month")


def month_range(anchor: Anchor, m1: int, y1: int | None, m2: int, y2: int | None,
                future: bool, window: int) -> Resolved | None:
    if y2 is None and y1 is None:
        y1 = infer_year(anchor, m1, None, future, window)
        if y1 is None:
            return UNKNOWN
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if y2 is None:
        y2 = y1 if m2 >= m1 else y1 + 1
    start, end = date(y1, m1, 1), date(y2, m2, 1)
    if end <= start:
        return None
    return (start, end, "month")


def year_range(y1: int, y2: int) -> Resolved | None:
    if y2 <= y1:
        return None
    return (date(y1, 1, 1), date(y2, 1, 1), "year")


def shift_days(anchor: Anchor, days: int) -> Resolved:
    """A day offset from the anchor, at the precision the anchor can support."""
    if anchor.precision == "day":
        return (anchor.day + timedelta(days=days), None, "day")
    if anchor.precision == "month" and abs(days) <= 2:
        return (anchor.day.replace(day=1), None, "month")
    if anchor.precision == "year" and abs(days) <= 2:
        return (date(anchor.year, 1, 1), None, "year")
    return UNKNOWN


def shift_unit(anchor: Anchor, unit: str, n: int) -> Resolved:
    """The calendar week, month or year n units from the anchor's."""
    if anchor.day is None:
        return UNKNOWN
    if unit == "week":
        if anchor.precision != "day":
            return (anchor.day.replace(day=1), None, "month") if (
                n == 0 and anchor.precision == "month") else UNKNOWN
        monday = anchor.day - timedelta(days=anchor.day.weekday()) + timedelta(weeks=n)
        return (monday, monday + timedelta(days=6), "day")
    if unit == "weekend":
        return weekend(anchor, n)
    if unit == "quarter":
        if anchor.precision == "year":
            return UNKNOWN
        total = anchor.year * 12 + (anchor.day.month - 1) // 3 * 3 + 3 * n
        start = date(total // 12, total % 12 + 1, 1)
        return (start, start.replace(month=start.month + 2), "month")
    if unit == "month":
        if anchor.precision == "year":
            return (date(anchor.year, 1, 1), None, "year") if n == 0 else UNKNOWN
        total = anchor.year * 12 + anchor.day.month - 1 + n
        return (date(total // 12, total % 12 + 1, 1), None, "month")
    if unit == "year":
        return (date(anchor.year + n, 1, 1), None, "year")
    return UNKNOWN


def weekday(anchor: Anchor, wd: int, direction: str) -> Resolved:
    """A weekday name: 'past' (the latest on or before the anchor), 'future', 'next', 'last', 'this'."""
    if anchor.precision != "day":
        return shift_days(anchor, 0) if anchor.precision == "month" else UNKNOWN
    a = anchor.day
    if direction == "this":
        d = a - timedelta(days=a.weekday()) + timedelta(days=wd)
    elif direction in ("future", "next"):
        delta = (wd - a.weekday()) % 7 or 7
        d = a + timedelta(days=delta)
    else:
        delta = (a.weekday() - wd) % 7
        if direction == "last" and delta == 0:
            delta = 7
        d = a - timedelta(days=delta)
    return (d, None, "day")


def weekend(anchor: Anchor, n: int) -> Resolved:
    """This (n=0), last (-1) or next (1) Saturday-Sunday, counted from the anchor's week."""
    if anchor.precision != "day":
        return UNKNOWN
    a = anchor.day
    sat = a - timedelta(days=a.weekday()) + timedelta(days=5 + 7 * n)
    return (sat, sat + timedelta(days=1), "day")


def weekend_near(anchor: Anchor, future: bool) -> Resolved:
    """'over the weekend': the latest Saturday-Sunday begun by the anchor, or the next one."""
    if anchor.precision != "day":
        return UNKNOWN
    a = anchor.day
    if future:
        sat = a + timedelta(days=(5 - a.weekday()) % 7) if a.weekday() != 6 else a - timedelta(days=1)
    else:
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
    return (sat, sat + timedelta(days=1), "day")


def week_of(d: date) -> Resolved:
    monday = d - timedelta(days=d.weekday())
    return (monday, monday + timedelta(days=6), "day")


_HALVES = {"first half": (1, 6), "second half": (7, 12)}


def with_half(mod: str | None, res: Resolved) -> Resolved:
    """'the first half of 2019' is January-June 2019 (month precision); other modifiers keep the value."""
    if not mod or res is None or res[0] is None or res[2] != "year":
        return res
    low = " ".join(mod.lower().split())
    for key, (m1, m2) in _HALVES.items():
        if key in low:
            y = res[0].year
            return (date(y, m1, 1), date(y, m2, 1), "month")
    return res


def span_from_anchor(anchor: Anchor, unit: str, n: int, forward: bool) -> Resolved:
    """'the past two weeks' (up to the anchor) or 'the next three months' (from it)."""
    if anchor.day is None:
        return UNKNOWN
    if unit in ("hour", "day", "week"):
        days = {"hour": -(-n // 24), "day": n, "week": 7 * n}[unit]
        if anchor.precision != "day":
            return UNKNOWN
        a = anchor.day
        # "the next 3 days" starts tomorrow; "the past 3 days" runs up to the anchor day.
        if forward:
            return (a + timedelta(days=1), a + timedelta(days=days) if days > 1 else None, "day")
        return (a - timedelta(days=days), a, "day")
    if unit == "month" and anchor.precision in ("day", "month"):
        base = anchor.year * 12 + anchor.day.month - 1
        other = base + (n if forward else -n)
        lo, hi = sorted((base, other))
        return (date(lo // 12, lo % 12 + 1, 1), date(hi // 12, hi % 12 + 1, 1), "month")
    if unit == "year":
        other = anchor.year + (n if forward else -n)
        lo, hi = sorted((anchor.year, other))
        return (date(lo, 1, 1), date(hi, 1, 1), "year")
    return UNKNOWN


def season(anchor: Anchor, m1: int, m2: int, which: str) -> Resolved:
    """A season without a year: 'this', 'last'/'past', 'next'/'coming', or by tense ('tense_past'/'tense_future')."""
    if anchor.day is None or anchor.precision == "year" and which != "this":
        return UNKNOWN
    a = anchor.day
    cur = a.month
    cross = m1 > m2  # winter: December to February
    # The year in which the season holding or last starting before the anchor began.
    if cross:
        started = a.year if cur >= m1 else a.year - 1
        ongoing = cur >= m1 or cur <= m2
    else:
        started = a.year if cur >= m1 else a.year - 1
        ongoing = m1 <= cur <= m2
    if anchor.precision == "year":
        started, ongoing = a.year, True
    if which in ("this", "tense_future"):
        y = started if ongoing else started + 1
    elif which in ("last", "past"):
        y = started - 1 if ongoing else started
    elif which in ("next", "coming"):
        y = started + 1
    else:  # "tense_past": a past-tense story means the latest season begun by the anchor
        y = started
    end_y = y + 1 if cross else y
    return (date(y, m1, 1), date(end_y, m2, 1), "month")


def weekday_day(anchor: Anchor, wd: int, d: int, future: bool) -> Resolved:
    """'Friday the 13th': the nearest month, back from the anchor (forward in a forward-looking
    sentence), in which day d is that weekday; within two years, else unknown."""
    if anchor.precision != "day":
        return UNKNOWN
    a = anchor.day
    total = a.year * 12 + a.month - 1
    step = 1 if future else -1
    for k in range(25):
        y, m = divmod(total + step * k, 12)
        m += 1
        if valid_day(y, m, d):
            x = date(y, m, d)
            if x.weekday() == wd and (x >= a if future else x <= a):
                return (x, None, "day")
    return UNKNOWN


_WEEK_N = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def week_of_month(res: Resolved, which: str) -> Resolved:
    """'the first week of March' is March 1-7; 'the last week of July' July 25-31."""
    first = res[0]
    last_day = calendar.monthrange(first.year, first.month)[1]
    if which in _WEEK_N:
        start = 1 + 7 * (_WEEK_N[which] - 1)
        return (first.replace(day=start), first.replace(day=min(start + 6, last_day)), "day")
    return (first.replace(day=last_day - 6), first.replace(day=last_day), "day")
