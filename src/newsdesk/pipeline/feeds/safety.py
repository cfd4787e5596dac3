"""Make untrusted feed bytes safe, and as well-formed as cheaply possible, before any XML parser.

What :func:`prepare_xml` guarantees about the bytes it returns:

* at most :data:`MAX_DOCUMENT_BYTES` (gzip bodies are inflated with the same cap);
* UTF-8, with the XML declaration saying so, no byte order mark, no text before the first tag;
* no DOCTYPE at all. Simple internal entities (a literal value, no references to other
  entities) are expanded here, within :data:`ENTITY_EXPANSION_BUDGET`; a DOCTYPE declaring
  nested entities (billion laughs), external entities (XXE) or more expansion than the budget
  is refused with :class:`FeedParseError`. An ``<!ENTITY`` anywhere else is refused too;
* no control characters XML forbids; HTML named entities (``&eacute;``) replaced by character
  references, unknown ones and bare ``&`` escaped, outside CDATA sections and comments.

So neither fastfeedparser (lxml with entities unresolved) nor feedparser (expat, then its own
"loose" parser, which expands declared entities itself) ever sees a declaration to expand or a
system identifier to fetch. Where this module calls lxml itself, the parser from
:func:`safe_xml_parser` resolves no entities and loads nothing.
"""

from __future__ import annotations

import html
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from html.entities import html5

from lxml import etree

from newsdesk.errors import FeedParseError

from .encoding import decode_document
from .prolog import Doctype, scan_prolog

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""The largest body accepted, compressed or not: the sitemap protocol's own limit."""

ENTITY_EXPANSION_BUDGET = 64 * 1024
"""Characters simple entities may add in all: this many plus the document's own length (so an
expanded document is at most twice its size and 64 KiB)."""

MAX_ENTITY_DECLARATIONS = 512

_PARSERS = threading.local()  # an lxml parser is not to be shared between threads

_GZIP_MAGIC = b"\x1f\x8b"
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_XML_DECLARATION = re.compile(r"<\?xml\b[^<>]{0,300}\?>")
_ENCODING_PSEUDO_ATTRIBUTE = re.compile(r"""encoding\s*=\s*(["'])[^"']*\1""")
_STRAY_ENTITY_DECLARATION = re.compile(r"<!\s*ENTITY", re.IGNORECASE)
# An ampersand that starts neither a predefined entity nor a character reference XML reads as
# meant, then what it may start: an HTML entity name, or a character reference in the range
# 128-159 (Windows-1252 punctuation written as Unicode C1 controls) or written "&#X".
_ODD_AMPERSAND = re.compile(
    r"&(?!(?:amp|lt|gt|quot|apos|#(?!1(?:2[89]|[3-5][0-9]);)[0-9]{1,8}"
    r"|#x(?![89][0-9a-fA-F];)[0-9a-fA-F]{1,8});)"
    r"(?:([A-Za-z][A-Za-z0-9]{0,31});|#([0-9]{1,8});|#[xX]([0-9a-fA-F]{1,8});)?"
)
_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z#])")
_VALUE_REFERENCE = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[^\s&;]+);|%[^\s%;]+;")


@dataclass(frozen=True)
class PreparedXML:
    """Bytes fit for the parsers, the same document as text, and its root element's name."""

    data: bytes
    text: str
    root: str
    encoding: str

    @property
    def root_local_name(self) -> str:
        return self.root.rsplit(":", 1)[-1].lower()

    @cached_property
    def has_xml_base(self) -> bool:
        """Whether ``xml:base`` appears anywhere (a scan of the whole text, done once)."""
        return "xml:base" in self.text


