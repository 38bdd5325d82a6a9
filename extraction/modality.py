"""Event modality from the words around a trigger.

Rule (documented in events.py too):
- the verb group: walking left from the trigger over auxiliaries, adverbs and
  catenative verbs ("does not", "will be", "may consider", "could even");
  a negation there makes the event negated ("Putin does not deny X" is a
  negated denial: the denial did not happen; no admission is inferred);
  a future cue makes it predicted; a modal of possibility makes it hedged;
- otherwise a hedge adverb ("reportedly") or a belief verb ("believes that")
  earlier in the sentence makes it hedged;
- otherwise a reporter (speech verb before it, "according to X", or a
  trailing ", X said") makes it reported;
- otherwise asserted.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .actor_lexicon import trie_pattern
from .fast_regex import lead_alternation
from .lexicon import load

_TOKEN = re.compile(r"[A-Za-z]+(?:n't|'ll)?|n't|'ll")
# the last _TOKEN of a text, read on the reversed text ("doesn't" reversed is "t'nseod")
_LAST_TOKEN_REVERSED = re.compile(r"[^A-Za-z]*((?:t'n|ll')[A-Za-z]*|[A-Za-z]+)?")


@lru_cache(maxsize=1)
def _cues():
    d = load("events_modality.yaml")
    low = lambda xs: [str(x).lower() for x in xs]  # noqa: E731
    transparent = set(low(d["transparent"]))
    for key in ("negation", "predicted", "hedged"):
        for phrase in low(d[key]):
            transparent.update(phrase.replace("n't", " n't").split())
    alt = lambda xs: re.compile(" (?:" + "|".join(map(re.escape, xs)) + ") ")  # noqa: E731
    return {
        # one regex per cue list: " cue " searched in the verb group, same as testing each substring
        "local": [(name, alt(low(d[key]))) for name, key in
                  (("negated", "negation"), ("predicted", "predicted"), ("hedged", "hedged"))],
        "negation": low(d["negation"]), "predicted": low(d["predicted"]), "hedged": low(d["hedged"]),
        "transparent": transparent,
        # written to start with a character class (fast_regex) so sentence scans skip between candidates;
        # same matches as \b(?:cue|...)\b with re.I
        "sentence_hedged": re.compile("(?i:" + lead_alternation(low(d["sentence_hedged"]), r"\w", True) + r")\b"),
        "belief": re.compile("(?i:" + lead_alternation(low(d["belief"]), r"\w", True) + r")\b(?i:\s+that)?"),
        "reporting": re.compile("(?i:" + lead_alternation(low(d["reporting_phrases"]), r"\w", True) + r")\s+"),
    }


def _split_neg(tok: str) -> list[str]:
    t = tok.lower()
    if t.endswith("n't") and t != "n't":
        return [t[:-3], "n't"]
    return [t]


def verb_group(text: str, lo: int, start: int) -> str:
    """The auxiliaries/adverbs standing right before the trigger, as lower-case words."""
    transparent = _cues()["transparent"]
    near = max(lo, start - 24)
    quick = True  # the last-token test below is still to do
    if start - 1 > near and text[start - 1] == " ":
        # the commonest case, "<space>word<space>trigger" with a plain ASCII word: that word is
        # the last token, whole, and decides (the same answer as the reversed match below)
        p = text.rfind(" ", near, start - 1)
        if p >= 0:
            w = text[p + 1:start - 1]
            if w.isascii() and w.isalpha():
                if w.lower() not in transparent:
                    return "  "
                quick = False  # a transparent word: the test below would pass, go on to the walk
    if quick:
        # most triggers follow a plain word: look at the last token of a short window first
        # (matched on the reversed window, anchored at the trigger: the last token of _TOKEN)
        window = text[near:start][::-1]
        last = _LAST_TOKEN_REVERSED.match(window)
        if last.end() < len(window) or near == lo:  # else the token may run on past the window
            if last.group(1) is None:
                return "  "
            t = last.group(1)[::-1].lower()
            if not t.endswith("n't") and t not in transparent:
                return "  "
    return walk_group(text, lo, start, transparent)


def walk_group(text: str, lo: int, start: int, transparent) -> str:
    """The verb group by walking the tokens before the trigger right to left, stopping at
    the first one that is not transparent."""
    group: list[str] = []
    for t in reversed(_TOKEN.findall(text[max(lo, start - 80):start].lower())):
        if t.endswith("n't") and t != "n't":  # "doesn't" -> "does", "n't"
            group.append("n't")
            t = t[:-3]
        if t in transparent or t == "n't":
            group.append(t)
        else:
            break
    return " " + " ".join(reversed(group)) + " "


def local_modality(text: str, lo: int, start: int) -> str | None:
    g = verb_group(text, lo, start)
    if g == "  ":  # no auxiliary or adverb before the trigger: nothing to find
        return None
    for name, rx in _cues()["local"]:
        if rx.search(g):
            return name
    return None


def sentence_hedged(text: str, lo: int, start: int) -> bool:
    """A hedge adverb or a belief verb earlier in the sentence."""
    window = text[lo:start]
    cues = _cues()
    return bool(cues["sentence_hedged"].search(window) or cues["belief"].search(window))


def hedge_ends(text: str, lo: int, hi: int) -> list[int]:
    """End offsets of the hedge and belief cues of a span: an event is hedged by the
    sentence when one of them ends before its trigger (computed once per sentence)."""
    cues = _cues()
    ends = [m.end() for m in cues["sentence_hedged"].finditer(text, lo, hi)]
    ends += [m.end() for m in cues["belief"].finditer(text, lo, hi)]
    return sorted(ends)


def sentence_cues(text: str, lo: int, hi: int) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """according_to, belief_spans and hedge_ends of one span, scanning for belief verbs once."""
    cues = _cues()
    beliefs = [m.span() for m in cues["belief"].finditer(text, lo, hi)]
    ends = [m.end() for m in cues["sentence_hedged"].finditer(text, lo, hi)]
    ends += [b for _, b in beliefs]
    return according_to(text, lo, hi), beliefs, sorted(ends)


_DOC_KEYS = (("according", "reporting_phrases", r"\s+"), ("belief", "belief", r"\b(?:\s+that)?"),
             ("hedged", "sentence_hedged", r"\b"))


@lru_cache(maxsize=1)
def _doc_scan():
    """One case-sensitive scan of the lower-cased text for all three cue lists, opening
    with a separator class (cheap to skip to) instead of a look-behind tried at every
    offset; a named group tells which list matched. The belief and hedge words share one
    trie (one attempt per word instead of two; the list is told by the word) when that
    finds the same spans: no word of one list a prefix of the other's up to a non-word
    character ("it is" / "it is believed"), none opening with "that" (a belief's tail)."""
    d = load("events_modality.yaml")
    words = {key: [str(x).lower() for x in d[src]] for key, src, _ in _DOC_KEYS}
    belief, hedged = set(words["belief"]), set(words["hedged"]) - set(words["belief"])
    union = belief | hedged
    mergeable = not any(w.startswith("that") or not w or w[0].isspace() for w in union) and not any(
        u != w and w.startswith(u) and not re.match(r"\w", w[len(u)]) for u in union for w in union)
    if mergeable:
        alts = ("(?P<according>" + trie_pattern(words["according"]) + r")\s+|(?P<other>"
                + trie_pattern(sorted(union)) + r")\b(?:\s+that)?")
    else:
        alts = "|".join(f"(?P<{key}>" + trie_pattern(words[key]) + ")" + tail for key, _, tail in _DOC_KEYS)
    return re.compile(r"[^a-z0-9_](?:" + alts + ")"), re.compile("(?:" + alts + ")"), frozenset(belief)


def doc_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of the according-to, belief and hedge-adverb cues of a whole text (one scan)."""
    low = text.lower()
    if len(low) != len(text):  # a few letters lower-case to two characters: offsets would shift
        cues = _cues()
        return {"according": [m.span() for m in cues["reporting"].finditer(text)],
                "belief": [m.span() for m in cues["belief"].finditer(text)],
                "hedged": [m.span() for m in cues["sentence_hedged"].finditer(text)]}
    out: dict[str, list[tuple[int, int]]] = {"according": [], "belief": [], "hedged": []}
    rx, first, belief = _doc_scan()
    m0 = first.match(low)
    hits = ([m0] if m0 is not None else []) + [m for m in rx.finditer(low)
                                               if not (low[m.start()] >= "\x80" and low[m.start()].isalnum())]
    for m in hits:
        key = m.lastgroup
        if key == "other":
            if m.group(key) in belief:  # a belief word's span runs on over "that"
                out["belief"].append((m.start(key), m.end()))
            else:  # a hedge word's span is the word
                out["hedged"].append(m.span(key))
        else:
            out[key].append((m.start(key), m.end()))
    return out


def belief_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _cues()["belief"].finditer(text, lo, hi)]


def according_to(text: str, lo: int, hi: int) -> list[int]:
    """End offsets of "according to" phrases (the reporter's mention starts there)."""
    return [m.end() for m in _cues()["reporting"].finditer(text, lo, hi)]
