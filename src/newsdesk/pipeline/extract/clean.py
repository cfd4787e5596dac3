"""Cleaning an extracted body: what extractors keep but a reader should not see.

Three rules. The figures are F1 on the full zyte and wcxb-dev sets with the whole extractor,
all rules on against the one rule off (all on: zyte 0.973, wcxb-dev 0.940; all off: 0.964, 0.939):

- *Leading headings*: headings before the first paragraph are the headline, the standfirst or a
  section kicker, which newsdesk shows apart from the body (zyte +0.5 points, wcxb-dev +0.05).
  A first paragraph that repeats the headline goes too, and a headline glued to the first
  paragraph's text is cut off.
- *Edges*: before the first and after the last *content unit* (a paragraph, list item or table
  of at least ``CONTENT_MIN_WORDS`` words, mostly not links), widgets cluster: related-story
  lists, share bars, newsletter boxes. There, units that are mostly links or are promotions are
  dropped (zyte +0.2, wcxb-dev +0.03).
- *Promotions*: short units anywhere that match ``PROMOTION`` ("Advertisement", "Read more: ...",
  "Sign up for our newsletter", "Download the app"...) are dropped (zyte +0.13, wcxb-dev +0.02).

Dropping every link-dense unit anywhere in the body was tried and rejected: it helped zyte
(+0.3) but hurt wcxb-dev, whose how-to and product pages have linked headings and tables of
contents inside the text.
"""

from __future__ import annotations

import re

from newsdesk.pipeline.extract.blocks import (
    HEADINGS,
    Element,
    Unit,
    remove,
    tag_of,
    text_of,
    units,
    word_count,
)

# A unit with this many words, and less than LINKED_SHARE of its text in links, is article text.
# Swept 8/12/20 on both full sets: F1 within 0.05 points on both (20: zyte +0.04).
CONTENT_MIN_WORDS = 12
# Link share from which an edge unit is navigation. Swept 0.3/0.5/0.8 on both full sets:
# 0.3 costs zyte 0.16 points, 0.8 costs it 0.01; wcxb-dev flat within 0.02.
LINKED_SHARE = 0.5
# Promotions are short; a longer paragraph that happens to start with "Subscribe" is prose.
# Swept 10/14/25 on both full sets: within 0.05 points.
PROMOTION_MAX_WORDS = 14
_PROMOTION_MAX_CHARS = 300  # fourteen long words; also keeps the pattern's scans short

