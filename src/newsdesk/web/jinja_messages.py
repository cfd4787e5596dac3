"""The translatable strings of the Jinja2 templates, for the translation catalogues.

Django's ``makemessages`` reads Python and Django templates (``{% translate %}``); the Jinja2
templates under ``web/jinja/`` (``cards.py``) call ``gettext``, ``ngettext`` and
``blocktranslate`` as functions, which Django's template scanner does not see, so a refresh would
mark their strings obsolete. This module parses every one of those templates with the site's own
Jinja2 environment (so whatever syntax and extensions the site renders with are understood) and
lists the translation calls in it; the project's ``makemessages`` (``web/management/commands``)
hands them to xgettext as Python calls, and they join the one ``django`` catalogue with every
other string (decision 93).

Jinja2's own extractor (``jinja2.ext.extract_from_ast``, which Babel's ``jinja2`` method uses)
reads positional arguments only, so it would lose ``blocktranslate``'s ``plural=``; here each
function says where its strings are, by position or by keyword (``FUNCTIONS``). A call whose
message is not a literal string cannot be extracted: it is listed apart (``Extraction.unread``)
so the command can warn and the tests can refuse it. ``{# Translators: ... #}`` comments reach
the translators as in Django templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

from newsdesk.web.cards import ENVIRONMENT

# An argument of a translation function: its position, and the keyword it may be passed by.
Argument = tuple[int, str]


@dataclass(frozen=True)
class Function:
    """Where a translation function takes its strings."""

    message: Argument
    plural: Argument | None = None
    context: Argument | None = None


FUNCTIONS: dict[str, Function] = {
    "_": Function(message=(0, "message")),
    "gettext": Function(message=(0, "message")),
    "ngettext": Function(message=(0, "singular"), plural=(1, "plural")),
    "pgettext": Function(context=(0, "context"), message=(1, "message")),
    "npgettext": Function(context=(0, "context"), message=(1, "singular"), plural=(2, "plural")),
    # cards._blocktranslate(message, count=None, plural=None, **values)
    "blocktranslate": Function(message=(0, "message"), plural=(2, "plural")),
}

TRANSLATOR_COMMENT = "Translators"


@dataclass(frozen=True)
class Message:
    """One translatable string of a template, where it is used."""

    line: int
    message: str
    plural: str | None = None
    context: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Unread:
    """A translation call whose strings are not literals: nothing to extract."""

    line: int
    function: str


@dataclass
class Extraction:
    """What one template asks to translate."""

    messages: list[Message] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)


def template_names(environment: jinja2.Environment = ENVIRONMENT) -> list[str]:
    """Every template the site's Jinja2 environment can load, whatever its name."""
    return sorted(environment.list_templates())


def template_messages(name: str, environment: jinja2.Environment = ENVIRONMENT) -> Extraction:
    """The translation calls of the template ``name``."""
    assert environment.loader is not None
    source, _, _ = environment.loader.get_source(environment, name)
    return source_messages(source, name, environment)


def source_messages(
    source: str, name: str | None = None, environment: jinja2.Environment = ENVIRONMENT
) -> Extraction:
    """The translation calls of a template's text (a syntax error is raised, not skipped)."""
    comments = _translator_comments(source, name, environment)
    extraction = Extraction()
    for call in environment.parse(source, name).find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in FUNCTIONS:
            continue
        function = FUNCTIONS[call.node.name]
        message = _literal(call, function.message)
        plural = _literal(call, function.plural) if function.plural else None
        context = _literal(call, function.context) if function.context else None
        if (
            message is None
            or (function.plural is not None and plural is None and _given(call, function.plural))
            or (function.context is not None and context is None)
        ):
            extraction.unread.append(Unread(call.lineno, call.node.name))
            continue
        # A comment goes to the first call on its line or the next one.
        comment = comments.pop(call.lineno, None) or comments.pop(call.lineno - 1, None)
        extraction.messages.append(Message(call.lineno, message, plural, context, comment))
    return extraction


def python_source(messages: list[Message]) -> str:
    """The messages as Python calls xgettext reads, each on its template line, each translator
    comment on the line before its call."""
    lines: dict[int, list[str]] = {}
    for message in messages:
        if message.context is not None and message.plural is not None:
            call = f"npgettext({message.context!r}, {message.message!r}, {message.plural!r}, 0)"
        elif message.context is not None:
            call = f"pgettext({message.context!r}, {message.message!r})"
        elif message.plural is not None:
            call = f"ngettext({message.message!r}, {message.plural!r}, 0)"
        else:
            call = f"gettext({message.message!r})"
        lines.setdefault(message.line, []).append(call)
        if message.comment:
            lines.setdefault(message.line - 1, []).append("# " + " ".join(message.comment.split()))
    last = max(lines, default=0)
    return "".join(_python_line(lines.get(number, [])) for number in range(1, last + 1))


def _python_line(parts: list[str]) -> str:
    calls = [part for part in parts if not part.startswith("#")]
    comments = [part for part in parts if part.startswith("#")]
    return "; ".join(calls) + ("  " if calls and comments else "") + " ".join(comments) + "\n"


def _literal(call: nodes.Call, argument: Argument) -> str | None:
    """The literal string given for ``argument``, or None."""
    position, keyword = argument
    value: nodes.Expr | None = None
    if position < len(call.args):
        value = call.args[position]
    for given in call.kwargs:
        if given.key == keyword:
            value = given.value
    if isinstance(value, nodes.Const) and isinstance(value.value, str):
        return value.value
    return None


def _given(call: nodes.Call, argument: Argument) -> bool:
    position, keyword = argument
    return position < len(call.args) or any(given.key == keyword for given in call.kwargs)


def _translator_comments(
    source: str, name: str | None, environment: jinja2.Environment
) -> dict[int, str]:
    """``{# Translators: ... #}`` comments by the line they end on."""
    comments: dict[int, str] = {}
    for line, kind, value in environment.lex(source, name):
        if kind == "comment" and value.strip().startswith(TRANSLATOR_COMMENT):
            comments[line + value.count("\n")] = value.strip()
    return comments
