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


def _emit(node: dict, space: str) -> str:
    alts = [(space if ch == " " else re.escape(ch)) + _emit(sub, space)
            for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body
