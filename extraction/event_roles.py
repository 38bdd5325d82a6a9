"""Who acts on whom: the source and target actor mentions of one trigger.

- verbs, active: source = the nearest actor before the trigger that is not inside a
  prepositional phrase (a subject pronoun in between is resolved to the previous
  person for he/she; for it/they to the group whose statement comes earlier in the
  sentence, "Japan said it had halted aid", else to the last group actor of an earlier
  sentence); target = the first actor after the trigger in the same clause, preferring
  one introduced by the trigger's prepositions ("consulting with Ukraine");
- verbs, passive ("was attacked by X"): source = "by X", target = the subject
  (for deployments the subject is the force that moves, so it is the source);
- nouns: source = a possessive or adjacent actor ("Russia's war", "Russian attack")
  or "by X"; "of X" fills the role the trigger names (arrival of X: source;
  arrest of X: target); else the subject of a light verb ("Italy announced a
  suspension"); "clashes between X and Y" gives X -> Y.
Coordination: "X and Y attacked Z" gives one event per conjunct of the subject
(and of the object: "met X and Y"). A mutual act with a compound subject and no
object (mutual_roots in events_triggers.yaml): a cooperative one ("X and Y met")
gives X->Y and Y->X, as CAMEO codes such dyads; a fight ("X and Y clashed") one
event per pair, the first-named as source, as PLOVER and ACLED record actor1/actor2.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from functools import lru_cache

from .ids import stable_id
from .fast_regex import lead_alternation
from .lexicon import load
from .event_roles_news import speaker_after
from .model import Event
from .triggers import Trigger, starts_at

_PREP_BEFORE = re.compile(r"\b(?:in|at|from|to|with|against|for|on|by|about|into|over|between|near|of|"
                          r"among|toward|towards|across|through|without|under)\s+(?:the\s+)?$", re.I)
# These regexes are searched over windows of up to 400 characters for every trigger. Each opens
# with a character class (the word's first letter) so that sre skips to candidates in C; a
# leading \b would make it try every offset. The look-behind after the first letter is the \b:
# "(?<!\w[\s\S])" holds at the start of the text too. Same matches as the plain forms in the
# comments.
# \b(he|she|they|these|those|it|He|She|They|These|Those|It)\b
_PRONOUN = re.compile(r"([hstiHSTI](?<!\w[\s\S])(?:(?<=[hH])e|(?<=[sS])he|(?<=[tT])he(?:y|se)|(?<=[tT])hose"
                      r"|(?<=[iI])t))\b")
# \b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$
BE = re.compile(r"[iawbg](?<!\w[\s\S])(?:(?<=i)s|(?<=a)re|(?<=w)(?:as|ere)|(?<=b)e(?:|en|ing)|(?<=g)(?:et|ot|ets))"
                r"\s+(?:\w+ly\s+)?$")
# \b(?:that|which|who|whom|whose|while|whereas|because|although|but)\b|[;:]
CLAUSE_BREAK = re.compile(r"[;:tbwa](?:(?<=[;:])|(?<!\w[\s\S])(?:(?<=t)hat|(?<=w)(?:hich|ho|hom|hose|hile|hereas)"
                          r"|(?<=b)(?:ecause|ut)|(?<=a)lthough)\b)")
_POSSESSIVE_GAP = re.compile(r"^(?:['’]s\s+(?:[a-z-]+\s+){0,2}|\s+)$")
BY = re.compile(r"\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?$")
SAID_INVERTED = re.compile(r"[,\"”]\s*$")
# between two conjuncts: ", ", " and ", ", and the evil ", " nor " (up to three lower-case modifiers)
_CONJ = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|nor|&)\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$")
_MAX_CONJ = 6
_VERB_NEXT = re.compile(r"\s+(?:(?:has|have|had|will|would|also|then|is|are|was|were)\s+)*")
_DIRECT = re.compile(r"\s+(?:the\s+)?")
_INFINITIVE = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|its\b|their\b|his\b|her\b)[a-z]+\b")
# "and" joining a second verb to the first one's subject: "attacked the village and killed five"
COORDINATED_VERB = re.compile(r"a(?<!\w[\s\S])nd\s+(?:then\s+|also\s+|later\s+|subsequently\s+)?$")
_ADJUNCT = re.compile(r"\b(?:in|at|from|near|into|about|over|since|during)\s+(?:the\s+)?$")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
BY_GAP = re.compile(r"\s+by\s+(?:the\s+)?$")
# "clashes between X and Y", "fighting broke out between the army and ...": the noun's parties
_BETWEEN_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?between\s+(?:the\s+)?")
_AND_GAP = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")


@lru_cache(maxsize=1)
def mutual_roots() -> dict:
    """CAMEO root -> how a mutual act with a compound subject and no object is coded:
    "both" (X->Y and Y->X) or "once" (first-named -> second); see events_triggers.yaml."""
    return {str(k): str(v) for k, v in load("events_triggers.yaml").get("mutual_roots", {}).items()}


def subject(text, lo, s, before, antecedents, sent_start, in_pp: dict, group_speaker=None,
            speaker_is_they=True):
    """in_pp: per-document memo, mention start -> whether a preposition stands before it
    (the same mentions are looked at by every trigger of their sentence). antecedents():
    (sorted actor mention starts, last person / last group actor named before each index),
    asked for only by a pronoun subject: he/she -> the last person named before the trigger;
    it/they after a statement of a group actor earlier in the sentence -> that group
    (group_speaker: "Syria says it will not accept"; "they" only when speaker_is_they);
    else they/these -> the last group actor named in an earlier sentence."""
    cand = None
    for x in reversed(before):
        key = (x.start, lo)  # the window start bounds the look-back
        pp = in_pp.get(key)
        if pp is None:
            pp = in_pp[key] = _PREP_BEFORE.search(text, max(lo, x.start - 14), x.start) is not None
        if not pp:
            cand = x
            break
    gap_start = cand.end if cand else lo
    if cand is not None:
        brk = CLAUSE_BREAK.search(text, gap_start, s)
        if brk:
            # "X said that ...": the actor before "that" is not the subject of what follows
            gap_start, cand = brk.end(), None
    pron = None
    for p in _PRONOUN.finditer(text, gap_start, s):
        pron = p
    if pron is not None:
        word = pron.group(1).lower()
        starts, last_person, last_group = antecedents()
        if word in ("he", "she"):
            return last_person[bisect_left(starts, s)]
        if group_speaker is not None and (word == "it" or word == "they" and speaker_is_they):
            return group_speaker  # "Japan said on Tuesday it had halted aid": the speaker's "it"
        return last_group[bisect_left(starts, sent_start)]
    return cand.ref_id if cand else None


def object_(text, e, hi, trig: Trigger, after, src, prep_only=False):
    if not after:
        return None
    stop = CLAUSE_BREAK.search(text, e, min(hi, e + 120))
    limit = stop.start() if stop else min(hi, e + 120)
    # "..., killing 18 people, officials said": who reports the event is not its object
    speaker = speaker_after()
    cands = [x for x in after if x.start < limit and x.ref_id != src and speaker(text, x.end) is None]
    if cands:
        # "..., killing 20 people, according to the health ministry": the source of the
        # report is never who was acted on
        rx, first_words = _reported_by()
        window = text[e:limit].lower()
        if any(w in window for w in first_words):
            cands = [x for x in cands if not rx.search(text, max(e, x.start - 40), x.start)]
    if not cands:
        return None
    first = cands[0]
    if not prep_only and _DIRECT.fullmatch(text, e, first.start) and (
            _INFINITIVE.match(text, first.end) or "to" not in trig.prep):
        # the direct object of the verb: "attacked Hezbollah positions in Lebanon" (not the
        # place of a later "in"), "urged Eriador to respond to Gondor" (not the actor of the
        # "to" phrase); transfers keep their recipient ("sent troops to Ukraine")
        return first.ref_id
    if trig.prep:
        rx = _prep_before(trig.prep)
        for x in cands:
            if rx.search(text, max(e, x.start - 16), x.start):
                return x.ref_id
    if prep_only:
        return None
    for x in cands:
        if not _ADJUNCT.search(text, e, x.start):
            return x.ref_id
    return None


@lru_cache(maxsize=1)
def _reported_by() -> tuple[re.Pattern, tuple[str, ...]]:
    """The reporting-phrase pattern, and each phrase's first word (a cheap pre-check)."""
    phrases = load("events_modality.yaml")["reporting_phrases"]
    rx = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases)
                    + r")\s+(?:the\s+|a\s+)?(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
    return rx, tuple({p.split()[0].lower() for p in phrases})


