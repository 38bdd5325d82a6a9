"""Regexes that Python's sre engine can scan for quickly.

sre skips ahead to candidate positions only when a pattern starts with a
literal or a character class. A pattern that starts with a look-behind, an
optional group or a long alternation is instead tried at every position of
the text (10-20 MB/s instead of 100-300). ``lead_alternation`` writes an
alternation of words so that it starts with the class of their first
characters, with the same matches in the same preference order: after the
first character, a look-behind picks the words that start with it.
"""
from __future__ import annotations

import re


def lead_alternation(items, not_after: str | None = None, fold_case: bool = False) -> str:
    r"""Regex source matching exactly like ``(?<!not_after)(?:w1 t1|w2 t2|...)``.

    items: words, or (word, tail regex) pairs, in preference order; a tail is
    regex source that must follow its word. not_after: a character-class item
    (e.g. r"[\w-]") that may not come right before the match. The look-behind
    moves after the first character as ``(?<!X[\s\S])``, which also holds at the start
    of the text, so that the pattern still begins with a character class.
    fold_case: the result goes inside ``(?i:...)``; words are grouped by their
    lower-cased first letter so that the preference order stays the same. Only
    ASCII words (Unicode case folding of other letters is not one-to-one).
    """
    groups: dict[str, list[str]] = {}
    for it in items:
        word, tail = (it, "") if isinstance(it, str) else it
        if not word:
            raise ValueError("empty word in an alternation")
        if fold_case and not word.isascii():
            raise ValueError(f"fold_case needs ASCII words: {word!r}")
        groups.setdefault(word[0].lower() if fold_case else word[0], []).append(re.escape(word[1:]) + tail)
    firsts = "[" + "".join(re.escape(c) for c in groups) + "]"
    guard = f"(?<!{not_after}[\\s\\S])" if not_after else ""
    parts = [f"(?<={re.escape(c)})(?:{'|'.join(rests)})" for c, rests in groups.items()]
    return firsts + guard + "(?:" + "|".join(parts) + ")"
