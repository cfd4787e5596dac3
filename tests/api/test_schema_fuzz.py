"""Every operation of the API's OpenAPI schema, fuzzed with schemathesis: no input is a 5xx, and
every answer is one the schema documents, its status, media type and body (no field the schema
does not describe: the schema is checked in its strict form, ``openapi_contract.strict``).

One 5xx is documented and expected here: translation answers 503 ``no_language_model`` on a server
with no language model configured, as this test's server has none.

The schema is the one the app serves at ``/api/v1/openapi.json`` (built from the API object), so
routes added later are fuzzed too; requests go through the site's whole WSGI handler. Each request
carries a reader's token (made afresh for each example, since the fuzzer may revoke tokens), so
signed-in routes are exercised beyond their 401; each operation is fuzzed by a visitor too. The
rate limits are lifted for the run; they
have their own test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsdesk.api.main import api
from newsdesk.desk.readers.tokens import issue_token
from tests.api.conftest import ApiReader, MakeArticle, make_source, make_story
from tests.api.openapi_contract import strict

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def wsgi_app(db: None) -> Iterator[Any]:
    """The site's WSGI app, in this process and in the test's transaction: like Django's test
    client, it keeps the database connection open between requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(make_article: MakeArticle) -> None:
    """A little of everything, so ids 1, 2, 3… and the slugs of the schema's examples exist."""
    gazette = make_source("River Gazette")
    first = make_article("Council approves ferry stops", age=timedelta(hours=6))
    second = make_article("Ferry to reach east bank", of=gazette, age=timedelta(hours=3))
    make_story([first, second])
    make_article("Harbour dredging finished", age=timedelta(hours=1))


schema = schemathesis.openapi.from_dict(strict(json.loads(json.dumps(api.get_openapi_schema()))))
CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance]


@schemathesis.check
def no_server_error_but_no_model(ctx: Any, response: Any, case: Any) -> bool | None:
    """``not_a_server_error``, except the documented 503 of translation without a model."""
    if response.status_code == 503 and b'"no_language_model"' in response.content:
        return None
    return not_a_server_error(ctx, response, case)


@pytest.mark.parametrize("caller", ["reader", "visitor"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_answer_is_documented_and_none_is_a_server_error(
    case: Any, caller: str, wsgi_app: Any, reader: ApiReader, newsroom: None, no_rate_limits: None
) -> None:
    headers = {"Accept-Encoding": "identity"}  # the WSGI test client does not decompress
    if caller == "reader":
        token = issue_token(reader.user, timezone.now(), name="fuzz").secret
        headers["Authorization"] = f"Bearer {token}"
    case.call_and_validate(
        app=wsgi_app, headers=headers, checks=[no_server_error_but_no_model, *CONFORMANCE]
    )
