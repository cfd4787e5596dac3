"""API routes under /api/v1/me for the reader's newsletters (decision 67): their address, the
newsletters that arrived at it (private sources) with the latest issues, one issue with its
body, and rotating the address. Everything here is the caller's alone: another reader's issue
is a 404 (as an article that is not there), and no answer is ever cached.

Status codes beside each route's success: 401 without a valid token or session; 403 when a
session cookie comes without its CSRF token on a write; 404 for an issue that is not the
caller's; 429 when the caller is over the rate limit.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ArticleCard, ErrorBody, article_card
from newsdesk.desk import newsletters, reading

router = Router(auth=reader_auth)

LATEST = 50
FAILURES: dict[int, type[ErrorBody]] = {401: ErrorBody, 429: ErrorBody}


class NewsletterSourceOut(Schema):
    slug: str
    name: str
    domain: str = Field(description="The publisher's domain, from its web version or sender")


class NewslettersOut(Schema):
    address: str = Field(description="Subscribe to newsletters with this e-mail address")
    received: int = Field(description="Messages received at the address")
    last_received_at: datetime | None
    sources: list[NewsletterSourceOut]
    latest: list[ArticleCard] = Field(description=f"The newest {LATEST} issues")


class NewsletterIssueOut(Schema):
    id: int
    title: str
    source: NewsletterSourceOut
    published_at: datetime | None
    language: str
    html: str = Field(description="The sanitized body, tracking pixels removed")
    url: str = Field(description='The web version of the issue, or "" without one')
    web_url: str = Field(description="The issue's page on this site (only its reader opens it)")


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise ApiError(401, "Sign in or send a valid token")
    return user


def _overview(request: HttpRequest) -> NewslettersOut:
    user = _user(request)
    address = newsletters.reader_address(user)
    return NewslettersOut(
        address=newsletters.full_address(address),
        received=address.received,
        last_received_at=address.last_received_at,
        sources=[
            NewsletterSourceOut(slug=s.slug, name=s.name, domain=s.domain)
            for s in newsletters.newsletter_sources(user)
        ],
        latest=[article_card(request, a) for a in newsletters.newsletter_articles(user)[:LATEST]],
    )


@router.get(
    "/newsletters",
    response={200: NewslettersOut, **FAILURES},
    summary="Your newsletter address and newsletters",
)
@private
def get_newsletters(request: HttpRequest) -> NewslettersOut:
    """Your address (made on first use), what arrived at it, and the newest issues."""
    return _overview(request)


@router.post(
    "/newsletters/rotate",
    response={200: NewslettersOut, 403: ErrorBody, **FAILURES},
    summary="Make a new newsletter address",
)
@private
def rotate_address(request: HttpRequest) -> NewslettersOut:
    """A new address; mail to the old one is refused from now on. Your newsletters stay."""
    newsletters.rotate(newsletters.reader_address(_user(request)), timezone.now())
    return _overview(request)


@router.get(
    "/newsletters/{article_id}",
    response={200: NewsletterIssueOut, 404: ErrorBody, **FAILURES},
    summary="One newsletter issue",
)
@private
def get_issue(request: HttpRequest, article_id: int = ROW_ID) -> NewsletterIssueOut:
    issue = newsletters.own_article(_user(request), article_id)
    if issue is None:
        raise ApiError(404, "No such newsletter issue")
    body = reading.readable_body(issue, request.build_absolute_uri)
    card = article_card(request, issue)
    return NewsletterIssueOut(
        id=issue.pk,
        title=issue.title,
        source=NewsletterSourceOut(
            slug=issue.source.slug, name=issue.source.name, domain=issue.source.domain
        ),
        published_at=issue.published_at,
        language=issue.language,
        html=body.html,
        url=card.url,
        web_url=card.web_url,
    )
