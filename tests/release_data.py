"""A small, schema-valid set of staged tables for testing releases without Prefect.

Every table has rows, foreign keys resolve and spans are exact, so the same
data checks publishing, changes, the datapackage and the catalogue.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from newsevents.assemble import TableWriter
from newsevents.release import publish, staging_dir
from schemas import TABLES
from schemas.frames import to_frame

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
PROVENANCE = {"newsevents_version": "test", "git_commit": None, "extractor_version": "x1",
              "lexicon_version": "l1", "libraries": {"pyarrow": "test"}}


def _doc_rows(i: int, rows: dict[str, list[dict]]) -> None:
    # quotes, commas and a newline: CSV quoting must keep them inside one field
    text = f'Report {i}: NATO sent 200 troops to Kyiv, "officials" said;\nmore follows.'
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]

    def span(s: str, text: str = text) -> tuple[int, int]:
        return text.index(s), text.index(s) + len(s)

    rows["documents"].append({
        "doc_id": doc_id, "source": f"doc{i}.txt", "source_id": None, "title": f"Doc {i}",
        "url": "", "published_date": "2024-10-01", "published_precision": "month",
        "n_chars": len(text), "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "text": text})
    rows["sentences"].append({"doc_id": doc_id, "sentence_id": 0, "start": 0,
                              "end": len(text), "text": text})
    event_id, quantity_id = f"e_{doc_id}_01", f"q_{doc_id}_01"
    for kind, s, ref in (("actor", "NATO", "actor:nato"), ("place", "Kyiv", "geonames:703448"),
                         ("quantity", "200 troops", quantity_id)):
        a, b = span(s)
        rows["mentions"].append({"doc_id": doc_id, "sentence_id": 0, "start": a, "end": b,
                                 "text": s, "kind": kind, "ref_id": ref})
    a, b = span("sent")
    rows["events"].append({
        "event_id": event_id, "doc_id": doc_id, "sentence_id": 0, "start": a, "end": b,
        "trigger": "sent", "event_type": "MOBILIZE", "cameo_code": "040",
        "source_actor_id": "actor:nato", "target_actor_id": None,
        "place_id": "geonames:703448", "date_start": "2024-10-01", "date_end": None,
        "date_precision": "month", "date_source": "sentence", "modality": "reported",
        "reported_by_actor_id": None,
        "confidence": 0.8})
    a, b = span("200 troops")
    rows["quantities"].append({
        "quantity_id": quantity_id, "doc_id": doc_id, "sentence_id": 0, "start": a, "end": b,
        "text": "200 troops", "value": 200.0, "value_low": None, "value_high": None,
        "qualifier": "exact", "unit": "personnel", "category": "personnel", "per_unit": None,
        "is_derived": False, "derived_from": None, "actor_id": "actor:nato",
        "event_id": event_id})


def table_rows(docs: range | list[int] = range(2), actor_name: str = "NATO") -> dict:
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for i in docs:
        _doc_rows(i, rows)
    rows["actors"] = [
        {"actor_id": "actor:nato", "name": actor_name, "actor_type": "organization",
         "country_code": None, "title": None, "affiliation_id": None,
         "cameo_code": "IGOWSTNAT", "wikidata_id": "Q7184"},
        {"actor_id": "actor:nato-sg", "name": "Mark Rutte", "actor_type": "person",
         "country_code": "NLD", "title": "Secretary General", "affiliation_id": "actor:nato",
         "cameo_code": None, "wikidata_id": None}]
    rows["places"] = [{"place_id": "geonames:703448", "name": "Kyiv", "feature": "city",
                       "country_code": "UKR", "admin1": "Kyiv City", "latitude": 50.45,
                       "longitude": 30.52}]
    rows["rejections"] = [{"source": "empty.txt", "reason": "empty file: nothing to extract",
                           "detail": "0 bytes"}]
    return rows


def stage_tables(work: Path, rows: dict[str, list[dict]]) -> tuple[Path, dict[str, int]]:
    """A staging folder holding every table as validated, key-sorted Parquet."""
    stage = staging_dir(work)
    counts = {}
    for name, spec in TABLES.items():
        ordered = sorted(rows[name], key=lambda r: tuple(r[k] for k in spec.primary_key))
        frame = to_frame(spec, ordered)
        spec.model.validate(frame)
        writer = TableWriter(name, stage / "parquet")
        writer.write(frame)
        writer.close()
        counts[name] = writer.rows
    return stage, counts


def publish_rows(output, rows: dict, now: datetime = NOW, work: Path | None = None,
                 inputs: list[dict] | None = None):
    work = Path(work or output)
    stage, counts = stage_tables(work, rows)
    inputs = inputs if inputs is not None else [
        {"source": "doc0.txt", "bytes": 10, "sha256": "0" * 64}]
    return publish(output, stage, counts, inputs, PROVENANCE, now=now)