def unwrap_body(content: bytes) -> bytes:
    """Check the size of a body and inflate it if it is gzip (sitemaps are often ``.xml.gz``)."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise FeedParseError(f"document too large: {len(content)} bytes (cap {MAX_DOCUMENT_BYTES})")
    if not content.startswith(_GZIP_MAGIC):
        return content
    return _inflate(content)


def prepare_xml(content: bytes, content_type: str = "") -> PreparedXML:
    """Decode, neutralise and repair an XML document (see the module docstring)."""
    text, encoding = decode_document(content, content_type)
    first_tag = text.find("<")
    if first_tag < 0:
        raise FeedParseError("not a feed: no XML element found")
    text = text[first_tag:]
    if _has_control_characters(content, text, encoding):
        text = _CONTROL.sub("", text)
    prolog = scan_prolog(text)
    entities = _simple_entities(prolog.doctypes)
    text = _remove_doctypes(text, prolog.doctypes)
    _refuse_stray_entity_declarations(text)
    if entities:
        text = _expand_entities(text, entities)
    text = repair_ampersands(text)
    text = _declare_utf8(text)
    return PreparedXML(data=text.encode("utf-8"), text=text, root=prolog.root, encoding=encoding)


def repair_ampersands(text: str) -> str:
    """Turn HTML named entities into character references and escape any other stray ``&``.

    CDATA sections and comments are left as they are.
    """
    if _ODD_AMPERSAND.search(text) is None:
        return text
    pieces = []
    for is_section, piece in _split_sections(text):
        if not is_section and _ODD_AMPERSAND.search(piece) is not None:
            # Bare ampersands first, with a plain replacement (no Python call per match).
            piece = _BARE_AMPERSAND.sub("&amp;", piece)
            piece = _ODD_AMPERSAND.sub(_repair_ampersand, piece)
        pieces.append(piece)
    return "".join(pieces)


def _split_sections(text: str) -> Iterator[tuple[bool, str]]:
    """``text`` cut into CDATA sections and comments (True) and what lies between (False)."""
    position = 0
    next_cdata = text.find("<![CDATA[")
    next_comment = text.find("<!--")
    while next_cdata >= 0 or next_comment >= 0:
        is_cdata = next_comment < 0 or 0 <= next_cdata < next_comment
        start = next_cdata if is_cdata else next_comment
        closing = "]]>" if is_cdata else "-->"
        end = text.find(closing, start)
        end = len(text) if end < 0 else end + len(closing)
        yield False, text[position:start]
        yield True, text[start:end]
        position = end
        if next_cdata >= 0 and next_cdata < position:
            next_cdata = text.find("<![CDATA[", position)
        if next_comment >= 0 and next_comment < position:
            next_comment = text.find("<!--", position)
    yield False, text[position:]


def safe_xml_parser(*, recover: bool = True) -> etree.XMLParser:
    """An lxml parser that resolves no entity, loads no DTD and opens no network connection."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


def parse_tree(data: bytes) -> etree._Element | None:
    """The element tree of prepared bytes (:func:`prepare_xml`), or None when they are not
    well-formed. A document cut off at its very end (the parser stops at the last byte, as
    when a closing ``</rss>`` lacks its ``>`` or a download ends early) is read with lxml's
    recovery, which closes what is open: nothing written is lost or guessed. Any other error
    gives None, for the libraries' own recovery."""
    try:
        return etree.fromstring(data, _thread_parser("strict", recover=False))
    except etree.XMLSyntaxError as error:
        if not _at_end(data, error):
            return None
    try:
        root = etree.fromstring(data, _thread_parser("recover", recover=True))
    except etree.XMLSyntaxError:
        return None
    return root if root is not None and isinstance(root.tag, str) else None


def _at_end(data: bytes, error: etree.XMLSyntaxError) -> bool:
    line, column = error.position
    start = 0
    for _ in range(line - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return False
    return not data[start + max(column - 1, 0) :].strip()


def _thread_parser(name: str, *, recover: bool) -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_PARSERS, name, None)
    if parser is None:
        parser = safe_xml_parser(recover=recover)
        setattr(_PARSERS, name, parser)
    return parser


def _has_control_characters(content: bytes, text: str, encoding: str) -> bool:
    if encoding in ("ascii", "utf-8"):
        # Code points below 0x20 are the same bytes here, and bytes.translate runs at memory speed.
        deleted = len(content) - len(content.translate(None, _CONTROL_BYTES))
        return deleted > 0 or "\ufffe" in text or "\uffff" in text
    return _CONTROL.search(text) is not None


