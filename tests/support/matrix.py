"""How the permission matrix tries a row, and which routes the app has.

A ``Row`` names a route, the request to make (with ``{placeholders}`` filled from
``World.placeholders()``), the answer each caller gets, in the order of ``PRINCIPALS``, and
optionally the owner's ``state`` the call must change (for ``changed_by``) or leave alone (for
everyone else) and a ``check`` of what the caller sees. ``run`` makes the request as one caller
and asserts all of it. The route listings read the app itself (the API's OpenAPI schema, the URL
resolver, the admin's registry), so a route added later shows up there without a row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from newsdesk.api.main import api as json_api
from tests.support.principals import PRINCIPALS, Principal, World

Response = Any  # the test client's response

SIGN_IN = "/accounts/login/"
ADMIN_SIGN_IN = "/admin/login/"


@dataclass(frozen=True)
class Redirect:
    """A 302: to ``to`` (a sign-in page), or back to a page of the site when ``to`` is empty."""

    to: str = ""

    def __str__(self) -> str:
        return f"302 to {self.to}" if self.to else "302 back"


BACK = Redirect()
TO_SIGN_IN = Redirect(SIGN_IN)
TO_ADMIN_SIGN_IN = Redirect(ADMIN_SIGN_IN)
Expected = int | Redirect
State = Callable[[World], object]
Check = Callable[[World, Principal, Response], None]


@dataclass(frozen=True)
class Row:
    kind: str  # api | page | app | fever | admin: how the caller is authenticated
    method: str
    route: str  # the route's key: API path template, "web:<name>", URL name, "admin:…"
    path: str  # what is requested, with {placeholders} of World.placeholders()
    expect: tuple[Expected, Expected, Expected, Expected, Expected]
    data: dict[str, Any] | None = None
    state: State | None = None
    changed_by: tuple[str, ...] = ()
    check: Check | None = None
    prepare: Callable[[World], None] | None = None
    case: str = ""

    def expected(self, principal: str) -> Expected:
        return self.expect[PRINCIPALS.index(principal)]

    @property
    def label(self) -> str:
        return f"{self.method} {self.route}" + (f" ({self.case})" if self.case else "")


def row(kind: str, method: str, route: str, expect: tuple[Any, ...], **extra: Any) -> Row:
    path = extra.pop("path", route)
    return Row(kind, method, route, path, expect, **extra)


def api(method: str, route: str, expect: tuple[Any, ...], **extra: Any) -> Row:
    return row("api", method, route, expect, **extra)


def page(method: str, name: str, path: str, expect: tuple[Any, ...], **extra: Any) -> Row:
    return row("page", method, f"web:{name}", expect, path=path, **extra)


def app(method: str, name: str, path: str, expect: tuple[Any, ...], **extra: Any) -> Row:
    return row("app", method, name, expect, path=f"/api/greader/{path}", **extra)


def action(
    model: str, name: str, expect: tuple[Any, ...], selected: str | list[str], **extra: Any
) -> Row:
    """An admin action on the changelist of ``model`` ("app_model") for the selected row ids."""
    app_label, model_name = model.split("_", 1)
    data = {"action": name, "index": "0", "select_across": "0", "_selected_action": selected}
    if name == "delete_selected":
        data["post"] = "yes"  # past the confirmation page
    path = f"/admin/{app_label}/{model_name}/"
    return row(
        "admin", "POST", f"admin:{model}_changelist {name}", expect, path=path, data=data, **extra
    )


def changelist(model: str, expect: tuple[Any, ...]) -> Row:
    app_label, model_name = model.split("_", 1)
    path = f"/admin/{app_label}/{model_name}/"
    return row("admin", "GET", f"admin:{model}_changelist", expect, path=path)


def _fill(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    if isinstance(value, str):
        whole = re.fullmatch(r"\{(\w+)\}", value)
        return values[whole.group(1)] if whole else value.format(**values)
    return value


def send(entry: Row, world: World, who: Principal, *, session: bool = False) -> Response:
    """Make the row's request as ``who`` (with the session instead of a token if asked)."""
    values = world.placeholders()
    path = entry.path.format(**values)
    data = _fill(entry.data, values) if entry.data is not None else None
    if entry.kind == "api":
        client = who.page_client() if session else who.api_client()
        if data is None:
            return client.generic(entry.method, path)
        return client.generic(entry.method, path, json.dumps(data), content_type="application/json")
    if entry.kind == "app":
        client = who.app_client()
    elif entry.kind == "fever":
        client = Client()
        data = {**(data or {}), **({"api_key": who.fever_key} if who.fever_key else {})}
    else:
        client = who.page_client()
    if entry.method == "GET":
        return client.get(path)
    return client.post(path, data or {})


def assert_answer(response: Response, expected: Expected, who: str) -> None:
    got = response.status_code
    where = response.get("Location", "")
    seen = f"{who} got {got} {where} {response.content[:300]!r}"
    if isinstance(expected, Redirect):
        assert got == 302, seen
        if expected.to:
            assert where.startswith(expected.to), seen
        else:
            assert not where.startswith((SIGN_IN, ADMIN_SIGN_IN)), seen
    else:
        assert got == expected, seen


def run(entry: Row, world: World, name: str, *, session: bool = False) -> None:
    who = world.principals[name]
    if entry.prepare is not None:
        entry.prepare(world)
    before = entry.state(world) if entry.state is not None else None
    response = send(entry, world, who, session=session)
    assert_answer(response, entry.expected(name), name)
    if entry.state is not None:
        after = entry.state(world)
        if name in entry.changed_by:
            assert after != before, f"{name}'s call should have changed {before!r}"
        else:
            assert after == before, f"{name}'s call changed {before!r} into {after!r}"
    if entry.check is not None and 200 <= response.status_code < 300:
        entry.check(world, who, response)


# --- The routes of the app ----------------------------------------------------------------


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def allowed_methods(view: Any) -> set[str] | None:
    """The methods a ``require_http_methods`` decorator lets through; None when unrestricted."""
    current = view
    while current is not None:
        for cell in getattr(current, "__closure__", None) or ():
            value = cell.cell_contents
            if (
                isinstance(value, list | tuple | set)
                and value
                and all(isinstance(item, str) and item.isupper() for item in value)
            ):
                return set(value)
        current = getattr(current, "__wrapped__", None)
    return None


def api_operations() -> set[tuple[str, str]]:
    schema = json_api.get_openapi_schema()
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


def web_routes() -> dict[str, set[str] | None]:
    """The web app's routes ("web:<name>") and the methods each lets through (None: any)."""
    return {
        f"web:{pattern.name}": allowed_methods(pattern.callback)
        for _, namespace, pattern in _walk(get_resolver().url_patterns)
        if namespace == "web"
    }


def protocol_routes() -> set[str]:
    return {
        str(pattern.name)
        for route, _, pattern in _walk(get_resolver().url_patterns)
        if route.startswith(("api/greader/", "api/fever/"))
    }


def admin_operations() -> set[tuple[str, str]]:
    """Each newsdesk admin page's list and every action an admin is offered there."""
    request = RequestFactory().get("/admin/")
    request.user = User(username="root", is_active=True, is_staff=True, is_superuser=True)
    found = set()
    for model, model_admin in admin.site._registry.items():
        if not type(model_admin).__module__.startswith("newsdesk."):
            continue
        key = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        found.add(("GET", key))
        found |= {("POST", f"{key} {name}") for name in model_admin.get_actions(request)}
    return found
