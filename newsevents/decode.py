"""Bytes to text: encodings, binary detection and HTML to plain text."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser as HTMLParser


_BLOCKS = ("p, div, br, li, h1, h2, h3, h4, h5, h6, tr, blockquote, section, article, "
           "header, footer, pre, table, ul, ol, dd, dt, figcaption")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class Unreadable(ValueError):
    """Raised with a reason a person understands when bytes are not usable text."""


_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx, xlsx, ...)",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable program",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
}


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of raw bytes, or Unreadable."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise Unreadable(f"binary file ({kind}), not text")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise Unreadable(f"broken UTF-16 text: {e.reason}") from e
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise Unreadable("not text in any known encoding") from None
        text, encoding = str(best), best.encoding
    # Text with many NUL or other control bytes is a binary file that happened to decode.
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if text and controls / min(len(text), 65536) > 0.1:
        raise Unreadable("binary content (control bytes), not text")
    return text, encoding


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (scripts and styles dropped) and its <title>."""
    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    for node in tree.css("script, style, noscript, template, head"):
        node.decompose()
    # Block elements end a line so that paragraphs stay sentences apart, while inline
    # markup (<b>, <a>) does not break a sentence.
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    body = tree.body or tree.root
    text = body.text(separator="", strip=False) if body else ""
    return _BLANK_LINES.sub("\n\n", text), title or None
