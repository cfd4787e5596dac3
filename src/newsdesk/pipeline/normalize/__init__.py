"""Canonical URLs and content fingerprints: the identity rules of an Article.

An article is identified by its canonical URL: scheme and host lower-cased, the host in IDNA
(punycode), default port, credentials, fragment and tracking parameters (utm_*, fbclid, gclid...)
removed, dot segments and empty path segments resolved, percent-encoding normalised (w3lib), the
remaining query sorted by name then value. ``content_hash`` tells whether a re-published item
really changed; ``registered_domain`` names who owns an address (publisher credit compares these).
"""

from newsdesk.pipeline.normalize.domains import registered_domain
from newsdesk.pipeline.normalize.urls import canonicalize_url, content_hash, is_tracking_param

__all__ = ["canonicalize_url", "content_hash", "is_tracking_param", "registered_domain"]
