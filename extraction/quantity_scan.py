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


def number_starts(text: str, words) -> tuple[list[int], list[tuple[int, int]]] | None:
    """(starts of ``words`` as ``_word_hits`` finds them, runs of digits as
    (start, end)) in one pass over the lower-cased text instead of two: each
    pass of the regex engine costs ~150 instructions per character. None when
    one pass cannot give both (then the caller scans twice)."""
    low = _lower(text)
    if len(low) != len(text) or len(words) <= 12:
        return None
    rx = _digits_words_re(tuple(words), text.isascii())
    if rx is None:
        return None
    hits: list[int] = []
    runs: list[tuple[int, int]] = []
    for m in rx.finditer(low):
        if m.start(1) >= 0:  # a digit run, and the word right after its last digit if any
            runs.append((m.start(), m.end(1)))
            s2 = m.start(2)
            if s2 >= 0:
                hits.append(s2)
        else:
            hits.append(m.start(3))
    if low[:1].isalpha() and _trie_re_plain(tuple(words)).match(low):
        hits.insert(0, 0)  # the text starts with a word: no character before it
    return hits, runs


@lru_cache(maxsize=8)
def _digits_words_re(words: tuple, ascii_only: bool) -> re.Pattern | None:
    """A digit run, or a word after one non-letter. A word straight after a digit
    run ("5million") is read with the run: the word scan alone would have used
    the last digit as its non-letter. Digits and vulgar fractions are the
    same in the lower-cased text, so their runs line up with the text's."""
    if not _trie_re(words)[1]:
        return None
    trie = _word_trie(words)
    digit = "[0-9]" if ascii_only else DIGIT_CLASS
    # every match starts with a non-letter, so the engine skips letters fast; a
    # digit there starts a run (group 1 its rest), anything else a word (group 3)
    return re.compile(rf"[^a-z](?:(?<={digit})({digit}*)({trie})?|({trie}))")


# the characters of a figure's digit runs (numbers._phrases starts a figure at each)
DIGIT_CLASS = r"[\d½¼¾⅓⅔⅕⅛]"


@lru_cache(maxsize=8)
def _trie_re(words: tuple) -> tuple[re.Pattern, bool]:
    """(pattern, whether it consumes the character before the word). For words of
    plain letters the non-letter before a word is matched, not looked behind at:
    the search then skips from non-letter to non-letter (~15% faster) and finds
    the same starts, since a word ends with a letter and so never holds the
    character before the next one."""
    if all(w.isascii() and w.isalpha() and w.islower() for w in words):
        return re.compile(rf"[^a-z]({_word_trie(words)})"), True
    return _trie_re_plain(words), False


@lru_cache(maxsize=8)
def _trie_re_plain(words: tuple) -> re.Pattern:
    return re.compile(rf"(?<![a-z]){_word_trie(words)}")


@lru_cache(maxsize=8)
def _word_trie(words: tuple) -> str:
    """The words' trie source, built once: four patterns embed it, and the one for
    non-ASCII text is first compiled mid-run, where rebuilding cost ~5 ms."""
    return trie_alt(words, space=" ")
