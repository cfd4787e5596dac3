"""Making and checking rules: save, delete, preview, what a rule caught, rules that ask for a
notification, and rules stated in plain words (decision 57).

- ``save_rule`` checks a rule as the matcher will run it (``RuleSpec.check``) and refuses one
  that cannot work with ``RuleError``; only operators (staff) make site-wide rules.
- ``preview`` runs an unsaved rule over the recent articles (``RECENT``, at most ``SCANNED``,
  newest first) and gives what it would catch, so a wrong rule is seen before it eats news;
  ``caught`` does the same for a saved rule, with what it recorded (stories muted, notices).
- ``rules_matching(article)``: the enabled rules whose action is ``notify`` that catch the
  article, with their readers; each catch is recorded once (``RuleCatch``), so a notifier asks
  again without notifying twice.
- ``caught_counts``: per rule, how many recent articles it catches (the rules page's list).
- ``rule_from_words``: with a language model configured, the rule a reader's plain words state,
  unsaved, for the reader to check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.readers.rules import Screen, forget_screen, matcher_of, spec_of
from newsdesk.desk.runtime import get_ai_engine
from newsdesk.pipeline.rules import RuleError, Verdict, compile_rules
from newsdesk.pipeline.rules.plain import parse_plain, plain_prompt
from newsdesk.pipeline.summarize.base import EngineUnavailable, SummarizeError
from newsdesk.pipeline.summarize.llm import LlmEngine
from newsdesk.readers.rules import Rule, RuleAction, RuleCatch
from newsdesk.stories.models import Placement

RECENT = timedelta(days=7)
SCANNED = 2000
SHOWN = 20
LISTS = ("terms", "unless", "sources", "folders", "topics", "places", "languages", "authors")
MAX_RULES = 200


@dataclass(frozen=True)
class Catch:
    article: Article
    verdict: Verdict


@dataclass(frozen=True)
class Preview:
    """What a rule catches among the recent articles."""

    catches: list[Catch]
    count: int  # caught among ``scanned``
    scanned: int
    timed_out: bool  # a regular expression ran out of time on some article


def values_of(value: Any) -> list[str]:
    """A list of terms from a list or from text (one per line, or separated by commas)."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace("\n", ",").split(",")
    cleaned = (" ".join(str(item).split()) for item in items)
    return list(dict.fromkeys(item for item in cleaned if item))


def rules_of(user: User) -> list[Rule]:
    """The reader's rules, and for an operator the site-wide ones too."""
    rules = Rule.objects.filter(user=user)
    if user.is_staff:
        rules = Rule.objects.filter(user=user) | Rule.objects.filter(user__isnull=True)
    return list(rules.order_by("user_id", "id"))


def rule_of(user: User, rule_id: int) -> Rule | None:
    """One rule ``user`` may change: their own, or a site-wide one for an operator."""
    if not 0 < rule_id < 2**63:
        return None
    rule = Rule.objects.filter(pk=rule_id).first()
    if rule is None or (rule.user_id != user.pk and not (rule.user_id is None and user.is_staff)):
        return None
    return rule


def fill(rule: Rule, data: Mapping[str, Any]) -> Rule:
    """``rule`` with the values of ``data`` (a form's or the API's), checked; unsaved."""
    patterns = bool(data.get("regex", rule.regex))
    for name in LISTS:
        if name in data:
            value = data[name]
            if patterns and name in ("terms", "unless") and isinstance(value, str):
                value = value.splitlines()  # a pattern's commas are its own: "\d{1,3}"
            setattr(rule, name, values_of(value))
    for name in ("name", "folder"):
        if name in data:
            setattr(rule, name, " ".join(str(data[name] or "").split())[:200])
    for name in ("action", "field"):
        if data.get(name):
            setattr(rule, name, str(data[name]))
    for name in ("regex", "enabled"):
        if name in data:
            setattr(rule, name, bool(data[name]))
    if rule.action != RuleAction.FOLDER:
        rule.folder = ""
    spec_of(rule).check()
    return rule


def save_rule(
    user: User, data: Mapping[str, Any], rule: Rule | None = None, *, site_wide: bool = False
) -> Rule:
    """A new rule of ``user`` (or site-wide, for operators), or ``rule`` changed; checked."""
    if rule is None:
        if site_wide and not user.is_staff:
            raise RuleError("only operators make site-wide rules")
        if Rule.objects.filter(user=user).count() >= MAX_RULES:
            raise RuleError(f"a reader has at most {MAX_RULES} rules")
        rule = Rule(user=None if site_wide else user)
    fill(rule, data)
    with transaction.atomic():
        rule.save()
        if rule.action != RuleAction.MUTE_STORY:  # no longer mutes: its stories come back
            RuleCatch.objects.filter(rule=rule, story_id__isnull=False).delete()
    forget_screen(user)
    return rule


