"""API routes under /api/v1/me/playback: the reader's place in an article's audio or video.

The article page's player and apps keep the place here while playing (every 10 seconds and on
pause, say) and read it back when the episode is opened again, on any device (decision 68).
Per reader, so never cached.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ErrorBody
from newsdesk.desk.readers import playback

router = Router(auth=reader_auth)


class PlaybackOut(Schema):
    article_id: int
    position: float = Field(description="Seconds from the start; 0 when never played")
    updated_at: datetime | None = Field(description="When the place was last kept")


class PlaybackIn(Schema):
    position: float = Field(
        ge=0, le=playback.MAX_SECONDS, description="Seconds from the start (0: from the start)"
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise ApiError(401, "Sign in or send a valid token")
    return user


def playback_out(place: playback.Place) -> PlaybackOut:
    return PlaybackOut(
        article_id=place.article_id, position=place.seconds, updated_at=place.updated_at
    )


@router.get(
    "/playback/{article_id}",
    response={200: PlaybackOut, 404: ErrorBody},
    summary="Your place in an episode",
)
@private
def get_playback(request: HttpRequest, article_id: int = ROW_ID) -> Any:
    """Where you stopped in the article's audio or video."""
    try:
        return playback_out(playback.place_of(_user(request), article_id))
    except playback.PlaybackError as error:
        raise ApiError(404, str(error)) from error


@router.put(
    "/playback/{article_id}",
    response={200: PlaybackOut, 404: ErrorBody},
    summary="Keep your place in an episode",
)
def put_playback(request: HttpRequest, data: PlaybackIn, article_id: int = ROW_ID) -> Any:
    """Keep where you are in the article's audio or video (cut to its length when known)."""
    try:
        place = playback.keep_place(_user(request), article_id, data.position, timezone.now())
    except playback.PlaybackError as error:
        raise ApiError(404, str(error)) from error
    return playback_out(place)
