"""Quantities in news text: counts, money, measures, with qualifiers and ranges.

Pipeline per document: ``numbers.find_numbers`` reads every number expression;
``quantity_ranges`` joins "10-12 thousand" style pairs; each number is then
dropped when it is a date, a time, a year, an ordinal, a label or the pronoun
"one", or kept with its qualifier ("at least"), its unit (a measure or a
currency) or the noun it counts ("two armoured brigades" -> brigade), and a
category. Finally ``quantity_derived`` spreads "each with" counts and adds the
totals they imply.

Value conventions (documented in the data dictionary):
  exact / approximate: value is the stated number.
  at_least: value and value_low are the stated number ("at least 12").
  at_most: value and value_high are the stated number ("up to 12").
  range: value is None, value_low/value_high are the two ends; never a midpoint.
  vague ("dozens", "tens of thousands"): value None, value_low the implied
  lower bound (24, 20,000), qualifier at_least.
The span covers qualifier, currency sign, number and measurement unit
("at least $3bn", "about 7.5 km"); a counted noun is not part of the span but
its own span is kept in unit_start/unit_end for linking.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .ids import stable_id
from .model import Quantity, Sentence
from .numbers import Num, find_numbers
from .quantity_context import (
    casualty_after,
    casualty_before,
    is_date,
    is_label,
    is_one_pronoun,
    is_time,
    qualifier_after,
    qualifier_before,
)
from .quantity_derived import link_per_unit
from .quantity_filters import (
    adjacent_figures,
    bare_temperature_ok,
    is_code,
    is_noun_not_number,
    is_part_not_amount,
    is_slash_name,
    is_word_label,
    scale_m,
    unit_before,
)
from .quantity_merge import share_units, spread_casualties
from .quantity_ranges import pair_ranges
from .quantity_units import currency_before, lemma, noun_after, noun_tables, rate_symbols, unit_after

_ORDINAL_WORD = re.compile(r"[-‐‑](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b",
                           re.IGNORECASE)
_CUR_SCALE = re.compile(r"(?:bn|b|m|mn|k|tn)(?![^\W\d_])")
_CUR_SCALES = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12}
_OF = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?!the\b|these\b|those\b|them\b|us\b|which\b|whom\b)", re.IGNORECASE)
_RATE = re.compile(r"[ \t\u00a0]*(?:(per)\b|/(?=[^\W\d_])|an?\b(?![ \t]+\w+[ \t]+(?:earlier|ago|later|"
                   r"before|after|previously|since|from|into|on)\b))", re.IGNORECASE)
_OF_AN = re.compile(r"[ \t\u00a0]+(?:of[ \t\u00a0]+)?an?(?=[ \t\u00a0])", re.IGNORECASE)
_STRONG = re.compile(r"[-‐‑]strong\b", re.IGNORECASE)
_SLASH_WORD = re.compile(r"(?<=/)[A-Za-z]+(?![\w/])")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_][\w-]*)")
_NOT_COUNT = re.compile(r"\]|[′″]|°\d|°?[ \t]?[NSEW]\b(?![’'])|[-.][ \t]?\d{3}[-.][ \t]?\d{3,4}")
_OPENER = re.compile(r"\b(?:between|from)[ \t\u00a0]+$", re.IGNORECASE)
_PERSON_NOUNS = {"dead": "person", "wounded": "person", "injured": "person", "killed": "person"}
_CASUALTY_CATS = ("personnel", "population", "casualties")


class _Bounds:
    """Sentence lookup by offset (the sentences list is sorted by start)."""

    def __init__(self, sentences: list[Sentence], n: int):
        self.sents = sorted(sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sents]
        self.n = n

    def of(self, pos: int) -> tuple[int, int, int]:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return -1, 0, self.n
        s = self.sents[i]
        if pos >= s.end:
            return s.sentence_id, s.start, self.n
        return s.sentence_id, s.start, s.end


class _Blocked:
    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1)
        while i > 0:
            i -= 1
            s, e = self.spans[i]
            if s + self.max_len < start:
                return False
            if s < end and start < e:
                return True
        return False


def find_quantities(text: str, sentences: list[Sentence], blocked: list[tuple[int, int]],
                    doc_id: str) -> list[Quantity]:
    if not text:
        return []
    try:
        return _find(text, sentences, blocked, doc_id)
    except (RecursionError, MemoryError):  # never take the document down
        return []


def _find(text: str, sentences: list[Sentence], blocked: list[tuple[int, int]],
          doc_id: str) -> list[Quantity]:
    bounds = _Bounds(sentences, len(text))
    block = _Blocked(blocked)
    out: list[Quantity] = []
    counted: set[str] = set()
    nums = find_numbers(text)
    codes = adjacent_figures(text, nums)
    if codes:
        nums = [n for i, n in enumerate(nums) if i not in codes]
    # sentence and blocked-span lookups inlined: two method calls per number were
    # a tenth of the per-number cost
    of = bounds.of
    spans, starts, max_len = block.spans, block.starts, block.max_len
    for num in pair_ranges(text, nums):
        if spans:
            ns, ne = num.start, num.end
            i = bisect_right(starts, ne - 1)
            hit = False
            while i > 0:
                i -= 1
                s, e = spans[i]
                if s + max_len < ns:
                    break
                if s < ne and ns < e:
                    hit = True
                    break
            if hit:
                continue
        q = _quantity(text, num, of(num.start), doc_id)
        if q is None:
            continue
        quantity, is_count = q
        if is_count:
            counted.add(quantity.quantity_id)
        out.append(quantity)
    spread_casualties(text, out, _people())
    measured = {q.quantity_id for q in out if q.unit is not None and q.unit_start is not None
                and q.quantity_id not in counted}
    if measured:
        out = share_units(text, out, measured, doc_id)
    out.extend(link_per_unit(text, out, doc_id, counted))
    out.sort(key=lambda q: (q.start, q.end, q.is_derived))
    return out


def _quantity(text: str, num: Num, where: tuple[int, int, int], doc_id: str):
    sid, floor, ceil = where
    start, end = num.start, num.end
    is_range = num.low is not None and num.high is not None
    words_one = num.words and text[start:end].lower() in ("one", "an", "a")
    # --- what it measures ---------------------------------------------------
    value, base_scale = num.value, num.scale
    unit = category = None
    unit_start = unit_end = None
    money = False
    cur = currency_before(text, start)
    if cur is not None:
        unit, category, money = cur[0], "money", True
        unit_start, unit_end = cur[1], start
        start = cur[1]
        m = _CUR_SCALE.match(text, end)
        if m and base_scale == 1.0:  # "$5m", "£2bn"
            factor = _CUR_SCALES[m.group()]
            value = value * factor if value is not None else None
            num = Num(num.start, m.end(), value, low=(num.low or 0) * factor if num.low else None,
                      high=num.high * factor if num.high else None, scale=factor, words=num.words)
            end = m.end()
    hit = unit_after(text, end, base_scale > 1.0)
    if hit is None and num.words and value is not None and 0 < value < 1 and \
            (m := _OF_AN.match(text, end)):
        hit = unit_after(text, m.end(), False)  # "half a mile", "a quarter of an hour"
    if hit is not None and hit.end - hit.start == 1 and not bare_temperature_ok(text, hit, floor, ceil):
        hit = None  # "Boeing 777F"
    if hit is not None and not money and base_scale == 1.0 and scale_m(text, hit, value) and \
            not _after_capitalised(text, num.start, floor):
        value, base_scale, end = value * 1e6, 1e6, hit.end  # "1.2m people", "2m euros"
        hit = unit_after(text, end, True)
    if hit is not None and not money:
        unit, category, money = hit.unit, hit.category, hit.money
        unit_start, unit_end = hit.start, hit.end
        end = hit.end
    elif hit is not None and hit.money:  # "US$ 5 dollars": the name repeats the sign
        end = hit.end
    per_unit = None
    if unit is not None:  # "$680 per kg", "188 miles an hour", "$15.4/hour"
        m = _RATE.match(text, end)
        if m:
            rate = unit_after(text, m.end(), False)
            if rate is not None and not rate.money:
                per_unit, end = rate.unit, rate.end
            elif m.group(1) and (w := _WORD_AFTER.match(text, m.end())):
                per_unit, end = lemma(w.group(1).lower())[0], w.end()
            elif (w := _SLASH_WORD.match(text, m.end())) and w.group().lower() in rate_symbols():
                per_unit, end = rate_symbols()[w.group().lower()], w.end()  # "m3/s", "t/h"
    pre = unit_before(text, num.start, floor) if unit is None and not num.words else None
    if pre is not None:  # "magnitude 7.5", "Mach 5"
        unit, category, unit_start, unit_end, start = pre[0], "other", pre[1], pre[2], pre[1]
    # --- what is not a quantity --------------------------------------------
    if not num.words or is_range:
        nxt = text[end:end + 1]
        if nxt.isalpha() and unit is None:
            return None  # "127th", "1990s", "3D", "5G"
        if unit is None and is_time(text, num.start, end):
            return None
        if is_date(text, num.start, num.end, floor):
            return None
        if cur is None and pre is None and is_label(text, num.start, floor):
            return None
        if unit is None and (is_code(text, num, floor) or is_slash_name(text, num)):
            return None  # "0800", "575 BC", "33.783; 44.500", "24/7", "9/11"
        if end < len(text) and text[end] in ".:/" and text[end + 1:end + 2].isdigit():
            return None  # "192.168.1.2", "5/17/2018", "10:30"
        if _NOT_COUNT.match(text, num.end) or (num.start and text[num.start - 1] in "°′[−"
                                                and unit is None):
            return None  # "[1]" citations, "33°47′N" coordinates, "910-432-3383" phones
    elif _ORDINAL_WORD.match(text, end) or is_word_label(text, num.start, floor) or \
            is_part_not_amount(text, num, floor) or is_noun_not_number(text, num):
        return None  # "twenty-first", "Chapter two", "the score was"
    # qualifiers and vague/after words
    qual = "exact"
    qb = qualifier_before(text, start, floor)
    if qb is not None and qb[0]:
        qual, start = qb[0], qb[1]
    qa = qualifier_after(text, end)
    if qa is not None and qa[0] and not (qa[0] == "at_least" and text[end:qa[1]].strip() == "+"
                                         and unit is not None and unit != "percent" and money):
        if qual == "exact":
            qual = qa[0]
        end = qa[1]
    if is_range:
        qual = "range"
        m = _OPENER.search(text, max(floor, start - 10), start)
        if m:
            start = m.start()
    # --- counted noun ------------------------------------------------------
    noun = None
    if unit is None:
        noun_pos = end
        if num.vague or num.words:  # "dozens of drones", "hundreds of thousands of Syrians"
            m = _OF.match(text, end)
            if m and (num.vague or text[start:end].lower().endswith(("million", "billion"))):
                noun_pos = m.end()
                hit = unit_after(text, noun_pos - 1, True)  # "billions of dollars"
                if hit is not None:
                    unit, category, money = hit.unit, hit.category, hit.money
                    unit_start, unit_end, end = hit.start, hit.end, hit.end
        strong = _STRONG.match(text, end)
        if strong:  # "a 5,000-strong force": members of one (singular) body
            noun = noun_after(text, strong.end(), 1.0)
            if noun is not None:
                noun.unit, noun.category = "personnel", "personnel"
        elif unit is None:
            noun = noun_after(text, noun_pos, value if not is_range else num.high)
        if noun is not None:
            unit, category = noun.unit, noun.category
            unit_start, unit_end = noun.start, noun.end
    if cur is None and qual == "exact" and _year_like(text, num) and (
            noun is None or noun.category == "other") and (hit is None or unit is None):
        return None
    if words_one and (unit is None or (category == "other" and noun is not None and noun.unit in (
            "day", "time", "way")) or is_one_pronoun(text, num.start, num.end, floor)):
        return None
    # --- casualties ----------------------------------------------------------
    whole = value is None or (value >= 1 and float(value).is_integer())
    if not money and whole and (unit is None or category in _CASUALTY_CATS):
        after_pos = unit_end if noun is not None else end
        if category == "casualties" or casualty_after(text, after_pos, ceil) or casualty_before(
                text, start, floor):
            category = "casualties"
            unit = _PERSON_NOUNS.get(unit, unit) if unit else "person"
    if category == "population":
        category = "other"
    if category is None:
        category = "other"
    if unit is None and _after_capitalised(text, num.start, floor):
        return None  # "Boeing 737", "Windows 10": a name with a number
    value_low = num.low if num.low is not None else None
    value_high = num.high
    if num.vague:
        qual = "at_least" if qual in ("exact", "approximate") else qual
    elif qual == "at_least":
        value_low = value
    elif qual == "at_most":
        value_high = value
    if is_range:
        value = None
    # most values are already exact: skip the call for them (see _tidy)
    if value is not None and not (type(value) is float and value.is_integer() and -1e12 < value < 1e12):
        value = _tidy(value)
    if value_low is not None:
        value_low = _tidy(value_low)
    if value_high is not None:
        value_high = _tidy(value_high)
    qid = stable_id("q", doc_id, start, end, unit or "")
    q = Quantity(quantity_id=qid, start=start, end=end, text=text[start:end], value=value,
                 value_low=value_low, value_high=value_high, qualifier=qual, unit=unit,
                 category=category, per_unit=per_unit, sentence_id=sid, unit_start=unit_start,
                 unit_end=unit_end)
    return q, noun is not None


@lru_cache(maxsize=1)
def _people() -> frozenset:
    """Units that count people: the person nouns of the lexicon and "person"."""
    cat = noun_tables().category
    return frozenset([w for w, c in cat.items() if c in ("population", "personnel")] + ["person"])


def _tidy(v: float | None) -> float | None:
    """16.4 * 1e6 is 16399999.999999998 in floats: keep 12 significant digits."""
    if v is None:
        return None
    if type(v) is float and v.is_integer() and -1e12 < v < 1e12:
        return v  # already exact: formatting would give the same float back
    return float(f"{v:.12g}")


def _year_like(text: str, num: Num) -> bool:
    if num.words or num.value is None:
        if num.low is not None and num.high is not None:
            return 1000 <= num.low <= 2199 and 1000 <= num.high <= 2199 and \
                float(num.low).is_integer() and "," not in text[num.start:num.end]
        return False
    s = text[num.start:num.end]
    return len(s) == 4 and s.isdigit() and 1000 <= num.value <= 2199


_CAP_WORD = re.compile(r"([A-Z][\w’'.&-]*)[ \t\u00a0]+$")


_ACRONYM = re.compile(r"(?<![\w.])\(?[A-Z]{2,6}\)?[ \t\u00a0]+$")
_NEXT_CAPS = re.compile(r"\S*[ \t\u00a0]+[A-Z]{2}")


def _after_capitalised(text: str, start: int, floor: int) -> bool:
    """A capitalised word right before the number, not at the sentence start;
    an acronym ("CTF 50", "(CTF) 50") anywhere, unless the text around is in
    capitals (a headline: "MORE THAN 50 KILLED")."""
    k = start
    while k > floor and text[k - 1] in " \t\u00a0":
        k -= 1
    if k == start or k == floor:
        return False  # both patterns need a word and white space before the number
    tok = text[max(floor, k - 30):k].rsplit(None, 1)
    if not tok or tok[-1].lower() == tok[-1]:
        return False  # no capital letter in the word before: neither pattern can match
    if _ACRONYM.search(text, max(floor, start - 12), start) and not _NEXT_CAPS.match(text, start):
        return True
    m = _CAP_WORD.search(text, max(floor, start - 30), start)
    if m is None or m.start() <= floor:
        return False
    return text[max(floor, m.start() - 2):m.start()].strip() not in (".", ",", ":", ";", "")
