"""Scoring the extractors against the annotated development corpus (../shared/corpus).

Each module here exposes ``evaluate(corpus: Path) -> list[Score]``; ``newsevents
evaluate`` runs them all and prints one table.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Score:
    dataset: str
    task: str
    n: int  # gold items scored
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
