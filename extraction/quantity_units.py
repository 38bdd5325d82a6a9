"""What a number measures or counts: units, currencies and counted nouns.

Measurement units and currencies come from lexicons/units.yaml; counted nouns
and their categories from lexicons/quantities.yaml. Every matcher is an
anchored compiled regex tried at one position, so the cost per number is a
few regex calls.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load
from .quantity_trie import trie_alt


@dataclass(slots=True)
class UnitHit:
    unit: str
    category: str
    start: int  # span of the unit words / sign
    end: int
    money: bool = False


def _alt(words) -> str:
    # spaces inside names may be any run of white space ("square  km")
    return trie_alt(words)


@dataclass(slots=True)
class _UnitTables:
    symbol_re: re.Pattern  # case-sensitive symbols right after the number
    name_re: re.Pattern  # case-insensitive names after the number
    prefix_re: re.Pattern  # currency signs/codes before the number
    by_symbol: dict
    by_name: dict
    by_prefix: dict
    pound_money_after: frozenset
    name_heads: tuple
    symbol_heads: tuple
    prefix_last: frozenset


@lru_cache(maxsize=1)
def unit_tables() -> _UnitTables:
    lex = load("units.yaml")
    by_symbol, by_name, by_prefix = {}, {}, {}
    for m in lex["measures"]:
        for s in m.get("symbols") or []:
            by_symbol.setdefault(str(s), (m["unit"], m["category"], False))
        for n in m.get("names") or []:
            by_name.setdefault(str(n).lower(), (m["unit"], m["category"], False))
    for c in lex["currencies"]:
        for p in c.get("prefix") or []:
            by_prefix.setdefault(str(p), c["unit"])
        for n in c.get("names") or []:
            by_name[str(n).lower()] = (c["unit"], "money", True)
        # an ISO code after the number ("50 EUR") only where the code is listed as a
        # sign: codes that are also names ("AMD", "CUP") are left out of the lists
        if c["unit"] in (c.get("prefix") or []):
            by_symbol.setdefault(c["unit"], (c["unit"], "money", True))
        # signs without letters ("€", "$", "₴") are also written after the number
        # ("15€", "100 ₴"); letter prefixes only where listed as a suffix ("100 zł")
        for p in [p for p in c.get("prefix") or [] if not re.search(r"[A-Za-z]", str(p))] + \
                list(c.get("suffix") or []):
            by_symbol.setdefault(str(p), (c["unit"], "money", True))
    # symbols: optional space, then the symbol, not followed by a letter or digit
    symbol_re = re.compile(rf"[ \u00a0]?(?:{_alt(by_symbol)})(?![^\W_]|\d)")
    name_re = re.compile(rf"(?:\s*[-‐‑]\s*|[ \u00a0]+|(?<=/))(?:{_alt(by_name)})(?![^\W_])",
                         re.IGNORECASE)
    prefix_re = re.compile(rf"(?<![A-Za-z])(?:{_alt(by_prefix)})[ \u00a0]?$")
    return _UnitTables(symbol_re, name_re, prefix_re, by_symbol, by_name, by_prefix,
                       frozenset(lex["pound_money_after"]), _heads(by_name), _heads(by_symbol),
                       frozenset(p[-1] for p in by_prefix))


@lru_cache(maxsize=1)
def rate_symbols() -> dict:
    """Short time units after a slash ("/s", "/h"): lower-case symbol -> unit."""
    return {str(k).lower(): str(v) for k, v in load("units.yaml")["rate_symbols"].items()}


_HEAD = 3


def _heads(items) -> tuple:
    """What the text right after a number must start with for any of ``items`` to
    match there: their first ``_HEAD`` characters, or a whole shorter first word
    (which the matcher only accepts when no letter or digit follows). A set
    lookup then skips the big alternation for most numbers ("5 people")."""
    short: dict[int, set] = {}
    long = set()
    for it in items:
        head = re.split(r"\s", it, maxsplit=1)[0]
        if len(head) >= _HEAD:
            long.add(head[:_HEAD])
        elif head:
            short.setdefault(len(head), set()).add(head)
    return frozenset(long), tuple((n, frozenset(w)) for n, w in sorted(short.items()))


def _may_start(seg: str, heads: tuple) -> bool:
    """Whether ``seg`` (the next _HEAD + 1 characters, case already folded) can
    begin one of the items ``heads`` was built from. Not cached itself: its callers
    keep one answer per segment, so an lru here only added a miss per new segment."""
    long, short = heads
    if seg[:_HEAD] in long:
        return True
    for n, words in short:
        if seg[:n] in words and not seg[n:n + 1].isalnum():
            return True
    return False


_LEAD = re.compile(r"[\s\-‐‑]*")
_WS = re.compile(r"\s+")  # compiled once: re.sub looks its cache up on every call
_LETTERS = re.compile(r"[a-z]+")
# whether a name may start with these characters (the same 4 characters follow
# many numbers: " peo", " yea"); a plain dict, cheaper than lru_cache's key
_NAME_OK: dict[str, bool] = {}
_SYMBOL_OK: dict[str, bool] = {}


def unit_after(text: str, pos: int, scaled: bool) -> UnitHit | None:
    """Measurement unit or currency name starting right after a number at ``pos``."""
    t = unit_tables()
    c = _LEAD.match(text, pos).end()  # a name starts after spaces and hyphens
    seg = text[c:c + _HEAD + 1]
    ok = _NAME_OK.get(seg)
    if ok is None:
        if len(_NAME_OK) > 100_000:
            _NAME_OK.clear()
        # non-ASCII text may match a name through case folds a lower() check misses
        ok = _NAME_OK[seg] = not seg.isascii() or _may_start(seg.lower(), t.name_heads)
    m = t.name_re.match(text, pos) if ok else None
    if m:
        word = m.group().lstrip(" \u00a0-‐‑\t\n").lower()
        key = _WS.sub(" ", word)
        unit, cat, money = t.by_name[key]
        if unit == "lb" and (scaled or text[m.end():m.end() + 9].lower() == " sterling"):
            unit, cat, money = "GBP", "money", True  # "2 million pounds"
        return UnitHit(unit, cat, m.end() - len(word), m.end(), money)
    seg = text[pos:pos + _HEAD + 2]
    ok = _SYMBOL_OK.get(seg)
    if ok is None:
        if len(_SYMBOL_OK) > 100_000:
            _SYMBOL_OK.clear()
        ok = _SYMBOL_OK[seg] = _may_start(seg[:_HEAD + 1], t.symbol_heads) or (
            seg[:1] in (" ", "\u00a0") and _may_start(seg[1:], t.symbol_heads))
    m = t.symbol_re.match(text, pos) if ok else None
    if m:
        sym = m.group().lstrip(" \u00a0")
        unit, cat, money = t.by_symbol[_WS.sub(" ", sym)]
        if not _symbol_plausible(text, pos, m.end(), sym):
            return None
        return UnitHit(unit, cat, m.end() - len(sym), m.end(), money)
    return None


def _symbol_plausible(text: str, pos: int, end: int, sym: str) -> bool:
    """One-letter symbols ("m", "s", "t", "in") are words too: accept them attached
    to the digits, or spaced only when nothing word-like follows."""
    if len(sym) > 2 or sym in ("km", "kg", "mm", "cm", "ml", "mi", "ft", "lb", "oz", "ha",
                               "%", "°", "MW", "GW", "kW", "°C", "°F"):
        return True
    if text[pos:pos + 1] not in (" ", "\u00a0"):
        return sym not in ("'", '"') or not text[end:end + 1].isalpha()
    if sym in ("C", "F"):
        return False  # "45C" is a temperature, "45 C" more often a label or a grade
    if sym in ("in", "s", "h", "t", "g", "l", "L", "m", "'", '"', "gr", "kn", "kt", "W", "p"):
        # "2 in thick" is an inch, "2 in the car" is not: a spaced symbol must end the phrase
        nxt = text[end:end + 12].lstrip(" ")
        if not nxt or nxt[0] in ".,;:)!?":
            return True
        w = _LETTERS.match(nxt)
        if w and w.group() in ("thick", "long", "wide", "high", "deep", "tall", "diameter",
                               "across", "of"):
            return sym != "in" or w.group() != "of"
        return False
    return True


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """Currency sign or code written before the number: (unit, start of the sign)."""
    t = unit_tables()
    # the sign ends right before the number, or one space before it ("$" of the
    # pattern also matches before a final newline)
    i = start - 1
    if i >= 0 and text[i] == "\n":
        i -= 1
    if i >= 0 and text[i] in (" ", "\u00a0"):
        i -= 1
    if i < 0 or text[i] not in t.prefix_last:
        return None
    lo = max(0, start - 8)
    m = t.prefix_re.search(text, lo, start)
    if not m:
        return None
    sign = m.group().rstrip(" \u00a0")
    unit = t.by_prefix.get(sign)
    return (unit, m.start()) if unit else None


# --- counted nouns -------------------------------------------------------------

@dataclass(slots=True)
class _NounTables:
    category: dict  # lemma (possibly multi-word) -> category
    max_words: int
    invariant: frozenset
    irregular: dict
    stop: frozenset
    adjectives: frozenset
    multi_first: frozenset  # first words of the multi-word nouns


@lru_cache(maxsize=1)
def noun_tables() -> _NounTables:
    lex = load("quantities.yaml")
    cat = {}
    for category, words in lex["nouns"].items():
        for w in words:
            cat.setdefault(str(w).lower(), category)
    max_words = max(len(k.split()) for k in cat)
    irregular = {str(k).lower(): str(v).lower() for k, v in lex["irregular_plurals"].items()}
    invariant = frozenset(str(w).lower() for w in lex["invariant"])
    multi_first = frozenset(k.split(" ")[0] for k in (*cat, *irregular, *invariant) if " " in k)
    return _NounTables(cat, max_words, invariant, irregular,
                       frozenset(str(w).lower() for w in lex["stop_words"]),
                       frozenset(str(w).lower() for w in lex["adjectives"]), multi_first)


@lru_cache(maxsize=8192)
def lemma(word: str) -> tuple[str, bool]:
    """(singular lemma, looks plural) of a lower-case noun; the last part of a
    hyphenated or multi-word noun carries the number."""
    t = noun_tables()
    head, _, last = word.rpartition(" ")
    if word in t.irregular:
        return t.irregular[word], True
    if word in t.invariant:
        return word, True
    if head:
        lem, plural = lemma(last)
        return f"{head} {lem}", plural
    if last in t.irregular:
        return t.irregular[last], True
    n = len(last)
    if n > 4 and last.endswith("ies"):
        return last[:-3] + "y", True
    if n > 4 and last.endswith(("ches", "shes", "sses", "xes", "zes")):
        return last[:-2], True
    if n > 3 and last.endswith("oes"):
        return last[:-2], True
    if n > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")):
        return last[:-1], True
    return last, False


_WORD = r"([^\W\d_][\w'’.&-]*[^\W_]|[^\W\d_])"
# the words of a noun phrase: the first after blanks, each next one after blanks;
# nested optional groups, so the words found are always the first ones
_SIX_WORDS = re.compile(r"[ \t\u00a0]*" + _WORD + r"(?:[ \t\u00a0]+" + _WORD + r"(?:[ \t\u00a0]+" + _WORD
                        + r"(?:[ \t\u00a0]+" + _WORD + r"(?:[ \t\u00a0]+" + _WORD + r"(?:[ \t\u00a0]+"
                        + _WORD + r")?)?)?)?)?")


@dataclass(slots=True)
class NounHit:
    unit: str
    category: str
    start: int
    end: int


def noun_after(text: str, pos: int, value: float | None) -> NounHit | None:
    """The noun a number counts: the head of the words that follow it, skipping
    adjectives ("two armoured brigades" -> brigade, "6,000 North Korean soldiers"
    -> soldier). Plural agreement picks the head when the noun is unknown."""
    t = noun_tables()
    # up to six words apart only by blanks, read by one match: a word ends
    # before a letter never does, so blanks are the only gap a next word can have
    m = _SIX_WORDS.match(text, pos)
    if m is None:
        return None
    words: list[tuple[str, int, int]] = []
    stop = t.stop
    for g in range(1, 7):
        s = m.start(g)
        if s < 0:
            break
        e = m.end(g)
        lw = text[s:e].lower()
        if lw in stop and not (g == 1 and lw in t.category):
            break
        words.append((lw, s, e))
    if not words:
        return None
    singular = value is not None and abs(value) == 1
    best = None
    i = 0
    while i < len(words):
        lw, s, e = words[i]
        # longest known compound first ("fighter jets", "police officers")
        # only a word that starts some multi-word noun needs the longer tries
        kmax = min(t.max_words, len(words) - i) if lw in t.multi_first else 1
        for k in range(kmax, 0, -1):
            phrase = " ".join(x[0] for x in words[i:i + k]) if k > 1 else lw
            lem, plural = lemma(phrase)
            if lem in t.category and (plural or singular or k > 1 or lem in t.invariant):
                end_i = i + k
                best = NounHit(lem, t.category[lem], s, words[end_i - 1][2])
                nxt = words[end_i] if end_i < len(words) else None
                if nxt and _continues(nxt[0], t):
                    i = end_i  # a noun used as modifier: "drone attacks", "tank crews"
                    break
                return best
        else:
            lem, plural = lemma(lw)
            if plural and lw not in t.adjectives and not lw.endswith(("'s", "’s")):
                nxt = words[i + 1] if i + 1 < len(words) else None
                if nxt and _continues(nxt[0], t):
                    i += 1
                    continue
                return NounHit(lem, t.category.get(lem, "other"), s, e)
            if _verbish(lw, t):
                break
            if singular and lw not in t.adjectives and not text[s].isupper():
                nxt = words[i + 1] if i + 1 < len(words) else None
                if nxt and _continues(nxt[0], t):
                    i += 1
                    continue
                return best or NounHit(lem, t.category.get(lem, "other"), s, e)
            i += 1
    return best


def _continues(word: str, t: _NounTables) -> bool:
    """Whether ``word`` can still be part of the noun phrase (a noun after a noun)."""
    if word in t.stop or word in t.adjectives or _verbish(word, t):
        return False
    lem, plural = lemma(word)
    return plural or lem in t.category


def _verbish(word: str, t: _NounTables) -> bool:
    return word.endswith(("ed", "ing")) and word not in t.adjectives \
        and lemma(word)[0] not in t.category
