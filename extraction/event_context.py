"""The circumstances of an event: modality and reporter, place, date.

Place and date rules are data (events_context.yaml): a place introduced by a
locative ("in", "near", "on the outskirts of") in the trigger's sentence;
for events that happen at a site (fighting, protest, coercion, aid) also a
sub-national place named without one ("shelled Kherson"), else the document's
leading place; a statement is never placed by a bare country name. Date: the
sentence's date nearest the trigger, else the nearest earlier day- or
month-precision date of the document, else the publication date.

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
from functools import lru_cache

from . import modality
from .lexicon import load

_TAIL_SAID = re.compile(r",\s*(?:\S+\s+){0,4}?(?:said|says|added|reported|told)\b")


class DocCues:
    """Offsets of the document's according-to, belief and hedge cues, sorted."""

    __slots__ = ("acc_s", "acc_e", "bel", "bel_s", "hedge_s", "hedge_e", "text", "said_s", "said")

    def __init__(self, text: str):
        cues = modality.doc_cues(text)
        self.acc_s = [a for a, _ in cues["according"]]
        self.acc_e = [b for _, b in cues["according"]]
        self.bel = cues["belief"]
        self.bel_s = [a for a, _ in self.bel]
        hedges = sorted(cues["hedged"] + self.bel)
        self.hedge_s = [a for a, _ in hedges]
        self.hedge_e = [b for _, b in hedges]
        # trailing ", X said": the doc's candidate commas once (a comma with a speech verb within
        # a few words), on the first question (many documents never ask); the exact match is
        # redone from the trigger only near one of them
        self.text = text
        self.said_s = self.said = None

    def tail_said(self, e: int, hi: int):
        """_TAIL_SAID.search(text, e, hi), skipped when the document scan shows none can match."""
        if self.said_s is None:
            spans = [m.span() for m in _TAIL_SAID.finditer(self.text)]
            self.said_s = [a for a, _ in spans]
            self.said = [b for _, b in spans]
        i = bisect_left(self.said_s, e)
        if (i == len(self.said_s) or self.said_s[i] >= hi) and (i == 0 or self.said[i - 1] <= e):
            # the scan resumed at or before e and found nothing starting in [e, hi)
            return None
        return _TAIL_SAID.search(self.text, e, hi)

    def according(self, lo: int, hi: int) -> list[int]:
        """End offsets of the according-to phrases lying inside [lo, hi)."""
        if not self.acc_s:  # (most documents have none)
            return []
        i = bisect_left(self.acc_s, lo)
        return [b for b in self.acc_e[i:bisect_left(self.acc_s, hi)] if b <= hi]

    def beliefs_before(self, lo: int, s: int) -> list[tuple[int, int]]:
        """Belief cues starting at or after lo and ending at or before s."""
        if not self.bel_s:
            return []
        i = bisect_left(self.bel_s, lo)
        out = []
        for span in self.bel[i:]:
            if span[1] > s:
                break
            out.append(span)
        return out

    def hedged_before(self, lo: int, s: int) -> bool:
        if not self.hedge_s:
            return False
        i = bisect_left(self.hedge_s, lo)
        j = bisect_right(self.hedge_s, s)
        for b in self.hedge_e[i:j]:
            if b <= s:
                return True
        return False


def event_modality(text, lo, hi, s, e, trig, prior_events, sentence_id, before, after, cues: DocCues):
    """(modality, reporter actor id) of the trigger text[s:e] in the sentence window [lo, hi)."""
    reporter = None
    for ev in reversed(prior_events):
        if ev.sentence_id != sentence_id:
            break  # events come in text order: nothing earlier is in this sentence
        if ev.end <= s and ev.source_actor_id:
            reporter = ev.source_actor_id
            break
    for pos in (cues.according(lo, hi) if cues.acc_s else ()):
        x = next((a for a in after + before if a.start >= pos and a.start - pos <= 4), None)
        if x is not None:
            reporter = reporter or x.ref_id
    if reporter is None and cues.bel_s:
        for bs, _ in cues.beliefs_before(lo, s):
            x = next((a for a in reversed(before) if a.end <= bs), None)
            if x is not None:
                reporter = x.ref_id
    if reporter is None and not trig.speech and after:
        tail = cues.tail_said(e, hi)
        if tail:
            x = next((a for a in after if tail.start() <= a.start <= tail.end() + 30), None)
            reporter = x.ref_id if x else None
    local = modality.local_modality(text, lo, s)
    if local:
        return local, reporter
    if cues.hedge_s and cues.hedged_before(lo, s):
        return "hedged", reporter
    if reporter is not None and not trig.speech:
        return "reported", reporter
    return "asserted", reporter if not trig.speech else None


@lru_cache(maxsize=1)
def _rules():
    d = load("events_context.yaml")
    # "in the", "in southeastern", "in the besieged Bosnian town of": the locative phrase, up to two
    # modifiers (listed words or capitalised adjectives) and articles, then the place. Matched on
    # the reversed text before the place, anchored at the place: one match instead of a search
    # trying every offset of the window.
    def rev(words):
        return "|".join(re.escape(w[::-1]).replace(r"\ ", r"\s+")
                        for w in sorted({str(x).lower() for x in words}, key=len, reverse=True))
    art = r"(?:\s+(?i:eht|a|na))?"
    cap = r"(?:na|nai|ese|hsi|i)[a-z]*[A-Z]"  # "Bosnian", "Afghan", "Congolese", "Iraqi" reversed
    locative = re.compile(art + r"(?:\s+(?:(?i:" + rev(d["place_modifiers"]) + ")|" + cap + ")){0,2}" + art
                          + r"\s+(?i:" + rev(d["locatives"]) + r")(?![\w-])")
    reach = max(map(len, d["locatives"])) + 2 * max(map(len, d["place_modifiers"])) + 16
    return locative, reach, frozenset(str(r) for r in d["sited_roots"]), frozenset(d["carried_precisions"])


