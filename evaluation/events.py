"""Event scores on the PLOVER gold standard records and the PETRARCH2 unit tests.

PLOVER GSR (one sentence, one gold event each): the extractor's best event
for the sentence (the one whose type matches, else its most confident
non-statement event) is compared on event type, source and target actor
(country code or CAMEO prefix equal to a gold actor code) and location
(place name against eventLoc). A wrong prediction counts as fp and fn.

PETRARCH2 unit records: actors there are invented (Arnor, Gondor), so the
records' own validation dictionary is added to the actor lexicon; every
predicted (source, target, CAMEO root) triple is matched against the gold
triples on the first three letters of the actor codes (the country part).
The records were coded with PETRARCH's validation verb dictionary, whose codes
are deliberately arbitrary ("restore diplomatic ties" 064, "shot dead" 224,
"warned of" 160; roots 21, 22, 34, 80, 90, 91 do not exist in CAMEO), so a real
CAMEO coder cannot be expected to agree on the code: source_target scores the
direction alone (who acts on whom, code ignored), and the two root scores only
count gold triples whose root is a real CAMEO root (01-20).
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from evaluation import Score
from extraction import actors, core, events
from extraction.actor_lexicon import Entry, lexicon
from extraction.model import Actor
from extraction.sentences import split_sentences

# GSR uses the 2016 PLOVER names; the extractor uses the 2021 ones.
_GSR_TYPE = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_SAME = {"CONCEDE": {"CONCEDE", "RETREAT"}, "RETREAT": {"CONCEDE", "RETREAT"}}


def _fold(name: str) -> str:
    """Lower case without accents: the gazetteer's "Goražde" is the gold "Gorazde"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()


def _codes(field) -> list[str]:
    return [a.get("code", "") for a in field if isinstance(a, dict)] if isinstance(field, list) else []


def _actor_match(actor: Actor | None, codes: list[str]) -> bool:
    if actor is None:
        return False
    mine = {c[:3] for c in (actor.country_code, actor.cameo_code) if c}
    return any(c[:3] in mine for c in codes if c)


def _tally(score: Score, predicted: bool, correct: bool, gold: bool) -> None:
    if correct:
        score.tp += 1
    else:
        score.fp += predicted
        score.fn += gold


def evaluate_plover(corpus: Path) -> list[Score]:
    path = corpus / "plover_gsr_cameo" / "plover_gsr_cameo.jsonl"
    s_type, s_src, s_tgt, s_loc = (Score("plover_gsr", t, 0, 0, 0, 0) for t in
                                   ("event_type", "source_actor", "target_actor", "location"))
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        gold_type = _GSR_TYPE.get(rec["event"], rec["event"])
        ok_types = _SAME.get(gold_type, {gold_type})
        out = core.extract(rec["text"], rec["id"])
        by_id = {a.actor_id: a for a in out.actors}
        places = {p.place_id: p for p in out.places}
        cands = [e for e in out.events if e.event_type != "MAKE_STATEMENT"] or out.events
        best = next((e for e in sorted(cands, key=lambda e: -e.confidence) if e.event_type in ok_types), None)
        best = best or max(cands, key=lambda e: e.confidence, default=None)
        s_type.n += 1
        _tally(s_type, best is not None, best is not None and best.event_type in ok_types, True)
        for score, field, attr in ((s_src, "source", "source_actor_id"), (s_tgt, "target", "target_actor_id")):
            codes = _codes(rec.get(field))
            actor = by_id.get(getattr(best, attr)) if best else None
            score.n += bool(codes)
            _tally(score, actor is not None, _actor_match(actor, codes), bool(codes))
        loc = (rec.get("eventLoc") or {}).get("name")
        place = places.get(best.place_id) if best and best.place_id else None
        s_loc.n += bool(loc)
        gold_name, name = _fold(loc or ""), _fold(place.name) if place else ""
        hit = bool(loc and place and (gold_name in name or name in gold_name))
        # GSR marks eventLoc on few records; a place found where none is marked is not wrong
        _tally(s_loc, place is not None and bool(loc), hit, bool(loc))
    return [s_type, s_src, s_tgt, s_loc]


