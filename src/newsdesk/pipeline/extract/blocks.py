"""The article body as HTML blocks: finding paragraph-like units, measuring them, rendering text.

Both extractors' output is brought to one small HTML vocabulary (p, h1-h6, ul/ol/li, blockquote,
pre, table, a, em/strong, br) under a ``<div>`` root. The cleaning rules look at *units*: the
smallest elements that hold a paragraph's worth of text (a ``<p>``, a heading, a list item, a
whole table, a ``<div>`` with only inline content). The plain text is rendered from the same tree,
one paragraph per block separated by blank lines, ``<br>`` kept as a line break.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from lxml import etree

Element: TypeAlias = etree._Element

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Units that are never split further, even if they contain other blocks.
ATOMIC = HEADINGS | {"p", "pre", "table", "figcaption", "dt", "dd"}
BLOCKS = ATOMIC | {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "li",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "form",
    "hr",
    "body",
    "html",
}
CELLS = frozenset({"td", "th"})
# Containers the sanitizer unwraps: their paragraph breaks must be made explicit first.
DIVLIKE = frozenset(
    {"div", "section", "article", "main", "header", "footer", "aside", "nav", "form", "center"}
)
_SPACES = re.compile(r"[^\S\n]+")


def tag_of(element: Element) -> str:
    """The tag name, "" for comments and processing instructions."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""  # both parsers used here give lower case


def text_of(element: Element) -> str:
    """The element's text with whitespace collapsed to single spaces."""
    return " ".join("".join(element.itertext()).split())


def word_count(text: str) -> int:
    """Words as whitespace-separated tokens (cheaper than a regex on whole pages)."""
    return len(text.split())


class Unit:
    """A paragraph-like element with its text, word count and link share worked out once."""

    __slots__ = ("_link_share", "element", "tag", "text", "words")

    def __init__(self, element: Element, text: str) -> None:
        self.element = element
        self.tag = tag_of(element)
        self.text = text
        self.words = word_count(text)
        self._link_share: float | None = None

    @property
    def link_share(self) -> float:
        """Share of the unit's text that sits inside links."""
        if self._link_share is None:
            self._link_share = link_density(self.element, len(self.text))
        return self._link_share


def units(root: Element) -> list[Unit]:
    """Paragraph-like units of ``root`` in document order (see the module docstring)."""
    containers = _with_block_descendants(root)
    found: list[Unit] = []
    pending = list(reversed(root))
    while pending:
        element = pending.pop()
        tag = tag_of(element)
        if not tag:
            continue
        if tag in ATOMIC or element not in containers:
            text = text_of(element)
            if text:
                found.append(Unit(element, text))
        else:
            pending.extend(reversed(element))
    return found


def _with_block_descendants(root: Element) -> set[Element]:
    marked: set[Element] = set()
    for element in root.iterdescendants():
        if tag_of(element) not in BLOCKS:
            continue
        parent = element.getparent()
        while parent is not None and parent not in marked:
            marked.add(parent)
            parent = parent.getparent()
    return marked


def link_density(element: Element, text_length: int | None = None) -> float:
    """Share of the element's text that sits inside links."""
    total = len(text_of(element)) if text_length is None else text_length
    if not total:
        return 0.0
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return min(linked / total, 1.0)


def remove(element: Element) -> None:
    """Remove an element with its subtree, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def make_paragraphs(root: Element) -> None:
    """Turn div-like containers into paragraphs so that the sanitized HTML keeps the breaks.

    A container of inline content becomes a ``<p>``; in a container that mixes blocks with loose
    text, each run of loose text and inline elements is wrapped in a ``<p>``. What remains of
    the containers holds only blocks, and unwrapping it (as the sanitizer does) glues nothing.
    Table rows and cells found outside a table (extractors leave some) become the same.
    """
    for row in list(root.iter("tr")):
        if tag_of(row.getparent()) not in _ROW_PARENTS:
            row.tag = "div"
    for cell in list(root.iter("td", "th")):
        if tag_of(cell.getparent()) != "tr":
            cell.tag = "div"
    for element in reversed(list(root.iterdescendants())):  # inner containers first
        if tag_of(element) not in DIVLIKE:
            continue
        if any(tag_of(d) in BLOCKS for d in element.iterdescendants()):
            _wrap_loose_runs(element)
        else:
            element.tag = "p"
            element.attrib.clear()


_ROW_PARENTS = frozenset({"table", "thead", "tbody", "tfoot"})


def _wrap_loose_runs(container: Element) -> None:
    children = list(container)
    pieces: list[Element | str] = [container.text or ""]
    for child in children:
        pieces.append(child)
        pieces.append(child.tail or "")
        child.tail = None
        container.remove(child)
    container.text = None
    paragraph: Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if paragraph is None and not piece.strip():
                continue
            paragraph = paragraph if paragraph is not None else etree.SubElement(container, "p")
            _append_text(paragraph, piece)
        elif tag_of(piece) in BLOCKS:
            container.append(piece)
            paragraph = None
        else:
            paragraph = paragraph if paragraph is not None else etree.SubElement(container, "p")
            paragraph.append(piece)


def _append_text(element: Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def render_text(root: Element) -> str:
    """Plain text: one paragraph per block, blank lines between them, ``<br>`` as a line break."""
    renderer = _TextRenderer()
    renderer.walk(root, is_root=True)
    return renderer.finish()


class _TextRenderer:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        if not self.current:
            return
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.current).split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current.clear()

    def walk(self, element: Element, *, is_root: bool = False) -> None:
        tag = tag_of(element)
        block = tag in BLOCKS
        if block:
            self.flush()
        if tag == "br":
            self.current.append("\n")
        elif tag in CELLS:
            self.current.append(" ")
        elif tag == "a" and self._glued_to_previous(element.text):
            self.current.append(" ")  # extractors trim the space before inline links
        if tag and element.text:
            self.current.append(element.text)
        for child in element:
            self.walk(child)
        if block:
            self.flush()
        elif tag in CELLS:
            self.current.append(" ")
        if element.tail and not is_root:
            if tag == "a" and element.tail[:1].isalnum():
                self.current.append(" ")
            self.current.append(element.tail)

    def _glued_to_previous(self, text: str | None) -> bool:
        last = self.current[-1][-1:] if self.current else ""
        return last.isalnum() and (text or "")[:1].isalnum()

    def finish(self) -> str:
        self.flush()
        return "\n\n".join(self.paragraphs)


def inner_html(root: Element) -> str:
    """The serialized children of ``root`` (HTML method), without the root element itself."""
    parts = [root.text or ""]
    parts.extend(etree.tostring(child, method="html", encoding="unicode") for child in root)
    return "".join(parts)
