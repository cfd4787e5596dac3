"""Headlines without the publisher's name: "Ferry fares frozen | Harbour Post" → "Ferry fares
frozen".

Feeds and pages often add the publisher's name to each title, after (or before) a separator:
``|``, ``-``, ``–``, ``—``, ``::``, ``·``, ``•``, ``»`` or ``/`` (spaced), or a colon after a
leading name ("Harbour Post: ..."). The name is removed when that
part of the title is one of the publisher's names (the source's name, the page's site name, the
host without ``www.`` and without its ending, or the host itself), compared without case,
accents, spaces, punctuation, or a leading "The". Only one such part at each end is removed, and
never when too little would be left (a title that is only the name stays as it is). A part that
is not the publisher's name, such as a section ("Politics"), is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# A separator between a headline and the publisher's name, spaced on both sides (a hyphen inside
# a word, "COVID-19", or a colon in "Update: ..." is no separator).
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::?|·|•|»|/)\s+")
MIN_WORDS_LEFT = 2


def strip_publisher(title: str, names: Iterable[str]) -> str:
    """``title`` without a leading or trailing part that names the publisher."""
    keys = {key for key in (_key(name) for name in _variants(names)) if len(key) >= 2}
    if not keys or not title:
        return title
    head, colon, rest = title.partition(": ")
    if colon and _key(head) in keys and len(rest.split()) >= MIN_WORDS_LEFT:
        title = rest  # "Harbour Post: Ferry fares frozen"
    parts = _SEPARATOR.split(title)
    separators = _SEPARATOR.findall(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    if _key(parts[-1]) in keys:
        end -= 1
    if end - start > 1 and _key(parts[0]) in keys:
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    kept = parts[start]
    for index in range(start + 1, end):
        kept += separators[index - 1] + parts[index]
    return kept if len(kept.split()) >= MIN_WORDS_LEFT else title


def _variants(names: Iterable[str]) -> Iterable[str]:
    """Each name, and for a host name also the host without ``www.`` and without its ending."""
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        yield name
        host = name.lower().removeprefix("www.")
        if re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host):
            yield host
            yield host.split(".")[0]


def _key(text: str) -> str:
    """A name reduced for comparison: no accents, case, spaces, punctuation or leading 'the'."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    plain = re.sub(r"^the\s+", "", plain.strip())
    return re.sub(r"[\W_]+", "", plain)
