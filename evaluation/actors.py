"""Actor span scores on re3d (DSTL): Person, Organisation and Nationality entities.

Mapping of the extractor's actor mentions to re3d types: persons -> Person;
a mention whose surface is a demonym ("Iraqi") or an ethnic or religious
adjective ("Kurdish") -> Nationality (for a compound such as "Iraqi forces"
the demonym part); organisations, military units,
armed groups, media -> Organisation. Country names are Locations in re3d and
are not scored. Exact span match counts; a second figure accepts any overlap.
"""
from __future__ import annotations

import json
from pathlib import Path

from evaluation import Score
from extraction import actors
from extraction.actor_lexicon import lexicon
from extraction.sentences import split_sentences

_TYPES = ("Person", "Organisation", "Nationality")
_ORG = {"organization", "military_unit", "armed_group", "media"}


def _predicted(text: str) -> set[tuple[str, int, int]]:
    lex = lexicon()
    acts, ments = actors.find_actors(text, split_sentences(text))
    kind = {a.actor_id: a.actor_type for a in acts}
    out = set()
    for m in ments:
        t = kind.get(m.ref_id)
        ent = lex.entries.get(m.text)
        first = lex.regex.match(text, m.start)
        fent = lex.entries.get(first.group()) if first else None
        if ent is not None and ent.kind in ("demonym", "ethnic"):
            out.add(("Nationality", m.start, m.end))
        elif t == "person":
            out.add(("Person", m.start, m.end))
        elif t in _ORG:
            out.add(("Organisation", m.start, m.end))
            if fent is not None and fent.kind in ("demonym", "ethnic") and first.end() < m.end:
                out.add(("Nationality", m.start, first.end()))
    return out


def evaluate(corpus: Path) -> list[Score]:
    exact = {t: Score("re3d", f"{t}_exact", 0, 0, 0, 0) for t in _TYPES}
    overlap = {t: Score("re3d", f"{t}_overlap", 0, 0, 0, 0) for t in _TYPES}
    for line in (corpus / "re3d_dstl" / "re3d_docs.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        gold = {(e["type"], e["begin"], e["end"]) for e in doc["entities"] if e["type"] in _TYPES}
        pred = _predicted(doc["text"])
        for t in _TYPES:
            g = {x for x in gold if x[0] == t}
            p = {x for x in pred if x[0] == t}
            sc = exact[t]
            sc.n += len(g)
            sc.tp += len(g & p)
            sc.fp += len(p - g)
            sc.fn += len(g - p)
            so = overlap[t]
            so.n += len(g)
            hit_g = {x for x in g if any(y[1] < x[2] and x[1] < y[2] for y in p)}
            hit_p = {y for y in p if any(y[1] < x[2] and x[1] < y[2] for x in g)}
            so.tp += len(hit_g)
            so.fn += len(g) - len(hit_g)
            so.fp += len(p) - len(hit_p)
    return list(exact.values()) + list(overlap.values())


if __name__ == "__main__":  # python -m evaluation.actors [corpus]
    import sys

    for sc in evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus")):
        print(f"{sc.dataset:6} {sc.task:22} n={sc.n:5} P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f}")
