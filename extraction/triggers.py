"""Event trigger dictionary: surface forms -> CAMEO-coded trigger entries.

Verb lemmas are inflected by regular English rules (irregular and doubled
forms are listed in the data), every surface of every entry goes into one
trie regex, and co-occurrence conditions ("sign" only near "agreement") are
checked on a small window around the match.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from operator import methodcaller

from .actor_lexicon import trie_pattern
from .lexicon import load

_NEAR_CHARS = 60  # about eight words either side
# a near-word pattern: separator, the words (group 1), no word character after
_NEAR_HEAD, _NEAR_TAIL = r"[^\w-](", r")(?![\w-])"


@dataclass(frozen=True, slots=True)
class Trigger:
    cameo: str
    plover: str
    near: re.Pattern | None
    prep: tuple[str, ...]
    of_role: str | None
    speech: bool
    passive_subject: str
    notarget: bool
    nouns: frozenset
    subject_is_target: bool = False  # "Y must leave": the subject is asked, the speaker asks
    # the code of a weapon launch with no target actor and a test cue after it ("fired a ballistic
    # missile into the sea": a show of force, 150), see events_roles.yaml
    test_code: str | None = None
    # a root of harm (18-20): its subject may be a weapon or a blast, not an actor (event_roles_news)
    harm: bool = False


def inflect(lemma: str) -> set[str]:
    """Base, third person, past and -ing forms by the regular rules."""
    out = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out.add(lemma[:-1] + "ies")
    else:
        out.add(lemma + "s")
    if lemma.endswith("e"):
        out.add(lemma + "d")
        out.add((lemma[:-1] if not lemma.endswith("ee") else lemma) + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out.add(lemma[:-1] + "ied")
        out.add(lemma + "ing")
    else:
        out.add(lemma + "ed")
        out.add(lemma + "ing")
    return out


@lru_cache(maxsize=1)
def _verb_cue():
    words = [str(w).lower() for w in load("events_triggers.yaml").get("verb_cues", [])]
    # the last word before a trigger, read on the reversed text: one anchored match
    return re.compile(r"\s+(?:" + "|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True))
                      + r")(?![A-Za-z'])", re.I)


def verb_context(text: str, lo: int, start: int) -> bool:
    """Whether the word before text[start] makes a noun-or-verb trigger a verb ("will attack")."""
    return _verb_cue().match(text[max(lo, start - 14):start][::-1]) is not None


def intent_code(cameo: str) -> str | None:
    """The CAMEO code of the announced intent to do `cameo` (03x / 13x), None when the root has none."""
    return load("events_cameo_plover.yaml").get("predicted", {}).get(cameo[:2])


def plover_type(cameo: str) -> str:
    m = load("events_cameo_plover.yaml")
    for key in (cameo, cameo[:3]):
        if key in m["codes"]:
            return m["codes"][key]
    return m["roots"].get(cameo[:2], "OTHER")


# [^\w-], the separator before a trigger word, as an ASCII class the search skips over with a
# bitmap test per character (\w is a Unicode category lookup per character), then the exact
# test on the one character taken, which only the non-ASCII ones can fail
SEPARATOR = r"[^0-9A-Za-z_-](?<=[^\w-])"


@dataclass(slots=True)
class TriggerTable:
    by_surface: dict  # lower-case surface -> list[Trigger], conditional entries first
    # "(?<![\w-])(?:surfaces)(?![\w-])" for the spellings opening with no capital (the
    # lower-case surfaces), written to open with the separator class it consumes (the surface
    # is group 1), searched over " " + text: a pattern opening with a look-behind is tried at
    # every offset, one opening with a class is skipped to in C
    scan: re.Pattern
    # the same for the spellings opening with a capital, searched over the same " " + text: the
    # forms listed with capitals ("IED"), then the Title-case spelling of every surface, which
    # case_ok rules on. It opens with the capital and tests the separator after it: capitals
    # are a few per cent of a text, and one scan trying both kinds at every separator cost a
    # third more than the two (see candidates for how their matches are joined)
    title: re.Pattern
    # the spellings taken as they are: the lower-case surfaces, the capitalised nouns, forms
    # listed with capitals ("IED"); ALL-CAPS spellings come from the runs of capitals
    exact: frozenset = frozenset()
    not_initial: frozenset = frozenset()  # Title-case spellings that open sentences as other words
    # conditional readings' near-word patterns -> one pattern for any of their words (built on use)
    near_any: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def table() -> TriggerTable:
    by_surface: dict[str, list] = {}
    caps: set[str] = set()
    exact: set[str] = set()
    data = load("events_triggers.yaml")
    for spec in data["triggers"]:
        surfaces: set[str] = set()
        for v in spec.get("verbs", []):
            surfaces |= inflect(v)
        surfaces |= set(spec.get("forms", []))
        exact.update(f for f in spec.get("forms", []) if f != f.lower())  # "IED"
        nouns = frozenset(n.lower() for n in spec.get("nouns", []))
        surfaces |= set(nouns)
        near = spec.get("near")
        trig = Trigger(
            cameo=str(spec["cameo"]), plover=plover_type(str(spec["cameo"])),
            # the separator before the word is consumed (group 1 is the word): a pattern that opens
            # with a character class is skipped to quickly, one that opens with a look-behind is not
            near=re.compile(_NEAR_HEAD + trie_pattern(near) + _NEAR_TAIL, re.I) if near else None,
            prep=tuple(spec.get("prep", [])), of_role=spec.get("of_role"), speech=bool(spec.get("speech")),
            passive_subject=spec.get("passive_subject", "target"), notarget=bool(spec.get("notarget")),
            nouns=nouns, subject_is_target=bool(spec.get("subject_is_target")),
            test_code=str(spec["test_code"]) if spec.get("test_code") else None,
            harm=str(spec["cameo"])[:2] in ("18", "19", "20"))
        for s in surfaces:
            by_surface.setdefault(s.lower(), []).append(trig)
        for n in nouns:  # "Talks between ..." opens sentences; verbs rarely do
            caps.add(n[:1].upper() + n[1:])
    for lst in by_surface.values():
        lst.sort(key=lambda t: t.near is None)  # conditional readings are tried first
    exact |= set(by_surface) | caps
    # case-sensitive: "March" the month is not "march", "May" not "may"; the Title-case
    # spellings are found too and ruled on by case_ok
    lower, title = split_tries(by_surface, exact)
    return TriggerTable(by_surface, re.compile(SEPARATOR + "(" + lower + r")(?![\w-])"),
                        re.compile("(" + title + r")(?![\w-])"),
                        frozenset(exact), frozenset(data.get("not_sentence_initial", [])))


def _tail(rests) -> str:
    """The trie of the rests of words after their shared first character ("" for the letter alone)."""
    tail = trie_pattern(rests)
    return ("(?:" + tail + ")" + ("?" if "" in rests else "")) if tail else ""


def split_tries(lower, extra) -> tuple[str, str]:
    """The alternation of the spellings opening with no capital (the lower-case words), and
    that of those opening with one: the other listed spellings ("IED"), then the Title-case
    spelling of each lower-case word. At any one offset the two together match as one
    alternation of all of them, listed spellings first, would: the first character picks
    one of the two. Each capital carries the separator test the lower-case scan opens with."""
    firsts: dict[str, set[str]] = {}
    for w in lower:
        firsts.setdefault(w[:1], set()).add(w[1:])
    title: dict[str, list[str]] = {}
    for c, rests in sorted(firsts.items()):
        for u in sorted(set(c.upper()) - {c}):  # (the letters "[cC]" added to c)
            title.setdefault(u, []).append(_tail(rests))
    covered = set(lower) | {w[:1].upper() + w[1:] for w in lower}
    others = sorted(w for w in extra if w not in covered)
    # a listed spelling is tried before the lower-case and Title-case words at its offset
    low_others = [w for w in others if w[:1] not in title]
    cap_others = [w for w in others if w[:1] in title]
    low = trie_pattern(lower)
    if low_others:
        low = "(?:" + trie_pattern(low_others) + "|" + low + ")"
    alts = []
    for u in sorted({w[:1] for w in cap_others}):
        alts.append(re.escape(u) + r"(?<=[^\w-]" + re.escape(u) + ")"
                    + _tail({w[1:] for w in cap_others if w[:1] == u}))
    for u, tails in sorted(title.items()):
        body = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
        alts.append(re.escape(u) + r"(?<=[^\w-]" + re.escape(u) + ")" + body)
    return low, "|".join(alts)


# a run of two or more words in capitals ("REBELS KILLED", "U.S. TV"): the only place
# case_ok takes an ALL-CAPS trigger (a scan with every capitals spelling in its trie costs
# more to build than the event finder spends on a corpus)
_CAPS_WORD = r"[A-Z][A-Z.'’]*[A-Z][.'’]*"
# (opening with the capital, the look-behind after it: a pattern opening with a look-behind is
# tried at every offset, one opening with a class is skipped to in C)
_CAPS_RUN = re.compile(r"[A-Z](?<![\w-][A-Z])" + _CAPS_WORD[5:] + r"(?:[^\w\n]{1,3}" + _CAPS_WORD + r")+(?![\w-])")


def caps_candidates(tt: TriggerTable, text: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of the triggers written in capitals within runs of words in
    capitals, found by the lower-case scan over the lower-cased run."""
    out = []
    for run in _CAPS_RUN.finditer(text):
        a = run.start()
        low = " " + run.group().lower()  # (ASCII letters: the same length)
        for m in tt.scan.finditer(low):
            s, e = m.start(1) - 1 + a, m.end(1) - 1 + a
            out.append((s, e, text[s:e]))
    return out


