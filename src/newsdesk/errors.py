"""The exception tree of newsdesk.

Third-party errors are wrapped at the boundary (``raise ... from e``) so callers catch only these::

    NewsdeskError
    ├── ConfigurationError          settings that cannot work
    ├── InvalidURLError             not an http(s) URL, or unparseable
    ├── FetchError                  anything that stopped a fetch
    │   ├── BlockedAddressError     resolves to a private/reserved address not allow-listed
    │   ├── TooManyRedirectsError
    │   ├── DeadlineExceededError   connect/read/total time limit passed
    │   ├── ResponseTooLargeError   body or decompressed body over its cap
    │   ├── RobotsDisallowedError   robots.txt forbids the article page
    │   ├── HTTPStatusError         an error status (carries ``status``)
    │   └── ConnectError            DNS, TCP or TLS failure
    ├── FeedError                   a feed that cannot be used
    │   ├── FeedParseError          malformed, unsafe (entity bomb) or not a feed at all
    │   └── NoFeedFoundError        a site URL with no discoverable feed
    ├── OPMLError                   an OPML file that cannot be read
    ├── ExtractionError             a page with no extractable article
    ├── ImageRefusedError           an image not kept: wrong type, too large, undecodable

    ├── IconError                   an image that cannot be a publisher's icon
    ├── ArchiveError                an unreadable input file for ``newsdesk import``
    └── MailError                   a newsletter e-mail that cannot be delivered
        ├── UnknownRecipientError   no newsletter address of that name (SMTP 550)
        └── MessageTooLargeError    over ``NEWSDESK_MAIL_MAX_BYTES`` (SMTP 552)
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Root of every error newsdesk raises on purpose."""


class ConfigurationError(NewsdeskError):
    """Settings that cannot work (bad DATABASE_URL, unwritable data directory...)."""


class InvalidURLError(NewsdeskError):
    """A URL that is not absolute http(s), or cannot be parsed."""


class FetchError(NewsdeskError):
    """Anything that stopped a fetch from producing a response."""


class BlockedAddressError(FetchError):
    """The host resolves to a loopback, private, link-local, multicast or reserved address."""


class TooManyRedirectsError(FetchError):
    """More redirects than the fetch policy allows."""


class DeadlineExceededError(FetchError):
    """A connect, read or total time limit passed."""


class ResponseTooLargeError(FetchError):
    """The body, on the wire or decompressed, is over its cap."""


class RobotsDisallowedError(FetchError):
    """robots.txt of the host forbids fetching this page."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ConnectError(FetchError):
    """DNS, TCP or TLS failure."""


class FeedError(NewsdeskError):
    """A feed that cannot be used."""


class FeedParseError(FeedError):
    """Malformed, unsafe or not a feed at all."""


class NoFeedFoundError(FeedError):
    """A site URL where no feed could be discovered."""


class OPMLError(NewsdeskError):
    """An OPML file that cannot be read."""


class ExtractionError(NewsdeskError):
    """A page from which no article text could be extracted."""


class ImageRefusedError(NewsdeskError):
    """An image newsdesk will not keep: not a raster image type, too large, or undecodable."""


class IconError(NewsdeskError):
    """An image that cannot serve as a publisher's icon (not an image, SVG, too small, not
    square, too many pixels)."""


class ArchiveError(NewsdeskError):
    """An input file for ``newsdesk import`` that cannot be read."""


class MailError(NewsdeskError):
    """A newsletter e-mail that cannot be delivered to its address."""


class UnknownRecipientError(MailError):
    """No newsletter address by that name, or one on another domain."""


class MessageTooLargeError(MailError):
    """A message over the size newsletters may have."""