class DocPlaces:
    """The document's place mentions by sentence, each marked as introduced by a
    locative or not, and the document's leading place (see events_context.yaml).
    The locative test runs only for the sentences that ask (those with a trigger)."""

    __slots__ = ("text", "raw", "by_sent", "feature", "_leading", "sited")

    def __init__(self, text, place_mentions, places, actor_mentions):
        self.text = text
        self.sited = _rules()[2]
        self.feature = {p.place_id: p.feature for p in places}
        inside = _inside(place_mentions, actor_mentions)
        # "Kyiv Post", "Donetsk People's Republic": names, not scenes
        self.raw = sorted((p for p in place_mentions if p.kind == "place" and p.start not in inside),
                          key=lambda p: p.start)
        self.by_sent: dict[int, list[tuple]] | None = None
        self._leading = False  # not computed yet

    def _marked(self, p) -> tuple:
        locative, reach, _, _ = _rules()
        loc = locative.match(self.text[max(0, p.start - reach):p.start][::-1]) is not None
        return p, loc, self.feature.get(p.ref_id, "country") != "country"

    def sentence(self, sid: int) -> list[tuple]:
        if self.by_sent is None:
            self.by_sent = {}
            for p in self.raw:
                self.by_sent.setdefault(p.sentence_id, []).append(p)
        got = self.by_sent.get(sid)
        if got and not isinstance(got[0], tuple):
            got = self.by_sent[sid] = [self._marked(p) for p in got]
        return got or []

    def leading(self):
        """The first place mention introduced by a locative or below country level."""
        if self._leading is False:
            self._leading = None
            for p in self.raw:
                _, loc, local = self._marked(p)
                if loc or local:
                    self._leading = p
                    break
        return self._leading

    def place_for(self, sid: int, pos: int, root: str):
        """A place of the sentence introduced by a locative or, for events that happen at
        a site, any sub-national one; sub-national before country, then locative, then
        nearest the trigger. With none, sited events take the leading place."""
        sited = self.sited
        best = None
        if self.by_sent is not None and sid not in self.by_sent:  # (most sentences name no place)
            lead = self.leading() if root in sited else None
            return lead.ref_id if lead is not None else None
        for p, loc, local in self.sentence(sid):
            if loc or (local and root in sited):
                # the most precise place first: "in Italy for rioting in Genoa" is in Genoa
                key = (not local, not loc, abs(p.start - pos))
                if best is None or key < best[0]:
                    best = (key, p)
        if best is not None:
            return best[1].ref_id
        lead = self.leading() if root in sited else None
        return lead.ref_id if lead is not None else None


def _inside(place_mentions, ments) -> set[int]:
    """Starts of the place mentions lying inside a longer actor mention ("Kyiv Post");
    a country named as an actor ("in Iraq") is both, and stays a place. ments: the actor
    mentions sorted by start (as the event finder holds them)."""
    if not place_mentions:
        return set()
    starts = [m.start for m in ments]
    out = set()
    for p in place_mentions:
        i = bisect_right(starts, p.start) - 1
        # actor mentions may nest or overlap: look back over the few that start before
        while i >= 0 and p.start - ments[i].start < 200:
            if ments[i].end >= p.end and (ments[i].start, ments[i].end) != (p.start, p.end):
                out.add(p.start)
                break
            i -= 1
    return out


class DocDates:
    """Event dates: the sentence's date nearest the trigger; else the nearest earlier
    date of the document at a carried precision; else the publication date."""

    __slots__ = ("by_sent", "carried", "carried_end", "published")

    def __init__(self, dates, published, precision):
        _, _, _, carried = _rules()
        self.by_sent: dict[int, list] = {}
        for d in dates:
            self.by_sent.setdefault(d.sentence_id, []).append(d)
        self.carried = sorted((d for d in dates if d.date_start is not None and d.precision in carried),
                              key=lambda d: d.end)
        self.carried_end = [d.end for d in self.carried]
        self.published = (published, None, precision, "published") \
            if published is not None and precision in ("day", "month", "year") \
            else (None, None, "unknown", "none")

    def date_for(self, sid: int, pos: int) -> tuple:
        """(date_start, date_end, precision, source) of an event whose trigger starts at pos;
        source is sentence, document (an earlier sentence), published or none."""
        best = None
        for d in self.by_sent.get(sid, ()):
            k = abs(d.start - pos)
            if best is None or k < best[0]:
                best = (k, d)
        if best is None:
            i = bisect_right(self.carried_end, pos) - 1
            if i < 0:
                return self.published
            d = self.carried[i]
            return d.date_start, d.date_end, d.precision, "document"
        d = best[1]
        return d.date_start, d.date_end, d.precision, "sentence"
