"""The release's tables: model, primary key, foreign keys and description.

Everything that describes a table (Parquet schema, datapackage.json, the data
dictionary, cross-table checks) is generated from here and from tables.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pandera.pandas as pa

from . import tables as t


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    ref_column: str
    # only rows whose `when_column` equals `when_value` must resolve (mentions.ref_id)
    when_column: str | None = None
    when_value: str | None = None


@cache
def _schema(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    # to_schema() rebuilds the schema on every call: ~1 ms, and rows are made per document
    return model.to_schema()


@cache
def _columns(model: type[pa.DataFrameModel], primary_key: tuple[str, ...]) -> tuple[str, ...]:
    rest = [c for c in _schema(model).columns if c not in primary_key]
    return (*primary_key, *rest)


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[pa.DataFrameModel]
    primary_key: tuple[str, ...]
    description: str
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def schema(self) -> pa.DataFrameSchema:
        return _schema(self.model)

    @property
    def columns(self) -> list[str]:
        """Column order of the files: the primary key first, then the model's order."""
        return list(_columns(self.model, self.primary_key))


def _fk(column: str, table: str, ref: str, **kw) -> ForeignKey:
    return ForeignKey(column, table, ref, **kw)


TABLES: dict[str, TableSpec] = {s.name: s for s in [
    TableSpec("documents", t.Documents, ("doc_id",),
              "One row per published input document, with its normalised text."),
    TableSpec("rejections", t.Rejections, ("source",),
              "Every raw input that is not in documents, with the reason."),
    TableSpec("sentences", t.Sentences, ("doc_id", "sentence_id"),
              "Sentences of each document with character offsets.",
              (_fk("doc_id", "documents", "doc_id"),)),
    TableSpec("actors", t.Actors, ("actor_id",),
              "Who acts or is acted on: persons, organisations, states, military units.",
              (_fk("affiliation_id", "actors", "actor_id"),)),
    TableSpec("places", t.Places, ("place_id",),
              "Places resolved against an offline gazetteer, with coordinates."),
    TableSpec("mentions", t.Mentions, ("doc_id", "start", "end", "kind"),
              "Every span that names an actor, place, date or quantity.",
              (_fk("doc_id", "documents", "doc_id"),
               _fk("ref_id", "actors", "actor_id", when_column="kind", when_value="actor"),
               _fk("ref_id", "places", "place_id", when_column="kind", when_value="place"),
               _fk("ref_id", "quantities", "quantity_id", when_column="kind",
                   when_value="quantity"))),
    TableSpec("events", t.Events, ("event_id",),
              "Who did what to whom, where and when, coded in PLOVER and CAMEO.",
              (_fk("doc_id", "documents", "doc_id"),
               _fk("source_actor_id", "actors", "actor_id"),
               _fk("target_actor_id", "actors", "actor_id"),
               _fk("reported_by_actor_id", "actors", "actor_id"),
               _fk("place_id", "places", "place_id"))),
    TableSpec("quantities", t.Quantities, ("quantity_id",),
              "How many: numbers with their unit, qualifier and what they count.",
              (_fk("doc_id", "documents", "doc_id"),
               _fk("actor_id", "actors", "actor_id"),
               _fk("event_id", "events", "event_id"))),
]}
