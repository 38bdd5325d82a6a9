"""Event extractor: one event per trigger word, with source, target, place, date, modality.

Triggers and their CAMEO codes are data (events_triggers.yaml, read by
triggers.py); who acts on whom is event_roles.py; modality, place and date are
event_context.py. Confidence = 0.35 + 0.3 (source found) + 0.2 (target found, or
the trigger takes none) + 0.1 (place or date found) + 0.05 (unconditional
trigger reading), times 0.85 when hedged; capped at 1.
"""
from __future__ import annotations

import re

import bisect
import dataclasses
import hashlib
import logging
import os
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, itemgetter

from . import event_roles as R
from . import event_roles_news as N
from .event_context import DocCues, DocDates, DocPlaces, event_modality
from .linking import link_quantities
from .model import Event, Mention
from .triggers import Trigger, candidates, case_ok, choose, intent_code, plover_type, table, verb_context

_DETERMINER = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+\Z")
_WINDOW = 400  # chars either side: bounds the work per trigger on run-on "sentences"

_EVENT_FIELDS = ("event_id", "start", "end", "trigger", "event_type", "cameo_code", "sentence_id",
                 "source_actor_id", "target_actor_id", "place_id", "date_start", "date_end",
                 "date_precision", "modality", "reported_by_actor_id", "confidence", "date_source")
# positional arguments cost a third of keywords per event; fall back to keywords should the
# record's fields ever be reordered
if tuple(f.name for f in dataclasses.fields(Event))[:len(_EVENT_FIELDS)] == _EVENT_FIELDS:
    _new_event = Event
else:  # pragma: no cover
    def _new_event(*values):
        return Event(**dict(zip(_EVENT_FIELDS, values)))


# The core must never raise on any input, so a failure inside the event finder costs the
# document its events (or its quantity links), not the batch. That guard would also hide a
# genuine bug as quietly missing events: it is logged, and with STRICT (set by the tests, or
# NEWSEVENTS_STRICT=1 in the environment) re-raised.
STRICT = os.environ.get("NEWSEVENTS_STRICT", "") not in ("", "0")
_log = logging.getLogger(__name__)


def find_events(text, doc_id, sentences, actors, actor_mentions, places, place_mentions, dates,
                quantities, published=None, precision="unknown") -> list:
    try:
        events = _find(text, doc_id, sentences, actors, actor_mentions, places, place_mentions, dates,
                       published, precision)
    except Exception:
        if STRICT:
            raise
        _log.exception("event finder failed on document %s: no events kept", doc_id)
        events = []
    try:
        if quantities:
            link_quantities(text, sentences, quantities, actor_mentions,
                            {a.actor_id: a.actor_type for a in actors}, events)
    except Exception:
        if STRICT:
            raise
        _log.exception("quantity linking failed on document %s", doc_id)
    return events


class _Doc:
    """Per-document state shared by all triggers."""

    __slots__ = ("text", "doc_id", "cues", "speech", "taken", "places", "dates", "in_pp", "last_verb",
                 "ments", "types", "_antecedents", "id_head", "modifier")

    def __init__(self, text, doc_id, places, place_mentions, dates, ments, published, precision):
        self.text, self.doc_id = text, doc_id
        self.cues = DocCues(text)
        self.speech: list[Event] = []  # reporting events: their source reports what follows
        self.taken: set[int] = set()  # starts of mentions already used as an event's object
        self.places = DocPlaces(text, place_mentions, places, ments)
        self.dates = DocDates(dates, published, precision)
        self.in_pp: dict = {}  # (mention start, window start) -> preceded by a preposition
        self.last_verb: Event | None = None  # the latest event with a verb trigger
        # an event id is stable_id("e", doc_id, start, end, cameo): "e_" and the sha256 of the parts
        # joined by \x1f (ids.digest). The document's part is hashed once; each event hashes
        # only its own tail (event_id gives the same id as stable_id: see test_events_fast)
        self.id_head = hashlib.sha256(f"{doc_id}\x1f".encode("utf-8"))
        self.modifier = N.modifier_after()  # (the bound match: asked of every noun trigger)

    def antecedents(self):
        """(sorted actor mention starts, last person / last group actor named before each
        index), for pronoun subjects: built on the first pronoun subject of the document"""
        if self._antecedents is None:
            lp: list[str | None] = [None]
            lg: list[str | None] = [None]
            types = self.types
            for x in self.ments:
                lp.append(x.ref_id if types.get(x.ref_id) == "person" else lp[-1])
                lg.append(x.ref_id if types.get(x.ref_id) != "person" else lg[-1])
            self._antecedents = ([x.start for x in self.ments], lp, lg)
        return self._antecedents

    def event_id(self, s: int, e: int, cameo: str) -> str:
        h = self.id_head.copy()
        h.update(f"{s}\x1f{e}\x1f{cameo}".encode("utf-8"))
        return "e_" + h.hexdigest()[:16]


