"""The /api/v1/me folder routes: list, make, rename (merging), delete, set a source's folders;
per reader; every answer's status is documented for its operation and its body has the
documented shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.api.main import api
from newsdesk.desk.readers import folders, following
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import FollowKind
from tests.support.following import make_reader, make_source

pytestmark = pytest.mark.django_db
V1 = "/api/v1"


class Api:
    """A JSON client that signs every call with a reader's bearer token, and checks each answer
    against the operation's documented responses."""

    def __init__(self, name: str, schema: dict[str, Any]) -> None:
        self.user = make_reader(name)
        self.token = issue_token(self.user, timezone.now()).secret
        self.schema = schema

    def call(
        self, method: str, path: str, body: Any = None, *, template: str = "", **headers: str
    ) -> tuple[int, Any]:
        headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        response = Client().generic(
            method,
            f"{V1}/me{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            **headers,
        )
        data = json.loads(response.content) if response.content else None
        conforms(self.schema, method, f"{V1}/me{template or path}", response.status_code, data)
        return response.status_code, data


def conforms(schema: dict[str, Any], method: str, path: str, status: int, body: Any) -> None:
    """The status is one the operation documents, and the body has the documented shape."""
    responses = schema["paths"][path][method.lower()]["responses"]
    assert str(status) in responses, f"{method} {path} answered an undocumented {status}"
    content = responses[str(status)].get("content")
    if content is None:
        assert body is None, f"{method} {path} {status} documents no body"
        return
    shaped(schema, content["application/json"]["schema"], body, f"{method} {path} {status}")


def shaped(schema: dict[str, Any], part: dict[str, Any], value: Any, where: str) -> None:
    if "$ref" in part:
        part = schema["components"]["schemas"][part["$ref"].rsplit("/", 1)[-1]]
    kind = part.get("type")
    if kind == "array":
        assert isinstance(value, list), where
        for item in value:
            shaped(schema, part["items"], item, where)
    elif "properties" in part:
        assert isinstance(value, dict), where
        assert set(part.get("required", [])) <= set(value) <= set(part["properties"]), where
        for key, item in value.items():
            shaped(schema, part["properties"][key], item, f"{where} .{key}")
    elif kind is not None:
        types = {"string": str, "integer": int, "boolean": bool, "number": (int, float)}
        types["object"] = dict
        assert isinstance(value, types[kind]), f"{where}: {value!r} is not {kind}"


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    return json.loads(client.get(f"{V1}/openapi.json").content)


@pytest.fixture
def ana(schema: dict[str, Any]) -> Api:
    return Api("ana", schema)


def test_make_list_rename_merge_and_delete(ana: Api, schema: dict[str, Any]) -> None:
    now = timezone.now()
    post, wire = make_source("Harbour Post", now), make_source("Wire", now)
    assert ana.call("GET", "/folders") == (200, [])

    status, news = ana.call("POST", "/folders", {"name": "  News /World "})
    assert (status, news["name"], news["sources"]) == (201, "News/World", [])
    status, again = ana.call("POST", "/folders", {"name": "news/world"})
    assert (status, again["id"]) == (200, news["id"])
    status, local = ana.call("POST", "/folders", {"name": "Local"})
    assert status == 201
    folders.add_to_folder(ana.user, "Local", wire, now)
    folders.add_to_folder(ana.user, "Local", post, now)
    folders.add_to_folder(ana.user, "News/World", wire, now)

    status, listed = ana.call("GET", "/folders")
    assert status == 200
    assert [(f["name"], f["sources"]) for f in listed] == [
        ("Local", ["harbour-post", "wire"]),
        ("News/World", ["wire"]),
    ]

    template = "/folders/{folder_id}"
    status, renamed = ana.call(
        "PATCH", f"/folders/{local['id']}", {"name": "Nearby"}, template=template
    )
    assert (status, renamed["id"], renamed["name"]) == (200, local["id"], "Nearby")
    status, merged = ana.call(
        "PATCH", f"/folders/{renamed['id']}", {"name": "NEWS/world"}, template=template
    )
    assert (status, merged["id"], merged["name"]) == (200, news["id"], "News/World")
    assert merged["sources"] == ["harbour-post", "wire"]

    assert ana.call("DELETE", f"/folders/{news['id']}", template=template) == (204, None)
    assert ana.call("GET", "/folders") == (200, [])
    assert following.is_following(ana.user, FollowKind.SOURCE, "wire")