class _Found:
    """A trigger found in a run of capitals, read like a match of the scan over " " + text."""

    __slots__ = ("s", "e", "surface")

    def __init__(self, s, e, surface):
        self.s, self.e, self.surface = s, e, surface

    def span(self, _group=1):
        return self.s + 1, self.e + 1

    def group(self, _group=1):
        return self.surface


def candidates(tt: TriggerTable, text: str):
    """Matches of every trigger spelling of the text, in order, read with .span(1) and
    .group(1) on " " + text: those of the two scans, as one scan of all spellings would
    find them, and those in runs of capitals."""
    padded = " " + text  # (the lower-case scan consumes the separator before a word)
    titled = list(tt.title.finditer(padded))
    matches = tt.scan.finditer(padded) if not titled else _joined(tt, padded, titled)
    if _CAPS_RUN.search(text) is None:
        return matches
    extra = caps_candidates(tt, text)
    if not extra:
        return matches
    out, i = [], 0
    for m in matches:
        s = m.start(1) - 1
        while i < len(extra) and extra[i][0] < s:
            out.append(_Found(*extra[i]))
            i += 1
        while i < len(extra) and extra[i][0] == s:  # the same word found by both ("IED")
            i += 1
        out.append(m)
    out.extend(_Found(*x) for x in extra[i:])
    return out


