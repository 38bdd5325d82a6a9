"""Shared column definitions: each column is described once and inherited.

The descriptions and examples here feed the Parquet field metadata, the
datapackage.json and the data dictionary of every release.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

Str = pd.StringDtype
Int = pd.Int64Dtype
Float = pd.Float64Dtype
Bool = pd.BooleanDtype

ISO3 = r"^[A-Z]{3}$"
PRECISIONS = ["day", "month", "year", "unknown"]
DATE_SOURCES = ["sentence", "document", "published", "none"]


def field(description: str, example: object = None, **kwargs) -> object:
    """pa.Field with the description and an example value kept as metadata."""
    return pa.Field(description=description, metadata={"example": example}, **kwargs)


class Table(pa.DataFrameModel):
    """Every table: strict columns, typed as declared."""

    class Config:
        strict = True
        coerce = False


class InDocument(Table):
    doc_id: Series[Str] = field(
        "Document key: the first 16 hex digits of the SHA-256 of the normalised text.",
        "3f0c9a1b2d4e5f60", str_matches=r"^[0-9a-f]{16}$")


class Span(InDocument):
    sentence_id: Series[Int] = field(
        "Sentence number within the document, from 0, in reading order.", 8, ge=0)
    start: Series[Int] = field(
        "Start offset (characters, from 0) of the span in the document's normalised text.",
        1432, ge=0)
    end: Series[Int] = field(
        "End offset, exclusive: text[start:end] of the document is the span.", 1447, ge=0)


class SpanText(Span):
    text: Series[Str] = field("The exact text of the span.", "two brigades")


class InCountry(Table):
    country_code: Series[Str] = field(
        "ISO 3166-1 alpha-3 country code; empty when none applies.", "RUS",
        nullable=True, str_matches=ISO3)
