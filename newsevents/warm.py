"""Imported by the extraction forkserver: load every lexicon and index once, there."""
from extraction.core import extract

extract("On Monday NATO said 2 brigades of Russian troops moved near Kursk and Moscow.",
        "0" * 16)
