"""Extraction records to table rows: keys unique and sorted, whatever the finders emit."""
from __future__ import annotations

from extraction.core import extract
from extraction.model import Event, Extraction, Mention
from newsevents.rows import KEYS, extraction_rows
from schemas import TABLES
from schemas.frames import to_frame

DOC = "0123456789abcdef"


def test_one_trigger_with_two_sources_gives_two_events():
    text = "France and Germany condemned Russia on Monday."
    rows = extraction_rows(DOC, extract(text, DOC))
    condemn = [e for e in rows["events"] if e["trigger"] == "condemned"]
    assert len({e["source_actor_id"] for e in condemn}) == 2
    assert len({e["event_id"] for e in condemn}) == len(condemn)


def test_duplicate_records_collapse_to_one_row_per_key():
    ex = Extraction()
    ex.mentions = [Mention(0, 6, "Inslee", "actor", "actor:b"),
                   Mention(0, 6, "Inslee", "actor", "actor:a"),
                   Mention(0, 6, "Inslee", "actor", "actor:a")]
    ex.events = [Event("x", 7, 11, "said", "MAKE_STATEMENT", "010"),
                 Event("y", 7, 11, "said", "MAKE_STATEMENT", "010")]
    rows = extraction_rows(DOC, ex)
    assert [m["ref_id"] for m in rows["mentions"]] == ["actor:a"]
    assert len(rows["events"]) == 1


def test_rows_pass_their_schemas_on_news_text():
    text = ("On Tuesday, Russian and Belarusian troops shelled Kharkiv, killing 12 people, "
            "officials said. NATO and the EU condemned the attack. Zelensky met Biden in Kyiv.")
    rows = extraction_rows(DOC, extract(text, DOC))
    for table, key in KEYS.items():
        df = to_frame(TABLES[table], rows[table])
        TABLES[table].model.validate(df)
        keys = [tuple(r[c] for c in key) for r in rows[table]]
        assert keys == sorted(set(keys)), table
