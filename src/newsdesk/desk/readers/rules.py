"""Applying rules on the read paths: a reader's rules and the site-wide ones, over a list of
articles, a list of stories or a query (decision 57).

``screen_for(user)`` loads and compiles the rules once per request (one query) and keeps the
screen on the user object, so every list of the same request reuses it. Anonymous visitors get
the site-wide rules only, which each process keeps between requests under their number
(``StoryListVersion.SITE_RULES``, read with the story list's in one statement, renewed in the
writer's transaction when a site-wide rule changes or mutes a story): an anonymous request reads
no rule unless they changed (decision 65). Only the rules are kept; each request compiles its own
matcher, so the time limits of regular expressions stay per request.

- ``Screen.articles(list)``: the articles the rules let through, in order; caught ones that stay
  carry ``rule_verdict`` (highlight, folders) for the cards and the APIs.
- ``Screen.stories(list, lead)``: stories whose lead article is let through and that no rule muted.
- ``Screen.query(queryset)``: the queryset without what the rules hide among its first ``SCAN``
  rows (for lists paged by the database: digests, webhooks, the feed-reader APIs, feeds).

An article caught by a ``mute_story`` rule mutes its story for good: the catch is recorded with
the story, and every article of that story stays hidden while the rule lives (disabling or
deleting the rule lets the story back). With no rules and no muted stories a screen does nothing
and costs no query beyond loading the rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.desk.readers.folders import folder_names_by_source
from newsdesk.desk.stories.list_version import forget_numbers, numbers
from newsdesk.pipeline.rules import ArticleFacts, Matcher, RuleSpec, Verdict, compile_rules
from newsdesk.places.models import ArticlePlace
from newsdesk.readers.rules import Rule, RuleAction, RuleCatch
from newsdesk.stories.models import Placement, StoryListVersion
from newsdesk.topics.models import ArticleTopic

#: Rows of a query a screen looks at (newest first, as the query orders them).
SCAN = 500
_CACHE = "_newsdesk_rule_screen"
#: Seconds a process keeps the site-wide rules at most, whatever their number says: a change
#: made outside the model (SQL, an article deleted with its catches) is seen within this.
SITE_RULES_SECONDS = 60.0
T = TypeVar("T")
AnyUser = User | AnonymousUser


def spec_of(rule: Rule) -> RuleSpec:
    """A stored rule as the matcher's plain data."""

    def values(name: str) -> tuple[str, ...]:
        stored = getattr(rule, name) or []
        return tuple(str(value) for value in stored if str(value).strip())

    return RuleSpec(
        id=rule.pk or 0,
        action=rule.action,
        terms=values("terms"),
        field=rule.field,
        regex=rule.regex,
        unless=values("unless"),
        sources=values("sources"),
        folders=values("folders"),
        topics=values("topics"),
        places=values("places"),
        languages=values("languages"),
        authors=values("authors"),
        folder=rule.folder,
    )


def matcher_of(specs: Iterable[RuleSpec]) -> Matcher:
    """The compiled matcher of ``specs``: one per request, so the time limits of its regular
    expressions are that request's (compiling is a fraction of a millisecond; the pattern
    engines keep their own caches)."""
    return compile_rules(specs)


def active_rules(user: AnyUser) -> list[Rule]:
    """The enabled rules that apply to ``user``: their own and the site-wide ones."""
    scope = Q(user__isnull=True)
    if user.is_authenticated:
        scope |= Q(user_id=user.pk)
    return list(Rule.objects.filter(scope, enabled=True).order_by("id"))