@lru_cache(maxsize=512)
def _rounded(conf: float) -> float:
    """round(min(conf, 1), 3): the confidences are sums of a few fixed terms, so few distinct"""
    return round(min(conf, 1.0), 3)


def _covered(spans, starts, s, e, longer_only=False) -> bool:
    """Whether text[s:e] lies inside one of the sorted (start, end) spans (strictly
    inside, when longer_only: a mention that is the trigger itself does not count).
    starts: the spans' starts, for bisection without building a key tuple."""
    i = bisect.bisect_right(starts, s) - 1
    while i >= 0 and s - spans[i][0] < 200:
        a, b = spans[i]
        if b >= e and not (longer_only and a == s and b == e):
            return True
        i -= 1
    return False


def _find(text, doc_id, sentences, actors, actor_mentions, places, place_mentions, dates, published,
          precision) -> list[Event]:
    if not text or not sentences:
        return []
    tt = table()
    types = {a.actor_id: a.actor_type for a in actors}
    ments = sorted((m for m in actor_mentions if m.kind == "actor"), key=attrgetter("start"))
    names = sorted([(d.start, d.end) for d in dates] + [(x.start, x.end) for x in ments])
    # a wire credit ("(AP)", "— Reuters") names who reports the story, never a participant
    credits = N.credit_mentions(text, ments, types)
    if credits:
        ments = [m for m in ments if m.start not in credits]
    by_sent: dict[int, list[Mention]] = {}
    for m in ments:
        by_sent.setdefault(m.sentence_id, []).append(m)
    # each sentence's mentions with their starts, for bisection around every trigger of it
    sent_ments = {sid: (sm, [x.start for x in sm]) for sid, sm in by_sent.items()}
    starts = [s.start for s in sentences]
    doc = _Doc(text, doc_id, places, place_mentions, dates, ments, published, precision)
    # a trigger word inside a date ("March 5") or inside a longer name ("Russian forces",
    # "Strike Force") is not an event
    name_starts = [a for a, _ in names]
    # the furthest end of the names starting up to each one: a trigger ending past it lies
    # in none of them, which settles most triggers without _covered's walk back
    reach = list(accumulate(map(itemgetter(1), names), max))
    events: list[Event] = []
    doc.ments, doc.types, doc._antecedents = ments, types, None
    by_surface, exact, not_initial = tt.by_surface, tt.exact, tt.not_initial
    case_memo: dict = {}
    bl, br = bisect.bisect_left, bisect.bisect_right
    # the matches are read on " " + text (the scan consumes the separator before a word): offsets - 1
    for m in candidates(tt, text):
        s, e = m.span(1)
        s, e, surface = s - 1, e - 1, m.group(1)
        low = surface.lower()
        if names and not low.endswith("ed") and (j := br(name_starts, s) - 1) >= 0 and reach[j] >= e \
                and _covered(names, name_starts, s, e, True):
            continue  # (a past-tense verb is not part of a name: "Britain mobilized army" is a bad mention)
        i = br(starts, s) - 1
        sent = sentences[i if i > 0 else 0]
        if surface != low and (surface not in exact or surface in not_initial) \
                and not case_ok(tt, text, s, e, surface, sent.start, case_memo):
            continue  # "Fighting erupted" and "REBELS KILLED 12", not "Strike Force" or "March"
        readings = by_surface.get(low, ())
        if len(readings) == 1 and readings[0].near is None:  # (choose's answer, without the call)
            trig = readings[0]
        else:
            trig = choose(tt, surface, text, s, e, sent.start, sent.end)
            if trig is None:
                continue
        sid = sent.sentence_id
        lo, hi = max(sent.start, s - _WINDOW), min(sent.end, e + _WINDOW)
        got = sent_ments.get(sid)
        if got is None:
            before, after = [], []
        else:
            sm, st = got
            b = bl(st, e)
            if len(sm) <= 20:  # short sentence: every mention counts
                before = [x for x in sm[:b] if x.start < s] if b else []
                after = sm[b:]
            else:  # the mentions within the trigger's window, split around it
                before = [x for x in sm[bl(st, s - _WINDOW):b] if x.start < s]
                after = sm[b:br(st, e + _WINDOW)]
        got = _event(doc, sid, lo, hi, s, e, surface, low, trig, before, after, sent.start)
        if got is None:
            continue
        ev, srcs, tgts = got
        events.append(ev)
        if len(srcs) > 1 or len(tgts) > 1:  # (expand adds nothing otherwise)
            events.extend(R.expand(ev, doc_id, trig, srcs, tgts))
        if trig.speech:
            doc.speech.append(ev)
    return events