_CAMEO_ROOTS = {f"{i:02d}" for i in range(1, 21)}
_PETR_LINE = re.compile(r"^([+]?)([A-Z0-9_.'\- ]+?)\s*(?:\[([A-Za-z0-9~+\-]+)[^\]]*\])?\s*(?:#.*)?$")


def petr_lexicon(path: Path):
    """The default actor lexicon plus the PETRARCH validation actors (names -> codes)."""
    extra: dict[str, Entry] = {}
    group: list[str] = []
    code = None

    def flush():
        if code and group and re.fullmatch(r"[A-Z]{3}[A-Z]*", code):
            a = Actor(f"actor:petr:{code.lower()}", group[0], "state" if len(code) == 3 else "organization",
                      code[:3], None, None, code)
            for name in group:
                for form in {name, name.title(), name.upper()}:
                    extra.setdefault(form, Entry("country" if len(code) == 3 else "org", a, code[:3]))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        if raw[:1] in (" ", "\t") and "[" in line:  # code on its own line for the current group
            m = re.search(r"\[([A-Za-z]+)", line)
            if m and code is None:
                code = m.group(1)
            continue
        m = _PETR_LINE.match(line.strip())
        if not m:
            continue
        name = m.group(2).replace("_", " ").strip()
        if m.group(1):
            group.append(name)
            continue
        flush()
        group, code = [name], m.group(3)
    flush()
    return lexicon().with_extra(extra)


def evaluate_petrarch(corpus: Path) -> list[Score]:
    folder = corpus / "petrarch2_unittest"
    lex = petr_lexicon(folder / "PETR.Validate.actors.txt")
    pair = Score("petrarch2", "source_target", 0, 0, 0, 0)
    dyad = Score("petrarch2", "source_target_root", 0, 0, 0, 0)
    root = Score("petrarch2", "cameo_root", 0, 0, 0, 0)
    for line in (folder / "petr_unittest_records.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        gold = [(g["source"][:3], g["target"][:3], g["eventcode"][:2]) for g in rec.get("gold_events") or []
                if g.get("source") and g.get("target")]
        gold_pairs = {(s, t) for s, t, _ in gold}
        gold = [g for g in gold if g[2] in _CAMEO_ROOTS]
        text = rec["text"]
        sents = split_sentences(text)
        acts, ments = actors.find_actors(text, sents, lex)
        by_id = {a.actor_id: a for a in acts}
        evs = events.find_events(text, rec["id"], sents, acts, ments, [], [], [], [])
        pred = set()
        roots = set()
        for e in evs:
            if e.event_type == "MAKE_STATEMENT" and e.target_actor_id is None:
                continue
            roots.add(e.cameo_code[:2])
            s, t = by_id.get(e.source_actor_id), by_id.get(e.target_actor_id)
            if s and t:
                pred.add(((s.cameo_code or "")[:3], (t.cameo_code or "")[:3], e.cameo_code[:2]))
        pred_pairs = {(s, t) for s, t, _ in pred}
        pair.n += len(gold_pairs)
        pair.tp += len(pred_pairs & gold_pairs)
        pair.fp += len(pred_pairs - gold_pairs)
        pair.fn += len(gold_pairs - pred_pairs)
        gold_set = set(gold)
        dyad.n += len(gold_set)
        dyad.tp += len(pred & gold_set)
        dyad.fp += len(pred - gold_set)
        dyad.fn += len(gold_set - pred)
        groots = {g[2] for g in gold_set}
        root.n += len(groots)
        root.tp += len(roots & groots)
        root.fp += len(roots - groots)
        root.fn += len(groots - roots)
    return [pair, dyad, root]


def evaluate(corpus: Path) -> list[Score]:
    return evaluate_plover(corpus) + evaluate_petrarch(corpus)


if __name__ == "__main__":  # python -m evaluation.events [corpus]
    import sys

    for sc in evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus")):
        print(f"{sc.dataset:12} {sc.task:20} n={sc.n:4} P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f}")
