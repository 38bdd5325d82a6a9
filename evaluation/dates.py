"""Date finder scored on Microsoft Recognizers-Text DateTime specs (English).

Gold items are results typed date or daterange in cases the Python port
supports (NotSupported does not name python); other result types (times,
durations, sets) neither count as gold nor make a found span a false positive.
- span: a found date overlapping a gold span is a true positive.
- resolution: of the gold items with a resolved value, a true positive when a
  found overlapping date resolves to one of the gold candidate values (start,
  and end when the gold has one; gold ends are exclusive, ours inclusive).

ECB+ news (ecbplus_docs.jsonl), in the sentences holding a TIME_DATE mention:
- TIME_DATE span: a gold TIME_DATE mention is found when a date overlaps it; a
  found date overlapping no TIME_* mention at all is a false positive (only
  sentences with a TIME_DATE mention are read, as not every sentence is annotated).

Run: .venv/bin/python -m evaluation.dates [corpus_dir]
"""
from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from extraction.dates import find_dates
from extraction.sentences import split_sentences

from . import Score

WANTED = ("datetimeV2.date", "datetimeV2.daterange")


def _cases(corpus: Path):
    path = corpus / "recognizers_text_specs" / "DateTime" / "DateTimeModel.json"
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        if "python" in str(case.get("NotSupported", "")).lower():
            continue
        ref = (case.get("Context") or {}).get("ReferenceDateTime")
        if not ref:
            continue
        yield case, datetime.fromisoformat(ref).date()


def _exclusive_end(d) -> date | None:
    if d.date_end is not None:
        return d.date_end + timedelta(days=1) if d.precision == "day" else _next(d.date_end, d.precision)
    return _next(d.date_start, d.precision)


def _next(x: date, precision: str) -> date:
    if precision == "year":
        return date(x.year + 1, 1, 1)
    if precision == "month":
        return date(x.year + (x.month == 12), x.month % 12 + 1, 1)
    return x + timedelta(days=1)


def _parse(v) -> date | None:
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _resolution_ok(d, gold: dict) -> bool:
    if d.date_start is None:
        return False
    for v in gold["Resolution"].get("values", []):
        if "value" in v:
            if _parse(v["value"]) == d.date_start and d.precision == "day" and d.date_end is None:
                return True
            continue
        start, end = _parse(v.get("start")), _parse(v.get("end"))
        if start is not None and start != d.date_start:
            continue
        if start is None and end is None:
            continue
        # Recognizers ends are exclusive for whole units ("last week") but name the
        # last day or month written for explicit ranges ("Nov 18-Dec 19"): accept both.
        if end is None or end in (_exclusive_end(d), d.date_end):
            return True
    return False


def _resolvable(gold: dict) -> bool:
    vals = gold["Resolution"].get("values", [])
    return any(_parse(v.get("value") or v.get("start") or v.get("end")) for v in vals)


def evaluate(corpus: Path) -> list[Score]:
    span = Score("recognizers_text_specs", "date span", 0, 0, 0, 0)
    res = Score("recognizers_text_specs", "date resolution", 0, 0, 0, 0)
    for case, ref in _cases(corpus):
        text = case["Input"]
        golds = [r for r in case["Results"] if r.get("TypeName") in WANTED]
        others = [r for r in case["Results"] if r.get("TypeName") not in WANTED]
        found = find_dates(text, split_sentences(text), ref, "day")
        used = set()
        for g in golds:
            gs, ge = g["Start"], g["End"] + 1
            hit = [d for d in found if d.start < ge and gs < d.end]
            span.n += 1
            res.n += _resolvable(g)
            if hit:
                span.tp += 1
                used.update(id(d) for d in hit)
                if _resolvable(g):
                    if any(_resolution_ok(d, g) for d in hit):
                        res.tp += 1
                    else:
                        res.fp += 1
                        res.fn += 1
            else:
                span.fn += 1
                res.fn += _resolvable(g)
        for d in found:
            if id(d) in used:
                continue
            if any(d.start < o["End"] + 1 and o["Start"] < d.end for o in others):
                continue
            span.fp += 1
    return [span, res, _ecbplus(corpus)]


def _ecbplus(corpus: Path) -> Score:
    score = Score("ecbplus", "TIME_DATE span", 0, 0, 0, 0)
    path = corpus / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.exists():
        return score
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            by_sent: dict[str, list] = {}
            for m in doc["mentions"]:
                if m["tag"].startswith("TIME"):
                    by_sent.setdefault(str(m["sent"]), []).append(m)
            for sid, ms in by_sent.items():
                if not any(m["tag"] == "TIME_DATE" for m in ms):
                    continue
                text = doc["sentences"][sid]
                offsets, pos = [], 0
                for tok in text.split(" "):  # mention token numbers index the space-split tokens
                    offsets.append((pos, pos + len(tok)))
                    pos += len(tok) + 1
                spans = [(m["tag"], offsets[min(m["token_numbers"])][0], offsets[max(m["token_numbers"])][1])
                         for m in ms if m["token_numbers"] and max(m["token_numbers"]) < len(offsets)]
                found = find_dates(text, split_sentences(text), None, "unknown")
                for tag, gs, ge in spans:
                    if tag != "TIME_DATE":
                        continue
                    score.n += 1
                    if any(d.start < ge and gs < d.end for d in found):
                        score.tp += 1
                    else:
                        score.fn += 1
                score.fp += sum(1 for d in found if not any(d.start < ge and gs < d.end for _, gs, ge in spans))
    return score


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/corpus")
    for s in evaluate(corpus):
        print(f"{s.dataset:26} {s.task:18} n={s.n:4} P={s.precision:.3f} R={s.recall:.3f} "
              f"F1={s.f1:.3f}")


if __name__ == "__main__":
    main()