@lru_cache(maxsize=None)
def _prep_before(prep: tuple) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prep)) + r")\s+(?:the\s+|its\s+|their\s+)?$")


@lru_cache(maxsize=None)
def _prep_gap(prep: tuple) -> re.Pattern:
    return re.compile(r"\s+(?:\w+\s+){0,3}?(?:" + "|".join(map(re.escape, prep)) + r")\s+(?:the\s+)?$")


def between_pair(text, e, trig: Trigger, after):
    """(X, Y) of "between X and Y" right after the trigger (a few words may come first:
    "clashes erupted between"): the two parties of a mutual act, the first-named as source.
    None when the trigger's own preposition is "between" (a mediator's targets)."""
    if len(after) > 1 and "between" not in trig.prep and after[0].start - e <= 60 \
            and _BETWEEN_GAP.fullmatch(text, e, after[0].start) \
            and _AND_GAP.fullmatch(text, after[0].end, after[1].start) and after[0].ref_id != after[1].ref_id:
        return after[0].ref_id, after[1].ref_id
    return None


@lru_cache(maxsize=1)
def _light_verb() -> re.Pattern:
    """A light verb and up to three words before a noun trigger, ending at the noun:
    "staged mass demonstrations", "announced a suspension of", "continued their hunger strike"."""
    words = sorted({str(w).lower() for w in load("events_triggers.yaml").get("light_verbs", [])}, key=len, reverse=True)
    return re.compile("(?:" + lead_alternation(words, r"[\w-]")
                      + r")\s+(?:[\w'’-]+\s+){0,3}$")


