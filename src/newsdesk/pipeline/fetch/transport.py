"""The httpx transport of the fetcher: an httpcore connection pool over the guarded backend.

httpx's own transport cannot take a network backend, so this one builds the httpcore pool itself
(keep-alive, HTTP/2 by ALPN for https) on :class:`~.network.GuardedBackend`. It is also the one
place where httpcore's exceptions become newsdesk's :class:`~newsdesk.errors.FetchError` family,
both while waiting for the response head and while the body streams.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager

import httpcore
import httpx

from newsdesk.errors import (
    ConnectError,
    DeadlineExceededError,
    FetchError,
    InvalidURLError,
)
from newsdesk.pipeline.fetch.network import GuardedBackend


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise httpcore errors as newsdesk fetch errors (``from`` the original)."""
    try:
        yield
    except httpcore.TimeoutException as e:
        raise DeadlineExceededError(f"timed out: {e or type(e).__name__}") from e
    except httpcore.UnsupportedProtocol as e:
        raise InvalidURLError(str(e)) from e
    except httpcore.NetworkError as e:
        raise ConnectError(f"connection failed: {e or type(e).__name__}") from e
    except httpcore.ProtocolError as e:
        raise FetchError(f"the server broke the HTTP protocol: {e}") from e
    except (httpcore.ProxyError, httpcore.ConnectionNotAvailable) as e:
        raise ConnectError(str(e)) from e


class _BodyStream(httpx.SyncByteStream):
    """The body of an httpcore response, as an httpx stream with translated errors."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        with translated_errors():
            yield from self._response.iter_stream()

    def close(self) -> None:
        with translated_errors():
            self._response.close()


class GuardedTransport(httpx.BaseTransport):
    """Sends httpx requests through a pooled, address-guarded httpcore connection pool.

    The pool is kept modest on purpose: httpcore's bookkeeping walks every pooled connection
    (more than once) on each request, so hundreds of idle connections cost more CPU per request
    than the handshakes they would save. A few worker threads never need more than 64 at once.
    """

    def __init__(
        self,
        backend: GuardedBackend,
        ssl_context: ssl.SSLContext,
        *,
        http2: bool = True,
        max_connections: int = 64,
        max_keepalive_connections: int = 32,
        keepalive_expiry: float = 60.0,
    ) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_keepalive_connections,
            keepalive_expiry=keepalive_expiry,
            http1=True,
            http2=http2,
            network_backend=backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with translated_errors():
            core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_BodyStream(core_response),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()
