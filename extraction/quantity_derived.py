"""Counts spread over items of another count, and the totals they imply.

"two brigades, each with 6,000 personnel" gives 6,000 personnel per brigade
and a derived 12,000 personnel (is_derived, derived_from both rows). The
same holds for "two brigades of 6,000 troops each" and "6,000 troops per
brigade" when the brigades were counted just before.
"""
from __future__ import annotations

from dataclasses import replace

from .ids import stable_id
from .model import Quantity
from .quantity_context import per_each_after, per_each_between
from .quantity_units import lemma

_QUAL_RANK = {"exact": 0, "approximate": 1, "at_least": 2, "at_most": 2, "range": 3}


def link_per_unit(text: str, quantities: list[Quantity], doc_id: str,
                  counted: set[str]) -> list[Quantity]:
    """Sets per_unit on the spread counts and returns the derived totals.

    ``counted`` holds the ids of quantities whose unit is a counted noun (not
    a measure or money), the only ones that can be multiplied.
    """
    derived: list[Quantity] = []
    for i in range(1, len(quantities)):
        q2 = quantities[i]
        if q2.is_derived:
            continue
        q1 = _previous_count(quantities, i, counted)
        if q1 is None:
            continue
        gap_from = q1.unit_end if q1.unit_end is not None else q1.end
        spread = False
        if gap_from <= q2.start and per_each_between(text, gap_from, q2.start):
            spread = True  # "two brigades, each with 6,000 personnel"
        else:
            after = per_each_after(text, q2.unit_end if q2.unit_end is not None else q2.end)
            if after is not None:
                noun, _ = after
                if noun is None:  # "two brigades of 6,000 troops each"
                    spread = q2.start - gap_from < 12 and text[gap_from:q2.start].strip(
                        " ,\u00a0").lower() in ("of", "with", "", "having", "containing")
                else:  # "6,000 troops per brigade"
                    spread = lemma(noun)[0] == q1.unit
        if not spread:
            continue
        q2.per_unit = q1.unit
        total = _multiply(text, q1, q2, doc_id)
        if total is not None:
            derived.append(total)
    return derived


def _previous_count(quantities: list[Quantity], i: int, counted: set[str]) -> Quantity | None:
    q2 = quantities[i]
    for j in range(i - 1, max(-1, i - 3), -1):
        q1 = quantities[j]
        if q1.is_derived or q1.sentence_id != q2.sentence_id:
            continue
        if q1.quantity_id in counted and q1.unit and q1.unit != q2.unit and q1.value is not None:
            return q1
        return None
    return None


def _multiply(text: str, q1: Quantity, q2: Quantity, doc_id: str) -> Quantity | None:
    n = q1.value
    if n is None or n <= 0:
        return None
    start = q1.start
    end = max(q2.end, q2.unit_end or q2.end)
    qual = q2.qualifier if _QUAL_RANK[q2.qualifier] >= _QUAL_RANK[q1.qualifier] else q1.qualifier
    value = q2.value * n if q2.value is not None else None
    low = q2.value_low * n if q2.value_low is not None else None
    high = q2.value_high * n if q2.value_high is not None else None
    if qual == "at_least" and low is None:
        low = value
    if qual == "at_most" and high is None:
        high = value
    return replace(
        q2,
        quantity_id=stable_id("q", doc_id, start, end, q2.unit or ""),
        start=start, end=end, text=text[start:end],
        value=value, value_low=low, value_high=high, qualifier=qual,
        per_unit=None, is_derived=True, derived_from=[q1.quantity_id, q2.quantity_id],
        unit_start=q2.unit_start, unit_end=q2.unit_end,
    )
