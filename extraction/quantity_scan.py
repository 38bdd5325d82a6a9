"""Where number words start in a text: one pass over its lower-cased copy.

numbers and quantity_vague both start from these offsets; their own regexes
then read the whole phrase at each one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .quantity_trie import trie_alt

_LOWER: tuple = (None, "")


def _lower(text: str) -> str:
    """text.lower() of the last text seen: numbers and vague amounts both scan it.
    One tuple swapped whole, so a thread never pairs a text with another's copy."""
    global _LOWER
    seen = _LOWER
    if seen[0] is text:
        return seen[1]
    low = text.lower()
    _LOWER = (text, low)
    return low


def _word_hits(text: str, words) -> list[int] | None:
    """Start offsets of ``words`` in the lower-cased text (for many words only
    where they begin a word). For many words one search with a trie-shaped regex (a letter-by-letter choice, so each
    offset costs one step) behind a cheap look-behind; the callers' own regexes
    then check the whole phrase. None when lower-casing changes the length
    (then offsets would not line up)."""
    low = _lower(text)
    if len(low) != len(text):
        return None
    if len(words) > 12:
        rx, consumes = _trie_re(tuple(words))
        if consumes:
            hits = [m.start(1) for m in rx.finditer(low)]
            if low[:1].isalpha() and _trie_re_plain(tuple(words)).match(low):
                hits.insert(0, 0)  # the text starts with a word: no character before it
            return hits
        return [m.start() for m in rx.finditer(low)]
    hits = []  # a few words: one str.find pass each is cheaper than a regex pass
    for w in words:
        i = low.find(w)
        while i != -1:
            hits.append(i)
            i = low.find(w, i + 1)
    return hits


@lru_cache(maxsize=8)
def _trie_re(words: tuple) -> tuple[re.Pattern, bool]:
    """(pattern, whether it consumes the character before the word). For words of
    plain letters the non-letter before a word is matched, not looked behind at:
    the search then skips from non-letter to non-letter (~15% faster) and finds
    the same starts, since a word ends with a letter and so never holds the
    character before the next one."""
    if all(w.isascii() and w.isalpha() and w.islower() for w in words):
        return re.compile(rf"[^a-z]({trie_alt(words, space=' ')})"), True
    return _trie_re_plain(words), False


@lru_cache(maxsize=8)
def _trie_re_plain(words: tuple) -> re.Pattern:
    return re.compile(rf"(?<![a-z]){trie_alt(words, space=' ')}")