_START = methodcaller("start")


def _joined(tt: TriggerTable, padded: str, titled: list) -> list:
    """The matches of the lower-case scan and the capitals scan in text order, as one scan
    of both would give them: at each offset past the last match, the first that matches.
    Sorted together they are that unless a match runs over the separator of the next one
    ("Set fire to": a trigger of several words hides the words inside it); then merged
    match by match, each scan searched again past a match of the other that hid its own."""
    merged = sorted(list(tt.scan.finditer(padded)) + titled, key=_START)
    if len(merged) == len(titled) or _no_overlap(merged, titled):
        return merged
    out, end = [], 0
    low_it, cap_it = tt.scan.finditer(padded), tt.title.finditer(padded)
    a, b = next(low_it, None), next(cap_it, None)
    while a is not None or b is not None:
        if a is not None and a.start() < end:  # (the lower-case scan consumes its separator)
            low_it = tt.scan.finditer(padded, end)
            a = next(low_it, None)
            continue
        if b is not None and b.start() - 1 < end:
            cap_it = tt.title.finditer(padded, end + 1)
            b = next(cap_it, None)
            continue
        if b is None or (a is not None and a.start() < b.start() - 1):
            out.append(a)
            end, a = a.end(), next(low_it, None)
        else:
            out.append(b)
            end, b = b.end(), next(cap_it, None)
    return out


def _no_overlap(merged: list, titled: list) -> bool:
    """Whether no match of the capitals scan runs over the separator of the next match,
    nor an earlier match over its own (the separator is the character before a word)."""
    starts = list(map(_START, merged))
    for m in titled:
        i = bisect_left(starts, m.start())
        if i > 0 and merged[i - 1].end() > m.start() - 1:
            return False
        if i + 1 < len(merged) and merged[i + 1].start() < m.end():
            return False
    return True


