"""Scores the quantity extractor on the development corpus.

- quantulum3_tests/quantities.json: (value, unit) pairs per sentence.
  quantulum3 writes a range as its midpoint, so for this dataset only a
  range is compared through its midpoint; gold years ("1979") are scored too,
  although the contract drops years on purpose (so recall there has a ceiling).
- quantulum3_tests/spellout_values.json and recognizers Number/NumberModel.json:
  number values read by extraction.numbers (the number layer, before the
  quantity filters); cases whose NotSupported names python are skipped.
- recognizers NumberWithUnit/*: (value, unit) pairs; each file annotates one
  kind (currency, dimension, age, temperature), so only predictions of that
  kind are scored against it (the others are not false positives there).
- re3d_dstl: Quantity entity spans (overlap and exact) and quantity-to-object
  links (HasAttrOf): a predicted link is right when the quantity overlaps the
  gold quantity and its unit span overlaps the object the quantity counts.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from extraction.lexicon import load
from extraction.numbers import find_numbers
from extraction.quantities import find_quantities
from extraction.sentences import split_sentences

from . import Score

# Unit names used by the gold data that are not spelled that way in units.yaml.
_GOLD_ALIASES = {
    "pound-mass": "lb", "pound sterling": "GBP", "dimensionless": None, "c": "celsius",
    "f": "fahrenheit", "degree": "degree", "united states dollar": "USD", "dollar": "USD",
    "pound": "GBP", "pence": "penny", "metric ton": "tonne", "ton": "tonne",
    "square meter": "m2", "square kilometer": "km2", "cubic foot": "ft3",
    "cubic centimetre": "ml", "age": None, "mile per hour": "mph",
    "kilometer per hour": "km/h", "kilometre per hour": "km/h",
}
_DIMENSION_POUND = {"pound": "lb"}


def _names() -> tuple[dict, set]:
    lex = load("units.yaml")
    names: dict[str, str] = {}
    for m in lex["measures"]:
        names[m["unit"].lower()] = m["unit"]
        for n in (m.get("names") or []) + (m.get("symbols") or []):
            names.setdefault(str(n).lower(), m["unit"])
    for c in lex["currencies"]:
        names[c["name"].lower()] = c["unit"]
        for n in c.get("names") or []:
            names.setdefault(str(n).lower(), c["unit"])
    measured = {m["unit"] for m in lex["measures"]} | {c["unit"] for c in lex["currencies"]}
    return names, measured


def _gold_unit(name: str | None, names: dict, overrides: dict | None = None) -> str | None:
    if name is None:
        return None
    key = name.strip().lower()
    if overrides and key in overrides:
        return overrides[key]
    if key in _GOLD_ALIASES:  # before splitting: "mile per hour" is mph, one unit
        return _GOLD_ALIASES[key]
    if " per " in key:
        a, b = key.split(" per ", 1)
        return f"{_gold_unit(a, names, overrides)}/{_gold_unit(b, names, overrides)}"
    return names.get(key, names.get(key.replace("meter", "metre"), key))


_MODEL_KEEP = {
    # the NumberWithUnit files annotate one kind of quantity each: score that kind only
    "CurrencyModel": lambda q: q.category == "money",
    "DimensionModel": lambda q: q.category in ("distance", "other") and q.unit_start is not None
    and q.unit not in ("percent", "celsius", "fahrenheit", "degree")
    and q.unit in _names()[1],
    "AgeModel": lambda q: q.category == "duration",
    "TemperatureModel": lambda q: q.unit in ("celsius", "fahrenheit", "degree"),
}


def _pred_pairs(text: str, measured: set, keep=None) -> list[tuple[float | None, str | None]]:
    out = []
    for q in find_quantities(text, split_sentences(text), [], "eval"):
        if q.is_derived or (keep is not None and not keep(q)):
            continue
        value = q.value
        if value is None and q.value_low is not None and q.value_high is not None:
            value = (q.value_low + q.value_high) / 2  # quantulum's range convention
        unit = q.unit if q.unit in measured else None
        if unit and q.per_unit:
            unit = f"{unit}/{q.per_unit}"
        out.append((value, unit))
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _match(gold: list, pred: list) -> tuple[int, int, int]:
    left = list(pred)
    tp = 0
    for g in gold:
        for i, p in enumerate(left):
            if _close(g[0], p[0]) and g[1] == p[1]:
                tp += 1
                del left[i]
                break
    return tp, len(left), len(gold) - tp


def _score(dataset: str, task: str, cases) -> Score:
    tp = fp = fn = n = 0
    for gold, pred in cases:
        a, b, c = _match(gold, pred)
        tp, fp, fn, n = tp + a, fp + b, fn + c, n + len(gold)
    return Score(dataset, task, n, tp, fp, fn)


def _skip(case: dict) -> bool:
    return "python" in str(case.get("NotSupported", "")).lower() or \
        "python" in str(case.get("NotSupportedByDesign", "")).lower()


def _numbers_only(text: str) -> list:
    return [(n.value, None) for n in find_numbers(text) if n.value is not None]


def evaluate(corpus: Path) -> list[Score]:
    corpus = Path(corpus)
    names, measured = _names()
    scores: list[Score] = []
    q3 = corpus / "quantulum3_tests"
    data = json.loads((q3 / "quantities.json").read_text(encoding="utf-8"))
    cases = [([(r["value"], _gold_unit(r["unit"], names)) for r in c["res"]],
              _pred_pairs(c["req"], measured)) for c in data]
    scores.append(_score("quantulum3/quantities", "value+unit", cases))
    data = json.loads((q3 / "spellout_values.json").read_text(encoding="utf-8"))
    cases = [([(v, None) for v in c["expected_values"]], _numbers_only(c["req"])) for c in data]
    scores.append(_score("quantulum3/spellout", "value", cases))
    rt = corpus / "recognizers_text_specs"
    data = json.loads((rt / "Number" / "NumberModel.json").read_text(encoding="utf-8"))
    cases = [([(float(r["Resolution"]["value"]), None) for r in c["Results"]],
              _numbers_only(c["Input"])) for c in data if not _skip(c)]
    scores.append(_score("recognizers/Number", "value", cases))
    for model in ("CurrencyModel", "DimensionModel", "AgeModel", "TemperatureModel"):
        path = rt / "NumberWithUnit" / f"{model}.json"
        if not path.exists():
            continue
        over = _DIMENSION_POUND if model != "CurrencyModel" else None
        data = json.loads(path.read_text(encoding="utf-8"))
        cases = []
        for c in data:
            if _skip(c):
                continue
            gold = [(float(r["Resolution"]["value"]),
                     _gold_unit(r["Resolution"].get("unit"), names, over))
                    for r in c["Results"] if r["Resolution"].get("value") is not None]
            keep = _MODEL_KEEP[model]
            cases.append((gold, [p for p in _pred_pairs(c["Input"], measured, keep)]))
        scores.append(_score(f"recognizers/{model}", "value+unit", cases))
    scores.extend(_re3d(corpus / "re3d_dstl" / "re3d_docs.jsonl"))
    return scores


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _re3d(path: Path) -> list[Score]:
    if not path.exists():
        return []
    span = Counter()
    exact = Counter()
    link = Counter()
    n_q = n_l = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = doc["text"]
        gold = [(e["begin"], e["end"]) for e in doc["entities"] if e["type"] == "Quantity"]
        gold_links = [((r["targetBegin"], r["targetEnd"]), (r["sourceBegin"], r["sourceEnd"]))
                      for r in doc.get("relations", []) if r["type"] == "HasAttrOf"
                      and any(_overlap((r["targetBegin"], r["targetEnd"]), g) for g in gold)]
        preds = [q for q in find_quantities(text, split_sentences(text), [], doc["doc_id"])
                 if not q.is_derived]
        n_q += len(gold)
        n_l += len(gold_links)
        left = list(gold)
        for q in preds:
            hit = next((g for g in left if _overlap((q.start, q.end), g)), None)
            if hit is None:
                span["fp"] += 1
            else:
                span["tp"] += 1
                left.remove(hit)
        span["fn"] += len(left)
        gold_set = set(gold)
        pred_set = {(q.start, q.end) for q in preds}
        # exact: the number (and unit) without qualifier words, as re3d mostly marks it
        pred_core = {(q.start + _qual_len(q.text), q.end) for q in preds}
        hits = len(gold_set & (pred_set | pred_core))
        exact["tp"] += hits
        exact["fp"] += len(pred_set) - hits
        exact["fn"] += len(gold_set) - hits
        left_links = list(gold_links)
        for q in preds:
            if q.unit_start is None or q.unit_end is None:
                continue
            hit = next((g for g in left_links if _overlap((q.start, q.end), g[0])
                        and _overlap((q.unit_start, q.unit_end), g[1])), None)
            if hit is None:
                if any(_overlap((q.start, q.end), g[0]) for g in gold_links):
                    link["fp"] += 1  # linked, but to the wrong words
                continue
            link["tp"] += 1
            left_links.remove(hit)
        link["fn"] += len(left_links)
    return [Score("re3d", "quantity span (overlap)", n_q, span["tp"], span["fp"], span["fn"]),
            Score("re3d", "quantity span (exact)", n_q, exact["tp"], exact["fp"], exact["fn"]),
            Score("re3d", "quantity->object link", n_l, link["tp"], link["fp"], link["fn"])]




def _qual_len(text: str) -> int:
    m = re.match(r"^((?:about|around|approximately|nearly|roughly|almost|some|at least|more than|"
                 r"over|up to|less than|fewer than|under|at most|between|from|an estimated)\s+)",
                 text, re.IGNORECASE)
    return len(m.group(1)) if m else 0


def main() -> None:
    import sys
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    print(f"{'dataset':28} {'task':26} {'n':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for s in evaluate(corpus):
        print(f"{s.dataset:28} {s.task:26} {s.n:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")


if __name__ == "__main__":
    main()
