"""What the AI engines read: an article, or a story's articles, as numbered sentences.

Sentence ids are ``"<article id>:<n>"``, so a citation names the article and the sentence, and
the page can link each footnote to the sentence it cites. ``version`` digests the text read, so
stored output is reused until the text (or the story's set of articles) changes.
"""

from __future__ import annotations

import hashlib

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.pipeline.summarize import Document, make_document
from newsdesk.stories.models import Placement, Story

#: Articles of a story a brief reads at most: the originals with the longest text, newest first.
BRIEF_ARTICLES = 20


def article_document(article: Article) -> Document:
    """The article's title and body as numbered sentences (the description if it has no body)."""
    return make_document(
        article.pk,
        article.title,
        article.text or article.description,
        source=article.source.name,
        published_at=article.published_at,
        language=article.language,
    )


def article_version(article: Article) -> str:
    return _digest(article.title, article.text or article.description)


def story_articles(story: Story) -> list[Article]:
    """The story's ready originals (copies left out) whose sources allow AI, fullest first."""
    placements = Placement.objects.filter(
        story=story,
        duplicate_of__isnull=True,
        article__status=ArticleStatus.READY,
        article__source__ai_allowed=True,
    ).select_related("article__source")
    articles = [placement.article for placement in placements]
    articles.sort(key=lambda a: (len(a.text or a.description), a.published_at or a.created_at))
    return sorted(articles[-BRIEF_ARTICLES:], key=lambda a: a.published_at or a.created_at)


def story_version(articles: list[Article]) -> str:
    return _digest(*(f"{a.pk}:{article_version(a)}" for a in articles))


def _digest(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "replace"))
        digest.update(b"\x00")
    return digest.hexdigest()