def _inflate(content: bytes) -> bytes:
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(content, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as e:
        raise FeedParseError(f"corrupt gzip body: {e}") from e
    if len(data) > MAX_DOCUMENT_BYTES or inflater.unconsumed_tail:
        raise FeedParseError(f"gzip body inflates past {MAX_DOCUMENT_BYTES} bytes")
    return data


def _simple_entities(doctypes: tuple[Doctype, ...]) -> dict[str, str]:
    """Entities safe to expand, by name; refuses the declarations of a hostile DOCTYPE."""
    declarations = [entity for doctype in doctypes for entity in doctype.entities]
    if len(declarations) > MAX_ENTITY_DECLARATIONS:
        raise FeedParseError(f"unsafe XML: {len(declarations)} entity declarations")
    entities: dict[str, str] = {}
    for entity in declarations:
        if entity.parameter or entity.name in _PREDEFINED:
            continue  # parameter entities act inside a DTD only, and every DTD is removed
        if entity.external:
            raise FeedParseError(f"unsafe XML: external entity {entity.name!r} (XXE) declared")
        entities.setdefault(entity.name, _literal_value(entity.name, entity.value))
    return entities


def _literal_value(name: str, value: str) -> str:
    """The text of an entity value made of characters and character references only."""

    def replace(match: re.Match[str]) -> str:
        reference = match.group(1)
        if reference is None or not (reference.startswith("#") or reference in _PREDEFINED):
            raise FeedParseError(
                f"unsafe XML: entity {name!r} refers to other entities (entity expansion bomb)"
            )
        return html.unescape(match.group())

    return _VALUE_REFERENCE.sub(replace, value)


def _remove_doctypes(text: str, doctypes: tuple[Doctype, ...]) -> str:
    for doctype in reversed(doctypes):
        text = text[: doctype.start] + text[doctype.end :]
    return text


def _refuse_stray_entity_declarations(text: str) -> None:
    """Refuse ``<!ENTITY`` outside the prolog unless it is text of a CDATA section or comment."""
    if _STRAY_ENTITY_DECLARATION.search(text) is None:
        return
    for is_section, piece in _split_sections(text):
        if not is_section and _STRAY_ENTITY_DECLARATION.search(piece) is not None:
            raise FeedParseError("unsafe XML: entity declaration outside the DOCTYPE")


def _expand_entities(text: str, entities: dict[str, str]) -> str:
    names = "|".join(re.escape(name) for name in entities)
    pattern = re.compile(r"&(" + names + ");")
    escaped = {name: html.escape(value) for name, value in entities.items()}
    budget = len(text) + ENTITY_EXPANSION_BUDGET
    expanded = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal expanded
        expanded += len(escaped[match.group(1)])
        if expanded > budget:
            raise FeedParseError("unsafe XML: entity expansion over budget (entity bomb)")
        return escaped[match.group(1)]

    return "".join(
        piece if is_section else pattern.sub(replace, piece)
        for is_section, piece in _split_sections(text)
    )


def _repair_ampersand(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if decimal is not None or hexadecimal is not None:
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        return f"&#{_windows_1252_code(code)};"
    characters = html5.get(name + ";") if name is not None else None
    if characters is None:
        return "&amp;" + match.group()[1:]
    return "".join(f"&#{ord(character)};" for character in characters)


def _windows_1252_code(code: int) -> int:
    """The code point meant by a Windows-1252 byte written as a C1 reference (146: U+2019)."""
    if not 128 <= code <= 159:
        return code
    try:
        return ord(bytes([code]).decode("cp1252"))
    except UnicodeDecodeError:
        return code


def _declare_utf8(text: str) -> str:
    declaration = _XML_DECLARATION.match(text)
    if declaration is None:
        return text
    rewritten = _ENCODING_PSEUDO_ATTRIBUTE.sub('encoding="utf-8"', declaration.group(), count=1)
    if rewritten == declaration.group():
        return text
    return text[: declaration.start()] + rewritten + text[declaration.end() :]
