"""Actor finder: who is named in the text (states, organisations, persons, units).

Passes, each claiming spans so later passes do not re-read them:
1. dictionary surfaces (countries, demonyms, capitals, organisations, known persons);
2. persons introduced by a title ("NATO Secretary General Mark Rutte"), with the
   dictionary match right before the title as affiliation or country;
3. numbered military units ("127th Motorized Rifle Division of the Russian Federation");
4. organisations "<Name> Directorate/Ministry/... of <country>";
5. compounds country + agent noun ("North Korean troops", "South Korean media");
6. names followed by a speech verb ("Smith said"), and surnames of persons seen earlier;
7. country-less generic agents ("the police", "protesters").
"""
from __future__ import annotations

import bisect
import re

from .actor_lexicon import ActorLexicon, Entry, Scan, compound_actor, generic_actor, lexicon
from .ids import slug
from .model import Actor, Mention, Sentence
from .person_rules import find_persons, speech_persons, surname_mentions

_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|around|inside|across|from|of)\s+)$")
# Scans: whole match is group 1, the pattern's own groups follow (see Scan).
_UNIT = Scan(
    r"(\d{1,3}(?:st|nd|rd|th))\s+((?:[A-Z][a-z]+[\s-]+){0,4}?)"
    r"(Division|Brigade|Regiment|Battalion|Army|Corps|Fleet|Squadron|Flotilla|Detachment|Group|Company)\b",
    None, "-")
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?")
_ORG_HEADS = ("Directorate", "Ministry", "Department", "Agency", "Service", "Council", "Committee",
              "Command", "Office", "Bureau", "Commission", "Court", "Parliament", "Guard", "Police", "Staff")
