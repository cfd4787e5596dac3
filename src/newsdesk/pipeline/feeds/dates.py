"""Dates found in feeds, read into aware UTC datetimes.

Feeds write dates as RFC 822 (RSS ``pubDate``), ISO 8601 / W3C-DTF (Atom, JSON Feed, sitemaps,
Dublin Core), or something near one of those. :func:`parse_datetime` accepts all of them and
returns ``None`` for anything it cannot read with confidence: a missing date is better than an
invented one. A date without a zone is taken as UTC.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz
from functools import lru_cache

# Longer strings are not dates; refusing them keeps every pattern below cheap.
_MAX_DATE_CHARS = 80

_ISO = re.compile(
    r"""
    (?P<year>\d{4})
    (?:-?(?P<month>\d{2})
      (?:-?(?P<day>\d{2})
        (?:[Tt\s]+(?P<hour>\d{2}):?(?P<minute>\d{2})
          (?::?(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
        )?
      )?
    )?
    \s*(?P<zone>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?
    """,
    re.VERBOSE,
)

# Zone abbreviations met in RSS dates beyond the few RFC 822 defines (offsets in hours).
_ZONES: dict[str, float] = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "MET": 1,
    "CEST": 2,
    "MEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "SGT": 8,
    "HKT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
}
_TRAILING_ZONE = re.compile(r"\s([A-Za-z]{1,5})$")
_WEEKDAY_PREFIX = re.compile(r"^[A-Za-z]+\.?,?\s+(?=\d)")


def parse_datetime(value: str | None) -> datetime | None:
    """Read a feed date into an aware UTC datetime, or ``None`` when it cannot be read."""
    if not value or len(value) > 4 * _MAX_DATE_CHARS:
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    if text[:4].isdigit():
        return _parse_iso(text)
    return _parse_rfc822(text)


@lru_cache(maxsize=8192)
def cached_datetime(value: str) -> datetime | None:
    """:func:`parse_datetime`, remembered: a feed's dates repeat from one check to the next."""
    return parse_datetime(value)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """A UTC ``struct_time`` (as feedparser gives them) as an aware datetime."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _parse_iso(text: str) -> datetime | None:
    if len(text) >= 19 and text[10] == "T":
        try:  # the common, complete form; datetime's own reader is the fastest
            return _to_utc(datetime.fromisoformat(text.replace("z", "Z")), None)
        except ValueError:
            pass
    match = _ISO.fullmatch(text)
    if match is None:
        return _parse_rfc822(text)
    parts = match.groupdict()
    fraction = (parts["fraction"] or "0")[:6].ljust(6, "0")
    try:
        moment = datetime(
            int(parts["year"]),
            int(parts["month"] or 1),
            int(parts["day"] or 1),
            _hour(parts["hour"]),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            int(fraction),
        )
        if parts["hour"] == "24":
            moment += timedelta(days=1)
        return _to_utc(moment, _iso_offset(parts["zone"]))
    except (ValueError, OverflowError):
        return None


def _hour(value: str | None) -> int:
    # 24:00:00 is the end of a day in ISO 8601; it is read as 00:00 of the next one.
    hour = int(value or 0)
    return 0 if hour == 24 else hour


def _iso_offset(zone: str | None) -> timedelta | None:
    if zone is None or zone.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return sign * timedelta(hours=hours, minutes=minutes)


def _parse_rfc822(text: str) -> datetime | None:
    text = _WEEKDAY_PREFIX.sub("", text)
    zone_offset: timedelta | None = None
    zone = _TRAILING_ZONE.search(text)
    if zone is not None and zone.group(1).upper() in _ZONES:
        zone_offset = timedelta(hours=_ZONES[zone.group(1).upper()])
        text = text[: zone.start()]
    try:
        parsed = parsedate_tz(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None or parsed[0] < 1 or not 1 <= parsed[1] <= 12:
        return None
    if zone_offset is None and parsed[9] is not None:
        zone_offset = timedelta(seconds=parsed[9])
    try:
        moment = datetime(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5])
    except (ValueError, OverflowError):
        return None
    return _to_utc(moment, zone_offset)


def _to_utc(moment: datetime, offset: timedelta | None) -> datetime | None:
    """``moment`` in UTC: its own zone if it has one, else ``offset``, else UTC."""
    if offset is not None and abs(offset) >= timedelta(hours=24):
        return None
    try:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone(offset or timedelta(0)))
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
