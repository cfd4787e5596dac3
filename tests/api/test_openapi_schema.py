"""The OpenAPI schema's structure: one class per schema name, unique operation ids, every failure
documented with the one error body, and optional sign-in said where a token is optional.

The schema keeps one definition per name, so two classes of one name (an ``ArticleCard`` of the
reading list and one of the other lists) made one of them describe the other's answers.
"""

from __future__ import annotations

import enum
import json
import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from newsdesk.api.auth import anonymous
from newsdesk.api.main import api

REF = "#/components/schemas/{model}"


def _bound_operations() -> list[Any]:
    return [
        operation
        for router in api._get_bound_routers()
        for view in router.path_operations.values()
        for operation in view.operations
    ]


def _types_in(annotation: Any) -> typing.Iterator[type]:
    """The classes an annotation names: ``list[A | None]`` names ``A``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


def _schema_classes(inputs: bool = True) -> dict[str, set[type]]:
    """Every model and enum reachable from the API's answers (and inputs), by name."""
    found: dict[str, set[type]] = defaultdict(set)
    todo: list[type] = []
    for operation in _bound_operations():
        for wrapper in operation.response_models.values():
            if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                todo.extend(_types_in(wrapper.model_fields["response"].annotation))
        for params in operation.models if inputs else []:  # ninja's models of the parameters
            for field in params.model_fields.values():
                todo.extend(_types_in(field.annotation))
    seen: set[type] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        found[cls.__name__].add(cls)
        if issubclass(cls, BaseModel):
            for field in cls.model_fields.values():
                todo.extend(_types_in(field.annotation))
    return found


def _shape(cls: type) -> str:
    if issubclass(cls, enum.Enum):
        return json.dumps(sorted(str(member.value) for member in cls))
    assert issubclass(cls, BaseModel)
    modes = [cls.model_json_schema(mode=mode) for mode in ("validation", "serialization")]
    return json.dumps(modes, sort_keys=True)


def test_no_two_schema_classes_share_a_name() -> None:
    classes = _schema_classes()
    clashes = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in group)
        for name, group in classes.items()
        # ninja makes a Paged<Item> class for each paged route: the same shape, so harmless.
        if len({_shape(cls) for cls in group}) > 1
    }
    assert not clashes, f"schema names used by different classes: {clashes}"
    assert {"ArticleCard", "StoryCard", "ErrorBody", "ListedArticle"} <= set(classes)


def test_each_answer_schema_is_the_shape_of_its_class() -> None:
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    for name, group in _schema_classes(inputs=False).items():
        if name not in components or not issubclass(next(iter(group)), BaseModel):
            continue
        cls = next(iter(group))
        own = {
            json.dumps(
                cls.model_json_schema(mode=mode, ref_template=REF)["properties"], sort_keys=True
            )
            for mode in ("validation", "serialization")
        }
        served = json.dumps(components[name].get("properties"), sort_keys=True)
        assert served in own, name


def test_operation_ids_are_unique_and_short() -> None:
    ids = [
        operation["operationId"]
        for methods in api.get_openapi_schema()["paths"].values()
        for operation in methods.values()
    ]
    assert len(ids) == len(set(ids))
    assert "articles_get_article" in ids and "comments_post" in ids


def test_every_failure_is_documented_with_the_error_body() -> None:
    schema = api.get_openapi_schema()
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            answers = operation["responses"]
            assert {422, 429} <= set(answers), (method, route)
            for status, answer in answers.items():
                if status >= 400:
                    assert answer["content"]["application/json"]["schema"] == error
                    assert answer["description"], (method, route, status)
            reader_only = route.startswith("/api/v1/me") or method != "get"
            if (
                route != "/api/v1/auth/token"
                and reader_only
                and "{}" not in json.dumps(operation.get("security"))
            ):
                assert 401 in answers, (method, route)


def test_a_token_is_optional_exactly_where_visitors_are_let_in() -> None:
    schema = api.get_openapi_schema()
    by_id = {
        op["operationId"]: op for methods in schema["paths"].values() for op in methods.values()
    }
    for operation in _bound_operations():
        documented = by_id[api.get_openapi_operation_id(operation)]
        optional = any(callback is anonymous for callback in operation.auth_callbacks or [])
        assert ({} in documented.get("security", [])) == optional, documented["operationId"]
    assert {} in by_id["stories_list_stories"]["security"]
    assert {} not in by_id["following_list_saved"]["security"]
