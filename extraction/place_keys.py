"""Name keys of the gazetteer: ASCII-folded, lower-case, with the transliteration
variants of places.yaml folded away, so that Sergeevka, Sergeyevka and
Сергеевка's Latin forms meet on one key. Used for gazetteer names and text alike."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import load


@lru_cache(maxsize=1)
def _variants():
    return [(re.compile(a), b) for a, b in load("places.yaml")["spelling_variants"]]


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOS = re.compile(r"['’ʼ`]")
_NOT_KEY = re.compile(r"[^a-z0-9\n]+")
_EDGE = re.compile(r" *\n *")
# Scripts other than Latin: such alternate names are never written in English text.
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u1dff\u2e80-\uffff]")


def _fold_bulk(s: str) -> str:
    """fold() over many newline-separated names at once: one C-level pass per step."""
    s = unicodedata.normalize("NFKD", s.replace("ё", "е").replace("Ё", "Е"))
    s = _APOS.sub("", _COMBINING.sub("", s).lower())
    return _EDGE.sub("\n", _NOT_KEY.sub(" ", s)).strip(" ")


def _key_bulk(s: str) -> str:
    s = _fold_bulk(s)
    for rx, rep in _variants():
        s = rx.sub(rep, s)
    return _EDGE.sub("\n", s).strip(" ")


@lru_cache(maxsize=1)
def _fast_variants():
    return [(rx, _fast_repl(rx, rep)) for rx, rep in _variants()]


def _fast_repl(rx, rep):
    """What sub() makes of a replacement string, made once.

    sub() with a string holding a backslash ("\\1") rebuilds its replacement
    function on every call, matched or not (~1 us each, more than the scan of
    a word); re._subx is that very builder, so its result replaces the same way.
    """
    if not isinstance(rep, str) or "\\" not in rep:
        return rep
    try:
        made = re._subx(rx, rep)
    except Exception:  # another Python's internals: keep the string, same result
        return rep
    if isinstance(made, str):  # a literal: sub() would read a backslash in it as an escape again
        return made if "\\" not in made else (lambda m, lit=made: lit)
    return made if callable(made) else rep


@lru_cache(maxsize=1)
def _any_variant():
    return _joined(_variants())


def _joined(rules):
    """One regex matching wherever any spelling-variant rule would, or None.

    Most names trigger no rule, and then the whole chain of subs is a no-op (a
    rule that finds nothing leaves the string as the next rule saw it), so
    one search can stand for a dozen subs (a rule that only rewrites a match to
    itself counts as finding nothing). Group back-references are
    renumbered for the joined pattern; rules this cannot rewrite (named
    groups, conditionals, global flags) get no shortcut.
    """
    parts, offset = [], 0
    for rx, rep in rules:
        src = rx.pattern
        if src.endswith("+") and _literal_char(src[:-1]) == rep:
            # Collapsing a repeated character ("' +' -> ' '") only changes a string
            # where the character is doubled: a lone one is replaced by itself.
            parts.append("(?:" + re.escape(rep) * 2 + ")")
            continue
        if "(?P" in src or "(?(" in src or re.search(r"\(\?[aiLmsux]+\)|\\[0-9][0-9]", src):
            return None
        parts.append("(?:" + re.sub(r"\\(\\|[1-9])",
                                    lambda m, o=offset: m.group() if m.group(1) == "\\" else f"\\{int(m.group(1)) + o}",
                                    src) + ")")
        offset += rx.groups
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _literal_char(src: str) -> str | None:
    """The character a one-character regex source matches literally (" ", "\\-"), else None."""
    if len(src) == 1 and src not in ".^$*+?{}[]\\|()":
        return src
    if len(src) == 2 and src[0] == "\\" and not src[1].isalnum():
        return src[1]
    return None


_DROP_APOS = str.maketrans("", "", "'`")  # the ASCII members of _APOS


def _fold1(s: str) -> str:
    """_fold_bulk of one name without newlines; the same steps with the no-ops
    skipped for ASCII text (NFKD, the combining marks and the other
    apostrophes of _APOS only ever change non-ASCII characters)."""
    if not s.isascii():
        return _fold_bulk(s)
    s = _NOT_KEY.sub(" ", s.lower().translate(_DROP_APOS))
    return s.strip(" ")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """ASCII, lower-case, punctuation as spaces; apostrophes vanish (Kirov's -> kirovs)."""
    return _fold1(s.replace("\n", " ")).strip()


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """fold() with the transliteration variants folded away: _key_bulk of one name."""
    return _key_of_fold1(_fold1(s.replace("\n", " ")))


def fold_key(s: str) -> tuple[str, str, str | None]:
    """(fold(s), key(s), parts) with one folding and no memo, for callers that
    keep their own. parts: for ASCII, the words with the word-local rules
    applied; the parts of names written side by side with one space, joined by
    one space, give through finish_key() the key of the whole ("Kursk" "Oblast"
    -> "kursk oblast"). None when that does not hold."""
    if s.isalpha() and s.isascii():
        # One plain word, most tokens of a text: its fold is lower(), and the steps
        # below reduce to one word key and the rules that join words.
        split = _word_rules()
        if split is not None:
            f = s.lower()
            w = _WORD_KEYS.get(f) or _word_key(f, split[0], split[1])
            k, rest, rpre = w, split[2], split[3]
            if rest and (rpre is None or rpre.search(k)):
                for rx, rep in rest:
                    k = rx.sub(rep, k)
            return f, k.strip(" ").strip(), (w or None)
    f = _fold1(s.replace("\n", " "))
    w = _word_keyed(f)
    k = finish_key(w) if w is not None else _key_of_fold1(f)
    return f.strip(), k, (w if w and s.isascii() else None)


def _key_of_fold1(s: str) -> str:
    w = _word_keyed(s)
    if w is not None:
        return finish_key(w)
    if "\n" in s:  # NFKD of some exotic character: the general path
        return _key_bulk_of_folded(s).strip()
    pre = _any_variant()
    if pre is None or pre.search(s):
        for rx, rep in _fast_variants():
            s = rx.sub(rep, s)
        if "\n" in s:
            s = _EDGE.sub("\n", s)
    return s.strip(" ").strip()


def _word_keyed(s: str) -> str | None:
    """A folded name with the word-local spelling rules applied word by word.

    Rule by rule over the whole name is the same as all word-local rules word
    by word, then the rest over the joined words (finish_key): words repeat far
    more than names ("john", "smith"), so each is rewritten once.
    """
    split = _word_rules()
    if split is None or "\n" in s:
        return None
    words, wpre, _, _ = split
    wk = _WORD_KEYS
    if " " in s:
        return " ".join([wk.get(w) or _word_key(w, words, wpre) for w in s.split(" ")])
    return wk.get(s) or _word_key(s, words, wpre)


def finish_key(s: str) -> str:
    """The key of words that _word_keyed gave: the rules that join words, applied."""
    _, _, rest, rpre = _word_rules()
    if rest and (rpre is None or rpre.search(s)):
        for rx, rep in rest:
            s = rx.sub(rep, s)
    return s.strip(" ").strip()


_WORD_KEYS: dict[str, str] = {}  # folded word -> the word-local rules applied to it
# A rule is word-local when it can never see or make a space or look at the
# string's ends (a lookaround or \b at a word's edge sees a space in the name
# and nothing in the word alone: both fail to match a letter), so applying it
# to each word alone changes nothing.
_NOT_LOCAL = re.compile(r" |\\[sSwWdDBAZxuUN0]|[\^$.]|\(\?(?!:|<=|<!|=|!)|\[\^")


@lru_cache(maxsize=1)
def _word_rules():
    """(word-local rules first in the list, their precheck, the rules from the
    first other one on, their precheck), or None if no rule is word-local."""
    rules = _variants()
    n = 0
    while n < len(rules) and not _NOT_LOCAL.search(rules[n][0].pattern.replace("\\b", "")) and (
            " " not in rules[n][1] and "\\g" not in rules[n][1]):
        n += 1
    words, rest = rules[:n], rules[n:]
    wpre = _joined(words) if words else None
    if not words or wpre is None:
        return None
    fast = _fast_variants()
    return fast[:n], wpre, fast[n:], (_joined(rest) if rest else None)


def _word_key(w, rules, pre):
    k = w
    if pre.search(w):
        for rx, rep in rules:
            k = rx.sub(rep, k)
    if len(_WORD_KEYS) > 200000:
        _WORD_KEYS.clear()
    _WORD_KEYS[w] = k
    return k


def _key_bulk_of_folded(s: str) -> str:
    for rx, rep in _variants():
        s = rx.sub(rep, s)
    return _EDGE.sub("\n", s).strip(" ")


