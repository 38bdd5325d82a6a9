"""More contexts that make a figure something other than a quantity, and the
"m" that means million before a counted noun.

Kept apart from quantity_context (the qualifier and casualty cues) so each
module stays small. Word lists come from lexicons/quantities.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load
from .number_tables import Num
from .quantity_units import UnitHit, lemma, noun_tables


@lru_cache(maxsize=1)
def _temperature_cue() -> re.Pattern:
    words = load("quantities.yaml")["temperature_cues"]
    alt = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


def bare_temperature_ok(text: str, hit: UnitHit, floor: int, ceil: int) -> bool:
    """A lone "C"/"F" symbol ("45C") needs a temperature word in its sentence and
    no slash after it ("14.7C/ per security" is cents)."""
    if hit.end - hit.start != 1 or text[hit.start] not in "CF":
        return True
    if text[hit.end:hit.end + 1] == "/":
        return False
    return _temperature_cue().search(text, max(floor, hit.start - 100), min(ceil, hit.end + 100)) is not None


@lru_cache(maxsize=1)
def _lex() -> tuple[re.Pattern, re.Pattern, frozenset]:
    lex = load("quantities.yaml")
    # Era markers are written in capitals ("575 BC", "AD 70"); lower-case "ad"
    # and "ce" are words, so the match is case-sensitive.
    after = "|".join(re.escape(w) for w in sorted(lex["era_after"], key=len, reverse=True))
    before = "|".join(re.escape(w) for w in sorted(lex["era_before"], key=len, reverse=True))
    return (re.compile(rf"[ \t\u00a0]*(?:{after})(?![A-Za-z0-9])"),
            re.compile(rf"(?<![\w.])(?:{before})[ \t\u00a0]*$"),
            frozenset(str(w).lower() for w in lex["label_before"]))


# A latitude/longitude pair written as "33.783; 44.500": both decimals with at
# least three places.
_COORD_AFTER = re.compile(r";[ \t\u00a0]*-?\d{1,3}\.\d{3,}")
_COORD_BEFORE = re.compile(r"\d\.\d{3,};[ \t\u00a0]*-?$")


def is_code(text: str, num: Num, floor: int) -> bool:
    """A figure that identifies or places rather than counts: "0800", "007",
    "575 BC", "AD 70", "33.783; 44.500"."""
    s, e = num.start, num.end
    surface = text[s:e]
    if len(surface) > 1 and surface[0] == "0" and surface[1].isdigit():
        return True  # leading zeros: phone numbers, codes, ids
    era_after, era_before, _ = _lex()
    # eras are written in capitals: test for one before trying the patterns
    nxt = text[e:e + 8].lstrip(" \t\u00a0")[:1]
    if nxt in ("A", "B", "C") and era_after.match(text, e):
        return True
    if "A" in text[max(floor, s - 6):s] and era_before.search(text, max(floor, s - 6), s):
        return True
    dot = surface.find(".")
    if dot != -1 and len(surface) - dot > 3:
        return bool(_COORD_AFTER.match(text, e) or _COORD_BEFORE.search(text, max(floor, s - 16), s))
    return False


@lru_cache(maxsize=1)
def _denominators() -> frozenset:
    return frozenset(int(d) for d in load("quantities.yaml")["fraction_denominators"])


_SLASH = re.compile(r"(\d+)/(\d+)")


def is_slash_name(text: str, num: Num) -> bool:
    """"24/7", "9/11", "50/50": a figure over a figure that is not a fraction names,
    rates or dates something. A fraction is below 1, and over a usual denominator
    ("3/4"), over one no day of a month can be ("1/40"), or followed by "of"
    ("7/12 of the vote"). Callers ask only when no unit follows ("3/4 inch")."""
    if text.find("/", num.start, num.end) < 0:
        return False  # most figures: no slash, no regex
    m = _SLASH.fullmatch(text, num.start, num.end)
    if m is None:
        return False
    a, b = int(m.group(1)), int(m.group(2))
    if a >= b:
        return True
    if b in _denominators() or b > 31:
        return False
    return _OF_NEXT.match(text, num.end) is None


@lru_cache(maxsize=1)
def _noun_numbers() -> frozenset:
    return frozenset(str(w).lower() for w in load("quantities.yaml")["noun_number_words"])


def is_noun_not_number(text: str, num: Num) -> bool:
    """"the score was 3-1": a number word that is mostly a noun, alone and not
    followed by "of", names the thing, not an amount."""
    return text[num.start:num.end].lower() in _noun_numbers() and _OF_NEXT.match(text, num.end) is None


@lru_cache(maxsize=1)
def _part_words() -> frozenset:
    return frozenset(str(w).lower() for w in load("quantities.yaml")["fraction_not_after"])


_A_FRACTION = re.compile(r"an?[ \t\u00a0]+(?!half\b)[a-z]+$", re.IGNORECASE)


def is_part_not_amount(text: str, num: Num, floor: int) -> bool:
    """A spelled fraction that names a part or a position: "the first half",
    "the fourth quarter", "a third co-worker" (an ordinal before a noun)."""
    if num.value is None or not 0 < num.value < 1:
        return False
    m = _PREV_WORD.search(text, max(floor, num.start - 16), num.start)
    part = _PART_BEFORE.search(text, max(floor, num.start - 16), num.start)
    if part is not None and part.group(1).lower() in _part_words():
        return True  # "the first half", "the 2nd half", "a second-half goal"
    if _A_FRACTION.fullmatch(text, num.start, num.end):
        # "a third" is an amount in "a third of", "by a third"; otherwise an
        # ordinal: "wounded a third", "a third co-worker", "A third was shot"
        if _OF_NEXT.match(text, num.end):
            return False
        return m is None or m.group(1).lower() != "by"
    return False


_OF_NEXT = re.compile(r"[ \t\u00a0]+of\b", re.IGNORECASE)
# the word before a spelled fraction, spaced or hyphened to it; "1st" starts with a digit
_PART_BEFORE = re.compile(r"(?<![\w.])([A-Za-z0-9][\w.]*)(?:[ \t\u00a0]+|[ \t\u00a0]*[-‐‑][ \t\u00a0]*)$")


_PREV_WORD = re.compile(r"([A-Za-z][\w.]*)[ \t\u00a0]+$")


def is_word_label(text: str, start: int, floor: int) -> bool:
    """"Chapter two", "Phase Three", "number one": a spelled-out number that names
    a part. Label words count only capitalised (or "number"/"No."), since
    "the match two weeks ago" has a lower-case label word before a real count."""
    m = _PREV_WORD.search(text, max(floor, start - 16), start)
    if m is None:
        return False
    w = m.group(1)
    low = w.lower()
    if low not in _lex()[2]:
        return False
    return w[0].isupper() or low in ("number", "no.")


def scale_m(text: str, hit: UnitHit, value: float | None) -> bool:
    """"1.2m people", "5m barrels": an "m" attached to the digits and followed by
    a counted noun is a million, not metres ("a 100m tower", "ran 400m")."""
    if hit.unit != "m" or value is None or text[hit.start - 1:hit.start].isspace():
        return False
    m = _NEXT_WORD.match(text, hit.end)
    if m is None:
        return False
    w = m.group(1).lower()
    t = noun_tables()
    if w in t.stop or w in t.adjectives:
        return False
    lem, plural = lemma(w)
    return plural or lem in t.category


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’-]*)")


def adjacent_figures(text: str, nums: list[Num]) -> set[int]:
    """Indices of bare figures separated by one space from another bare figure
    ("0800 123 4567", "245 23"): phone numbers and codes, not two counts.
    Thousands written with spaces ("10 000") were already read as one number."""
    out: set[int] = set()
    for i in range(len(nums) - 1):
        a, b = nums[i], nums[i + 1]
        if b.start - a.end == 1 and text[a.end] in " \u00a0" and not a.words and not b.words \
                and a.value is not None and b.value is not None \
                and text[a.end - 1].isdigit() and text[b.start].isdigit():
            out.add(i)
            out.add(i + 1)
    return out


@lru_cache(maxsize=1)
def _before_re() -> tuple[re.Pattern, dict, re.Pattern]:
    table = {str(k).lower(): str(v) for k, v in load("units.yaml")["units_before"].items()}
    alt = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"\b({alt})(?:[ \t\u00a0]*[-‐‑][ \t\u00a0]*|[ \t\u00a0]+(?:of[ \t\u00a0]+)?)$",
                      re.IGNORECASE), table, \
        re.compile("|".join(re.escape(h) for h in sorted({k[:3] for k in table})) or "(?!)")


def unit_before(text: str, start: int, floor: int) -> tuple[str, int, int] | None:
    """A unit written before the figure ("magnitude 7.5", "Mach 5"): (unit, its
    start, its end)."""
    pattern, table, heads = _before_re()
    low = text[max(floor, start - 16):start].lower()
    if heads.search(low) is None:  # most figures: no such word before them
        return None
    m = pattern.search(text, max(floor, start - 16), start)
    if m is None:
        return None
    return table[m.group(1).lower()], m.start(1), m.end(1)
