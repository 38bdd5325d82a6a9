"""Actor finder: who is named in the text (states, organisations, persons, units).

Passes, each claiming spans so later passes do not re-read them:
1. dictionary surfaces (countries, demonyms, capitals, organisations, known persons);
2. persons introduced by a title ("NATO Secretary General Mark Rutte"), with the
   dictionary match right before the title as affiliation or country;
3. numbered military units ("127th Motorized Rifle Division of the Russian Federation");
4. organisations by the shape of their names (head words, see actor_orgs);
5. compounds country + agent noun ("North Korean troops", "South Korean media");
   then acronyms the text defines and their later uses;
6. names followed by a speech verb ("Smith said"), and surnames of persons seen earlier;
7. generic agents ("the police", "protesters"), country from the text when it gives one.
"""
from __future__ import annotations

import bisect
import re

from .actor_country import (count_countries, country_after, dominant_country, foreign_division_after,
                            state_sectors)
from .actor_lexicon import ActorLexicon, Entry, compound_actor, ethnic_actor, generic_actor, lexicon, words_scan
from .actor_orgs import acronym_orgs, head_orgs
from .actor_orgs import rules as org_rules
from .actor_scan import CapitalPass, LowerPass
from .ids import slug
from .lexicon import load
from .model import Actor, Mention, Sentence
from .person_rules import SAID_BEFORE, appositive_persons, find_persons, speech_persons, surname_mentions

# a capital after a place preposition, or joined by a hyphen ("the Kaduna-Abuja highway"),
# is the city, not its government
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|around|inside|across|from|of|to|into|towards?|via|along|"
                       r"through|between|past|within|throughout)\s+|-)$")
# Numbered units: whole match is group 1 (as in a Scan). Matched only where an
# ordinal's last digit stands (few places), not tried at every digit of the text.
_UNIT = re.compile(
    r"((\d{1,3}(?:st|nd|rd|th))\s+((?:[A-Z][a-z]+[\s-]+){0,4}?)"
    r"(Division|Brigade|Regiment|Battalion|Army|Corps|Fleet|Squadron|Flotilla|Detachment|Group|Company)\b)")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\s")
_UNIT_HEADS = ("Division", "Brigade", "Regiment", "Battalion", "Army", "Corps", "Fleet", "Squadron", "Flotilla",
               "Detachment", "Group", "Company")
# the heads as whole words, found in the shared capitals pass: most documents name none,
# and then the ordinal search is skipped
_UNIT_HEAD_SCAN = words_scan(_UNIT_HEADS, r"\b", "")


def _units(text: str):
    """_UNIT's matches at word starts, left to right, never overlapping."""
    end = 0
    for h in _ORDINAL.finditer(text):
        s = h.start()
        while s > h.start() - 2 and s and text[s - 1].isdigit():
            s -= 1
        if s < end or (s and ((c := text[s - 1]).isalnum() or c in "_-")):
            continue
        m = _UNIT.match(text, s)
        if m:
            end = m.end()
            yield m
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?")
_DATELINE = re.compile(r"\s*([A-Z][A-Z.'’ -]{1,30}[A-Z])(?=,)")


def lower_pass(lex: ActorLexicon) -> tuple[LowerPass, CapitalPass]:
    """The two passes that find the lower-case and the capitalised words of every scan below."""
    heads = org_rules().scan
    return (LowerPass({k: (sc, sc.low or []) for k, sc in (("lex", lex.scan), ("title", lex.title_scan),
                                                             ("alone", lex.alone_scan), ("said", SAID_BEFORE),
                                                             ("heads", heads))}),
            CapitalPass({k: (sc, sc.rest or []) for k, sc in (("lex", lex.scan), ("title", lex.title_scan),
                                                               ("alone", lex.alone_scan), ("heads", heads),
                                                               ("unit_heads", _UNIT_HEAD_SCAN))}))


_IN_NAMES: dict = {}  # id(lex.entries) -> (entries, the map below): built once per lexicon


