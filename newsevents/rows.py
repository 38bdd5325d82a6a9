"""One document's extraction as table columns (JSON-serialisable lists)."""
from __future__ import annotations

from dataclasses import fields
from datetime import date
from functools import cache
from operator import attrgetter, itemgetter

from extraction.ids import doc_scoped_id
from extraction.model import Extraction
from schemas import TABLES
from schemas.frames import rows_of

DOC_TABLES = ("sentences", "mentions", "events", "quantities")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def extraction_columns(doc_id: str, ex: Extraction) -> dict[str, dict[str, list]]:
    """Every extracted table of one document as column lists, sorted by primary key.

    Quantity and event ids are re-keyed as ``q_<doc_id>_<hash>`` so that the
    tables, written document after document in doc_id order, stay sorted by key.
    Rows are built as tuples in the tables' column order: a dict per row cost
    as much as a fifth of the extraction itself.
    """
    qid = {q.quantity_id: doc_scoped_id("q", doc_id, q.start, q.end, q.unit, q.is_derived,
                                        q.per_unit) for q in ex.quantities}
    # One trigger can carry several events ("France and Germany condemned Russia"):
    # who acts on whom is part of an event's identity.
    eid = {e.event_id: doc_scoped_id("e", doc_id, e.start, e.end, e.cameo_code, e.event_type,
                                     e.source_actor_id, e.target_actor_id)
           for e in ex.events}
    special = {
        "sentences": {"doc_id": lambda s: doc_id},
        "actors": {}, "places": {},
        "mentions": {"doc_id": lambda m: doc_id,
                     "ref_id": lambda m: qid.get(m.ref_id, m.ref_id) if m.kind == "quantity"
                     else m.ref_id},
        "events": {"doc_id": lambda e: doc_id, "event_id": lambda e: eid[e.event_id],
                   "date_start": lambda e: _iso(e.date_start),
                   "date_end": lambda e: _iso(e.date_end)},
        "quantities": {"doc_id": lambda q: doc_id, "quantity_id": lambda q: qid[q.quantity_id],
                       "derived_from": lambda q: " ".join(qid.get(i, i) for i in q.derived_from)
                       or None,
                       "event_id": lambda q: eid.get(q.event_id, q.event_id) if q.event_id
                       else None},
    }
    records = {"sentences": ex.sentences, "actors": ex.actors, "places": ex.places,
               "mentions": ex.mentions, "events": ex.events, "quantities": ex.quantities}
    return {table: _table_columns(table, records[table], special[table]) for table in KEYS}


def extraction_rows(doc_id: str, ex: Extraction) -> dict[str, list[dict]]:
    """The same tables as row dicts (for tests and tools)."""
    return {table: rows_of(cols) for table, cols in extraction_columns(doc_id, ex).items()}


KEYS = {"sentences": ("sentence_id",), "mentions": ("start", "end", "kind"),
        "events": ("event_id",), "quantities": ("quantity_id",), "actors": ("actor_id",),
        "places": ("place_id",)}


def _table_columns(table: str, records: list, special: dict) -> dict[str, list]:
    columns = TABLES[table].columns
    if not records:
        return {c: [] for c in columns}
    have = set(_names(type(records[0])))
    getters = [special.get(c) or (attrgetter(c) if c in have else (lambda r: None))
               for c in columns]
    # a column at a time through map: attribute reads run in C, not per field in Python
    values = [list(map(g, records)) for g in getters]
    keys = list(zip(*(values[columns.index(c)] for c in KEYS[table])))
    order = sorted(range(len(records)), key=keys.__getitem__)
    if any(keys[i] == keys[j] for i, j in zip(order, order[1:])):
        # two finders' records for one key: keep the first in a total order of the
        # whole row, so the choice is deterministic
        rows = list(zip(*values))
        order.sort(key=lambda i: (keys[i], repr(rows[i])))
        order = [i for n, i in enumerate(order) if n == 0 or keys[order[n - 1]] != keys[i]]
    if len(order) == 1:
        return {c: [v[order[0]]] for c, v in zip(columns, values)}
    pick = itemgetter(*order)
    return {c: list(pick(v)) for c, v in zip(columns, values)}
