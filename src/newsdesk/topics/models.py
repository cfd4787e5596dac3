"""ArticleTopic: a topic an article is about, by the topic's slug, with its score and rank.

Topics themselves are not rows: the list is fixed in code (``newsdesk.pipeline.topics.TOPICS``),
so a row only names a topic's slug. Rows live beside the article table (which stays as it is) and
are replaced whole when an article is tagged again. The (slug, article) index serves the topic
pages: "the articles of topic X" is one indexed lookup.
"""

from __future__ import annotations

from django.db import models

from newsdesk.articles.models import Article


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topics")
    slug = models.CharField(max_length=60)
    score = models.FloatField()
    # 0 for the article's best topic, then 1, 2 ... in the classifier's order.
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "slug"], name="article_topic_once")
        ]
        indexes = [models.Index(fields=["slug", "article"], name="topic_articles")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.slug} ({self.score:.2f})"
