"""The circumstances of an event: modality and reporter, place, date.

Modality (the cue words are data, events_modality.yaml; see modality.py):
negated / predicted / hedged by the trigger's verb group, else hedged by a hedge
adverb or belief verb earlier in the sentence, else reported when a reporter is
found (a speech event before it in the sentence, "according to X", a belief
verb's subject, a trailing ", X said"), else asserted.

The sentence-level cues are found by one scan of the whole document and
looked up per trigger by bisection: a per-sentence scan repeated for every
trigger of a long sentence cost more than the rest of the event finder.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import modality

_TAIL_SAID = re.compile(r",\s*(?:\S+\s+){0,4}?(?:said|says|added|reported|told)\b")


class DocCues:
    """Offsets of the document's according-to, belief and hedge cues, sorted."""

    __slots__ = ("acc_s", "acc_e", "bel", "bel_s", "hedge_s", "hedge_e")

    def __init__(self, text: str):
        cues = modality.doc_cues(text)
        self.acc_s = [a for a, _ in cues["according"]]
        self.acc_e = [b for _, b in cues["according"]]
        self.bel = cues["belief"]
        self.bel_s = [a for a, _ in self.bel]
        hedges = sorted(cues["hedged"] + self.bel)
        self.hedge_s = [a for a, _ in hedges]
        self.hedge_e = [b for _, b in hedges]

    def according(self, lo: int, hi: int) -> list[int]:
        """End offsets of the according-to phrases lying inside [lo, hi)."""
        i = bisect_left(self.acc_s, lo)
        return [b for b in self.acc_e[i:bisect_left(self.acc_s, hi)] if b <= hi]

    def beliefs_before(self, lo: int, s: int) -> list[tuple[int, int]]:
        """Belief cues starting at or after lo and ending at or before s."""
        i = bisect_left(self.bel_s, lo)
        out = []
        for span in self.bel[i:]:
            if span[1] > s:
                break
            out.append(span)
        return out

    def hedged_before(self, lo: int, s: int) -> bool:
        i = bisect_left(self.hedge_s, lo)
        j = bisect_right(self.hedge_s, s)
        return any(b <= s for b in self.hedge_e[i:j])


def event_modality(text, lo, hi, s, e, trig, prior_events, sentence_id, before, after, cues: DocCues):
    """(modality, reporter actor id) of the trigger text[s:e] in the sentence window [lo, hi)."""
    reporter = None
    for ev in reversed(prior_events):
        if ev.sentence_id != sentence_id:
            break  # events come in text order: nothing earlier is in this sentence
        if ev.end <= s and ev.source_actor_id:
            reporter = ev.source_actor_id
            break
    for pos in cues.according(lo, hi):
        x = next((a for a in after + before if a.start >= pos and a.start - pos <= 4), None)
        if x is not None:
            reporter = reporter or x.ref_id
    if reporter is None:
        for bs, _ in cues.beliefs_before(lo, s):
            x = next((a for a in reversed(before) if a.end <= bs), None)
            if x is not None:
                reporter = x.ref_id
    if reporter is None and not trig.speech and after:
        tail = _TAIL_SAID.search(text, e, hi)
        if tail:
            x = next((a for a in after if tail.start() <= a.start <= tail.end() + 30), None)
            reporter = x.ref_id if x else None
    local = modality.local_modality(text, lo, s)
    if local:
        return local, reporter
    if cues.hedged_before(lo, s):
        return "hedged", reporter
    if reporter is not None and not trig.speech:
        return "reported", reporter
    return "asserted", reporter if not trig.speech else None
