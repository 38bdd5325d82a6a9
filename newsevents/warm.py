"""Imported by the extraction forkserver: load every lexicon, index and module once, there."""
from extraction.core import extract
from newsevents.rows import extraction_columns

# the row step's first call imports much of pandera (its table schemas): pay it here too
extraction_columns("0" * 16, extract(
    "On Monday NATO said 2 brigades of Russian troops moved near Kursk and Moscow.", "0" * 16))