def _in_place_names(lex: ActorLexicon) -> dict[str, tuple[tuple[str, str], ...]]:
    """Country and capital surfaces that stand inside a world region's name (the
    place finder's places_regions.csv), with the words before and after them there:
    "Oman" -> (("Gulf of ", ""),), "China" -> (("South ", " Sea"), ("East ", " Sea"))."""
    hit = _IN_NAMES.get(id(lex.entries))
    if hit is not None and hit[0] is lex.entries:
        return hit[1]
    out: dict[str, set] = {}
    for r in load("places_regions.csv"):
        for name in [r["name"], *r["aliases"].split("|")]:
            words = name.split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    sub = " ".join(words[i:j])
                    ent = lex.entries.get(sub)
                    if sub != name and ent is not None and ent.kind in ("country", "capital", "demonym"):
                        a, b = " ".join(words[:i]), " ".join(words[j:])
                        out.setdefault(sub, set()).add((a + " " if a else "", " " + b if b else ""))
    got = {k: tuple(v) for k, v in out.items()}
    _IN_NAMES[id(lex.entries)] = (lex.entries, got)
    return got


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
        self._actors: list[Actor] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self._starts, e)
        return i == 0 or self._ends[i - 1] <= s

    def add(self, s: int, e: int, actor: Actor) -> None:
        i = bisect.bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)
        self._actors.insert(i, actor)
        self.spans.append((s, e, actor))

    def ending_at(self, e: int) -> Actor | None:
        """The actor of the claimed span that ends exactly at e, if any."""
        i = bisect.bisect_left(self._starts, e) - 1
        return self._actors[i] if i >= 0 and self._ends[i] == e else None


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
    named = []  # every dictionary hit, "in Moscow" too: what the document is about
    national = []  # "the Senate": its own country only when no other one dominates
    if lex.lower is None:
        lex.lower = lower_pass(lex)
    pre = lex.lower[0].run(text)
    caps = lex.lower[1].run(text)
    pre.update({k + "_at": v for k, v in caps.items()})
    hits = []
    towns = set()  # capitals this text writes as a town elsewhere ("Athens, Ga.", "Paris, Texas")
    in_names = _in_place_names(lex)
    for m in lex.scan.finditer(text, pre["lex"], pre["lex_at"]):
        g = m.group(1)
        e = lex.entries.get(g)
        if e is None:
            continue
        s = m.start(1)
        ctx = in_names.get(g)
        if ctx and any(text.startswith(a, s - len(a)) and text.startswith(b, s + len(g)) for a, b in ctx):
            continue  # "Gulf of Oman", "South China Sea": a sea's name, not the state
        if e.kind == "capital" and text.startswith(",", m.end()) and foreign_division_after(text, m.end(), e.iso3):
            towns.add(g.casefold())
        hits.append((s, m.end(), g, e))
    dl = _DATELINE.match(text)  # "ATHENS, Ga. (AP) -": the dictionary has no upper-case forms
    if dl:
        cap = lex.entries.get(dl.group(1).title())
        if cap is not None and cap.kind == "capital" and foreign_division_after(text, dl.end(1), cap.iso3):
            towns.add(dl.group(1).casefold())
    for s, end, g, e in hits:
        if towns and e.kind == "capital" and g.casefold() in towns:
            continue  # the town all through the text: "Athens police" are not Greece's
        (named if not e.national else national).append(e)
        if e.kind == "capital" and (_LOCATIVE.search(text, max(0, s - 12), s) or text.startswith("-", end)):
            continue  # "in Moscow" is a place, "Moscow said" is the government
        base.append((s, end, e))
    ends = {e: (s, ent) for s, e, ent in base}
    claims = _Claims()
    actors: dict[str, Actor] = {}

    def claim(s: int, e: int, actor: Actor) -> None:
        claims.add(s, e, actor)
        register(actor)

    def register(actor: Actor) -> None:
        actors.setdefault(actor.actor_id, actor)
        aff = actor.affiliation_id
        while aff and aff not in actors:  # affiliations must be rows of the actors table too
            parent = lex.by_id(aff)
            if parent is None:
                break
            actors[aff] = parent
            aff = parent.affiliation_id

    # 2. titled persons first: their modifier ("U.S. State Department") stays its own mention
    doc_iso = dominant_country(count_countries(named)) or (
        dominant_country(count_countries(named + national)) if national else None)
    state = state_sectors()
    titles = _Claims()  # "Police spokesman": the title's words are no bare agent ("police")
    for ps, pe, person, mod, (ts, te) in find_persons(text, lex, ends, pre, doc_iso, state):
        if not claims.free(ps, pe):
            continue
        claim(ps, pe, person)
        titles.add(ts, te, person)
        if mod is not None:
            ms, me, ment = mod
            if claims.free(ms, me) and ment.kind != "region":  # "Borno Governor": Borno is a place
                claim(ms, me, ment.actor)
    # 3. numbered units
    for m in (_units(text) if pre["unit_heads_at"] else ()):
        if claims.free(m.start(1), m.end()):
            _unit(text, m, lex, base, ends, claim)
    # 4. organisations named by a head word ("Independent National Electoral Commission")
    for s, e, org in head_orgs(text, lex, claims.free, doc_iso, state, pre):
        if claims.free(s, e):
            claim(s, e, org)
    # 1 + 5. dictionary matches, extended into compounds when an agent noun follows
    for s, e, ent in base:
        if not claims.free(s, e):
            continue
        if ent.kind in ("country", "demonym", "capital", "region") and ent.iso3 in lex.states:
            am = lex.agent_after.match(text, e)
            if am and claims.free(s, am.end()):
                sector = lex.agents[am.group(2)][0]
                claim(s, am.end(), compound_actor(lex, ent.iso3, sector))
                continue
        if ent.kind == "region":
            continue  # "in Borno" is a place: the places finder's
        if ent.national and doc_iso and doc_iso != ent.iso3 and doc_iso in lex.states:
            # "the Senate" in a text about Brazil is Brazil's legislature, not the U.S. Congress
            claim(s, e, compound_actor(lex, doc_iso, (ent.actor.cameo_code or "")[3:] or "GOV"))
            continue
        if ent.kind == "person" and ent.iso3 in lex.states:
            am = lex.agent_after.match(text, e)
            if am and lex.agents[am.group(2)][0] == "GOV" and claims.free(s, am.end()):
                claim(s, am.end(), compound_actor(lex, ent.iso3, "GOV"))  # "Biden administration"
                continue
        if ent.kind == "ethnic":
            am = lex.agent_after.match(text, e)
            if am and claims.free(s, am.end()):
                claim(s, am.end(), ethnic_actor(ent, lex.agents[am.group(2)][0]))
                continue
        claim(s, e, ent.actor)
    # acronyms the text defines ("Alliance of Sahel States (AES)") and their later uses
    for _, _, org in acronym_orgs(text, lex, claims, doc_iso, state):
        register(org)
    # 6. "X, a spokesman for Y" and "X said" persons, then bare surnames of persons already known in this document
    for ps, pe, person in appositive_persons(text, lex, claims.free, doc_iso, state):
        claim(ps, pe, person)
    for ps, pe, person in speech_persons(text, lex, claims.free, pre):
        claim(ps, pe, person)
    for ps, pe, person in surname_mentions(text, [a for a in actors.values() if a.actor_type == "person"],
                                           claims.free):
        claim(ps, pe, person)
    # 7. generic agents, with the country the text ties them to (see actor_country)
    bare: set[str] = set()  # agents claimed by this pass: "opposition activists" stays two
    for m in lex.alone_scan.finditer(text, pre["alone"], pre["alone_at"]):
        s = m.start(1)
        sector = lex.alone[m.group(1)]
        # "Hezbollah fighters", "al-Shabaab's militants": the noun is the named group's, no second actor
        if _owned(text, s, claims, bare):
            continue
        if claims.free(s, m.end()) and titles.free(s, m.end()) and _generic_ok(text, s, sector):
            iso = country_after(text, m.end(), lex, towns) or (doc_iso if sector in state else None)
            agent = compound_actor(lex, iso, sector) if iso else generic_actor(sector)
            bare.add(agent.actor_id)
            claim(s, m.end(), agent)

    starts = [s.start for s in sentences]
    mentions = []
    for s, e, actor in sorted(claims.spans, key=lambda x: (x[0], x[1])):
        sid = sentences[_sentence_of(starts, s)].sentence_id if sentences else -1
        mentions.append(Mention(s, e, text[s:e], "actor", actor.actor_id, sid))
    return sorted(actors.values(), key=lambda a: a.actor_id), mentions