def _event(doc: _Doc, sid, lo, hi, s, e, surface, low, trig: Trigger, before, after, sent_start):
    text = doc.text
    # after a determiner a verb spelling is a noun: "killed in the attack" (the victims
    # before it are not the attack's source), "a raid", "their strike"
    is_noun = (low in trig.nouns or _DETERMINER.search(text, max(lo, s - 7), s) is not None) \
        and not verb_context(text, lo, s)
    if (is_noun or low.endswith("ing")) and doc.modifier(text, e) is not None:
        return None  # "opposition party", "attack helicopter", "monitoring group": a modifier, no event
    src = tgt = None
    if is_noun:
        src, tgt = R.noun_roles(text, s, e, trig, before, after)
        if src is None and before and (lv := R.light_verb_start(text, lo, s)) is not None:
            # the subject of a light verb acts: "Italy announced a suspension of air links",
            # "students staged mass demonstrations", "they continued their hunger strike"
            subj_before = [x for x in before if x.end <= lv]
            src = R.subject(text, lo, lv, subj_before, doc.antecedents, sent_start, doc.in_pp)
    else:
        passive = low.endswith(("ed", "en", "wn", "t")) and bool(R.BE.search(text, max(lo, s - 30), s))
        sp = doc.speech[-1] if doc.speech else None
        speaker = sp.source_actor_id if sp is not None and sp.sentence_id == sid and sp.end <= s else None
        speaker_type = doc.types.get(speaker) if speaker is not None else None
        if speaker_type == "person":
            speaker = None  # (a person's "he"/"she" is found by the person rule)
        # a state is "it" in news English: "Ukraine said they killed two civilians" speaks
        # of others ("Ukraine said it" of itself); crowds, forces and bodies may be "they"
        subj = R.subject(text, lo, s, before, doc.antecedents, sent_start, doc.in_pp, speaker,
                         speaker_is_they=speaker_type != "state")
        prev = doc.last_verb
        if prev is not None and prev.sentence_id == sid and prev.source_actor_id \
                and R.COORDINATED_VERB.search(text, max(lo, s - 20), s) is not None:
            # "X condemned the attack and promised aid", "X shelled Y, killing two civilians
            # and injuring five": "and" right before the verb, so an actor between the two
            # verbs is the first one's object, not a new subject
            subj = prev.source_actor_id
        if trig.speech and after and after[0].start - e <= 2 and R.SAID_INVERTED.search(text, max(lo, s - 3), s):
            subj = after[0].ref_id  # '"...," said Miller'
        elif trig.speech and subj is not None and N.trailing_speaker(text, lo, s, before):
            subj = None  # ", residents said": the speakers are no actor, not an earlier clause's subject
        if trig.harm and subj is not None and N.caused_by_thing(text, lo, s, e, before, subj):
            subj = None  # "a bomb exploded near an army convoy, killing three": the army is not the killer
        reduced = not passive and after and low.endswith(("ed", "en", "wn")) and not trig.speech \
            and trig.passive_subject == "target" and R.BY_GAP.fullmatch(text, e, after[0].start)
        if reduced:
            # reduced passive: "civilians killed by RSF fighters", "Russia, backed by China,"
            by = after[0].ref_id
            near = before[-1].ref_id if before and s - before[-1].end <= 3 else None
            src, tgt = by, near
        elif passive:
            if trig.passive_subject == "source":
                src, tgt = subj, R.object_(text, e, hi, trig, after, subj, prep_only=True)
            else:
                by = next((x for x in after if R.BY.fullmatch(text, e, x.start)), None)
                src, tgt = (by.ref_id if by else None), subj
        else:
            src = subj
            if not trig.notarget:
                tgt = R.object_(text, e, hi, trig, after, src)
            elif trig.speech:
                told = next((x for x in after if x.start - e <= 3), None)
                tgt = told.ref_id if told and low.startswith("tol") else None
    if src is None and not is_noun and not trig.notarget and (pair := R.between_pair(text, e, trig, after)):
        src, tgt = pair  # "fighting broke out between X and Y"
    if trig.subject_is_target and not is_noun:
        # "X said Y must leave": Y is who is asked; the demand comes from the speaker
        src, tgt = None, src
    if tgt == src:
        tgt = None
    srcs = R.conj_of(text, before, src, -1, doc.taken) if src else []
    tgts = R.conj_of(text, after, tgt, 1, doc.taken) if tgt else []
    mod, reporter = event_modality(text, lo, hi, s, e, trig, doc.speech, sid, before, after, doc.cues)
    place = doc.places.place_for(sid, s, trig.cameo[:2])
    d_start, d_end, d_prec, d_source = doc.dates.date_for(sid, s)
    dated = d_source == "sentence"
    conf = 0.35 + 0.3 * (src is not None) + 0.2 * (tgt is not None or trig.notarget) \
        + 0.1 * (place is not None or dated) + 0.05 * (trig.near is None)
    if trig.subject_is_target and src is None and reporter is not None and reporter != tgt:
        src = reporter
        conf += 0.3
    if mod == "hedged":
        conf *= 0.85
    cameo, plover = trig.cameo, trig.plover
    if trig.test_code is not None and tgt is None:
        if N.civil_launch(text, lo, hi, s, e):
            return None  # "NASA launched a rocket carrying a weather satellite": no force used
        if N.test_launch(text, e, hi):
            cameo, plover = trig.test_code, plover_type(trig.test_code)  # "fired a missile into the sea"
    if mod == "predicted" and (intent := intent_code(cameo)) is not None:
        cameo, plover = intent, plover_type(intent)  # "will send tanks": intent to give aid (033)
    ev = _new_event(  # the values in _EVENT_FIELDS order
        doc.event_id(s, e, cameo), s, e, surface, plover, cameo, sid, src, tgt, place,
        d_start, d_end, d_prec, mod, reporter if reporter != src else None, _rounded(conf),
        d_source)
    if not is_noun:
        doc.last_verb = ev
    return ev, srcs, tgts
