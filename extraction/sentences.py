"""Sentence splitting with exact character offsets."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load
from .model import Sentence

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# then whitespace; or a blank line / line break (news paragraphs).
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in load("abbreviations.yaml")["abbreviations"])


def split_sentences(text: str) -> list[Sentence]:
    abbrevs = _abbreviations()
    sentences: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() != "\n":
            # "U.S. State Department": the dot closes an abbreviation, not a sentence.
            word = _WORD_BEFORE.search(text, max(start, m.start() - 20), m.start() + 1)
            token = word.group(1).rstrip(".!?").lstrip("\"'“‘([") if word else ""
            if token.lower() in abbrevs or (len(token) == 1 and token.isupper()):
                continue
            nxt = re.match(r"\s+(\S)", text[end:end + 10])
            if nxt and nxt.group(1).islower():
                continue
        _append(sentences, text, start, end)
        start = end
    if start < n:
        _append(sentences, text, start, n)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    # Trim surrounding whitespace so the span starts and ends on text.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end]))
