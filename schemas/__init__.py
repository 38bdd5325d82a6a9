"""Single source of truth for the release's columns (pandera models)."""
from .registry import TABLES, ForeignKey, TableSpec

__all__ = ["TABLES", "ForeignKey", "TableSpec"]
