"""newsevents: ingest, assemble, validate and publish (the non-NLP side)."""
__version__ = "0.1.0"
