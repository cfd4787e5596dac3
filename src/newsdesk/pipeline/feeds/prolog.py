"""Read what comes before the root element of an XML document: the DOCTYPE and the root's name.

The scan is linear and never recurses: it walks processing instructions, comments and the
DOCTYPE (with its internal subset, quoted strings and comments inside it) up to the first start
tag, skipping stray text before it. It does not parse the document; it tells the callers what
kind of document this is and which entity declarations it carries, so that no DTD ever reaches
an XML parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.errors import FeedParseError

_NAME = re.compile(r"[A-Za-z_][\w.:-]{0,200}")
_DOCTYPE_STOP = re.compile(r"[\"'\[>]")
_SUBSET_STOP = re.compile(r"\]|<!--|<\?|<!")
_DECLARATION_STOP = re.compile(r"[\"'>]")
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s%;]+)\s+(?P<body>.*)>\Z",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class EntityDeclaration:
    """One ``<!ENTITY ...>`` of an internal subset. ``value`` is the literal, unexpanded."""

    name: str
    parameter: bool
    external: bool
    value: str


@dataclass(frozen=True)
class Doctype:
    start: int
    end: int
    entities: tuple[EntityDeclaration, ...] = ()


@dataclass(frozen=True)
class Prolog:
    """``root`` is the root element's qualified name ("" when none was found)."""

    root: str = ""
    root_at: int = -1
    doctypes: tuple[Doctype, ...] = field(default=())

    @property
    def root_local_name(self) -> str:
        return self.root.rsplit(":", 1)[-1].lower()


def scan_prolog(text: str, limit: int | None = None) -> Prolog:
    """Scan ``text`` up to its root start tag (or ``limit`` characters). Raises FeedParseError
    only for a DOCTYPE that never ends."""
    end_of_scan = len(text) if limit is None else min(limit, len(text))
    doctypes: list[Doctype] = []
    pos = 0
    while True:
        lt = text.find("<", pos, end_of_scan)
        if lt < 0:
            return Prolog(doctypes=tuple(doctypes))
        if text.startswith("<?", lt):
            pos = _after(text, "?>", lt + 2)
        elif text.startswith("<!--", lt):
            pos = _after(text, "-->", lt + 4)
        elif text[lt + 2 : lt + 9].upper() == "DOCTYPE" and text.startswith("<!", lt):
            doctype = _scan_doctype(text, lt)
            doctypes.append(doctype)
            pos = doctype.end
        elif text.startswith("<!", lt):
            pos = _after(text, ">", lt + 2)
        else:
            name = _NAME.match(text, lt + 1)
            if name is not None:
                return Prolog(root=name.group(), root_at=lt, doctypes=tuple(doctypes))
            pos = lt + 1
        if pos < 0:
            return Prolog(doctypes=tuple(doctypes))


def _after(text: str, marker: str, start: int) -> int:
    found = text.find(marker, start)
    return -1 if found < 0 else found + len(marker)


def _scan_doctype(text: str, start: int) -> Doctype:
    """The DOCTYPE starting at ``start``: its extent and the entity declarations inside it."""
    entities: list[EntityDeclaration] = []
    pos = start + len("<!DOCTYPE")
    while (stop := _DOCTYPE_STOP.search(text, pos)) is not None:
        found = stop.group()
        if found == ">":
            return Doctype(start, stop.end(), tuple(entities))
        if found == "[":
            pos = _scan_internal_subset(text, stop.end(), entities)
        else:
            pos = _after(text, found, stop.end())
            if pos < 0:
                break
    raise FeedParseError("malformed XML: the DOCTYPE declaration never ends")


def _scan_internal_subset(text: str, pos: int, entities: list[EntityDeclaration]) -> int:
    """Walk the internal subset from ``pos``; return the position after its closing ``]``."""
    while pos >= 0 and (stop := _SUBSET_STOP.search(text, pos)) is not None:
        found = stop.group()
        if found == "]":
            return stop.end()
        if found == "<!--":
            pos = _after(text, "-->", stop.end())
        elif found == "<?":
            pos = _after(text, "?>", stop.end())
        else:
            pos = _declaration_end(text, stop.end())
            declaration = _entity_declaration(text[stop.start() : pos]) if pos > 0 else None
            if declaration is not None:
                entities.append(declaration)
    raise FeedParseError("malformed XML: the DOCTYPE internal subset never ends")


def _declaration_end(text: str, pos: int) -> int:
    """Position after the ``>`` closing a markup declaration (quoted strings skipped), or -1."""
    while (stop := _DECLARATION_STOP.search(text, pos)) is not None:
        if stop.group() == ">":
            return stop.end()
        pos = _after(text, stop.group(), stop.end())
        if pos < 0:
            break
    return -1


def _entity_declaration(declaration: str) -> EntityDeclaration | None:
    match = _ENTITY_DECL.match(declaration)
    if match is None:
        return None
    body = match.group("body").strip()
    external = body[:6].upper() in ("SYSTEM", "PUBLIC")
    value = ""
    if not external and body[:1] in ("'", '"'):
        closing = body.find(body[0], 1)
        value = body[1:closing] if closing > 0 else body[1:]
    return EntityDeclaration(
        name=match.group("name"),
        parameter=match.group("parameter") is not None,
        external=external,
        value=value,
    )