# what may stand between a sentence's start and its first word: quotes, brackets, dashes, bullets
_OPENING = re.compile(r"[\W_]*")
# a capitalised word right after the trigger: "Strike Force", "March Madness" are names
_NAME_NEXT = re.compile(r"[ \t]+[A-Z]")
# a word of two or more capitals ("REBELS", "U.S.") right before or after: a headline in capitals
_CAPS_BEFORE = re.compile(r"[A-Z][A-Z.'’]*[A-Z][.'’]*[^\w\n]{1,3}$")
_CAPS_AFTER = re.compile(r"[^\w\n]{1,3}[A-Z][A-Z.'’]*[A-Z](?![a-z])")


# a capitalised word inside a sentence: after a lower-case word, a comma, or another
# capitalised word ("Jim Lynch", "said Lynch")
# (opening with the space, cheap to skip to; the look-behind after it lets "Jim Lynch" and
# "Lynch" in "attorney Jim Lynch" both be found)
_MID_CAPS = re.compile(r"[ \t](?<=[a-zA-Z,;:][ \t])([A-Z][a-z]+)")


def case_ok(tt: TriggerTable, text: str, s: int, e: int, surface: str, sent_start: int, memo: dict) -> bool:
    """Whether a spelling of a trigger outside tt.exact is the trigger: ALL CAPS within a
    headline in capitals ("REBELS KILLED 12"), Title-case as the first word of a sentence
    ("Fighting erupted") unless a capitalised word follows (a name), it is listed under
    not_sentence_initial ("March" the month), or the document writes it capitalised inside
    a sentence too ("Lynch said", "attorney Jim Lynch": a name). memo: per document."""
    if surface.isupper():
        return len(surface) > 2 and (_CAPS_BEFORE.search(text, max(0, s - 40), s) is not None
                                     or _CAPS_AFTER.match(text, e) is not None)
    if surface in tt.not_initial or _NAME_NEXT.match(text, e) is not None:
        return False
    if _OPENING.match(text, sent_start, s).end() != s:
        return False
    mid = memo.get("mid_caps")
    if mid is None:  # one scan of the document, on its first sentence-initial candidate
        mid = memo["mid_caps"] = frozenset(_MID_CAPS.findall(text))
    return surface.split()[0] not in mid


def starts_at(text: str, pos: int) -> bool:
    """Whether a trigger word starts at text[pos] (the character before is a separator)."""
    if pos <= 0:
        return False
    tt = table()
    m = tt.scan.match(text, pos - 1) or tt.title.match(text, pos)
    return m is not None and m.group(1) in tt.exact


def choose(tt: TriggerTable, surface: str, text: str, start: int, end: int, lo: int, hi: int) -> Trigger | None:
    """The reading of this surface whose co-occurring word is closest to it; else the default reading."""
    readings = tt.by_surface.get(surface.lower(), ())
    if not readings or readings[0].near is None:  # conditional readings sort first: none here
        return readings[0] if readings else None
    # a space before each window stands for the separator the near-word patterns consume
    left = " " + text[max(lo, start - _NEAR_CHARS):start]
    right = " " + text[end:min(hi, end + _NEAR_CHARS)]
    # Most conditional triggers have none of their near words about: one search for any of
    # them settles it. (A word found in either window is found in left + right; a match
    # across the join only sends the case on to the exact test below.)
    if _near_any(tt, readings).search(left + right) is None:
        return next((t for t in readings if t.near is None), None)
    return closest_reading(readings, left, right)


def closest_reading(readings, left: str, right: str) -> Trigger | None:
    """The exact rule: the reading whose near word is closest to the trigger, searched in
    the window before (`left`) and after (`right`) it; else the default reading."""
    best, default = None, None
    for trig in readings:
        if trig.near is None:
            default = default or trig
            continue
        dists = [len(left) - m.end(1) for m in trig.near.finditer(left)]
        first = trig.near.search(right)
        if first is not None:
            dists.append(first.start(1) - 1)
        if dists and (best is None or min(dists) < best[0]):
            best = (min(dists), trig)
    return best[1] if best else default


def _near_any(tt: TriggerTable, readings) -> re.Pattern:
    rx = tt.near_any.get(id(readings))  # (the reading lists live as long as the table)
    if rx is None:
        # every near pattern is _NEAR_HEAD + trie + _NEAR_TAIL (see table): one frame around all the tries
        tries = [t.near.pattern[len(_NEAR_HEAD):-len(_NEAR_TAIL)] for t in readings if t.near is not None]
        rx = tt.near_any[id(readings)] = re.compile(_NEAR_HEAD + "|".join(tries) + _NEAR_TAIL, re.I)
    return rx
