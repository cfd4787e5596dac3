"""Fixtures for service-layer tests: a Fetcher allowed to reach the test server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.pipeline.fetch import Fetcher, FetchPolicy

LOCAL = ("127.0.0.1/32",)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchPolicy(allow_networks=LOCAL, total_timeout=10, obey_robots=True)) as f:
        yield f
