"""Event extractor: one event per trigger word, with source, target, place, date, modality.

Roles (direction matters):
- verbs, active: source = the nearest actor before the trigger that is not inside a
  prepositional phrase (a subject pronoun in between is resolved to the previous
  person for he/she, to the last group actor for they/these/it); target = the first
  actor after the trigger in the same clause, preferring one introduced by the
  trigger's prepositions ("consulting with Ukraine", "war against Ukraine");
- verbs, passive ("was attacked by X"): source = "by X", target = the subject
  (for deployments the subject is the force that moves, so it is the source);
- nouns: source = a possessive or adjacent actor ("Russia's war", "Russian attack")
  or "by X"; "of X" fills the role the trigger names (arrival of X: source;
  arrest of X: target).
Coordination: "X and Y attacked Z" gives one event per conjunct of the
subject (and of the object: "met X and Y"), the first keeping the plain id;
a symmetric act with a compound subject and no object ("X and Y met",
"X and Y agreed") gives X->Y and Y->X, as CAMEO codes such dyads.
Place: the place mention of the sentence nearest to the trigger. Date: the date
mention of the sentence nearest to the trigger; with none the event date stays
empty (precision "unknown"): the publication date is a document fact, not an
event fact, and users can fall back to it explicitly.
Confidence = 0.35 + 0.3 (source found) + 0.2 (target found, or the trigger takes
none) + 0.1 (place or date found) + 0.05 (unconditional trigger reading),
times 0.85 when hedged; capped at 1.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from . import modality
from .ids import stable_id
from .linking import link_quantities
from .model import Event, Mention
from .triggers import Trigger, choose, table

_PREP_BEFORE = re.compile(r"\b(?:in|at|from|to|with|against|for|on|by|about|into|over|between|near|of|"
                          r"among|toward|towards|across|through|without|under)\s+(?:the\s+)?$", re.I)
_PRONOUN = re.compile(r"\b(he|she|they|these|those|it|He|She|They|These|Those|It)\b")
_BE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$")
_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whom|whose|while|whereas|because|although|but)\b|[;:]")
_POSSESSIVE_GAP = re.compile(r"^(?:['’]s\s+(?:[a-z-]+\s+){0,2}|\s+)$")
_BY = re.compile(r"^\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?$")
_SAID_INVERTED = re.compile(r"[,\"”]\s*$")
# between two conjuncts: ", ", " and ", ", and the evil ", " nor " (up to three lower-case modifiers)
_CONJ = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|nor|&)\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
_SYMMETRIC = ("03", "04", "05", "06", "19")  # roots whose "X and Y <verb>" is mutual
_MAX_CONJ = 6
_VERB_NEXT = re.compile(r"\s+(?:(?:has|have|had|will|would|also|then|is|are|was|were)\s+)*")


def find_events(text, doc_id, sentences, actors, actor_mentions, places, place_mentions, dates,
                quantities, published=None, precision="unknown") -> list:
    try:
        events = _find(text, doc_id, sentences, actors, actor_mentions, place_mentions, dates)
    except Exception:  # one odd document must not stop a batch
        events = []
    try:
        link_quantities(text, sentences, quantities, actor_mentions,
                        {a.actor_id: a.actor_type for a in actors}, events)
    except Exception:
        pass
    return events


def _find(text, doc_id, sentences, actors, actor_mentions, place_mentions, dates) -> list[Event]:
    if not text or not sentences:
        return []
    tt = table()
    types = {a.actor_id: a.actor_type for a in actors}
    ments = sorted((m for m in actor_mentions if m.kind == "actor"), key=lambda m: m.start)
    by_sent: dict[int, list[Mention]] = {}
    for m in ments:
        by_sent.setdefault(m.sentence_id, []).append(m)
    starts = [s.start for s in sentences]
    events: list[Event] = []
    speech: list[Event] = []  # reporting events: their source reports what follows
    taken: set[int] = set()  # starts of mentions already used as an event's object
    cache: dict = {}  # per-sentence modality cues
    last_person: str | None = None
    last_group: str | None = None
    # running "last person / last group actor named before index i" for pronoun subjects
    mstarts = [x.start for x in ments]
    lp: list[str | None] = [None]
    lg: list[str | None] = [None]
    for x in ments:
        lp.append(x.ref_id if types.get(x.ref_id) == "person" else lp[-1])
        lg.append(x.ref_id if types.get(x.ref_id) != "person" else lg[-1])
    # places and dates grouped by sentence once: a trigger only looks at its own sentence's
    places_in: dict[int, list] = {}
    for p in place_mentions:
        places_in.setdefault(p.sentence_id, []).append(p)
    dates_in: dict[int, list] = {}
    for d in dates:
        dates_in.setdefault(d.sentence_id, []).append(d)
    for m in tt.regex.finditer(text):
        i = max(bisect.bisect_right(starts, m.start()) - 1, 0)
        sent = sentences[i]
        trig = choose(tt, m.group(), text, m.start(), m.end(), sent.start, sent.end)
        if trig is None:
            continue
        sm = by_sent.get(sent.sentence_id, [])
        if len(sm) > 20:  # long sentence: only the mentions within the trigger's window
            st = [x.start for x in sm]
            sm = sm[bisect.bisect_left(st, m.start() - _WINDOW):bisect.bisect_right(st, m.end() + _WINDOW)]
        # anaphora: he/she -> last person named before the trigger; they/these -> last
        # group actor named in an earlier sentence
        last_person = lp[bisect.bisect_left(mstarts, m.start())]
        last_group = lg[bisect.bisect_left(mstarts, sent.start)]
        ev, srcs, tgts = _event(text, doc_id, sent, m, trig, sm, last_person, last_group,
                                places_in.get(sent.sentence_id, ()),
                                dates_in.get(sent.sentence_id, ()), speech, taken, cache)
        events.append(ev)
        events.extend(_expand(ev, doc_id, trig, srcs, tgts))
        if trig.speech:
            speech.append(ev)
    return events


def _conjuncts(text, ms, i, step, taken):
    """ref ids of the coordinated mentions around ms[i], walking in direction step.
    Walking left stops at a mention that is already an earlier event's object
    ("A attacked B and C condemned it": B is not C's co-subject); walking right
    stops before a mention followed by its own verb ("met B and C said ...")."""
    out = [ms[i].ref_id]
    j = i
    rx = table().regex
    while 0 <= j + step < len(ms) and len(out) < _MAX_CONJ:
        a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
        if b.start - a.end > 40 or not _CONJ.match(text, a.end, b.start):
            break
        if step < 0 and a.start in taken:
            break
        if step > 0 and _VERB_NEXT.match(text, b.end, b.end + 30) and rx.match(text, _VERB_NEXT.match(
                text, b.end, b.end + 30).end()):
            break
        j += step
        if ms[j].ref_id not in out:
            out.append(ms[j].ref_id)
    return out if step > 0 else out[::-1]


def _expand(ev: Event, doc_id, trig: Trigger, srcs, tgts) -> list[Event]:
    """Extra events for the other conjuncts of a compound subject or object."""
    extra = []
    if ev.target_actor_id is None and len(srcs) > 1 and ev.cameo_code[:2] in _SYMMETRIC and not trig.notarget:
        pairs = [(a, b) for a in srcs for b in srcs if a != b]
    else:
        pairs = [(a, b) for a in (srcs or [ev.source_actor_id]) for b in (tgts or [ev.target_actor_id]) if a != b]
    first = (ev.source_actor_id, ev.target_actor_id)
    if pairs and first not in pairs:
        ev.source_actor_id, ev.target_actor_id = pairs[0]
        first = pairs[0]
    for a, b in pairs[:_MAX_CONJ * 2]:
        if (a, b) == first:
            continue
        extra.append(dataclasses.replace(ev, source_actor_id=a, target_actor_id=b,
                                         event_id=stable_id("e", doc_id, ev.start, ev.end, ev.cameo_code, a, b)))
    return extra


_WINDOW = 400  # chars either side: bounds the work per trigger on run-on "sentences"


def _event(text, doc_id, sent, m, trig: Trigger, sm, last_person, last_group, place_mentions, dates, prior_events,
           taken, cache):
    s, e = m.start(), m.end()
    sent = _Span(sent.sentence_id, max(sent.start, s - _WINDOW), min(sent.end, e + _WINDOW))
    is_noun = m.group().lower() in trig.nouns
    src = tgt = None
    after = [x for x in sm if x.start >= e]
    before = [x for x in sm if x.end <= s]
    if is_noun:
        src, tgt = _noun_roles(text, s, e, trig, before, after)
    else:
        passive = m.group().lower().endswith(("ed", "en", "wn", "t")) and bool(_BE.search(text, max(sent.start, s - 30), s))
        subj = _subject(text, sent.start, s, before, last_person, last_group)
        if trig.speech and _SAID_INVERTED.search(text, max(sent.start, s - 3), s) and after \
                and after[0].start - e <= 2:
            subj = after[0].ref_id  # '"...," said Miller'
        if passive:
            by = next((x for x in after if _BY.match(text[e:x.start])), None)
            if trig.passive_subject == "source":
                src, tgt = subj, _object(text, e, sent.end, trig, after, subj, prep_only=True)
            else:
                src, tgt = (by.ref_id if by else None), subj
        else:
            src = subj
            if not trig.notarget:
                tgt = _object(text, e, sent.end, trig, after, src)
            elif trig.speech:
                told = next((x for x in after if x.start - e <= 3), None)
                tgt = told.ref_id if told and m.group().lower().startswith("tol") else None
    if trig.subject_is_target and not is_noun:
        # "X said Y must leave": Y is who is asked; the demand comes from the speaker
        src, tgt = None, src
    if tgt == src:
        tgt = None
    srcs = _conj_of(text, before, src, -1, taken) if src else []
    tgts = _conj_of(text, after, tgt, 1, taken) if tgt else []
    mod, reporter = _modality(text, sent, s, e, trig, prior_events, before, after, cache)
    place = _place(text, place_mentions, sent.sentence_id, s, sm)
    date = _nearest(dates, sent.sentence_id, s)
    conf = 0.35 + 0.3 * (src is not None) + 0.2 * (tgt is not None or trig.notarget) \
        + 0.1 * (place is not None or date is not None) + 0.05 * (trig.near is None)
    if trig.subject_is_target and src is None and reporter is not None and reporter != tgt:
        src = reporter
        conf += 0.3
    if mod == "hedged":
        conf *= 0.85
    return Event(
        event_id=stable_id("e", doc_id, s, e, trig.cameo), start=s, end=e, trigger=m.group(),
        event_type=trig.plover, cameo_code=trig.cameo, sentence_id=sent.sentence_id,
        source_actor_id=src, target_actor_id=tgt, place_id=place.ref_id if place else None,
        date_start=date.date_start if date else None, date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown", modality=mod,
        reported_by_actor_id=reporter if reporter != src else None, confidence=round(min(conf, 1.0), 3)), \
        srcs, tgts


def _conj_of(text, ms, ref, step, taken):
    """Conjuncts of the mention of ref nearest the trigger (last before it, first after it)."""
    idx = range(len(ms) - 1, -1, -1) if step < 0 else range(len(ms))
    for i in idx:
        if ms[i].ref_id == ref:
            if step > 0:
                taken.add(ms[i].start)
            return _conjuncts(text, ms, i, step, taken)
    return []


class _Span:
    __slots__ = ("sentence_id", "start", "end")

    def __init__(self, sentence_id, start, end):
        self.sentence_id, self.start, self.end = sentence_id, start, end


def _subject(text, lo, s, before, last_person, last_group):
    cand = None
    for x in reversed(before):
        if not _PREP_BEFORE.search(text, max(lo, x.start - 14), x.start):
            cand = x
            break
    gap_start = cand.end if cand else lo
    if _CLAUSE_BREAK.search(text, gap_start, s) and cand is not None:
        # "X said that ...": the actor before "that" is not the subject of what follows
        gap_start, cand = _CLAUSE_BREAK.search(text, gap_start, s).end(), None
    pron = None
    for p in _PRONOUN.finditer(text, gap_start, s):
        pron = p
    if pron is not None:
        word = pron.group(1).lower()
        return last_person if word in ("he", "she") else last_group
    return cand.ref_id if cand else None


def _object(text, e, hi, trig: Trigger, after, src, prep_only=False):
    stop = _CLAUSE_BREAK.search(text, e, hi)
    limit = min(stop.start() if stop else hi, e + 120)
    cands = [x for x in after if x.start < limit and x.ref_id != src]
    if trig.prep:
        rx = _prep_before(trig.prep)
        for x in cands:
            if rx.search(text, max(e, x.start - 16), x.start):
                return x.ref_id
    if prep_only:
        return None
    for x in cands:
        if not _ADJUNCT.search(text[e:x.start]):
            return x.ref_id
    return None


# Compiled once (the re module's own cache costs a lookup per call, per mention).
_ADJUNCT = re.compile(r"\b(?:in|at|from|near|into|about|over|since|during)\s+(?:the\s+)?$")
_OF_GAP = re.compile(r"^\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
_BY_GAP = re.compile(r"^\s+by\s+(?:the\s+)?$")


@lru_cache(maxsize=None)
def _prep_before(prep: tuple) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prep)) + r")\s+(?:the\s+|its\s+|their\s+)?$")


@lru_cache(maxsize=None)
def _prep_gap(prep: tuple) -> re.Pattern:
    return re.compile(r"^\s+(?:\w+\s+){0,3}?(?:" + "|".join(map(re.escape, prep)) + r")\s+(?:the\s+)?$")


def _noun_roles(text, s, e, trig: Trigger, before, after):
    src = tgt = None
    if before and _POSSESSIVE_GAP.match(text[before[-1].end:s]):
        src = before[-1].ref_id  # "Russia's war", "Russian attack"
    for x in after:
        if x.start - e > 40:
            break
        gap = text[e:x.start]
        if trig.of_role and _OF_GAP.match(gap):
            if trig.of_role == "source" and src is None:
                src = x.ref_id
            elif trig.of_role == "target" and tgt is None:
                tgt = x.ref_id
        elif src is None and _BY_GAP.match(gap):
            src = x.ref_id
        elif trig.prep and tgt is None and _prep_gap(trig.prep).match(gap):
            tgt = x.ref_id
    return src, (tgt if tgt != src else None)


_TAIL_SAID = re.compile(r",\s*(?:\S+\s+){0,4}?(?:said|says|added|reported|told)\b")


def _sentence_cues(text, sent, cache):
    """According-to offsets, belief spans and hedge-cue ends of a (windowed) sentence,
    found once and shared by all its triggers."""
    key = (sent.start, sent.end)
    got = cache.get(key)
    if got is None:
        got = cache[key] = modality.sentence_cues(text, sent.start, sent.end)
    return got


def _modality(text, sent, s, e, trig, prior_events, before, after, cache):
    reporter = None
    for ev in reversed(prior_events):
        if ev.sentence_id != sent.sentence_id:
            break  # events come in text order: nothing earlier is in this sentence
        if ev.end <= s and ev.source_actor_id:
            reporter = ev.source_actor_id
            break
    according, beliefs, hedges = _sentence_cues(text, sent, cache)
    for pos in according:
        x = next((a for a in after + before if a.start >= pos and a.start - pos <= 4), None)
        if x is not None:
            reporter = reporter or x.ref_id
    if reporter is None:
        for bs, be in beliefs:
            if be > s:
                break
            x = next((a for a in reversed(before) if a.end <= bs), None)
            if x is not None:
                reporter = x.ref_id
    if reporter is None and not trig.speech:
        tail = _TAIL_SAID.search(text, e, sent.end)
        if tail:
            x = next((a for a in after if tail.start() <= a.start <= tail.end() + 30), None)
            reporter = x.ref_id if x else None
    local = modality.local_modality(text, sent.start, s)
    if local:
        return local, reporter
    if hedges and hedges[0] <= s:
        return "hedged", reporter
    if reporter is not None and not trig.speech:
        return "reported", reporter
    return "asserted", reporter if not trig.speech else None


def _nearest(items, sentence_id, pos):
    best = None
    for it in items:
        if it.sentence_id != sentence_id or (getattr(it, "kind", "place") not in ("place", "date")):
            continue
        d = abs(it.start - pos)
        if best is None or d < best[0]:
            best = (d, it)
    return best[1] if best else None


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|around|across|into|from|toward|towards|on)\s+(?:the\s+)?$", re.I)


def _place(text, place_mentions, sentence_id, pos, actor_mentions):
    """The sentence's place nearest the trigger; a place introduced by a locative
    preposition ("in the Kursk region") beats one that is part of an actor name."""
    best = None
    for p in place_mentions:
        if p.sentence_id != sentence_id or p.kind != "place":
            continue
        inside_actor = any(a.start <= p.start and p.end <= a.end for a in actor_mentions)
        locative = bool(_LOCATIVE.search(text, max(0, p.start - 14), p.start))
        key = (inside_actor, not locative, abs(p.start - pos))
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best else None
