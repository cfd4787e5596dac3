"""Lead images on the pages: the site's own copies, at the sizes each layout shows, or the
placeholder.

``{% card_media article %}`` is a card's picture block: the image (``srcset`` of our WebP files,
``sizes`` for the card's layout, ``width``/``height`` so nothing moves when it arrives) over a
placeholder made of the source's initial on a pattern in the site's colours. An article whose
image is not kept (none, not fetched yet, or failed) gets the placeholder alone; should a kept
file ever fail to load, the stylesheet paints the same placeholder in the image's place (a
broken image renders its ``::after``, a loaded one never does), with no icon and no alt text.
The page knows which from the database (``desk.media.shown_image``): the Content-Security-Policy
allows no ``onerror`` handler, and none is needed.

``{% lead_image article as lead %}`` gives the article page its image (or None), and
``{% absolute_url lead.share_path %}`` the full address link previews need (og:image).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newsdesk.articles.models import Article
from newsdesk.desk.media import ShownImage, article_image

register = template.Library()

# What the stylesheet gives each layout (site.css): cards are one column on phones (the page
# minus its 1 rem margins), two from 720 px, three of at most 363 px from 1100 px (the 72 rem
# page); compact cards have a 7 rem square; the article's lead image spans its 44 rem column.
SIZES = {
    "card": "(min-width: 1100px) 363px, (min-width: 720px) calc(50vw - 24px), calc(100vw - 32px)",
    "compact": "112px",
    "lead": "(min-width: 736px) 704px, calc(100vw - 32px)",
}


@register.filter
def initial(name: str) -> str:
    """The first letter or digit of a source's name, for its placeholder ("" when none)."""
    return next((ch.upper() for ch in name if ch.isalnum()), "")


@register.simple_tag
def card_media(article: Article, layout: str = "card", first: bool = False) -> SafeString:
    """A card's picture: our image over the placeholder, or the placeholder alone. The page's
    first card (``first``) is in sight when the page opens, and often its largest picture: its
    image is fetched at once and ahead of the others, which wait until they are near the
    window."""
    shown = article_image(article)
    letter = initial(article.source.name) if article.source_id else ""
    if shown is None:
        return format_html(
            '<div class="card-media is-placeholder" aria-hidden="true">'
            '<span class="card-initial">{}</span></div>',
            letter,
        )
    return format_html(
        '<div class="card-media" aria-hidden="true"><span class="card-initial">{}</span>'
        '<img class="card-image" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="" '
        'data-initial="{}" {} decoding="async"></div>',
        letter,
        shown.src,
        shown.srcset,
        SIZES.get(layout, SIZES["card"]),
        shown.width,
        shown.height,
        letter,
        mark_safe('fetchpriority="high"' if first else 'loading="lazy"'),  # noqa: S308
    )


@register.filter
def has_image(article: Article) -> bool:
    """Whether the article's image is kept and shown (its card lays out around it)."""
    return article_image(article) is not None


@register.simple_tag
def lead_image(article: Article) -> ShownImage | None:
    return article_image(article)


@register.simple_tag
def image_sizes(layout: str) -> str:
    return SIZES[layout]


@register.simple_tag(takes_context=True)
def absolute_url(context: dict[str, Any], path: str) -> str:
    """``path`` as a full address on this site (the request's scheme and host)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
