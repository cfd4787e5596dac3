"""The API's OpenAPI schema as a contract that answers are checked against.

``strict(schema)`` is the served schema where no object may carry a field it does not describe
(``additionalProperties: false``): an answer with an undocumented field fails validation, as a
generated client that reads every field would. ``Contract.check`` validates one answer of one
operation: its status must be documented, its body must match that status's schema, and an empty
answer must be documented as empty. Every check is recorded, so a test can ask which operations
were exercised and with which statuses.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from typing import Any

import jsonschema_rs

JSON = "application/json"


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` where every object schema with properties forbids others."""
    result = copy.deepcopy(schema)

    def tighten(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    tighten(result)
    return result


def operations(schema: dict[str, Any]) -> set[tuple[str, str]]:
    """Every operation of the schema as ``(METHOD, path template)``."""
    return {
        (method.upper(), route)
        for route, methods in schema["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }


class Contract:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = strict(schema)
        self.components = self.schema["components"]
        self.seen: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._validators: dict[tuple[str, str, int], Any] = {}

    def check(self, method: str, route: str, status: int, content: bytes, media: str) -> None:
        """Fail unless the answer is exactly what the schema documents for the operation."""
        where = f"{method} {route} answered {status}"
        operation = self.schema["paths"][route][method.lower()]
        answers = operation["responses"]
        documented = answers.get(str(status), answers.get(status))
        assert documented is not None, f"{where}, not documented: {content[:300]!r}"
        self.seen[(method, route)].add(status)
        described = documented.get("content", {})
        if not described:
            assert content == b"", f"{where} with a body, documented as empty: {content[:300]!r}"
            return
        assert media.split(";")[0].strip() == JSON, f"{where} as {media!r}"
        validator = self._validator(method, route, status)
        errors = [str(error) for error in validator.iter_errors(_json(content))]
        assert not errors, f"{where} not as documented:\n" + "\n".join(errors[:10])

    def _validator(self, method: str, route: str, status: int) -> Any:
        key = (method, route, status)
        if key not in self._validators:
            answers = self.schema["paths"][route][method.lower()]["responses"]
            documented = answers.get(str(status), answers.get(status))
            body_schema = documented["content"][JSON]["schema"]
            self._validators[key] = jsonschema_rs.validator_for(
                {**body_schema, "components": self.components}, validate_formats=True
            )
        return self._validators[key]


def _json(content: bytes) -> Any:
    return json.loads(content)
