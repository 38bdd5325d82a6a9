"""`newsevents evaluate`: every scorer on the development corpus, one table."""
from __future__ import annotations

import importlib
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from . import Score

SCORERS = ("quantities", "dates", "places", "actors", "events")


def collect(corpus: Path) -> list[Score]:
    scores: list[Score] = []
    for name in SCORERS:
        module = importlib.import_module(f"evaluation.{name}")
        scores.extend(module.evaluate(corpus))
    return scores


def format_table(scores: list[Score]) -> str:
    head = f"{'dataset':<28} {'task':<34} {'n':>6} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [head, "-" * len(head)]
    for s in scores:
        lines.append(f"{s.dataset:<28} {s.task:<34} {s.n:>6} {s.precision:>6.3f} "
                     f"{s.recall:>6.3f} {s.f1:>6.3f}")
    return "\n".join(lines)


def run_all(corpus: Path, json_path: str | None = None) -> int:
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus} (pass --corpus)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    scores = collect(corpus)
    print(format_table(scores))
    print(f"\n{len(scores)} scores in {time.perf_counter() - t0:.1f} s")
    if json_path:
        rows = [{**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1}
                for s in scores]
        Path(json_path).write_text(json.dumps(rows, indent=2) + "\n")
    return 0
