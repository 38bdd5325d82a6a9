"""Where an event's date comes from: its sentence, an earlier one, or the publication."""
from __future__ import annotations

from datetime import date

from extraction.core import extract

NOTE = ("On 5 March 2023, rebels attacked Goma. The army responded with artillery. "
        "Officials met in Kinshasa.")


def _dates(text, published=None, precision="unknown"):
    ex = extract(text, "0" * 16, published, precision)
    return {e.trigger: (e.date_start, e.date_precision, e.date_source) for e in ex.events}


def test_a_note_carries_its_day_to_the_sentences_after_it():
    found = _dates(NOTE, date(2023, 3, 9), "day")
    assert found["attacked"] == (date(2023, 3, 5), "day", "sentence")
    assert found["responded"] == (date(2023, 3, 5), "day", "document")


def test_without_a_date_in_the_text_the_publication_date_is_used_at_its_precision():
    assert _dates("Rebels attacked Goma.", date(2023, 3, 1), "month")["attacked"] == (
        date(2023, 3, 1), "month", "published")
    assert _dates("Rebels attacked Goma.")["attacked"] == (None, "unknown", "none")
