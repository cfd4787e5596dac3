"""Parsing a page into the one lxml tree every reader of the page shares.

The parse is trafilatura's own (``trafilatura.utils.load_html``: the same libxml2 options, the
same repair of a self-closed ``<html/>``, the same retry from bytes and the same rejection of a
document that is not HTML), with one change: the elements' Python class is chosen in C.
``lxml.html``'s parser asks a Python function (``HtmlElementClassLookup.lookup``) for the class of
every element each time lxml hands one to Python, some 4,000 calls a page, a sixth of the whole
extraction's time; nothing newsdesk or its libraries call needs the form classes that function
tells apart, so every element is an ``HtmlElement`` (with all of ``lxml.html``'s methods) and the
tree is the same, node for node. Copies of the tree (trafilatura's, readability's) keep the
parser, and with it the lookup.
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import is_dubious_html, repair_faulty_html

# trafilatura.utils.HTML_PARSER's options (trafilatura 2.x), with a lookup that runs in C.
_PARSER = etree.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


def load_page(text: str) -> HtmlElement | None:
    """The page's tree, or None when it is not HTML (as ``load_html`` would decide)."""
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        tree = lxml.html.fromstring(text, parser=_PARSER)
    except ValueError:  # a str with an encoding declaration: libxml2 wants bytes
        tree, from_bytes = _from_bytes(text), True
    except Exception:  # libxml2 gave up on the text; bytes are tried below
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _from_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # nothing lxml can read
        return None
