"""A client generated from the served OpenAPI schema with openapi-python-client, used as an app.

The schema is fetched from a running site, the client generated into a temporary folder and
imported, then it signs in with a password, lists stories, reads an article and a story, searches,
follows a source, saves an article and comments, against the same site over HTTP. The client
raises on any status the schema does not document, and parses every answer into its models (a
field the schema promises and the answer lacks is a ``KeyError``), so each call proves an answer
is what the schema says.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from types import ModuleType
from typing import Any

import httpx
import pytest

from newsdesk.comments.models import Comment
from newsdesk.readers.models import Follow, SavedArticle
from tests.api.conftest import MakeArticle, make_reader, make_source, make_story

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PACKAGE = "newsdesk_client"
CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"


@pytest.fixture(scope="module")
def generated(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client package generated from the site's own /api/v1/openapi.json, imported."""
    folder = tmp_path_factory.mktemp("generated")
    served = httpx.get(f"{live_server.url}/api/v1/openapi.json", timeout=30)
    assert served.status_code == 200
    (folder / "openapi.json").write_bytes(served.content)
    (folder / "config.yaml").write_text(CONFIG)
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--meta", "none"]
    made = subprocess.run(
        [
            *command,
            *("--path", str(folder / "openapi.json"), "--output-path", str(folder / PACKAGE)),
            *("--config", str(folder / "config.yaml")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Warning" not in made.stdout + made.stderr, made.stdout + made.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _operation(tag: str, name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{tag}_{name}")


def test_an_app_built_on_the_generated_client(
    generated: ModuleType, live_server: Any, make_article: MakeArticle
) -> None:
    models = importlib.import_module(f"{PACKAGE}.models")
    gazette = make_source("River Gazette")
    first = make_article("Council approves ferry stops", age=timedelta(hours=5))
    second = make_article("Ferry to reach east bank", of=gazette, age=timedelta(hours=2))
    story = make_story([first, second])
    ana = make_reader("ana@example.test")
    visitor = generated.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    signed_in = importlib.import_module(f"{PACKAGE}.api.auth.auth_routes_sign_in").sync(
        client=visitor,
        body=models.SignIn(email="ana@example.test", password="a long pass phrase"),
    )
    assert isinstance(signed_in, models.SignedIn), signed_in
    app = generated.AuthenticatedClient(
        base_url=live_server.url, token=signed_in.token, raise_on_unexpected_status=True
    )

    stories = _operation("stories", "list_stories").sync(client=visitor)
    assert isinstance(stories, models.PagedStoryCard)
    assert [card.id for card in stories.results] == [story.pk]
    assert stories.results[0].lead.web_url.startswith(live_server.url)

    article = _operation("articles", "get_article").sync(first.pk, client=app)
    assert isinstance(article, models.ArticleOut)
    assert article.body.mode == "full" and article.story_id == story.pk
    missing = _operation("articles", "get_article").sync(10**9, client=visitor)
    assert isinstance(missing, models.ErrorBody) and missing.error.status == 404

    page = _operation("stories", "get_story").sync(story.pk, client=visitor)
    assert isinstance(page, models.StoryOut)
    assert {entry.article.id for entry in page.timeline} == {first.pk, second.pk}
    assert page.coverage[0].articles[0].article.url.startswith("https://")

    found = _operation("search", "search").sync(client=visitor, q="ferry")
    assert isinstance(found, models.SearchOut)
    assert {hit.article.id for hit in found.results} == {first.pk, second.pk}

    follow = _operation("following", "add_follow").sync(
        client=app, body=models.FollowIn(kind=models.FollowKind.SOURCE, value=gazette.slug)
    )
    assert isinstance(follow, models.FollowOut) and follow.label == "River Gazette"

    saved = _operation("following", "save_article").sync(first.pk, client=app)
    assert isinstance(saved, models.SavedOut) and saved.article.id == first.pk
    listed = _operation("following", "list_saved").sync(client=app)
    assert [row.article.path for row in listed.results] == [saved.article.path]

    named = _operation("me", "patch_me").sync(
        client=app, body=models.MePatch(display_name="Ana from Lyon")
    )
    assert isinstance(named, models.MeOut) and named.display_name == "Ana from Lyon"
    posted = _operation("comments", "post").sync(
        client=app, body=models.CommentIn(story=story.pk, body="Good news for the east bank.")
    )
    assert isinstance(posted, models.CommentOut) and posted.author == "Ana from Lyon"
    thread = _operation("comments", "thread").sync(client=visitor, story=story.pk)
    assert isinstance(thread, models.ThreadOut)
    assert [c.body for c in thread.comments] == ["Good news for the east bank."]
    refused = _operation("comments", "post").sync(
        client=visitor, body=models.CommentIn(story=story.pk, body="No token.")
    )
    assert isinstance(refused, models.ErrorBody) and refused.error.status == 401

    assert Follow.objects.filter(user=ana.user, value=gazette.slug).exists()
    assert SavedArticle.objects.filter(user=ana.user, article=first).exists()
    assert Comment.objects.get().author == ana.user
