"""Record types shared by the extractors.

Every span is (start, end) into the document's normalised text, end-exclusive,
so ``text[start:end] == span_text`` always holds. Extractors return these
dataclasses; the release side turns them into table rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Sentence:
    sentence_id: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Actor:
    """A resolved actor entity (a row of the actors table)."""

    actor_id: str
    name: str
    actor_type: str  # person, organization, state, military_unit, armed_group, media, population, other
    country_code: str | None = None  # ISO 3166-1 alpha-3
    title: str | None = None
    affiliation_id: str | None = None
    cameo_code: str | None = None
    wikidata_id: str | None = None


@dataclass(slots=True)
class Place:
    """A resolved place (a row of the places table)."""

    place_id: str
    name: str
    feature: str  # country, admin1, admin2, city, village, region, other
    country_code: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(slots=True)
class Mention:
    """A span that refers to an actor, place, date or quantity."""

    start: int
    end: int
    text: str
    kind: str  # actor, place, date, quantity
    ref_id: str  # actor_id, place_id, quantity_id, or an ISO 8601 date / interval for dates
    sentence_id: int = -1


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: str  # day, month, year, unknown
    sentence_id: int = -1

    @property
    def ref(self) -> str:
        """ISO 8601 value (a date, a month, a year or an interval) used as the mention's ref_id."""
        if self.date_start is None:
            return "unknown"
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(self.precision, "%Y-%m-%d")
        a = self.date_start.strftime(fmt)
        b = self.date_end.strftime(fmt) if self.date_end else a
        return a if a == b else f"{a}/{b}"


@dataclass(slots=True)
class Quantity:
    quantity_id: str
    start: int
    end: int
    text: str
    value: float | None
    value_low: float | None = None
    value_high: float | None = None
    qualifier: str = "exact"  # exact, approximate, at_least, at_most, range
    unit: str | None = None  # singular
    category: str = "other"  # personnel, military_unit, casualties, weapons, money, distance, duration, other
    per_unit: str | None = None
    is_derived: bool = False
    derived_from: list[str] = field(default_factory=list)
    actor_id: str | None = None
    event_id: str | None = None
    sentence_id: int = -1
    # character span of the counted noun (e.g. "brigades"), used for linking; not published
    unit_start: int | None = None
    unit_end: int | None = None


@dataclass(slots=True)
class Event:
    event_id: str
    start: int
    end: int
    trigger: str
    event_type: str  # PLOVER
    cameo_code: str
    sentence_id: int = -1
    source_actor_id: str | None = None
    target_actor_id: str | None = None
    place_id: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    modality: str = "asserted"  # asserted, reported, hedged, predicted, negated
    reported_by_actor_id: str | None = None
    confidence: float = 0.5
    # where the date came from: the event's sentence, an earlier sentence of the
    # document, the publication date, or none (kept last: events are built positionally)
    date_source: str = "none"


@dataclass(slots=True)
class Extraction:
    """Everything the core found in one document."""

    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