PROMOTION = re.compile(
    r"""^(?:
      advertisement|advertising|sponsored(?:\s+content)?|ad|
      (?:story\s+)?continues\s+below(?:\s+advertisement)?|
      (?:read|see|watch|view)\s+(?:more|also|next|the\s+full\s+(?:story|article))\b.*|
      related(?:\s+(?:articles?|stories|posts|content|reading|coverage|news|links|videos))?(?:\s*:.*)?|
      you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)\b.*|
      more\s+(?:from|on|stories|news|articles|videos)\b.*|
      recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?|
      most\s+(?:popular|read|viewed|shared|commented)\b.*|trending(?:\s+(?:now|stories))?|
      don'?t\s+miss\b.*|also\s+on\s+\S+\b.*|
      (?:share|tweet|email|print|save)(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page))?|
      share\s+(?:this|on|via)\b.*|follow\s+us\b.*|like\s+this\s+(?:story|article)\b.*|
      sign\s+up\b.*|subscribe\b.*|(?:join|get)\s+our\s+(?:\w+\s+)?newsletter\b.*|
      .*\bnewsletter\b.*\b(?:sign\s+up|subscribe|inbox)\b.*|.*\bnewsletter|
      thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)\b.*|
      (?:click|tap)\s+here\b.*|.*\bby\s+clicking\s+here|
      .*\b(?:download|get|install|try)\s+(?:the|our)\s+(?:\w+\s+){0,2}app\b.*|
      try\s+our\s+ai\b.*|
      all\s+rights\s+reserved\b.*|.*\ball\s+rights\s+reserved|copyright\b.*|©.*|
      (?:tags?|topics?|categories|filed\s+under)\s*:.*|
      order\s+reprints|print\s+article|reprints?\s+(?:&|and)\s+permissions|
      write\s+to\s+.*@.*|
      .*\bcookies?\b.*\b(?:accept|consent|agree|settings)\b.*|
      comments?|leave\s+a\s+(?:comment|reply)\b.*|no\s+comments\s+yet\b.*|
      the\s+post\s+.*\bappeared\s+first\s+on\b.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_EDGE_PUNCTUATION = " \t-\u2013\u2014\u2022|:>\u00bb\u00ab*[]()\u2026."
_WORDS = re.compile(r"\w+")
_KEPT_EMPTY = frozenset({"br", "img", "hr", "td", "th"})  # empty by nature


def clean_body(root: Element, title: str) -> None:
    """Apply the three rules of the module docstring to ``root``, in place."""
    remaining = drop_leading_headings(units(root), title)
    remaining = trim_edges(remaining)
    drop_promotions(remaining)
    drop_empty_containers(root)


def is_promotion(text: str) -> bool:
    """Whether a short unit's text is a promotion, a share bar label or a legal line."""
    if len(text) > _PROMOTION_MAX_CHARS or not 0 < word_count(text) <= PROMOTION_MAX_WORDS:
        return False
    return PROMOTION.match(text.strip(_EDGE_PUNCTUATION)) is not None


def drop_leading_headings(found: list[Unit], title: str) -> list[Unit]:
    """Drop the headings (and headline repeats) that come before the first paragraph."""
    headline = _normalized(title)
    for index, unit in enumerate(found):
        text = _normalized(unit.text)
        if unit.tag in HEADINGS or _repeats_headline(text, headline):
            remove(unit.element)
            continue
        if headline and text.startswith(headline + " "):
            _cut_leading_headline(unit, headline)
        return found[index:]
    return []


def _repeats_headline(text: str, headline: str) -> bool:
    if not headline:
        return False
    return text == headline or (len(text) > 20 and text in headline)


def _cut_leading_headline(unit: Unit, headline: str) -> None:
    lead = unit.element.text or ""
    if not _normalized(lead).startswith(headline):
        return
    words = list(_WORDS.finditer(lead.casefold()))
    cut = words[len(headline.split()) - 1].end()
    unit.element.text = lead[cut:].lstrip(_EDGE_PUNCTUATION)
    unit.text = text_of(unit.element)


def trim_edges(found: list[Unit]) -> list[Unit]:
    """Drop link lists and promotions before the first and after the last content unit."""
    content = [i for i, unit in enumerate(found) if is_content(unit)]
    if not content:
        return found
    first, last = content[0], content[-1]
    kept = []
    for index, unit in enumerate(found):
        inside = first <= index <= last
        if inside or (unit.link_share < LINKED_SHARE and not is_promotion(unit.text)):
            kept.append(unit)
        else:
            remove(unit.element)
    return kept


def is_content(unit: Unit) -> bool:
    """A paragraph, list item, quote or table of real text (not a heading, not a link list)."""
    if unit.tag in HEADINGS:
        return False
    return unit.words >= CONTENT_MIN_WORDS and unit.link_share < LINKED_SHARE


def drop_promotions(found: list[Unit]) -> None:
    for unit in found:
        if is_promotion(unit.text):
            remove(unit.element)


def drop_empty_containers(root: Element) -> None:
    """Remove elements left without text (an emptied list, a div of removed paragraphs)."""
    keep: set[Element] = set()
    for element in reversed(list(root.iterdescendants())):  # children before their parents
        if (
            tag_of(element) in _KEPT_EMPTY
            or (element.text or "").strip()
            or any(child in keep or (child.tail or "").strip() for child in element)
        ):
            keep.add(element)
    for element in list(root.iterdescendants()):
        if element not in keep and element.getparent() is not None:
            remove(element)


def _normalized(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
