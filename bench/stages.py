"""Seconds and MB/s of each extractor on ECB+, one process: where the core's time goes.

`python -m bench.stages` prints one line per stage. The stages are called as
extraction.core.extract calls them, so the total is the core's own speed.
"""
from __future__ import annotations

import time

from bench.corpus import ecbplus_texts
from extraction import actors, core, dates, events, places, quantities
from extraction.sentences import split_sentences


def stage_seconds(texts: list[tuple[str, str]]) -> dict[str, float]:
    core.extract("Warm-up: NATO said on Monday that 2 brigades moved to Kursk.", "0" * 16)
    seconds = dict.fromkeys(("sentences", "dates", "actors", "places", "quantities", "events"), 0.0)

    def timed(stage, fn, *args):
        t0 = time.perf_counter()
        result = fn(*args)
        seconds[stage] += time.perf_counter() - t0
        return result

    for i, (_, text) in enumerate(texts):
        doc_id = f"{i:016x}"
        sents = timed("sentences", split_sentences, text)
        found_dates = timed("dates", dates.find_dates, text, sents, None, "unknown")
        found_actors, actor_mentions = timed("actors", actors.find_actors, text, sents)
        found_places, place_mentions = timed("places", places.find_places, text, sents,
                                             actor_mentions)
        blocked = [(d.start, d.end) for d in found_dates] + [(m.start, m.end) for m in actor_mentions]
        found_qty = timed("quantities", quantities.find_quantities, text, sents, blocked, doc_id)
        timed("events", events.find_events, text, doc_id, sents, found_actors, actor_mentions,
              found_places, place_mentions, found_dates, found_qty)
    return seconds


def main() -> None:
    texts = ecbplus_texts()
    mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
    seconds = stage_seconds(texts)
    total = sum(seconds.values())
    print(f"{'all stages':<12} {total:6.2f} s  {mb / total:6.2f} MB/s  ({mb:.2f} MB)")
    for stage, s in seconds.items():
        print(f"{stage:<12} {s:6.2f} s  {mb / s:6.2f} MB/s")


if __name__ == "__main__":
    main()