def test_set_a_sources_folders(ana: Api) -> None:
    make_source("Wire", timezone.now())
    template = "/sources/{source_slug}/folders"
    status, placed = ana.call(
        "PUT", "/sources/wire/folders", {"folders": ["Morning", "News/World"]}, template=template
    )
    assert (status, placed) == (200, {"source": "wire", "folders": ["Morning", "News/World"]})
    assert following.is_following(ana.user, FollowKind.SOURCE, "wire")
    status, placed = ana.call(
        "PUT", "/sources/wire/folders", {"folders": ["news/world"]}, template=template
    )
    assert placed["folders"] == ["News/World"]
    status, placed = ana.call("PUT", "/sources/wire/folders", {"folders": []}, template=template)
    assert (status, placed["folders"]) == (200, [])
    assert [f.name for f in folders.folders_of(ana.user)] == ["Morning", "News/World"]


def test_failures_are_documented_errors(ana: Api, schema: dict[str, Any]) -> None:
    make_source("Wire", timezone.now())
    one = "/folders/{folder_id}"
    status, error = ana.call("POST", "/folders", {"name": " / "})
    assert (status, error["error"]["code"]) == (422, "invalid_folder")
    assert ana.call("POST", "/folders", {"name": "x" * 101})[0] == 422
    assert ana.call("POST", "/folders", {})[0] == 422
    assert ana.call("POST", "/folders", {"name": "tab\there"})[0] == 422
    assert ana.call("GET", "/folders?q=%00", template="/folders")[0] == 422
    assert ana.call("PATCH", "/folders/99", {"name": "X"}, template=one)[0] == 404
    assert ana.call("DELETE", "/folders/99", template=one)[0] == 404
    assert ana.call("DELETE", f"/folders/{2**63}", template=one)[0] == 422
    status, made = ana.call("POST", "/folders", {"name": "Local"})
    assert ana.call("PATCH", f"/folders/{made['id']}", {"name": ""}, template=one)[0] == 422
    sources = "/sources/{source_slug}/folders"
    assert ana.call("PUT", "/sources/nope/folders", {"folders": []}, template=sources)[0] == 404
    status, error = ana.call(
        "PUT", "/sources/wire/folders", {"folders": ["ok", "\x01"]}, template=sources
    )
    assert (status, error["error"]["code"]) == (422, "invalid_folder")
    assert not following.is_following(ana.user, FollowKind.SOURCE, "wire")

    visitor = ana.call("GET", "/folders", HTTP_AUTHORIZATION="")
    assert visitor[0] == 401
    assert (
        ana.call("POST", "/folders", {"name": "X"}, HTTP_AUTHORIZATION="Bearer nd_wrong")[0] == 401
    )


def test_a_session_write_needs_its_csrf_token(schema: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_reader("ana"))
    response = browser.post(
        f"{V1}/me/folders", json.dumps({"name": "X"}), content_type="application/json"
    )
    conforms(schema, "POST", f"{V1}/me/folders", response.status_code, json.loads(response.content))
    assert response.status_code == 403
    assert folders.folders_of(User.objects.get()) == []


def test_another_readers_folders_are_not_there(schema: dict[str, Any]) -> None:
    ana, ben = Api("ana", schema), Api("ben", schema)
    _, mine = ana.call("POST", "/folders", {"name": "Private"})
    one = "/folders/{folder_id}"
    assert ben.call("GET", "/folders") == (200, [])
    assert ben.call("PATCH", f"/folders/{mine['id']}", {"name": "Taken"}, template=one)[0] == 404
    assert ben.call("DELETE", f"/folders/{mine['id']}", template=one)[0] == 404
    assert [f.name for f in folders.folders_of(ana.user)] == ["Private"]


def test_every_operation_documents_its_failures(schema: dict[str, Any]) -> None:
    operations = {
        ("get", "/folders"): {"200", "401", "422", "429"},
        ("post", "/folders"): {"200", "201", "400", "401", "403", "422", "429"},
        ("patch", "/folders/{folder_id}"): {"200", "400", "401", "403", "404", "422", "429"},
        ("delete", "/folders/{folder_id}"): {"204", "401", "403", "404", "422", "429"},
        ("put", "/sources/{source_slug}/folders"): {
            "200",
            "400",
            "401",
            "403",
            "404",
            "422",
            "429",
        },
    }
    for (method, path), statuses in operations.items():
        documented = schema["paths"][f"{V1}/me{path}"][method]["responses"]
        assert set(documented) == statuses, (method, path)
        assert schema["paths"][f"{V1}/me{path}"][method]["tags"] == ["folders"]


def test_over_the_rate_limit_is_a_documented_429(ana: Api) -> None:
    throttles = list(api.throttle)  # type: ignore[arg-type]
    saved = [throttle.num_requests for throttle in throttles]
    for throttle in throttles:
        throttle.num_requests = 2
    try:
        statuses = [ana.call("GET", "/folders")[0] for _ in range(3)]
        status, error = ana.call("POST", "/folders", {"name": "Late"})
    finally:
        for throttle, number in zip(throttles, saved, strict=True):
            throttle.num_requests = number
    assert statuses == [200, 200, 429]
    assert (status, error["error"]["code"]) == (429, "rate_limited")
    assert folders.folders_of(ana.user) == []