_GROUPS = frozenset(("organization", "armed_group", "military_unit", "state"))
_CROWDS = frozenset(("OPP", "CVL", "UAF", "CRM", "REB"))
_GENERIC_BEFORE = re.compile(r"(?:^|[.,;:!?\n\"“]\s*|\b(?:the|The|of|by|against|with|and|many|some|several|"
                             r"dozens|hundreds|thousands|armed|local|anti-government|opposition|at|on|from|"
                             r"between|among|to|for|near|two|three|four|five|six|seven|eight|nine|ten|"
                             r"\d[\d,]*)\s+)$")


def _owned(text: str, s: int, claims: _Claims, bare: set) -> bool:
    """The agent noun at s follows a named group or state ("Hezbollah fighters",
    "Ithilen's militia") that no compound took: it is theirs, not a second actor."""
    if not s or text[s - 1] != " ":
        return False
    g = claims.ending_at(s - 1)
    if g is None and text[s - 3:s - 1] in ("'s", "’s"):
        g = claims.ending_at(s - 3)
    return g is not None and g.actor_type in _GROUPS and g.actor_id not in bare


def _generic_ok(text: str, pos: int, sector: str) -> bool:
    """Bare agent nouns are actors after "the", a quantifier, a preposition or at a clause
    start, not as modifiers ("a military operation"). Crowds ("killed civilians",
    "gunmen abducted") are people wherever they stand."""
    return sector in _CROWDS or bool(_GENERIC_BEFORE.search(text[max(0, pos - 20):pos]))


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
