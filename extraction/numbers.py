"""Number expressions in running text: digits, number words, scales, vague amounts.

One compiled regex finds runs of number tokens ("two and a half million",
"6,000", "1.2 bn", "twenty-one"); a small state machine then splits each run
into numbers ("twenty thirty" is two numbers, "hundred and five" one). Whether
a number is a quantity (not a year, an ordinal, a label) is decided by the
callers in ``quantities``; this module only reads values.

Word tables live in lexicons/numbers.yaml, read by number_tables.
"""
from __future__ import annotations

import re

from .number_joins import fraction_of_scale, signed
from .number_tables import _DIGIT, _PLAIN_AFTER, Num, _Tables, tables
from .quantity_scan import DIGIT_CLASS, _word_hits, number_starts

_GROUP_SEPS = re.compile(r"[,\s\u00a0\u202f\u2009]")
_SPLIT_DIGIT = re.compile(rf"^({_DIGIT})(?:\s+(\d{{1,2}})/(\d{{1,2}}))?(.*)$", re.DOTALL)


def _digit_value(text: str, t: _Tables) -> tuple[float, float] | None:
    """(value, scale) of a digit token such as "6,000", "2 1/2", "$3bn" core, "1/4"."""
    if "/" in text and " " not in text.strip():
        a, b = text.split("/", 1)
        try:
            a, b = float(a), float(b)
        except ValueError:
            return None
        return (a / b, 1.0) if b else None
    m = _SPLIT_DIGIT.match(text)
    if not m:
        v = t.kinds.get(text)
        return (v[1], 1.0) if v else None
    num = float(_GROUP_SEPS.sub("", m.group(1)))
    if m.group(2):
        num += float(m.group(2)) / float(m.group(3)) if float(m.group(3)) else 0
    rest = m.group(4).strip()
    scale = 1.0
    if rest:
        vul = t.kinds.get(rest[:1])
        if vul and vul[0] == "vulgar":
            num += vul[1]
            rest = rest[1:].strip()
        if rest:
            scale = t.scales.get(rest, t.scales.get(rest.lower(), 1.0))
    return num * scale, scale


class _Builder:
    """Accumulates one number while tokens keep combining."""

    __slots__ = (
        "after_point",
        "base",
        "end",
        "group",
        "last",
        "min_scale",
        "neg",
        "scale",
        "small",
        "start",
        "total",
        "words",
    )

    def __init__(self, start: int):
        self.total = 0.0
        self.group = 0.0
        self.small = 0.0
        self.last = None
        self.min_scale = None
        self.start = start
        self.end = start
        self.words = False
        self.neg = False
        self.scale = 1.0
        self.base = None
        self.after_point = None

    def value(self) -> float:
        v = self.total + self.group
        return -v if self.neg else v

    def num(self) -> Num:
        v = self.value()
        base = self.base if self.base is not None else v
        return Num(self.start, self.end, v, base=base, scale=self.scale, words=self.words)


# A run that is one plain figure ("12", "6,000", "5.8"), the common case, reads
# directly: the token machine would make the same single Num, slower.
_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


_ONE_WORD = frozenset(("units", "teens", "tens"))


def _parse_run(text: str, run_start: int, run_end: int, t: _Tables) -> list[Num]:
    if _PLAIN.fullmatch(text, run_start, run_end):
        v = float(text[run_start:run_end].replace(",", ""))
        return [Num(run_start, run_end, v, base=v)]
    kv = t.kinds.get(text[run_start:run_end].lower())
    if kv is not None and kv[0] in _ONE_WORD:
        # "two", "fifteen": one word the token machine would read as its table value
        return [Num(run_start, run_end, kv[1], base=kv[1], words=True)]
    out: list[Num] = []
    b: _Builder | None = None
    pend_and = pend_a = pend_hy = False
    a_pos = -1

    def flush():
        nonlocal b
        if b is not None and b.last is not None and b.last not in ("minus", "point"):
            out.append(b.num())
        b = None

    for m in t.token_re.finditer(text, run_start, run_end):
        if m.lastgroup == "and":
            pend_and = True
            continue
        if m.lastgroup == "a":
            pend_a = True
            a_pos = m.start()
            continue
        if m.lastgroup == "hy":
            pend_hy = True
            continue
        tok = m.group()
        low = tok.lower()
        kv = t.kinds.get(low)
        if kv is None:
            dv = _digit_value(tok, t)
            if dv is None:
                flush()
                pend_and = pend_a = pend_hy = False
                continue
            kind, val, scale = "digit", dv[0], dv[1]
        else:
            kind, val = kv
            scale = 1.0
        s, e = m.start(), m.end()
        joined = b is not None and b.last is not None and _joins(b, kind, val, pend_and, pend_a,
                                                                   pend_hy, low)
        if not joined:
            flush()
            b = _Builder(s)
            if pend_a and kind in ("scales", "hundred", "dozen", "denominators"):
                # "a million": the article belongs to the number
                b.start = a_pos
        _apply(b, kind, val, scale, low, pend_and, pend_a)
        if b.last is None:  # token could not start a number ("quarter" alone)
            b = None
        else:
            b.end = e
            if kind != "digit":
                b.words = True
        pend_and = pend_a = pend_hy = False
    flush()
    return out


