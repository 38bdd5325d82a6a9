"""Text normalisation: the one text every offset in the dataset points into."""
from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters other than tab and newline carry no meaning in news
# text and break CSV readers; they are dropped before offsets are assigned.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalise(text: str) -> str:
    """NFC, Unix newlines, no control characters, no trailing whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    return text.strip()
