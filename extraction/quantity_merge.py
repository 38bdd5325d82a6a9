"""Neighbouring quantities that share one unit or make one amount.

"45 and 50 mg": the unit written once after the last figure belongs to each
figure of the list. "3 dollars 50 cents": a major and a minor currency unit
make one amount (3.5 USD).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .ids import stable_id
from .model import Quantity

# what may stand between two figures of a list that shares its unit
# (a comma alone is left out: "1, 500 km" may be a spaced thousands figure)
_LIST_GAP = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:and|or)[ \t\u00a0]+", re.IGNORECASE)
_AMOUNT_GAP = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:and[ \t\u00a0]+)?", re.IGNORECASE)
_MINOR = {"cent": 100.0, "penny": 100.0}


def share_units(text: str, out: list[Quantity], measured: set[str], doc_id: str) -> list[Quantity]:
    """``out`` in text order; ``measured`` holds the ids whose unit is a measure or a
    currency (not a counted noun). Returns the list with shared units filled in
    and major+minor currency amounts joined."""
    res = list(out)
    i = len(res) - 2
    while i >= 0:
        q1, q2 = res[i], res[i + 1]
        if q1.sentence_id == q2.sentence_id and q1.end <= q2.start:
            if _gap(_LIST_GAP, text, q1.end, q2.start) and q1.unit is None and q1.value is not None \
                    and q2.quantity_id in measured and q2.unit not in _MINOR \
                    and q2.unit_start is not None and q2.unit_start > q2.start:
                # (a sign before the second figure is its own: "5 and $10")
                res[i] = replace(q1, unit=q2.unit, category=q2.category, per_unit=q2.per_unit,
                                 quantity_id=stable_id("q", doc_id, q1.start, q1.end, q2.unit))
                measured.add(res[i].quantity_id)
            elif q2.unit in _MINOR and q1.category == "money" and q1.unit not in _MINOR \
                    and q1.per_unit is None and q1.value is not None and q2.value is not None \
                    and 0 <= q2.value < _MINOR[q2.unit] and float(q1.value).is_integer() \
                    and _gap(_AMOUNT_GAP, text, q1.end, q2.start):
                value = q1.value + q2.value / _MINOR[q2.unit]
                res[i] = replace(q1, end=q2.end, text=text[q1.start:q2.end], value=value,
                                 quantity_id=stable_id("q", doc_id, q1.start, q2.end, q1.unit))
                measured.add(res[i].quantity_id)
                del res[i + 1]
        i -= 1
    return res


def _gap(pattern: re.Pattern, text: str, a: int, b: int) -> bool:
    return b - a < 12 and pattern.fullmatch(text, a, b) is not None


_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|of them)[ \t\u00a0]+$", re.IGNORECASE)


def spread_casualties(text: str, out: list[Quantity], people: frozenset) -> None:
    """"killed at least 40 Palestinians, including 12 children": a count of people
    that breaks down a casualty count is casualties too (set in place)."""
    for i in range(1, len(out)):
        q, prev = out[i], out[i - 1]
        if prev.category == "casualties" and q.category in ("other", "personnel") and q.unit in people \
                and q.sentence_id == prev.sentence_id and q.start - prev.end < 80 \
                and _INCLUDING.search(text, max(prev.end, q.start - 24), q.start):
            q.category = "casualties"
