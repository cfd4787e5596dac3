"""API routes under /api/v1/me for the reader's rules (filters and mutes, decision 57), and the
step every list of articles or stories takes through them.

A rule has conditions (``terms`` in the title, body or both, whole words or regular expressions;
``unless`` words that spare an article; ``sources``, ``folders``, ``topics``, ``places``,
``languages``, ``authors``) and an ``action``: ``hide``, ``mute_story``, ``highlight``,
``folder`` (with ``folder``, the folder's name) or ``notify``. ``preview`` shows what a rule
would catch among the recent articles before it is saved; ``caught`` what a saved rule catches
and what it recorded. Operators see and change the site-wide rules too (``site_wide``).

Status codes beside each route's success: 401 without a valid token or session; 403 when a
session cookie comes without its CSRF token on a write; 404 for a rule that is not there (another
reader's rule is not there); 422 for a rule that cannot work (no condition, a broken regular
expression; the error body says why); 429 when the caller is over the rate limit.

``screened_rows`` is what list routes call on a page of rows after it is read, cached answers
included: the caller's rules then drop or mark rows, and an answer shaped by a reader's own rules
is kept private to them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ArticleCard, ErrorBody, article_card
from newsdesk.desk.readers import rule_editing
from newsdesk.desk.readers.rules import screen_for
from newsdesk.pipeline.rules import ACTIONS, FIELDS, RuleError
from newsdesk.readers.rules import Rule

router = Router(auth=reader_auth)

FAILURES: dict[int, type[ErrorBody]] = {401: ErrorBody, 422: ErrorBody, 429: ErrorBody}
WRITE_FAILURES = {**FAILURES, 403: ErrorBody}
Term = Annotated[str, Field(max_length=200)]


class RuleIn(Schema):
    name: str = Field("", max_length=100)
    terms: list[Term] = Field(
        default_factory=list, max_length=50, description="words or phrases; any of them"
    )
    field: str = Field("both", description=f"where terms are looked for: {', '.join(FIELDS)}")
    regex: bool = Field(False, description="terms are regular expressions (time-limited)")
    unless: list[Term] = Field(
        default_factory=list, max_length=50, description="words that spare an article"
    )
    sources: list[Term] = Field(default_factory=list, max_length=50, description="source slugs")
    folders: list[Term] = Field(default_factory=list, max_length=50, description="your folders")
    topics: list[Term] = Field(default_factory=list, max_length=50, description="topic slugs")
    places: list[Term] = Field(default_factory=list, max_length=50, description="place names")
    languages: list[Term] = Field(default_factory=list, max_length=50, description="codes")
    authors: list[Term] = Field(default_factory=list, max_length=50, description="bylines")
    action: str = Field("hide", description=f"one of {', '.join(ACTIONS)}")
    folder: str = Field("", max_length=200, description='the folder, for action "folder"')
    enabled: bool = True
    site_wide: bool = Field(False, description="operators: a rule for every reader")


class RuleOut(Schema):
    id: int
    name: str
    terms: list[str]
    field: str
    regex: bool
    unless: list[str]
    sources: list[str]
    folders: list[str]
    topics: list[str]
    places: list[str]
    languages: list[str]
    authors: list[str]
    action: str
    folder: str
    enabled: bool
    site_wide: bool
    created_at: datetime
    updated_at: datetime


class CatchOut(Schema):
    article: ArticleCard
    rules: list[int] = Field(description="ids of the rules that caught it")


class PreviewOut(Schema):
    count: int = Field(description="recent articles the rule catches")
    scanned: int = Field(description="recent articles looked at")
    timed_out: bool = Field(description="a regular expression ran out of time on some article")
    articles: list[CatchOut] = Field(description="the newest of them")


class CaughtOut(PreviewOut):
    recorded: list[CatchOut] = Field(description="stories muted and notices asked, newest first")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _out(rule: Rule) -> RuleOut:
    return RuleOut(
        id=rule.pk,
        site_wide=rule.user_id is None,
        **{
            name: getattr(rule, name)
            for name in RuleOut.model_fields
            if name not in {"id", "site_wide"}
        },
    )


def _found(user: User, rule_id: int) -> Rule:
    rule = rule_editing.rule_of(user, rule_id)
    if rule is None:
        raise ApiError(404, "You have no such rule")
    return rule


def _preview(request: HttpRequest, rule: Rule) -> PreviewOut:
    found = rule_editing.preview(_user(request), rule, timezone.now())
    return PreviewOut(
        count=found.count,
        scanned=found.scanned,
        timed_out=found.timed_out,
        articles=[_catch(request, c.article, list(c.verdict.rules)) for c in found.catches],
    )


def _catch(request: HttpRequest, article: Any, rules: list[int]) -> CatchOut:
    return CatchOut(article=article_card(request, article), rules=rules)


@router.get("/rules", response={200: list[RuleOut], **FAILURES}, summary="Your rules")
@private
def list_rules(request: HttpRequest) -> Any:
    """Your rules, oldest first; for an operator the site-wide rules too."""
    return [_out(rule) for rule in rule_editing.rules_of(_user(request))]


@router.post("/rules", response={201: RuleOut, **WRITE_FAILURES}, summary="Make a rule")
def create_rule(request: HttpRequest, data: RuleIn) -> Any:
    """201 with the new rule; 422 when it cannot work."""
    try:
        rule = rule_editing.save_rule(_user(request), data.dict(), site_wide=data.site_wide)
    except RuleError as error:
        raise ApiError(422, str(error), code="invalid_rule") from error
    return 201, _out(rule)


@router.post("/rules/preview", response={200: PreviewOut, **WRITE_FAILURES}, summary="Try a rule")
@private
def preview_rule(request: HttpRequest, data: RuleIn) -> Any:
    """What the rule would catch among the recent articles; nothing is saved."""
    try:
        rule = rule_editing.fill(Rule(user=_user(request)), data.dict())
    except RuleError as error:
        raise ApiError(422, str(error), code="invalid_rule") from error
    return _preview(request, rule)


@router.get(
    "/rules/{rule_id}", response={200: RuleOut, 404: ErrorBody, **FAILURES}, summary="One rule"
)
@private
def get_rule(request: HttpRequest, rule_id: int = ROW_ID) -> Any:
    return _out(_found(_user(request), rule_id))


@router.put(
    "/rules/{rule_id}",
    response={200: RuleOut, 404: ErrorBody, **WRITE_FAILURES},
    summary="Change a rule",
)
def update_rule(request: HttpRequest, data: RuleIn, rule_id: int = ROW_ID) -> Any:
    """The rule as sent (every field; ``site_wide`` cannot change)."""
    user = _user(request)
    rule = _found(user, rule_id)
    try:
        rule_editing.save_rule(user, data.dict(), rule)
    except RuleError as error:
        raise ApiError(422, str(error), code="invalid_rule") from error
    return _out(rule)


@router.delete(
    "/rules/{rule_id}",
    response={204: None, 404: ErrorBody, **WRITE_FAILURES},
    summary="Delete a rule",
)
def delete_rule(request: HttpRequest, rule_id: int = ROW_ID) -> Any:
    """The rule goes; the stories it muted come back."""
    user = _user(request)
    rule_editing.delete_rule(user, _found(user, rule_id))
    return 204, None


@router.get(
    "/rules/{rule_id}/caught",
    response={200: CaughtOut, 404: ErrorBody, **FAILURES},
    summary="What a rule caught",
)
@private
def caught(request: HttpRequest, rule_id: int = ROW_ID) -> Any:
    """What the rule catches among the recent articles, and what it recorded."""
    rule = _found(_user(request), rule_id)
    shown = _preview(request, rule)
    recorded = [_catch(request, c.article, [rule.pk]) for c in rule_editing.recorded(rule)]
    return CaughtOut(**shown.dict(), recorded=recorded)


def screened_rows(
    request: HttpRequest, response: HttpResponse | None, rows: list[Any]
) -> list[Any]:
    """A page's rows (articles, or stories with a ``lead_article``) as the caller's rules let
    them through; an answer shaped by the caller's own rules is kept private."""
    screen = screen_for(request.user)
    if screen.idle or not rows:
        return rows
    if response is not None and screen.personal:
        vary_by_caller(request, response, personal=True)
    if hasattr(rows[0], "lead_article_id"):
        return screen.stories(rows, lambda story: story.lead_article_id)
    return screen.articles(rows)
