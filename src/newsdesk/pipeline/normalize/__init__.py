"""Canonical URLs and content fingerprints: the identity rules of an Article.

An article is identified by its canonical URL: scheme and host lower-cased, default port, fragment
and tracking parameters (utm_*, fbclid, gclid...) removed, the remaining query kept in its order.
``content_hash`` tells whether a re-published item really changed; ``registered_domain`` names
who owns an address (publisher credit compares these).
"""

from newsdesk.pipeline.normalize.domains import registered_domain
from newsdesk.pipeline.normalize.urls import canonicalize_url, content_hash, is_tracking_param

__all__ = ["canonicalize_url", "content_hash", "is_tracking_param", "registered_domain"]
