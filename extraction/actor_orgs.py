"""Organisations the dictionary does not know, found by the shape of their names.

1. Head words (lexicons/actors_org_rules.yaml): a capitalised run ending in a
   head ("Independent National Electoral Commission", "Acme Holdings Ltd"), or a
   head opening an "of/for" complement ("Ministry of Health of Kenya"). The
   head is what the regex looks for (capitals are rare), the words before it
   are read backwards in a bounded window, so the scan never tries a name at
   every capital of the text.
2. Acronyms defined in the text: "the Alliance of Sahel States (AES)" names an
   organisation whose later bare "AES" mentions are the same actor.

Country: a country, demonym or capital opening the name ("Kenyan Ministry of
Health") or closing it ("... of Kenya"); otherwise, for organs of a state
(courts, police, ministries), the document's dominant country (actor_country).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .actor_lexicon import Scan, trie_pattern, words_scan
from .ids import slug
from .lexicon import load
from .model import Actor

_UP = "A-ZÀ-ÖØ-Þ"
# A name token: capitalised or a number ("M23"), a dot only inside an initialism
# ("U.S.") so that "Kenya. Police" is never one name.
_TOK = rf"[{_UP}0-9][\w'’&-]{{0,40}}(?:\.[{_UP}0-9][\w'’&-]{{0,40}}){{0,4}}(?:(?<![\w'’&-][\w'’&-])\.)?"
_LEFT = re.compile(rf"(?<![\w'’&.-])((?:{_TOK}\s+){{1,5}})\Z")
_RIGHT = re.compile(rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_TOK}(?:\s+(?:and\s+|&\s+)?{_TOK}){{0,4}}){{1,2}}")
_TOKENS = re.compile(_TOK)
_TOKEN_OPEN = re.compile(rf"[{_UP}0-9]")
_WINDOW = 160
_CHAIN = re.compile(r",?[ \t]+")
_MAX_CHAIN = 2  # heads after the first ("Holdings Ltd"): bounded, so a run of heads stays linear
# each defined acronym is looked for across the whole text: a bound keeps hostile
# text with thousands of definitions linear (real articles define a handful)
_MAX_ACRONYMS = 40
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&/-]{1,9})\)")


@dataclass(frozen=True)
class OrgRules:
    head: re.Pattern
    scan: Scan  # the heads as whole words, for the actor finder's shared word passes
    heads: dict
    sector_words: tuple
    sector_type: dict
    skip: frozenset
    joiners: frozenset


@lru_cache(maxsize=1)
def rules() -> OrgRules:
    d = load("actors_org_rules.yaml")
    heads = {str(k): v or None for k, v in d["heads"].items()}
    return OrgRules(re.compile("(?:" + trie_pattern(heads) + r")(?![\w-])"),
                    words_scan(heads, r"(?![\w-])", "-"), heads,
                    tuple((w, s) for w, s in d["sector_words"]), dict(d["sector_type"]),
                    frozenset(map(str, d["skip"])), frozenset(map(str, d["acronym_joiners"])))


def _sector(name: str, head: str | None, r: OrgRules) -> str | None:
    for word, sec in r.sector_words:
        if word in name:
            return sec
    return r.heads.get(head) if head else None


def _country(text: str, s: int, e: int, lex) -> str | None:
    """ISO-3 of a country surface opening the name or closing its "of" complement."""
    m = lex.regex.match(text, s)
    ent = lex.entries.get(m.group()) if m and m.end() < e else None
    if ent is not None and ent.kind in ("country", "demonym", "capital", "region") and ent.iso3:
        return ent.iso3
    for m in lex.regex.finditer(text, s, e):
        ent = lex.entries.get(m.group())
        if m.end() == e and ent is not None and ent.kind == "country" and ent.iso3:
            return ent.iso3
    return None


def make_org(name: str, sector: str | None, iso: str | None, lex, r: OrgRules, doc_iso: str | None,
             state: frozenset) -> Actor:
    if iso is None and sector in state:
        iso = doc_iso  # "the Supreme Court" of the country the document is about
    atype = r.sector_type.get(sector, "organization")
    cameo = (iso or "") + (sector or "") or None
    aid = f"actor:org:{iso.lower()}:{slug(name)}" if iso else f"actor:org:{slug(name)}"
    state_actor = lex.states.get(iso) if iso else None  # a caller's extra dictionary may add countries
    return Actor(aid, name, atype, iso, None, state_actor.actor_id if state_actor else None, cameo)


def _left_start(text: str, hs: int, r: OrgRules) -> int:
    """Start of the capitalised words right before a head (hs itself if none)."""
    if not hs or not text[hs - 1].isspace():
        return hs  # the words must end in a space before the head
    q = hs - 1
    while q and text[q - 1].isspace():
        q -= 1
    j = max(text.rfind(" ", max(0, q - 60), q), text.rfind("\n", max(0, q - 60), q))
    if j >= 0 and _TOKEN_OPEN.search(text, j + 1, q) is None:
        return hs  # nothing a name token opens with in the word before ("the Police"): no regex needed
    m = _LEFT.search(text, max(0, hs - _WINDOW), hs)
    if not m:
        return hs
    start = hs
    # keep the words after the last clause opener ("On Monday the ..." -> "")
    for t in reversed(list(_TOKENS.finditer(text, m.start(1), hs))):
        if t.group() in r.skip:
            break
        start = t.start()
    return start


def head_orgs(text: str, lex, free, doc_iso: str | None, state: frozenset, pre: dict | None = None):
    """(start, end, Actor) of organisations named by a head word; pre: the head words
    found by the actor finder's shared passes (actor_scan), else searched here."""
    r = rules()
    out = []
    for h in r.scan.finditer(text, pre and pre["heads"], pre and pre["heads_at"]):
        hs, he = h.start(1), h.end(1)
        s = _left_start(text, hs, r)
        rm = _RIGHT.match(text, he)
        e = he
        if rm:
            toks = list(_TOKENS.finditer(text, he, rm.end()))
            for i, t in enumerate(toks):  # "... of Nigeria" closes the name: "and Acme" is not in it
                cm = lex.regex.match(text, t.start())
                ent = lex.entries.get(cm.group()) if cm else None
                if ent is not None and ent.kind == "country" and cm.end() <= rm.end():
                    toks = toks[:i + 1]
                    toks[-1:] = [cm]
                    break
            while toks and toks[-1].group() in r.skip:  # "... Council for Tuesday"
                toks.pop()
            if toks:
                e = toks[-1].end()
        for _ in range(_MAX_CHAIN):  # "Acme Holdings Ltd", "Federal Police Force"
            if not ((ch := _CHAIN.match(text, e)) and (nh := r.head.match(text, ch.end()))):
                break
            e = nh.end()
        if s == hs and e == he:
            continue  # a bare head ("the Ministry") names nothing
        name = text[s:e]
        if name in lex.entries or not free(s, e) or "\n" in name:
            continue
        cm = lex.regex.match(text, s)
        ent = lex.entries.get(cm.group()) if cm else None
        if ent is not None and cm.end() == e:
            continue
        if ent is not None and ent.kind in ("country", "demonym", "capital") and e == he and \
                text[cm.end():e].strip(" '’s") in lex.agents:
            continue  # "Kenyan Government": the compound pass makes the country's government
        iso = _country(text, s, e, lex)
        out.append((s, e, make_org(name, _sector(name, h.group(1), r), iso, lex, r, doc_iso, state)))
    return out


