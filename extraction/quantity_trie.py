"""Alternations of many words as a letter trie, for the quantity regexes.

Python's re tries the branches of ``a|b|c`` one after another at every offset;
written as a trie ("k(?:m(?:/h)?|g)") each offset costs one step per letter.
Branches are tried longest first, as in an alternation sorted by length, so a
pattern matches the same text either way.
"""
from __future__ import annotations

import re


def trie_alt(words, fold: bool = False, space: str = r"\s+") -> str:
    """Regex source matching any of ``words`` (longest first). ``fold`` merges
    case variants (for patterns compiled with IGNORECASE); a space in a word
    matches ``space``."""
    root: dict = {}
    for w in {str(w).lower() if fold else str(w) for w in words if str(w)}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root, space) or "(?!)"


_END_B = "\x00b"  # a word boundary after a word that ends in a letter or digit


def word_trie_alt(words, fold: bool = True, space: str = r"\s+") -> str:
    """Like ``trie_alt``, with a word boundary before a word that starts with a
    letter or digit and after one that ends with one ("km" but not "kmh";
    "+" and "a.m." need none)."""
    root: dict = {}
    for w in {str(w).lower() if fold else str(w) for w in words if str(w)}:
        node = root
        for i, ch in enumerate(w):
            key = "\x00B" + ch if i == 0 and ch.isalnum() else ch
            node = node.setdefault(key, {})
        if w[-1].isalnum():
            node = node.setdefault(_END_B, {})
        node[""] = {}
    return _emit(root, space) or "(?!)"


def _frag(ch: str, space: str) -> str:
    if ch == _END_B:
        return r"\b"
    if ch.startswith("\x00B"):
        return r"\b" + re.escape(ch[2:])
    return space if ch == " " else re.escape(ch)


def _emit(node: dict, space: str) -> str:
    # the boundary that ends a word is tried after the longer words through
    # the same letters, as the longest-first alternation would
    keys = sorted((k for k in node if k), key=lambda k: (k == _END_B, k))
    alts = [_frag(ch, space) + _emit(node[ch], space) for ch in keys]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body
