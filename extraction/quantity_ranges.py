"""Pairs of numbers that form one range ("10,000-12,000", "between 44 and 50 mg",
"10 to 12 thousand", "two or three"), and pairs that are not quantities at all
(scores "3-1", seasons "2013-14", date ranges "27-28 October" are left to the
date checks).

A range keeps both ends (value_low, value_high) and no single value: the
contract never publishes a midpoint.
"""
from __future__ import annotations

import re

from .numbers import Num
from .quantity_context import is_change
from .quantity_units import currency_before, unit_after

_JOIN = re.compile(r"[ \t\u00a0]*(?:[-–—‐‑]|to|or|through|thru)[ \t\u00a0]*|[ \t\u00a0]*-?[ \t\u00a0]*to[ \t\u00a0]+",
                   re.IGNORECASE)
_AND = re.compile(r"[ \t\u00a0]+and[ \t\u00a0]+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween[ \t\u00a0]+(?:[$€£¥₹]|[A-Z]{3}[ \t\u00a0]?)?$", re.IGNORECASE)
_JOINER = re.compile(r"[-–—‐‑]|\b(?:to|or|through|thru|and)\b", re.IGNORECASE)
_HYPHEN = re.compile(r"[ \t\u00a0]*[-–—‐‑][ \t\u00a0]*")


def _year_like(text: str, n: Num) -> bool:
    s = text[n.start:n.end]
    return len(s) == 4 and s.isdigit() and 1000 <= int(s) <= 2199


def pair_ranges(text: str, nums: list[Num]) -> list[Num]:
    out: list[Num] = []
    i = 0
    n = len(nums)
    while i < n:
        a = nums[i]
        b = nums[i + 1] if i + 1 < n else None
        if b is None or a.value is None or b.value is None or b.start - a.end > 24 or \
                _JOINER.search(text, a.end, b.start) is None:
            out.append(a)  # (no joining word or dash between them: no range, no score)
            i += 1
            continue
        gap_start = a.end
        hit = unit_after(text, a.end, a.scale > 1)
        if hit is not None and hit.end <= b.start:
            gap_start = hit.end  # "44 mg to 50 mg"
        gap_end = b.start
        cur = currency_before(text, b.start)
        if cur is not None and cur[1] >= gap_start:
            gap_end = cur[1]  # "$350 to $680"
        between = _BETWEEN.search(text, max(0, a.start - 16), a.start) is not None
        if hit is not None:
            hit_b = unit_after(text, b.end, b.scale > 1)
            if hit_b is None or hit_b.unit != hit.unit:
                out.append(a)  # "25 % to 34,500 tons": two quantities
                i += 1
                continue
        joined = _JOIN.fullmatch(text, gap_start, gap_end) is not None or (
            between and _AND.fullmatch(text, gap_start, gap_end) is not None)
        if not joined:
            out.append(a)
            i += 1
            continue
        hyphen = _HYPHEN.fullmatch(text, gap_start, gap_end) is not None
        if hyphen and _year_like(text, a) and (len(text[b.start:b.end]) == 2 or _year_like(text, b)):
            i += 2  # "2013-14", "2014-2016": years, not quantities
            continue
        low, high = a.value, b.value
        if low > high and min(low, high) < 0:
            low, high = high, low  # "from -18 °C to -34 °C": the ends in either order
        if a.scale == 1.0 and b.scale > 1.0 and low * b.scale <= high:
            low *= b.scale  # "10-12 thousand": the scale is shared
        cur_a = currency_before(text, a.start)
        a_from = cur_a[1] if cur_a is not None else a.start
        if low < high and not is_change(text, a_from, max(0, a_from - 60)):
            out.append(Num(a.start, b.end, None, low=low, high=high, base=None,
                           scale=b.scale, words=a.words or b.words))
            i += 2
            continue
        if hyphen and hit is None and not a.words and low >= high and high < 100 \
                and float(low).is_integer() and float(high).is_integer():
            i += 2  # "3-1", "2-2": a score
            continue
        out.append(a)
        i += 1
    return out
