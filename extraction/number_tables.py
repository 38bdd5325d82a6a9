"""Number-word tables and the Num record, built once from lexicons/numbers.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load
from .quantity_trie import trie_alt


@dataclass(slots=True)
class Num:
    start: int
    end: int
    value: float | None  # None for vague amounts ("dozens")
    low: float | None = None  # lower bound of a vague amount or a range
    high: float | None = None  # upper bound of a range
    base: float | None = None  # value before the last scale word ("12" of "12 thousand")
    scale: float = 1.0  # that scale (1 when none)
    words: bool = False  # spelled out (at least partly)
    vague: bool = False


_DIGIT = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,\d)"
          r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?"
          r"|\d{1,3}(?: \d{3})+(?![\d,]|\.\d)"
          r"|\d+(?:\.\d+)?"
          r"|\.\d+)")


def _alt(words) -> str:
    # every pattern built here is compiled with IGNORECASE: case variants merge
    return trie_alt(words, fold=True, space=" ")


@dataclass(slots=True)
class _Tables:
    kinds: dict  # word -> (kind, value)
    phrase_re: re.Pattern
    token_re: re.Pattern
    vague_re: re.Pattern
    vague: dict
    vague_mod: dict
    scales: dict
    find_words: tuple
    continuers: frozenset  # words that can carry a phrase on after a figure


@lru_cache(maxsize=1)
def tables() -> _Tables:
    lex = load("numbers.yaml")
    kinds: dict[str, tuple[str, float]] = {}
    for kind in ("units", "teens", "tens", "hundred", "scales", "dozen", "denominators"):
        for w, v in lex[kind].items():
            kinds[w] = (kind, float(v))
    for w, v in lex["vulgar"].items():
        kinds[w] = ("vulgar", float(v))
    for w in lex["negatives"]:
        kinds[w] = ("minus", 0.0)
    kinds["point"] = ("point", 0.0)
    suffixes = lex["scale_suffixes"]
    ci_suffixes = [s for s in suffixes if s not in lex["scale_suffixes_currency_only"]]
    # A suffix scale must not run into a following letter ("10 mg" is not 10 million g).
    suffix = rf"(?:\s?(?:{_alt(ci_suffixes)})(?![^\W\d_]))"
    # single capital letters are scales only in that case, attached: "10M", "1.2B"
    cur_only = r"(?:(?-i:MM|[MBTG])(?![^\W\d_]))"
    vulgar = _alt(lex["vulgar"])
    digit_tok = (rf"(?:\d{{1,3}}/\d{{1,3}}(?![\d/])"
                 rf"|{_DIGIT}(?:\s+\d{{1,2}}/\d{{1,2}}(?!\d))?(?:{vulgar})?(?:{suffix}|{cur_only})?"
                 rf"|(?:{vulgar}))")
    word_list = [w for w, (k, _) in kinds.items() if k not in ("vulgar",)]
    word_tok = rf"\b(?:{_alt(word_list)})\b"
    tok = rf"(?:{digit_tok}|{word_tok})"
    # leading "a"/"an" only before words that need a count ("a million", "a dozen", "a half")
    needs_count = list(lex["scales"]) + list(lex["hundred"]) + list(lex["dozen"]) + list(lex["denominators"])
    lead_a = rf"(?:\b(?:a|an)\s+(?=(?:{_alt(needs_count)})\b))?"
    sep = r"(?:\s+and\s+(?:a\s+)?|\s+a\s+|\s*[-‐‑]\s*|[ \t\u00a0]+)"
    phrase = rf"(?<![\w.,/:^])(?:{lead_a}{tok}(?:{sep}{tok})*)"
    token = rf"(?P<tok>{tok})|(?P<and>\band\b)|(?P<a>\ban?\b)|(?P<hy>[-‐‑])"
    v = lex["vague"]
    mods = lex["vague_modifiers"]
    plural_scales = ["hundreds", "thousands", "millions", "billions"]
    vague_re = (rf"\b(?:(?P<mod>{_alt(mods)})\s+(?P<mscale>hundred|thousand|million|billion)s?\b"
                rf"|(?P<v>{_alt(v)})(?:\s+(?:of\s+)?(?P<more>(?:{_alt(plural_scales)})(?:\s+of\s+(?:{_alt(plural_scales)}))*))?\b)")
    return _Tables(kinds, re.compile(phrase, re.IGNORECASE), re.compile(token, re.IGNORECASE),
                   re.compile(vague_re, re.IGNORECASE), {k: float(x) for k, x in v.items()},
                   {k: float(x) for k, x in mods.items()},
                   {**{k: float(x) for k, x in lex["scale_suffixes"].items()}},
                   _prefix_cover({w for w in word_list if w.isalpha()}),
                   frozenset([*(k.lower() for k in kinds), *(str(k).lower() for k in lex["scale_suffixes"]),
                              "and", "a", "an"]))


def _prefix_cover(words: set[str]) -> tuple[str, ...]:
    """The words no other word is a prefix of: a hit for "seven" is also where
    "seventeen" and "seventy" would start, so half the str.find passes find
    every start (extra starts only cost a failed anchored match)."""
    return tuple(sorted(w for w in words
                        if not any(o != w and w.startswith(o) for o in words)))


# What may follow a figure that ends its phrase: punctuation that does not start
# a decimal or a thousands group, or a word that cannot go on with the number
_PLAIN_AFTER = re.compile(r"[,.:](?!\d)|[;)!?\"'”’\]]|\s+(?![\s\d½¼¾⅓⅔⅕⅛\-‐‑−–—])([^\W\d_]*)")