def light_verb_start(text, lo, s) -> int | None:
    """Where the light verb governing the noun trigger at s starts, if one does."""
    m = _light_verb().search(text, max(lo, s - 60), s)
    return m.start() if m else None


def noun_roles(text, s, e, trig: Trigger, before, after):
    src = tgt = None
    if before and _POSSESSIVE_GAP.match(text[before[-1].end:s]):
        src = before[-1].ref_id  # "Russia's war", "Russian attack"
    elif (pair := between_pair(text, e, trig, after)) is not None:
        return pair
    for x in after:
        if x.start - e > 40:
            break
        if trig.of_role and _OF_GAP.fullmatch(text, e, x.start):
            if trig.of_role == "source" and src is None:
                src = x.ref_id
            elif trig.of_role == "target" and tgt is None:
                tgt = x.ref_id
        elif src is None and BY_GAP.fullmatch(text, e, x.start):
            src = x.ref_id
        elif trig.prep and tgt is None and _prep_gap(trig.prep).fullmatch(text, e, x.start):
            tgt = x.ref_id
    return src, (tgt if tgt != src else None)


def _conjuncts(text, ms, i, step, taken):
    """ref ids of the coordinated mentions around ms[i], walking in direction step.
    Walking left stops at a mention that is already an earlier event's object
    ("A attacked B and C condemned it": B is not C's co-subject); walking right
    stops before a mention followed by its own verb ("met B and C said ...")."""
    out = [ms[i].ref_id]
    j = i
    while 0 <= j + step < len(ms) and len(out) < _MAX_CONJ:
        a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
        if b.start - a.end > 40 or not _CONJ.fullmatch(text, a.end, b.start):
            break
        if step < 0 and a.start in taken:
            break
        if step > 0:
            v = _VERB_NEXT.match(text, b.end, b.end + 30)
            if v and v.end() > b.end and starts_at(text, v.end()):
                break
        j += step
        if ms[j].ref_id not in out:
            out.append(ms[j].ref_id)
    return out if step > 0 else out[::-1]


def conj_of(text, ms, ref, step, taken):
    """Conjuncts of the mention of ref nearest the trigger (last before it, first after it)."""
    idx = range(len(ms) - 1, -1, -1) if step < 0 else range(len(ms))
    for i in idx:
        if ms[i].ref_id == ref:
            if step > 0:
                taken.add(ms[i].start)
            if len(ms) == 1:
                return [ref]
            return _conjuncts(text, ms, i, step, taken)
    return []


def expand(ev: Event, doc_id, trig: Trigger, srcs, tgts) -> list[Event]:
    """Extra events for the other conjuncts of a compound subject or object."""
    if len(srcs) < 2 and len(tgts) < 2:
        return []
    extra = []
    mutual = mutual_roots().get(ev.cameo_code[:2]) if ev.target_actor_id is None and not trig.notarget else None
    if mutual == "once" and len(srcs) > 1:  # each pair once, the first-named party as source
        pairs = [(a, b) for i, a in enumerate(srcs) for b in srcs[i + 1:] if a != b]
    elif mutual == "both" and len(srcs) > 1:
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

