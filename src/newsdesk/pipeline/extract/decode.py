"""Turning fetched bytes into bounded HTML text the parser can handle in predictable time.

Encoding: a byte-order mark wins, then UTF-8 if the bytes are valid UTF-8, then a declared charset
(``<meta charset>``, ``http-equiv`` content type, XML declaration) that decodes the page, then a
guess: windows-1252 for mostly-ASCII bytes, charset-normalizer otherwise.
Labels follow the WHATWG rules a browser applies: ``iso-8859-1``/``ascii`` mean windows-1252 and a
``utf-16`` label without a byte-order mark means UTF-8.

Size: pages are cut to ``MAX_INPUT_BYTES`` before decoding and, when still large, script, style and
comment contents (which no extractor reads) are dropped with a linear scan before the text is cut to
``MAX_PARSE_CHARS``. JSON-LD scripts are kept: they carry the article's metadata. Start tags with
absurdly many attributes lose them (``MAX_START_TAG_CHARS``).
"""

from __future__ import annotations

import codecs
import re
from contextlib import suppress

import charset_normalizer

# 20 MB pages exist (inline images, app state in scripts); stripping scripts from one takes
# well under a second, and nothing an article needs lies deeper than this.
MAX_INPUT_BYTES = 24_000_000
# Above this, script/style/comment contents are stripped before parsing. Pages of the two
# extraction sets are up to 8.5 MB, but at most 540 K characters once stripped, with at most
# 5,000 elements; parse and extraction time grows with the number of elements, which
# MAX_ELEMENTS (in article.py) bounds after parsing.
STRIP_ABOVE_CHARS = 500_000
MAX_PARSE_CHARS = 1_000_000
# Where declarations are looked for, as browsers do (the HTML standard says 1024 bytes;
# real pages put long scripts first, so a little more is read).
SNIFF_BYTES = 4096
GUESS_BYTES = 65536
# Share of bytes >= 0x80 under which an undeclared, non-UTF-8 page is taken as windows-1252:
# French, German or Spanish prose has 1-3% accented letters, Cyrillic or Greek text over 40%.
WESTERN_HIGH_SHARE = 0.05
_HIGH_BYTES = bytes(range(0x80, 0x100))

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}
# libxml2 and trafilatura both take time quadratic in the number of attributes of one element
# (100,000 attributes: a minute). A start tag this long loses its attributes. The character
# class excludes "<" so that the scan stays linear on text full of "<a<a<a". The scan costs about
# a millisecond per page, so it only runs on pages with more "=" than 99% of the extraction sets'
# pages (8,000 attributes on one element still parse in well under a second).
MAX_START_TAG_CHARS = 8192
ATTRIBUTE_SCAN_ABOVE = 8000
_LONG_START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9:-]*)[^<>]{{{MAX_START_TAG_CHARS},}}>")
_STRIPPED_ELEMENTS = ("script", "style", "noscript", "template", "svg")
_HEAVY_START = re.compile(rf"<({'|'.join(_STRIPPED_ELEMENTS)})\b|<!--", re.IGNORECASE)
_HEAVY_END = {name: re.compile(f"</{name}", re.IGNORECASE) for name in _STRIPPED_ELEMENTS}


def decode_html(data: bytes) -> str:
    """Decode a page's bytes (at most ``MAX_INPUT_BYTES`` of them) to text."""
    data = data[:MAX_INPUT_BYTES]
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    # Text that decodes as UTF-8 is UTF-8 whatever the page declares: legacy encodings almost
    # never form valid multi-byte sequences, while UTF-8 pages declared as latin-1 are common.
    with suppress(UnicodeDecodeError):
        return data.decode("utf-8")
    declared = declared_encoding(data[:SNIFF_BYTES])
    if declared:
        with suppress(UnicodeDecodeError):
            return data.decode(declared)
    return data.decode(declared or guess_encoding(data[:GUESS_BYTES]), errors="replace")


def guess_encoding(head: bytes) -> str:
    """windows-1252 for mostly-ASCII text (Western languages), else charset-normalizer's guess.

    With only a few accented letters among ASCII, statistical detectors pick among the many
    single-byte code pages almost at random; windows-1252 is what browsers assume then.
    """
    high = len(head) - len(head.translate(None, _HIGH_BYTES))
    if high < WESTERN_HIGH_SHARE * len(head):
        return "cp1252"
    guess = charset_normalizer.from_bytes(head).best()
    return (_usable(guess.encoding) if guess is not None else None) or "cp1252"


def declared_encoding(head: bytes) -> str | None:
    """The Python codec of the charset a page's head declares, if any and if known."""
    match = _DECLARED.search(head)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    return _usable(_WHATWG_ALIASES.get(label, label))


def _usable(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def bound_html(text: str) -> str:
    """Cut ``text`` to a size the parser and extractors handle in bounded time."""
    if len(text) > STRIP_ABOVE_CHARS:
        text = strip_heavy_elements(text)
    text = text[:MAX_PARSE_CHARS]
    if text.count("=") > ATTRIBUTE_SCAN_ABOVE:
        text = _LONG_START_TAG.sub(r"<\1>", text)
    return text


def strip_heavy_elements(text: str) -> str:
    """Empty script/style/svg/template elements and drop comments, in one linear pass.

    ``application/ld+json`` scripts are kept whole. An element that is never closed is cut at
    its start tag: what follows it would only be more of the same.
    """
    out: list[str] = []
    pos = 0
    while (found := _HEAVY_START.search(text, pos)) is not None:
        start = found.start()
        out.append(text[pos:start])
        name = (found.group(1) or "").lower()
        if not name:  # a comment
            end = text.find("-->", start + 4)
            pos = len(text) if end < 0 else end + 3
            continue
        tag_end = text.find(">", start)
        close = _HEAVY_END[name].search(text, tag_end) if tag_end >= 0 else None
        if close is None:
            return "".join(out)
        opening = text[start : tag_end + 1]
        keep_body = name == "script" and "ld+json" in opening.lower()
        out.append(text[start : close.start()] if keep_body else opening)
        pos = close.start()
    out.append(text[pos:])
    return "".join(out)