# "<up to 5 capitalised words> <head> [of/for <names>] of [the]". Written to open
# with the capital every match opens with (the head's own first letter is read
# back by a look-behind) so the scan only stops at capitals; same matches as
# "(?:[A-Z]\S*\s+){0,5}?(?:heads)", shortest prefix first.
_ORG_OF = Scan(  # look-behind first keeps long letter runs linear (see person_rules._SAID_AFTER)
    r"(?<![\w-])([A-Z](?:" + "|".join(f"(?<={h[0]}){h[1:]}" for h in _ORG_HEADS)
    + r"|[\w’'-]{0,40}\s+(?:[A-Z][\w’'-]{0,40}\s+){0,4}?(?:" + "|".join(_ORG_HEADS) + "))"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w’'-]{0,40}\s+(?:and\s+)?){1,4}?)?)\s*of\s+(?:the\s+)?", None, "-")
_ORG_SECTOR = (("Intelligence", "SPY"), ("Defen", "MIL"), ("Staff", "MIL"), ("Guard", "MIL"), ("Police", "COP"),
               ("Court", "JUD"), ("Parliament", "LEG"))


def _sentence_of(starts: list[int], pos: int) -> int:
    return max(bisect.bisect_right(starts, pos) - 1, 0)


class _Claims:
    """Spans already given to an actor; later passes skip overlapping candidates.

    Claimed spans never overlap, so sorted starts plus a bisect answer
    "is [s, e) free?" in log time."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, Actor]] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self._starts, e)
        return i == 0 or self._ends[i - 1] <= s

    def add(self, s: int, e: int, actor: Actor) -> None:
        i = bisect.bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)
        self.spans.append((s, e, actor))


def find_actors(text: str, sentences: list[Sentence], lex: ActorLexicon | None = None
                ) -> tuple[list[Actor], list[Mention]]:
    try:
        return _find(text, sentences, lex or lexicon())
    except Exception:  # never let one odd document stop a batch
        return [], []


def _find(text: str, sentences: list[Sentence], lex: ActorLexicon) -> tuple[list[Actor], list[Mention]]:
    if not text:
        return [], []
    base: list[tuple[int, int, Entry]] = []
    for m in lex.scan.finditer(text):
        e = lex.entries.get(m.group(1))
        if e is None:
            continue
        s = m.start(1)
        if e.kind == "capital" and _LOCATIVE.search(text, max(0, s - 12), s):
            continue  # "in Moscow" is a place, "Moscow said" is the government
        base.append((s, m.end(), e))
    ends = {e: (s, ent) for s, e, ent in base}
    claims = _Claims()
    actors: dict[str, Actor] = {}

    def claim(s: int, e: int, actor: Actor) -> None:
        claims.add(s, e, actor)
        actors.setdefault(actor.actor_id, actor)
        aff = actor.affiliation_id
        while aff and aff not in actors:  # affiliations must be rows of the actors table too
            parent = lex.by_id(aff)
            if parent is None:
                break
            actors[aff] = parent
            aff = parent.affiliation_id

    # 2. titled persons first: their modifier ("U.S. State Department") stays its own mention
    for ps, pe, person, mod in find_persons(text, lex, ends):
        claim(ps, pe, person)
        if mod is not None:
            ms, me, ment = mod
            if claims.free(ms, me):
                claim(ms, me, ment.actor)
    # 3. numbered units
    for m in _UNIT.finditer(text):
        if claims.free(m.start(1), m.end()):
            _unit(text, m, lex, base, ends, claim)
    # 4. "<X> Directorate of Ukraine" style organisations not in the dictionary
    for m in _ORG_OF.finditer(text):
        s = m.start(2)
        if text.startswith("The ", s) or text.startswith("the ", s):
            s += 4
        cm = lex.regex.match(text, m.end())
        ent = lex.entries.get(cm.group()) if cm else None
        if ent is None or ent.kind not in ("country", "demonym") or not claims.free(s, cm.end()):
            continue
        name = text[s:cm.end()]
        if name in lex.entries:
            continue
        sector = next((sec for key, sec in _ORG_SECTOR if key in m.group(2)), "GOV")
        iso = ent.iso3
        claim(s, cm.end(), Actor(f"actor:org:{slug(name)}", name, "organization", iso, None,
                                 lex.states[iso].actor_id, iso + sector))
    # 1 + 5. dictionary matches, extended into compounds when an agent noun follows
    for s, e, ent in base:
        if not claims.free(s, e):
            continue
        if ent.kind in ("country", "demonym", "capital") and ent.iso3 in lex.states:
            am = lex.agent_after.match(text, e)
            if am and claims.free(s, am.end()):
                sector = lex.agents[am.group(2)][0]
                claim(s, am.end(), compound_actor(lex, ent.iso3, sector))
                continue
        claim(s, e, ent.actor)
    # 6. "X said" persons, then bare surnames of persons already known in this document
    for ps, pe, person in speech_persons(text, lex, claims.free):
        claim(ps, pe, person)
    for ps, pe, person in surname_mentions(text, [a for a in actors.values() if a.actor_type == "person"],
                                           claims.free):
        claim(ps, pe, person)
    # 7. generic agents
    for m in lex.alone_scan.finditer(text):
        s = m.start(1)
        if claims.free(s, m.end()) and _generic_ok(text, s):
            claim(s, m.end(), generic_actor(lex.alone[m.group(1)]))

    starts = [s.start for s in sentences]
    mentions = []
    for s, e, actor in sorted(claims.spans, key=lambda x: (x[0], x[1])):
        sid = sentences[_sentence_of(starts, s)].sentence_id if sentences else -1
        mentions.append(Mention(s, e, text[s:e], "actor", actor.actor_id, sid))
    return sorted(actors.values(), key=lambda a: a.actor_id), mentions


_GENERIC_BEFORE = re.compile(r"(?:^|[.,;:!?\n\"“]\s*|\b(?:the|The|of|by|against|with|and|many|some|several|"
                             r"dozens|hundreds|thousands|armed|local|anti-government|opposition)\s+)$")


def _generic_ok(text: str, pos: int) -> bool:
    """Bare agent nouns are actors after "the", a quantifier or at a clause start, not as modifiers."""
    return bool(_GENERIC_BEFORE.search(text[max(0, pos - 20):pos]))


def _unit(text, m, lex, base, ends, claim) -> None:
    name = re.sub(r"\s+", " ", m.group(1))
    iso, end = None, m.end()
    of = _OF_COUNTRY.match(text, end)
    if of:
        cm = lex.regex.match(text, of.end())
        ent = lex.entries.get(cm.group()) if cm else None
        if ent is not None and ent.iso3 and ent.kind in ("country", "demonym"):
            iso = ent.iso3
    start = m.start(1)
    prev = ends.get(start - 1)
    if iso is None and prev and prev[1].kind in ("country", "demonym") and prev[1].iso3:
        iso = prev[1].iso3
    if iso is None:
        # nearest country named before the unit in the same stretch of text
        near = [ent for s, e, ent in base if start - 300 < e <= start and ent.iso3
                and ent.kind in ("country", "demonym", "capital")]
        iso = near[-1].iso3 if near else None
    aid = f"actor:unit:{slug((iso or 'xx') + ' ' + name)}"
    claim(start, end, Actor(aid, name, "military_unit", iso, None,
                            lex.states[iso].actor_id if iso else None, (iso + "MIL") if iso else "MIL"))
