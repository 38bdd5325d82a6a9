"""The extraction core: one document's normalised text in, records out.

Plain Python, deterministic, offline; no Prefect import. The order matters:
dates and actor names are found first so that the quantity finder can skip
"October 27-28" and the "127th" of a unit name.
"""
from __future__ import annotations

from datetime import date

from . import actors, dates, events, places, quantities
from .lexicon import lexicon_version
from .model import Extraction, Mention
from .sentences import split_sentences

EXTRACTOR_VERSION = "1"


def version() -> str:
    """Extractor code version plus lexicon content hash: keys incremental re-use."""
    return f"{EXTRACTOR_VERSION}+{lexicon_version()}"


def extract(text: str, doc_id: str, published: date | None = None,
            precision: str = "unknown") -> Extraction:
    out = Extraction()
    out.sentences = split_sentences(text)
    out.dates = dates.find_dates(text, out.sentences, published, precision)
    out.actors, actor_mentions = actors.find_actors(text, out.sentences)
    out.places, place_mentions = places.find_places(text, out.sentences, actor_mentions)
    blocked = [(d.start, d.end) for d in out.dates] + [(m.start, m.end) for m in actor_mentions]
    out.quantities = quantities.find_quantities(text, out.sentences, blocked, doc_id)
    out.events = events.find_events(text, doc_id, out.sentences, out.actors, actor_mentions,
                                    out.places, place_mentions, out.dates, out.quantities,
                                    published, precision)
    out.mentions = actor_mentions + place_mentions
    out.mentions += [Mention(d.start, d.end, d.text, "date", d.ref, d.sentence_id) for d in out.dates]
    out.mentions += [Mention(q.start, q.end, q.text, "quantity", q.quantity_id, q.sentence_id)
                     for q in out.quantities if not q.is_derived]
    return out
