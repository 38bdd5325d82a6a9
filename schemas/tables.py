"""One pandera model per table of the release contract (see DESIGN.md)."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from .base import (DATE_SOURCES, PRECISIONS, Bool, Float, InCountry, InDocument, Int, Span, SpanText, Str,
                   Table, field)

ACTOR_TYPES = ["person", "organization", "state", "military_unit", "armed_group", "media",
               "population", "other"]
FEATURES = ["country", "admin1", "admin2", "city", "village", "region", "other"]
MODALITIES = ["asserted", "reported", "hedged", "predicted", "negated"]
QUALIFIERS = ["exact", "approximate", "at_least", "at_most", "range"]
CATEGORIES = ["personnel", "military_unit", "casualties", "weapons", "money", "distance",
              "duration", "other"]
KINDS = ["actor", "place", "date", "quantity"]


class Documents(InDocument):
    source: Series[Str] = field(
        "Path of the raw file relative to the input folder; '#N' adds the line of a JSONL file.",
        "000_8d99d819530093ff.txt")
    source_id: Series[Str] = field("The input's own identifier, if it had one.", "8d99d819",
                                   nullable=True)
    title: Series[Str] = field("Title from the input's metadata.", "North Korea sends troops",
                               nullable=True)
    url: Series[Str] = field("Address the text was published at.", "https://example.org/a",
                             nullable=True)
    published_date: Series[pa.Date] = field(
        "Publication date; partial dates are stored as their first day (see "
        "published_precision).", "2024-10-01", nullable=True)
    published_precision: Series[Str] = field(
        "How much of published_date is known: day, month, year or unknown.", "month",
        isin=PRECISIONS)
    n_chars: Series[Int] = field("Length of the normalised text in characters.", 3172, ge=0)
    text_sha256: Series[Str] = field("SHA-256 of the normalised text (UTF-8).", "3f0c9a...",
                                     str_matches=r"^[0-9a-f]{64}$")
    text: Series[Str] = field(
        "Normalised text (NFC, Unix newlines, no control characters); all offsets point here.",
        "U.S. State Department spokesperson ...")

    class Config:
        unique = ["doc_id"]


class Rejections(Table):
    source: Series[Str] = field("Path of the raw input that was not published as a document.",
                                "broken.jsonl#3")
    reason: Series[Str] = field("Why the input was rejected, in plain words.",
                                "empty file: nothing to extract")
    detail: Series[Str] = field("Technical detail for the operator (error, size, duplicate of).",
                                "0 bytes", nullable=True)

    class Config:
        unique = ["source"]


class Sentences(SpanText):
    class Config:
        unique = ["doc_id", "sentence_id"]


class Actors(InCountry):
    actor_id: Series[Str] = field("Actor key, stable across documents and releases.",
                                  "actor:nato")
    name: Series[Str] = field("Canonical name.", "Mark Rutte")
    actor_type: Series[Str] = field(
        "person, organization, state, military_unit, armed_group, media, population or other.",
        "person", isin=ACTOR_TYPES)
    title: Series[Str] = field("Role of a person, such as President.", "Secretary General",
                               nullable=True)
    affiliation_id: Series[Str] = field("actor_id of the actor this one belongs to.",
                                        "actor:nato", nullable=True)
    cameo_code: Series[Str] = field("CAMEO actor code.", "IGOWSTNAT", nullable=True)
    wikidata_id: Series[Str] = field("Wikidata item.", "Q7184", nullable=True,
                                     str_matches=r"^Q\d+$")

    class Config:
        unique = ["actor_id"]


class Places(InCountry):
    place_id: Series[Str] = field("Place key, stable across documents and releases.",
                                  "geonames:2017370")
    name: Series[Str] = field("Canonical gazetteer name.", "Primorsky Krai")
    feature: Series[Str] = field(
        "country, admin1, admin2, city, village, region or other.", "admin1", isin=FEATURES)
    admin1: Series[Str] = field("First-level administrative division (name).",
                                "Primorsky Krai", nullable=True)
    latitude: Series[Float] = field("WGS84 latitude; empty only when no gazetteer knows it.",
                                    44.34, nullable=True, ge=-90, le=90)
    longitude: Series[Float] = field("WGS84 longitude; empty only when no gazetteer knows it.",
                                     131.66, nullable=True, ge=-180, le=180)

    class Config:
        unique = ["place_id"]


class Mentions(SpanText):
    kind: Series[Str] = field("actor, place, date or quantity.", "place", isin=KINDS)
    ref_id: Series[Str] = field(
        "Key in the table of that kind (actor_id, place_id, quantity_id); for dates the ISO "
        "8601 value, an interval for ranges.", "2024-10-27/2024-10-28")

    class Config:
        unique = ["doc_id", "start", "end", "kind"]


class Events(Span):
    event_id: Series[Str] = field("Event key.", "e_3f0c9a1b2d4e5f60_7a1c0b2d")
    trigger: Series[Str] = field("The word or phrase that expresses the event.", "deployed")
    event_type: Series[Str] = field("PLOVER event type.", "MOBILIZE")
    cameo_code: Series[Str] = field("CAMEO event code, as text to keep leading zeros.", "040",
                                    str_matches=r"^\d{2,4}$")
    source_actor_id: Series[Str] = field("actor_id of who acts.", "actor:prk-military",
                                         nullable=True)
    target_actor_id: Series[Str] = field("actor_id of who is acted on.", "actor:ukr",
                                         nullable=True)
    place_id: Series[Str] = field("place_id of where it happened.", "admin1:RU.41",
                                  nullable=True)
    date_start: Series[pa.Date] = field("First day of the event, if known.", "2024-10-27",
                                        nullable=True)
    date_end: Series[pa.Date] = field("Last day of the event, if known.", "2024-10-28",
                                      nullable=True)
    date_precision: Series[Str] = field("day, month, year or unknown.", "day", isin=PRECISIONS)
    date_source: Series[Str] = field(
        "Where the date comes from: sentence (a date in the event's sentence), document (the "
        "nearest earlier day or month date of the document: notes and wire stories give the "
        "day once), published (the document's publication date) or none.", "sentence",
        isin=DATE_SOURCES)
    modality: Series[Str] = field(
        "asserted, reported (attributed to a source), hedged (may, believes), predicted "
        "(will) or negated.", "predicted", isin=MODALITIES)
    reported_by_actor_id: Series[Str] = field("actor_id of who reported it.",
                                              "actor:ukr-gur", nullable=True)
    confidence: Series[Float] = field("How sure the extractor is, from 0 to 1.", 0.8,
                                      ge=0, le=1)

    class Config:
        unique = ["event_id"]


class Quantities(SpanText):
    quantity_id: Series[Str] = field("Quantity key.", "q_3f0c9a1b2d4e5f60_91ab02cd")
    value: Series[Float] = field("The number; empty for ranges and vague amounts.", 6000.0,
                                 nullable=True)
    value_low: Series[Float] = field("Lower bound, for ranges and 'at least'.", 10000.0,
                                     nullable=True)
    value_high: Series[Float] = field("Upper bound, for ranges and 'up to'.", 12000.0,
                                      nullable=True)
    qualifier: Series[Str] = field("exact, approximate, at_least, at_most or range.", "exact",
                                   isin=QUALIFIERS)
    unit: Series[Str] = field("What is counted, singular (personnel, brigade, USD).",
                              "personnel", nullable=True)
    category: Series[Str] = field(
        "personnel, military_unit, casualties, weapons, money, distance, duration or other.",
        "personnel", isin=CATEGORIES)
    per_unit: Series[Str] = field("For 'each with': the unit each value applies to.",
                                  "brigade", nullable=True)
    is_derived: Series[Bool] = field("True for totals computed from other quantities.", False)
    derived_from: Series[Str] = field(
        "Space-separated quantity_ids a derived total was computed from.",
        "q_3f0c..._1 q_3f0c..._2", nullable=True)
    actor_id: Series[Str] = field("actor_id of whom the quantity belongs to.",
                                  "actor:prk-military", nullable=True)
    event_id: Series[Str] = field("event_id of the event the quantity belongs to.",
                                  "e_3f0c9a1b2d4e5f60_7a1c0b2d", nullable=True)

    class Config:
        unique = ["quantity_id"]
