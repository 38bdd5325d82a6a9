"""Progress of a long run: documents done of total, MB/s, time left."""
from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    def __init__(self, total_docs: int, total_chars: int, say: Callable[[str], object],
                 every_seconds: float = 5.0):
        self.total_docs, self.total_chars = total_docs, total_chars
        self.docs = self.chars = 0
        self.say = say
        self.every = every_seconds
        self.t0 = self.last = time.perf_counter()

    def update(self, docs: int, chars: int) -> None:
        self.docs += docs
        self.chars += chars
        now = time.perf_counter()
        if now - self.last >= self.every or self.docs >= self.total_docs:
            self.last = now
            self.say(self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.perf_counter()) - self.t0, 1e-9)
        rate = self.chars / elapsed
        left = (self.total_chars - self.chars) / rate if rate else float("nan")
        pct = 100 * self.docs / self.total_docs if self.total_docs else 100.0
        return (f"extracted {self.docs}/{self.total_docs} documents ({pct:.0f}%), "
                f"{rate / 1e6:.2f} MB/s, {left:.0f} s left")
