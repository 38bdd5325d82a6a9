"""Place finder scored on mordecai3's geoparsing tests and re3d Location spans.

- mordecai3 (21 cases): each expectation about a geolocated entity (GeoNames
  id, ISO-3 country, admin1 name, search name) is a check; it is a true
  positive when some place we found satisfies it (order is not compared), a
  false negative otherwise. "No places" cases count a false positive per place
  we invent. Feature-code checks (ADM2, PPLC) and event locations are skipped:
  the first needs admin2 data we do not ship, the second is the event linker's.
- re3d: Location entities against our place mentions, exact span and overlap.

Run: .venv/bin/python -m evaluation.places [corpus_dir]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from extraction.gazetteer import fold
from extraction.actors import find_actors
from extraction.places import find_places
from extraction.sentences import split_sentences

from . import Score


def _places(text: str):
    # as extraction.core calls it: the actor mentions tell the place finder which
    # capitalised words are people ('President Bush' is no town)
    sentences = split_sentences(text)
    _, actor_mentions = find_actors(text, sentences)
    return find_places(text, sentences, actor_mentions)

_LHS = re.compile(r"out\['geolocated_ents'\](?:\[(\d+)\]\['(\w+)'\])?")


def _mordecai(corpus: Path) -> Score:
    sc = Score("mordecai3_tests", "place resolution", 0, 0, 0, 0)
    seen = set()
    for case in json.loads((corpus / "mordecai3_tests" / "mordecai3_geoparse_tests.json").read_text()):
        places, mentions = _places(case["text"])
        for exp in case["expected"]:
            m = _LHS.fullmatch(exp["lhs"])
            if not m or (case["text"], exp["lhs"], str(exp["rhs"])) in seen:
                continue
            seen.add((case["text"], exp["lhs"], str(exp["rhs"])))
            field, want = m.group(2), exp["rhs"]
            if field is None:
                if want == []:
                    sc.n += 1
                    sc.tp += not places
                    sc.fp += len(places)
                continue
            if field == "geonameid":
                ok = any(p.place_id == f"geonames:{want}" for p in places)
            elif field == "country_code3":
                ok = any(p.country_code == want for p in places)
            elif field == "admin1_name":
                ok = any(p.admin1 and fold(p.admin1) == fold(want) for p in places)
            elif field == "search_name":
                ok = any(fold(x.text) == fold(want) for x in mentions)
            else:
                continue
            sc.n += 1
            sc.tp += ok
            sc.fn += not ok
    return sc


def _re3d(corpus: Path) -> list[Score]:
    exact = Score("re3d_dstl", "location span exact", 0, 0, 0, 0)
    loose = Score("re3d_dstl", "location span overlap", 0, 0, 0, 0)
    with (corpus / "re3d_dstl" / "re3d_docs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            gold = {(e["begin"], e["end"]) for e in doc["entities"] if e["type"] == "Location"}
            _, mentions = _places(text)
            found = {(m.start, m.end) for m in mentions}
            for sc in (exact, loose):
                sc.n += len(gold)
            exact.tp += len(gold & found)
            exact.fp += len(found - gold)
            exact.fn += len(gold - found)
            hit = {g for g in gold if any(s < g[1] and g[0] < e for s, e in found)}
            used = {x for x in found if any(x[0] < g[1] and g[0] < x[1] for g in gold)}
            loose.tp += len(hit)
            loose.fn += len(gold) - len(hit)
            loose.fp += len(found - used)
    return [exact, loose]


def evaluate(corpus: Path) -> list[Score]:
    return [_mordecai(corpus), *_re3d(corpus)]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/corpus")
    for s in evaluate(corpus):
        print(f"{s.dataset:18} {s.task:22} n={s.n:4} P={s.precision:.3f} R={s.recall:.3f} "
              f"F1={s.f1:.3f}")


if __name__ == "__main__":
    main()
