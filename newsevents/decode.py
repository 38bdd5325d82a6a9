"""Bytes to text: encodings, binary detection and HTML to plain text.

Order of the guesses, most certain first: a byte-order mark; the NUL pattern
of BOM-less UTF-16; strict UTF-8; UTF-8 with a few corrupt bytes; then
charset-normalizer for legacy code pages, preferring Windows-1252 when it ties
(the project reads English news, and HTML5 itself reads "latin-1" as 1252).
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser as HTMLParser

_BLOCKS = ("p, div, br, li, h1, h2, h3, h4, h5, h6, tr, blockquote, section, article, "
           "header, footer, pre, table, ul, ol, dd, dt, figcaption")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Characters no text file carries in bulk: C0 controls other than tab/newline/CR/FF,
# DEL and C1 controls, and the replacement character of undecodable bytes.
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Well-formed multi-byte UTF-8 sequences: their presence says the file is UTF-8.
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                         rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_SAMPLE = 65536
BINARY_SHARE = 0.05  # more junk characters than this and the "text" is really binary


class Unreadable(ValueError):
    """Raised with a reason a person understands when bytes are not usable text."""


_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx, xlsx, ...)",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"RIFF": "RIFF media file (WebP, WAV, AVI)",
    b"\x7fELF": "executable program",
    b"MZ": "Windows executable",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"SQLite format 3\x00": "SQLite database",
}


def clean(text: str) -> str:
    """Lone surrogates (from JSON escapes or undecodable file names) as U+FFFD:
    they cannot be written as UTF-8, so Parquet and CSV would refuse them."""
    return _SURROGATE.sub("\ufffd", text)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of raw bytes, or Unreadable. `declared` is an encoding the
    file names itself (an HTML meta charset), tried before any guess."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise Unreadable(f"binary file ({kind}), not text")
    text, encoding = _guess(data, declared)
    if _junk_count(text) > max(16, BINARY_SHARE * min(len(text), _SAMPLE)):
        raise Unreadable("binary content (control bytes), not text")
    return text, encoding


def _guess(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec + " (BOM)"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    # Mostly UTF-8 with a few broken bytes (a truncated copy, a stray Latin-1 byte):
    # keeping UTF-8 and marking the bad bytes beats re-reading it all as a code page.
    replaced = data.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd")
    if len(_UTF8_MULTI.findall(data[:1 << 20])) >= broken:
        return replaced, "utf-8 (with undecodable bytes replaced)"
    return _legacy(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    try:
        matches = list(from_bytes(data))
    except Exception as e:
        raise Unreadable(f"encoding detection failed: {type(e).__name__}") from e
    if not matches:
        raise Unreadable("binary content: not text in any known encoding")
    least = min(m.chaos for m in matches)
    # Chaos scores of short texts differ by noise: near-ties count as ties.
    tied = [m for m in matches if m.chaos <= least + 0.02]
    # Identical readings are merged into one match: ask each which code pages it stands for.
    pick = next((m for m in tied if "cp1252" in m.could_be_from_charset), tied[0])
    return str(pick), "cp1252" if "cp1252" in pick.could_be_from_charset else pick.encoding


def _junk_count(text: str) -> int:
    """Junk characters in the first 64k (a few stray NULs are dropped later, by normalise)."""
    return len(_JUNK.findall(text[:_SAMPLE]))


def decode_json_line(raw: bytes, first: bool) -> str:
    """A JSONL line is UTF-8 by the JSON standard (RFC 8259); a BOM may open the file."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Unreadable(f"line is not valid UTF-8 (byte {e.start}: "
                         f"{raw[e.start:e.start + 4]!r})") from None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (scripts and styles dropped) and its <title>.

    Parsed by lexbor, which builds a tree and runs nothing: no script, no fetch of
    images, styles or frames."""
    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    for node in tree.css("script, style, noscript, template, head, iframe, object, svg"):
        node.decompose()
    # Block elements end a line so that paragraphs stay sentences apart, while inline
    # markup (<b>, <a>) does not break a sentence.
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    body = tree.body or tree.root
    text = body.text(separator="", strip=False) if body else ""
    return _BLANK_LINES.sub("\n\n", text), title or None
