"""The words around a number: qualifiers, casualty cues, and the contexts that
make a number a date, a time, an ordinal or a label instead of a quantity.

All word lists come from lexicons/quantities.yaml; each check is one anchored
regex on a short window next to the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load
from .quantity_trie import trie_alt, word_trie_alt


def _alt(words) -> str:
    return trie_alt(words, fold=True)


def _word_alt(words) -> str:
    """Alternation with word boundaries only where the phrase starts/ends with a word char."""
    return word_trie_alt(words)


@dataclass(slots=True)
class _Ctx:
    qual_before: re.Pattern
    qual_before_kind: dict
    qual_after: re.Pattern
    qual_after_kind: dict
    cas_before: re.Pattern
    cas_heads: re.Pattern
    cas_after: re.Pattern
    label_before: re.Pattern
    date_before: re.Pattern
    date_after: re.Pattern
    time_after: re.Pattern
    one_before: re.Pattern
    one_after: re.Pattern
    change_before: re.Pattern
    per_before: re.Pattern
    per_after: re.Pattern
    labels: dict
    qual_before_last: dict
    labels_last: dict


@lru_cache(maxsize=1)
def ctx() -> _Ctx:
    lex = load("quantities.yaml")
    qb_kind = {str(w).lower(): k for k, ws in lex["qualifiers_before"].items() for w in ws}
    qa_kind = {str(w).lower(): k for k, ws in lex["qualifiers_after"].items() for w in ws}
    months = lex["months"]
    # Month names count only capitalised ("May 5", not "may 5"): the verb is common.
    month_alt = trie_alt({m.capitalize() for m in months} | {m.upper() for m in months})
    return _Ctx(
        qual_before=re.compile(rf"(?:^|(?<=[\s(\[,;:\"“']))({_word_alt(qb_kind)})[ \t\u00a0]*$",
                               re.IGNORECASE),
        qual_before_kind=qb_kind,
        qual_after=re.compile(rf"(?:[ \t\u00a0]*|[-‐‑])({_word_alt(qa_kind)})", re.IGNORECASE),
        qual_after_kind=qa_kind,
        cas_before=re.compile(rf"\b(?:{_alt(lex['casualty_before'])})\b[ \t\u00a0]*"
                              rf"(?:[\w’'-]+[ \t\u00a0]+){{0,3}}$", re.IGNORECASE),
        # a trie, not a flat alternation: one step per offset instead of one per cue
        cas_heads=re.compile(trie_alt({str(w).lower().split()[0][:4] for w in lex["casualty_before"]})),
        cas_after=re.compile(rf"[ \t\u00a0]*(?:(?:were|are|was|have|had|been|being|reportedly|"
                             rf"also|all|people|persons|others|more|each|later|subsequently|"
                             rf"being|so far|since|been)[ \t\u00a0]+){{0,3}}"
                             rf"(?:{_alt(lex['casualty_after'])})\b", re.IGNORECASE),
        label_before=re.compile(rf"(?:^|(?<=[^\w.]))(?:{_alt(lex['label_before'])})[ \t\u00a0]*$",
                                re.IGNORECASE),
        date_before=re.compile(rf"\b(?:{month_alt})\.?[ \t\u00a0]+(?:\d{{1,2}}[ \t\u00a0]*"
                               rf"(?:[-–—]|to|and|or|through)[ \t\u00a0]*)?$"),
        date_after=re.compile(rf"(?:st|nd|rd|th)?[ \t\u00a0]*(?:[-–—][ \t\u00a0]*\d{{1,2}}"
                              rf"(?:st|nd|rd|th)?[ \t\u00a0]*)?(?:of[ \t\u00a0]+)?(?:{month_alt})\b"),
        time_after=re.compile(rf"(?::\d\d|[ \t\u00a0]*(?:{_word_alt(lex['time_after'])}))", re.IGNORECASE),
        one_before=re.compile(rf"\b(?:{_alt(lex['one_pronoun_before'])})[ \t\u00a0]+$", re.IGNORECASE),
        one_after=re.compile(rf"[ \t\u00a0]+(?:{_alt(lex['one_pronoun_after'])})\b", re.IGNORECASE),
        change_before=re.compile(rf"\b(?:{_alt(lex['change_words'])})\b[ \t\u00a0]+"
                                 rf"(?:[\w’'-]+[ \t\u00a0]+){{0,2}}from[ \t\u00a0]+$", re.IGNORECASE),
        per_before=re.compile(rf"[\s,;:(—–-]*(?:{_alt(lex['per_each_before'])})[\s:]*$", re.IGNORECASE),
        per_after=re.compile(rf"[ \t\u00a0]*,?[ \t\u00a0]*(?:{_alt(lex['per_each_after'])})"
                             rf"(?:[ \t\u00a0]+(?:a[ \t\u00a0]+|an[ \t\u00a0]+|the[ \t\u00a0]+)?"
                             rf"([^\W\d_][\w-]*))?\b", re.IGNORECASE),
        labels={str(w).lower(): True for w in lex["label_before"]},
        qual_before_last=_last_of(qb_kind),
        labels_last=_last_of(str(w).lower() for w in lex["label_before"]),
    )


def _last_of(phrases) -> dict:
    """Last word of the phrases -> the most words a phrase ending with it has: the
    word before a number must be one of them, and the look-back need not try
    longer phrases than that ("to" ends only two-word qualifiers: "up to")."""
    most: dict[str, int] = {}
    for p in phrases:
        words = p.split(" ")
        most[words[-1]] = max(most.get(words[-1], 0), len(words))
    return most


_TOKS = re.compile(r"\S+")
_WS = re.compile(r"\s+")  # compiled once: re.sub looks its cache up on every call
_OPENING = "([\"'“‘"


def _last_words(text: str, start: int, floor: int, table, last: frozenset, max_words: int,
                span: int):
    """Longest phrase of up to ``max_words`` words ending right before ``start`` that is
    a key of ``table``: (value, phrase start). Dict lookups instead of a regex
    alternation searched at every offset of the window; ``last`` (the keys' last
    words) turns most numbers away after one split."""
    lo = max(floor, start - span)
    words = text[lo:start].rsplit(None, 1)  # the last word is all the first test needs
    if not words:
        return None
    w = words[-1].lower()
    most = last.get(w, 0)
    if w[0] in _OPENING:  # '"about': the quote opens the phrase, it is not part of it
        most = max(most, last.get(w.lstrip(_OPENING), 0))
    if not most:
        return None
    toks = list(_TOKS.finditer(text, lo, start))
    if not toks or text[toks[-1].end():start].strip():
        return None
    if toks[0].start() == lo and lo > floor and not text[lo - 1].isspace():
        toks = toks[1:]  # cut mid-word
    for k in range(min(max_words, most, len(toks)), 0, -1):
        seg = toks[-k:]
        first = seg[0].group().lstrip(_OPENING)
        phrase = " ".join([first] + [x.group() for x in seg[1:]]).lower()
        if phrase in table:
            return table[phrase], seg[0].end() - len(first)
    return None


def qualifier_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """Qualifier ending right before ``start``: (kind, its start)."""
    c = ctx()
    return _last_words(text, start, floor, c.qual_before_kind, c.qual_before_last, 5, 40)


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    c = ctx()
    m = c.qual_after.match(text, end, min(len(text), end + 24))
    if not m:
        return None
    word = _WS.sub(" ", m.group(1).lower())
    return c.qual_after_kind.get(word), m.end(1)


def casualty_before(text: str, start: int, floor: int) -> bool:
    c = ctx()
    lo = max(floor, start - 60)
    # the cue's first letters must be in the window: one cheap search turns most
    # numbers away before the anchored alternation is tried at every offset
    if c.cas_heads.search(text[lo:start].lower()) is None:
        return False
    return c.cas_before.search(text, lo, start) is not None


def casualty_after(text: str, end: int, ceil: int) -> re.Match | None:
    return ctx().cas_after.match(text, end, min(ceil, end + 60))


def is_label(text: str, start: int, floor: int) -> bool:
    """"No. 5", "Resolution 2254", "F-16", "#3": the number names something."""
    if start > 0:
        prev = text[start - 1]
        if prev == "#" or prev.isalpha():
            return True
        if prev in "-‐‑" and start > 1 and text[start - 2].isalnum():
            return True  # "F-16", "COVID-19", "2013-14" handled as ranges before this
    c = ctx()
    return _last_words(text, start, floor, c.labels, c.labels_last, 1, 16) is not None


_MONTH_INITIAL = re.compile("[JFMASOND]")


def is_date(text: str, start: int, end: int, floor: int) -> bool:
    c = ctx()
    lo = max(floor, start - 24)
    # month names count only capitalised: no capital initial, no month before
    if _MONTH_INITIAL.search(text, lo, start) and c.date_before.search(text, lo, start):
        return True
    return c.date_after.match(text, end, min(len(text), end + 30)) is not None


def is_time(text: str, start: int, end: int) -> bool:
    if start > 1 and text[start - 1] == ":" and text[start - 2].isdigit():
        return True
    return ctx().time_after.match(text, end, min(len(text), end + 14)) is not None


def is_one_pronoun(text: str, start: int, end: int, floor: int) -> bool:
    c = ctx()
    return (c.one_before.search(text, max(floor, start - 14), start) is not None
            or c.one_after.match(text, end, min(len(text), end + 20)) is not None)


def is_change(text: str, start: int, floor: int) -> bool:
    """"rose from 3 to 5": two values in time, not a range."""
    return ctx().change_before.search(text, max(floor, start - 50), start) is not None


def per_each_between(text: str, a: int, b: int) -> bool:
    """"two brigades, each with 6,000": the words between the two counts."""
    return b - a < 40 and ctx().per_before.fullmatch(text, a, b) is not None


def per_each_after(text: str, end: int) -> tuple[str | None, int] | None:
    """"6,000 troops each" -> (None, end); "6,000 per brigade" -> ("brigade", end)."""
    m = ctx().per_after.match(text, end, min(len(text), end + 40))
    if not m:
        return None
    words = m.group().replace(",", " ").split()
    if words and words[0].lower() in ("each", "apiece"):
        return None, m.end()  # "6,000 troops each": the word after is not the item
    if m.group(1) is None:
        return None
    return m.group(1).lower(), m.end()