@dataclass
class Screen:
    """A reader's compiled rules, the stories they muted, and the facts loader."""

    user_id: int | None
    matcher: Matcher
    muted_stories: set[int] = field(default_factory=set)
    personal: bool = False  # the reader has rules of their own (answers are theirs alone)
    site_rules: frozenset[int] = frozenset()  # ids of the site-wide rules among them
    _folders: dict[int, frozenset[str]] | None = None
    _known: dict[int, Verdict] = field(default_factory=dict)  # verdicts of this request

    @property
    def idle(self) -> bool:
        return self.matcher.empty and not self.muted_stories

    def verdicts(self, article_ids: Sequence[int]) -> dict[int, Verdict]:
        """What the rules do to each of the articles (those with a story muted are hidden);
        each article is judged once a request, so a page may ask for all its lists at once."""
        if self.idle or not article_ids:
            return {}
        new = [pk for pk in dict.fromkeys(article_ids) if pk not in self._known]
        if new:
            self._known.update(self._judge(new))
        return {pk: self._known[pk] for pk in article_ids if pk in self._known}

    def _judge(self, article_ids: Sequence[int]) -> dict[int, Verdict]:
        facts = self.facts(article_ids)
        result = {pk: self.matcher.verdict(fact) for pk, fact in facts.items()}
        if self.muted_stories or any(v.mute_story for v in result.values()):
            stories = dict(
                Placement.objects.filter(article_id__in=list(facts)).values_list(
                    "article_id", "story_id"
                )
            )
            self._mute(result, stories)
            for pk, story_id in stories.items():
                if story_id in self.muted_stories:
                    result[pk] = Verdict(rules=result[pk].rules, hidden=True)
        return result

    def articles(self, articles: Sequence[Article]) -> list[Article]:
        """``articles`` without the hidden ones; caught ones carry ``rule_verdict``."""
        verdicts = self.verdicts([article.pk for article in articles])
        kept = []
        for article in articles:
            verdict = verdicts.get(article.pk)
            if verdict is not None and verdict.hidden:
                continue
            if verdict is not None and verdict.caught:
                article.rule_verdict = verdict  # type: ignore[attr-defined]
            kept.append(article)
        return kept

    def stories(self, stories: Sequence[T], lead: Callable[[T], Any]) -> list[T]:
        """Stories whose lead article (``lead(story)``, an article or its id) is let through."""
        if self.idle:
            return list(stories)
        ids = [_pk(lead(story)) for story in stories]
        verdicts = self.verdicts([pk for pk in ids if pk is not None])
        return [
            story
            for story, pk in zip(stories, ids, strict=True)
            if pk is None or not verdicts.get(pk, Verdict()).hidden
        ]

    def query(self, articles: QuerySet[Article], scan: int = SCAN) -> QuerySet[Article]:
        """``articles`` without those the rules hide among its first ``scan`` rows."""
        if self.idle:
            return articles
        ids = list(articles.values_list("id", flat=True)[:scan])
        verdicts = self.verdicts(ids)
        hidden = [pk for pk, verdict in verdicts.items() if verdict.hidden]
        chosen = articles.exclude(pk__in=hidden) if hidden else articles
        if self.muted_stories:
            chosen = chosen.exclude(placement__story_id__in=self.muted_stories)
        return chosen

    def facts(self, article_ids: Sequence[int]) -> dict[int, ArticleFacts]:
        """What the rules look at in each article, in as few queries as they need."""
        needs = self.matcher.needs
        columns = ["id", "title", "language", "byline", "source_id", "source__slug"]
        if "body" in needs:
            columns += ["description", "text"]
        facts: dict[int, ArticleFacts] = {}
        # Every article asked about, a reader's own newsletter issues too (they are read too).
        for row in Article.everything.filter(pk__in=list(article_ids)).values(*columns):
            facts[row["id"]] = ArticleFacts(
                id=row["id"],
                title=row["title"],
                body=f"{row.get('description', '')}\n{row.get('text', '')}",
                source=row["source__slug"],
                folders=self._source_folders().get(row["source_id"], frozenset())
                if "folders" in needs
                else frozenset(),
                language=row["language"],
                author=row["byline"],
            )
        if "topics" in needs:
            for pk, slug in ArticleTopic.objects.filter(article_id__in=list(facts)).values_list(
                "article_id", "slug"
            ):
                facts[pk].topics |= {slug.casefold()}
        if "places" in needs:
            rows = ArticlePlace.objects.filter(article_id__in=list(facts)).values_list(
                "article_id", "place__name"
            )
            for pk, name in rows:
                facts[pk].places |= {name.casefold()}
        return facts

    def _source_folders(self) -> dict[int, frozenset[str]]:
        if self._folders is None:
            self._folders = {}
            if self.user_id is not None:
                user = User(pk=self.user_id)
                for source_id, names in folder_names_by_source(user).items():
                    self._folders[source_id] = frozenset(n.casefold() for n in names)
        return self._folders

    def _mute(self, verdicts: dict[int, Verdict], stories: dict[int, int]) -> None:
        """Record the stories that ``mute_story`` rules caught now, for good."""
        now = timezone.now()
        muting = {spec.spec.id for spec in self.matcher.rules if spec.spec.action == "mute_story"}
        catches = [
            RuleCatch(rule_id=rule_id, article_id=pk, story_id=stories[pk], caught_at=now)
            for pk, verdict in verdicts.items()
            if verdict.mute_story and pk in stories
            for rule_id in verdict.rules
            if rule_id in muting
        ]
        if catches:
            RuleCatch.objects.bulk_create(catches, ignore_conflicts=True)
            new = {catch.story_id for catch in catches if catch.story_id} - self.muted_stories
            if any(c.rule_id in self.site_rules and c.story_id in new for c in catches):
                StoryListVersion.renew(StoryListVersion.SITE_RULES)  # every process sees it
            self.muted_stories |= new