def _initials(tok: str) -> str:
    """Capitals that open the token's parts: "Al-Shabaab" -> "AS", "M23" -> "M"."""
    return "".join(p[0] for p in re.split(r"[-/]", tok) if p and p[0].isupper())


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def acronym_orgs(text: str, lex, claims, doc_iso: str | None, state: frozenset):
    """(start, end, Actor) for "Long Name (LN)" definitions and later bare "LN" mentions.

    The acronym joins an actor already claimed right before it ("the Rapid Support
    Forces (RSF)"); otherwise the capitalised run before the parenthesis becomes an
    organisation when its initials spell the acronym."""
    r = rules()
    by_end = {e: a for s, e, a in claims.spans}
    defined: dict[str, Actor] = {}
    out = []
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        if acr in defined or acr in r.skip:
            continue
        if len(defined) >= _MAX_ACRONYMS:
            break
        p = m.start()
        q = p
        while q > 0 and text[q - 1] in " \t":
            q -= 1
        actor = by_end.get(q)
        if actor is None:
            actor = _long_form(text, q, acr, lex, claims, r, doc_iso, state, out)
        if actor is None or actor.actor_type == "person":
            continue
        defined[acr] = actor
    if not defined:
        return out
    hits = []
    for acr, actor in defined.items():
        i = text.find(acr)
        while i >= 0:
            e = i + len(acr)
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")) and \
                    (e >= len(text) or not (text[e].isalnum() or text[e] in "_-")):
                hits.append((i, e, actor))
            i = text.find(acr, e)
    for s, e, actor in sorted(hits, key=lambda h: h[0]):
        if claims.free(s, e):
            out.append((s, e, actor))
            claims.add(s, e, actor)
    return out


def _long_form(text, q, acr, lex, claims, r, doc_iso, state, out) -> Actor | None:
    letters = "".join(c for c in acr if c.isupper())
    window = text[max(0, q - _WINDOW):q]
    base = q - len(window)
    toks = [t for t in re.finditer(r"[\w'’&./-]+", window)]
    # the run: capitalised tokens and joiners, back from the parenthesis
    run = []
    for t in reversed(toks):
        w = t.group()
        if w[0].isupper() or w[0].isdigit():
            if w in r.skip:
                break
            run.append(t)
        elif w in r.joiners:
            run.append(t)
        else:
            break
        if run and window[t.end():run[-2].start() if len(run) > 1 else len(window)].strip():
            run.pop()  # punctuation between words ends the run
            break
    run.reverse()
    while run and not run[0].group()[0].isupper():
        run.pop(0)
    for i, t in enumerate(run):
        if not t.group()[0].isupper() or _initials(t.group())[:1] != letters[:1]:
            continue
        caps = "".join(_initials(x.group()) for x in run[i:])
        if len(caps) >= 2 and _subsequence(letters, caps) and len(caps) <= len(letters) + 1:
            s, e = base + t.start(), base + run[-1].end()
            if not claims.free(s, e):
                return None
            name = text[s:e]
            hd = next((x.group() for x in reversed(run[i:]) if x.group() in r.heads), None)
            actor = make_org(name, _sector(name, hd, r), _country(text, s, e, lex), lex, r, doc_iso, state)
            claims.add(s, e, actor)
            out.append((s, e, actor))
            return actor
    return None
