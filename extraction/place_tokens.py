"""Capitalised runs ("Kherson", "Deir ez-Zor", "al-Raqqa", "North Kivu") and their
tokens: the text side of place finding, before any gazetteer lookup."""
from __future__ import annotations

import re

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
# Arabic articles written before a name with a hyphen ("al-Raqqa", "ez-Zor", "ash-Sham").
_CAP = r"(?:(?:al|el|ad|ar|as|an|at|ash|az|ed|er|es|en|et|esh|ez|ul)[-‐])?[" + _UPPER + r"][\w'’‐-]*"
_CONNECT = r"(?:\s(?:(?:of|de|del|la|le|di|da|do|dos|das|du|al|el|on|upon|the)\s)?" + _CAP + r")*"
# The same runs as (?<![\w'’-])_CAP_CONNECT, written to start with a character
# class so that sre jumps between candidates (see fast_regex): the first
# character is a capital or the a/e/u of an "al-"/"el-"/"ul-" prefix.
_RUN = re.compile(r"[aeu" + _UPPER + r"](?<![\w'’-][\s\S])(?:(?:(?<=a)(?:l|d|r|s|n|t|sh|z)|(?<=e)(?:l|d|r|s|n|t|sh|z)"
                  r"|(?<=u)l)"
                  r"[-‐][" + _UPPER + r"][\w'’‐-]*|(?<![aeu])[\w'’‐-]*)" + _CONNECT)
# _RUN's matches that start with a capital, and where an "al-" start may be:
# together they find the same runs ~2x faster, as _RUN tries every a, e and u
# of the text as a possible "al-"/"el-"/"ul-" (see runs()).
_UPRUN = re.compile("[" + _UPPER + r"](?<![\w'’-][\s\S])[\w'’‐-]*" + _CONNECT)
_HYPHEN_CAP = re.compile(r"[-‐][" + _UPPER + "]")
_TOKEN = re.compile(_CAP)
_AFTER = re.compile(r"\s+([a-z]+)")
# (?<![\w.])(?:U.S.A?.?|U.K.|D.P.R.K.|U.A.E.)(?!\w), class-first as above.
_ABBREV = re.compile(r"[UD](?<![\w.][\s\S])(?:(?<=U)(?:\.S\.A?\.?|\.K\.|\.A\.E\.)|(?<=D)\.P\.R\.K\.)(?!\w)")


def runs(text):
    """The matches of _RUN.finditer(text), in order.

    A run that does not start with a capital starts with an article joined by
    a hyphen to a capital ("al-Raqqa"), so it is found from the hyphen. Both
    kinds of match continue alike, so a capital start inside an article run
    ends where that run ends: leftmost non-overlapping matches are _RUN's.
    """
    arts = []
    for h in _HYPHEN_CAP.finditer(text):
        p = h.start()
        for a in (p - 2, p - 3):  # articles have two or three letters
            if a >= 0 and text[a] in "aeu":
                m = _RUN.match(text, a)
                if m:
                    arts.append(m)
                    break
    if not arts:
        return _UPRUN.finditer(text)
    return _merge(arts, _UPRUN.finditer(text))


def _merge(arts, ups):
    out, end = [], -1
    for m in sorted([*arts, *ups], key=lambda m: m.start()):
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


def tokens(text, rs, re_):
    """Tokens of a capitalised run: (start, end) with possessive 's and trailing
    hyphens or apostrophes trimmed."""
    out = []
    for t in _TOKEN.finditer(text, rs, re_):
        s, e = t.span()
        c = text[e - 1]
        if c not in _TRIMMED:  # most tokens end with a letter: nothing to trim
            out.append((s, e))
            continue
        if c == "s":
            if e - s < 2 or text[e - 2] not in "'’":
                out.append((s, e))
                continue
            e -= 2
        while e > s and text[e - 1] in "-‐'’":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_TRIMMED = frozenset("s-‐'’")  # last characters tokens() may trim after
