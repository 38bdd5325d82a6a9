"""One document's extraction as table rows (plain dicts, JSON-serialisable)."""
from __future__ import annotations

from dataclasses import fields
from datetime import date
from functools import cache

from extraction.ids import doc_scoped_id
from extraction.model import Extraction

DOC_TABLES = ("sentences", "mentions", "events", "quantities")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def asdict(record: object) -> dict:
    """Shallow dict of a flat record; dataclasses.asdict deep-copies and costs a third
    of a document's extraction time."""
    return {name: getattr(record, name) for name in _names(type(record))}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def extraction_rows(doc_id: str, ex: Extraction) -> dict[str, list[dict]]:
    """Rows of every extracted table for one document, sorted by primary key.

    Quantity and event ids are re-keyed as ``q_<doc_id>_<hash>`` so that the
    tables, written document after document in doc_id order, stay sorted by key.
    """
    qid = {q.quantity_id: doc_scoped_id("q", doc_id, q.start, q.end, q.unit, q.is_derived,
                                        q.per_unit) for q in ex.quantities}
    # One trigger can carry several events ("France and Germany condemned Russia"):
    # who acts on whom is part of an event's identity.
    eid = {e.event_id: doc_scoped_id("e", doc_id, e.start, e.end, e.cameo_code, e.event_type,
                                     e.source_actor_id, e.target_actor_id)
           for e in ex.events}
    rows: dict[str, list[dict]] = {}
    rows["sentences"] = [{"doc_id": doc_id, **asdict(s)} for s in ex.sentences]
    rows["actors"] = [asdict(a) for a in ex.actors]
    rows["places"] = [asdict(p) for p in ex.places]
    rows["mentions"] = [
        {"doc_id": doc_id, "start": m.start, "end": m.end, "kind": m.kind,
         "sentence_id": m.sentence_id, "text": m.text,
         "ref_id": qid.get(m.ref_id, m.ref_id) if m.kind == "quantity" else m.ref_id}
        for m in ex.mentions]
    rows["events"] = [
        {**asdict(e), "event_id": eid[e.event_id], "doc_id": doc_id,
         "date_start": _iso(e.date_start), "date_end": _iso(e.date_end)} for e in ex.events]
    quantities = []
    for q in ex.quantities:
        row = asdict(q)
        row.pop("unit_start")
        row.pop("unit_end")
        row.update(doc_id=doc_id, quantity_id=qid[q.quantity_id],
                   derived_from=" ".join(qid.get(i, i) for i in q.derived_from) or None,
                   event_id=eid.get(q.event_id, q.event_id) if q.event_id else None)
        quantities.append(row)
    rows["quantities"] = quantities
    for table, key in KEYS.items():
        rows[table] = _unique_sorted(rows[table], key)
    return rows


KEYS = {"sentences": ("sentence_id",), "mentions": ("start", "end", "kind"),
        "events": ("event_id",), "quantities": ("quantity_id",), "actors": ("actor_id",),
        "places": ("place_id",)}


def _unique_sorted(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    """Rows sorted by key, one per key: the first in a total order of the whole row,
    so the choice between two finders' records for one span is deterministic."""
    def k(r: dict) -> tuple:
        return tuple(r[c] for c in key)

    rows = sorted(rows, key=k)
    if all(k(a) != k(b) for a, b in zip(rows, rows[1:])):
        return rows  # the usual case: no duplicates, no need for the costly tie-break
    rows.sort(key=lambda r: (k(r), repr(sorted(r.items()))))
    out: list[dict] = []
    for r in rows:
        if not out or k(out[-1]) != k(r):
            out.append(r)
    return out
