"""Number readings that need a look beyond one run of number words: the sign
written before a figure, and a fraction of a scale word ("a quarter of a
million", "quarter million", "two thirds of a billion")."""
from __future__ import annotations

import re

from .number_tables import Num

# A minus sign starts a negative figure only where a word could start: "-5°C",
# "(−2.5%)", "$-99.99"; "10-12" and "F-16" keep their hyphen.
_SIGNS = "-−"
_BEFORE_SIGN = " \t\n\u00a0([{:=/$€£¥"


def signed(text: str, n: Num) -> Num:
    s = n.start
    if n.words or n.value is None or s < 1 or text[s - 1] not in _SIGNS:
        return n
    if s > 1 and text[s - 2] not in _BEFORE_SIGN:
        return n
    return Num(s - 1, n.end, -n.value, base=-n.base if n.base is not None else None, scale=n.scale)


_SCALES = {1e3, 1e6, 1e9, 1e12}
_OF_A = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?:an?[ \t\u00a0]+)?", re.IGNORECASE)
# "quarter million", "a third billion": the fraction word alone is not a number
_FRACTION_BEFORE = re.compile(r"(?:\b(?:a|one)[ \t\u00a0]+)?\b(quarter|third|half)[ \t\u00a0-]+$",
                              re.IGNORECASE)
_FRACTIONS = {"quarter": 0.25, "third": 1 / 3, "half": 0.5}


def fraction_of_scale(text: str, nums: list[Num]) -> list[Num]:
    for n in nums:  # most texts have no scale word at all: one light pass says so
        if n.words and n.value in _SCALES:
            break
    else:
        return nums
    out: list[Num] = []
    for n in nums:
        # the cheap half of _bare_scale first: most numbers are not scale words
        if not n.words or n.value not in _SCALES or not _bare_scale(text, n):
            out.append(n)
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.words and prev.value is not None and 0 < prev.value < 1 \
                and _OF_A.fullmatch(text, prev.end, n.start):
            out[-1] = Num(prev.start, n.end, prev.value * n.value, base=prev.value, scale=n.value,
                          words=True)  # "two thirds of a million"
            continue
        m = _FRACTION_BEFORE.search(text, max(0, n.start - 16), n.start)
        if m is not None and (prev is None or prev.end <= m.start()):
            frac = _FRACTIONS[m.group(1).lower()]
            out.append(Num(m.start(), n.end, frac * n.value, base=frac, scale=n.value, words=True))
            continue
        out.append(n)
    return out


def _bare_scale(text: str, n: Num) -> bool:
    """"million", "a million": a scale word with no count of its own."""
    if not n.words or n.value not in _SCALES:
        return False
    w = text[n.start:n.end].lower()
    return w.isalpha() or w.startswith(("a ", "an "))