def delete_rule(user: User, rule: Rule) -> None:
    rule.delete()
    forget_screen(user)


def _recent(now: datetime) -> list[int]:
    rows = Article.objects.filter(
        status=ArticleStatus.READY, published_at__gte=now - RECENT, published_at__lte=now
    ).order_by("-published_at", "-id")
    return list(rows.values_list("id", flat=True)[:SCANNED])


def preview(user: User, rule: Rule, now: datetime) -> Preview:
    """What ``rule`` (saved or not) catches among the recent articles, newest first."""
    spec = spec_of(rule)
    # Compiled afresh (not the shared matcher): its count of time-outs is this preview's.
    matcher = compile_rules([replace(spec, id=spec.id or -1)])  # an unsaved rule has no id
    screen = Screen(user.pk, matcher)
    ids = _recent(now)
    facts = screen.facts(ids)
    verdicts = {pk: matcher.verdict(facts[pk]) for pk in ids if pk in facts}
    caught = [pk for pk in ids if pk in verdicts and verdicts[pk].caught]
    shown = Article.objects.filter(pk__in=caught[:SHOWN]).select_related("source")
    by_id = {article.pk: article for article in shown}
    return Preview(
        catches=[Catch(by_id[pk], verdicts[pk]) for pk in caught[:SHOWN] if pk in by_id],
        count=len(caught),
        scanned=len(ids),
        timed_out=bool(matcher.timeouts),
    )


def caught_counts(user: User, rules: list[Rule], now: datetime) -> dict[int, int]:
    """Per rule, how many of the recent articles it catches (the facts are read once)."""
    if not rules:
        return {}
    ids = _recent(now)
    facts = Screen(user.pk, matcher_of(spec_of(rule) for rule in rules)).facts(ids)
    counts = {}
    for rule in rules:
        matcher = matcher_of([spec_of(rule)])
        counts[rule.pk] = sum(1 for fact in facts.values() if matcher.verdict(fact).caught)
    return counts


def recorded(rule: Rule, limit: int = SHOWN) -> list[RuleCatch]:
    """What the rule recorded: stories it muted, articles it asked a notice for."""
    return list(rule.catches.select_related("article", "article__source")[:limit])


def rules_matching(article: Article, now: datetime | None = None) -> list[tuple[int | None, Rule]]:
    """The enabled ``notify`` rules that catch ``article``, each with its reader's id (None for
    a site-wide rule); each catch is recorded once, and a rule that caught the article before
    is not named again."""
    rules = list(Rule.objects.filter(enabled=True, action=RuleAction.NOTIFY))
    if not rules:
        return []
    by_user: dict[int | None, list[Rule]] = {}
    for rule in rules:
        by_user.setdefault(rule.user_id, []).append(rule)
    story_id = Placement.objects.filter(article=article).values_list("story_id", flat=True).first()
    done = set(
        RuleCatch.objects.filter(article=article, rule__in=rules).values_list("rule_id", flat=True)
    )
    found: list[tuple[int | None, Rule]] = []
    for user_id, own in by_user.items():
        screen = Screen(user_id, matcher_of(spec_of(rule) for rule in own))
        verdict = screen.verdicts([article.pk]).get(article.pk, Verdict())
        found += [(user_id, r) for r in own if r.pk in verdict.rules and r.pk not in done]
    caught_at = now or timezone.now()
    RuleCatch.objects.bulk_create(
        [
            RuleCatch(rule=r, article=article, story_id=story_id, caught_at=caught_at)
            for _, r in found
        ],
        ignore_conflicts=True,
    )
    return found


def plain_words_available() -> bool:
    """True when a language model is configured to turn plain words into a rule."""
    return isinstance(get_ai_engine(), LlmEngine)


def rule_from_words(wish: str) -> Rule:
    """The unsaved rule the model makes of ``wish``; ``RuleError`` when it cannot."""
    engine = get_ai_engine()
    if not isinstance(engine, LlmEngine):
        raise RuleError("no language model is configured on this site")
    try:
        answer = "".join(engine.stream(plain_prompt(wish)))
    except (EngineUnavailable, SummarizeError) as e:
        raise RuleError(f"the language model could not answer: {e}") from e
    spec, name = parse_plain(answer)
    rule = Rule(name=name, action=spec.action, field=spec.field, folder=spec.folder)
    for kind in LISTS:
        setattr(rule, kind, list(getattr(spec, kind)))
    return rule
