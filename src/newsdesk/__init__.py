"""newsdesk: a self-hostable news aggregation platform.

Gathers articles from many publishers, extracts their full text, removes duplicates and serves
them. See docs/dev/architecture.md for the layers; imports point downward only.
"""

__version__ = "0.1.0"