def _joins(b: _Builder, kind: str, val: float, pend_and: bool, pend_a: bool, pend_hy: bool,
           low: str) -> bool:
    last = b.last
    if b.after_point is not None:
        return kind in ("units", "teens", "tens") and not pend_and
    if pend_hy and (kind == "digit" or last == "digit") and not (kind == "scales" and last == "digit"):
        return False  # "10-12" is two numbers (a range or a score), decided later;
        # "5-billion", "5,000-crore" are one: a scale word only multiplies
    if kind == "point":
        return last in ("units", "teens", "tens", "hundred", "scales") and not pend_and
    if last == "minus":
        return kind != "minus" and not pend_and
    if pend_and:
        if kind == "denominators" and pend_a:
            return True  # "two and a half", "a million and a half"
        if last not in ("hundred", "scales", "dozen"):
            return False
        return kind in ("units", "teens", "tens", "digit")
    if kind == "digit":
        return last in ("scales",) and val < 1000
    if kind == "units":
        return last in ("tens", "hundred", "scales")
    if kind in ("teens", "tens"):
        return last in ("hundred", "scales")
    if kind == "hundred":
        return last == "digit" or (last in ("units", "teens", "tens") and b.group < 100)
    if kind == "scales":
        if last in ("units", "teens", "tens", "hundred", "digit", "frac", "dozen"):
            return b.min_scale is None or val < b.min_scale
        return last == "scales" and b.group == 0 and val > (b.min_scale or 0)
    if kind == "dozen":
        return last in ("units", "teens", "tens", "digit", "frac") or (last == "hundred")
    if kind == "denominators":
        if pend_a:
            return last in ("frac",)
        return last in ("units", "teens", "tens")
    return False


def _apply(b: _Builder, kind: str, val: float, scale: float, low: str, pend_and: bool,
           pend_a: bool) -> None:
    last = b.last
    if b.after_point is not None and kind in ("units", "teens", "tens"):
        digits = b.after_point
        if kind == "units" and len(digits) < 12:
            b.after_point = digits + str(int(val))
        else:
            b.after_point = digits + str(int(val)).zfill(2)
        b.group = b.small + float("0." + b.after_point) + (b.group - b.small - _frac(digits))
        b.last = "units"
        return
    if kind == "minus":
        b.neg = True
        b.last = "minus"
        return
    if kind == "point":
        b.after_point = ""
        b.small = b.group
        b.last = "point"
        return
    if kind == "digit" and scale != 1.0:
        # "4 thousand", "3bn": a digit with its scale closes a block like a scale word
        b.total += b.group + val
        b.group = 0.0
        b.scale = b.min_scale = scale
        b.base = val / scale
        kind = "scales"
    elif kind == "digit":
        b.group += val
        b.small = val
    elif kind in ("units", "teens", "tens"):
        b.group += val
        b.small = (b.small + val) if last == "tens" else val
    elif kind == "hundred":
        b.group = (b.group or 1.0) * 100
        b.small = 0
    elif kind == "scales":
        if last == "scales" and b.group == 0:
            b.total *= val
        else:
            base = b.group if last is not None else 1.0
            b.base = (b.total + base) if b.total == 0 else None
            b.total += base * val
            b.group = 0.0
        b.scale = val
        b.min_scale = val
    elif kind == "dozen":
        b.group = (b.group or 1.0) * val
        b.small = 0
    elif kind == "denominators":
        if pend_and and pend_a:
            if last == "scales":
                b.total += b.min_scale / val
            else:
                b.group += 1.0 / val
        elif last is None:
            if not (pend_a or low == "half"):
                return  # "quarter", "third" alone are not numbers
            b.group = 1.0 / val
        else:
            b.group = b.group - b.small + b.small / val
        b.small = 0
        kind = "frac"
    elif kind == "vulgar":
        b.group += val
        kind = "frac"
    b.last = kind