def _pk(value: Any) -> int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else getattr(value, "pk", None)


def screen_for(user: AnyUser | None) -> Screen:
    """The screen of ``user``'s rules (anonymous: the site-wide ones), once per user object."""
    user = user if user is not None else AnonymousUser()
    cached = getattr(user, _CACHE, None)
    if isinstance(cached, Screen):
        return cached
    if user.is_authenticated:
        rules = active_rules(user)
        screen = Screen(
            user.pk,
            matcher_of(map(spec_of, rules)),
            muted_stories=_muted_by(rules),
            personal=any(rule.user_id is not None for rule in rules),
            site_rules=frozenset(rule.pk for rule in rules if rule.user_id is None),
        )
    else:
        site = site_rules(numbers(user).site_rules)
        screen = Screen(
            None, matcher_of(site.specs), muted_stories=set(site.muted), site_rules=site.ids
        )
    setattr(user, _CACHE, screen)
    return screen


@dataclass(frozen=True)
class SiteRules:
    """The enabled site-wide rules as read under ``number``, and the stories they muted."""

    number: int
    read_at: float
    specs: tuple[RuleSpec, ...]
    muted: frozenset[int]

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(spec.id for spec in self.specs)


_site: SiteRules | None = None


def site_rules(number: int) -> SiteRules:
    """The site-wide rules under ``number`` (read beforehand): kept by this process until the
    number changes or ``SITE_RULES_SECONDS`` pass. Data read after the number is at least as
    new as it, so what is kept under a number is never older than that number says."""
    global _site
    kept, now = _site, time.monotonic()
    if kept is not None and kept.number == number and 0 <= now - kept.read_at < SITE_RULES_SECONDS:
        return kept
    rules = list(Rule.objects.filter(user__isnull=True, enabled=True).order_by("id"))
    read = SiteRules(number, now, tuple(map(spec_of, rules)), frozenset(_muted_by(rules)))
    _site = read  # one reference replaced whole: threads see the old or the new, both right
    return read


def forget_site_rules() -> None:
    """Drop this process's site-wide rules (the next anonymous screen reads them)."""
    global _site
    _site = None


def _muted_by(rules: Sequence[Rule]) -> set[int]:
    """The stories the ``mute_story`` rules among ``rules`` muted for good (no query without)."""
    muting = [rule for rule in rules if rule.action == RuleAction.MUTE_STORY]
    if not muting:
        return set()
    stories = RuleCatch.objects.filter(rule__in=muting, story_id__isnull=False)
    return {story for story in stories.values_list("story_id", flat=True) if story is not None}


def forget_screen(user: AnyUser) -> None:
    """Drop the screen kept on ``user`` (after their rules changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
    forget_numbers(user)


def screen_articles(user: AnyUser | None, articles: Sequence[Article]) -> list[Article]:
    """``articles`` as ``user``'s rules let them through (see ``Screen.articles``)."""
    return screen_for(user).articles(articles)


def screen_query(user: AnyUser | None, articles: QuerySet[Article]) -> QuerySet[Article]:
    """``articles`` without what ``user``'s rules hide (see ``Screen.query``)."""
    return screen_for(user).query(articles)
