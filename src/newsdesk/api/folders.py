"""API routes under /api/v1/me for the reader's folders: named groups of followed sources.

A folder has an id, a name (nested folders are one name with "/" between the levels:
"News/World"; names are compared without regard to case) and the slugs of its sources. A source
may be in several folders; putting it in one follows it; deleting a folder keeps its sources
followed. Renaming a folder onto the name of another merges the two: the answer is the folder
that remains. Every route acts for the signed-in reader only; answers are never cached.

Status codes beside each route's success: 401 without a valid token or session; 403 when a
session cookie comes without its CSRF token on a write; 404 for a folder or source that is not
there (another reader's folder is not there); 422 for a body or name that is not valid (the error
body says which field); 429 when the caller is over the rate limit.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from newsdesk.api.auth import reader_auth
from newsdesk.api.caching import private
from newsdesk.api.errors import ApiError
from newsdesk.api.schemas import ROW_ID, ErrorBody
from newsdesk.desk import reading
from newsdesk.desk.readers import folders, following
from newsdesk.readers.models import Folder

router = Router(auth=reader_auth)

FOLDER_NAME = Field(
    ...,
    min_length=1,
    max_length=200,
    description='1 to 100 characters once trimmed; nested folders: "News/World"',
)
FAILURES: dict[int, type[ErrorBody]] = {401: ErrorBody, 422: ErrorBody, 429: ErrorBody}
WRITE_FAILURES = {**FAILURES, 403: ErrorBody}


class ReaderFolderOut(Schema):
    id: int
    name: str
    sources: list[str] = Field(description="Slugs of the folder's sources, by name")


class ReaderFolderIn(Schema):
    name: str = FOLDER_NAME


class SourceFoldersIn(Schema):
    folders: list[Annotated[str, Field(max_length=200)]] = Field(
        max_length=folders.MAX_FOLDERS,
        description="Names of the folders the source is to be in (made when new); [] for none",
    )


class SourceFoldersOut(Schema):
    source: str = Field(description="The source's slug")
    folders: list[str] = Field(description="Names of the reader's folders the source is in")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _out(folder: Folder) -> ReaderFolderOut:
    sources = sorted(folder.sources.all(), key=lambda source: (source.name.lower(), source.pk))
    return ReaderFolderOut(
        id=folder.pk, name=folder.name, sources=[source.slug for source in sources]
    )


def _found(user: User, folder_id: int) -> Folder:
    folder = folders.folder_by_id(user, folder_id)
    if folder is None:
        raise ApiError(404, "You have no such folder")
    return folder


@router.get(
    "/folders",
    response={200: list[ReaderFolderOut], **FAILURES},
    summary="Your folders and their sources",
)
@private
def list_folders(request: HttpRequest) -> Any:
    """Every folder of yours by name, the empty ones included."""
    return [_out(folder) for folder in folders.folders_of(_user(request))]


@router.post(
    "/folders",
    response={200: ReaderFolderOut, 201: ReaderFolderOut, **WRITE_FAILURES},
    summary="Make a folder",
)
def create_folder(request: HttpRequest, data: ReaderFolderIn) -> Any:
    """201 with the new folder; 200 with the existing one when you have a folder of that name
    (in any case)."""
    user = _user(request)
    existed = folders.folder_named(user, data.name) is not None
    try:
        folder = folders.create_folder(user, data.name)
    except folders.FolderError as error:
        raise ApiError(422, str(error), code="invalid_folder") from error
    return (200 if existed else 201), _out(folder)


@router.patch(
    "/folders/{folder_id}",
    response={200: ReaderFolderOut, 404: ErrorBody, **WRITE_FAILURES},
    summary="Rename a folder",
)
def rename_folder(request: HttpRequest, data: ReaderFolderIn, folder_id: int = ROW_ID) -> Any:
    """Renaming onto the name of another of your folders merges the two; the answer is the
    folder that remains, with the sources of both."""
    user = _user(request)
    folder = _found(user, folder_id)
    try:
        renamed = folders.rename_folder(user, folder.name, data.name)
    except folders.FolderError as error:
        raise ApiError(422, str(error), code="invalid_folder") from error
    if renamed is None:  # deleted meanwhile
        raise ApiError(404, "You have no such folder")
    return _out(renamed)


@router.delete(
    "/folders/{folder_id}",
    response={204: None, 404: ErrorBody, **WRITE_FAILURES},
    summary="Delete a folder",
)
def delete_folder(request: HttpRequest, folder_id: int = ROW_ID) -> Any:
    """The folder goes; its sources stay followed."""
    user = _user(request)
    if not folders.delete_folder(user, _found(user, folder_id).name):
        raise ApiError(404, "You have no such folder")
    return 204, None


@router.put(
    "/sources/{source_slug}/folders",
    response={200: SourceFoldersOut, 404: ErrorBody, **WRITE_FAILURES},
    summary="Put a source in exactly these folders",
)
def set_source_folders(request: HttpRequest, source_slug: str, data: SourceFoldersIn) -> Any:
    """Folders not there yet are made; the source is followed, and leaves the folders not
    listed. 404 when there is no such source; 422 for a name that cannot be a folder's, more
    folders than a reader may have, or a source that cannot be followed (the follow limit)."""
    user = _user(request)
    source = reading.source_by_slug(source_slug)
    if source is None:
        raise ApiError(404, "No such source")
    try:
        folders.set_folders(user, source, data.folders, timezone.now())
    except following.FollowError as error:  # FolderError among them
        raise ApiError(422, str(error), code="invalid_folder") from error
    names = folders.folder_names_by_source(user).get(source.pk, [])
    return SourceFoldersOut(source=source.slug, folders=names)
