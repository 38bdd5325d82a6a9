"""Property tests of the extraction core on arbitrary text: it never raises, every
span is exact, and the same text gives the same records and ids every time."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import core
from extraction.text import normalise
from newsevents.ingest import text_key

NEWS_BITS = ["Russian forces", "attacked", "Kharkiv", "on October 22", "2024", "two brigades",
             "each with 6,000 personnel", "NATO", "said", "President Zelensky", "may", "not",
             "killed at least 12 civilians", "in Donetsk Oblast", "$1.5 billion", "127th",
             "October 27-28", "U.S.", "North Korean troops", ".", ",", "\n\n", "\u202e", "\x00",
             "\u200f", "«", "»", "’", "—", "e\u0301", "🇺🇦", "\ufffd", "\r\n"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(NEWS_BITS), st.text(max_size=8)), max_size=60)
    .map(" ".join),
)
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1),
                                          max_value=date(2100, 12, 31)))


def _spans(ex) -> list[tuple[str, int, int, str]]:
    out = [("sentence", s.start, s.end, s.text) for s in ex.sentences]
    out += [("mention", m.start, m.end, m.text) for m in ex.mentions]
    out += [("date", d.start, d.end, d.text) for d in ex.dates]
    out += [("quantity", q.start, q.end, q.text) for q in ex.quantities if not q.is_derived]
    out += [("event", e.start, e.end, e.trigger) for e in ex.events]
    return out


def _as_data(ex) -> dict:
    return {name: [asdict(r) for r in getattr(ex, name)]
            for name in ("sentences", "actors", "places", "mentions", "dates", "quantities",
                         "events")}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published, st.sampled_from(["day", "month", "year", "unknown"]))
def test_core_never_raises_spans_exact_ids_stable(raw, pub, precision):
    text = normalise(raw)
    doc_id = text_key(text)[0]
    precision = precision if pub else "unknown"
    ex = core.extract(text, doc_id, pub, precision)
    for kind, start, end, span in _spans(ex):
        assert 0 <= start <= end <= len(text), (kind, start, end)
        assert text[start:end] == span, (kind, start, end, span)
    again = core.extract(text, doc_id, pub, precision)
    assert _as_data(again) == _as_data(ex)
