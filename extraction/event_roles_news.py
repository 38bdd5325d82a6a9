"""Role rules for wire and field-report wording, word lists in events_roles.yaml.

- a news agency written as a wire credit ("(AP)", "— Reuters") and the dateline before
  it ("KABUL, Afghanistan (AP)") take part in no event;
- an actor followed by a speech verb ("officials said") reports, it is no object;
- ", residents said": a speaker that is no actor is not the subject of an earlier clause;
- an inanimate cause as the clause subject ("a roadside bomb exploded near an army
  convoy, killing three") leaves the harm without a source, unless an actor owns it
  ("Russian missile", "Hamas rockets", "Ukrainian drones");
- a noun trigger before a noun it modifies ("opposition party") is no event;
- a weapon launch with no target and a test cue ("into the sea") is a show of force.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .actor_lexicon import trie_pattern
from .fast_regex import lead_alternation
from .lexicon import load


@lru_cache(maxsize=1)
def _role_words():
    """The word-list rules of events_roles.yaml, compiled."""
    d = load("events_roles.yaml")

    def alt(key):
        return trie_pattern(sorted({str(w) for w in d[key]}))
    def lead(key):  # whole words, case-insensitive, written to open with the first letter's class
        return lead_alternation(sorted({str(w).lower() for w in d[key]}), r"[\w-]", True)
    aux = r"(?:has|have|had|was|were|is|are|reportedly|also|apparently|then|later|allegedly)"
    return {
        "credit_types": frozenset(d["credit_types"]),
        # right after an actor mention: it speaks ("officials said")
        "speaker": re.compile(r"\s+(?:(?:has|have|had|also)\s+)?(?:" + alt("speaker_verbs") + r")(?![\w-])"),
        # a cause of harm as the subject: followed by one of its verbs, or by the trigger itself.
        # Matched on the lower-cased window (a case-insensitive pattern lower-cases every
        # character it looks at), opening with the separator before the word, which it
        # consumes (the noun is group 1): a separator class is skipped to in C
        "cause": re.compile(r"[^\w-](" + trie_pattern(sorted({str(w).lower() for w in d["cause_nouns"]})) + r")(?:\s+"
                            + aux + r"){0,2}(?:\s+(?:" + alt("cause_verbs") + r")(?![\w-])|\s*$)"),
        "modifier": re.compile(r"[ \t]+(?:" + alt("modifier_heads") + r")(?![\w-])"),
        "test": re.compile("(?i:" + lead("test_launch_cues") + r")(?![\w-])"),
        "civil": re.compile("(?i:" + lead("civil_launch_cues") + r")(?![\w-])"),
    }


_CREDIT_DASH = re.compile(r"[—–-]\s*$")
_CREDIT_END = re.compile(r"\s*(?:$|\n|[.;]\s*$)")


def credit_mentions(text, ments, types) -> set[int]:
    """Starts of the media mentions written as a wire credit: "(AP)", "(Reuters)" in a dateline,
    a closing "— Reuters". The agency reports the story; it takes part in none of its events."""
    kinds = _role_words()["credit_types"]
    media = {aid for aid, kind in types.items() if kind in kinds}
    out: set[int] = set()
    if not media:  # (most documents name no news agency)
        return out
    for m in ments:
        if m.ref_id not in media:
            continue
        if m.start > 0 and text[m.start - 1] == "(" and text[m.end:m.end + 1] == ")":
            out.add(m.start)
            # the dateline before it, "KABUL, Afghanistan (AP)": its names place the story
            line = text.rfind("\n", 0, m.start) + 1
            if m.start - line <= 60 and _DATELINE.fullmatch(text, line, m.start - 1):
                out.update(x.start for x in ments if line <= x.start and x.end < m.start)
        elif _CREDIT_DASH.search(text, max(0, m.start - 4), m.start) and _CREDIT_END.match(text, m.end):
            out.add(m.start)
    return out


# "KABUL, Afghanistan ", "WASHINGTON ", "Gaza City, Dec 3 ": a place in capitals, then more
# words after a comma, before the credit
_DATELINE = re.compile(r"\s*[A-Z][A-Z'’. -]+(?:,[\w'’., -]*)?\s*")


def speaker_after():
    """match(text, pos): a speech verb right after an actor mention ending at pos, whose
    mention is then the speaker ("officials said"), else None."""
    return _role_words()["speaker"].match


def modifier_after():
    """match(text, pos): a noun after a noun trigger ending at pos that the trigger
    modifies ("opposition party"), else None."""
    return _role_words()["modifier"].match


def test_launch(text, e, hi) -> bool:
    """Whether a test cue ("into the sea", "test") follows a weapon launch ending at e."""
    return _role_words()["test"].search(text, e, min(hi, e + 80)) is not None


def civil_launch(text, lo, hi, s, e) -> bool:
    """Whether a space-launch cue stands within a few words of a launch at text[s:e]."""
    return _role_words()["civil"].search(text, max(lo, s - 80), min(hi, e + 80)) is not None


def caused_by_thing(text, lo, s, e, before, subj) -> bool:
    """Whether the clause of the trigger text[s:e] has an inanimate cause as its subject ("A
    roadside bomb exploded near an army convoy, killing three soldiers"; "The blast killed 12";
    the trigger itself: "Officials said a car bomb ...") that the subject actor `subj` does not
    own ("A Russian missile struck", "Hamas rockets hit" are owned). An actor right before the
    verb is its subject whatever came earlier ("After a blast, soldiers killed two attackers")."""
    owner = next((x for x in reversed(before) if x.ref_id == subj), None)
    if owner is not None and owner.end <= s and _ADJACENT.fullmatch(text, owner.end, s):
        return False
    # the window from the character before it (the pattern consumes a separator; at the start
    # of the text a space stands for it), lower-cased: offsets kept unless a letter lower-cases
    # to two characters, then the window is skipped (no cause found)
    a = max(lo, e - 200)
    window = text[a - 1:e].lower() if a > 0 else " " + text[:e].lower()
    if len(window) != e - a + 1:
        return False
    last = None
    for m in _role_words()["cause"].finditer(window):
        last = m
    if last is None:
        return False
    cause = a - 1 + last.start(1)
    if _POSSESSED.search(text, max(lo, cause - 40), cause):
        return False  # "its drones hit", "their rockets killed": the subject's own weapons
    if owner is None or owner.start > cause:
        return True  # the actor comes after the cause: "exploded near a Pakistani army convoy, killing"
    if owner.start <= cause < owner.end:
        return False  # the actor is named by its weapon: "Ukrainian drones struck"
    # an actor before the cause owns it ("Russian missile", "Hamas rockets") or is the subject
    # ("British aircraft using guided missiles killed") unless a clause boundary separates
    # them ("Officials said a car bomb killed five")
    return _CLAUSE_GAP.search(text, owner.end, cause) is not None


# between a subject and its verb: "soldiers killed", "Russia has reportedly struck"
_ADJACENT = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|been|reportedly|allegedly|apparently|also|then|later"
                       r"|again|on\s+\w+day)\s+)*")
# (not a comma: "launched artillery, mortar, and rocket fire" lists the subject's weapons)
_CLAUSE_GAP = re.compile(r"[;:—]|(?<![\w-])(?:said|says|told|reported|according|that|when|as|after|before|while|"
                         r"where|because|since)(?![\w-])")
_POSSESSED = re.compile(r"(?<![\w-])(?i:its|their|his|her|our)\s+(?:[a-z][\w-]*\s+){0,2}$")


# ", residents said", ", a monitoring group told AFP": a speaker named after a comma, up to four words
# (words that make it another clause, not a speaker's noun phrase: "..., and said", ", he said")
_TRAILING = re.compile(r"[,;]\s+(?!(?:and|or|but|then|also|who|which|that|he|she|it|they|we|i|you|later|had|has|have|"
                       r"was|were|is|are|will|would|had|once|when|as|after|while)\s)(?:[\w'’-]+\s+){1,4}$", re.I)


def trailing_speaker(text, lo, s, before) -> bool:
    """Whether the speech verb at s follows a comma and a few words holding no actor mention
    (", witnesses said"): its subject is those words, not an actor of the clause before."""
    # only the last comma can start it (the words between cannot hold one): found by rfind
    a = max(lo, s - 60)
    p = max(text.rfind(",", a, s), text.rfind(";", a, s))
    if p < 0 or _TRAILING.match(text, p, s) is None:
        return False
    return not (before and before[-1].end > p)
