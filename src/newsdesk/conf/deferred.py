"""URL configurations imported when first used, not when the site's URLs are loaded.

``deferred(route, module, namespace)`` mounts a namespaced URL configuration by its module's
name. Django imports such a module as soon as anything asks for the site's URL names (the first
``{% url %}`` of any page populates every resolver); a ``DeferredResolver`` waits for a request
under its prefix or a ``reverse()`` in its namespace. The system checks that a server runs at
start-up (``skipping_deferred``) see it empty: what it holds is checked by the test suite, which
loads everything, and a server that never answers under the prefix never builds it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern

_skipping: ContextVar[bool] = ContextVar("skipping_deferred", default=False)


class DeferredResolver(URLResolver):
    """A namespaced resolver whose URL configuration module is imported on first use."""

    @property
    def loaded(self) -> bool:
        return "urlconf_module" in self.__dict__

    @property
    def url_patterns(self) -> Any:
        if not self.loaded and _skipping.get():
            return []
        return URLResolver.url_patterns.func(self)  # type: ignore[attr-defined]

    def _populate(self) -> None:
        # The site's resolver populates every resolver under it, though a namespaced one only
        # needs its namespace there; this one populates when something asks it for a name.
        if self.loaded:
            super()._populate()

    def _reverse_with_prefix(self, *args: Any, **kwargs: Any) -> str:
        self.urlconf_module  # noqa: B018 (imports it)
        return super()._reverse_with_prefix(*args, **kwargs)  # type: ignore[misc]

    @property
    def reverse_dict(self) -> Any:
        self.urlconf_module  # noqa: B018
        return super().reverse_dict

    @property
    def namespace_dict(self) -> Any:
        self.urlconf_module  # noqa: B018
        return super().namespace_dict

    @property
    def app_dict(self) -> Any:
        self.urlconf_module  # noqa: B018
        return super().app_dict


def deferred(route: str, module: str, *, app_name: str, namespace: str) -> DeferredResolver:
    """``path(route, include((module, app_name), namespace))``, imported on first use."""
    pattern = RoutePattern(route, is_endpoint=False)
    return DeferredResolver(pattern, module, app_name=app_name, namespace=namespace)


def load_all() -> None:
    """Import every deferred URL configuration of the site now (a process about to fork its
    workers, so that they share it rather than each building its own)."""
    from django.urls import get_resolver

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, DeferredResolver):
            pattern.urlconf_module  # noqa: B018 (imports it)


@contextlib.contextmanager
def skipping_deferred() -> Iterator[None]:
    """Within: deferred URL configurations not imported yet show no routes (the start-up
    checks of a server)."""
    token = _skipping.set(True)
    try:
        yield
    finally:
        _skipping.reset(token)
