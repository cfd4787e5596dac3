"""The API's OpenAPI schema, exact about what each operation answers (decision 30).

ninja documents the answers a route declares. The API's own machinery adds answers no route
declares, and these are documented here, from what each operation is, so that a route added
later is documented too:

- ``422`` for every operation: any input can be invalid, and text no database stores is refused
  before the route (``errors.unstorable_text``); a query is read even where no parameter is;
- ``429`` where a rate limit applies (every operation);
- ``401`` where a reader must be signed in;
- ``403`` where the session cookie is accepted on an unsafe method (its CSRF token is checked);
- ``400`` where a JSON body is read (a body that is not JSON).

Every failure has the one error body (``ErrorBody``). A public route that also answers readers
lists the empty security requirement, so clients know a token is optional there. Operation ids
are the router's module and the function (``articles_get_article``): short names for generated
clients, unique across the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema

from newsdesk.api.auth import SessionCookie, anonymous
from newsdesk.api.schemas import ErrorBody

if TYPE_CHECKING:
    from ninja import NinjaAPI
    from ninja.operation import Operation

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

#: What each failure means, for the schema's descriptions (``errors.CODES`` has the codes).
FAILURES = {
    400: "Refused: a body that is not JSON, or a request the site cannot carry out",
    401: "Not signed in: send a valid token (Authorization: Bearer …) or the session cookie",
    403: "Not allowed: not yours, for moderators only, a missing CSRF token, or rights refused",
    404: "Not found",
    409: "In conflict with what is there (a duplicate, the last admin)",
    422: "Invalid input: details names each field and what is wrong with it",
    429: "Too many requests: wait Retry-After seconds",
    503: "Unavailable: the feature needs a service this site has not configured",
}


def operation_id(operation: Operation) -> str:
    """``<router module>_<function>``: ``stories_get_story``, ``comments_post``."""
    module = operation.view_func.__module__.rsplit(".", 1)[-1]
    return f"{module}_{operation.view_func.__name__}"


def implied_failures(operation: Operation) -> set[int]:
    """The error statuses the API's machinery may answer for this operation, declared or not."""
    statuses = {422}
    callbacks = list(operation.auth_callbacks or [])
    if operation.throttle_objects:
        statuses.add(429)
    if callbacks and not any(callback is anonymous for callback in callbacks):
        statuses.add(401)
    unsafe = bool(UNSAFE_METHODS.intersection(operation.methods))
    if unsafe and any(isinstance(callback, SessionCookie) for callback in callbacks):
        statuses.add(403)
    if any(model.__ninja_param_source__ == "body" for model in operation.models):
        statuses.add(400)
    return statuses


class NewsdeskSchema(OpenAPISchema):
    """ninja's schema, with the answers of ``implied_failures`` and optional sign-in."""

    def responses(self, operation: Operation) -> dict[int, dict[str, Any]]:
        answers = super().responses(operation)
        for status in implied_failures(operation) - set(answers):
            answers[status] = {
                "description": "",
                "content": {self.api.renderer.media_type: {"schema": self._error_schema()}},
            }
        for status, answer in answers.items():
            if status in FAILURES:
                answer["description"] = FAILURES[status]
        if 429 in answers:
            answers[429]["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before trying again",
                    "schema": {"type": "integer"},
                }
            }
        return dict(sorted(answers.items()))

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security and any(callback is anonymous for callback in operation.auth_callbacks):
            security.append({})  # nobody signed in is let in too
        return security

    def _error_schema(self) -> dict[str, Any]:
        """A reference to ``ErrorBody``, its definitions added to the schema's components."""
        schema = ErrorBody.model_json_schema(
            ref_template=REF_TEMPLATE,
            schema_generator=NinjaGenerateJsonSchema,
            mode="serialization",
        )
        self.add_schema_definitions({**schema.pop("$defs", {}), ErrorBody.__name__: schema})
        return {"$ref": REF_TEMPLATE.format(model=ErrorBody.__name__)}


def build_schema(api: NinjaAPI, path_prefix: str) -> NewsdeskSchema:
    return NewsdeskSchema(api, path_prefix)
