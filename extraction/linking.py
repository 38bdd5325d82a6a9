"""Ties quantities to the actor they count and to the event of their sentence.

Actor, in order:
1. an actor mention overlapping the counted noun ("6,000 North Korean soldiers");
2. an actor mention right after the noun phrase, joined by of/from/with/in
   ("two units from North Korean military");
3. a sentence opening with an anaphor ("These may consist of two brigades"):
   the actor the previous sentence's quantities went to, else the last
   non-person actor named in the previous sentence;
4. a quantity derived from others takes their actor.
Event: the non-statement event nearest to the quantity in its sentence, else
the nearest statement.
"""
from __future__ import annotations

import re

from .model import Event, Mention, Quantity

_JOIN = re.compile(r"\s*(?:,\s*)?(?:of|from|with|in|among|including)\s+(?:the\s+|its\s+|their\s+)?$")
_ANAPHOR = re.compile(r"\s*[\"“]?(?:These|Those|They|Both|The\s+(?:units|troops|soldiers|forces|brigades|"
                      r"fighters|group|groups|force)|Each|All|Some|Most|It|Its|Their)\b")


def link_quantities(text: str, sentences, quantities: list[Quantity], mentions: list[Mention],
                    actor_types: dict, events: list[Event]) -> None:
    if not quantities:  # (most documents count nothing: no tables to build)
        return
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence_id, []).append(m)
    sent_start = {s.sentence_id: s.start for s in sentences}
    prev_actor: dict[int, str] = {}  # sentence -> actor its quantities went to
    by_id = {q.quantity_id: q for q in quantities}
    for q in sorted(quantities, key=lambda q: (q.is_derived, q.start)):
        if q.actor_id is None:
            q.actor_id = _actor_for(text, q, by_sent.get(q.sentence_id, []), by_sent, prev_actor,
                                    sent_start, actor_types, by_id)
        if q.actor_id:
            prev_actor.setdefault(q.sentence_id, q.actor_id)
    ev_by_sent: dict[int, list[Event]] = {}
    for e in events:
        ev_by_sent.setdefault(e.sentence_id, []).append(e)
    for q in quantities:
        if q.event_id is None:
            evs = ev_by_sent.get(q.sentence_id, [])
            if evs:
                best = min(evs, key=lambda e: (e.event_type == "MAKE_STATEMENT", abs(e.start - q.start)))
                q.event_id = best.event_id


def _actor_for(text, q, sent_mentions, by_sent, prev_actor, sent_start, actor_types, by_id):
    if q.is_derived and q.derived_from:
        for qid in q.derived_from:
            src = by_id.get(qid)
            if src is not None and src.actor_id:
                return src.actor_id
    us, ue = (q.unit_start, q.unit_end) if q.unit_start is not None else (q.start, q.end)
    for m in sent_mentions:
        if m.start < ue and m.end > us and m.start >= q.start:
            return m.ref_id
    for m in sent_mentions:
        if ue <= m.start <= ue + 40 and _JOIN.search(text[ue:m.start]) is not None:
            return m.ref_id
    sid = q.sentence_id
    start = sent_start.get(sid)
    if start is not None and _ANAPHOR.match(text, start) and not any(m.start < q.start for m in sent_mentions):
        if sid - 1 in prev_actor:
            return prev_actor[sid - 1]
        prev = [m for m in by_sent.get(sid - 1, []) if actor_types.get(m.ref_id) != "person"]
        if prev:
            return prev[-1].ref_id
    return None