def _frac(digits: str) -> float:
    return float("0." + digits) if digits else 0.0


def find_numbers(text: str) -> list[Num]:
    """Every number expression in ``text``, in order, without overlaps."""
    if not text:
        return []
    t = tables()
    nums: list[Num] = []
    append = nums.append
    scan = number_starts(text, t.find_words)
    hits, runs = scan if scan is not None else (_word_hits(text, t.find_words), None)
    for m in _phrases(text, t, hits, runs):
        if type(m) is Num:  # a plain figure, already read and signed
            append(m)
            continue
        run = _parse_run(text, m.start(), m.end(), t)
        if run:
            run[0] = signed(text, run[0])
        nums.extend(run)
    nums = fraction_of_scale(text, nums)
    from .quantity_vague import find_vague  # imported here: it imports this module

    vague = find_vague(text, hits)
    if vague:
        taken = [(n.start, n.end) for n in vague]
        nums = [n for n in nums if not any(n.start < e and s < n.end for s, e in taken)]
        nums.extend(vague)
        nums.sort(key=lambda n: n.start)
    return nums


_DIGIT_RUN = re.compile(DIGIT_CLASS + "+")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_LEAD_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen", "half",
               "quarter", "third")


def _phrases(text: str, t: _Tables, hits: list[int] | None, runs: list[tuple[int, int]] | None = None):
    """Number phrases in text order: a plain figure as a Num, anything else as the
    phrase regex's match. ``runs``: the digit runs, when the word scan found them."""
    if hits is None:
        yield from t.phrase_re.finditer(text)
        return
    starts = list(hits)  # the word hits are read again for vague amounts
    run_end: dict[int, int] = {}
    if runs is None:
        # ASCII text has no other digits and no vulgar fractions: the plain class scans faster
        runs = [m.span() for m in (_ASCII_DIGITS if text.isascii() else _DIGIT_RUN).finditer(text)]
    for p, e in runs:
        if p and text[p - 1] == "." and (p < 2 or not text[p - 2].isdigit()):
            p -= 1  # ".25"
        else:
            run_end[p] = e
        starts.append(p)
    starts.sort()
    last_end = -1
    match = t.phrase_re.match
    plain_after = _PLAIN_AFTER.match
    goes_on = t.continuers
    for p in starts:
        if p < last_end:
            continue
        e = run_end.get(p)
        if e is not None:
            if p and (text[p - 1].isalnum() or text[p - 1] in "_.,/:^"):
                continue  # inside a word or a figure: the phrase look-behind fails
            if text[p:e].isdecimal():
                a = plain_after(text, e)
                if a is not None and (a.group(1) or "").lower() not in goes_on:
                    last_end = e
                    # "12 people": the phrase is the figure alone, its value needs
                    # no token machine; only a dash before it can change it
                    v = float(text[p:e])
                    n = Num(p, e, v, base=v)
                    yield signed(text, n) if p and text[p - 1] in "-−" else n
                    continue
        m = None
        if p >= 2 and text[p - 1] == " " and text[p - 2] in "aAnN" and \
                text.startswith(_LEAD_WORDS, p):
            q = p - 2 if text[p - 2] in "aA" else p - 3
            if q >= 0:
                m = match(text, q)  # "a million", "an eighth"
        m = m or match(text, p)
        if m is not None and m.end() > m.start():
            last_end = m.end()
            yield m


def parse_number(text: str) -> float | None:
    """Value of a text that is one number ("two and a half million" -> 2500000.0)."""
    nums = [n for n in find_numbers(text) if n.value is not None]
    return nums[0].value if len(nums) == 1 else None
