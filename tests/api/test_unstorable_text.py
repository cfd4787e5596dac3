"""Text no database can store is refused with a 422 in every string of every request body.

A lone surrogate (``"\\ud800"``, valid JSON but no character) once reached the database through a
comment's body and failed there with a 500; a NUL character does the same on PostgreSQL. The
fields are read from the OpenAPI schema, so a route added later is covered too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk.api.main import api
from newsdesk.comments.models import Comment
from tests.api.conftest import ApiReader, MakeArticle, body, error_of, make_story

pytestmark = pytest.mark.django_db
LONE_SURROGATES = ["\ud800", "before \udfff after", "\udbff\ud7ff"]


def _schema() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _string_paths(
    schema: dict[str, Any], node: dict[str, Any], path: list[str | int]
) -> Iterator[list[str | int]]:
    """Where a string may stand in a body of this schema, as paths of keys and indexes."""
    node = _resolve(schema, node)
    variants = node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", [])
    if node.get("type") == "string" or "enum" in node:
        yield path
    for variant in variants:
        yield from _string_paths(schema, variant, path)
    for name, field in node.get("properties", {}).items():
        yield from _string_paths(schema, field, [*path, name])
    if node.get("type") == "array" and "items" in node:
        yield from _string_paths(schema, node["items"], [*path, 0])


def _string_inputs() -> list[tuple[str, str, list[str | int]]]:
    schema = _schema()
    found = []
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            body_schema = content["application/json"]["schema"]
            for path in _string_paths(schema, body_schema, []):
                found.append((method.upper(), route, path))
    return found


def _with(path: list[str | int], text: str) -> Any:
    """A body holding ``text`` at ``path`` (lists of one item where the path has an index)."""
    if not path:
        return text
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        return [_with(rest, text)]
    return {head: _with(rest, text)}


STRING_INPUTS = _string_inputs()


def test_the_schema_has_string_inputs_to_check() -> None:
    routes = {(method, route, tuple(path)) for method, route, path in STRING_INPUTS}
    assert ("POST", "/api/v1/comments", ("body",)) in routes
    assert ("PATCH", "/api/v1/comments/{comment_id}", ("body",)) in routes
    assert ("PATCH", "/api/v1/me", ("languages", 0)) in routes
    assert len(STRING_INPUTS) >= 20


@pytest.mark.parametrize(
    ("method", "route", "path"),
    STRING_INPUTS,
    ids=[f"{m} {r} {'.'.join(map(str, p)) or 'body'}" for m, r, p in STRING_INPUTS],
)
def test_a_lone_surrogate_in_any_string_field_is_a_422(
    reader: ApiReader, method: str, route: str, path: list[str | int]
) -> None:
    address = route.replace("{", "").replace("}", "")
    for name in ("comment_id", "article_id", "story_id", "summary_id", "token_id", "follow_id"):
        address = address.replace(name, "1")
    for text in LONE_SURROGATES:
        payload = json.dumps(_with(path, text))  # ASCII JSON: "\ud800" escapes
        answer = reader.client.generic(method, address, payload, content_type="application/json")
        assert answer.status_code == 422, (address, payload, answer.content)
        error = error_of(answer)
        assert error["code"] == "invalid"
        assert error["details"] == [{"loc": ["body", *path], "message": error["message"]}]
        assert "surrogate" in error["message"]


def test_comments_with_a_lone_surrogate_are_refused_and_nothing_is_stored(
    reader: ApiReader, make_article: MakeArticle
) -> None:
    story = make_story([make_article()])
    posted = reader.client.post(
        "/api/v1/comments",
        json.dumps({"story": story.pk, "body": "A reply \ud800 with half a character"}),
        content_type="application/json",
    )
    assert posted.status_code == 422, posted.content
    assert not Comment.objects.exists()

    fine = reader.client.post(
        "/api/v1/comments",
        json.dumps({"story": story.pk, "body": "A fair point about the ferry \U0001f6a2"}),
        content_type="application/json",
    )
    assert fine.status_code == 201, fine.content
    comment_id = body(fine)["id"]
    edited = reader.client.patch(
        f"/api/v1/comments/{comment_id}",
        json.dumps({"body": "Edited \udc00 badly"}),
        content_type="application/json",
    )
    assert edited.status_code == 422, edited.content
    assert Comment.objects.get().body == "A fair point about the ferry \U0001f6a2"


def test_a_surrogate_pair_is_a_character_and_passes(reader: ApiReader) -> None:
    made = reader.client.post(
        "/api/v1/me/tokens", '{"name": "phone \\ud83d\\udcf1"}', content_type="application/json"
    )
    assert made.status_code == 201, made.content
    assert body(made)["name"] == "phone \U0001f4f1"


def test_a_lone_surrogate_in_a_key_is_refused_too(reader: ApiReader) -> None:
    answer = reader.client.post(
        "/api/v1/me/tokens", '{"name": "phone", "\\ud800": 1}', content_type="application/json"
    )
    assert answer.status_code == 422
    assert error_of(answer)["details"][0]["loc"] == ["body", "\ud800"]
