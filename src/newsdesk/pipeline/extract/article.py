"""From a page (or a feed item's HTML) to an ``ExtractedArticle``.

A page is decoded and bounded, parsed once, and read twice: for metadata and for the body.
trafilatura proposes the body; when its cleaned text covers less than ``UNSURE_COVERAGE`` of the
page's words (or is empty) it may have stopped short, and readability-lxml is asked too. The
second opinion replaces the first only if it is clearly longer (``LONGER_BY``) *and* contains most
of what trafilatura found (``CONTAINED``): a superset that kept going, not a different part of the
page. On the two extraction sets readability runs on one page in ten (zyte) or fifteen (wcxb-dev).

Whatever the input, the result is an ``ExtractedArticle`` or an ``ExtractionError``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from itertools import islice

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsdesk.errors import ExtractionError
from newsdesk.pipeline.extract.blocks import (
    Element,
    inner_html,
    make_paragraphs,
    remove,
    render_text,
    word_count,
)
from newsdesk.pipeline.extract.boilerplate import remove_fingerprinted
from newsdesk.pipeline.extract.candidates import readability_body, trafilatura_body
from newsdesk.pipeline.extract.clean import clean_body
from newsdesk.pipeline.extract.decode import MAX_INPUT_BYTES, bound_html, decode_html
from newsdesk.pipeline.extract.metadata import absolute_http_url, read_metadata
from newsdesk.pipeline.extract.parse import load_page
from newsdesk.pipeline.extract.publisher import read_publisher
from newsdesk.pipeline.extract.sanitize import DROPPED_WITH_CONTENT, plain_text, sanitize_html
from newsdesk.types import ExtractedArticle

# Tuned on the full zyte and wcxb-dev sets together (see docs/benchmarks/extraction.md):
# below this share of the page's words, trafilatura's result is checked against readability.
# 0.3 / 0.35 / 0.4 / 0.5 / 0.6 gave zyte F1 0.970 / 0.972 / 0.973 / 0.973 / 0.973 and wcxb-dev
# 0.939 / 0.940 / 0.940 / 0.940 / 0.940, readability running on 7 / 8 / 11 / 20 / 26% of zyte
# pages (5 / 6 / 7 / 11 / 15% of wcxb-dev): 0.4 is the knee. Asking readability on every page
# gives the same F1 at 1.6x (zyte) and 1.7x (wcxb-dev) the time.
UNSURE_COVERAGE = 0.4
# readability replaces trafilatura only when it has this many times the words ...
LONGER_BY = 1.5
# ... and holds this share of trafilatura's word trigrams. On both full sets F1 did not move
# over 1.3-1.5 and 0.5-0.7; 2.0 costs wcxb-dev 0.08 points.
CONTAINED = 0.6
# Ten times the largest page of the extraction sets (5,000 elements). Time grows with the
# element count: 300,000 tiny paragraphs took 10 s before this cap, under 2 s with it.
MAX_ELEMENTS = 50_000
_NOT_PAGE_TEXT = etree.XPath("//script|//style|//noscript|//template|//svg")
_WORDS = re.compile(r"\w+")


def extract_article(
    html: bytes | str, url: str, *, boilerplate: frozenset[str] = frozenset()
) -> ExtractedArticle:
    """Extract the article of a page: metadata, plain text and sanitized HTML.

    ``boilerplate`` holds line fingerprints learned for the page's source (see
    ``select_boilerplate``); those lines are removed from the body. Raises ``ExtractionError``
    when the page holds no article text or cannot be read at all.
    """
    try:
        return _extract(html, url, boilerplate)
    except ExtractionError:
        raise
    except Exception as error:  # third-party failures on hostile input are wrapped here
        raise ExtractionError(
            f"could not extract {url}: {type(error).__name__}: {error}"
        ) from error


def _extract(html: bytes | str, url: str, boilerplate: frozenset[str]) -> ExtractedArticle:
    tree = parse_page(html)
    meta = read_metadata(tree, url)
    publisher = read_publisher(tree, url, title=meta.title)
    chosen = choose_body(tree, url, meta.title)
    if chosen is None:
        raise ExtractionError(f"no article text found in {url}")
    body, text = chosen
    if remove_fingerprinted(body, boilerplate):
        text = render_text(body)
    if not text:
        raise ExtractionError(f"no article text left in {url}")
    return ExtractedArticle(
        url=url,
        canonical_url=meta.canonical_url,
        title=meta.title,
        byline=meta.byline,
        published=meta.published,
        text=text,
        html=sanitize_html(inner_html(body), url),
        image_url=meta.image_url,
        description=meta.description,
        site_name=meta.site_name,
        publisher=publisher.name,
        icons=publisher.icons,
    )


def parse_page(html: bytes | str) -> HtmlElement:
    """Decode, bound and parse a page; ``ExtractionError`` if it is empty or not HTML."""
    text = decode_html(html) if isinstance(html, bytes) else html[:MAX_INPUT_BYTES]
    text = bound_html(text)
    if not text.strip():
        raise ExtractionError("empty page")
    tree = load_page(text)
    if tree is None:
        raise ExtractionError("not an HTML page")
    truncate_tree(tree, MAX_ELEMENTS)
    return tree


def truncate_tree(tree: HtmlElement, limit: int) -> None:
    """Cut the document after its first ``limit`` elements (in document order)."""
    first_beyond = next(islice(tree.iter(), limit, None), None)
    if first_beyond is None:
        return
    node = first_beyond
    while (parent := node.getparent()) is not None:
        for later in list(node.itersiblings()):
            parent.remove(later)
        node = parent
    remove(first_beyond)


def choose_body(tree: HtmlElement, url: str, title: str) -> tuple[Element, str] | None:
    """trafilatura's cleaned body and its text, or readability's when clearly the better one."""
    first = _cleaned(trafilatura_body(tree, url), title)
    first_words = word_count(first[1]) if first else 0
    if first and _covers(first_words, tree):
        return first
    second = _cleaned(readability_body(tree), title)
    if second is None or not first:
        return second or first
    longer = word_count(second[1]) > LONGER_BY * first_words
    return second if longer and containment(first[1], second[1]) >= CONTAINED else first


def _cleaned(body: Element | None, title: str) -> tuple[Element, str] | None:
    """The body cleaned (unsafe elements, then the cleaning rules) with its text; None if empty."""
    if body is None:
        return None
    for unsafe in list(body.iter(*DROPPED_WITH_CONTENT)):
        remove(unsafe)
    make_paragraphs(body)
    clean_body(body, title)
    text = render_text(body)
    return (body, text) if text else None


def _covers(words: int, tree: HtmlElement) -> bool:
    """Whether ``words`` are at least ``UNSURE_COVERAGE`` of ``page_words(tree)``.

    The hidden text (scripts, styles) only lowers the page's count, so it is counted only when
    the words fall short of the share of the count with it: half the pages are decided without
    walking their scripts, with the same answer (decision 91).
    """
    shown = _shown_words(tree)
    if words >= UNSURE_COVERAGE * shown:
        return True
    return words >= UNSURE_COVERAGE * max(shown - _hidden_words(tree), 0)


def page_words(tree: HtmlElement) -> int:
    """Words of visible text on the whole page (scripts, styles and templates excluded)."""
    return max(_shown_words(tree) - _hidden_words(tree), 0)


def _shown_words(tree: HtmlElement) -> int:
    body = tree.find("body")
    root = body if body is not None else tree
    return word_count(root.text_content())


def _hidden_words(tree: HtmlElement) -> int:
    return sum(word_count("".join(e.itertext())) for e in _NOT_PAGE_TEXT(tree))


def containment(part: str, whole: str) -> float:
    """Share of the word trigrams of ``part`` that also occur in ``whole``."""
    inner = _trigrams(part)
    return len(inner & _trigrams(whole)) / len(inner) if inner else 1.0


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = _WORDS.findall(text.casefold())
    return set(zip(words, words[1:], words[2:], strict=False))


def article_from_fragment(
    html: str,
    url: str,
    *,
    title: str = "",
    byline: str = "",
    published: datetime | None = None,
) -> ExtractedArticle:
    """An article from a feed item's HTML, for when the page itself cannot be had.

    The fragment is cleaned like an extracted body (a repeated headline, "The post ... appeared
    first on ..." lines and other promotions are dropped) and sanitized. Never raises: feed
    content that defeats the cleaning is kept sanitized, as plain paragraphs.
    """
    article = ExtractedArticle(
        url=url,
        title=" ".join(title.split()),
        byline=" ".join(byline.split()),
        published=_as_utc(published),
    )
    try:
        cleaned = _cleaned(_parse_fragment(html), title)
    except Exception:  # hostile feed markup: fall back to the sanitizer alone
        text = plain_text(html or "")
        return replace(article, text=text, html=sanitize_html(_paragraphs_html(text)))
    if cleaned is None:
        return article
    body, text = cleaned
    return replace(
        article,
        text=text,
        html=sanitize_html(inner_html(body), url),
        image_url=_first_image(body, url),
    )


def _parse_fragment(html: str) -> Element | None:
    source = bound_html(html or "")
    if not source.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(source, create_parent="div")
    except (etree.ParserError, ValueError):  # nothing parseable (only a comment, say)
        return None


def _paragraphs_html(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p)


def _first_image(root: Element, url: str) -> str:
    for image in root.iter("img"):
        found = absolute_http_url(image.get("src", ""), url)
        if found:
            return found
    return ""


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
