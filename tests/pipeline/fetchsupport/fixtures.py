"""One LocalServer per test module, with routes and records cleared before each test.

The shared ``local_server`` fixture starts and stops a server per test, and stopping waits for
the server loop's half-second poll; the fetch tests make many short requests, so they share one
server per module instead. Import both fixtures into a test module to use them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import LocalServer


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture(name="local_server")
def fresh_local_server(module_server: LocalServer) -> LocalServer:
    """The module's server with no routes, hits or recorded requests left from earlier tests."""
    module_server.routes.clear()
    module_server.hits.clear()
    module_server.requests.clear()
    return module_server
